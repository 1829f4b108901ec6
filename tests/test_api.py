"""The public API: verbs, values, errors and behaviour at pathological sizes."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SPUN_NEWS

import restore
from restore import Restorer, Substitution

SPUN = "A counterfeit consciousness model beat the irregular woodland."
RESTORED = "An artificial intelligence model beat the random forest."


# The verbs agree -------------------------------------------------------------


def test_restore_explain_find_and_apply_agree() -> None:
    result = restore.explain(SPUN)
    assert result.text == restore.restore(SPUN) == RESTORED
    assert restore.apply(SPUN, result.substitutions) == RESTORED
    # The article the restoration makes wrong is part of its substitution.
    assert {(s.original, s.suggestion) for s in result.substitutions} == {
        ("A counterfeit consciousness", "An artificial intelligence"),
        ("irregular woodland", "random forest"),
    }
    assert covers(result.substitutions, restore.find(SPUN, min_score=restore.DEFAULT_MIN_SCORE))


def covers(applied: tuple[restore.Substitution, ...], found: list[restore.Substitution]) -> bool:
    """Every confident finding lies inside a substitution that was applied."""
    return all(any(s.start <= f.start and f.end <= s.end for s in applied) for f in found)


@pytest.mark.parametrize("threshold", [0.3, 0.6, 0.9, 0.95, 1.0])
def test_find_min_score_filters_and_restore_threshold_applies(threshold: float) -> None:
    # The engine leaves out findings below the threshold early: exactly those.
    everything = restore.find(SPUN, min_score=0.0)
    kept = [s for s in everything if s.score >= threshold]
    assert restore.find(SPUN, min_score=threshold) == kept
    assert restore.restore(SPUN, min_score=threshold) == restore.apply(SPUN, kept)


def test_low_confidence_findings_are_reported_not_applied() -> None:
    text = "Hello {name}, welcome."
    found = restore.find(text)
    assert [s.original for s in found] == ["{name}"]
    assert found[0].score < restore.DEFAULT_MIN_SCORE
    assert restore.restore(text) == text


def test_substitution_is_a_frozen_value_with_source() -> None:
    (sub,) = [s for s in restore.find(SPUN) if s.original == "irregular woodland"]
    with pytest.raises(dataclasses.FrozenInstanceError):
        sub.score = 1.0  # type: ignore[misc]
    assert sub.length == len(sub.original)
    name, _, line = sub.source.partition(":")
    assert name == "tortured-phrases" and line.isdigit()


def test_source_line_points_at_the_row_that_matched() -> None:
    from restore.tables import default_tables

    sub = restore.find("the irregular woodland")[0]
    name, _, line = sub.source.partition(":")
    (table,) = [t for t in default_tables() if t.name == name]
    (row,) = [r for r in table.rows if r.line == int(line)]
    assert row.spun == "irregular woodland"


def test_a_phrase_restored_at_the_start_of_a_sentence_keeps_its_capital() -> None:
    # The date rows' originals hold a capital of their own ("on May 20").
    spun = "The bill passed. On Might 20 the President signed it."
    assert restore.restore(spun) == "The bill passed. On May 20 the President signed it."
    assert restore.restore("It was signed on Might 20.") == "It was signed on May 20."


@pytest.mark.parametrize(
    ("spun", "original"),
    [
        ("The vote is set for Might 20, officials said.", "The vote is set for May 20, "),
        ("Prices have risen since Might 2021.", "Prices have risen since May 2021."),
        ("Might 3, 2022 - The agency said", "May 3, 2022 - The agency said"),
    ],
)
def test_the_month_a_spinner_wrote_as_might_is_restored_before_a_number(
    spun: str, original: str
) -> None:
    # The modal is never followed by a number; the month often is.
    assert restore.restore(spun).startswith(original)
    clean = "The rate might fall 20 percent by May 2022, officials said."
    assert restore.restore(clean) == clean


def test_apply_rejects_substitutions_from_another_text() -> None:
    sub = restore.find(SPUN)[0]
    with pytest.raises(ValueError, match="does not fit"):
        restore.apply("something else entirely, longer than the spun text", [sub])
    with pytest.raises(ValueError, match="overlapping"):
        restore.apply(SPUN, [sub, sub])


def test_spin_score_orders_spun_above_clean() -> None:
    clean = "The committee met on Tuesday to discuss the budget."
    assert 0.0 <= restore.spin_score(clean) < restore.spin_score(SPUN) <= 1.0
    assert restore.is_spun(SPUN)
    assert not restore.is_spun(clean)


# Errors say what to do ---------------------------------------------------------


@pytest.mark.parametrize(
    "verb",
    [restore.restore, restore.find, restore.explain, restore.spin_score, restore.is_spun],
)
@pytest.mark.parametrize("value", [b"bytes", bytearray(b"x"), memoryview(b"x")])
def test_bytes_raise_type_error_saying_decode_first(verb: object, value: object) -> None:
    with pytest.raises(TypeError, match=r"decode it first"):
        verb(value)  # type: ignore[operator]


@pytest.mark.parametrize("value", [None, 3, ["text"]])
def test_other_non_str_raise_type_error_saying_pass_a_str(value: object) -> None:
    with pytest.raises(TypeError, match="pass the text as a str"):
        restore.restore(value)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="pass the text as a str"):
        restore.apply(value, [])  # type: ignore[arg-type]


@pytest.mark.parametrize("bad", [-0.1, 1.5, float("nan")])
def test_restorer_rejects_a_threshold_outside_0_1(bad: float) -> None:
    with pytest.raises(ValueError, match="min_score"):
        Restorer(min_score=bad)


# Custom engines -----------------------------------------------------------------


def test_restorer_threshold_and_model_switch() -> None:
    strict = Restorer(min_score=1.0, model=False)
    assert strict.restore(SPUN) == SPUN
    assert strict.find(SPUN)  # still reported
    assert Restorer(model=False).restore(SPUN) == RESTORED


def test_restorer_without_default_tables_finds_no_phrase() -> None:
    engine = Restorer(default_tables=False, model=False)
    assert engine.find(SPUN) == []
    assert engine.restore("We {like|love} it.") == "We like it."


def test_import_does_no_io() -> None:
    code = (
        "import restore, restore.tables\n"
        "assert restore.tables.default_tables.cache_info().currsize == 0\n"
        "assert 'restore.model' not in __import__('sys').modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).parent)


@pytest.mark.parametrize("loaded", [True, False])
def test_load_reads_all_the_data_before_the_first_text(loaded: bool) -> None:
    # In a fresh process, with every file closed to it after load(), the engine still
    # restores spun text; without load() it must open its data files to do so.
    code = (
        "import builtins, io, restore\n"
        f"engine = restore.Restorer(){'.load()' if loaded else ''}\n"
        "def refuse(*args, **kwargs):\n"
        "    raise SystemExit(f'opened {args[0]}')\n"
        "builtins.open = io.open = refuse\n"
        f"assert engine.restore({SPUN_NEWS!r}) != {SPUN_NEWS!r}\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=Path(__file__).parent
    )
    assert (result.returncode == 0) == loaded, result.stderr
    if not loaded:
        assert "opened" in result.stderr


# Pathological sizes ---------------------------------------------------------------


def check_offsets(text: str, findings: list[Substitution]) -> None:
    end = 0
    for sub in findings:
        assert sub.start >= end
        assert text[sub.start : sub.end] == sub.original
        end = sub.end


def test_five_megabyte_single_line() -> None:
    unit = "the irregular woodland grew near the old mill and "
    text = unit * (5_000_000 // len(unit))
    assert "\n" not in text
    findings = restore.find(text)
    check_offsets(text, findings)
    restored = restore.apply(text, [s for s in findings if s.score >= restore.DEFAULT_MIN_SCORE])
    assert restore.restore(text) == restored
    assert restored.count("random forest") == len(findings)
    assert len(findings) > 0.99 * text.count("irregular woodland")
    assert len(restored) < len(text)


def test_phrase_across_a_segment_boundary_is_found() -> None:
    from restore.engine import SEGMENT_SIZE

    text = "x " * ((SEGMENT_SIZE - 10) // 2) + "irregular woodland " + "y " * 100
    assert [s.original for s in Restorer(model=False).find(text)] == ["irregular woodland"]


def test_one_token_repeated_a_million_times() -> None:
    text = "word " * 1_000_000
    assert restore.restore(text) == text
    assert restore.find(text) == []


def test_one_long_run_of_letters() -> None:
    text = "a" * 2_000_000
    assert restore.restore(text) == text


def test_many_short_documents() -> None:
    engine = restore.default_restorer()
    for i in range(100_000):
        text = "irregular woodland" if i % 1000 == 0 else f"doc {i}."
        out = engine.restore(text)
        assert out == ("random forest" if i % 1000 == 0 else text)


def test_an_engine_that_has_read_spun_text_pickles() -> None:
    # Pipelines send their steps to worker processes pickled, sometimes after a first use.
    import pickle

    engine = restore.Restorer(language_model=False)
    restored = engine.restore(SPUN_NEWS)
    assert restored != SPUN_NEWS
    assert pickle.loads(pickle.dumps(engine)).restore(SPUN_NEWS) == restored
