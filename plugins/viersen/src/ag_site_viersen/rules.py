"""Kreis Viersen's eligibility rules (Zugangskriterien), illustrative.

The project text describes the target group, not formal rules. The rules here are a
plausible reading, not the jobcenter's actual rules:

* every offer: an SGB II customer of the jobcenter (alone or with SGB III); a recorded health
  restriction of any category (the project is for people with health restrictions); valid
  consents to take part and to process health data (the coaches work with the
  recommendations of medical reports); living in the Kreis Viersen; not already enrolled;
* offers of other carriers (referrals, Vermittlung an Leistungsträger): also a consent to
  share data with the partner providing the offer (rule id
  ``viersen.consent_sharing.<partner id>``).
"""

from __future__ import annotations

from typing import Final

from arbeit_gesundheit import BenefitType, ConsentPurpose, Module
from arbeit_gesundheit.eligibility import (
    BenefitIn,
    HasConsent,
    HasRestriction,
    NotEnrolledInModule,
    ResidesInArea,
    Rule,
)

from .catalogue import JOBCENTER_ID

__all__ = ["BASE_RULES", "rules_for"]

#: The rules every Viersen offer has.
BASE_RULES: Final[tuple[Rule, ...]] = (
    BenefitIn({BenefitType.SGB_II, BenefitType.BOTH}, id="viersen.benefit"),
    HasRestriction(id="viersen.health_restriction"),
    HasConsent(ConsentPurpose.PROGRAMME_PARTICIPATION, id="viersen.consent"),
    HasConsent(ConsentPurpose.HEALTH_DATA_PROCESSING, id="viersen.consent_health_data"),
    ResidesInArea(id="viersen.residence"),
    NotEnrolledInModule(id="viersen.not_enrolled"),
)


def rules_for(module: Module) -> tuple[Rule, ...]:
    """The rules for one of Viersen's offers."""
    provider = module.provider_id
    if provider is None or provider == JOBCENTER_ID:
        return BASE_RULES
    sharing = HasConsent(
        ConsentPurpose.DATA_SHARING, recipient=provider, id=f"viersen.consent_sharing.{provider}"
    )
    return (*BASE_RULES, sharing)
