"""The fast frequency lookup gives wordfreq's figures exactly."""

from __future__ import annotations

import subprocess
import sys

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


def test_restoring_text_leaves_wordfreqs_own_word_dict_unbuilt() -> None:
    """wordfreq's dict of its English words takes about 30 MB in a process; the lookup
    holds the same figures in a tenth of that, so nothing should build the dict."""
    code = (
        "import restore, wordfreq\n"
        "restore.restore('The Securities and Change Fee mentioned on Tuesday that the firm’s "
        "newest plans for the 2020s don’t meet its guidelines, and that buyers who put cash "
        "into the fund additionally face prices well above what the regulator expected. "
        "Officials from several nations said they would study the proposal closely before "
        "any vote.')\n"
        "print(wordfreq.get_frequency_dict.cache_info().currsize, "
        "wordfreq.get_frequency_list.cache_info().currsize)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert done.stdout.split() == ["0", "0"]
