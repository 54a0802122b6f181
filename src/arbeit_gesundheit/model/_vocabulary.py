"""Controlled vocabularies (Codelisten): the enumerations the model's fields take.

Enum values are stable, English, lower-case identifiers: they are what data files contain.
Their German and English labels for people to read live in :mod:`._labels`, so the lists
that data files depend on stay apart from the wording staff see.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

__all__ = [
    "AttendanceStatus",
    "BenefitType",
    "Carrier",
    "CoachRole",
    "ConsentPurpose",
    "DailyWorkCapacity",
    "DataCategory",
    "DropoutReason",
    "EnrolmentStatus",
    "EventFormat",
    "FieldOfAction",
    "FundingSource",
    "Gender",
    "Land",
    "Language",
    "LegalBasis",
    "ModuleFormat",
    "NoteKind",
    "OutcomeKind",
    "PartnerKind",
    "RecommendationCategory",
    "RecommendationSource",
    "ReferralStatus",
    "RestrictionCategory",
    "Severity",
    "StepStatus",
    "WorkLimitation",
]

Language = Literal["de", "en"]


class Gender(StrEnum):
    """Gender as recorded by the jobcenter (Geschlecht)."""

    FEMALE = "female"
    MALE = "male"
    DIVERSE = "diverse"
    NOT_STATED = "not_stated"


class BenefitType(StrEnum):
    """Which benefit a person receives (Rechtskreis): SGB II, SGB III, both (Aufstocker) or none."""

    SGB_II = "sgb2"
    SGB_III = "sgb3"
    BOTH = "both"
    NONE = "none"


class RestrictionCategory(StrEnum):
    """Category of a health restriction (gesundheitliche Einschränkung), never a diagnosis."""

    MUSCULOSKELETAL = "musculoskeletal"
    MENTAL = "mental"
    CARDIOVASCULAR = "cardiovascular"
    METABOLIC = "metabolic"
    RESPIRATORY = "respiratory"
    NEUROLOGICAL = "neurological"
    SENSORY = "sensory"
    ADDICTION = "addiction"
    OTHER = "other"


class Severity(StrEnum):
    """How strongly a restriction limits daily life and work (Ausprägung)."""

    MILD = "mild"
    MODERATE = "moderate"
    SERIOUS = "serious"


class DailyWorkCapacity(StrEnum):
    """Daily work capacity in the bands of the German pension insurance (Leistungsvermögen)."""

    UNDER_3_HOURS = "under_3h"
    FROM_3_TO_6_HOURS = "3h_to_6h"
    AT_LEAST_6_HOURS = "6h_plus"


class WorkLimitation(StrEnum):
    """A qualitative limitation of work capacity (qualitative Leistungseinschränkung)."""

    NO_HEAVY_LIFTING = "no_heavy_lifting"
    NO_PROLONGED_STANDING = "no_prolonged_standing"
    NO_PROLONGED_SITTING = "no_prolonged_sitting"
    NO_OVERHEAD_WORK = "no_overhead_work"
    NO_NIGHT_SHIFTS = "no_night_shifts"
    NO_TIME_PRESSURE = "no_time_pressure"
    NO_CUSTOMER_CONTACT = "no_customer_contact"
    NO_HEIGHTS = "no_heights"
    OTHER = "other"


class ConsentPurpose(StrEnum):
    """What a consent (Einwilligung) allows; consents are purpose-bound."""

    PROGRAMME_PARTICIPATION = "programme_participation"
    HEALTH_DATA_PROCESSING = "health_data_processing"
    DATA_SHARING = "data_sharing"
    EVALUATION = "evaluation"
    CONTACT = "contact"


class LegalBasis(StrEnum):
    """Legal basis recorded with a consent."""

    GDPR_ART_6_1_A = "gdpr_art_6_1_a"
    GDPR_ART_9_2_A = "gdpr_art_9_2_a"
    SGB_X_67B = "sgb_x_67b"


class DataCategory(StrEnum):
    """Categories of personal data a consent covers."""

    MASTER_DATA = "master_data"
    HEALTH_RESTRICTIONS = "health_restrictions"
    ASSESSMENTS = "assessments"
    PARTICIPATION = "participation"
    ACTIVITY_PLAN = "activity_plan"
    OUTCOMES = "outcomes"


class PartnerKind(StrEnum):
    """Kind of partner organisation (Netzwerkpartner, Bündnispartner)."""

    HEALTH_INSURER = "health_insurer"
    EDUCATION_PROVIDER = "education_provider"
    SPORTS_CLUB = "sports_club"
    SPORTS_FEDERATION = "sports_federation"
    GYM = "gym"
    HEALTH_OFFICE = "health_office"
    WELFARE_ORGANISATION = "welfare_organisation"
    PSYCHOSOCIAL_COUNSELLING = "psychosocial_counselling"
    EMPLOYMENT_AGENCY = "employment_agency"
    JOBCENTER = "jobcenter"
    MUNICIPALITY = "municipality"
    OTHER = "other"


class FundingSource(StrEnum):
    """Who pays for an offer or an agreement."""

    GKV_ALLIANCE = "gkv_alliance"
    HEALTH_INSURER = "health_insurer"
    JOBCENTER = "jobcenter"
    EMPLOYMENT_AGENCY = "employment_agency"
    MUNICIPALITY = "municipality"
    PENSION_INSURANCE = "pension_insurance"
    FEDERAL_PROGRAMME = "federal_programme"
    ESF = "esf"
    OTHER = "other"


class Land(StrEnum):
    """The sixteen German Länder, by ISO 3166-2 subdivision code."""

    BW = "BW"
    BY = "BY"
    BE = "BE"
    BB = "BB"
    HB = "HB"
    HH = "HH"
    HE = "HE"
    MV = "MV"
    NI = "NI"
    NW = "NW"
    RP = "RP"
    SL = "SL"
    SN = "SN"
    ST = "ST"
    SH = "SH"
    TH = "TH"


class FieldOfAction(StrEnum):
    """Field of action (Handlungsfeld) of an offer.

    The first four are the fields of individual prevention under §20 SGB V (GKV Leitfaden
    Prävention); the others are the further kinds of offer sites run.
    """

    MOVEMENT = "movement"
    NUTRITION = "nutrition"
    STRESS = "stress"
    ADDICTION = "addiction"
    PSYCHOSOCIAL = "psychosocial"
    MOTIVATION = "motivation"
    RESILIENCE = "resilience"
    FAMILY = "family"
    ASSISTED_PLACEMENT = "assisted_placement"
    CONSULTATION = "consultation"

    @property
    def is_prevention_field(self) -> bool:
        """True for the four §20 SGB V fields of individual prevention."""
        return self in _PREVENTION_FIELDS


_PREVENTION_FIELDS = frozenset(
    {FieldOfAction.MOVEMENT, FieldOfAction.NUTRITION, FieldOfAction.STRESS, FieldOfAction.ADDICTION}
)


class ModuleFormat(StrEnum):
    """How an offer is delivered."""

    COURSE_SERIES = "course_series"
    SINGLE_EVENT = "single_event"
    CONSULTATION = "consultation"
    COACHING = "coaching"
    DIGITAL = "digital"


class EnrolmentStatus(StrEnum):
    """State of a place taken in an offering (Teilnahmeplatz)."""

    REFERRED = "referred"
    REGISTERED = "registered"
    WAITLISTED = "waitlisted"
    ACTIVE = "active"
    COMPLETED = "completed"
    DROPPED = "dropped"
    NO_SHOW = "no_show"


class DropoutReason(StrEnum):
    """Why someone left an offering early (Abbruchgrund)."""

    TOOK_UP_WORK = "took_up_work"
    ILLNESS = "illness"
    LOST_MOTIVATION = "lost_motivation"
    CARE_DUTIES = "care_duties"
    MOVED_AWAY = "moved_away"
    OFFER_UNSUITABLE = "offer_unsuitable"
    CONSENT_WITHDRAWN = "consent_withdrawn"
    OTHER = "other"


class AttendanceStatus(StrEnum):
    """Attendance at one session (Anwesenheit)."""

    PRESENT = "present"
    EXCUSED = "excused"
    ABSENT = "absent"


class CoachRole(StrEnum):
    """Role of a staff member working with participants."""

    HEALTH_CARE_COACH = "health_care_coach"
    PLACEMENT_OFFICER = "placement_officer"
    CASE_MANAGER = "case_manager"
    HEALTH_COUNSELLOR = "health_counsellor"


class StepStatus(StrEnum):
    """Status of an agreed step in an activity plan."""

    OPEN = "open"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DROPPED = "dropped"


class RecommendationCategory(StrEnum):
    """Category of a recommendation from a medical report (Gutachten); never the report."""

    NUTRITION_CHANGE = "nutrition_change"
    MORE_EXERCISE = "more_exercise"
    PREVENTION_COURSE = "prevention_course"
    PHYSIOTHERAPY = "physiotherapy"
    PSYCHOTHERAPY = "psychotherapy"
    ADDICTION_COUNSELLING = "addiction_counselling"
    MEDICAL_REHABILITATION = "medical_rehabilitation"
    STRESS_MANAGEMENT = "stress_management"
    PSYCHOSOCIAL_SUPPORT = "psychosocial_support"
    HOUSING_SUPPORT = "housing_support"
    DEBT_COUNSELLING = "debt_counselling"
    OTHER = "other"


class RecommendationSource(StrEnum):
    """Where a recommendation came from."""

    MEDICAL_REPORT = "medical_report"
    PSYCHOLOGICAL_REPORT = "psychological_report"
    NEEDS_ASSESSMENT = "needs_assessment"


class Carrier(StrEnum):
    """Benefit carrier (Leistungsträger) whose offer a referral leads to."""

    HEALTH_INSURANCE = "health_insurance"
    PENSION_INSURANCE = "pension_insurance"
    ACCIDENT_INSURANCE = "accident_insurance"
    JOBCENTER = "jobcenter"
    EMPLOYMENT_AGENCY = "employment_agency"
    MUNICIPALITY = "municipality"
    OTHER = "other"


class ReferralStatus(StrEnum):
    """Status of a referral (Vermittlung) to another carrier's offer."""

    OPEN = "open"
    ACCEPTED = "accepted"
    COMPLETED = "completed"
    DECLINED = "declined"


class OutcomeKind(StrEnum):
    """What a participant moved on to (Integration in Arbeit, or social participation)."""

    EMPLOYMENT = "employment"
    MARGINAL_EMPLOYMENT = "marginal_employment"
    VOCATIONAL_TRAINING = "vocational_training"
    FURTHER_TRAINING = "further_training"
    SELF_EMPLOYMENT = "self_employment"
    CLUB_MEMBERSHIP = "club_membership"
    OTHER = "other"

    @property
    def is_integration(self) -> bool:
        """True for taking up work or training (Integration in Arbeit oder Ausbildung)."""
        return self not in (OutcomeKind.CLUB_MEMBERSHIP, OutcomeKind.OTHER)


class EventFormat(StrEnum):
    """Whether an event took place on site or digitally."""

    ON_SITE = "on_site"
    DIGITAL = "digital"


class NoteKind(StrEnum):
    """Kind of note in an annual review (Bilanz)."""

    SUCCESS = "success"
    NEED = "need"
    DECISION = "decision"
