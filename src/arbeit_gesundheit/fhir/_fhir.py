"""Mapping of the library's models to HL7 FHIR R5 resources (fhir.resources 8)."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import Any, Literal, TypeVar, cast

import fhir.resources
import pydantic
from attrs import Attribute, field, frozen
from fhir.resources.bundle import Bundle
from fhir.resources.healthcareservice import HealthcareService
from fhir.resources.measurereport import MeasureReport
from fhir.resources.organization import Organization
from fhir.resources.resource import Resource

from ..exceptions import FhirValidationError, InvalidFieldError, MissingExtraError
from ..model import (
    ActivityPlan,
    Consent,
    ConsentPurpose,
    DataCategory,
    Goal,
    Language,
    LegalBasis,
    Module,
    Participant,
    Partner,
    Site,
    Step,
    StepStatus,
    label,
)
from ..model import _validators as v

if not str(getattr(fhir.resources, "__fhir_version__", "")).startswith("5."):  # pragma: no cover
    # fhir.resources before 7 builds R4B resources by default; the mapping needs R5.
    raise MissingExtraError("arbeit_gesundheit.fhir (FHIR R5)", "fhir", "fhir.resources>=8")

__all__ = [
    "BASE_URL",
    "FHIR_VERSION",
    "BundleType",
    "Exclusion",
    "ExclusionReason",
    "MeasureFigure",
    "StratumFigure",
    "bundle_json",
    "care_plans_bundle",
    "catalogue_bundle",
    "code_system",
    "healthcare_service",
    "identifier_system",
    "measure_report",
    "organization",
    "to_bundle",
    "validate_bundle",
]

#: FHIR release the resources follow (fhir.resources 8 builds R5 by default).
FHIR_VERSION = "5.0.0"

#: Base of the library's own code systems, naming systems and measure URLs. Sites that
#: publish their own terminology server can map these URLs to theirs.
BASE_URL = "https://arbeit-gesundheit.example/fhir"

BundleType = Literal["collection", "transaction", "batch"]

_T = TypeVar("_T")

_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, BASE_URL)
_DATA_ABSENT = "http://hl7.org/fhir/StructureDefinition/data-absent-reason"
_MEASURE_POPULATION = "http://terminology.hl7.org/CodeSystem/measure-population"
_MEASURE_SCORING = "http://terminology.hl7.org/CodeSystem/measure-scoring"
_GOAL_ACHIEVEMENT = "http://terminology.hl7.org/CodeSystem/goal-achievement"
_CONSENT_ACTION = "http://terminology.hl7.org/CodeSystem/consentaction"
_PARTICIPATION_TYPE = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType"
_UCUM = "http://unitsofmeasure.org"


def code_system(name: str) -> str:
    """URL of one of the library's code systems, such as ``code_system("partner-kind")``."""
    return f"{BASE_URL}/CodeSystem/{name}"


def identifier_system(name: str) -> str:
    """URL of one of the library's identifier systems, such as ``identifier_system("pseudonym")``."""
    return f"{BASE_URL}/NamingSystem/{name}"


def _text(de: str, en: str, lang: Language) -> str:
    return de if lang == "de" else en


_LEGAL_BASIS: dict[LegalBasis, tuple[str, str]] = {
    LegalBasis.GDPR_ART_6_1_A: ("Art. 6 Abs. 1 lit. a DSGVO", "Art. 6(1)(a) GDPR"),
    LegalBasis.GDPR_ART_9_2_A: ("Art. 9 Abs. 2 lit. a DSGVO", "Art. 9(2)(a) GDPR"),
    LegalBasis.SGB_X_67B: ("§ 67b SGB X", "Section 67b SGB X"),
}

