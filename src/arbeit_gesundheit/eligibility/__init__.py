"""Explainable eligibility (Zugangsprüfung): rules, combinators, decisions and audit records.

Rules are plain frozen objects, testable offline as functions::

    rule = all_of(BenefitIn({BenefitType.SGB_II}), LongTermUnemployed(), AgeBetween(25, 64))
    decision = evaluate(rule, participant, EligibilityContext(as_of=date(2024, 3, 1)))
    decision.verdict          # Verdict.MET / NOT_MET / UNKNOWN
    decision.explain()        # German lines, one per criterion; explain("en") in English
    decision.missing          # data fields whose absence left a criterion unknown
    decision.audit_record()   # rule ids and verdicts, no personal data

See the guide page "Eligibility" for writing a site's own rule.

Recommendations (Angebotsempfehlung): a ranked list of a site's modules for a participant.

From a needs assessment (fields of action), the participant's restriction categories and the
recommendation categories of a medical report, :func:`recommend_modules` ranks the modules,
respects eligibility rules (modules whose rule is not met are left out, unknown ones are
flagged) and free places, and gives the reasons for each rank (German by default).
"""

from __future__ import annotations

from ..exceptions import EligibilityRuleError
from ._context import EligibilityContext
from ._criteria import (
    AgeBetween,
    BenefitIn,
    HasConsent,
    HasRestriction,
    LongTermUnemployed,
    NotEnrolledInModule,
    ResidesInArea,
)
from ._decisions import AuditCriterion, AuditRecord, Decision, format_date
from ._evaluation import evaluate
from ._recommend import (
    RECOMMENDATION_FIELDS,
    RESTRICTION_FIELDS,
    EligibilityCheck,
    ExcludedModule,
    ModuleSuggestion,
    Suggestions,
    recommend_modules,
)
from ._rule import AllOf, AnyOf, CriterionResult, Not, Rule, RuleFields, all_of, any_of, not_
from ._verdicts import Verdict

__all__ = [
    "RECOMMENDATION_FIELDS",
    "RESTRICTION_FIELDS",
    "AgeBetween",
    "AllOf",
    "AnyOf",
    "AuditCriterion",
    "AuditRecord",
    "BenefitIn",
    "CriterionResult",
    "Decision",
    "EligibilityCheck",
    "EligibilityContext",
    "EligibilityRuleError",
    "ExcludedModule",
    "HasConsent",
    "HasRestriction",
    "LongTermUnemployed",
    "ModuleSuggestion",
    "Not",
    "NotEnrolledInModule",
    "ResidesInArea",
    "Rule",
    "RuleFields",
    "Suggestions",
    "Verdict",
    "all_of",
    "any_of",
    "evaluate",
    "format_date",
    "not_",
    "recommend_modules",
]
