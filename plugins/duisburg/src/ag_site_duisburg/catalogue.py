"""Site data of the Duisburg alliance "Gesundheitsförderung für arbeitslose Menschen".

Source: the alliance's self-description. Facts from the text: a local action alliance
(Aktionsbündnis) founded in 2012 out of a model project initiated by the LZG NRW (also run in
Hagen); partners are the Jobcenter, the Agentur für Arbeit, the Gesundheitsamt, the
Krankenkassen, course providers (Maßnahmenträger such as DAA and Tertia), welfare
organisations (Wohlfahrtsverbände), the Stadtsportbund, the Psychiatrische Hilfsgemeinschaft,
the IHK and others; an alliance round (Bündnisstammtisch) and a yearly decision-makers'
meeting (Entscheider-Treffen); low-threshold prevention courses held directly in the
providers' workshops (Werkstätten); an agreement between the alliance and the Krankenkassen,
who work with the Stadtsportbund so that member clubs run prevention courses, with taking part
in club life as an aim. Both SGB II (Jobcenter) and SGB III (Agentur) customers take part.

Illustrative (not in the text): partner names beyond those the text names, module titles,
session counts and lengths, places, ZPP certification ids and dates, agreement dates, the
member clubs.
"""

from __future__ import annotations

from datetime import date
from typing import Final

from arbeit_gesundheit import (
    Certification,
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
    "AGENTUR_ID",
    "AGREEMENTS",
    "ALLIANCE_AGREEMENT_ID",
    "CLUB_AGREEMENT_ID",
    "CLUB_COURSE_IDS",
    "CLUB_IDS",
    "DISTRICT_KEY",
    "JOBCENTER_ID",
    "KRANKENKASSEN_ID",
    "MODULES",
    "PARTNERS",
    "PROVIDER_IDS",
    "SITE",
    "SITE_ID",
    "STADTSPORTBUND_ID",
    "WORKSHOP_COURSE_IDS",
]

SITE_ID: Final = "duisburg"
#: Kreisschlüssel of the city of Duisburg.
DISTRICT_KEY: Final = "05112"

SITE = Site(
    id=SITE_ID,
    name="Aktionsbündnis „Gesundheitsförderung für arbeitslose Menschen“ Duisburg",
    land=Land.NW,
    programmes=frozenset({"lzg_modellprojekt"}),
    district_keys=frozenset({DISTRICT_KEY}),
    since=date(2012, 1, 1),
    # Illustrative: the source text gives no number of participants.
    typical_participants=800,
)

JOBCENTER_ID: Final = "du-jobcenter"
AGENTUR_ID: Final = "du-agentur"
KRANKENKASSEN_ID: Final = "du-krankenkassen"
STADTSPORTBUND_ID: Final = "du-stadtsportbund"
#: The course providers (Maßnahmenträger) whose workshops host the low-threshold courses.
PROVIDER_IDS: Final = ("du-daa", "du-tertia", "du-werkstatt-wv")
#: Member clubs of the Stadtsportbund running prevention courses (illustrative).
CLUB_IDS: Final = ("du-verein-nord", "du-verein-mitte", "du-verein-sued")