_DATA_CATEGORY: dict[DataCategory, tuple[str, str]] = {
    DataCategory.MASTER_DATA: ("Stammdaten", "master data"),
    DataCategory.HEALTH_RESTRICTIONS: ("gesundheitliche Einschränkungen", "health restrictions"),
    DataCategory.ASSESSMENTS: ("Erhebungen und Fragebögen", "assessments"),
    DataCategory.PARTICIPATION: ("Teilnahme", "participation"),
    DataCategory.ACTIVITY_PLAN: ("Aktivitätsplan", "activity plan"),
    DataCategory.OUTCOMES: ("Verbleib und Ergebnisse", "outcomes"),
}

_STEP_STATUS: dict[StepStatus, tuple[str, str, str]] = {
    # model status -> (FHIR Task.status, German, English)
    StepStatus.OPEN: ("ready", "offen", "open"),
    StepStatus.IN_PROGRESS: ("in-progress", "in Arbeit", "in progress"),
    StepStatus.DONE: ("completed", "erledigt", "done"),
    StepStatus.DROPPED: ("cancelled", "verworfen", "dropped"),
}

_CONSENT_ACTIONS: dict[str, tuple[str, str]] = {
    "disclose": ("Weitergabe", "disclose"),
    "use": ("Verwendung", "use"),
}

_ACHIEVEMENT: dict[str, tuple[str, str]] = {
    "in-progress": ("in Arbeit", "In Progress"),
    "achieved": ("erreicht", "Achieved"),
    "not-achieved": ("nicht erreicht", "Not Achieved"),
}


# --- small builders -----------------------------------------------------------------


def _uuid(kind: str, key: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, f"{kind}:{key}"))


def _coding(system: str, code: str, display: str | None = None) -> dict[str, Any]:
    coding: dict[str, Any] = {"system": system, "code": code}
    if display is not None:
        coding["display"] = display
    return coding


def _concept(system: str, code: str, display: str | None = None) -> dict[str, Any]:
    concept: dict[str, Any] = {"coding": [_coding(system, code, display)]}
    if display is not None:
        concept["text"] = display
    return concept


def _external(system: str, code: str, display: str, text: str) -> dict[str, Any]:
    """A concept from an HL7 code system: official display, localized text."""
    return {"coding": [_coding(system, code, display)], "text": text}


def _vocab(system: str, member: StrEnum, lang: Language) -> dict[str, Any]:
    return _concept(code_system(system), str(member.value), label(member, lang))


def _identifier(system: str, value: str) -> dict[str, Any]:
    return {"system": identifier_system(system), "value": value}


def _internal_ref(kind: str, key: str, resource_type: str) -> dict[str, Any]:
    return {"reference": f"urn:uuid:{_uuid(kind, key)}", "type": resource_type}


def _patient_ref(pseudonym: str) -> dict[str, Any]:
    """A logical reference by pseudonym: no Patient resource, no name, no birth date."""
    return {"type": "Patient", "identifier": _identifier("pseudonym", pseudonym)}


def _organization_ref(system: str, key: str, display: str | None = None) -> dict[str, Any]:
    ref: dict[str, Any] = {"type": "Organization", "identifier": _identifier(system, key)}
    if display is not None:
        ref["display"] = display
    return ref


def _problems(error: pydantic.ValidationError) -> list[str]:
    return [
        f"{'.'.join(str(p) for p in item['loc']) or '$'}: {item['msg']}" for item in error.errors()
    ]


def _build(cls: type[Any], what: str, data: dict[str, Any]) -> Any:
    try:
        return cls.model_validate(data)
    except pydantic.ValidationError as exc:
        raise FhirValidationError(what, _problems(exc)) from exc


# --- organisations and catalogue ------------------------------------------------------


