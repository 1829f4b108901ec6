"""Validate the tables in wordlists/ and copy them into the package.

wordlists/ is the source of truth; src/restore/tables/ is the copy the
package ships (so tables load from a wheel and an editable install alike).
Run after editing a table: ``python scripts/sync_tables.py``. With
``--check`` it only verifies that the copies are current and valid, and
exits 1 naming what is off.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from restore.tables import TableError, lint_tables, load_table  # noqa: E402

SOURCE = ROOT / "wordlists"
PACKAGED = ROOT / "src" / "restore" / "tables"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="verify only, copy nothing")
    args = parser.parse_args(argv)
    paths = sorted(SOURCE.glob("*.tsv"))
    try:
        tables = [load_table(path) for path in paths]
    except TableError as error:
        print(f"sync_tables: {error}", file=sys.stderr)
        return 1
    problems = lint_tables(tables)
    for problem in problems:
        print(f"sync_tables: {problem}", file=sys.stderr)
    if problems:
        return 1
    stale = []
    for path in paths:
        target = PACKAGED / path.name
        if not target.exists() or target.read_bytes() != path.read_bytes():
            stale.append(path.name)
            if not args.check:
                shutil.copyfile(path, target)
    extra = sorted({p.name for p in PACKAGED.glob("*.tsv")} - {p.name for p in paths})
    for name in extra:
        stale.append(name)
        if not args.check:
            (PACKAGED / name).unlink()
    for table in tables:
        print(f"{table.name}: {len(table.rows)} rows ({table.kind})")
    if args.check and stale:
        print(f"sync_tables: out of date in the package: {', '.join(stale)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