PARTNERS: Final = (
    Partner(id=JOBCENTER_ID, name="Jobcenter Duisburg", kind=PartnerKind.JOBCENTER),
    Partner(id=AGENTUR_ID, name="Agentur für Arbeit Duisburg", kind=PartnerKind.EMPLOYMENT_AGENCY),
    Partner(
        id="du-gesundheitsamt",
        name="Gesundheitsamt der Stadt Duisburg",
        kind=PartnerKind.HEALTH_OFFICE,
    ),
    Partner(
        id=KRANKENKASSEN_ID,
        name="Gesetzliche Krankenkassen im Aktionsbündnis",
        kind=PartnerKind.HEALTH_INSURER,
    ),
    Partner(
        id=PROVIDER_IDS[0],
        name="DAA Deutsche Angestellten-Akademie, Duisburg",
        kind=PartnerKind.EDUCATION_PROVIDER,
        location="Duisburg",
    ),
    Partner(
        id=PROVIDER_IDS[1],
        name="Tertia Berufsförderung, Duisburg",
        kind=PartnerKind.EDUCATION_PROVIDER,
        location="Duisburg",
    ),
    Partner(
        id=PROVIDER_IDS[2],
        name="Beschäftigungswerkstatt eines Wohlfahrtsverbands",
        kind=PartnerKind.EDUCATION_PROVIDER,
        location="Duisburg",
    ),
    Partner(
        id="du-wohlfahrtsverbaende",
        name="Wohlfahrtsverbände in Duisburg",
        kind=PartnerKind.WELFARE_ORGANISATION,
    ),
    Partner(
        id=STADTSPORTBUND_ID,
        name="Stadtsportbund Duisburg",
        kind=PartnerKind.SPORTS_FEDERATION,
    ),
    Partner(
        id="du-phg",
        name="Psychiatrische Hilfsgemeinschaft Duisburg",
        kind=PartnerKind.PSYCHOSOCIAL_COUNSELLING,
    ),
    Partner(id="du-ihk", name="Niederrheinische IHK", kind=PartnerKind.OTHER),
    Partner(
        id=CLUB_IDS[0],
        name="Sportverein im Duisburger Norden (Mitgliedsverein des Stadtsportbunds)",
        kind=PartnerKind.SPORTS_CLUB,
        location="Duisburg-Hamborn",
    ),
    Partner(
        id=CLUB_IDS[1],
        name="Sportverein in Duisburg-Mitte (Mitgliedsverein des Stadtsportbunds)",
        kind=PartnerKind.SPORTS_CLUB,
        location="Duisburg-Mitte",
    ),
    Partner(
        id=CLUB_IDS[2],
        name="Sportverein im Duisburger Süden (Mitgliedsverein des Stadtsportbunds)",
        kind=PartnerKind.SPORTS_CLUB,
        location="Duisburg-Süd",
    ),
)

ALLIANCE_AGREEMENT_ID: Final = "du-aktionsbuendnis"
CLUB_AGREEMENT_ID: Final = "du-krankenkassen-stadtsportbund"

AGREEMENTS: Final = (
    CooperationAgreement(
        id=ALLIANCE_AGREEMENT_ID,
        parties=tuple(p.id for p in PARTNERS if p.kind is not PartnerKind.SPORTS_CLUB),
        valid_from=date(2012, 1, 1),
        title="Aktionsbündnis „Gesundheitsförderung für arbeitslose Menschen“",
    ),
    CooperationAgreement(
        id=CLUB_AGREEMENT_ID,
        parties=(KRANKENKASSEN_ID, STADTSPORTBUND_ID),
        valid_from=date(2013, 1, 1),
        funding=FundingSource.HEALTH_INSURER,
        title="Vereinbarung Krankenkassen und Stadtsportbund: Präventionskurse im Verein",
    ),
)

#: ZPP certificates run three years; all end on this day here (illustrative).
_ZPP_VALID_UNTIL: Final = date(2026, 6, 30)

_WORKSHOP_NOTE = (
    "Niedrigschwelliger Präventionskurs direkt in der Werkstatt des Maßnahmenträgers; "
    "Ansprache durch den Träger und die Mitarbeitenden von Jobcenter und Agentur."
)
_CLUB_NOTE = (
    "Präventionskurs im Sportverein über den Stadtsportbund, finanziert von den Krankenkassen; "
    "Ziel ist auch die Teilnahme am Vereinsleben."
)

# (id suffix, title, field of action, sessions, minutes, provider, workshop, ZPP id)
_WORKSHOP: Final[tuple[tuple[str, str, FieldOfAction, int, int, str, str, str], ...]] = (
    (
        "ws-ruecken",
        "Rücken stärken am Arbeitsplatz Werkstatt",
        FieldOfAction.MOVEMENT,
        8,
        60,
        PROVIDER_IDS[0],
        "Werkstatt der DAA Duisburg",
        "KU-BE-DU-1001",
    ),
    (
        "ws-ernaehrung",
        "Gesund essen im Maßnahmealltag",
        FieldOfAction.NUTRITION,
        8,
        60,
        PROVIDER_IDS[0],
        "Werkstatt der DAA Duisburg",
        "KU-ER-DU-1002",
    ),
    (
        "ws-stress",
        "Stress lass nach: Entspannung in der Pause",
        FieldOfAction.STRESS,
        8,
        45,
        PROVIDER_IDS[1],
        "Werkstatt von Tertia Duisburg",
        "KU-ST-DU-1003",
    ),
    (
        "ws-bewegung",
        "Bewegte Pause",
        FieldOfAction.MOVEMENT,
        10,
        45,
        PROVIDER_IDS[1],
        "Werkstatt von Tertia Duisburg",
        "KU-BE-DU-1004",
    ),
    (
        "ws-rauchfrei",
        "Rauchfrei werden",
        FieldOfAction.ADDICTION,
        8,
        90,
        PROVIDER_IDS[2],
        "Beschäftigungswerkstatt eines Wohlfahrtsverbands",
        "KU-SU-DU-1005",
    ),
    (
        "ws-kochen",
        "Kochen mit wenig Geld",
        FieldOfAction.NUTRITION,
        8,
        90,
        PROVIDER_IDS[2],
        "Beschäftigungswerkstatt eines Wohlfahrtsverbands",
        "KU-ER-DU-1006",
    ),
)