def organization(entity: Site | Partner, *, lang: Language = "de") -> Organization:
    """A :class:`Site` or :class:`Partner` as a FHIR ``Organization``.

    The type is coded in the library's code systems (``organization-role`` for a site,
    ``partner-kind`` for a partner) with the German display by default. The resource id is
    derived from the identifier, so the same site or partner always gets the same id.
    """
    if isinstance(entity, Site):
        data: dict[str, Any] = {
            "id": _uuid("site", entity.id),
            "identifier": [_identifier("site-id", entity.id)],
            "active": True,
            "name": entity.name,
            "type": [
                _concept(code_system("organization-role"), "site", _text("Standort", "site", lang))
            ],
            "contact": [{"address": {"state": str(entity.land.value), "country": "DE"}}],
        }
        return cast(Organization, _build(Organization, f"Organization {entity.id}", data))
    if isinstance(entity, Partner):
        data = {
            "id": _uuid("partner", entity.id),
            "identifier": [_identifier("partner-id", entity.id)],
            "active": True,
            "name": entity.name,
            "type": [_vocab("partner-kind", entity.kind, lang)],
        }
        if entity.location is not None:
            data["contact"] = [{"address": {"text": entity.location, "country": "DE"}}]
        return cast(Organization, _build(Organization, f"Organization {entity.id}", data))
    raise InvalidFieldError("organization", "entity", "a Site or a Partner", entity)


def _sessions_text(module: Module, lang: Language) -> str:
    if lang == "de":
        noun = "Termin" if module.sessions == 1 else "Termine"
        text = f"{module.sessions} {noun} à {module.session_minutes} Minuten"
        if module.places is not None:
            text += f", höchstens {module.places} Plätze"
    else:
        noun = "session" if module.sessions == 1 else "sessions"
        text = f"{module.sessions} {noun} of {module.session_minutes} minutes"
        if module.places is not None:
            text += f", at most {module.places} places"
    return text


def healthcare_service(
    module: Module,
    *,
    provider: Partner | None = None,
    programmes: Iterable[str] = (),
    lang: Language = "de",
) -> HealthcareService:
    """A catalogue :class:`Module` as a FHIR ``HealthcareService``.

    Category is the field of action (Handlungsfeld), type the format, ``program`` the
    site's programmes, ``comment`` the sessions × minutes (and places), ``providedBy`` a
    logical reference (by partner identifier) to the provider. ``provider``, when given,
    must be the module's provider; it adds the provider's name to the reference.
    """
    if not isinstance(module, Module):
        raise InvalidFieldError("healthcare_service", "module", "a Module", module)
    if provider is not None and (
        not isinstance(provider, Partner) or provider.id != module.provider_id
    ):
        raise InvalidFieldError(
            "healthcare_service",
            "provider",
            f"the module's provider (partner {module.provider_id!r}) or nothing",
            provider,
        )
    names = sorted(programmes)
    for name in names:
        if not isinstance(name, str) or v._IDENTIFIER.fullmatch(name) is None:
            raise InvalidFieldError(
                "healthcare_service", "programmes", "programme identifiers", name
            )
    data: dict[str, Any] = {
        "id": _uuid("module", module.id),
        "identifier": [_identifier("module-id", module.id)],
        "active": True,
        "name": module.title,
        "category": [_vocab("field-of-action", module.field_of_action, lang)],
        "type": [_vocab("module-format", module.format, lang)],
        "comment": _sessions_text(module, lang),
    }
    if names:
        data["program"] = [_concept(code_system("programme"), name, name) for name in names]
    if module.provider_id is not None:
        data["providedBy"] = _organization_ref(
            "partner-id", module.provider_id, provider.name if provider is not None else None
        )
    if module.description is not None:
        data["extraDetails"] = module.description
    if module.certification is not None:
        cert = module.certification
        data["characteristic"] = [
            {
                "coding": [_coding(code_system("certification"), "certified")],
                "text": _text(
                    f"zertifiziert ({cert.issuer} {cert.id}) bis {cert.valid_until.isoformat()}",
                    f"certified ({cert.issuer} {cert.id}) until {cert.valid_until.isoformat()}",
                    lang,
                ),
            }
        ]
    return cast(
        HealthcareService, _build(HealthcareService, f"HealthcareService {module.id}", data)
    )


