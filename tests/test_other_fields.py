"""Clean text from fields the corpus does not cover stays untouched.

The engine's statistics come from press statements. A recipe or a README is
far from them: many of its word pairs are unknown to the collocation model
and some of its ordinary words are ones spinners favour. That distance must
not read as spinning.
"""

from __future__ import annotations

import math
import re
from difflib import SequenceMatcher
from pathlib import Path

import pytest

import restore
from restore import engine, model

TEXTS = Path(__file__).parent / "data" / "other-fields"


def text(name: str) -> str:
    return (TEXTS / f"{name}.txt").read_text(encoding="utf-8")


FIELDS = ["readme", "recipe", "sports", "review"]


@pytest.mark.parametrize("name", FIELDS)
def test_clean_text_of_another_field_comes_back_byte_identical(name: str) -> None:
    original = text(name)
    assert restore.restore(original) == original


@pytest.mark.parametrize("name", FIELDS)
def test_clean_text_of_another_field_is_not_judged_spun(name: str) -> None:
    assert not restore.is_spun(text(name))


def test_a_text_whose_sampled_words_look_spun_is_judged_on_all_its_words(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A sample of a clean text of another field can hold a few words the local model
    # finds strong, words press statements use otherwise, and look spun; read whole, such
    # a text holds few words the model is sure of. Which texts' samples look spun changes
    # with every training, so here the screen and the sample say "spun" whatever the
    # shipped weights say of this report.
    report = text("sports")
    assert not restore.Restorer().is_spun(report)
    monkeypatch.setattr(model.SwapModel, "screen", lambda self, *args: 0.9)
    monkeypatch.setattr(model.SwapModel, "spin_score", lambda self, *args: 0.9)
    assert not restore.Restorer().is_spun(report)
    # Without the second look, the sample's verdict would stand.
    monkeypatch.setattr(model, "JUDGED_WHOLE", math.inf)
    assert restore.Restorer().is_spun(report)


PAGES = Path(__file__).parent / "data" / "pages"


def page_part(name: str) -> str:
    return (PAGES / f"{name}.txt").read_text(encoding="utf-8")


NEWS = Path(__file__).resolve().parents[1] / "benchmarks" / "data" / "news"


def report(name: str) -> str:
    return (NEWS / f"{name}.txt").read_text(encoding="utf-8")


def test_a_spun_article_below_a_clean_one_is_found_and_the_clean_one_left_alone() -> None:
    clean, spun = page_part("clean"), page_part("spun")
    page = clean + "\n\n" + spun
    assert restore.is_spun(page)
    restored = restore.restore(page)
    # The spun half is restored as it is when it stands alone, the clean one not at all.
    assert restore.restore(spun) != spun
    assert restored == clean + "\n\n" + restore.restore(spun)


@pytest.mark.parametrize("spun_first_half", [True, False])
def test_a_spun_article_sharing_a_half_with_a_clean_one_is_found(
    spun_first_half: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A spintax group in each clean text: reported, not applied, in clean text.
    group = " We will act {quickly|fast}."
    clean, other = page_part("clean") + group, page_part("clean-too") + group
    spun = page_part("spun")
    parts = [other, spun, clean] if spun_first_half else [clean, spun, other]
    page = "\n\n".join(parts)
    # The spun statement and a clean one make one half of the page: a half the screen
    # finds suspect, but too mixed to be read alone, so its halves are looked at in turn.
    # How suspect the screen finds such a half changes with every training (the quality
    # benchmark counts how often pages of three are found), so here the screen is made to
    # say so; the spun statement, found alone, is judged and restored by the model.
    real_screen = model.SwapModel.screen

    def screen(self: model.SwapModel, text: str, *args: object) -> float:
        share = len(spun.strip()) / len(text.strip()) if spun.strip() in text else 0.0
        if share < 0.4:  # a clean text, or the whole page
            return min(real_screen(self, text, *args), 0.1)  # type: ignore[arg-type]
        return 0.9 if share == 1.0 else 0.45

    monkeypatch.setattr(model.SwapModel, "screen", screen)
    assert restore.is_spun(page)
    assert restore.restore(spun) != spun
    assert restore.restore(page) == "\n\n".join([parts[0], restore.restore(spun), parts[2]])
    # What the clean texts hold is still reported, the one beside the spun text too.
    groups = [f.start for f in restore.find(page) if f.original == "{quickly|fast}"]
    assert groups == [m.start() for m in re.finditer(re.escape("{quickly|fast}"), page)]


def opening(text: str) -> str:
    """The first three paragraphs of ``text`` as one: a short article, 110 to 135 words."""
    return " ".join(p.replace("\n", " ") for p in text.split("\n\n")[:3])


# A short spun article beside a longer clean text: judged whole, the clean text hides it; its
# half of the page, judged apart, is found (quality.py counts how often over many pages).
@pytest.mark.parametrize("name", ["court", "school"])
@pytest.mark.parametrize("spun_first", [True, False])
def test_a_short_spun_article_beside_a_clean_text_is_found(name: str, spun_first: bool) -> None:
    clean, spun = page_part("clean"), opening(report(f"{name}-spun"))
    page = f"{spun}\n\n{clean}" if spun_first else f"{clean}\n\n{spun}"
    assert restore.is_spun(page)
    restored = restore.restore(page).split("\n\n")
    assert restored[0 if spun_first else 1] != spun


def test_a_short_spun_article_below_a_long_clean_text_is_screened_as_it_would_be_alone() -> None:
    # The share of improbable word pairs in each half is measured on a sample of its own:
    # from the page's one sample, the short half got a sixth of it and looked cleaner.
    clean = " ".join(page_part(name).strip().replace("\n", " ") for name in ("clean", "clean-too"))
    spun = opening(report("health-spun"))
    page = f"{clean}\n\n{spun}"
    assert restore.is_spun(page)
    restored = restore.restore(page).split("\n\n")
    assert restored[0] == clean
    assert restored[1] != spun


def test_a_half_the_screen_doubts_is_read_where_the_words_spinners_overuse_say_so(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The screen's verdict on a short half changes with every training; here it is made to
    # doubt the spun half (under HALF_SCREEN, over SCREEN_THRESHOLD), and that half is read
    # as a whole document would be: for the words spinners overuse in it ("yr", "extra").
    clean = page_part("clean").strip().replace("\n", " ")
    spun = opening(report("health-spun"))
    page = f"{clean}\n\n{spun}"
    real_screen = model.SwapModel.screen

    def screen(self: model.SwapModel, text: str, *args: object) -> float:
        if text.strip() == spun:
            return 0.45
        return min(real_screen(self, text, *args), 0.1)  # type: ignore[arg-type]

    monkeypatch.setattr(model.SwapModel, "screen", screen)
    assert engine.HALF_SCREEN > 0.45 > engine.SCREEN_THRESHOLD
    assert restore.is_spun(page)
    assert restore.restore(page).split("\n\n")[0] == clean
    monkeypatch.setattr(engine, "OVERUSE_TO_READ", math.inf)
    assert not restore.is_spun(page)


# A page judged spun as a whole is read as a whole, and the model finds confident swaps in
# the clean text beside the spun one too ("backing" -> "support", "legislation" -> "law"
# here). Each half of such a page is judged again on the decisions of its own words, and a
# half that reads as clean keeps none.
def test_the_clean_text_beside_a_spun_article_judged_whole_is_left_alone() -> None:
    clean, spun = page_part("clean"), opening(report("school-spun"))
    page = f"{spun}\n\n{clean}"
    assert restore.is_spun(page)
    assert restore.restore(page).split("\n\n")[1] == clean


@pytest.mark.parametrize(
    "name", sorted(p.stem.removesuffix("-spun") for p in NEWS.glob("*-spun.txt"))
)
def test_a_short_clean_article_beside_a_clean_text_is_left_alone(name: str) -> None:
    original = opening(report(name))
    for page in (page_part("clean") + "\n\n" + original, original + "\n\n" + page_part("clean")):
        assert restore.restore(page) == page
        assert not restore.is_spun(page)


def test_a_page_of_two_clean_texts_is_not_judged_in_halves_into_spinning() -> None:
    page = page_part("clean") + "\n\n" + page_part("spun-original")
    assert restore.restore(page) == page
    assert not restore.is_spun(page)


@pytest.mark.parametrize("name", ["sports", "culture", "court", "science"])
def test_a_clean_news_report_is_left_alone(name: str) -> None:
    original = report(name)
    assert restore.restore(original) == original
    assert not restore.is_spun(original)


# Narrative news uses "he", "had", "it", "minutes" far more than press statements do. The
# spinner-word evidence was fitted as log(rate in synthetic spun statements / rate in clean
# ones), capped at the ratio to general English; for such words that cap is negative, so they
# read as evidence of clean text, and the screen clears the spun festival report. The words
# spinners overuse ("yr", "finances", "practically") are as dense in it as in spun statements,
# so it is read all the same, and judged spun on what its words would be restored to.
@pytest.mark.parametrize("name", ["sports", "culture"])
def test_spun_narrative_news_is_judged_spun(name: str) -> None:
    assert restore.is_spun(report(f"{name}-spun"))


@pytest.mark.parametrize("name", ["court", "finance"])
def test_restoring_a_spun_news_report_brings_it_closer_to_its_original(name: str) -> None:
    original = re.findall(r"\w+", report(name).lower())
    spun = report(f"{name}-spun")

    def shared(text: str) -> int:
        tokens = re.findall(r"\w+", text.lower())
        return sum(b.size for b in SequenceMatcher(None, tokens, original).get_matching_blocks())

    assert shared(restore.restore(spun)) > shared(spun)


def test_a_spinner_s_dotted_abbreviation_is_restored_with_its_dots() -> None:
    # "percent" -> "p.c.": a curated swap written with dots. Inside a sentence the last dot is
    # the abbreviation's; at a sentence's end it is also the full stop, and stays.
    spun = report("finance-spun").replace("0.4 p.c in", "0.4 p.c. in")
    spun = spun.replace("Shares fell sharply", "Shares (e.g. banks) fell sharply")
    assert "0.4 p.c. in" in spun and "3.5 p.c. Rising" in spun
    restored = restore.restore(spun)
    assert "0.4 percent in" in restored
    assert "3.5 percent. Rising" in restored
    assert "1.8 percent, its" in restored
    assert "p.c" not in restored
    # A Latin abbreviation the thesaurus lists ("e g": "for example") is not a spinner's.
    assert "(e.g. banks)" in restored


def test_a_dotted_abbreviation_in_clean_text_is_left_alone() -> None:
    # "p.c." is how some clean English writes per cent.
    clean = report("finance").replace("percent", "p.c.")
    assert restore.restore(clean) == clean
