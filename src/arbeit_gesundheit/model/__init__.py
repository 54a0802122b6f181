"""The domain model: small frozen value objects that validate every field.

Participants (Teilnehmende, known by pseudonym only), consents (Einwilligung), the catalogue
(modules, offerings, sessions), organisations (sites, partners, agreements, coaches),
participation records (enrolments with dated history, attendance), activity plans, needs
assessments, assessments, outcomes, events, annual reviews, the vocabularies they use and the
:class:`Dataset` document that holds them all. The lowest layer of the library: it imports
nothing but :mod:`arbeit_gesundheit.exceptions`; serialization lives in
:mod:`arbeit_gesundheit.converter`, never on the models.
"""

from __future__ import annotations

from ._assessment import Assessment
from ._catalogue import Certification, Module, Offering, Session
from ._consent import Consent
from ._dataset import FORMAT_VERSION, Dataset
from ._event import Event
from ._labels import label
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
    Language,
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
)

__all__ = [
    "FORMAT_VERSION",
    "LONG_TERM_UNEMPLOYMENT_DAYS",
    "ActivityPlan",
    "AnnualReview",
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
    "Land",
    "Language",
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
    "label",
]