def _distinct(function: str, name: str, cls: type[_T], items: Iterable[object]) -> list[_T]:
    """The items as a list, checked to be ``cls`` instances with distinct ``id`` s."""
    seen: set[str] = set()
    result: list[_T] = []
    for item in items:
        if not isinstance(item, cls):
            raise InvalidFieldError(function, name, f"{cls.__name__} values", item)
        key = getattr(item, "id")  # noqa: B009 - every checked class has an id
        if key in seen:
            raise InvalidFieldError(function, name, "distinct identifiers", key)
        seen.add(key)
        result.append(item)
    return result


def catalogue_bundle(
    *,
    sites: Iterable[Site] = (),
    partners: Iterable[Partner] = (),
    modules: Iterable[Module] = (),
    lang: Language = "de",
) -> Bundle:
    """Sites and partners as Organizations and modules as HealthcareServices, in one bundle.

    The modules' ``program`` lists the programmes of the given sites; providers found among
    ``partners`` lend their names to the ``providedBy`` references.
    """
    site_list = _distinct("catalogue_bundle", "sites", Site, sites)
    partner_list = _distinct("catalogue_bundle", "partners", Partner, partners)
    module_list = _distinct("catalogue_bundle", "modules", Module, modules)
    by_id = {p.id: p for p in partner_list}
    programmes = sorted({name for site in site_list for name in site.programmes})
    resources: list[Resource] = [organization(s, lang=lang) for s in site_list]
    resources += [organization(p, lang=lang) for p in partner_list]
    resources += [
        healthcare_service(
            m,
            provider=by_id.get(m.provider_id) if m.provider_id is not None else None,
            programmes=programmes,
            lang=lang,
        )
        for m in module_list
    ]
    return to_bundle(resources)


# --- activity plans, goals, steps, consent --------------------------------------------


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


def _consent_key(pseudonym: str, consent: Consent) -> str:
    parts = [
        pseudonym,
        str(consent.purpose.value),
        consent.given_on.isoformat(),
        ",".join(sorted(consent.recipients)),
        ",".join(sorted(c.value for c in consent.data_categories)),
    ]
    return "/".join(parts)


def _last_valid_day(consent: Consent) -> date | None:
    ends = [d for d in (consent.expires_on,) if d is not None]
    if consent.withdrawn_on is not None:
        ends.append(max(consent.withdrawn_on - timedelta(days=1), consent.given_on))
    return min(ends) if ends else None


def _consent_status(consent: Consent, on: date) -> str:
    """R5 consent-state-codes as of ``on``: active while valid, inactive afterwards.

    Before ``given_on`` the consent is still a ``draft`` (it has not been given yet).
    """
    if on < consent.given_on:
        return "draft"
    if consent.is_valid(consent.purpose, on):
        return "active"
    return "inactive"


