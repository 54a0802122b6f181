"""arbeit_gesundheit: the shared core of health promotion for unemployed people.

Models participants, modules, partners and outcomes of the programmes German jobcenters and
employment agencies run with the statutory health insurers ("Verzahnung von Arbeits- und
Gesundheitsförderung", "teamw()rk für Gesundheit und Arbeit"). Sites extend it with plugins.
"""

from __future__ import annotations

from ._assessment import Assessment
from ._catalogue import Certification, Module, Offering, Session
from ._consent import Consent
from ._dataset import FORMAT_VERSION, Dataset
from ._event import Event
from ._organisation import Coach, CooperationAgreement, Partner, Renewal, Site
from ._outcome import Outcome
from ._participant import (
    LONG_TERM_UNEMPLOYMENT_DAYS,
    HealthRestriction,
    Participant,
    WorkCapacity,
)
from ._participation import Attendance, Enrolment, StatusChange
from ._plan import (
    ActivityPlan,
    Goal,
    NeedsAssessment,
    PlanReview,
    Recommendation,
    Referral,
    Step,
)
from ._review import AnnualReview, ReviewNote
from ._vocabulary import (
    AttendanceStatus,
    BenefitType,
    Carrier,
    CoachRole,
    ConsentPurpose,
    DailyWorkCapacity,
    DataCategory,
    DropoutReason,
    EnrolmentStatus,
    EventFormat,
    FieldOfAction,
    FundingSource,
    Gender,
    Land,
    LegalBasis,
    ModuleFormat,
    NoteKind,
    OutcomeKind,
    PartnerKind,
    RecommendationCategory,
    RecommendationSource,
    ReferralStatus,
    RestrictionCategory,
    Severity,
    StepStatus,
    WorkLimitation,
    label,
)
from .exceptions import ArbeitGesundheitError, DocumentError, InvalidFieldError, Problem

__version__ = "0.1.0"

__all__ = [
    "FORMAT_VERSION",
    "LONG_TERM_UNEMPLOYMENT_DAYS",
    "ActivityPlan",
    "AnnualReview",
    "ArbeitGesundheitError",
    "Assessment",
    "Attendance",
    "AttendanceStatus",
    "BenefitType",
    "Carrier",
    "Certification",
    "Coach",
    "CoachRole",
    "Consent",
    "ConsentPurpose",
    "CooperationAgreement",
    "DailyWorkCapacity",
    "DataCategory",
    "Dataset",
    "DocumentError",
    "DropoutReason",
    "Enrolment",
    "EnrolmentStatus",
    "Event",
    "EventFormat",
    "FieldOfAction",
    "FundingSource",
    "Gender",
    "Goal",
    "HealthRestriction",
    "InvalidFieldError",
    "Land",
    "LegalBasis",
    "Module",
    "ModuleFormat",
    "NeedsAssessment",
    "NoteKind",
    "Offering",
    "Outcome",
    "OutcomeKind",
    "Participant",
    "Partner",
    "PartnerKind",
    "PlanReview",
    "Problem",
    "Recommendation",
    "RecommendationCategory",
    "RecommendationSource",
    "Referral",
    "ReferralStatus",
    "Renewal",
    "RestrictionCategory",
    "ReviewNote",
    "Session",
    "Severity",
    "Site",
    "StatusChange",
    "Step",
    "StepStatus",
    "WorkCapacity",
    "WorkLimitation",
    "__version__",
    "label",
]
