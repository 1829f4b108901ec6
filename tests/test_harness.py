"""The quality harness measures what it says: metrics on known cases, a faithful simulator."""

from __future__ import annotations

import gzip
import json
import sys
from collections import defaultdict
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

import metrics  # noqa: E402
import spinner  # noqa: E402

from restore.text import count_words  # noqa: E402

CORPUS = BENCHMARKS.parent / ".." / "shared" / "corpus" / "whitehouse_statements" / "docs.jsonl"
needs_mythes = pytest.mark.skipif(
    not spinner.MYTHES_DAT.exists(),
    reason=f"{spinner.MYTHES_DAT} absent: install the Debian package mythes-en-us",
)
needs_corpus = pytest.mark.skipif(
    not CORPUS.exists(), reason="../shared corpus absent (a user's clone); CI has it"
)

SPUN = "We additionally mentioned the imaginative and prescient."
ORIGINAL = "We also said the vision."


def test_identity_closes_no_gap() -> None:
    d = metrics.distance(SPUN, ORIGINAL)
    assert d > 0
    assert metrics.gap_closed([d], [metrics.distance(SPUN, ORIGINAL)]) == 0.0


def test_perfect_restore_closes_the_whole_gap() -> None:
    d = metrics.distance(SPUN, ORIGINAL)
    assert metrics.gap_closed([d], [metrics.distance(ORIGINAL, ORIGINAL)]) == 1.0


def test_harmful_restore_goes_negative() -> None:
    assert metrics.gap_closed([2], [3]) < 0


def test_distance_ignores_case_and_spacing_but_not_punctuation() -> None:
    assert metrics.distance("The  Vision", "the vision") == 0
    assert metrics.distance("the vision.", "the vision") == 1


def test_edit_precision_counts_only_changed_tokens() -> None:
    perfect = metrics.edit_counts(SPUN, ORIGINAL, ORIGINAL)
    assert perfect.changed > 0
    assert perfect.precision == 1.0
    assert metrics.edit_counts(SPUN, SPUN, ORIGINAL).changed == 0
    wrong = metrics.edit_counts("we also said", "we too said", "we also said")
    assert wrong == metrics.EditCounts(changed=1, correct=0)


def test_swaps_fixed_needs_a_touch_and_the_original_back() -> None:
    spun, original = "a brand new deal", "a new deal"
    swap = [(2, 11, 2, 5)]
    assert metrics.swaps_fixed(spun, spun, original, swap) == [False]
    assert metrics.swaps_fixed(spun, original, original, swap) == [True]


def test_auc_of_separators() -> None:
    assert metrics.auc([0.9, 0.8], [0.1, 0.2]) == 1.0
    assert metrics.auc([0.1, 0.2], [0.9, 0.8]) == 0.0
    assert metrics.auc([0.5, 0.5], [0.5, 0.5]) == 0.5


def test_calibration_bins_and_brier() -> None:
    cal = metrics.calibration([0.05, 0.05, 0.95, 0.95], [0, 0, 1, 1])
    assert cal.brier == pytest.approx(0.0025)
    used = [b for b in cal.bins if b[2]]
    assert [(n, observed) for _, _, n, _, observed in used] == [(2, 0.0), (2, 1.0)]
    assert metrics.calibration([1.0], [1]).bins[-1][2] == 1  # a score of 1 lands in the top bin


def _held_out_texts(n: int) -> list[tuple[str, str]]:
    import zlib

    found = []
    with CORPUS.open(encoding="utf-8") as lines:
        for line in lines:
            doc = json.loads(line)
            if zlib.crc32(doc["id"].encode("utf-8")) % 5 == 0:
                found.append((doc["id"], doc["text"]))
                if len(found) == n:
                    break
    return found


@needs_mythes
def test_spinner_is_deterministic_for_a_seed() -> None:
    text = "The company said the new policy will help workers every year. " * 3
    assert spinner.spin(text, seed=3, key="k") == spinner.spin(text, seed=3, key="k")
    assert spinner.spin(text, seed=3, key="k").text != text


@needs_mythes
def test_spinner_keeps_case_and_leaves_articles_broken() -> None:
    spun = spinner.spin("Also, an idea. Also a vision.", seed=0, hand_rate=1.0, rate=0.0)
    assert spun.text == "Additionally, an idea. Additionally a imaginative and prescient."


@needs_mythes
@needs_corpus
def test_spinner_alignment_reproduces_the_original() -> None:
    for doc_id, text in _held_out_texts(20):
        spun = spinner.spin(text, seed=1, key=doc_id)
        assert spinner.unspin(spun) == text
        for swap in spun.swaps:
            assert spun.text[swap.spun_start : swap.spun_end]
            assert spun.original[swap.original_start : swap.original_end]