def _consent_resource(
    consent: Consent, participant: Participant, on: date, lang: Language
) -> dict[str, Any]:
    period: dict[str, Any] = {"start": consent.given_on}
    last = _last_valid_day(consent)
    if last is not None:
        period["end"] = last
    action = "disclose" if consent.purpose is ConsentPurpose.DATA_SHARING else "use"
    provision: dict[str, Any] = {
        "purpose": [
            _coding(
                code_system("consent-purpose"),
                str(consent.purpose.value),
                label(consent.purpose, lang),
            )
        ],
        "action": [
            _external(
                _CONSENT_ACTION,
                action,
                action.capitalize(),
                _text(*_CONSENT_ACTIONS[action], lang),
            )
        ],
    }
    if consent.recipients:
        role = _external(
            _PARTICIPATION_TYPE,
            "IRCP",
            "information recipient",
            _text("Empfänger", "information recipient", lang),
        )
        provision["actor"] = [
            {"role": role, "reference": _organization_ref("partner-id", r)}
            for r in sorted(consent.recipients)
        ]
    if consent.data_categories:
        provision["code"] = [
            _concept(
                code_system("data-category"),
                str(c.value),
                _text(*_DATA_CATEGORY[c], lang),
            )
            for c in sorted(consent.data_categories)
        ]
    basis_de, basis_en = _LEGAL_BASIS[consent.legal_basis]
    data: dict[str, Any] = {
        "resourceType": "Consent",
        "id": _uuid("consent", _consent_key(participant.pseudonym, consent)),
        "status": _consent_status(consent, on),
        "category": [_vocab("consent-purpose", consent.purpose, lang)],
        "subject": _patient_ref(participant.pseudonym),
        "date": consent.given_on,
        "period": period,
        "grantor": [_patient_ref(participant.pseudonym)],
        "controller": [_organization_ref("site-id", participant.site_id)],
        "regulatoryBasis": [
            _concept(
                code_system("legal-basis"),
                str(consent.legal_basis.value),
                _text(basis_de, basis_en, lang),
            )
        ],
        "decision": "permit",
        "provision": [provision],
    }
    if consent.recipients:
        data["grantee"] = [_organization_ref("partner-id", r) for r in sorted(consent.recipients)]
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


class ExclusionReason(StrEnum):
    """Why a participant's plans were left out of a person-level export."""

    UNKNOWN_PARTICIPANT = "unknown_participant"
    NO_SHARING_CONSENT = "no_sharing_consent"
    RECIPIENT_NOT_COVERED = "recipient_not_covered"
    CATEGORY_NOT_COVERED = "category_not_covered"
    NOT_YET_VALID = "not_yet_valid"
    EXPIRED = "expired"
    WITHDRAWN = "withdrawn"

    def text(self, lang: Language = "de") -> str:
        """The reason for people to read, German by default."""
        de, en = _EXCLUSION_TEXTS[self]
        return de if lang == "de" else en


_EXCLUSION_TEXTS: dict[ExclusionReason, tuple[str, str]] = {
    ExclusionReason.UNKNOWN_PARTICIPANT: (
        "keine Teilnehmendendaten zu diesem Pseudonym",
        "no participant record for this pseudonym",
    ),
    ExclusionReason.NO_SHARING_CONSENT: (
        "keine Einwilligung in die Weitergabe an Partner",
        "no consent to sharing with partners",
    ),
    ExclusionReason.RECIPIENT_NOT_COVERED: (
        "Einwilligung in die Weitergabe nennt diesen Empfänger nicht",
        "the sharing consent does not name this recipient",
    ),
    ExclusionReason.CATEGORY_NOT_COVERED: (
        "Einwilligung in die Weitergabe umfasst den Aktivitätsplan nicht",
        "the sharing consent does not cover the activity plan",
    ),
    ExclusionReason.NOT_YET_VALID: (
        "Einwilligung in die Weitergabe gilt erst ab einem späteren Tag",
        "the sharing consent starts on a later day",
    ),
    ExclusionReason.EXPIRED: (
        "Einwilligung in die Weitergabe ist abgelaufen",
        "the sharing consent has expired",
    ),
    ExclusionReason.WITHDRAWN: (
        "Einwilligung in die Weitergabe wurde widerrufen",
        "the sharing consent was withdrawn",
    ),
}


@frozen
class Exclusion:
    """A participant left out of a person-level export, by pseudonym, with the reason.

    ``reason`` is the text for people (German by default), ``code`` the stable reason and
    ``plan_ids`` the plans that were not exported.
    """

    pseudonym: str
    reason: str
    code: ExclusionReason
    plan_ids: tuple[str, ...] = ()


