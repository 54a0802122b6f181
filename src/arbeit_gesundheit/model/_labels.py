"""German and English labels of the vocabularies, and :func:`label` to look them up.

Labels are what site staff read; :func:`label` gives them in German by default. They are
kept per vocabulary, apart from the enumerations in :mod:`._vocabulary`, because the
wording may change while the values in data files must not.
"""

from __future__ import annotations

from enum import StrEnum

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

__all__ = ["label"]

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
