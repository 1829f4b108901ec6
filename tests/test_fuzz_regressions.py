"""Inputs found by the fuzz harnesses in fuzz/, kept as regression tests.

Open bugs are strict xfails: when one starts passing, drop the xfail.
"""

from __future__ import annotations

import io
import json

import pytest

from restore import Restorer

corpus = pytest.importorskip("restore.corpus")

TABLES_ONLY = Restorer(model=False)


def assert_idempotent(text: str) -> None:
    once = TABLES_ONLY.restore(text)
    assert TABLES_ONLY.restore(once) == once


@pytest.mark.parametrize(
    "text",
    [
        "{a|b}10 overlap cross approval",
        "x{word}https://ex.com/liking chromatography",
        "\x00\ud800 {a|b} İrregular woodland\u0301",
    ],
)
def test_fixed_points(text: str) -> None:
    assert_idempotent(text)


def test_restoration_next_to_a_hashtag_is_idempotent() -> None:
    assert_idempotent("{a|b}#10 overlap cross approval")


@pytest.mark.parametrize("text", ["{a|b}@10 overlap cross approval", "{a|b}#10 overlap"])
def test_restoring_a_spintax_group_protects_no_more_and_no_less_beside_it(text: str) -> None:
    # "@10" after "}" once was a handle, after the restored "a" not: restoring
    # applied what finding the original had not found.
    engine = Restorer()
    findings = engine.find(text)
    result = engine.explain(text)
    for sub in result.substitutions:
        assert any(sub.start <= f.start and f.end <= sub.end for f in findings)
    assert engine.restore(result.text) == result.text


@pytest.mark.parametrize(
    "text",
    [
        # The model once turned the restored "principal component analysis" into
        # "important component analysis", a tortured phrase the table turned
        # back: restoring flipped forever.
        "fluffy rationale focal preparing unit enlivened by the human cerebrum Contrastive "
        "Literacy ACKNOWLEDGEMENT OF CHARACTERS fundamental issue evaluation force weighted "
        "mean recurrence https://ex.com/ HYPOFLUOROUS CORROSIVEOn Might 13 \x1e\\\x00\x01"
        "\x10given%$a\x00e\x00\x01iiiii\x10\x08\x00aaaAfluka kamica",
        "fluffy inferring structure focal preparing unit electronic plan automation "
        "Conventional Steeringactual wonderful feeß \u0af7 fructose bigotry foremost aspect "
        "evaluation conventional steering HOME JUDICIARY COMMITTEE 99\x7f\x0c\x01s\x01\x10"
        "giv/n%$a\x00e\x00\x01iiiii\x10\x08\x00aaaAu\x04G ",
        # An article repaired outside the restored span once made the re-read
        # see other text than the output ("a a" against "an a").
        "genetically related youngster focal preparing unit enlivened by the human "
        "cerebrumFake Treatment Controlleddistinguishing proof of plant illnesses enlivened "
        "by the human cerebrumforwarder rundown cross breed fake bits of data "
        "calculationQuite A Few Chief Of Workers  a {a|b} ",
    ],
)
def test_model_never_writes_a_table_phrase(text: str) -> None:
    from restore import default_restorer

    engine = default_restorer()
    once = engine.restore(text)
    assert once != text
    assert engine.restore(once) == once


def test_replaying_a_repaired_article_repairs_nothing_more() -> None:
    from restore import apply, default_restorer

    text = "\n  a   a  {a|b}across"
    result = default_restorer().explain(text)
    assert apply(text, result.substitutions) == result.text


def test_restoration_that_changes_the_evidence_is_idempotent() -> None:
    # Restoring "{a|b}" unprotects "#APPEALING", so a table phrase now counts
    # as evidence and the lone "{word}" groups become confident.
    from restore import default_restorer

    engine = default_restorer()
    once = engine.restore("{a|b}#APPEALING CHARGE{word}{word}{word}{word}")
    assert engine.restore(once) == once


def test_nested_spintax_is_idempotent() -> None:
    assert_idempotent("{x|{a|b}} c")


def test_restoration_does_not_form_a_new_phrase_with_its_neighbour() -> None:
    assert_idempotent("10 overlap cross approval assault")


def test_text_blocks_never_split_a_crlf() -> None:
    data = b"a\r\nb"
    blocks = list(corpus.text_blocks(io.BytesIO(data), size=2))
    assert b"".join(b.data for b in blocks) == data
    assert not any(b.data.endswith(b"\r") for b in blocks[:-1])
    assert [b.line for b in blocks] == [1, 2][: len(blocks)]


def test_set_field_on_an_empty_object_with_a_line_break() -> None:
    assert json.loads(corpus.set_field("{\r}", "text", "x")) == {"text": "x"}
