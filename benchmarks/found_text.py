"""False edits on clean text found on the machine, which no figure of ``restore`` was tuned on.

``quality.py`` measures harm on the held-out statements, the installed
distributions' long descriptions and the standard library's docstrings, and
choices were made looking at those figures. This script reads technical
English that none of them holds, as it lies on the machine, and reports what
``restore`` changes in it: every change is a false edit. Its texts keep their
code (doctests, indented blocks, reStructuredText literal blocks), as a crawl of
documentation would. Three sets:

* **files**: the ``.rst`` files of the Python installs (``sys.base_prefix`` and
  the other versions beside it), the ``.md`` files of the installed Python
  packages, and the READMEs, NEWS and text files of the system's packages
  (``/usr/share/doc``, gzipped or not), each a document, duplicates and files
  under 2,000 characters left out;
* **paragraphs**: their paragraphs (at blank lines) of 15 to 99 words, each read
  alone, as a pipeline that restores paragraphs would;
* **docstrings**: the docstrings of each module of the installed third-party
  packages, joined, one document per module of at least 100 words (not the
  standard library's, which ``quality.py`` reads).

The sets depend on what is installed, so the script prints their sizes: compare
figures from one environment only.

    python benchmarks/found_text.py              # all three sets
    python benchmarks/found_text.py --limit 300  # at most 300 texts per set
"""

from __future__ import annotations

import argparse
import ast
import gzip
import re
import sys
import sysconfig
from collections.abc import Iterator, Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))

import metrics  # noqa: E402
import quality  # noqa: E402

import restore  # noqa: E402
from restore.text import WORD_PATTERN  # noqa: E402

#: A file shorter than this is an index or a stub, not prose.
MIN_CHARACTERS = 2000
#: Paragraphs read alone have this many words at least, and fewer than ``MAX_WORDS``: those
#: of ``quality.py``'s SHORT set.
MIN_WORDS, MAX_WORDS = quality.SHORT_MIN_WORDS, quality.MIN_WORDS_FOR_SCORE
#: A module's docstrings make a document from this many words.
MIN_MODULE_WORDS = 100
#: Changed texts listed per set.
SHOWN = 10
#: The documentation of the system's packages, and the files of it that are prose.
SYSTEM_DOCS = Path("/usr/share/doc")
_SYSTEM_DOC = re.compile(r"(?i)(?:readme|news)\b.*|.*\.(?:txt|md)(?:\.gz)?")

_KINDS = (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)


def python_installs() -> list[Path]:
    """The running Python's prefix and the Python installs beside it (pyenv's versions):
    folders that hold a standard library of their own."""
    prefix = Path(sys.base_prefix)
    siblings = sorted(p for p in prefix.parent.iterdir() if p.is_dir() and p != prefix)
    return [prefix, *(p for p in siblings if any(p.glob("lib/python3*/os.py")))]


def found_files() -> list[tuple[str, str]]:
    """``(name, text)`` of the ``.rst`` files of the Python installs and the ``.md`` files of
    the installed packages, in path order, each text once."""
    paths: list[Path] = []
    for install in python_installs():
        paths += sorted((install / "lib").rglob("*.rst"))
    paths += sorted(Path(sysconfig.get_paths()["purelib"]).rglob("*.md"))
    if SYSTEM_DOCS.is_dir():
        paths += sorted(p for p in SYSTEM_DOCS.rglob("*") if _SYSTEM_DOC.match(p.name))
    seen: set[str] = set()
    found = []
    for path in paths:
        try:
            raw = path.read_bytes()
            text = (gzip.decompress(raw) if path.suffix == ".gz" else raw).decode("utf-8")
        except (OSError, EOFError, gzip.BadGzipFile, UnicodeDecodeError):
            continue
        if len(text) >= MIN_CHARACTERS and text not in seen:
            seen.add(text)
            found.append((str(path), text))
    return found


def paragraphs(files: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    """Paragraphs of ``files`` of :data:`MIN_WORDS` to :data:`MAX_WORDS` words, as the SHORT
    set of ``quality.py`` takes them (unstripped), each once."""
    docs = [{"id": name, "text": text} for name, text in files]
    seen: set[str] = set()
    found = []
    for paragraph in quality.short_texts(docs, count=sys.maxsize, strip=False):
        if paragraph["text"] not in seen:
            seen.add(paragraph["text"])
            found.append((paragraph["id"], paragraph["text"]))
    return found


def module_docstrings() -> list[tuple[str, str]]:
    """``(module path, docstrings)`` of the installed third-party packages' modules, tests
    left out."""
    purelib = Path(sysconfig.get_paths()["purelib"])
    found = []
    for path in sorted(purelib.rglob("*.py")):
        if "tests" in path.parts or "test" in path.parts:
            continue
        try:
            tree = ast.parse(path.read_text(encoding="utf-8"))
        except (OSError, SyntaxError, UnicodeDecodeError, ValueError):
            continue
        parts = [ast.get_docstring(node) for node in ast.walk(tree) if isinstance(node, _KINDS)]
        text = "\n\n".join(part for part in parts if part)
        if len(WORD_PATTERN.findall(text)) >= MIN_MODULE_WORDS:
            found.append((str(path.relative_to(purelib)), text))
    return found


def report(label: str, texts: Sequence[tuple[str, str]]) -> None:
    """Restore each text and print how many change and the false edits per 10k tokens
    (token edit distance to the text as it was, as ``quality.py`` counts them)."""
    changed: list[tuple[str, restore.Restored]] = []
    edited = tokens = 0
    for name, text in texts:
        tokens += len(metrics.tokens(text))
        explained = restore.explain(text)
        if explained.text != text:
            changed.append((name, explained))
            edited += metrics.distance(explained.text, text)
    share = len(changed) / max(len(texts), 1)
    print(
        f"{label}: {len(texts)} texts, {tokens:,} tokens; changed {len(changed)} "
        f"({share:.2%}), false edits {1e4 * edited / max(tokens, 1):.2f} per 10k tokens"
    )
    for name, explained in changed[:SHOWN]:
        swaps = ", ".join(f"{s.original!r} -> {s.suggestion!r}" for s in explained.substitutions)
        print(f"  {name} (spin score {explained.spin_score:.3f}): {swaps}")


def limited(texts: list[tuple[str, str]], limit: int | None) -> list[tuple[str, str]]:
    return texts if limit is None else texts[:limit]


def sets(limit: int | None) -> Iterator[tuple[str, list[tuple[str, str]]]]:
    files = found_files()
    yield "files (.rst, .md, /usr/share/doc)", limited(files, limit)
    yield "their paragraphs, read alone", limited(paragraphs(files), limit)
    yield "third-party module docstrings", limited(module_docstrings(), limit)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="at most this many texts a set")
    args = parser.parse_args(argv)
    print(f"restore {restore.__version__} from {Path(restore.__file__).parent}")
    for label, texts in sets(args.limit):
        report(label, texts)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
