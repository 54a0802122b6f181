"""Individual activity plans (Aktivitätsplan), recommendations, referrals, needs assessments."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from fractions import Fraction

from attrs import Attribute, evolve, field, frozen

from ..exceptions import PlanError
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


_not_before_referral = v.not_before("referred_on")  # built once, used by a validator below


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
    closed_on: date | None = field(default=None)

    @closed_on.validator
    def _check_closed(self, attr: Attribute[date | None], value: date | None) -> None:
        _not_before_referral(self, attr, value)
        closed = self.status in (ReferralStatus.COMPLETED, ReferralStatus.DECLINED)
        if closed and value is None:
            v.fail(self, attr, "the day a completed or declined referral was closed", value)
        if not closed and value is not None:
            v.fail(self, attr, "no closing day while the referral is open or accepted", value)


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

    @property
    def is_pending(self) -> bool:
        """Whether the step is still to be done (open or in progress)."""
        return self.status in _PENDING

    def is_overdue(self, as_of: date) -> bool:
        """Whether the step is pending and its due day lies before ``as_of``."""
        return self.is_pending and self.due_on < as_of

    def with_status(self, status: StepStatus, on: date | None = None) -> Step:
        """A copy with a new status; ``on`` is the completion day, required for done."""
        if type(status) is not StepStatus:
            raise PlanError(f"step {self.id}: expected a StepStatus, got {status!r}")
        if status is StepStatus.DONE:
            if type(on) is not date:
                raise PlanError(f"step {self.id}: a completion day is needed, got {on!r}")
            return evolve(self, status=status, done_on=on)
        return evolve(self, status=status, done_on=None)


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

    @property
    def progress(self) -> Fraction | None:
        """Share of steps done, leaving dropped steps out; None without such steps."""
        counted = [s for s in self.steps if s.status is not StepStatus.DROPPED]
        if not counted:
            return None
        done = sum(1 for s in counted if s.status is StepStatus.DONE)
        return Fraction(done, len(counted))

    def overdue_steps(self, as_of: date) -> tuple[Step, ...]:
        """Pending steps whose due day lies before ``as_of``."""
        return tuple(s for s in self.steps if s.is_overdue(as_of))


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

    # -- questions ----------------------------------------------------------------------

    def goal(self, goal_id: str) -> Goal:
        """The goal with identifier ``goal_id``."""
        for goal in self.goals:
            if goal.id == goal_id:
                return goal
        raise PlanError(f"plan {self.id}: no goal {goal_id!r}")

    def step(self, step_id: str) -> Step:
        """The step with identifier ``step_id`` (in whichever goal)."""
        return self._locate(step_id)[1]

    def goal_of(self, step_id: str) -> Goal:
        """The goal a step belongs to."""
        return self.goals[self._locate(step_id)[0]]

    def overdue_steps(self, as_of: date) -> tuple[Step, ...]:
        """Open or in-progress steps due before ``as_of``, earliest due first."""
        overdue = [s for g in self.goals for s in g.overdue_steps(as_of)]
        return tuple(sorted(overdue, key=lambda s: (s.due_on, s.id)))

    def progress(self) -> dict[str, Fraction | None]:
        """Per goal identifier, the share of its (not dropped) steps done."""
        return {g.id: g.progress for g in self.goals}

    @property
    def recommendation_categories(self) -> frozenset[RecommendationCategory]:
        """The recommendation categories the plan acts on."""
        return frozenset(r.category for r in self.recommendations)

    @property
    def last_reviewed_on(self) -> date | None:
        return self.reviews[-1].on if self.reviews else None

    # -- changes (each returns a new plan) ----------------------------------------------

    def update_step(self, step_id: str, status: StepStatus, on: date | None = None) -> ActivityPlan:
        """A copy with the step's status changed (``on``: completion day, needed for done)."""
        index, step = self._locate(step_id)
        if on is not None and type(on) is date and on < self.created_on:
            raise PlanError(
                f"plan {self.id}: {on} lies before the plan was made ({self.created_on})"
            )
        goal = self.goals[index]
        steps = tuple(step.with_status(status, on) if s.id == step_id else s for s in goal.steps)
        goals = tuple(evolve(g, steps=steps) if i == index else g for i, g in enumerate(self.goals))
        return evolve(self, goals=goals)

    def add_goal(self, goal: Goal) -> ActivityPlan:
        """A copy with one more goal (its identifier and its steps' must be new)."""
        if not isinstance(goal, Goal):
            raise PlanError(f"plan {self.id}: expected a Goal, got {goal!r}")
        if any(g.id == goal.id for g in self.goals):
            raise PlanError(f"plan {self.id}: goal {goal.id!r} exists already")
        taken = {s.id for g in self.goals for s in g.steps}
        for step in goal.steps:
            if step.id in taken:
                raise PlanError(f"plan {self.id}: step {step.id!r} exists already")
        return evolve(self, goals=(*self.goals, goal))

    def add_step(self, goal_id: str, step: Step) -> ActivityPlan:
        """A copy with ``step`` added to goal ``goal_id`` (the step identifier must be new)."""
        if not isinstance(step, Step):
            raise PlanError(f"plan {self.id}: expected a Step, got {step!r}")
        target = self.goal(goal_id)
        if any(s.id == step.id for g in self.goals for s in g.steps):
            raise PlanError(f"plan {self.id}: step {step.id!r} exists already")
        goals = tuple(evolve(g, steps=(*g.steps, step)) if g is target else g for g in self.goals)
        return evolve(self, goals=goals)

    def add_review(self, review: PlanReview) -> ActivityPlan:
        """A copy with a review appended; reviews are kept in date order from the plan's day."""
        if not isinstance(review, PlanReview):
            raise PlanError(f"plan {self.id}: expected a PlanReview, got {review!r}")
        earliest = self.last_reviewed_on or self.created_on
        if review.on < earliest:
            raise PlanError(f"plan {self.id}: review on {review.on} lies before {earliest}")
        return evolve(self, reviews=(*self.reviews, review))

    def link_recommendations(self, recommendations: Iterable[Recommendation]) -> ActivityPlan:
        """A copy that also acts on these recommendation categories (repeats are skipped)."""
        added = list(self.recommendations)
        for rec in recommendations:
            if not isinstance(rec, Recommendation):
                raise PlanError(f"plan {self.id}: expected a Recommendation, got {rec!r}")
            if rec not in added:
                added.append(rec)
        return evolve(self, recommendations=tuple(added))

    def link_referrals(self, referrals: Iterable[Referral | str]) -> ActivityPlan:
        """A copy linked to these referrals (by :class:`Referral` or identifier)."""
        ids = list(self.referral_ids)
        for ref in referrals:
            if isinstance(ref, Referral):
                if ref.participant != self.participant:
                    raise PlanError(f"plan {self.id}: referral {ref.id} is for another participant")
                ref_id = ref.id
            else:
                ref_id = ref
            if ref_id not in ids:
                ids.append(ref_id)
        return evolve(self, referral_ids=tuple(ids))

    def _locate(self, step_id: str) -> tuple[int, Step]:
        found = [(i, s) for i, g in enumerate(self.goals) for s in g.steps if s.id == step_id]
        if not found:
            raise PlanError(f"plan {self.id}: no step {step_id!r}")
        if len(found) > 1:
            raise PlanError(f"plan {self.id}: step identifier {step_id!r} is not unique")
        return found[0]


_PENDING = frozenset({StepStatus.OPEN, StepStatus.IN_PROGRESS})


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