# (id suffix, title, field of action, sessions, minutes, club, ZPP id)
_CLUB: Final[tuple[tuple[str, str, FieldOfAction, int, int, str, str], ...]] = (
    (
        "sv-gesundheitssport",
        "Gesundheitssport im Verein: Fit und beweglich",
        FieldOfAction.MOVEMENT,
        10,
        60,
        CLUB_IDS[0],
        "KU-BE-DU-2001",
    ),
    (
        "sv-walking",
        "Nordic Walking im Verein",
        FieldOfAction.MOVEMENT,
        10,
        60,
        CLUB_IDS[1],
        "KU-BE-DU-2002",
    ),
    (
        "sv-ruecken",
        "Rückenschule im Verein",
        FieldOfAction.MOVEMENT,
        10,
        60,
        CLUB_IDS[2],
        "KU-BE-DU-2003",
    ),
    (
        "sv-entspannung",
        "Entspannung und Bewegung: Yoga im Verein",
        FieldOfAction.STRESS,
        8,
        75,
        CLUB_IDS[1],
        "KU-ST-DU-2004",
    ),
)

_WORKSHOP_MODULES: Final = tuple(
    Module(
        id=f"du-{suffix}",
        title=title,
        field_of_action=field_of_action,
        format=ModuleFormat.COURSE_SERIES,
        sessions=sessions,
        session_minutes=minutes,
        places=12,
        provider_id=provider,
        certification=Certification(id=zpp, valid_until=_ZPP_VALID_UNTIL),
        funding=FundingSource.HEALTH_INSURER,
        target_groups=frozenset({"workshop_participants"}),
        location=workshop,
        description=_WORKSHOP_NOTE,
    )
    for suffix, title, field_of_action, sessions, minutes, provider, workshop, zpp in _WORKSHOP
)

_CLUB_MODULES: Final = tuple(
    Module(
        id=f"du-{suffix}",
        title=title,
        field_of_action=field_of_action,
        format=ModuleFormat.COURSE_SERIES,
        sessions=sessions,
        session_minutes=minutes,
        places=15,
        provider_id=club,
        certification=Certification(id=zpp, valid_until=_ZPP_VALID_UNTIL),
        funding=FundingSource.HEALTH_INSURER,
        target_groups=frozenset({"club_course"}),
        description=_CLUB_NOTE,
    )
    for suffix, title, field_of_action, sessions, minutes, club, zpp in _CLUB
)

_OTHER: Final = (
    Module(
        id="du-phg-sprechstunde",
        title="Offene psychosoziale Sprechstunde",
        field_of_action=FieldOfAction.PSYCHOSOCIAL,
        format=ModuleFormat.CONSULTATION,
        sessions=1,
        session_minutes=60,
        provider_id="du-phg",
        funding=FundingSource.MUNICIPALITY,
        description="Psychosoziale Beratung (§16a SGB II) der Psychiatrischen Hilfsgemeinschaft.",
    ),
    Module(
        id="du-gesundheitsamt-info",
        title="Gesundheit im Blick: Informationsnachmittag des Gesundheitsamts",
        field_of_action=FieldOfAction.MOTIVATION,
        format=ModuleFormat.SINGLE_EVENT,
        sessions=1,
        session_minutes=120,
        places=30,
        provider_id="du-gesundheitsamt",
        funding=FundingSource.MUNICIPALITY,
    ),
)

#: Low-threshold prevention courses in the providers' workshops.
WORKSHOP_COURSE_IDS: Final = frozenset(m.id for m in _WORKSHOP_MODULES)
#: Prevention courses in sports clubs through the Stadtsportbund (funded by Krankenkassen).
CLUB_COURSE_IDS: Final = frozenset(m.id for m in _CLUB_MODULES)

MODULES: Final = (*_WORKSHOP_MODULES, *_CLUB_MODULES, *_OTHER)
