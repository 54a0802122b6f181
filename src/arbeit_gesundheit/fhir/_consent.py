"""Consent for person-level exports: the FHIR ``Consent`` resource and why someone is left out.

A care plan leaves only with a valid consent to sharing; :func:`_consent_resource` writes
that consent as a FHIR ``Consent``, and :func:`_exclusion_reason` says, for a participant
without one, why not (:class:`ExclusionReason`, reported as an :class:`Exclusion`).
"""

from __future__ import annotations

from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from attrs import frozen

from ..model import Consent, ConsentPurpose, DataCategory, Language, LegalBasis, Participant, label
from ._common import (
    _coding,
    _concept,
    _external,
    _organization_ref,
    _patient_ref,
    _text,
    _uuid,
    _vocab,
    code_system,
)

__all__ = ["Exclusion", "ExclusionReason", "_consent_resource", "_exclusion_reason"]


_CONSENT_ACTION = "http://terminology.hl7.org/CodeSystem/consentaction"
_PARTICIPATION_TYPE = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType"


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

_CONSENT_ACTIONS: dict[str, tuple[str, str]] = {
    "disclose": ("Weitergabe", "disclose"),
    "use": ("Verwendung", "use"),
}


# --- the Consent resource -------------------------------------------------------------


def _shown_recipients(consent: Consent, recipient: str | None) -> list[str]:
    """The grantees a resource names: only ``recipient`` when the bundle is for one (least
    disclosure: a physiotherapist does not learn that the person also consented to
    addiction counselling), else all of them."""
    if recipient is not None and recipient in consent.recipients:
        return [recipient]
    return sorted(consent.recipients)


def _consent_key(pseudonym: str, consent: Consent, shown: list[str]) -> str:
    # The id is derived from what the resource shows, so it cannot be matched against
    # guessed sets of other grantees either.
    parts = [
        pseudonym,
        str(consent.purpose.value),
        consent.given_on.isoformat(),
        ",".join(shown),
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
    consent: Consent,
    participant: Participant,
    on: date,
    lang: Language,
    *,
    recipient: str | None = None,
) -> dict[str, Any]:
    shown = _shown_recipients(consent, recipient)
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
    if shown:
        role = _external(
            _PARTICIPATION_TYPE,
            "IRCP",
            "information recipient",
            _text("Empfänger", "information recipient", lang),
        )
        provision["actor"] = [
            {"role": role, "reference": _organization_ref("partner-id", r)} for r in shown
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
        "id": _uuid("consent", _consent_key(participant.pseudonym, consent, shown)),
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
    if shown:
        data["grantee"] = [_organization_ref("partner-id", r) for r in shown]
    return data


# --- exclusions -----------------------------------------------------------------------


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
