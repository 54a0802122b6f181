"""Unstrut-Hainich's eligibility rules (Zugangskriterien), illustrative.

The press release gives the agreement's term, not formal rules. The rules here are a
plausible reading, not the jobcenter's actual rules:

* an offer funded by the GKV-Bündnis is open only while a cooperation agreement funding it is
  in force (:class:`FundedByAgreement`): the 2017 agreement with its renewal to 2025-12-31,
  then the permanent programme from 2026-01-01;
* rules with validity periods: in the model phase (2017-01-01 to 2025-12-31) offers are for
  SGB II customers of the jobcenter (alone or with SGB III); in the permanent programme
  (from 2026-01-01) also for SGB III customers. Evaluated as of a day, only the rule valid
  then counts, so a decision from 2025 can be reproduced in 2026;
* every offer: a valid consent to take part, living in the district, not already enrolled;
* the health-oriented counselling (GOB): also a consent to process health data.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any, Final, Literal

from attrs import field, frozen

from arbeit_gesundheit import (
    BenefitType,
    ConsentPurpose,
    CooperationAgreement,
    InvalidFieldError,
    Module,
    ModuleFormat,
)
from arbeit_gesundheit.eligibility import (
    BenefitIn,
    CriterionResult,
    EligibilityContext,
    HasConsent,
    NotEnrolledInModule,
    ResidesInArea,
    Rule,
    RuleFields,
    format_date,
)

from .catalogue import AGREEMENTS, COOPERATION_AGREEMENT, FUNDING_AGREEMENTS, PERMANENT_PROGRAMME

if TYPE_CHECKING:
    from arbeit_gesundheit import Participant

__all__ = [
    "BASE_RULES",
    "MODEL_PHASE_ENDS",
    "PERMANENT_PROGRAMME_STARTS",
    "FundedByAgreement",
    "rules_for",
]

Language = Literal["de", "en"]

#: Last day of the model phase under the 2017 agreement (after its 2024 renewal).
MODEL_PHASE_ENDS: Final = date(2025, 12, 31)
#: First day of the permanent programme.
PERMANENT_PROGRAMME_STARTS: Final = date(2026, 1, 1)


def _agreements(value: Any) -> tuple[CooperationAgreement, ...]:
    items = tuple(value) if not isinstance(value, CooperationAgreement) else (value,)
    for item in items:
        if not isinstance(item, CooperationAgreement):
            raise InvalidFieldError(
                "FundedByAgreement", "agreements", "CooperationAgreement objects", item
            )
    if not items:
        raise InvalidFieldError("FundedByAgreement", "agreements", "at least one agreement", items)
    return items


@frozen
class FundedByAgreement(RuleFields):
    """An offer is funded on the as-of day: one of ``agreements`` is in force then.

    Never unknown: the agreements' terms are known. ``detail`` is the agreement in force (or
    None), so the reason can name it.
    """

    agreements: tuple[CooperationAgreement, ...] = field(converter=_agreements)
    id: str = field(default="unstrut_hainich.funded", kw_only=True)

    def evaluate(self, participant: Participant, context: EligibilityContext) -> CriterionResult:
        for agreement in self.agreements:
            # as of a day, only renewals signed by then count
            if agreement.is_active(context.as_of, known_on=context.as_of):
                return self.met((agreement, context.as_of))
        return self.not_met((None, context.as_of))

    def label(self, lang: Language = "de") -> str:
        if lang == "de":
            return "Angebot finanziert: Kooperationsvereinbarung in Kraft"
        return "offer funded: cooperation agreement in force"

    def reason(self, result: CriterionResult, lang: Language = "de") -> str:
        agreement, day = result.detail if isinstance(result.detail, tuple) else (None, None)
        when = format_date(day, lang) if type(day) is date else "?"
        if isinstance(agreement, CooperationAgreement):
            end = agreement.end_known_on(day if type(day) is date else None)
            if lang == "de":
                until = f"bis {format_date(end, lang)}" if end else "unbefristet"
                return f"am {when} gilt {agreement.title or agreement.id} ({until})"
            until = f"until {format_date(end, lang)}" if end else "open-ended"
            return f"on {when} {agreement.title or agreement.id} is in force ({until})"
        names = ", ".join(a.id for a in self.agreements)
        if lang == "de":
            return f"am {when} ist keine der Vereinbarungen in Kraft ({names})"
        return f"on {when} none of the agreements is in force ({names})"


_BY_ID: Final[Mapping[str, CooperationAgreement]] = {a.id: a for a in AGREEMENTS}

#: The rules every Unstrut-Hainich offer has.
BASE_RULES: Final[tuple[Rule, ...]] = (
    BenefitIn(
        {BenefitType.SGB_II, BenefitType.BOTH},
        id="unstrut_hainich.benefit_model_phase",
        valid_from=COOPERATION_AGREEMENT.valid_from,
        valid_until=MODEL_PHASE_ENDS,
    ),
    BenefitIn(
        {BenefitType.SGB_II, BenefitType.SGB_III, BenefitType.BOTH},
        id="unstrut_hainich.benefit_programme",
        valid_from=PERMANENT_PROGRAMME.valid_from,
    ),
    HasConsent(ConsentPurpose.PROGRAMME_PARTICIPATION, id="unstrut_hainich.consent"),
    ResidesInArea(id="unstrut_hainich.residence"),
    NotEnrolledInModule(id="unstrut_hainich.not_enrolled"),
)

_HEALTH_DATA: Final = HasConsent(
    ConsentPurpose.HEALTH_DATA_PROCESSING, id="unstrut_hainich.consent_health_data"
)
_FUNDED: Final = {
    module_id: FundedByAgreement(tuple(_BY_ID[a] for a in agreement_ids))
    for module_id, agreement_ids in FUNDING_AGREEMENTS.items()
}


def rules_for(module: Module) -> tuple[Rule, ...]:
    """The rules for one of Unstrut-Hainich's offers."""
    rules = list(BASE_RULES)
    funded = _FUNDED.get(module.id)
    if funded is not None:
        rules.append(funded)
    if module.format is ModuleFormat.CONSULTATION:
        rules.append(_HEALTH_DATA)
    return tuple(rules)
