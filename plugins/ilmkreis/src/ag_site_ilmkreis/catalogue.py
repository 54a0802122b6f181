"""Site data of Jobcenter Ilm-Kreis, health-oriented counselling (GOB) since 2020.

Source: the jobcenter's press release of 16 March 2021. Facts from the text: since 2020 the
jobcenter takes part in "Verzahnung von Arbeits- und Gesundheitsförderung in der kommunalen
Lebenswelt" together with the GKV-Bündnis für Gesundheit and the district office
(Landratsamt); individual needs of the target group assessed (Bedarfsermittlung); topics
movement, stress management, mental health and healthy eating; courses on actively coping with
unemployment (AktivA, focus on stress management) with a regional education provider
(Bildungsträger); selected staff qualified for health-oriented counselling
(gesundheitsorientierte Beratung, GOB) in dedicated counselling rooms at the Arnstadt and
Ilmenau offices; health days replaced by a digital health week during the pandemic;
networking with local clubs and partners. AOK PLUS looks after the site (teamw()rk).

Illustrative (not in the text): partner names beyond those named, course titles, session
counts and lengths, places, ZPP certification ids and dates, the number of GOB counsellors,
agreement dates.
"""

from __future__ import annotations

from datetime import date
from typing import Final

from arbeit_gesundheit import (
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
    Site,
)

__all__ = [
    "AGREEMENTS",
    "AKTIVA_MODULE_ID",
    "BILDUNGSTRAEGER_ID",
    "COACHES",
    "DISTRICT_KEY",
    "GOB_MODULE_IDS",
    "JOBCENTER_ID",
    "MODULES",
    "OFFICES",
    "PARTNERS",
    "SITE",
    "SITE_ID",
    "TOPICS",
]

SITE_ID: Final = "ilmkreis"
#: Kreisschlüssel of the Ilm-Kreis.
DISTRICT_KEY: Final = "16070"
#: The two offices with a GOB counselling room.
OFFICES: Final = ("Arnstadt", "Ilmenau")
#: The project's topics (Bewegung, Stressbewältigung, psychische Gesundheit, gesunde Ernährung).
TOPICS: Final = (
    FieldOfAction.MOVEMENT,
    FieldOfAction.STRESS,
    FieldOfAction.PSYCHOSOCIAL,
    FieldOfAction.NUTRITION,
)

SITE: Final = Site(
    id=SITE_ID,
    name="Jobcenter Ilm-Kreis – Gesundheitsorientierte Beratung (GOB)",
    land=Land.TH,
    programmes=frozenset({"teamwork"}),
    district_keys=frozenset({DISTRICT_KEY}),
    since=date(2020, 1, 1),
    # Illustrative: the source text gives no number of participants.
    typical_participants=400,
)

JOBCENTER_ID: Final = "ilm-jobcenter"
BILDUNGSTRAEGER_ID: Final = "ilm-bildungstraeger"

PARTNERS: Final = (
    Partner(
        id=JOBCENTER_ID,
        name="Jobcenter Ilm-Kreis",
        kind=PartnerKind.JOBCENTER,
        location="Arnstadt",
    ),
    Partner(
        id="ilm-landratsamt",
        name="Landratsamt Ilm-Kreis",
        kind=PartnerKind.MUNICIPALITY,
        location="Arnstadt",
    ),
    Partner(
        id="ilm-aok-plus",
        name="AOK PLUS (für das GKV-Bündnis für Gesundheit)",
        kind=PartnerKind.HEALTH_INSURER,
    ),
    Partner(
        id=BILDUNGSTRAEGER_ID,
        name="Regionaler Bildungsträger im Ilm-Kreis",
        kind=PartnerKind.EDUCATION_PROVIDER,
        location="Ilmenau",
    ),
    Partner(
        id="ilm-sportvereine",
        name="Sportvereine im Ilm-Kreis",
        kind=PartnerKind.SPORTS_CLUB,
        location="Ilm-Kreis",
    ),
)

AGREEMENTS: Final = (
    CooperationAgreement(
        id="ilm-verzahnung",
        parties=(JOBCENTER_ID, "ilm-landratsamt", "ilm-aok-plus"),
        valid_from=date(2020, 1, 1),
        funding=FundingSource.GKV_ALLIANCE,
        title="Verzahnung von Arbeits- und Gesundheitsförderung im Ilm-Kreis (GKV-Bündnis)",
    ),
)

