"""Ilm-Kreis's eligibility rules (Zugangskriterien), illustrative.

The press release names topics and offers, not formal rules. The rules here are a plausible
reading, not the jobcenter's actual rules:

* every offer: an SGB II customer of the jobcenter (alone or with SGB III); a valid consent
  to take part; living in the Ilm-Kreis; not already enrolled;
* the GOB consultations: also a consent to process health data (the needs assessment records
  health needs);
* AktivA (coping with unemployment): unemployed for at least 180 days, a site rule of its own
  that is deliberately *not* the §18 SGB III definition of long-term unemployment.
"""

from __future__ import annotations

from typing import Final

from arbeit_gesundheit import BenefitType, ConsentPurpose, Module
from arbeit_gesundheit.eligibility import (
    BenefitIn,
    HasConsent,
    LongTermUnemployed,
    NotEnrolledInModule,
    ResidesInArea,
    Rule,
)

from .catalogue import AKTIVA_MODULE_ID, GOB_MODULE_IDS

__all__ = ["AKTIVA_MIN_DAYS", "BASE_RULES", "rules_for"]

#: AktivA's illustrative threshold: unemployed for half a year.
AKTIVA_MIN_DAYS: Final = 180

#: The rules every Ilm-Kreis offer has.
BASE_RULES: Final[tuple[Rule, ...]] = (
    BenefitIn({BenefitType.SGB_II, BenefitType.BOTH}, id="ilmkreis.benefit"),
    HasConsent(ConsentPurpose.PROGRAMME_PARTICIPATION, id="ilmkreis.consent"),
    ResidesInArea(id="ilmkreis.residence"),
    NotEnrolledInModule(id="ilmkreis.not_enrolled"),
)

_HEALTH_DATA: Final = HasConsent(
    ConsentPurpose.HEALTH_DATA_PROCESSING, id="ilmkreis.consent_health_data"
)
_AKTIVA: Final = LongTermUnemployed(min_days=AKTIVA_MIN_DAYS, id="ilmkreis.aktiva_unemployed")


def rules_for(module: Module) -> tuple[Rule, ...]:
    """The rules for one of the Ilm-Kreis's offers."""
    if module.id in GOB_MODULE_IDS:
        return (*BASE_RULES, _HEALTH_DATA)
    if module.id == AKTIVA_MODULE_ID:
        return (*BASE_RULES, _AKTIVA)
    return BASE_RULES
