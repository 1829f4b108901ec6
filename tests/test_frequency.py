"""The fast frequency lookup gives wordfreq's figures exactly."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from wordfreq import word_frequency, zipf_frequency

from restore import frequency, thesaurus


def test_every_phrase_of_the_reverse_thesaurus_gets_wordfreqs_figures() -> None:
    phrases = set(thesaurus.entries())
    for phrase in list(phrases):
        phrases.update(original for original, _ in thesaurus.lookup(phrase))
    assert len(phrases) > 100_000
    zipf_differs = [p for p in phrases if frequency.zipf(p) != zipf_frequency(p, "en")]
    share_differs = [p for p in phrases if frequency.frequency(p) != word_frequency(p, "en")]
    assert zipf_differs == share_differs == []


@given(
    st.text(alphabet=st.sampled_from("abcz ABZ'’1-éß"), max_size=12)
    | st.lists(st.sampled_from(["the", "well", "nigh", "qwxzv", "a", "don't"])).map(" ".join)
)
def test_any_text_gets_wordfreqs_figures(text: str) -> None:
    assert frequency.frequency(text) == word_frequency(text, "en")
    assert frequency.zipf(text) == zipf_frequency(text, "en")