def _exclusion_reason(
    participant: Participant | None, recipient: str, on: date, category: DataCategory
) -> ExclusionReason:
    """Why ``participant`` has no valid sharing consent (call only when that is so)."""
    if participant is None:
        return ExclusionReason.UNKNOWN_PARTICIPANT
    sharing = [c for c in participant.consents if c.purpose is ConsentPurpose.DATA_SHARING]
    if not sharing:
        return ExclusionReason.NO_SHARING_CONSENT
    named = [c for c in sharing if recipient in c.recipients]
    if not named:
        return ExclusionReason.RECIPIENT_NOT_COVERED
    covering = [c for c in named if not c.data_categories or category in c.data_categories]
    if not covering:
        return ExclusionReason.CATEGORY_NOT_COVERED
    started = [c for c in covering if c.given_on <= on]
    if any(c.withdrawn_on is not None and on >= c.withdrawn_on for c in started):
        return ExclusionReason.WITHDRAWN
    if started:
        return ExclusionReason.EXPIRED
    return ExclusionReason.NOT_YET_VALID


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
            consent_data = _consent_resource(consent, person, on, lang)
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


# --- measure reports ------------------------------------------------------------------


def _count_pair(inst: Any, attr: Attribute[Any], numerator: Any, denominator: Any) -> None:
    for value in (numerator, denominator):
        if value is not None and (type(value) is not int or value < 0):
            v.fail(inst, attr, "counts that are whole numbers of at least 0 or None", value)
    if numerator is not None and denominator is not None and numerator > denominator:
        v.fail(inst, attr, "a numerator not above the denominator", (numerator, denominator))


@frozen
class StratumFigure:
    """One stratum of a measure (such as ``gender = female``) with its counts.

    ``None`` stands for a count withheld by small-count protection.
    """

    stratifier: str = field(validator=v.text(100))
    value: str = field(validator=v.text(100))
    numerator: int | None = field(default=None)
    denominator: int | None = field(default=None)

    @denominator.validator
    def _check_counts(self, attr: Attribute[int | None], value: int | None) -> None:
        _count_pair(self, attr, self.numerator, value)


def _to_strata(value: Any) -> tuple[StratumFigure, ...]:
    """Accept ``{stratifier: {value: (numerator, denominator)}}`` or StratumFigures."""
    if isinstance(value, Mapping):
        strata: list[Any] = []
        for stratifier, values in value.items():
            if not isinstance(values, Mapping):
                raise InvalidFieldError(
                    "MeasureFigure", "strata", "a mapping of values to count pairs", values
                )
            for key, pair in values.items():
                if not isinstance(pair, Sequence) or isinstance(pair, str) or len(pair) != 2:
                    raise InvalidFieldError(
                        "MeasureFigure", "strata", "(numerator, denominator) pairs", pair
                    )
                strata.append(StratumFigure(stratifier, key, pair[0], pair[1]))
        return tuple(strata)
    return v.to_tuple(value)


@frozen
class MeasureFigure:
    """The figures of one measure for one period: input of :func:`measure_report`.

    ``numerator`` and ``denominator`` are counts of people (``None``: withheld by
    small-count protection); ``strata`` break them down, given as :class:`StratumFigure`
    items or as ``{stratifier: {value: (numerator, denominator)}}``. Counts must already be
    protected: this mapping does not suppress anything itself.
    """

    measure_id: str = field(validator=v.identifier)
    period_start: date = field(validator=v.a_date)
    period_end: date = field(validator=v.not_before("period_start"))
    numerator: int | None = field(default=None)
    denominator: int | None = field(default=None)
    strata: tuple[StratumFigure, ...] = field(
        default=(), converter=_to_strata, validator=v.instances_of(StratumFigure)
    )
    title: str | None = field(default=None, validator=v.optional_text())

    @denominator.validator
    def _check_counts(self, attr: Attribute[int | None], value: int | None) -> None:
        _count_pair(self, attr, self.numerator, value)


def _population(code: str, count: int | None) -> dict[str, Any]:
    population: dict[str, Any] = {"code": _concept(_MEASURE_POPULATION, code)}
    if count is None:
        population["extension"] = [{"url": _DATA_ABSENT, "valueCode": "masked"}]
    else:
        population["count"] = count
    return population


