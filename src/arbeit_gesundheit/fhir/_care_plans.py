"""Activity plans as ``CarePlan`` with one ``Goal`` per goal and one ``Task`` per agreed step.

:func:`care_plans_bundle` exports them for one partner, only for participants whose consent
allows it on the day (the consent rules are in ``_consent``), and lists everyone left out.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any, cast

import fhir.resources
from fhir.resources.bundle import Bundle
from fhir.resources.resource import Resource

from ..exceptions import InvalidFieldError
from ..model import (
    ActivityPlan,
    ConsentPurpose,
    DataCategory,
    Goal,
    Language,
    Participant,
    Step,
    StepStatus,
)
from ..model import _validators as v
from ._bundles import to_bundle
from ._common import (
    _build,
    _concept,
    _distinct,
    _external,
    _identifier,
    _internal_ref,
    _patient_ref,
    _text,
    _uuid,
    _vocab,
    code_system,
)
from ._consent import Exclusion, _consent_resource, _exclusion_reason

__all__ = ["care_plans_bundle"]


_GOAL_ACHIEVEMENT = "http://terminology.hl7.org/CodeSystem/goal-achievement"


_STEP_STATUS: dict[StepStatus, tuple[str, str, str]] = {
    # model status -> (FHIR Task.status, German, English)
    StepStatus.OPEN: ("ready", "offen", "open"),
    StepStatus.IN_PROGRESS: ("in-progress", "in Arbeit", "in progress"),
    StepStatus.DONE: ("completed", "erledigt", "done"),
    StepStatus.DROPPED: ("cancelled", "verworfen", "dropped"),
}

_ACHIEVEMENT: dict[str, tuple[str, str]] = {
    "in-progress": ("in Arbeit", "In Progress"),
    "achieved": ("erreicht", "Achieved"),
    "not-achieved": ("nicht erreicht", "Not Achieved"),
}


def _goal_state(goal: Goal) -> tuple[str, str | None]:
    """(lifecycleStatus, achievementStatus code) from the goal's steps."""
    steps = goal.steps
    if not steps:
        return "active", None
    closed = all(s.status in (StepStatus.DONE, StepStatus.DROPPED) for s in steps)
    any_done = any(s.status is StepStatus.DONE for s in steps)
    if closed:
        return ("completed", "achieved") if any_done else ("cancelled", "not-achieved")
    return "active", "in-progress"


def _goal_key(plan: ActivityPlan, goal: Goal) -> str:
    return f"{plan.id}/{goal.id}"


def _step_key(plan: ActivityPlan, goal: Goal, step: Step) -> str:
    return f"{plan.id}/{goal.id}/{step.id}"


def _goal_resource(plan: ActivityPlan, goal: Goal, lang: Language) -> dict[str, Any]:
    lifecycle, achievement = _goal_state(goal)
    target: dict[str, Any] = {"dueDate": goal.due_on}
    if goal.target is not None:
        target["detailString"] = goal.target
    data: dict[str, Any] = {
        "resourceType": "Goal",
        "id": _uuid("goal", _goal_key(plan, goal)),
        "identifier": [_identifier("goal-id", _goal_key(plan, goal))],
        "lifecycleStatus": lifecycle,
        "category": [_vocab("field-of-action", goal.field_of_action, lang)],
        "description": {"text": goal.description},
        "subject": _patient_ref(plan.participant),
        "startDate": plan.created_on,
        "target": [target],
    }
    if achievement is not None:
        de, en = _ACHIEVEMENT[achievement]
        data["achievementStatus"] = _external(
            _GOAL_ACHIEVEMENT, achievement, en, _text(de, en, lang)
        )
    return data


def _task_resource(plan: ActivityPlan, goal: Goal, step: Step, lang: Language) -> dict[str, Any]:
    status, de, en = _STEP_STATUS[step.status]
    data: dict[str, Any] = {
        "resourceType": "Task",
        "id": _uuid("step", _step_key(plan, goal, step)),
        "identifier": [_identifier("step-id", _step_key(plan, goal, step))],
        "status": status,
        "businessStatus": _concept(
            code_system("step-status"), str(step.status.value), _text(de, en, lang)
        ),
        "intent": "plan",
        "description": step.description,
        "for": _patient_ref(plan.participant),
        "basedOn": [_internal_ref("plan", plan.id, "CarePlan")],
        "focus": _internal_ref("goal", _goal_key(plan, goal), "Goal"),
        "restriction": {"period": {"end": step.due_on}},
    }
    if step.done_on is not None:
        data["executionPeriod"] = {"end": step.done_on}
    return data


def _plan_status(plan: ActivityPlan) -> str:
    states = [_goal_state(g)[0] for g in plan.goals]
    if states and all(s in ("completed", "cancelled") for s in states):
        return "completed"
    return "active"


