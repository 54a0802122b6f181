"""Activity plans (Kreis Viersen): overdue steps, progress, reviews, step updates, links."""

from __future__ import annotations

from datetime import date, timedelta
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from arbeit_gesundheit import (
    ActivityPlan,
    Carrier,
    FieldOfAction,
    Goal,
    PlanReview,
    Recommendation,
    RecommendationCategory,
    Referral,
    Step,
    StepStatus,
    converter,
)
from arbeit_gesundheit.exceptions import ArbeitGesundheitError, PlanError

DAY = date(2025, 2, 1)


def step(sid: str, due: int, status: StepStatus = StepStatus.OPEN) -> Step:
    done = DAY + timedelta(days=due) if status is StepStatus.DONE else None
    return Step(
        id=sid,
        description=f"Schritt {sid}",
        due_on=DAY + timedelta(days=due),
        status=status,
        done_on=done,
    )


def plan() -> ActivityPlan:
    return ActivityPlan(
        id="AP1",
        participant="P-001",
        coach_id="C1",
        created_on=DAY,
        goals=(
            Goal(
                id="G1",
                field_of_action=FieldOfAction.MOVEMENT,
                description="Zweimal pro Woche bewegen",
                due_on=DAY + timedelta(days=90),
                steps=(
                    step("S1", 10, StepStatus.DONE),
                    step("S2", 20),
                    step("S3", 30, StepStatus.IN_PROGRESS),
                    step("S4", 5, StepStatus.DROPPED),
                ),
            ),
            Goal(
                id="G2",
                field_of_action=FieldOfAction.STRESS,
                description="Entspannungsverfahren kennenlernen",
                due_on=DAY + timedelta(days=60),
                steps=(step("S5", 15),),
            ),
            Goal(
                id="G3",
                field_of_action=FieldOfAction.NUTRITION,
                description="Ernährungsberatung",
                due_on=DAY + timedelta(days=60),
            ),
        ),
    )


def test_overdue_steps_as_of_a_day() -> None:
    p = plan()
    assert [s.id for s in p.overdue_steps(DAY + timedelta(days=20))] == ["S5"]
    assert [s.id for s in p.overdue_steps(DAY + timedelta(days=31))] == ["S5", "S2", "S3"]
    assert p.overdue_steps(DAY) == ()
    # done and dropped steps are never overdue
    assert "S1" not in {s.id for s in p.overdue_steps(DAY + timedelta(days=365))}
    assert "S4" not in {s.id for s in p.overdue_steps(DAY + timedelta(days=365))}


def test_progress_per_goal_leaves_dropped_steps_out() -> None:
    assert plan().progress() == {"G1": Fraction(1, 3), "G2": Fraction(0), "G3": None}


def test_update_step_returns_a_new_plan() -> None:
    p = plan()
    done_day = DAY + timedelta(days=18)
    q = p.update_step("S2", StepStatus.DONE, done_day)
    assert p.step("S2").status is StepStatus.OPEN
    assert q.step("S2").status is StepStatus.DONE
    assert q.step("S2").done_on == done_day
    assert q.progress()["G1"] == Fraction(2, 3)
    reopened = q.update_step("S2", StepStatus.IN_PROGRESS)
    assert reopened.step("S2").done_on is None
    assert q.goal_of("S5").id == "G2"


def test_update_step_errors() -> None:
    p = plan()
    with pytest.raises(PlanError, match="no step 'S9'"):
        p.update_step("S9", StepStatus.DONE, DAY)
    with pytest.raises(PlanError, match="completion day"):
        p.update_step("S2", StepStatus.DONE)
    with pytest.raises(PlanError, match="before the plan"):
        p.update_step("S2", StepStatus.DONE, DAY - timedelta(days=1))
    with pytest.raises(PlanError):
        p.update_step("S2", "done")  # type: ignore[arg-type]
    with pytest.raises(PlanError, match="no goal"):
        p.goal("G9")