_ZPP_VALID_UNTIL: Final = date(2026, 3, 31)
AKTIVA_MODULE_ID: Final = "ilm-aktiva"

_GOB: Final = tuple(
    Module(
        id=f"ilm-gob-{office.lower()}",
        title=f"Gesundheitsorientierte Beratung (GOB) in {office}",
        field_of_action=FieldOfAction.CONSULTATION,
        format=ModuleFormat.CONSULTATION,
        sessions=3,
        session_minutes=45,
        provider_id=JOBCENTER_ID,
        funding=FundingSource.JOBCENTER,
        location=f"Jobcenter Ilm-Kreis, Beratungsbüro {office}",
        description=(
            "Individuelle Beratung durch geschulte Mitarbeitende im themenspezifischen "
            "Beratungsbüro; ermittelt den Bedarf und empfiehlt passende Angebote."
        ),
    )
    for office in OFFICES
)

#: The GOB consultation modules, one per office.
GOB_MODULE_IDS: Final = frozenset(m.id for m in _GOB)

_COURSES: Final = (
    Module(
        id=AKTIVA_MODULE_ID,
        title="AktivA – Aktive Bewältigung von Arbeitslosigkeit",
        field_of_action=FieldOfAction.STRESS,
        format=ModuleFormat.COURSE_SERIES,
        sessions=8,
        session_minutes=90,
        places=12,
        provider_id=BILDUNGSTRAEGER_ID,
        certification=Certification(id="KU-ST-ILM-0001", valid_until=_ZPP_VALID_UNTIL),
        funding=FundingSource.GKV_ALLIANCE,
        description="Kurs mit Schwerpunkt auf Kompetenzen zur Stressbewältigung.",
    ),
    Module(
        id="ilm-bewegung",
        title="Bewegt im Ilm-Kreis",
        field_of_action=FieldOfAction.MOVEMENT,
        format=ModuleFormat.COURSE_SERIES,
        sessions=10,
        session_minutes=60,
        places=15,
        provider_id="ilm-sportvereine",
        certification=Certification(id="KU-BE-ILM-0002", valid_until=_ZPP_VALID_UNTIL),
        funding=FundingSource.GKV_ALLIANCE,
    ),
    Module(
        id="ilm-psyche",
        title="Psychisch gesund bleiben",
        field_of_action=FieldOfAction.PSYCHOSOCIAL,
        format=ModuleFormat.COURSE_SERIES,
        sessions=8,
        session_minutes=90,
        places=12,
        provider_id=BILDUNGSTRAEGER_ID,
        funding=FundingSource.GKV_ALLIANCE,
    ),
    Module(
        id="ilm-ernaehrung",
        title="Gesunde Ernährung im Alltag",
        field_of_action=FieldOfAction.NUTRITION,
        format=ModuleFormat.COURSE_SERIES,
        sessions=8,
        session_minutes=90,
        places=12,
        provider_id=BILDUNGSTRAEGER_ID,
        certification=Certification(id="KU-ER-ILM-0003", valid_until=_ZPP_VALID_UNTIL),
        funding=FundingSource.GKV_ALLIANCE,
    ),
    Module(
        id="ilm-digital-entspannung",
        title="Digitale Entspannungseinheiten",
        field_of_action=FieldOfAction.STRESS,
        format=ModuleFormat.DIGITAL,
        sessions=5,
        session_minutes=45,
        provider_id=BILDUNGSTRAEGER_ID,
        funding=FundingSource.GKV_ALLIANCE,
        description="Flexibel nutzbares Online-Angebot, entstanden mit der digitalen Gesundheitswoche.",
    ),
)

MODULES: Final = (*_GOB, *_COURSES)

#: Staff qualified for GOB, two per office (illustrative), by internal id only.
COACHES: Final = tuple(
    Coach(
        id=f"ilm-gob-{office.lower()}-{number}",
        site_id=SITE_ID,
        role=CoachRole.HEALTH_COUNSELLOR,
        trained_for_counselling=True,
    )
    for office in OFFICES
    for number in (1, 2)
)
