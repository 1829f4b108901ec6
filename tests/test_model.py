"""The swap model: orderings of its evidence, and how the engine uses it.

The texts below are written for these tests: a plain business paragraph,
and the same paragraph run through the kind of word-by-word swaps news
spinners make.
"""

from __future__ import annotations

import functools
import importlib.util
import math
import operator
import random
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

import restore
from restore import ngrams
from restore.engine import SPUN_THRESHOLD, corpus_probability
from restore.findings import Substitution
from restore.model import (
    CANDIDATE_FEATURES,
    DOCUMENT_FEATURES,
    FEATURES,
    MODALS,
    OUT_OF_FIELD,
    UNLIKELY_RELATIONS,
    UNLIKELY_SCORE,
    WORD_FEATURES,
    Candidate,
    Decision,
    SwapModel,
    broken_pairs,
    is_held,
    tree_input,
    zipf,
)
from restore.text import count_words

CLEAN = (
    "The company said on Monday that its latest results were better than investors had "
    "expected. Revenue rose nearly ten percent from last year, and the firm also raised its "
    "forecast for the rest of the year. The chief executive said the company would spend more "
    "money on research and would only hire where demand was strong. Analysts said the results "
    "showed that the business was growing again after a difficult period. Shares rose sharply "
    "in early trading, and investors said they believed the recovery would continue. The "
    "company also said it planned to open new offices in several countries over the next year."
)
CLEAN_TOO = (
    "The city council met on Tuesday evening to discuss the new budget for schools and roads. "
    "Members agreed that the plan would raise spending on repairs, and several said the money "
    "should go first to the oldest buildings. The mayor told reporters that she expected the vote "
    "to pass next month, although two members said they wanted more time to study the costs."
)
SPUN = (
    "The firm mentioned on Monday that its newest outcomes had been higher than buyers had "
    "anticipated. Income rose almost ten % from final yr, and the agency additionally raised "
    "its forecast for the remainder of the yr. The chief government mentioned the firm would "
    "spend extra cash on analysis and would solely rent the place demand was robust. Analysts "
    "mentioned the outcomes confirmed that the enterprise was rising once more after a "
    "troublesome interval. Shares rose sharply in early buying and selling, and buyers "
    "mentioned they believed the restoration would proceed. The firm additionally mentioned it "
    "deliberate to open new places of work in a number of nations over the following yr."
)


def test_spun_text_scores_far_above_its_original() -> None:
    # A hundred words of news, every other sentence about money: the clean
    # original is a hard case for the gate, and scores near 0.1.
    assert restore.spin_score(SPUN) > 0.99 > 0.2 > restore.spin_score(CLEAN)
    assert restore.is_spun(SPUN) and not restore.is_spun(CLEAN)


def test_clean_text_comes_back_unchanged() -> None:
    assert restore.restore(CLEAN) == CLEAN
    assert restore.explain(CLEAN).substitutions == ()


def test_a_word_is_decided_once_for_the_whole_document() -> None:
    mentioned = [s for s in restore.find(SPUN) if s.original == "mentioned"]
    assert len(mentioned) == SPUN.count("mentioned")
    assert {(s.suggestion, s.score, s.source) for s in mentioned} == {
        (mentioned[0].suggestion, mentioned[0].score, mentioned[0].source)
    }
    assert mentioned[0].suggestion == "said"


def test_confident_swaps_are_restored_and_explained() -> None:
    result = restore.explain(SPUN)
    restored = {s.original.casefold(): s.suggestion.casefold() for s in result.substitutions}
    assert restored.get("additionally") == "also"
    assert restored.get("buying and selling") == "trading"
    assert result.text.count("also") == SPUN.count("additionally")
    for sub in result.substitutions:
        assert sub.score >= restore.DEFAULT_MIN_SCORE
        assert sub.source.startswith("model:") and sub.source.count(":") == 2


HEALTH_SPUN = (
    "Researchers mentioned that sufferers with weight problems and excessive blood strain had "
    "the next threat of coronary heart illness. The examine adopted 5,000 adults for ten years. "
    "Those that saved a wholesome food plan had decrease ldl cholesterol, the researchers "
    "mentioned. The group now plans to check most cancers threat as effectively, and to measure "
    "how a lot a photo voltaic farm close by adjustments native air high quality."
)
HEALTH_CLEAN = (
    "Most cancers are found early when people see a doctor every year. Patients with weight "
    "problems and high blood pressure should ask about LDL cholesterol. The clinic will provide "
    "you with a plan, and you may find yourself cooking more: prepare dinner at home, choose a "
    "price range that works, and walk when you can. Site visitors can read about each program."
)


