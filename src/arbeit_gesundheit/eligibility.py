"""Explainable eligibility (Zugangsprüfung): rules, combinators, decisions and audit records.

Rules are plain frozen objects, testable offline as functions::

    rule = all_of(BenefitIn({BenefitType.SGB_II}), LongTermUnemployed(), AgeBetween(25, 64))
    decision = evaluate(rule, participant, EligibilityContext(as_of=date(2024, 3, 1)))
    decision.verdict          # Verdict.MET / NOT_MET / UNKNOWN
    decision.explain()        # German lines, one per criterion; explain("en") in English
    decision.missing          # data fields whose absence left a criterion unknown
    decision.audit_record()   # rule ids and verdicts, no personal data

See the guide page "Eligibility" for writing a site's own rule.
"""

from __future__ import annotations

from ._eligibility import (
    AllOf,
    AnyOf,
    AuditCriterion,
    AuditRecord,
    CriterionResult,
    Decision,
    EligibilityContext,
    Not,
    Rule,
    RuleFields,
    Verdict,
    all_of,
    any_of,
    evaluate,
    format_date,
    not_,
)
from ._rules import (
    AgeBetween,
    BenefitIn,
    HasConsent,
    HasRestriction,
    LongTermUnemployed,
    NotEnrolledInModule,
    ResidesInArea,
)
from .exceptions import EligibilityRuleError

__all__ = [
    "AgeBetween",
    "AllOf",
    "AnyOf",
    "AuditCriterion",
    "AuditRecord",
    "BenefitIn",
    "CriterionResult",
    "Decision",
    "EligibilityContext",
    "EligibilityRuleError",
    "HasConsent",
    "HasRestriction",
    "LongTermUnemployed",
    "Not",
    "NotEnrolledInModule",
    "ResidesInArea",
    "Rule",
    "RuleFields",
    "Verdict",
    "all_of",
    "any_of",
    "evaluate",
    "format_date",
    "not_",
]
