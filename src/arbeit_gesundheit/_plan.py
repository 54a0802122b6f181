"""Individual activity plans (Aktivitätsplan), recommendations, referrals, needs assessments."""

from __future__ import annotations

from datetime import date

from attrs import Attribute, field, frozen

from . import _validators as v
from ._vocabulary import (
    Carrier,
    FieldOfAction,
    RecommendationCategory,
    RecommendationSource,
    ReferralStatus,
    StepStatus,
)

__all__ = [
    "ActivityPlan",
    "Goal",
    "NeedsAssessment",
    "PlanReview",
    "Recommendation",
    "Referral",
    "Step",
]


@frozen
class Recommendation:
    """A recommendation category from a medical report (Gutachten mit Empfehlungen).

    Only the category and its source are kept, never the report or a diagnosis.
    """

    category: RecommendationCategory = field(validator=v.member_of(RecommendationCategory))
    issued_on: date = field(validator=v.a_date)
    source: RecommendationSource = field(
        default=RecommendationSource.MEDICAL_REPORT, validator=v.member_of(RecommendationSource)
    )


@frozen
class Referral:
    """A referral to another benefit carrier's offer (Vermittlung an Leistungsträger)."""

    id: str = field(validator=v.identifier)
    participant: str = field(validator=v.pseudonym)
    carrier: Carrier = field(validator=v.member_of(Carrier))
    referred_on: date = field(validator=v.a_date)
    partner_id: str | None = field(default=None, validator=v.optional_identifier)
    offer: str | None = field(default=None, validator=v.optional_text())
    status: ReferralStatus = field(
        default=ReferralStatus.OPEN, validator=v.member_of(ReferralStatus)
    )
    closed_on: date | None = field(default=None, validator=v.not_before("referred_on"))


@frozen
class Step:
    """An agreed, concrete step towards a goal."""

    id: str = field(validator=v.identifier)
    description: str = field(validator=v.text(500))
    due_on: date = field(validator=v.a_date)
    status: StepStatus = field(default=StepStatus.OPEN, validator=v.member_of(StepStatus))
    done_on: date | None = field(default=None)

    @done_on.validator
    def _check_done(self, attr: Attribute[date | None], value: date | None) -> None:
        v.optional_date(self, attr, value)
        if (value is None) != (self.status is not StepStatus.DONE):
            v.fail(self, attr, "a completion date exactly when the step is done", value)


@frozen
class Goal:
    """A goal in an activity plan, in one field of action, with a target and a due date."""

    id: str = field(validator=v.identifier)
    field_of_action: FieldOfAction = field(validator=v.member_of(FieldOfAction))
    description: str = field(validator=v.text(500))
    due_on: date = field(validator=v.a_date)
    target: str | None = field(default=None, validator=v.optional_text(500))
    steps: tuple[Step, ...] = field(
        default=(), converter=v.to_tuple, validator=v.instances_of(Step)
    )


@frozen
class PlanReview:
    """A review of an activity plan with the coach (Fortschreibung)."""

    on: date = field(validator=v.a_date)
    coach_id: str = field(validator=v.identifier)
    note: str | None = field(default=None, validator=v.optional_text(2000))


@frozen
class ActivityPlan:
    """An individual activity plan drawn up by a coach with a participant.

    Plans go from goal (per field of action) to agreed steps, and link the recommendation
    categories and referrals they act on. Free texts must not contain diagnoses.
    """

    id: str = field(validator=v.identifier)
    participant: str = field(validator=v.pseudonym)
    coach_id: str = field(validator=v.identifier)
    created_on: date = field(validator=v.a_date)
    goals: tuple[Goal, ...] = field(
        default=(), converter=v.to_tuple, validator=v.instances_of(Goal)
    )
    recommendations: tuple[Recommendation, ...] = field(
        default=(), converter=v.to_tuple, validator=v.instances_of(Recommendation)
    )
    referral_ids: tuple[str, ...] = field(default=(), converter=v.to_tuple, validator=v.identifiers)
    reviews: tuple[PlanReview, ...] = field(
        default=(), converter=v.to_tuple, validator=v.instances_of(PlanReview)
    )


@frozen
class NeedsAssessment:
    """A needs assessment in health-oriented counselling (Bedarfsermittlung, GOB).

    ``needs`` are the fields of action where the participant wants or needs support.
    """

    participant: str = field(validator=v.pseudonym)
    on: date = field(validator=v.a_date)
    needs: frozenset[FieldOfAction] = field(
        default=frozenset(), converter=v.to_frozenset, validator=v.members_of(FieldOfAction)
    )
    coach_id: str | None = field(default=None, validator=v.optional_identifier)
    office: str | None = field(default=None, validator=v.optional_text())
