"""Gelsenkirchen's eligibility rules (Zugangskriterien), illustrative.

The portrait names the target groups but no formal rules. The rules here are a plausible
reading, not the jobcenter's actual rules:

* every module: SGB II customer (Bürgergeld, alone or with SGB III), long-term unemployed
  (§18 SGB III) **or** with a serious health restriction, a valid consent to take part, living
  in Gelsenkirchen and not already enrolled in the module;
* the preventive consultation (Präventivsprechstunde): also a consent to process health data;
* the "Best Ager" module inherited from "Perspektive 50plus": aged 50 or over in the calendar
  year (the other inherited modules are open to both target groups);
* assisted placement (assistierte Vermittlung): a daily work capacity of at least three hours
  wherever one is recorded (:class:`WorkCapacityAtLeast`, a site rule of its own).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final, Literal

from attrs import field, frozen

from arbeit_gesundheit import (
    BenefitType,
    ConsentPurpose,
    DailyWorkCapacity,
    InvalidFieldError,
    Module,
    Severity,
)
from arbeit_gesundheit import label as vocabulary_label
from arbeit_gesundheit.eligibility import (
    AgeBetween,
    BenefitIn,
    CriterionResult,
    EligibilityContext,
    HasConsent,
    HasRestriction,
    LongTermUnemployed,
    NotEnrolledInModule,
    ResidesInArea,
    Rule,
    RuleFields,
    Verdict,
    any_of,
)

from .catalogue import ASSISTED_PLACEMENT_MODULE_IDS, BEST_AGER_MODULE_ID, CONSULTATION_MODULE_IDS

if TYPE_CHECKING:
    from arbeit_gesundheit import Participant

__all__ = ["BASE_RULES", "WorkCapacityAtLeast", "rules_for"]

Language = Literal["de", "en"]

_RANK: Final = {
    DailyWorkCapacity.UNDER_3_HOURS: 0,
    DailyWorkCapacity.FROM_3_TO_6_HOURS: 1,
    DailyWorkCapacity.AT_LEAST_6_HOURS: 2,
}


@frozen
class WorkCapacityAtLeast(RuleFields):
    """Every recorded daily work capacity (Leistungsvermögen) is at least ``minimum``.

    Met when no restriction records a lower band (also when nothing is recorded: no known
    limit), not met when one does. Unknown when restrictions are recorded but none states a
    daily capacity, since then the person's capacity was assessed without the band
    (``restrictions.work_capacity``).
    """

    minimum: DailyWorkCapacity = field(default=DailyWorkCapacity.FROM_3_TO_6_HOURS)
    id: str = field(default="gelsenkirchen.work_capacity", kw_only=True)

    @minimum.validator
    def _check_minimum(self, attr: object, value: object) -> None:
        if type(value) is not DailyWorkCapacity:
            raise InvalidFieldError(type(self).__name__, "minimum", "a DailyWorkCapacity", value)

    def evaluate(self, participant: Participant, context: EligibilityContext) -> CriterionResult:
        lowest: DailyWorkCapacity | None = None
        for restriction in participant.restrictions:
            capacity = restriction.work_capacity
            daily = capacity.daily if capacity is not None else None
            if daily is not None and (lowest is None or _RANK[daily] < _RANK[lowest]):
                lowest = daily
        if lowest is None:
            if participant.restrictions:
                return self.unknown("restrictions.work_capacity")
            return self.met()
        return self.met(lowest) if _RANK[lowest] >= _RANK[self.minimum] else self.not_met(lowest)

    def label(self, lang: Language = "de") -> str:
        band = vocabulary_label(self.minimum, lang)
        if lang == "de":
            return f"Leistungsvermögen mindestens {band} (Standortregel)"
        return f"work capacity at least {band} (site rule)"

    def reason(self, result: CriterionResult, lang: Language = "de") -> str:
        detail = result.detail
        if result.verdict is Verdict.UNKNOWN:
            if lang == "de":
                return "Einschränkung erfasst, aber kein tägliches Leistungsvermögen"
            return "restriction recorded without a daily work capacity"
        if detail is None:
            if lang == "de":
                return "kein eingeschränktes Leistungsvermögen erfasst"
            return "no limited work capacity recorded"
        band = vocabulary_label(detail, lang)
        return f"erfasst: {band}" if lang == "de" else f"recorded: {band}"


#: The rules every Gelsenkirchen module has.
BASE_RULES: Final[tuple[Rule, ...]] = (
    BenefitIn(
        {BenefitType.SGB_II, BenefitType.BOTH},
        id="gelsenkirchen.benefit",
    ),
    any_of(
        LongTermUnemployed(id="gelsenkirchen.long_term_unemployed"),
        HasRestriction(min_severity=Severity.SERIOUS, id="gelsenkirchen.serious_restriction"),
        id="gelsenkirchen.target_group",
        label_de="Zielgruppe: langzeitarbeitslos oder erhebliche gesundheitliche Einschränkung",
        label_en="target group: long-term unemployed or serious health restriction",
    ),
    HasConsent(ConsentPurpose.PROGRAMME_PARTICIPATION, id="gelsenkirchen.consent"),
    ResidesInArea(id="gelsenkirchen.residence"),
    NotEnrolledInModule(id="gelsenkirchen.not_enrolled"),
)

_HEALTH_DATA: Final = HasConsent(
    ConsentPurpose.HEALTH_DATA_PROCESSING, id="gelsenkirchen.consent_health_data"
)
_AGE_50: Final = AgeBetween(50, None, by_year=True, id="gelsenkirchen.age_50plus")
_CAPACITY: Final = WorkCapacityAtLeast()


def rules_for(module: Module) -> tuple[Rule, ...]:
    """The rules for one of Gelsenkirchen's modules."""
    rules = list(BASE_RULES)
    if module.id in CONSULTATION_MODULE_IDS:
        rules.append(_HEALTH_DATA)
    if module.id == BEST_AGER_MODULE_ID:
        rules.append(_AGE_50)
    if module.id in ASSISTED_PLACEMENT_MODULE_IDS:
        rules.append(_CAPACITY)
    return tuple(rules)