def _assert_restores(text: str, swaps: list[tuple[str, str]]) -> None:
    """Each ``(spun, original)`` of ``text`` comes out restored."""
    restored = restore.restore(text)
    for spun, original in swaps:
        assert spun not in restored and original in restored, spun


def test_a_spinner_s_multiword_renderings_are_restored_where_the_text_is_spun() -> None:
    # Curated candidates that the thesaurus lacks; each is clean English too
    # ("most cancers are", "weight problems"), so only the spun paragraph changes.
    _assert_restores(
        HEALTH_SPUN,
        [
            ("weight problems", "obesity"),
            ("blood strain", "blood pressure"),
            ("ldl cholesterol", "cholesterol"),
            ("most cancers", "cancer"),
            ("photo voltaic", "solar"),
        ],
    )
    assert restore.restore(HEALTH_CLEAN) == HEALTH_CLEAN
    assert not restore.is_spun(HEALTH_CLEAN)


BAKERY_SPUN = (
    "The proprietor of the bakery mentioned gross sales have grown almost 30 % this yr. "
    "Volunteers assist her run the store on weekends, and a grant will assist her rent two "
    "extra employees. Prospects come from round the county, she mentioned, and solely a "
    "few of them reside in the city. Almost half order on-line. The outcomes have been "
    "higher than she anticipated. She hopes to finish the yr with a revenue."
)
BAKERY_CLEAN = (
    "The owner of the bakery said sales have grown almost 30 percent this year. Volunteers "
    "help her run the store on weekends, and a new grant will pay for two more employees. "
    "Customers come from around the county, she said, and the bakery relies solely on local "
    "flour. The first round of hiring should finish in May, and she hopes a new manager can "
    "assist with the accounts before the end of the year."
)


def test_a_spinner_s_fixed_swap_among_many_synonyms_is_restored_where_the_text_is_spun() -> None:
    # WordNet lists "nearly" among a dozen synonyms of "almost", "only" among those of
    # "solely"; the curated table says a spinner writes these words for them every time.
    restored = restore.restore(BAKERY_SPUN)
    for spun, original in [("almost", "nearly"), ("Almost", "Nearly"), ("solely", "only")]:
        assert f"{spun} " not in restored and f"{original} " in restored, spun
    assert " yr" not in restored
    # The same words in clean text are clean English.
    assert restore.restore(BAKERY_CLEAN) == BAKERY_CLEAN
    assert not restore.is_spun(BAKERY_CLEAN)


COURT_SPUN = (
    "Legal professionals for the sufferers mentioned the authorities knew the drug was "
    "troublesome to cease taking. The courtroom heard that a number of medical doctors had been "
    "requested to signal the assertion earlier than the trial. The invoice, which might permit "
    "sufferers to sue, was anticipated to go final yr, however the decide mentioned it was "
    "nonetheless too early to know whether or not everybody affected would obtain compensation."
)
FLOOD_CLEAN = (
    "The authorities had been warned about the flood risk for years. In its final report, the "
    "agency said the levees along the river were too low and that repairs would cost far more "
    "than the city could pay. The mayor sent the invoice for the first stage to the state, "
    "which has not yet replied. Residents who lost their homes in the spring are still waiting."
)


def test_a_news_spinner_s_fixed_swaps_of_common_words_are_restored_in_spun_text() -> None:
    # "government" -> "authorities", "last" -> "final", "bill" -> "invoice", "still" ->
    # "nonetheless": each spun word is common English, in the clean report too.
    _assert_restores(
        COURT_SPUN,
        [
            ("the authorities", "the government"),
            ("final yr", "last year"),
            ("The invoice", "The bill"),
            ("nonetheless too", "still too"),
        ],
    )
    assert restore.restore(FLOOD_CLEAN) == FLOOD_CLEAN


def test_a_text_whose_strong_words_are_mostly_fixed_swaps_has_its_doubtful_ones_restored() -> None:
    # Nearly every strong word of the sample is a curated swap, as in news spun by a
    # spinner that keeps to fixed swaps: "troublesome", "robust" and "newest" are
    # common English, doubted alone (0.80 to 0.88) and restored in such a text.
    _assert_restores(
        SPUN,
        [
            ("troublesome", "difficult"),
            ("robust", "strong"),
            ("newest", "latest"),
        ],
    )
    sources = {s.original: s.source for s in restore.find(SPUN)}
    assert sources["troublesome"].startswith("model:curated:fixed_swaps+")
    model = SwapModel([])
    said = Decision(0.8, Candidate("said", "curated", 1.0), None, 0)
    perhaps = Decision(0.8, Candidate("perhaps", "synonym", 0.5), None, 0)
    # A synonym is not raised, nor is a curated swap where the spinner keeps to few.
    assert model.scored(perhaps, 0.3, fixed=1.0) == model.scored(perhaps, 0.3)
    assert model.scored(said, 0.3, fixed=0.2) == model.scored(said, 0.3)
    assert model.scored(said, 0.3, fixed=1.0) > model.scored(said, 0.3)


