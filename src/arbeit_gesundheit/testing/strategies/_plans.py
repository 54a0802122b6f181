"""Strategies for activity plans and what they draw on: needs, recommendations, referrals.

Plans hold goals with steps; identifiers of goals and steps are unique within a plan, a step
has a completion day exactly when it is done, and closed referrals have a closing day.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from ...model import (
    ActivityPlan,
    Carrier,
    FieldOfAction,
    Goal,
    NeedsAssessment,
    PlanReview,
    Recommendation,
    RecommendationCategory,
    RecommendationSource,
    Referral,
    ReferralStatus,
    Step,
    StepStatus,
)
from ._primitives import (
    _MAX_ITEMS,
    _day_offsets,
    _days_after,
    _optional,
    _or,
    _small_sets,
    _small_tuples,
    dates,
    identifiers,
    texts,
)
from ._primitives import pseudonyms as _pseudonyms

__all__ = [
    "activity_plans",
    "goals",
    "needs_assessments",
    "plan_reviews",
    "recommendations",
    "referrals",
    "steps",
]


def recommendations(
    *,
    categories: SearchStrategy[RecommendationCategory] | None = None,
    issued_on: SearchStrategy[date] | None = None,
    sources: SearchStrategy[RecommendationSource] | None = None,
) -> SearchStrategy[Recommendation]:
    """:class:`~arbeit_gesundheit.Recommendation` values (categories from medical reports)."""
    return st.builds(
        Recommendation,
        category=_or(categories, lambda: st.sampled_from(RecommendationCategory)),
        issued_on=_or(issued_on, dates),
        source=_or(sources, lambda: st.sampled_from(RecommendationSource)),
    )


_CLOSED_REFERRALS = (ReferralStatus.COMPLETED, ReferralStatus.DECLINED)


@st.composite
def _referral(
    draw: st.DrawFn,
    *,
    ids: SearchStrategy[str],
    participants: SearchStrategy[str],
    carriers: SearchStrategy[Carrier],
    referred_on: SearchStrategy[date],
    partner_ids: SearchStrategy[str | None],
    offers: SearchStrategy[str | None],
    statuses: SearchStrategy[ReferralStatus],
    closed_after_days: SearchStrategy[int],
) -> Referral:
    start = draw(referred_on)
    status = draw(statuses)
    days = draw(closed_after_days) if status in _CLOSED_REFERRALS else None
    return Referral(
        id=draw(ids),
        participant=draw(participants),
        carrier=draw(carriers),
        referred_on=start,
        partner_id=draw(partner_ids),
        offer=draw(offers),
        status=status,
        closed_on=None if days is None else _days_after(start, days),
    )


def referrals(
    *,
    ids: SearchStrategy[str] | None = None,
    participants: SearchStrategy[str] | None = None,
    carriers: SearchStrategy[Carrier] | None = None,
    referred_on: SearchStrategy[date] | None = None,
    partner_ids: SearchStrategy[str | None] | None = None,
    offers: SearchStrategy[str | None] | None = None,
    statuses: SearchStrategy[ReferralStatus] | None = None,
    closed_after_days: SearchStrategy[int] | None = None,
) -> SearchStrategy[Referral]:
    """:class:`~arbeit_gesundheit.Referral` values (Vermittlungen to other carriers).

    Completed and declined referrals get a closing day ``closed_after_days`` after
    ``referred_on``; open and accepted ones none.
    """
    return _referral(
        ids=_or(ids, identifiers),
        participants=_or(participants, _pseudonyms),
        carriers=_or(carriers, lambda: st.sampled_from(Carrier)),
        referred_on=_or(referred_on, dates),
        partner_ids=_or(partner_ids, lambda: _optional(identifiers())),
        offers=_or(offers, lambda: _optional(texts())),
        statuses=_or(statuses, lambda: st.sampled_from(ReferralStatus)),
        closed_after_days=_or(closed_after_days, lambda: _day_offsets(365)),
    )


@st.composite
def _step(
    draw: st.DrawFn,
    *,
    ids: SearchStrategy[str],
    descriptions: SearchStrategy[str],
    due_on: SearchStrategy[date],
    statuses: SearchStrategy[StepStatus],
    done_on: SearchStrategy[date],
) -> Step:
    status = draw(statuses)
    return Step(
        id=draw(ids),
        description=draw(descriptions),
        due_on=draw(due_on),
        status=status,
        done_on=draw(done_on) if status is StepStatus.DONE else None,
    )


def steps(
    *,
    ids: SearchStrategy[str] | None = None,
    descriptions: SearchStrategy[str] | None = None,
    due_on: SearchStrategy[date] | None = None,
    statuses: SearchStrategy[StepStatus] | None = None,
    done_on: SearchStrategy[date] | None = None,
) -> SearchStrategy[Step]:
    """:class:`~arbeit_gesundheit.Step` values; ``done_on`` is drawn exactly for done steps."""
    return _step(
        ids=_or(ids, identifiers),
        descriptions=_or(descriptions, lambda: texts(max_size=500)),
        due_on=_or(due_on, dates),
        statuses=_or(statuses, lambda: st.sampled_from(StepStatus)),
        done_on=_or(done_on, dates),
    )


_steps = steps


def goals(
    *,
    ids: SearchStrategy[str] | None = None,
    fields_of_action: SearchStrategy[FieldOfAction] | None = None,
    descriptions: SearchStrategy[str] | None = None,
    due_on: SearchStrategy[date] | None = None,
    targets: SearchStrategy[str | None] | None = None,
    steps: SearchStrategy[Iterable[Step]] | None = None,
) -> SearchStrategy[Goal]:
    """:class:`~arbeit_gesundheit.Goal` values (goals of an activity plan)."""
    return st.builds(
        Goal,
        id=_or(ids, identifiers),
        field_of_action=_or(fields_of_action, lambda: st.sampled_from(FieldOfAction)),
        description=_or(descriptions, lambda: texts(max_size=500)),
        due_on=_or(due_on, dates),
        target=_or(targets, lambda: _optional(texts(max_size=500))),
        steps=_or(steps, lambda: _small_tuples(_steps())),
    )


_goals = goals


def plan_reviews(
    *,
    on: SearchStrategy[date] | None = None,
    coach_ids: SearchStrategy[str] | None = None,
    notes: SearchStrategy[str | None] | None = None,
) -> SearchStrategy[PlanReview]:
    """:class:`~arbeit_gesundheit.PlanReview` values (Fortschreibungen)."""
    return st.builds(
        PlanReview,
        on=_or(on, dates),
        coach_id=_or(coach_ids, identifiers),
        note=_or(notes, lambda: _optional(texts(max_size=2000))),
    )


_recommendations = recommendations


def _distinct_goals() -> SearchStrategy[tuple[Goal, ...]]:
    """Goals with distinct identifiers whose steps have distinct identifiers across the plan."""

    def distinct_steps(goals: list[Goal]) -> bool:
        ids = [s.id for g in goals for s in g.steps]
        return len(ids) == len(set(ids))

    return (
        st.lists(_goals(), max_size=_MAX_ITEMS, unique_by=lambda g: g.id)
        .filter(distinct_steps)
        .map(tuple)
    )


def activity_plans(
    *,
    ids: SearchStrategy[str] | None = None,
    participants: SearchStrategy[str] | None = None,
    coach_ids: SearchStrategy[str] | None = None,
    created_on: SearchStrategy[date] | None = None,
    goals: SearchStrategy[Iterable[Goal]] | None = None,
    recommendations: SearchStrategy[Iterable[Recommendation]] | None = None,
    referral_ids: SearchStrategy[Iterable[str]] | None = None,
    reviews: SearchStrategy[Iterable[PlanReview]] | None = None,
) -> SearchStrategy[ActivityPlan]:
    """:class:`~arbeit_gesundheit.ActivityPlan` values (Aktivitätspläne).

    ``participants`` draws pseudonyms; the collections default to up to three items each,
    with goals and steps identified uniquely within the plan.
    """
    return st.builds(
        ActivityPlan,
        id=_or(ids, identifiers),
        participant=_or(participants, _pseudonyms),
        coach_id=_or(coach_ids, identifiers),
        created_on=_or(created_on, dates),
        goals=_or(goals, _distinct_goals),
        recommendations=_or(recommendations, lambda: _small_tuples(_recommendations())),
        referral_ids=_or(referral_ids, lambda: _small_tuples(identifiers())),
        reviews=_or(reviews, lambda: _small_tuples(plan_reviews())),
    )


def needs_assessments(
    *,
    participants: SearchStrategy[str] | None = None,
    on: SearchStrategy[date] | None = None,
    needs: SearchStrategy[Iterable[FieldOfAction]] | None = None,
    coach_ids: SearchStrategy[str | None] | None = None,
    offices: SearchStrategy[str | None] | None = None,
) -> SearchStrategy[NeedsAssessment]:
    """:class:`~arbeit_gesundheit.NeedsAssessment` values (Bedarfsermittlung)."""
    return st.builds(
        NeedsAssessment,
        participant=_or(participants, _pseudonyms),
        on=_or(on, dates),
        needs=_or(needs, lambda: _small_sets(st.sampled_from(FieldOfAction))),
        coach_id=_or(coach_ids, lambda: _optional(identifiers())),
        office=_or(offices, lambda: _optional(texts())),
    )
