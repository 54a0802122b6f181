"""Site data of Jobcenter Kreis Viersen, "Regionales Präventionszentrum" (RPV, rehapro).

Source: the project portrait "Das Jobcenter als Präventionszentrum". Facts from the text:
about 1,200 unemployed people with health restrictions; medical reports (Gutachten) with
recommendations reach the jobcenter; in the rehapro model project four Health Care Coaches
draw up individual activity plans (Aktivitätspläne) with concrete agreed steps and refer people
to health-promoting offers of the various benefit carriers (Leistungsträger): change of diet,
more exercise, prevention courses, physiotherapy or psychotherapy; psychological and physical
restrictions, addiction and unstable housing; health understood broadly.

Illustrative (not in the text): the start date, partner names, offer titles and lengths, ZPP
certification ids and dates, which carrier funds which offer, and the mapping from
recommendation categories to offers.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from types import MappingProxyType
from typing import Final

from arbeit_gesundheit import (
    Carrier,
    Certification,
    Coach,
    CoachRole,
    CooperationAgreement,
    FieldOfAction,
    FundingSource,
    Land,
    Module,
    ModuleFormat,
    Partner,
    PartnerKind,
    RecommendationCategory,
    Site,
)

__all__ = [
    "AGREEMENTS",
    "COACHES",
    "COACHING_MODULE_ID",
    "DISTRICT_KEY",
    "JOBCENTER_ID",
    "MODULES",
    "MODULE_CARRIERS",
    "PARTNERS",
    "PEOPLE_WITH_RESTRICTIONS",
    "RECOMMENDED_MODULES",
    "SITE",
    "SITE_ID",
]

SITE_ID: Final = "viersen"
#: Kreisschlüssel of the Kreis Viersen.
DISTRICT_KEY: Final = "05166"
#: "rund 1.200 Erwerbslose im Kreis Viersen" with health restrictions.
PEOPLE_WITH_RESTRICTIONS: Final = 1200

SITE: Final = Site(
    id=SITE_ID,
    name="Jobcenter Kreis Viersen – Regionales Präventionszentrum (RPV)",
    land=Land.NW,
    programmes=frozenset({"rehapro"}),
    district_keys=frozenset({DISTRICT_KEY}),
    since=date(2020, 1, 1),
    # About 1,200 unemployed people with health restrictions (seed text).
    typical_participants=1200,
)

JOBCENTER_ID: Final = "vie-jobcenter"

PARTNERS: Final = (
    Partner(
        id=JOBCENTER_ID,
        name="Jobcenter Kreis Viersen – Regionales Präventionszentrum",
        kind=PartnerKind.JOBCENTER,
        location="Viersen",
    ),
    Partner(
        id="vie-krankenkassen",
        name="Gesetzliche Krankenkassen (Präventionskurse nach §20 SGB V)",
        kind=PartnerKind.HEALTH_INSURER,
    ),
    Partner(
        id="vie-rentenversicherung",
        name="Deutsche Rentenversicherung (Prävention und Rehabilitation)",
        kind=PartnerKind.OTHER,
    ),
    Partner(
        id="vie-physio",
        name="Physiotherapiepraxen im Kreis Viersen",
        kind=PartnerKind.OTHER,
        location="Kreis Viersen",
    ),
    Partner(
        id="vie-psychotherapie",
        name="Psychotherapeutische Sprechstunden im Kreis Viersen",
        kind=PartnerKind.PSYCHOSOCIAL_COUNSELLING,
        location="Kreis Viersen",
    ),
    Partner(
        id="vie-suchtberatung",
        name="Sucht- und Drogenberatung im Kreis Viersen",
        kind=PartnerKind.WELFARE_ORGANISATION,
        location="Kreis Viersen",
    ),
    Partner(
        id="vie-wohnhilfe",
        name="Fachberatung Wohnen und Wohnungsnotfallhilfe",
        kind=PartnerKind.WELFARE_ORGANISATION,
        location="Kreis Viersen",
    ),
    Partner(
        id="vie-schuldnerberatung",
        name="Schuldnerberatung des Kreises Viersen",
        kind=PartnerKind.MUNICIPALITY,
        location="Kreis Viersen",
    ),
    Partner(
        id="vie-kreis",
        name="Kreis Viersen (kommunaler Träger, Gesundheitsamt)",
        kind=PartnerKind.MUNICIPALITY,
        location="Viersen",
    ),
)

AGREEMENTS: Final = (
    CooperationAgreement(
        id="vie-rehapro-rpv",
        parties=(JOBCENTER_ID, "vie-kreis"),
        valid_from=date(2020, 1, 1),
        valid_until=date(2024, 12, 31),
        funding=FundingSource.FEDERAL_PROGRAMME,
        title="Modellprojekt rehapro: Regionales Präventionszentrum im Kreis Viersen",
    ),
)

_ZPP_VALID_UNTIL: Final = date(2026, 9, 30)
COACHING_MODULE_ID: Final = "vie-health-care-coaching"

MODULES: Final = (
    Module(
        id=COACHING_MODULE_ID,
        title="Health Care Coaching mit Aktivitätsplan",
        field_of_action=FieldOfAction.CONSULTATION,
        format=ModuleFormat.COACHING,
        sessions=12,
        session_minutes=60,
        provider_id=JOBCENTER_ID,
        funding=FundingSource.FEDERAL_PROGRAMME,
        description=(
            "Ein Health Care Coach erstellt mit der Kundin oder dem Kunden einen individuellen "
            "Aktivitätsplan aus den Empfehlungen der Gutachten und vereinbart konkrete Schritte."
        ),
    ),
    Module(
        id="vie-kk-bewegung",
        title="Präventionskurs Bewegung: Rücken und Gelenke",
        field_of_action=FieldOfAction.MOVEMENT,
        format=ModuleFormat.COURSE_SERIES,
        sessions=10,
        session_minutes=60,
        places=15,
        provider_id="vie-krankenkassen",
        certification=Certification(id="KU-BE-VIE-0001", valid_until=_ZPP_VALID_UNTIL),
        funding=FundingSource.HEALTH_INSURER,
    ),
    Module(
        id="vie-kk-ernaehrung",
        title="Präventionskurs Ernährung: Gesund und günstig essen",
        field_of_action=FieldOfAction.NUTRITION,
        format=ModuleFormat.COURSE_SERIES,
        sessions=8,
        session_minutes=90,
        places=15,
        provider_id="vie-krankenkassen",
        certification=Certification(id="KU-ER-VIE-0002", valid_until=_ZPP_VALID_UNTIL),
        funding=FundingSource.HEALTH_INSURER,
    ),
    Module(
        id="vie-kk-stress",
        title="Präventionskurs Stressbewältigung",
        field_of_action=FieldOfAction.STRESS,
        format=ModuleFormat.COURSE_SERIES,
        sessions=8,
        session_minutes=90,
        places=15,
        provider_id="vie-krankenkassen",
        certification=Certification(id="KU-ST-VIE-0003", valid_until=_ZPP_VALID_UNTIL),
        funding=FundingSource.HEALTH_INSURER,
    ),
    Module(
        id="vie-rv-fit",
        title="Präventionsprogramm der Rentenversicherung (RV Fit)",
        field_of_action=FieldOfAction.MOVEMENT,
        format=ModuleFormat.COURSE_SERIES,
        sessions=12,
        session_minutes=90,
        places=15,
        provider_id="vie-rentenversicherung",
        funding=FundingSource.PENSION_INSURANCE,
    ),
    Module(
        id="vie-physiotherapie",
        title="Vermittlung in Physiotherapie (ärztliche Verordnung)",
        field_of_action=FieldOfAction.MOVEMENT,
        format=ModuleFormat.CONSULTATION,
        sessions=6,
        session_minutes=30,
        provider_id="vie-physio",
        funding=FundingSource.HEALTH_INSURER,
    ),
    Module(
        id="vie-psychotherapie",
        title="Vermittlung in eine psychotherapeutische Sprechstunde",
        field_of_action=FieldOfAction.PSYCHOSOCIAL,
        format=ModuleFormat.CONSULTATION,
        sessions=3,
        session_minutes=50,
        provider_id="vie-psychotherapie",
        funding=FundingSource.HEALTH_INSURER,
    ),
    Module(
        id="vie-suchtberatung",
        title="Suchtberatung (§16a SGB II)",
        field_of_action=FieldOfAction.ADDICTION,
        format=ModuleFormat.CONSULTATION,
        sessions=6,
        session_minutes=60,
        provider_id="vie-suchtberatung",
        funding=FundingSource.MUNICIPALITY,
    ),
    Module(
        id="vie-wohnhilfe",
        title="Beratung zur Wohnungssicherung",
        field_of_action=FieldOfAction.PSYCHOSOCIAL,
        format=ModuleFormat.CONSULTATION,
        sessions=4,
        session_minutes=60,
        provider_id="vie-wohnhilfe",
        funding=FundingSource.MUNICIPALITY,
    ),
    Module(
        id="vie-schuldnerberatung",
        title="Schuldnerberatung (§16a SGB II)",
        field_of_action=FieldOfAction.PSYCHOSOCIAL,
        format=ModuleFormat.CONSULTATION,
        sessions=4,
        session_minutes=60,
        provider_id="vie-schuldnerberatung",
        funding=FundingSource.MUNICIPALITY,
    ),
)

#: Which benefit carrier (Leistungsträger) a referral to each offer goes to.
MODULE_CARRIERS: Final[Mapping[str, Carrier]] = MappingProxyType(
    {
        COACHING_MODULE_ID: Carrier.JOBCENTER,
        "vie-kk-bewegung": Carrier.HEALTH_INSURANCE,
        "vie-kk-ernaehrung": Carrier.HEALTH_INSURANCE,
        "vie-kk-stress": Carrier.HEALTH_INSURANCE,
        "vie-rv-fit": Carrier.PENSION_INSURANCE,
        "vie-physiotherapie": Carrier.HEALTH_INSURANCE,
        "vie-psychotherapie": Carrier.HEALTH_INSURANCE,
        "vie-suchtberatung": Carrier.MUNICIPALITY,
        "vie-wohnhilfe": Carrier.MUNICIPALITY,
        "vie-schuldnerberatung": Carrier.MUNICIPALITY,
    }
)

#: Which offers answer which recommendation category of a medical report (illustrative).
RECOMMENDED_MODULES: Final[Mapping[RecommendationCategory, tuple[str, ...]]] = MappingProxyType(
    {
        RecommendationCategory.NUTRITION_CHANGE: ("vie-kk-ernaehrung",),
        RecommendationCategory.MORE_EXERCISE: ("vie-kk-bewegung", "vie-rv-fit"),
        RecommendationCategory.PREVENTION_COURSE: (
            "vie-kk-bewegung",
            "vie-kk-ernaehrung",
            "vie-kk-stress",
        ),
        RecommendationCategory.PHYSIOTHERAPY: ("vie-physiotherapie",),
        RecommendationCategory.PSYCHOTHERAPY: ("vie-psychotherapie",),
        RecommendationCategory.ADDICTION_COUNSELLING: ("vie-suchtberatung",),
        RecommendationCategory.MEDICAL_REHABILITATION: ("vie-rv-fit",),
        RecommendationCategory.STRESS_MANAGEMENT: ("vie-kk-stress",),
        RecommendationCategory.PSYCHOSOCIAL_SUPPORT: ("vie-psychotherapie",),
        RecommendationCategory.HOUSING_SUPPORT: ("vie-wohnhilfe",),
        RecommendationCategory.DEBT_COUNSELLING: ("vie-schuldnerberatung",),
        RecommendationCategory.OTHER: (COACHING_MODULE_ID,),
    }
)

#: The four Health Care Coaches, identified by internal ids only.
COACHES: Final = tuple(
    Coach(
        id=f"vie-hcc-{number}",
        site_id=SITE_ID,
        role=CoachRole.HEALTH_CARE_COACH,
        trained_for_counselling=True,
    )
    for number in range(1, 5)
)