def _check_plan_ids(plan: ActivityPlan) -> None:
    """Goal ids must be distinct within a plan and step ids within a goal (they key resources)."""
    goal_ids = [g.id for g in plan.goals]
    if len(set(goal_ids)) != len(goal_ids):
        raise InvalidFieldError("ActivityPlan", "goals", "goals with distinct identifiers", plan.id)
    for goal in plan.goals:
        step_ids = [s.id for s in goal.steps]
        if len(set(step_ids)) != len(step_ids):
            raise InvalidFieldError("Goal", "steps", "steps with distinct identifiers", goal.id)


def _plan_resources(
    plan: ActivityPlan, consent_id: str | None, lang: Language
) -> list[dict[str, Any]]:
    goals = [_goal_resource(plan, g, lang) for g in plan.goals]
    tasks = [_task_resource(plan, g, s, lang) for g in plan.goals for s in g.steps]
    care_plan: dict[str, Any] = {
        "resourceType": "CarePlan",
        "id": _uuid("plan", plan.id),
        "identifier": [_identifier("plan-id", plan.id)],
        "status": _plan_status(plan),
        "intent": "plan",
        "category": [
            _concept(
                code_system("plan-kind"),
                "activity-plan",
                _text("Aktivitätsplan", "activity plan", lang),
            )
        ],
        "title": _text("Aktivitätsplan", "Activity plan", lang),
        "subject": _patient_ref(plan.participant),
        "created": plan.created_on,
    }
    if goals:
        care_plan["goal"] = [{"reference": f"urn:uuid:{g['id']}", "type": "Goal"} for g in goals]
    if tasks:
        care_plan["activity"] = [
            {"plannedActivityReference": {"reference": f"urn:uuid:{t['id']}", "type": "Task"}}
            for t in tasks
        ]
    if consent_id is not None:
        care_plan["supportingInfo"] = [{"reference": f"urn:uuid:{consent_id}", "type": "Consent"}]
    return [care_plan, *goals, *tasks]


def care_plans_bundle(
    plans: Iterable[ActivityPlan],
    participants: Iterable[Participant],
    *,
    recipient: str,
    on: date,
    include_consents: bool = True,
    lang: Language = "de",
) -> tuple[Bundle, list[Exclusion]]:
    """Activity plans for partner ``recipient`` as CarePlan, Goal and Task resources.

    Person-level data leave only with consent: a plan is exported only when its participant
    has a valid consent to :attr:`ConsentPurpose.DATA_SHARING` with ``recipient`` covering
    :attr:`DataCategory.ACTIVITY_PLAN` on day ``on``. Everyone else is listed in the
    returned exclusions (by pseudonym, with the reason) and appears nowhere in the bundle.
    With ``include_consents`` the consent that allowed the export goes along as a FHIR
    ``Consent`` (referenced from ``CarePlan.supportingInfo``). Participants are referred to
    by pseudonym only (a logical Patient reference); no Patient resource is written, so
    neither birth year nor any other master data leave.
    """
    if not isinstance(recipient, str) or v._IDENTIFIER.fullmatch(recipient) is None:
        raise InvalidFieldError("care_plans_bundle", "recipient", "a partner identifier", recipient)
    if type(on) is not date:
        raise InvalidFieldError("care_plans_bundle", "on", "a date (YYYY-MM-DD)", on)
    by_pseudonym: dict[str, Participant] = {}
    for person in participants:
        if not isinstance(person, Participant):
            raise InvalidFieldError("care_plans_bundle", "participants", "Participants", person)
        if person.pseudonym in by_pseudonym and by_pseudonym[person.pseudonym] != person:
            raise InvalidFieldError(
                "care_plans_bundle",
                "participants",
                "one record per pseudonym",
                person.pseudonym,
            )
        by_pseudonym[person.pseudonym] = person
    plan_list = _distinct("care_plans_bundle", "plans", ActivityPlan, plans)
    for plan in plan_list:
        _check_plan_ids(plan)
    category = DataCategory.ACTIVITY_PLAN
    resources: list[dict[str, Any]] = []
    consent_done: set[str] = set()
    excluded: dict[str, list[str]] = {}
    for plan in plan_list:
        found = by_pseudonym.get(plan.participant)
        consent = (
            found.valid_consent(
                ConsentPurpose.DATA_SHARING, on, recipient=recipient, category=category
            )
            if found is not None
            else None
        )
        if found is None or consent is None:
            excluded.setdefault(plan.participant, []).append(plan.id)
            continue
        person = found
        consent_id: str | None = None
        if include_consents:
            consent_data = _consent_resource(consent, person, on, lang, recipient=recipient)
            consent_id = consent_data["id"]
            if person.pseudonym not in consent_done:
                consent_done.add(person.pseudonym)
                resources.append(consent_data)
        resources += _plan_resources(plan, consent_id, lang)
    exclusions = []
    for pseudonym, plan_ids in excluded.items():
        code = _exclusion_reason(by_pseudonym.get(pseudonym), recipient, on, category)
        exclusions.append(Exclusion(pseudonym, code.text(lang), code, tuple(plan_ids)))
    models: list[Resource] = []
    for data in resources:
        cls = fhir.resources.get_fhir_model_class(data["resourceType"])
        models.append(cast(Resource, _build(cls, f"{data['resourceType']} {data['id']}", data)))
    return to_bundle(models), exclusions