SHORT_CLEAN = [
    "Run the command with the path of a directory. The tool walks the tree, hashes each file "
    "and prints the ones that changed since the last run. Options may be given in a file; "
    "see the manual for the full list and for known issues on network drives.",
    "Preheat the oven and grease a shallow dish. Whisk the eggs with the milk till smooth, "
    "then fold in the flour a little at a time. Pour the batter into the dish and bake until "
    "golden, about forty minutes. Serve warm with fruit or a spoon of cream.",
    "Members may bring one guest to each meeting. Dues are collected in January and cover "
    "room hire, coffee and the newsletter. If you cannot attend, let the secretary know by "
    "email so that the minutes record your absence. New members are always welcome.",
]


def test_a_few_ordinary_words_do_not_make_a_short_clean_text_spun() -> None:
    # Fifty words hold a few words the model would restore in spun text ("may",
    # "issues", "till"); that is no rate of swaps.
    for text in SHORT_CLEAN:
        assert not restore.is_spun(text), text
        assert restore.restore(text) == text


def test_model_findings_need_the_model() -> None:
    assert restore.Restorer(model=False).restore(SPUN) == SPUN


def test_a_narrower_word_or_another_word_class_is_only_ever_doubtful() -> None:
    # A spinner's thesaurus offers synonyms and broader terms: "fees" was never spun
    # into "price of admissions", nor "management" into "managerial".
    text = SPUN + (
        " The agency's managerial employees mentioned the protective measures would assist "
        "scientists and religious teams pay the price of admissions to the marine museum."
    )
    found = {s.original: s for s in restore.find(text)}

    def relation(original: str) -> str:
        return found[original].source.split(":")[1]

    # Only candidates of another word class: one is reported, as doubtful.
    assert relation("managerial") in UNLIKELY_RELATIONS
    # Likely candidates rank before a broader word ("fees").
    assert relation("price of admissions") not in UNLIKELY_RELATIONS
    unlikely = [s for s in found.values() if s.source.split(":")[1] in UNLIKELY_RELATIONS]
    assert all(s.score <= UNLIKELY_SCORE < restore.DEFAULT_MIN_SCORE for s in unlikely)
    # Their sources say they are held, and only theirs do.
    assert {is_held(s) for s in unlikely} == {True}
    assert not any(is_held(s) for s in found.values() if s not in unlikely)
    assert "managerial" in restore.restore(text)


def test_a_thesaurus_sense_of_a_function_word_is_only_ever_doubtful() -> None:
    # WordNet lists "not" for the prefix "non" and "are" (a unit of area) for "ar";
    # a spinner looking up content words does not write either for the function word.
    text = SPUN + " The tool reports non-zero values, and the ar archives are kept."
    found = [s for s in restore.find(text) if s.suggestion in ("not", "are")]
    assert found
    assert all(s.score <= UNLIKELY_SCORE and is_held(s) for s in found)


def test_which_modal_a_spun_modal_stands_for_is_only_ever_doubtful() -> None:
    # A spinner writes "might" for "may", "could", "would" and "can" alike, and the
    # sentence reads right with each: the finding is reported, never applied.
    text = SPUN + " Officials mentioned the new rules might help families and cut costs."
    modals = [s for s in restore.find(text) if s.original == "might"]
    assert modals
    assert all(s.suggestion in MODALS for s in modals)
    assert all(
        s.score <= UNLIKELY_SCORE
        and all(a.score <= UNLIKELY_SCORE for a in s.alternatives if a.text in MODALS)
        for s in modals
    )
    restored = restore.restore(text)
    assert "rules might help" in restored
    # The rest of the document is restored.
    assert "over the following year" in restored


@pytest.mark.parametrize("clean", [CLEAN, CLEAN_TOO])
def test_a_clean_paragraph_above_a_spun_one_does_not_hide_it(clean: str) -> None:
    # The spin score's sample of words is spread over the whole text, not its top. CLEAN is
    # SPUN's own original, the hardest case: every original of SPUN's swaps is on the page,
    # so none of them looks absent, and absence is much of the evidence for a swap.
    assert restore.spin_score(clean + "\n\n" + SPUN) >= SPUN_THRESHOLD


def test_collocation_prefers_the_original_in_context() -> None:
    assert ngrams.fit(None, "military", "exercises") > ngrams.fit(None, "army", "workouts")
    assert ngrams.fit("venture", "capital", None) > ngrams.fit("enterprise", "capital", None)
    assert ngrams.fit("company", "said", "on") > ngrams.fit("company", "mentioned", "on")


