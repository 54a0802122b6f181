"""Strategies for a whole data file (:class:`~arbeit_gesundheit.Dataset`).

Builds on every record strategy, so it sits above them all; the records it draws do not
refer to each other unless the caller links them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from ...model import (
    FORMAT_VERSION,
    ActivityPlan,
    AnnualReview,
    Assessment,
    Attendance,
    Coach,
    CooperationAgreement,
    Dataset,
    Enrolment,
    Event,
    Module,
    NeedsAssessment,
    Offering,
    Outcome,
    Participant,
    Partner,
    Referral,
    Session,
    Site,
)
from . import (
    _catalogue,
    _events,
    _organisation,
    _outcomes,
    _participants,
    _participation,
    _plans,
    _reviews,
)
from ._primitives import _or

__all__ = ["datasets"]

T = TypeVar("T")


def datasets(
    *,
    format_versions: SearchStrategy[int] | None = None,
    sites: SearchStrategy[Iterable[Site]] | None = None,
    partners: SearchStrategy[Iterable[Partner]] | None = None,
    agreements: SearchStrategy[Iterable[CooperationAgreement]] | None = None,
    coaches: SearchStrategy[Iterable[Coach]] | None = None,
    modules: SearchStrategy[Iterable[Module]] | None = None,
    offerings: SearchStrategy[Iterable[Offering]] | None = None,
    sessions: SearchStrategy[Iterable[Session]] | None = None,
    participants: SearchStrategy[Iterable[Participant]] | None = None,
    enrolments: SearchStrategy[Iterable[Enrolment]] | None = None,
    attendances: SearchStrategy[Iterable[Attendance]] | None = None,
    needs_assessments: SearchStrategy[Iterable[NeedsAssessment]] | None = None,
    plans: SearchStrategy[Iterable[ActivityPlan]] | None = None,
    referrals: SearchStrategy[Iterable[Referral]] | None = None,
    assessments: SearchStrategy[Iterable[Assessment]] | None = None,
    outcomes: SearchStrategy[Iterable[Outcome]] | None = None,
    events: SearchStrategy[Iterable[Event]] | None = None,
    reviews: SearchStrategy[Iterable[AnnualReview]] | None = None,
) -> SearchStrategy[Dataset]:
    """:class:`~arbeit_gesundheit.Dataset` values (a site's whole data file).

    Every collection defaults to at most two records (small datasets keep tests fast) and
    the records do not refer to each other. For linked records, draw shared identifiers
    first, for example::

        @st.composite
        def linked(draw):
            people = draw(st.lists(participants(), min_size=1, max_size=5))
            names = st.sampled_from([p.pseudonym for p in people])
            return draw(datasets(participants=st.just(people),
                                 enrolments=st.lists(enrolments(participants=names))))
    """

    def few(elements: SearchStrategy[T]) -> SearchStrategy[tuple[T, ...]]:
        return st.lists(elements, max_size=2).map(tuple)

    return st.builds(
        Dataset,
        format_version=_or(format_versions, lambda: st.just(FORMAT_VERSION)),
        sites=_or(sites, lambda: few(_organisation.sites())),
        partners=_or(partners, lambda: few(_organisation.partners())),
        agreements=_or(agreements, lambda: few(_organisation.cooperation_agreements())),
        coaches=_or(coaches, lambda: few(_organisation.coaches())),
        modules=_or(modules, lambda: few(_catalogue.modules())),
        offerings=_or(offerings, lambda: few(_catalogue.offerings())),
        sessions=_or(sessions, lambda: few(_catalogue.sessions())),
        participants=_or(participants, lambda: few(_participants.participants())),
        enrolments=_or(enrolments, lambda: few(_participation.enrolments())),
        attendances=_or(attendances, lambda: few(_participation.attendances())),
        needs_assessments=_or(needs_assessments, lambda: few(_plans.needs_assessments())),
        plans=_or(plans, lambda: few(_plans.activity_plans())),
        referrals=_or(referrals, lambda: few(_plans.referrals())),
        assessments=_or(assessments, lambda: few(_outcomes.assessments())),
        outcomes=_or(outcomes, lambda: few(_outcomes.outcomes())),
        events=_or(events, lambda: few(_events.events())),
        reviews=_or(reviews, lambda: few(_reviews.annual_reviews())),
    )
