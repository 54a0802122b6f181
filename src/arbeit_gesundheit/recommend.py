"""Recommendations (Angebotsempfehlung): a ranked list of a site's modules for a participant.

From a needs assessment (fields of action), the participant's restriction categories and the
recommendation categories of a medical report, :func:`recommend_modules` ranks the modules,
respects eligibility rules (modules whose rule is not met are left out, unknown ones are
flagged) and free places, and gives the reasons for each rank (German by default).
"""

from __future__ import annotations

from ._recommend import (
    RECOMMENDATION_FIELDS,
    RESTRICTION_FIELDS,
    EligibilityCheck,
    ExcludedModule,
    ModuleSuggestion,
    Suggestions,
    recommend_modules,
)

__all__ = [
    "RECOMMENDATION_FIELDS",
    "RESTRICTION_FIELDS",
    "EligibilityCheck",
    "ExcludedModule",
    "ModuleSuggestion",
    "Suggestions",
    "recommend_modules",
]