def _score(numerator: int | None, denominator: int | None) -> dict[str, Any] | None:
    if numerator is None or denominator is None or denominator == 0:
        return None
    percent = (Decimal(100) * numerator / denominator).quantize(
        Decimal("0.1"), rounding=ROUND_HALF_UP
    )
    return {"value": percent, "unit": "%", "system": _UCUM, "code": "%"}


def _populations(numerator: int | None, denominator: int | None) -> list[dict[str, Any]]:
    return [_population("denominator", denominator), _population("numerator", numerator)]


def measure_report(
    figure: MeasureFigure, *, reporter: Site | None = None, lang: Language = "de"
) -> MeasureReport:
    """A measure's figures as a summary ``MeasureReport`` (status complete).

    One group with the denominator and numerator populations and the proportion (in
    percent) as score; strata become stratifiers. A withheld count (``None``) is not
    emitted: the population keeps its code, has no ``count`` and carries the
    ``data-absent-reason`` extension with ``masked``, and no score is given where it would
    need that count.
    """
    if not isinstance(figure, MeasureFigure):
        raise InvalidFieldError("measure_report", "figure", "a MeasureFigure", figure)
    if reporter is not None and not isinstance(reporter, Site):
        raise InvalidFieldError("measure_report", "reporter", "a Site or nothing", reporter)
    group: dict[str, Any] = {
        "code": _concept(code_system("measure"), figure.measure_id, figure.title),
        "population": _populations(figure.numerator, figure.denominator),
    }
    score = _score(figure.numerator, figure.denominator)
    if score is not None:
        group["measureScoreQuantity"] = score
    stratifiers: dict[str, list[dict[str, Any]]] = {}
    for stratum in figure.strata:
        entry: dict[str, Any] = {
            "value": {"text": stratum.value},
            "population": _populations(stratum.numerator, stratum.denominator),
        }
        stratum_score = _score(stratum.numerator, stratum.denominator)
        if stratum_score is not None:
            entry["measureScoreQuantity"] = stratum_score
        stratifiers.setdefault(stratum.stratifier, []).append(entry)
    if stratifiers:
        group["stratifier"] = [
            {"code": {"text": name}, "stratum": [_stratum_value(s) for s in items]}
            for name, items in stratifiers.items()
        ]
    period = f"{figure.period_start.isoformat()}/{figure.period_end.isoformat()}"
    site_key = reporter.id if reporter is not None else ""
    data: dict[str, Any] = {
        "id": _uuid("measure-report", f"{figure.measure_id}/{period}/{site_key}"),
        "status": "complete",
        "type": "summary",
        "measure": f"{BASE_URL}/Measure/{figure.measure_id}",
        "period": {"start": figure.period_start, "end": figure.period_end},
        "scoring": _external(
            _MEASURE_SCORING, "proportion", "Proportion", _text("Anteil", "proportion", lang)
        ),
        "group": [group],
    }
    if reporter is not None:
        data["reporter"] = _organization_ref("site-id", reporter.id, reporter.name)
    return cast(MeasureReport, _build(MeasureReport, f"MeasureReport {figure.measure_id}", data))


def _stratum_value(entry: dict[str, Any]) -> dict[str, Any]:
    out = {"valueCodeableConcept": entry["value"], "population": entry["population"]}
    if "measureScoreQuantity" in entry:
        out["measureScoreQuantity"] = entry["measureScoreQuantity"]
    return out


# --- bundles --------------------------------------------------------------------------


def _is_uuid(text: str) -> bool:
    try:
        return str(uuid.UUID(text)) == text
    except ValueError:
        return False


def _full_url(resource: Resource) -> str:
    rid = resource.id
    if rid is not None and _is_uuid(rid):
        return f"urn:uuid:{rid}"
    return f"{BASE_URL}/{resource.get_resource_type()}/{rid}"


