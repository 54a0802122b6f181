"""Recommendations: ranking by needs, restrictions and recommendations, with reasons."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from arbeit_gesundheit import (
    BenefitType,
    FieldOfAction,
    HealthRestriction,
    NeedsAssessment,
    Participant,
    Recommendation,
    RecommendationCategory,
    RestrictionCategory,
    Severity,
)
from arbeit_gesundheit.eligibility import (
    RESTRICTION_FIELDS,
    BenefitIn,
    LongTermUnemployed,
    Verdict,
    recommend_modules,
)
from arbeit_gesundheit.exceptions import RecommendationError
from arbeit_gesundheit.synthetic import default_modules

MODULES = default_modules()
DAY = date(2024, 3, 1)
PERSON = Participant(
    pseudonym="ms-000001",
    site_id="musterstadt",
    birth_year=1975,
    benefit=BenefitType.SGB_II,
    restrictions=[HealthRestriction(RestrictionCategory.MUSCULOSKELETAL, Severity.MODERATE)],
)


def needs(*fields: FieldOfAction) -> NeedsAssessment:
    return NeedsAssessment(participant=PERSON.pseudonym, on=DAY, needs=set(fields))


def test_need_and_restriction_rank_first_with_reasons():
    result = recommend_modules(needs(FieldOfAction.MOVEMENT), MODULES, participant=PERSON)
    top = result.ranked[0]
    assert top.module.field_of_action is FieldOfAction.MOVEMENT
    assert any("Bedarf im Handlungsfeld Bewegungsgewohnheiten" in r for r in top.reasons)
    assert any("Muskel-Skelett-System (mittel)" in r for r in top.reasons)
    assert [s.rank for s in result.ranked] == list(range(1, len(result.ranked) + 1))
    assert all(s.module.field_of_action is FieldOfAction.MOVEMENT for s in result.ranked)
    assert {e.module.id for e in result.excluded} == {
        m.id for m in MODULES if m.field_of_action is not FieldOfAction.MOVEMENT
    }
    english = recommend_modules(needs(FieldOfAction.MOVEMENT), MODULES, participant=PERSON,
                                lang="en")  # fmt: skip
    assert any("need in the field of action" in r for r in english.ranked[0].reasons)


@settings(max_examples=30)
@given(
    st.frozensets(st.sampled_from(list(FieldOfAction)), max_size=3),
    st.lists(st.sampled_from(list(RestrictionCategory)), max_size=3, unique=True),
)
def test_scores_are_ordered_and_every_ranked_module_has_a_reason(fields, categories):
    restrictions = [HealthRestriction(c) for c in categories]
    result = recommend_modules(
        NeedsAssessment(participant=PERSON.pseudonym, on=DAY, needs=fields),
        MODULES,
        restrictions=restrictions,
    )
    scores = [s.score for s in result.ranked]
    assert scores == sorted(scores, reverse=True)
    suited = set(fields) | {f for c in categories for f in RESTRICTION_FIELDS[c]}
    assert {s.module.field_of_action for s in result.ranked} <= suited
    for s in result.ranked:
        assert s.reasons
    assert len(result.ranked) + len(result.excluded) == len(MODULES)


def test_recommendation_from_a_report_counts():
    rec = Recommendation(RecommendationCategory.NUTRITION_CHANGE, issued_on=date(2024, 1, 5))
    result = recommend_modules(needs(), MODULES, recommendations=[rec])
    assert {s.module.field_of_action for s in result.ranked} == {FieldOfAction.NUTRITION}
    assert any("Empfehlung" in r for r in result.ranked[0].reasons)


def test_eligibility_excludes_not_met_and_flags_unknown():
    rules = {
        "rueckenfit": BenefitIn({BenefitType.SGB_III}),  # not met: SGB II
        "nordic-walking": LongTermUnemployed(),  # unknown: no unemployed_since
        "bewegt-im-alltag": lambda p, d: True,
    }
    result = recommend_modules(
        needs(FieldOfAction.MOVEMENT), MODULES, participant=PERSON, eligibility=rules
    )
    ranked = {s.module.id: s for s in result.ranked}
    assert "rueckenfit" not in ranked
    excluded = {e.module.id: e for e in result.excluded}
    assert excluded["rueckenfit"].reasons[0] == "Zugangsvoraussetzungen nicht erfüllt"
    assert ranked["nordic-walking"].eligibility is Verdict.UNKNOWN
    assert ranked["nordic-walking"].needs_clarification
    assert any("unemployed_since" in r for r in ranked["nordic-walking"].reasons)
    assert ranked["bewegt-im-alltag"].eligibility is Verdict.MET


def test_full_modules_rank_below_free_ones():
    free = {"rueckenfit": 0, "nordic-walking": 4, "bewegt-im-alltag": 1}
    result = recommend_modules(
        needs(FieldOfAction.MOVEMENT), MODULES, participant=PERSON, free_places=free
    )
    order = [s.module.id for s in result.ranked]
    assert order[-1] == "rueckenfit"
    assert "derzeit keine freien Plätze (Warteliste)" in result.ranked[-1].reasons
    assert "4 freie Plätze" in result.ranked[0].reasons


def test_bad_input_is_refused():
    with pytest.raises(RecommendationError):
        recommend_modules("needs", MODULES)  # type: ignore[arg-type]
    other = NeedsAssessment(participant="ms-000002", on=DAY)
    with pytest.raises(RecommendationError):
        recommend_modules(other, MODULES, participant=PERSON)
    with pytest.raises(RecommendationError):
        recommend_modules(needs(FieldOfAction.MOVEMENT), MODULES, free_places={"pmr": -1})
    with pytest.raises(RecommendationError):
        recommend_modules(
            needs(FieldOfAction.MOVEMENT), MODULES, participant=PERSON,
            eligibility={"rueckenfit": lambda p, d: 1 / 0},
        )  # fmt: skip
    with pytest.raises(RecommendationError):
        recommend_modules(
            needs(FieldOfAction.MOVEMENT), MODULES, participant=PERSON,
            eligibility={"rueckenfit": lambda p, d: "yes"},
        )  # fmt: skip