@needs_mythes
@needs_corpus
def test_spinner_maps_each_word_one_way_per_document() -> None:
    for doc_id, text in _held_out_texts(20):
        spun = spinner.spin(text, seed=2, key=doc_id, spintax_rate=0.0)
        replacements: dict[str, set[str]] = defaultdict(set)
        for swap in spun.swaps:
            if swap.kind == "thesaurus":
                original = text[swap.original_start : swap.original_end].casefold()
                replacements[original].add(spun.text[swap.spun_start : swap.spun_end].casefold())
        assert all(len(r) == 1 for r in replacements.values()), replacements


@needs_mythes
@needs_corpus
def test_spinner_swap_rate_is_like_real_spun_news() -> None:
    changed = total = 0
    for doc_id, text in _held_out_texts(30):
        spun = spinner.spin(text, seed=0, key=doc_id)
        total += len(spinner.WORD_PATTERN.findall(text))
        changed += sum(
            len(spinner.WORD_PATTERN.findall(text[s.original_start : s.original_end]))
            for s in spun.swaps
        )
    assert 0.12 < changed / total < 0.30


def test_other_field_prose_keeps_paragraphs_and_drops_code() -> None:
    import quality

    prose = " ".join(["The tool reads every file and reports each error it finds."] * 3)
    code = "\n".join(["x = {'a': [1, 2, 3], 'b': (4, 5)}  # a comment; f(x) -> y"] * 5)
    kept = quality._prose(f"{prose}\n\n{code}\n\nShort line.\n\n{prose}")
    assert kept == f"{prose}\n\n{prose}"


def test_docstring_set_is_prose_of_standard_library_modules() -> None:
    import quality

    docs = quality.load_docstrings(min_words=150)
    assert docs, "the standard library has modules with long docstrings"
    assert [d["id"] for d in docs] == sorted(d["id"] for d in docs)
    for doc in docs:
        assert doc["id"].endswith(".py")
        assert len(quality.WORD_PATTERN.findall(doc["text"])) >= 150
        assert ">>>" not in doc["text"]


def test_partly_spun_pages_join_a_clean_and_a_spun_document_both_ways() -> None:
    import quality

    docs = [{"id": str(k), "text": f"Clean text number {k}."} for k in range(5)]
    spun = [spinner.spin(d["text"], seed=0, key=d["id"]) for d in docs]
    clean_first, spun_first = quality.partial_pages(docs, spun)
    assert clean_first == [f"{docs[k]['text']}\n\n{spun[k + 1].text}" for k in (0, 2)]
    assert spun_first == [f"{spun[k + 1].text}\n\n{docs[k]['text']}" for k in (0, 2)]


def test_pages_of_three_put_the_spun_document_first_in_the_middle_and_last() -> None:
    import quality

    docs = [{"id": str(k), "text": f"Clean text number {k}."} for k in range(7)]
    spun = [spinner.spin(d["text"], seed=0, key=d["id"]) for d in docs]
    first, middle, last = quality.pages_of_three(docs, spun)
    assert len(first) == len(middle) == len(last) == 2
    for k, (a, b, c) in zip((0, 3), zip(first, middle, last, strict=True), strict=True):
        clean = [docs[k]["text"], docs[k + 1]["text"]]
        assert a.split("\n\n") == [spun[k + 2].text, *clean]
        assert b.split("\n\n") == [clean[0], spun[k + 2].text, clean[1]]
        assert c.split("\n\n") == [*clean, spun[k + 2].text]


def test_a_page_s_clean_documents_count_false_edits_and_its_spun_one_the_gap() -> None:
    import quality

    spun = "We additionally mentioned it."
    pages = [f"The cat sat here.\n\n{spun}\n\nA dog ran there."]
    originals = {spun: "We also said it."}

    def restore_all(page: str) -> str:
        return page.replace("cat", "dog").replace("additionally mentioned", "also said")

    parts = quality.restore_pages(restore_all, pages, 1, originals)
    assert (parts.clean_distance, parts.clean_unchanged, parts.clean_count) == (1, 1, 2)
    assert parts.clean_tokens == len(metrics.tokens("The cat sat here. A dog ran there."))
    assert (parts.spun_distance, parts.restored_distance) == (2, 0)

    def restore_spun(page: str) -> str:
        return page.replace("additionally mentioned", "also said")

    alone = quality.restore_pages(restore_spun, pages, 1, originals)
    assert (alone.clean_distance, alone.clean_unchanged, alone.restored_distance) == (0, 2, 0)
    assert parts + alone == quality.PageParts(1, 2 * parts.clean_tokens, 3, 4, 4, 0)
    with pytest.raises(SystemExit, match="blank lines"):
        quality.restore_pages(lambda p: p.replace("sat", "\n\nsat"), pages, 1, originals)


