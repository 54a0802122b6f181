"""Controlled vocabularies (Codelisten) and their German and English labels.

Enum values are stable, English, lower-case identifiers: they are what data files contain.
Labels are what site staff read; :func:`label` gives them in German by default.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

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


_LABELS: dict[type[StrEnum], dict[str, tuple[str, str]]] = {
    Gender: {
        Gender.FEMALE.value: ("weiblich", "female"),
        Gender.MALE.value: ("männlich", "male"),
        Gender.DIVERSE.value: ("divers", "diverse"),
        Gender.NOT_STATED.value: ("keine Angabe", "not stated"),
    },
    BenefitType: {
        BenefitType.SGB_II.value: ("SGB II (Bürgergeld)", "SGB II (citizen's benefit)"),
        BenefitType.SGB_III.value: ("SGB III (Arbeitslosengeld)", "SGB III (unemployment benefit)"),
        BenefitType.BOTH.value: ("SGB II und SGB III", "SGB II and SGB III"),
        BenefitType.NONE.value: ("kein Leistungsbezug", "no benefit"),
    },
    RestrictionCategory: {
        RestrictionCategory.MUSCULOSKELETAL.value: ("Muskel-Skelett-System", "musculoskeletal"),
        RestrictionCategory.MENTAL.value: ("psychisch", "mental"),
        RestrictionCategory.CARDIOVASCULAR.value: ("Herz-Kreislauf", "cardiovascular"),
        RestrictionCategory.METABOLIC.value: ("Stoffwechsel", "metabolic"),
        RestrictionCategory.RESPIRATORY.value: ("Atemwege", "respiratory"),
        RestrictionCategory.NEUROLOGICAL.value: ("neurologisch", "neurological"),
        RestrictionCategory.SENSORY.value: ("Sinnesorgane", "sensory"),
        RestrictionCategory.ADDICTION.value: ("Sucht", "addiction"),
        RestrictionCategory.OTHER.value: ("sonstige", "other"),
    },
    Severity: {
        Severity.MILD.value: ("leicht", "mild"),
        Severity.MODERATE.value: ("mittel", "moderate"),
        Severity.SERIOUS.value: ("erheblich", "serious"),
    },
    DailyWorkCapacity: {
        DailyWorkCapacity.FROM_3_TO_6_HOURS.value: (
            "3 bis unter 6 Stunden täglich",
            "3 to under 6 hours a day",
        ),
        DailyWorkCapacity.UNDER_3_HOURS.value: ("unter 3 Stunden täglich", "under 3 hours a day"),
        DailyWorkCapacity.AT_LEAST_6_HOURS.value: (
            "6 Stunden und mehr täglich",
            "6 hours or more a day",
        ),
    },
    ConsentPurpose: {
        ConsentPurpose.HEALTH_DATA_PROCESSING.value: (
            "Verarbeitung von Gesundheitsdaten",
            "health-data processing",
        ),
        ConsentPurpose.PROGRAMME_PARTICIPATION.value: (
            "Programmteilnahme",
            "programme participation",
        ),
        ConsentPurpose.DATA_SHARING.value: ("Weitergabe an Partner", "sharing with a partner"),
        ConsentPurpose.EVALUATION.value: ("Evaluation", "evaluation"),
        ConsentPurpose.CONTACT.value: ("Kontaktaufnahme", "contact"),
    },
    PartnerKind: {
        PartnerKind.HEALTH_INSURER.value: ("Krankenkasse", "health insurer"),
        PartnerKind.EDUCATION_PROVIDER.value: ("Bildungsträger", "education provider"),
        PartnerKind.SPORTS_CLUB.value: ("Sportverein", "sports club"),
        PartnerKind.SPORTS_FEDERATION.value: ("Stadtsportbund", "sports federation"),
        PartnerKind.GYM.value: ("Fitnessstudio", "gym"),
        PartnerKind.HEALTH_OFFICE.value: ("Gesundheitsamt", "health office"),
        PartnerKind.WELFARE_ORGANISATION.value: ("Wohlfahrtsverband", "welfare organisation"),
        PartnerKind.PSYCHOSOCIAL_COUNSELLING.value: (
            "psychosoziale Beratungsstelle",
            "psychosocial counselling service",
        ),
        PartnerKind.EMPLOYMENT_AGENCY.value: ("Agentur für Arbeit", "employment agency"),
        PartnerKind.JOBCENTER.value: ("Jobcenter", "jobcenter"),
        PartnerKind.MUNICIPALITY.value: ("Landratsamt/Kommune", "district office/municipality"),
        PartnerKind.OTHER.value: ("sonstige", "other"),
    },
    FieldOfAction: {
        FieldOfAction.MOVEMENT.value: ("Bewegungsgewohnheiten", "physical activity"),
        FieldOfAction.NUTRITION.value: ("Ernährung", "nutrition"),
        FieldOfAction.STRESS.value: (
            "Stress- und Ressourcenmanagement",
            "stress and resource management",
        ),
        FieldOfAction.ADDICTION.value: ("Suchtmittelkonsum", "addictive substances"),
        FieldOfAction.PSYCHOSOCIAL.value: ("psychosoziale Beratung", "psychosocial counselling"),
        FieldOfAction.MOTIVATION.value: ("Motivation und Aktivierung", "motivation and activation"),
        FieldOfAction.RESILIENCE.value: ("Resilienz", "resilience"),
        FieldOfAction.FAMILY.value: ("Familie", "family"),
        FieldOfAction.ASSISTED_PLACEMENT.value: ("assistierte Vermittlung", "assisted placement"),
        FieldOfAction.CONSULTATION.value: ("Sprechstunde", "consultation"),
    },
    ModuleFormat: {
        ModuleFormat.COURSE_SERIES.value: ("Kursreihe", "course series"),
        ModuleFormat.SINGLE_EVENT.value: ("Einzelveranstaltung", "single event"),
        ModuleFormat.CONSULTATION.value: ("Beratung", "consultation"),
        ModuleFormat.COACHING.value: ("Coaching", "coaching"),
        ModuleFormat.DIGITAL.value: ("digital", "digital"),
    },
    EnrolmentStatus: {
        EnrolmentStatus.REFERRED.value: ("zugewiesen", "referred"),
        EnrolmentStatus.REGISTERED.value: ("angemeldet", "registered"),
        EnrolmentStatus.WAITLISTED.value: ("Warteliste", "waitlisted"),
        EnrolmentStatus.ACTIVE.value: ("aktiv", "active"),
        EnrolmentStatus.COMPLETED.value: ("abgeschlossen", "completed"),
        EnrolmentStatus.DROPPED.value: ("abgebrochen", "dropped"),
        EnrolmentStatus.NO_SHOW.value: ("nicht angetreten", "no show"),
    },
    DropoutReason: {
        DropoutReason.TOOK_UP_WORK.value: ("Arbeitsaufnahme", "took up work"),
        DropoutReason.ILLNESS.value: ("Krankheit", "illness"),
        DropoutReason.LOST_MOTIVATION.value: ("Motivation verloren", "lost motivation"),
        DropoutReason.CARE_DUTIES.value: ("Betreuungspflichten", "care duties"),
        DropoutReason.MOVED_AWAY.value: ("Umzug", "moved away"),
        DropoutReason.OFFER_UNSUITABLE.value: ("Angebot ungeeignet", "offer unsuitable"),
        DropoutReason.CONSENT_WITHDRAWN.value: ("Einwilligung widerrufen", "consent withdrawn"),
        DropoutReason.OTHER.value: ("sonstiger Grund", "other reason"),
    },
    OutcomeKind: {
        OutcomeKind.EMPLOYMENT.value: (
            "sozialversicherungspflichtige Beschäftigung",
            "employment subject to social insurance",
        ),
        OutcomeKind.MARGINAL_EMPLOYMENT.value: (
            "geringfügige Beschäftigung",
            "marginal employment",
        ),
        OutcomeKind.VOCATIONAL_TRAINING.value: ("Berufsausbildung", "vocational training"),
        OutcomeKind.FURTHER_TRAINING.value: ("Weiterbildung", "further training"),
        OutcomeKind.SELF_EMPLOYMENT.value: ("Selbstständigkeit", "self-employment"),
        OutcomeKind.CLUB_MEMBERSHIP.value: ("Vereinsmitgliedschaft", "club membership"),
        OutcomeKind.OTHER.value: ("sonstiges", "other"),
    },
    WorkLimitation: {
        WorkLimitation.NO_HEAVY_LIFTING.value: ("keine schweren Lasten", "no heavy lifting"),
        WorkLimitation.NO_PROLONGED_STANDING.value: ("kein langes Stehen", "no prolonged standing"),
        WorkLimitation.NO_PROLONGED_SITTING.value: ("kein langes Sitzen", "no prolonged sitting"),
        WorkLimitation.NO_OVERHEAD_WORK.value: ("keine Überkopfarbeit", "no overhead work"),
        WorkLimitation.NO_NIGHT_SHIFTS.value: ("keine Nachtschicht", "no night shifts"),
        WorkLimitation.NO_TIME_PRESSURE.value: ("kein Zeitdruck", "no time pressure"),
        WorkLimitation.NO_CUSTOMER_CONTACT.value: ("kein Kundenkontakt", "no customer contact"),
        WorkLimitation.NO_HEIGHTS.value: ("keine Arbeit in Höhen", "no work at heights"),
        WorkLimitation.OTHER.value: ("sonstige Einschränkung", "other limitation"),
    },
    LegalBasis: {
        LegalBasis.GDPR_ART_6_1_A.value: ("Art. 6 Abs. 1 lit. a DSGVO", "Art. 6(1)(a) GDPR"),
        LegalBasis.GDPR_ART_9_2_A.value: ("Art. 9 Abs. 2 lit. a DSGVO", "Art. 9(2)(a) GDPR"),
        LegalBasis.SGB_X_67B.value: ("§ 67b SGB X", "§67b SGB X"),
    },
    DataCategory: {
        DataCategory.MASTER_DATA.value: ("Stammdaten", "master data"),
        DataCategory.HEALTH_RESTRICTIONS.value: (
            "gesundheitliche Einschränkungen",
            "health restrictions",
        ),
        DataCategory.ASSESSMENTS.value: ("Befragungen", "assessments"),
        DataCategory.PARTICIPATION.value: ("Teilnahme", "participation"),
        DataCategory.ACTIVITY_PLAN.value: ("Aktivitätsplan", "activity plan"),
        DataCategory.OUTCOMES.value: ("Verbleib", "outcomes"),
    },
    FundingSource: {
        FundingSource.GKV_ALLIANCE.value: ("GKV-Bündnis für Gesundheit", "GKV alliance for health"),
        FundingSource.HEALTH_INSURER.value: ("Krankenkasse", "health insurer"),
        FundingSource.JOBCENTER.value: ("Jobcenter", "jobcenter"),
        FundingSource.EMPLOYMENT_AGENCY.value: ("Agentur für Arbeit", "employment agency"),
        FundingSource.MUNICIPALITY.value: ("Kommune", "municipality"),
        FundingSource.PENSION_INSURANCE.value: ("Rentenversicherung", "pension insurance"),
        FundingSource.FEDERAL_PROGRAMME.value: ("Bundesprogramm", "federal programme"),
        FundingSource.ESF.value: ("Europäischer Sozialfonds", "European Social Fund"),
        FundingSource.OTHER.value: ("sonstige Förderung", "other funding"),
    },
    Land: {
        Land.BW.value: ("Baden-Württemberg", "Baden-Württemberg"),
        Land.BY.value: ("Bayern", "Bavaria"),
        Land.BE.value: ("Berlin", "Berlin"),
        Land.BB.value: ("Brandenburg", "Brandenburg"),
        Land.HB.value: ("Bremen", "Bremen"),
        Land.HH.value: ("Hamburg", "Hamburg"),
        Land.HE.value: ("Hessen", "Hesse"),
        Land.MV.value: ("Mecklenburg-Vorpommern", "Mecklenburg-Western Pomerania"),
        Land.NI.value: ("Niedersachsen", "Lower Saxony"),
        Land.NW.value: ("Nordrhein-Westfalen", "North Rhine-Westphalia"),
        Land.RP.value: ("Rheinland-Pfalz", "Rhineland-Palatinate"),
        Land.SL.value: ("Saarland", "Saarland"),
        Land.SN.value: ("Sachsen", "Saxony"),
        Land.ST.value: ("Sachsen-Anhalt", "Saxony-Anhalt"),
        Land.SH.value: ("Schleswig-Holstein", "Schleswig-Holstein"),
        Land.TH.value: ("Thüringen", "Thuringia"),
    },
    AttendanceStatus: {
        AttendanceStatus.PRESENT.value: ("anwesend", "present"),
        AttendanceStatus.EXCUSED.value: ("entschuldigt", "excused"),
        AttendanceStatus.ABSENT.value: ("unentschuldigt gefehlt", "absent"),
    },
    CoachRole: {
        CoachRole.HEALTH_CARE_COACH.value: ("Health Care Coach", "health care coach"),
        CoachRole.PLACEMENT_OFFICER.value: ("Vermittlungsfachkraft", "placement officer"),
        CoachRole.CASE_MANAGER.value: ("Fallmanagement", "case manager"),
        CoachRole.HEALTH_COUNSELLOR.value: (
            "gesundheitsorientierte Beratung (GOB)",
            "health counsellor",
        ),
    },
    StepStatus: {
        StepStatus.OPEN.value: ("offen", "open"),
        StepStatus.IN_PROGRESS.value: ("in Arbeit", "in progress"),
        StepStatus.DONE.value: ("erledigt", "done"),
        StepStatus.DROPPED.value: ("verworfen", "dropped"),
    },
    RecommendationCategory: {
        RecommendationCategory.NUTRITION_CHANGE.value: ("Ernährungsumstellung", "change of diet"),
        RecommendationCategory.MORE_EXERCISE.value: ("mehr Bewegung", "more exercise"),
        RecommendationCategory.PREVENTION_COURSE.value: ("Präventionskurs", "prevention course"),
        RecommendationCategory.PHYSIOTHERAPY.value: ("Physiotherapie", "physiotherapy"),
        RecommendationCategory.PSYCHOTHERAPY.value: ("Psychotherapie", "psychotherapy"),
        RecommendationCategory.ADDICTION_COUNSELLING.value: (
            "Suchtberatung",
            "addiction counselling",
        ),
        RecommendationCategory.MEDICAL_REHABILITATION.value: (
            "medizinische Rehabilitation",
            "medical rehabilitation",
        ),
        RecommendationCategory.STRESS_MANAGEMENT.value: ("Stressbewältigung", "stress management"),
        RecommendationCategory.PSYCHOSOCIAL_SUPPORT.value: (
            "psychosoziale Unterstützung",
            "psychosocial support",
        ),
        RecommendationCategory.HOUSING_SUPPORT.value: (
            "Unterstützung beim Wohnen",
            "housing support",
        ),
        RecommendationCategory.DEBT_COUNSELLING.value: ("Schuldnerberatung", "debt counselling"),
        RecommendationCategory.OTHER.value: ("sonstige Empfehlung", "other recommendation"),
    },
    RecommendationSource: {
        RecommendationSource.MEDICAL_REPORT.value: ("ärztliches Gutachten", "medical report"),
        RecommendationSource.PSYCHOLOGICAL_REPORT.value: (
            "psychologisches Gutachten",
            "psychological report",
        ),
        RecommendationSource.NEEDS_ASSESSMENT.value: ("Bedarfsermittlung", "needs assessment"),
    },
    Carrier: {
        Carrier.HEALTH_INSURANCE.value: ("Krankenversicherung", "health insurance"),
        Carrier.PENSION_INSURANCE.value: ("Rentenversicherung", "pension insurance"),
        Carrier.ACCIDENT_INSURANCE.value: ("Unfallversicherung", "accident insurance"),
        Carrier.JOBCENTER.value: ("Jobcenter", "jobcenter"),
        Carrier.EMPLOYMENT_AGENCY.value: ("Agentur für Arbeit", "employment agency"),
        Carrier.MUNICIPALITY.value: ("Kommune", "municipality"),
        Carrier.OTHER.value: ("sonstiger Träger", "other carrier"),
    },
    ReferralStatus: {
        ReferralStatus.OPEN.value: ("offen", "open"),
        ReferralStatus.ACCEPTED.value: ("angenommen", "accepted"),
        ReferralStatus.COMPLETED.value: ("abgeschlossen", "completed"),
        ReferralStatus.DECLINED.value: ("abgelehnt", "declined"),
    },
    EventFormat: {
        EventFormat.ON_SITE.value: ("vor Ort", "on site"),
        EventFormat.DIGITAL.value: ("digital", "digital"),
    },
    NoteKind: {
        NoteKind.SUCCESS.value: ("Erfolg", "success"),
        NoteKind.NEED.value: ("Optimierungsbedarf", "need"),
        NoteKind.DECISION.value: ("Beschluss", "decision"),
    },
}


def label(member: StrEnum, lang: Language = "de") -> str:
    """The label of a vocabulary member for people to read, German (``"de"``) by default.

    Labels are kept per vocabulary: members of different vocabularies may share a value
    (``FieldOfAction.CONSULTATION`` and ``ModuleFormat.CONSULTATION``) but not a label.
    Members without a curated label fall back to their value with underscores as spaces.
    """
    pair = _LABELS.get(type(member), {}).get(member.value)
    if pair is None:
        return str(member.value).replace("_", " ")
    return pair[0] if lang == "de" else pair[1]