def test_spinners_reach_for_rarer_words() -> None:
    for original, spun in [("said", "mentioned"), ("also", "additionally"), ("year", "yr")]:
        assert zipf(original) > zipf(spun)


def test_spun_text_breaks_more_collocations() -> None:
    assert broken_pairs(SPUN)[0] > broken_pairs(CLEAN)[0]


def test_screen_orders_documents_like_the_final_score() -> None:
    model = SwapModel([])
    spun = model.screen(SPUN, count_words(SPUN), [])
    clean = model.screen(CLEAN, count_words(CLEAN), [])
    assert spun > clean


def test_more_strong_words_mean_a_higher_spin_score() -> None:
    model = SwapModel([])
    scores = [model.spin_score(0.5, strong, 300) for strong in (0, 5, 20)]
    assert scores == sorted(scores) and scores[0] < scores[-1]


@pytest.mark.parametrize("score", [0.1, 0.5, 0.9, 0.99])
def test_corpus_prior_asks_for_more_evidence(score: float) -> None:
    assert corpus_probability(score) < score
    assert corpus_probability(score) < corpus_probability(min(1.0, score + 0.005))


def test_feature_names_match_the_shipped_weights() -> None:
    model = SwapModel([])
    assert len(model._weights.token) == len(FEATURES)


def test_a_curated_swap_is_a_candidate_even_inside_its_own_phrase() -> None:
    model = SwapModel([])
    assert ("new", "curated") in [(c.original, c.relation) for c in model.candidates("brand new")]
    assert "year" not in [c.original for c in model.candidates("fiscal year")]


def test_phrases_of_four_words_are_read() -> None:
    text = "Prices fell as a result of the storm, and shares fell as a result of that."
    group = SwapModel([]).sites(text, [])[("as a result of", False)]
    assert [text[site.start : site.end] for site in group] == ["as a result of"] * 2


def test_spread_counts_only_what_a_spinner_writes_for_an_original() -> None:
    from restore import thesaurus
    from restore.model import _spread

    listed = sum(1 for original, _ in thesaurus.originals() if original == "company")
    assert 0 < _spread()["company"] < listed
    # "said" has many synonyms a spinner may write in its place, "vision" few.
    assert _spread()["said"] > _spread()["vision"]


def test_word_candidate_and_document_features_are_all_the_features_once() -> None:
    grouped = WORD_FEATURES + CANDIDATE_FEATURES + DOCUMENT_FEATURES
    assert sorted(grouped) == sorted(FEATURES)


def _sigmoid(x: float) -> float:
    return 1 / (1 + math.exp(-x))


def test_likely_candidates_rank_first_by_the_logistic_model_and_trees_refine_the_best() -> None:
    model = SwapModel([])
    counts = count_words(SPUN)
    total = sum(counts.values())
    weights, trees = model._weights.token, model._weights.trees
    assert trees is not None
    groups = list(model.sites(SPUN, []).values())
    assert len(groups) > 20
    for group in groups:
        decisions = model.decide(group, counts, total)
        listed = dict(model.type_features(group, counts, total))
        assert {d.candidate: d.features for d in decisions} == listed
        logits = [sum(map(operator.mul, weights, d.features)) for d in decisions]
        likely = [not d.candidate.unlikely for d in decisions]
        assert likely == sorted(likely, reverse=True)
        for tier in (True, False):
            ranked = [x for x, ok in zip(logits, likely, strict=True) if ok is tier]
            assert ranked == sorted(ranked, reverse=True)
        best = _sigmoid(trees.log_odds(tree_input(decisions[0].features, logits)))
        # The model keeps each candidate's own weighted features as a 32-bit float.
        assert decisions[0].probability == pytest.approx(best, abs=1e-6)
        for decision, logit in zip(decisions[1:], logits[1:], strict=True):
            assert decision.probability == pytest.approx(min(_sigmoid(logit), best), abs=1e-6)


def test_a_candidate_is_absent_where_the_document_lacks_any_of_its_words() -> None:
    model = SwapModel([])
    # "mentioned" may stand for "pointed out", whose words this text holds apart.
    text = SPUN + " Analysts pointed to the out of town offices."
    counts = count_words(text)
    checked: list[tuple[str, bool]] = []
    for group in model.sites(text, []).values():
        originals = [c.original for c in model.candidates(group[0].phrase)]
        expected = tuple(any(counts[w] == 0 for w in o.split(" ")) for o in originals)
        assert model.absent(group, counts) == expected
        checked += zip(originals, expected, strict=True)
    several = [lacking for original, lacking in checked if " " in original]
    assert several and not all(several)
    assert {lacking for _, lacking in checked} == {True, False}