def test_short_texts_are_paragraphs_of_fifteen_to_ninety_nine_words_each_alone() -> None:
    import quality

    def words(n: int) -> str:
        return " ".join(["word"] * n) + "."

    docs = [
        {"id": "a", "text": f"{words(14)}\n\n{words(15)}\n\n{words(99)}"},
        {"id": "b", "text": f"{words(100)}\n\n  {words(40)}  \n\n{words(20)}"},
    ]
    found = quality.short_texts(docs)
    assert [t["id"] for t in found] == ["a#1", "a#2", "b#1", "b#2"]
    assert [t["text"] for t in found] == [words(15), words(99), words(40), words(20)]
    assert quality.short_texts(docs, count=3)[-1]["id"] == "b#1"
    # A statement's paragraphs are its lines.
    assert [t["id"] for t in quality.short_texts(docs, breaks=r"\n+")] == [
        "a#1",
        "a#2",
        "b#1",
        "b#2",
    ]
    # Elsewhere at blank lines: a paragraph wrapped at line breaks is one.
    wrapped = [{"id": "c", "text": f"{words(20)}\n{words(20)}"}]
    assert [t["id"] for t in quality.short_texts(wrapped)] == ["c#0"]


@needs_mythes
def test_evaluate_counts_false_edits_on_clean_text_and_the_gap_on_spun() -> None:
    import quality

    texts = [
        {"id": "1", "text": "We also said that the new plan will help many people here today."},
        {"id": "2", "text": "The old bridge over the river was closed for repairs last week."},
    ]
    spun = [spinner.spin(t["text"], seed=0, key=t["id"]) for t in texts]
    assert any(s.swaps for s in spun)

    def score(text: str) -> float:
        return 0.5

    identity = quality.evaluate(lambda t: t, score, texts, spun=spun)
    assert (identity["false_edits_per_10k"], identity["clean_identical"]) == (0.0, 1.0)
    assert identity["gap_closed"] == 0.0
    perfect = {s.text: s.original for s in spun}
    right = quality.evaluate(lambda t: perfect.get(t, t), score, texts, spun=spun)
    assert right["gap_closed"] == 1.0 and right["clean_identical"] == 1.0
    harmful = quality.evaluate(lambda t: t.replace("the", "a"), score, texts, spun=spun)
    assert harmful["false_edits_per_10k"] > 0 and harmful["clean_identical"] == 0.0
    # Texts under 100 words give no spin-score figures.
    assert harmful["scored_docs"] == 0


def test_judged_spun_is_the_share_at_one_half_or_more() -> None:
    import quality

    texts = ["a", "b", "c", "d"]
    scores = {"a": 0.1, "b": 0.5, "c": 0.9, "d": 0.49}
    assert quality.judged_spun(scores.__getitem__, texts) == 0.5
    assert quality.judged_spun(scores.__getitem__, []) == 0.0


@needs_corpus
@needs_mythes
def test_the_parallel_benchmarks_corpus_is_held_out_text_every_tenth_spun() -> None:
    import parallel
    import quality

    lines, texts = parallel.corpus_lines(0.2)
    records = [json.loads(line) for line in lines]
    assert sum(len(line.encode("utf-8")) for line in lines) >= 0.2e6
    assert [r["text"] for r in records] == texts
    assert len({r["id"] for r in records}) == len(records)
    held_out = {d["id"]: d["text"] for d in quality.load_held_out(len(records))}
    for k, record in enumerate(records):
        original = held_out[record["id"].rsplit("-", 1)[0]]
        assert (record["text"] != original) == (k % parallel.SPUN_EVERY == 0)


def test_news_set_pairs_each_report_with_its_spun_copy(tmp_path: Path) -> None:
    import quality

    reports = quality.load_news()
    assert len(reports) == len({name for name, _, _ in reports}) >= 8
    for name, spun, original in reports:
        assert spun.strip() and original.strip() and spun != original, name
        # Spun by hand as the real example is: many swaps, the same paragraphs.
        assert metrics.distance(spun, original) > 0.2 * len(metrics.tokens(original)), name
        assert spun.count("\n\n") == original.count("\n\n"), name
    (tmp_path / "lonely.txt").write_text("A report.", encoding="utf-8")
    with pytest.raises(ValueError, match=r"lonely-spun\.txt"):
        quality.load_news(tmp_path)


