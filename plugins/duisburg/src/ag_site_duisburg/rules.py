"""Duisburg's eligibility rules (Zugangskriterien), illustrative.

The alliance's text names no formal rules; it stresses a low threshold. The rules here are a
plausible reading, not the alliance's actual rules:

* every offer: a customer of the Jobcenter (SGB II) or the Agentur für Arbeit (SGB III), both
  being alliance partners; a valid consent to take part; living in Duisburg; not already
  enrolled in the module;
* club courses through the Stadtsportbund: adults (18 or over in the calendar year);
* the psychosocial consultation: also a consent to process health data.
"""

from __future__ import annotations

from typing import Final

from arbeit_gesundheit import BenefitType, ConsentPurpose, Module, ModuleFormat
from arbeit_gesundheit.eligibility import (
    AgeBetween,
    BenefitIn,
    HasConsent,
    NotEnrolledInModule,
    ResidesInArea,
    Rule,
)

from .catalogue import CLUB_COURSE_IDS

__all__ = ["BASE_RULES", "rules_for"]

#: The rules every Duisburg offer has.
BASE_RULES: Final[tuple[Rule, ...]] = (
    BenefitIn(
        {BenefitType.SGB_II, BenefitType.SGB_III, BenefitType.BOTH},
        id="duisburg.benefit",
    ),
    HasConsent(ConsentPurpose.PROGRAMME_PARTICIPATION, id="duisburg.consent"),
    ResidesInArea(id="duisburg.residence"),
    NotEnrolledInModule(id="duisburg.not_enrolled"),
)

_ADULT: Final = AgeBetween(18, None, by_year=True, id="duisburg.adult")
_HEALTH_DATA: Final = HasConsent(
    ConsentPurpose.HEALTH_DATA_PROCESSING, id="duisburg.consent_health_data"
)


def rules_for(module: Module) -> tuple[Rule, ...]:
    """The rules for one of Duisburg's offers."""
    rules = list(BASE_RULES)
    if module.id in CLUB_COURSE_IDS:
        rules.append(_ADULT)
    if module.format is ModuleFormat.CONSULTATION:
        rules.append(_HEALTH_DATA)
    return tuple(rules)