def test_words_weighed_together_are_weighed_as_alone() -> None:
    model = SwapModel([])
    counts = count_words(SPUN)
    total = sum(counts.values())
    groups = list(model.sites(SPUN, []).values())
    together = model.evidences(groups, counts, total)
    for group, evidence in zip(groups, together, strict=True):
        alone = model.evidence(group, counts, total)
        assert evidence.logits == alone.logits
        assert [evidence.features(k) for k in range(len(evidence.candidates))] == [
            alone.features(k) for k in range(len(alone.candidates))
        ]


def test_the_compiled_trees_are_the_trees_walked_node_by_node() -> None:
    import random

    trees = SwapModel([])._weights.trees
    assert trees is not None and len(trees.nodes) > 10

    def walk(x: list[float]) -> float:
        total = trees.baseline
        for tree in trees.nodes:
            node = tree[0]
            while node[2] >= 0:
                node = tree[int(node[2] if x[int(node[0])] <= node[1] else node[3])]
            total += node[4]
        return total

    rng = random.Random(3)
    # Inputs around each split, so both sides of every threshold are taken.
    thresholds = [n[1] for tree in trees.nodes for n in tree if n[2] >= 0]
    for _ in range(300):
        x = [rng.choice(thresholds) + rng.uniform(-0.5, 0.5) for _ in range(len(FEATURES) + 2)]
        assert trees.log_odds(x) == pytest.approx(walk(x), abs=1e-9)


def test_candidates_are_the_first_distinct_thesaurus_entries_not_nested() -> None:
    from restore import thesaurus
    from restore.model import MAX_CANDIDATES, _is_nested_synonym, _nested

    model = SwapModel([])
    for phrase in ("make", "mentioned", "year", "fiscal year", "component part", "the company"):
        expected: list[str] = []
        for candidate in thesaurus.candidates(phrase):
            original, relation = candidate.original, candidate.relation
            nested = relation != "curated" and _nested(original, phrase)
            if original not in expected and (
                not nested or _is_nested_synonym(model_candidate(original, relation), phrase)
            ):
                expected.append(original)
        kept = model.candidates(phrase)
        assert [c.original for c in kept] == expected[:MAX_CANDIDATES]
        assert all(c.nested == _nested(c.original, phrase) for c in kept if c.relation != "curated")
    assert model.candidates("the company said") == ()


def test_a_phrase_has_candidates_exactly_when_it_lists_some() -> None:
    # Sites ask has_candidates of every word; candidates are listed only for words decided.
    # "absentee ballot" is a headword whose every original is nested in it ("ballot").
    from restore.tables import default_tables

    curated = [t for t in default_tables() if t.kind == "candidate"]
    phrases = ["mentioned", "year", "fiscal year", "absentee ballot", "component part",
               "brand new", "as a substitute of", "the company said", "zzqx"]  # fmt: skip
    for tables in ([], curated):
        listing, listed = SwapModel(tables), SwapModel(tables)
        for phrase in phrases:
            assert listing.has_candidates(phrase) == bool(listed.candidates(phrase)), phrase
        assert not listing.has_candidates("absentee ballot")
    assert SwapModel(curated).has_candidates("as a substitute of")


def test_equal_candidates_of_different_phrases_are_one_object() -> None:
    # Thousands of phrases list the same originals: each is held once.
    model = SwapModel([])
    first = {c: c for c in model.candidates("mentioned")}
    shared = [c for c in model.candidates("noted") if c in first]
    assert shared
    assert all(first[c] is c for c in shared)


def model_candidate(original: str, relation: str) -> Candidate:
    return Candidate(original, relation, 1.0 if relation == "curated" else 0.5)


def _read_counting_decisions(model: SwapModel, text: str) -> tuple[int, float]:
    """How many words ``model.read`` decides in ``text`` (as if the screen said 0.3), and
    the spin score it returns."""
    calls = 0
    decide_many = model.decide_many

    def counted(groups: Any, *args: Any, **kwargs: Any) -> Any:
        nonlocal calls
        calls += len(groups)
        return decide_many(groups, *args, **kwargs)

    model.decide_many = counted  # type: ignore[method-assign]
    try:
        _, score = model.read(text, count_words(text), [])
    finally:
        del model.decide_many
    return calls, score


def test_a_clean_text_that_passes_the_screen_is_read_only_until_it_looks_clean() -> None:
    from restore.model import GATE_CLEAR, GATE_SAMPLE

    model = SwapModel([])
    clean = CLEAN + " " + CLEAN_TOO
    clean_read, clean_score = _read_counting_decisions(model, clean)
    spun_read, spun_score = _read_counting_decisions(model, SPUN)
    assert clean_score < GATE_CLEAR < spun_score
    assert clean_read <= GATE_SAMPLE < len(model.sites(clean, []))
    # The spun text is read whole; words beside probable swaps are read again in context.
    assert len(model.sites(SPUN, [])) <= spun_read < 2 * len(model.sites(SPUN, []))