def test_changed_spans_are_the_runs_an_alignment_does_not_keep() -> None:
    spun = "The firm mentioned, as soon as extra, that yr's outcomes had been good."
    original = "The company said, once more, that year's results were good."
    spans = metrics.changed_spans(spun, original)
    pairs = [(spun[a:b], original[c:d]) for a, b, c, d in spans]
    assert pairs == [
        ("firm mentioned", "company said"),
        ("as soon as extra", "once more"),
        ("yr", "year"),  # "'s" is kept: it is a token of its own
        ("outcomes had been", "results were"),
    ]
    # Each span is a swap the harness can score: restoring all of them fixes all.
    assert metrics.swaps_fixed(spun, original, original, spans) == [True] * 4
    # A word the spinner only dropped leaves no span to restore.
    assert metrics.changed_spans("We met.", "We all met.") == []
    assert metrics.changed_spans(original, original) == []


def test_weights_of_another_training_are_read_from_their_folder(tmp_path: Path) -> None:
    import quality

    from restore import model

    with pytest.raises(SystemExit, match=r"no model\.json"):
        quality.use_weights(tmp_path)
    data = Path(model.__file__).parent / "data"
    (tmp_path / "model.json").write_bytes((data / "model.json").read_bytes())
    # A training whose spinner words say nothing: the gate's evidence from them is nil.
    with gzip.open(tmp_path / "spinner-words.tsv.gz", "wt", encoding="utf-8") as table:
        table.write("# word\tlog ratio\n")
    counts = count_words("Additionally, and additionally.")
    try:
        quality.use_weights(tmp_path)
        assert model.SwapModel([]).spinner_evidence(counts) == 0.0
    finally:
        model._use_weights(None)
    assert model.SwapModel([]).spinner_evidence(counts) > 0.0


def test_found_text_paragraphs_are_read_alone_once_and_only_at_their_length() -> None:
    import found_text

    words = " ".join(["word"] * 20)
    files = [
        ("a.rst", f"Title\n\n{words} one.\n\n{words} two.\n\n  \n{words} one."),
        ("b.md", f"{words} two.\n\n{' '.join(['long'] * 150)}"),
    ]
    found = found_text.paragraphs(files)
    assert [name for name, _ in found] == ["a.rst#1", "a.rst#2"]
    assert all(
        found_text.MIN_WORDS <= len(found_text.WORD_PATTERN.findall(p)) < found_text.MAX_WORDS
        for _, p in found
    )


def test_found_text_reports_a_changed_text_as_false_edits(
    capsys: pytest.CaptureFixture[str],
) -> None:
    import found_text

    clean = "The plan keeps the same name as before."
    spun = "Counterfeit consciousness beats the irregular woodland."
    found_text.report("set", [("clean", clean), ("spun", spun)])
    out = capsys.readouterr().out
    assert "2 texts" in out and "changed 1 (50.00%)" in out
    assert "spun (spin score" in out and "clean (spin score" not in out


@needs_corpus
@needs_mythes
def test_a_clean_statement_sharing_a_half_with_a_spun_one_is_left_alone() -> None:
    """A page of three held-out statements with the spun one first (the PARTLY SPUN set's
    56th) is not judged spun whole; its first half, the spun statement and a clean one, is,
    and is judged again in its own halves: the clean statements come back as they were."""
    import quality

    import restore

    docs = quality.load_held_out(168)
    spun = spinner.spin(docs[167]["text"], seed=0, key=docs[167]["id"]).text
    clean = [docs[165]["text"], docs[166]["text"]]
    page = "\n\n".join([spun, *clean])
    restored = restore.restore(page).split("\n\n")
    assert restored[1:] == clean
    assert restored[0] != spun


@needs_corpus
@needs_mythes
def test_a_short_text_has_its_words_restored_two_or_more_or_none() -> None:
    """In spun paragraphs of held-out statements read alone (the SHORT set's), the model
    restores no word alone: a single word found at the default threshold in a short text is
    reported, held under it (restore.engine._corroborated)."""
    import quality

    import restore

    paragraphs = quality.short_texts(quality.load_held_out(120), breaks=r"\n+", count=300)
    restored_by_the_model = 0
    for paragraph in paragraphs:
        spun = spinner.spin(paragraph["text"], seed=0, key=paragraph["id"]).text
        applied = restore.explain(spun).substitutions
        if len(spun.split()) < 80 and any(s.source.startswith("model:") for s in applied):
            restored_by_the_model += 1
            # A table's finding corroborates a word as another word does.
            assert len({s.original.casefold() for s in applied}) >= 2, (spun, applied)
    assert restored_by_the_model >= 20