def test_reviews_are_appended_in_order() -> None:
    p = plan()
    first = PlanReview(on=DAY + timedelta(days=30), coach_id="C1", note="Gute Fortschritte")
    q = p.add_review(first)
    assert q.reviews == (first,)
    assert q.last_reviewed_on == first.on
    assert p.reviews == ()
    with pytest.raises(PlanError, match="lies before"):
        q.add_review(PlanReview(on=DAY + timedelta(days=29), coach_id="C1"))
    with pytest.raises(PlanError, match="lies before"):
        p.add_review(PlanReview(on=DAY - timedelta(days=1), coach_id="C1"))


def test_add_goal_and_step() -> None:
    p = plan().add_step("G3", step("S6", 40))
    assert [s.id for s in p.goal("G3").steps] == ["S6"]
    with pytest.raises(PlanError, match="exists already"):
        p.add_step("G2", step("S6", 40))
    with pytest.raises(PlanError, match="exists already"):
        p.add_goal(p.goals[0])


def test_links_to_recommendations_and_referrals() -> None:
    rec = Recommendation(category=RecommendationCategory.MORE_EXERCISE, issued_on=DAY)
    referral = Referral(
        id="R1", participant="P-001", carrier=Carrier.HEALTH_INSURANCE, referred_on=DAY
    )
    p = plan().link_recommendations([rec, rec]).link_referrals([referral, "R2", "R1"])
    assert p.recommendations == (rec,)
    assert p.recommendation_categories == {RecommendationCategory.MORE_EXERCISE}
    assert p.referral_ids == ("R1", "R2")
    other = Referral(id="R3", participant="P-999", carrier=Carrier.JOBCENTER, referred_on=DAY)
    with pytest.raises(PlanError, match="another participant"):
        p.link_referrals([other])
    with pytest.raises(ArbeitGesundheitError):
        p.link_referrals(["not an id"])
    assert converter.structure(converter.unstructure(p), ActivityPlan) == p


@st.composite
def plans(draw: st.DrawFn) -> ActivityPlan:
    n_goals = draw(st.integers(1, 4))
    goals = []
    counter = 0
    for g in range(n_goals):
        steps = []
        for _ in range(draw(st.integers(0, 5))):
            counter += 1
            status = draw(st.sampled_from(list(StepStatus)))
            steps.append(step(f"S{counter}", draw(st.integers(0, 100)), status))
        goals.append(
            Goal(
                id=f"G{g}",
                field_of_action=draw(st.sampled_from(list(FieldOfAction))),
                description="Ziel",
                due_on=DAY + timedelta(days=100),
                steps=tuple(steps),
            )
        )
    return ActivityPlan(id="AP", participant="P-001", coach_id="C1", created_on=DAY, goals=goals)


@given(plans(), st.integers(0, 120))
def test_overdue_and_progress_properties(p: ActivityPlan, days: int) -> None:
    as_of = DAY + timedelta(days=days)
    overdue = p.overdue_steps(as_of)
    all_steps = [s for g in p.goals for s in g.steps]
    assert {s.id for s in overdue} == {
        s.id
        for s in all_steps
        if s.status in (StepStatus.OPEN, StepStatus.IN_PROGRESS) and s.due_on < as_of
    }
    assert [s.due_on for s in overdue] == sorted(s.due_on for s in overdue)
    for g in p.goals:
        share = p.progress()[g.id]
        counted = [s for s in g.steps if s.status is not StepStatus.DROPPED]
        if not counted:
            assert share is None
        else:
            assert share is not None
            assert 0 <= share <= 1
            assert share * len(counted) == sum(1 for s in counted if s.status is StepStatus.DONE)


@given(plans(), st.data())
def test_marking_a_step_done_never_lowers_progress(p: ActivityPlan, data: st.DataObject) -> None:
    all_steps = [s for g in p.goals for s in g.steps]
    if not all_steps:
        return
    target = data.draw(st.sampled_from(all_steps))
    q = p.update_step(target.id, StepStatus.DONE, DAY + timedelta(days=1))
    goal = p.goal_of(target.id).id
    before, after = p.progress()[goal], q.progress()[goal]
    assert after is not None
    assert before is None or after >= before
    assert not any(s.id == target.id for s in q.overdue_steps(DAY + timedelta(days=365)))
    # every other step is untouched
    assert [s for s in (x for g in q.goals for x in g.steps) if s.id != target.id] == [
        s for s in all_steps if s.id != target.id
    ]