def test_a_word_beside_a_probable_swap_is_read_with_the_swap_restored(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # "spend extra cash" is "spend more money" with both words swapped: each fits its
    # original better once the other is read as its own original.
    import restore.model

    def scores() -> dict[str, tuple[str, float]]:
        return {s.original: (s.suggestion, s.score) for s in SwapModel([]).read(
            SPUN, count_words(SPUN), [])[0]}  # fmt: skip

    in_context = scores()
    monkeypatch.setattr(restore.model, "CONTEXT_PROBABILITY", math.inf)
    alone = scores()
    for word, original in [("cash", "money"), ("extra", "more")]:
        assert in_context[word][0] == alone[word][0] == original
        assert in_context[word][1] > alone[word][1]


def test_the_sample_is_read_in_steps_until_the_spin_score_clears() -> None:
    from restore.model import GATE_CLEAR, GATE_STEP

    model = SwapModel([])
    model.spin_score = lambda *args: GATE_CLEAR / 2  # type: ignore[method-assign]
    read, _ = _read_counting_decisions(model, SPUN)
    assert read == GATE_STEP < len(model.sites(SPUN, []))


def test_reading_a_restored_text_again_decides_only_words_whose_evidence_changed() -> None:
    from restore.model import Reading

    model = SwapModel([])
    decided = 0
    decide_many = model.decide_many

    def counted(groups: Any, *args: Any, **kwargs: Any) -> Any:
        nonlocal decided
        decided += len(groups)
        return decide_many(groups, *args, **kwargs)

    model.decide_many = counted  # type: ignore[method-assign]
    reading = Reading()

    def read(text: str) -> int:
        before = decided
        model.read(text, count_words(text), [], earlier=reading)
        return decided - before

    words = len(model.sites(SPUN, []))
    # Every word, and words beside probable swaps again in context.
    assert words <= read(SPUN) < 2 * words
    assert read(SPUN) == 0
    # One word restored for one: its neighbours and the words that had "said"
    # as a candidate are decided again, the others not.
    assert 0 < read(SPUN.replace("The firm mentioned", "The firm said", 1)) < words / 2
    # A phrase restored to one word leaves the text two words shorter: that
    # alone changes no word's evidence (see document_size).
    shorter = SPUN.replace("buying and selling", "trading")
    assert 0 < read(shorter) < words / 2
    once = restore.restore(SPUN)
    assert restore.restore(once) == once


def test_the_document_share_reorders_no_candidates_of_a_word() -> None:
    model = SwapModel([])
    for share in (0.0, 0.5, 1.0):
        adjusted = [model.in_document(p, share) for p in (0.01, 0.3, 0.6, 0.9, 0.99)]
        assert adjusted == sorted(adjusted)
    # A document where much looks swapped makes a decision likelier.
    assert model.in_document(0.6, 0.8) > model.in_document(0.6, 0.05)


def test_a_synonym_inside_the_longer_phrase_found_is_a_flagged_candidate() -> None:
    found = {c.original: c for c in SwapModel([]).candidates("component part")}
    assert found["part"].nested
    assert not found["portion"].nested


def test_a_spinner_s_swap_inside_a_name_is_restored_and_real_names_are_left_alone() -> None:
    names = " Its chief will meet the United Nations envoy at the White Home in Brand new York."
    restored = restore.restore(SPUN + names)
    assert restored.endswith(" the United Nations envoy at the White House in New York.")
    clean = CLEAN + " Its chief will meet the United Nations envoy at the White House in New York."
    assert restore.restore(clean) == clean


@pytest.mark.parametrize(
    ("spun", "original"),
    [
        ("throughout Might and June", "throughout May and June"),
        ("since Might,", "since May,"),
        ("last Might", "last May"),
        ("by the end of Might", "by the end of May"),
    ],
)
def test_a_month_between_lowercase_words_is_restored(spun: str, original: str) -> None:
    """A capitalised "Might" after a word in lower case is prose, where no modal is
    capitalised: the spinner's month."""
    assert restore.restore(f"{SPUN} Shares rose {spun} here.").endswith(
        f" Shares rose {original} here."
    )


@pytest.mark.parametrize(
    "title", ["What Might Happen Next", "Shares Might Rise Again", "the game Might and Magic"]
)
def test_a_capitalised_modal_in_a_title_or_a_name_is_left_alone(title: str) -> None:
    text = f"{SPUN} They read {title} here."
    assert restore.restore(text).endswith(f" They read {title} here.")


def test_words_of_names_do_not_move_the_spin_score() -> None:
    """Names are decided only once the document is judged spun, after the gate."""
    model = SwapModel([])
    names = SPUN[:-1] + " – White Home, Brand new York."
    counts = count_words(names)
    _, without = model.read(SPUN, counts, [])
    _, score = model.read(names, counts, [])
    assert score == without
    assert {name for (_, name) in model.sites(names, [])} == {False, True}


@pytest.mark.parametrize("phrase", ["zorblat widget", "zorblat widget case", "quantum widget case"])
def test_a_candidate_tables_phrase_is_found_wherever_it_starts(phrase: str) -> None:
    from restore import thesaurus
    from restore.tables import parse_table

    table = parse_table(
        "extra.tsv",
        "# restore phrase table\n# format: 1\n# name: extra\n# kind: candidate\n"
        "# description: a test table\n# source: made up for tests\n# licence: CC0\n"
        "spun\toriginal\tinflect\tscore\tprovenance\tnote\n"
        f"{phrase}\tgizmo\texact\t0.9\ttest:1\t\n",
    )
    assert not thesaurus.lists(phrase)
    groups = SwapModel([table]).sites(f"we saw the {phrase} here today", [])
    assert (phrase, False) in groups


def test_a_blank_line_ends_a_words_context_and_starts_a_sentence() -> None:
    model = SwapModel([])

    def site(text: str, phrase: str) -> Any:
        groups = model.sites(text, [])
        (found,) = [s for (p, _), group in groups.items() if p == phrase for s in group]
        return found

    wrapped = "Investors were anxious about\nincreased costs this week."
    heading = "Investors were anxious\n\nIncreased costs hit shares this week."
    assert site(wrapped, "anxious").after == "about"
    assert site(heading, "anxious").after is None
    # After a blank line a capital starts a sentence: the word is not read as a name.
    assert site(heading, "increased").name is False
    assert site(heading, "increased").before is None


def test_a_placeholder_in_a_format_string_is_not_a_spintax_leftover() -> None:
    # In a spun page a lone {word} in prose is the spinner's; in code it is the program's.
    code = '\n\n    print(f"Hello, {name}!")\n    print("Dear {user},".format(user=u))\n\n'
    restored = restore.restore(SPUN + code + "They {agreed} on it.")
    assert restore.spin_score(SPUN) >= SPUN_THRESHOLD
    assert code in restored
    assert "{agreed}" not in restored


def test_a_brace_group_is_resolved_in_spun_text_and_left_alone_in_clean_text() -> None:
    # Documented code writes type unions as brace groups; a spinner leaves its own.
    doc = "\n\nThe `options` argument is {string|null}; `flag` is {boolean|string}.\n\n"
    assert restore.spin_score(CLEAN) < SPUN_THRESHOLD
    assert restore.restore(CLEAN + doc) == CLEAN + doc
    restored = restore.restore(SPUN + " It was the {best|greatest} quarter in years.")
    assert "{" not in restored
    # Too short to judge: a group with alternatives is still a spinner's.
    assert restore.restore("the {center|middle} east") == "the middle east"


@pytest.mark.parametrize(
    "text", ["the pro-Kremlin press", "talks in mid-May ended", "a U.S.-China deal"]
)
def test_a_capitalised_word_after_a_hyphen_is_still_in_a_name(text: str) -> None:
    from restore.model import _in_name

    word = text.split("-")[1].split()[0]
    assert _in_name(text, word, text.index(word)) is True


@functools.cache
def _train_model() -> ModuleType:
    """``scripts/train_model.py``, loaded once: loading it puts ``src`` on the path."""
    scripts = Path(__file__).resolve().parents[1] / "scripts"
    spec = importlib.util.spec_from_file_location("train_model", scripts / "train_model.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_spinner_word_counts_by_its_overuse_against_statements_and_english() -> None:
    weight = _train_model().spinner_word_weight
    # Four times as common in spun statements as in clean ones: capped at its ratio to English.
    assert weight(4e-4, 1e-4, 2e-4) == pytest.approx(math.log(2))
    assert weight(4e-4, 1e-4, 1e-5) == pytest.approx(math.log(4))
    assert weight(4e-4, 1e-4, 0.0) == pytest.approx(math.log(4))  # unknown to wordfreq
    # Rarer in spun text: the training spinner replaces it.
    assert weight(1e-4, 4e-4, 1e-5) == pytest.approx(math.log(0.25))


def test_the_training_spinner_takes_fixed_swaps_at_their_own_rate() -> None:
    # The token model learns from spins that swap a word with a curated swap at
    # CURATED_RATE at least, as a spinner writes its fixed swaps nearly every time.
    train = _train_model()
    inverse = {"said": [("mentioned", "curated")], "big": [("large", "synonym")]}
    text = "She said the plan was big. He said so too."
    fixed, swaps = train.spin(text, inverse, 0.0, random.Random(0), curated_rate=1.0)
    assert fixed == "She mentioned the plan was big. He mentioned so too."
    assert sorted(swaps.values()) == ["said", "said"]
    plain, _ = train.spin(text, inverse, 0.0, random.Random(0))
    assert plain == text
    assert 0.0 < train.CURATED_RATE <= 1.0


# A spun readout: "Head of state" is WordNet's broader term for "President", and the
# collocations of press statements pick that narrower term out of many.
SPUN_READOUT = (
    "Head of state Joe Biden and Prime Minister Boris Johnson of the United Kingdom spoke day "
    "about Afghanistan. They talked over the ongoing efforts by our diplomatic and army "
    "department to evacuate their nationals, local anesthetic faculty, and other vulnerable "
    "Afghans. They additionally talked over systems for the G7 realistic leadership\u2019 group "
    "meeting day, underscoring the standing of close timing with allies and collaborators in "
    "the stream position and formation a common access to Afghanistan policy."
)
#: Words the press statements never use: with them, a text is of another field.
BUILD_NOTES = (
    "\n\nBuild notes: pyproject toml, setuptools, hatchling, mypy, ruff, pytest, tox, nox, "
    "sdist, venv, pipx, conda, numpy, scipy, asyncio, kwargs."
)


def test_unknown_share_tells_press_prose_from_another_field() -> None:
    assert ngrams.unknown_share(count_words(SPUN_READOUT)) < OUT_OF_FIELD
    assert ngrams.unknown_share(count_words(SPUN_READOUT + BUILD_NOTES)) >= OUT_OF_FIELD


@pytest.mark.parametrize("language_model", [False, None])
def test_a_narrower_term_is_not_restored_outside_the_statistics_field(
    language_model: bool | None,
) -> None:
    # Which narrower term a broader one stood for is picked by the corpus's collocations,
    # which know press statements: outside their field the finding is reported, not applied.
    engine = restore.Restorer(language_model=language_model)
    for text, applied in ((SPUN_READOUT, True), (SPUN_READOUT + BUILD_NOTES, False)):
        (finding,) = [f for f in engine.find(text) if f.original == "Head of state"]
        assert finding.suggestion == "President"
        assert finding.source.startswith("model:hyponym:")
        assert (finding.score >= restore.DEFAULT_MIN_SCORE) == applied
        assert finding.source.endswith("+out_of_field") != applied
        assert engine.restore(text).startswith("President") == applied
        if not applied:
            assert finding.score == UNLIKELY_SCORE


def test_only_narrower_terms_are_held_out_of_the_field() -> None:
    model = SwapModel([])
    other_field = count_words(BUILD_NOTES)
    findings = [
        Substitution(0, 9, "mentioned", "said", 0.97, "model:curated:collocation"),
        Substitution(10, 19, "time unit", "second", 0.95, "model:hyponym:collocation"),
        Substitution(20, 29, "time unit", "second", 0.3, "model:hyponym:collocation"),
    ]
    held = model.held_out_of_field(other_field, findings)
    assert [f.score for f in held] == [0.97, UNLIKELY_SCORE, 0.3]
    assert model.held_out_of_field(count_words(SPUN_READOUT), findings) == findings


# What the cap does to a word spinners overuse but English uses more still: it becomes
# evidence of clean text (spinner_word_weight in scripts/train_model.py). Without such words,
# clean text of other fields and a clean paragraph holding a spinner's phrases (HEALTH_CLEAN)
# are judged spun: benchmarks/README.md, "Spinner-word evidence".
@pytest.mark.xfail(strict=True, reason="the general-English cap turns overuse into clean evidence")
def test_a_word_spinners_overuse_is_no_evidence_of_clean_text() -> None:
    assert _train_model().spinner_word_weight(4e-4, 1e-4, 8e-4) >= 0.0


# The spinner-word table caps a word's log rate ratio (synthetic spun against clean
# statements) at its ratio to general English. For words that press statements use far less
# than English does, that cap is negative, so "it", "you", "minutes" read as evidence of clean
# text, and the screen clears spun narrative news (read all the same where the words spinners
# overuse are dense: tests/test_other_fields.py). The training spinner
# also swaps "a", "he", "his", which spinners leave alone. Fixing both in scripts/train_model.py
# also takes away what keeps clean technical text (READMEs, docstrings) and HEALTH_CLEAN from
# being judged spun: the gate needs other evidence of clean text first (benchmarks/README.md,
# "Spinner-word evidence", measures four such rules).
@pytest.mark.xfail(
    strict=True, raises=AssertionError, reason="the spinner-word fit reads common words as clean"
)
def test_words_no_spinner_touches_are_no_evidence_either_way() -> None:
    evidence = SwapModel([])._weights.spinner_words
    for word in ("a", "it", "he", "his", "you", "minutes"):
        assert evidence.get(word, 0.0) == 0.0, word