def _references(node: Any, found: list[str]) -> None:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "reference" and isinstance(value, str):
                found.append(value)
            else:
                _references(value, found)
    elif isinstance(node, list):
        for item in node:
            _references(item, found)


def validate_bundle(bundle: Bundle) -> Bundle:
    """Validate ``bundle`` and return a fresh, re-parsed copy.

    Checks: the fhir.resources (pydantic) models accept it; it survives a JSON round trip
    unchanged; full URLs are unique; every ``urn:uuid:`` reference resolves to an entry.
    Raises :class:`~arbeit_gesundheit.exceptions.FhirValidationError` otherwise.
    """
    if not isinstance(bundle, Bundle):
        raise InvalidFieldError("validate_bundle", "bundle", "a FHIR Bundle", bundle)
    try:
        text = bundle.model_dump_json()
        again = Bundle.model_validate_json(text)
    except pydantic.ValidationError as exc:
        raise FhirValidationError("Bundle", _problems(exc)) from exc
    if again.model_dump_json() != text:
        raise FhirValidationError("Bundle", ["the bundle changes in a JSON round trip"])
    document = json.loads(text)
    problems: list[str] = []
    urls = [entry.get("fullUrl") for entry in document.get("entry", [])]
    seen: set[str] = set()
    for url in urls:
        if url in seen:
            problems.append(f"entry: fullUrl {url} appears more than once")
        if isinstance(url, str):
            seen.add(url)
    found: list[str] = []
    _references(document, found)
    problems += [
        f"reference {ref} resolves to no entry"
        for ref in found
        if ref.startswith("urn:uuid:") and ref not in seen
    ]
    if problems:
        raise FhirValidationError("Bundle", problems)
    return again


def to_bundle(
    resources: Iterable[Resource],
    *,
    bundle_type: BundleType = "collection",
    timestamp: datetime | None = None,
) -> Bundle:
    """Put ``resources`` into a validated ``Bundle`` (a collection by default).

    Resources from this module have UUID ids and get ``urn:uuid:`` full URLs; a resource
    without id gets a random UUID. For ``transaction`` and ``batch`` bundles each entry
    gets a ``PUT`` request, so sending the same data again updates instead of duplicating.
    The bundle is validated (see :func:`validate_bundle`) before it is returned.
    """
    if bundle_type not in ("collection", "transaction", "batch"):
        raise InvalidFieldError(
            "to_bundle", "bundle_type", "'collection', 'transaction' or 'batch'", bundle_type
        )
    entries: list[dict[str, Any]] = []
    for item in resources:
        if not isinstance(item, Resource):
            raise InvalidFieldError("to_bundle", "resources", "FHIR resources", item)
        resource = (
            item if item.id is not None else item.model_copy(update={"id": str(uuid.uuid4())})
        )
        entry: dict[str, Any] = {"fullUrl": _full_url(resource), "resource": resource}
        if bundle_type != "collection":
            entry["request"] = {
                "method": "PUT",
                "url": f"{resource.get_resource_type()}/{resource.id}",
            }
        entries.append(entry)
    data: dict[str, Any] = {"type": bundle_type}
    if entries:
        data["entry"] = entries
    if timestamp is not None:
        if not isinstance(timestamp, datetime) or timestamp.tzinfo is None:
            raise InvalidFieldError(
                "to_bundle", "timestamp", "a datetime with time zone", timestamp
            )
        data["timestamp"] = timestamp
    try:
        bundle = Bundle(**data)
    except pydantic.ValidationError as exc:
        raise FhirValidationError("Bundle", _problems(exc)) from exc
    return validate_bundle(bundle)


def bundle_json(bundle: Bundle, *, indent: int | None = None) -> bytes:
    """The validated bundle as UTF-8 JSON bytes, ready for :func:`~arbeit_gesundheit.files.write_atomic`."""
    return validate_bundle(bundle).model_dump_json(indent=indent).encode("utf-8")
