"""Registration of the strategies for ``st.from_type``: the ``hypothesis`` entry point.

Kept apart from the strategies and free of Hypothesis at import time: importing Hypothesis
runs its entry points, which call :func:`_hypothesis_setup_hook` while the package face is
still being imported. The hook registers one lazy function per model, which imports the
strategy modules only when a test first asks for a type.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ...model import (
    ActivityPlan,
    AnnualReview,
    Assessment,
    Attendance,
    Certification,
    Coach,
    Consent,
    CooperationAgreement,
    Dataset,
    Enrolment,
    Event,
    Goal,
    HealthRestriction,
    Module,
    NeedsAssessment,
    Offering,
    Outcome,
    Participant,
    Partner,
    PlanReview,
    Recommendation,
    Referral,
    Renewal,
    ReviewNote,
    Session,
    Site,
    StatusChange,
    Step,
    WorkCapacity,
)

__all__ = ["_STRATEGY_NAMES", "_hypothesis_setup_hook"]


#: The strategy function of every model, by name.
_STRATEGY_NAMES: dict[type, str] = {
    WorkCapacity: "work_capacities",
    HealthRestriction: "health_restrictions",
    Consent: "consents",
    Participant: "participants",
    Site: "sites",
    Partner: "partners",
    Renewal: "renewals",
    CooperationAgreement: "cooperation_agreements",
    Coach: "coaches",
    Certification: "certifications",
    Module: "modules",
    Offering: "offerings",
    Session: "sessions",
    StatusChange: "status_changes",
    Enrolment: "enrolments",
    Attendance: "attendances",
    Recommendation: "recommendations",
    Referral: "referrals",
    Step: "steps",
    Goal: "goals",
    PlanReview: "plan_reviews",
    ActivityPlan: "activity_plans",
    NeedsAssessment: "needs_assessments",
    Assessment: "assessments",
    Outcome: "outcomes",
    Event: "events",
    ReviewNote: "review_notes",
    AnnualReview: "annual_reviews",
    Dataset: "datasets",
}


def _hypothesis_setup_hook() -> None:
    """Entry point of the ``hypothesis`` group: registers the strategies for ``st.from_type``.

    Registers one function per model, so nothing is built until a test asks for the type;
    calling it again registers the same functions again (idempotent).
    """
    from hypothesis import strategies as st  # noqa: PLC0415 - see the module docstring

    for model, name in _STRATEGY_NAMES.items():
        st.register_type_strategy(model, _lazy(name))


def _lazy(name: str) -> Callable[[type], Any]:
    def resolve(_: type) -> Any:
        return _strategy_function(name)()

    return resolve


def _strategy_function(name: str) -> Callable[[], Any]:
    """The public strategy function called ``name``, from the module that defines it."""
    from . import (  # noqa: PLC0415 - they import Hypothesis; see the module docstring
        _catalogue,
        _datasets,
        _events,
        _organisation,
        _outcomes,
        _participants,
        _participation,
        _plans,
        _reviews,
    )

    for module in (
        _participants,
        _organisation,
        _catalogue,
        _participation,
        _plans,
        _outcomes,
        _events,
        _reviews,
        _datasets,
    ):
        if name in module.__all__:
            function: Callable[[], Any] = getattr(module, name)
            return function
    raise LookupError(f"no strategy function {name!r}")
