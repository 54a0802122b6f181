"""Site data of Jobcenter Gelsenkirchen, team ABCaktiv: partners, agreements, modules, staff.

Source: the network portrait "Die Gesundheitsexperten" (2017) of the Integrationscenter für
Arbeit Gelsenkirchen. Facts from the text: team "ABCaktiv" since 2016-01-01; about 900
labour-market-distant long-term unemployed and about 600 people with serious health
restrictions; about 30 modules on nutrition, movement and motivation held by one education
provider (Bildungsträger) with local gyms, lecturers and other providers; more than 4,000
places filled since May 2016; a preventive consultation (Präventivsprechstunde) at local
psychosocial counselling providers, funded by the health insurers (Krankenkassen); assisted
placement (assistierte Vermittlung) once people are closer to the labour market; modules
inherited from the federal programme "Perspektive 50plus" (ended 2015).

Illustrative (not in the text): partner names, module titles, session counts and lengths,
places, ZPP certification ids and dates, agreement dates, staff identifiers.
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
    "ABC_MODULE_IDS",
    "AGREEMENTS",
    "ASSISTED_PLACEMENT_MODULE_IDS",
    "BEST_AGER_MODULE_ID",
    "BILDUNGSTRAEGER_ID",
    "COACHES",
    "CONSULTATION_MODULE_IDS",
    "COUNSELLING_IDS",
    "DISTRICT_KEY",
    "GYM_IDS",
    "JOBCENTER_ID",
    "KRANKENKASSEN_ID",
    "MARKET_DISTANT_LTU",
    "MODULES",
    "PARTNERS",
    "PERSPEKTIVE_50PLUS",
    "PLACES_FILLED_SINCE_MAY_2016",
    "SERIOUS_HEALTH_RESTRICTIONS",
    "SITE",
    "SITE_ID",
    "TARGET_GROUPS",
]

SITE_ID: Final = "gelsenkirchen"
#: Amtlicher Gemeindeschlüssel (Kreisschlüssel) of the city of Gelsenkirchen.
DISTRICT_KEY: Final = "05513"

#: Target-group tags and their approximate sizes from the text.
MARKET_DISTANT_LTU: Final = "market_distant_ltu"
SERIOUS_HEALTH_RESTRICTIONS: Final = "serious_health_restrictions"
#: Tag of the modules inherited from the federal programme "Perspektive 50plus" ("Best Ager").
PERSPEKTIVE_50PLUS: Final = "perspektive_50plus"
TARGET_GROUPS: Final = {MARKET_DISTANT_LTU: 900, SERIOUS_HEALTH_RESTRICTIONS: 600}

#: "Seit Mai 2016 wurden mehr als 4.000 Teilnahmeplätze dieser Module besetzt" (as of 2017).
PLACES_FILLED_SINCE_MAY_2016: Final = 4000

SITE: Final = Site(
    id=SITE_ID,
    name="Integrationscenter für Arbeit Gelsenkirchen – Jobcenter, Team ABCaktiv",
    land=Land.NW,
    programmes=frozenset({"verzahnung", "abc_netzwerk"}),
    district_keys=frozenset({DISTRICT_KEY}),
    since=date(2016, 1, 1),
    # About 900 labour-market-distant long-term unemployed plus about 600 with serious
    # health restrictions (seed text).
    typical_participants=1500,
)

JOBCENTER_ID: Final = "ge-jobcenter"
BILDUNGSTRAEGER_ID: Final = "ge-bildungstraeger-abc"
KRANKENKASSEN_ID: Final = "ge-krankenkassen"
GYM_IDS: Final = ("ge-fitness-buer", "ge-fitness-altstadt", "ge-fitness-horst")
COUNSELLING_IDS: Final = ("ge-psb-buer", "ge-psb-altstadt")

PARTNERS: Final = (
    Partner(
        id=JOBCENTER_ID,
        name="Integrationscenter für Arbeit Gelsenkirchen – Team ABCaktiv",
        kind=PartnerKind.JOBCENTER,
        location="Gelsenkirchen",
    ),
    Partner(
        id=BILDUNGSTRAEGER_ID,
        name="Bildungsträger Ernährung, Bewegung und Motivation (Netzwerk ABC)",
        kind=PartnerKind.EDUCATION_PROVIDER,
        location="Gelsenkirchen",
    ),
    Partner(
        id=GYM_IDS[0],
        name="Fitnessstudio in Gelsenkirchen-Buer",
        kind=PartnerKind.GYM,
        location="Gelsenkirchen-Buer",
    ),
    Partner(
        id=GYM_IDS[1],
        name="Fitnessstudio in der Gelsenkirchener Altstadt",
        kind=PartnerKind.GYM,
        location="Gelsenkirchen-Altstadt",
    ),
    Partner(
        id=GYM_IDS[2],
        name="Fitnessstudio in Gelsenkirchen-Horst",
        kind=PartnerKind.GYM,
        location="Gelsenkirchen-Horst",
    ),
    Partner(
        id="ge-dozentenpool",
        name="Honorardozentinnen und -dozenten des Netzwerks ABC",
        kind=PartnerKind.OTHER,
        location="Gelsenkirchen",
    ),
    Partner(
        id=COUNSELLING_IDS[0],
        name="Psychosoziale Beratungsstelle Gelsenkirchen-Buer",
        kind=PartnerKind.PSYCHOSOCIAL_COUNSELLING,
        location="Gelsenkirchen-Buer",
    ),
    Partner(
        id=COUNSELLING_IDS[1],
        name="Psychosoziale Beratungsstelle Gelsenkirchen-Altstadt",
        kind=PartnerKind.PSYCHOSOCIAL_COUNSELLING,
        location="Gelsenkirchen-Altstadt",
    ),
    Partner(
        id=KRANKENKASSEN_ID,
        name="Gesetzliche Krankenkassen (Modellprojekt Verzahnung)",
        kind=PartnerKind.HEALTH_INSURER,
    ),
)

AGREEMENTS: Final = (
    CooperationAgreement(
        id="ge-abc-module",
        parties=(JOBCENTER_ID, BILDUNGSTRAEGER_ID),
        valid_from=date(2016, 5, 1),
        funding=FundingSource.JOBCENTER,
        title="Netzwerk ABC: Module zu Ernährung, Bewegung und Motivation",
    ),
    CooperationAgreement(
        id="ge-verzahnung-praeventivsprechstunde",
        parties=(JOBCENTER_ID, KRANKENKASSEN_ID, *COUNSELLING_IDS),
        valid_from=date(2017, 1, 1),
        funding=FundingSource.HEALTH_INSURER,
        title="Verzahnung von Arbeits- und Gesundheitsförderung: Präventivsprechstunde",
    ),
)

_P50 = "Übernommen aus dem Bundesprogramm Perspektive 50plus (bis 2015)."
_B = BILDUNGSTRAEGER_ID
_MOV, _NUT, _MOT, _STR = (
    FieldOfAction.MOVEMENT,
    FieldOfAction.NUTRITION,
    FieldOfAction.MOTIVATION,
    FieldOfAction.STRESS,
)

# (id suffix, title, field of action, sessions, minutes, places, provider, location, ZPP id,
#  inherited from Perspektive 50plus)
_ABC: Final[
    tuple[tuple[str, str, FieldOfAction, int, int, int, str, str | None, str | None, bool], ...]
] = (
    ("ern-budget", "Gesund essen mit kleinem Budget", _NUT, 8, 90, 12, _B, None, None, True),
    ("ern-einkauf", "Einkaufstraining im Supermarkt", _NUT, 4, 90, 10, _B, None, None, False),
    (
        "ern-kochwerkstatt",
        "Kochwerkstatt: Schnelle Alltagsküche",
        _NUT,
        8,
        90,
        10,
        _B,
        "Lehrküche des Bildungsträgers",
        None,
        False,
    ),
    ("ern-zucker", "Zuckerfallen im Alltag erkennen", _NUT, 6, 60, 15, _B, None, None, False),
    ("ern-gewicht", "Gewicht im Gleichgewicht", _NUT, 10, 90, 15, _B, None, "KU-ER-GE-0101", False),
    (
        "ern-fruehstueck",
        "Frühstück als guter Start in den Tag",
        _NUT,
        6,
        60,
        12,
        _B,
        "Lehrküche des Bildungsträgers",
        None,
        True,
    ),
    ("ern-trinken", "Trinken, aber richtig", _NUT, 4, 45, 15, _B, None, None, False),
    (
        "ern-regional",
        "Saisonal und regional kochen",
        _NUT,
        8,
        90,
        10,
        _B,
        "Lehrküche des Bildungsträgers",
        None,
        False,
    ),
    (
        "ern-gruppe",
        "Ernährungsberatung in der Gruppe",
        _NUT,
        8,
        60,
        12,
        _B,
        None,
        "KU-ER-GE-0102",
        False,
    ),
    (
        "bew-ruecken",
        "Rückenfit",
        _MOV,
        10,
        60,
        15,
        _B,
        "Fitnessstudio in Gelsenkirchen-Buer",
        "KU-BE-GE-0201",
        False,
    ),
    (
        "bew-walking",
        "Walking im Revierpark",
        _MOV,
        10,
        60,
        15,
        _B,
        "Revierpark Nienhausen",
        None,
        True,
    ),
    (
        "bew-nordic",
        "Nordic Walking für Einsteigerinnen und Einsteiger",
        _MOV,
        10,
        60,
        15,
        _B,
        None,
        "KU-BE-GE-0202",
        False,
    ),
    ("bew-wasser", "Wassergymnastik", _MOV, 10, 45, 12, _B, "Hallenbad Buer", None, False),
    ("bew-alltag", "Mehr Bewegung im Alltag", _MOV, 8, 60, 15, _B, None, None, True),
    (
        "bew-funktion",
        "Funktionsgymnastik bei gesundheitlichen Einschränkungen",
        _MOV,
        12,
        45,
        10,
        _B,
        "Fitnessstudio in der Gelsenkirchener Altstadt",
        "KU-BE-GE-0203",
        False,
    ),
    (
        "bew-qigong",
        "Qigong: Entspannung durch Bewegung",
        _MOV,
        10,
        60,
        15,
        _B,
        None,
        "KU-BE-GE-0204",
        False,
    ),
    ("bew-yoga", "Sanftes Yoga", _MOV, 10, 75, 12, _B, None, None, False),
    ("bew-rad", "Radfahren (wieder) lernen", _MOV, 6, 90, 8, _B, None, None, False),
    (
        "bew-geraete",
        "Gerätetraining für Einsteigerinnen und Einsteiger",
        _MOV,
        12,
        60,
        10,
        GYM_IDS[0],
        "Fitnessstudio in Gelsenkirchen-Buer",
        None,
        False,
    ),
    (
        "bew-ausdauer",
        "Ausdauertraining am Ergometer",
        _MOV,
        12,
        45,
        10,
        GYM_IDS[2],
        "Fitnessstudio in Gelsenkirchen-Horst",
        None,
        False,
    ),
    ("mot-staerken", "Stärken entdecken", _MOT, 8, 90, 12, _B, None, None, True),
    (
        "mot-tagesstruktur",
        "Tagesstruktur und Zeitmanagement",
        _MOT,
        6,
        90,
        12,
        _B,
        None,
        None,
        False,
    ),
    ("mot-selbstwert", "Selbstwert und Auftreten", _MOT, 8, 90, 12, _B, None, None, False),
    ("mot-ziele", "Ziele setzen, Ziele erreichen", _MOT, 6, 90, 12, _B, None, None, False),
    ("mot-kommunikation", "Kommunikation und Konflikte", _MOT, 6, 90, 12, _B, None, None, False),
    (
        "mot-digital",
        "Digitale Teilhabe: Smartphone und Gesundheits-Apps",
        _MOT,
        6,
        90,
        10,
        _B,
        None,
        None,
        False,
    ),
    ("mot-bestager", "Best Ager: Erfahrung als Stärke", _MOT, 8, 90, 12, _B, None, None, True),
    (
        "mot-gruppentreff",
        "Raus aus der Isolation: Gruppentreff",
        _MOT,
        12,
        90,
        15,
        _B,
        None,
        None,
        True,
    ),
    (
        "str-alltag",
        "Stressbewältigung im Alltag",
        _STR,
        8,
        90,
        15,
        _B,
        None,
        "KU-ST-GE-0301",
        False,
    ),
    ("str-pmr", "Progressive Muskelentspannung", _STR, 8, 60, 15, _B, None, "KU-ST-GE-0302", False),
)

#: ZPP certificates run three years; all end on this day here (illustrative).
_ZPP_VALID_UNTIL: Final = date(2026, 12, 31)
_BOTH_GROUPS: Final = frozenset({MARKET_DISTANT_LTU, SERIOUS_HEALTH_RESTRICTIONS})


def _abc_module(
    row: tuple[str, str, FieldOfAction, int, int, int, str, str | None, str | None, bool],
) -> Module:
    suffix, title, field_of_action, sessions, minutes, places, provider, location, zpp, p50 = row
    groups = _BOTH_GROUPS | {PERSPEKTIVE_50PLUS} if p50 else _BOTH_GROUPS
    return Module(
        id=f"ge-{suffix}",
        title=title,
        field_of_action=field_of_action,
        format=ModuleFormat.COURSE_SERIES,
        sessions=sessions,
        session_minutes=minutes,
        places=places,
        provider_id=provider,
        certification=(
            Certification(id=zpp, valid_until=_ZPP_VALID_UNTIL) if zpp is not None else None
        ),
        funding=FundingSource.JOBCENTER,
        target_groups=groups,
        location=location,
        description=_P50 if p50 else None,
    )


_ABC_MODULES: Final = tuple(_abc_module(row) for row in _ABC)

_CONSULTATIONS: Final = tuple(
    Module(
        id=f"ge-praeventivsprechstunde-{partner.removeprefix('ge-psb-')}",
        title=f"Präventivsprechstunde ({location})",
        field_of_action=FieldOfAction.CONSULTATION,
        format=ModuleFormat.CONSULTATION,
        sessions=3,
        session_minutes=50,
        provider_id=partner,
        funding=FundingSource.HEALTH_INSURER,
        target_groups=_BOTH_GROUPS,
        location=f"Psychosoziale Beratungsstelle {location}",
        description=(
            "Bei Bedarf bis zu drei vertrauliche Gespräche bei einem örtlichen Träger der "
            "psychosozialen Beratung, finanziert von den Krankenkassen (Modellprojekt Verzahnung)."
        ),
    )
    for partner, location in zip(
        COUNSELLING_IDS, ("Gelsenkirchen-Buer", "Gelsenkirchen-Altstadt"), strict=True
    )
)

_PLACEMENT_NOTE = (
    "Assistierte Vermittlung, sobald der Bezug zum Arbeitsmarkt wiederhergestellt ist."
)
_ASSISTED_PLACEMENT: Final = (
    Module(
        id="ge-av-betriebsbesichtigung",
        title="Betriebsbesichtigung",
        field_of_action=FieldOfAction.ASSISTED_PLACEMENT,
        format=ModuleFormat.SINGLE_EVENT,
        sessions=1,
        session_minutes=180,
        places=12,
        provider_id=JOBCENTER_ID,
        funding=FundingSource.JOBCENTER,
        target_groups=_BOTH_GROUPS,
        description=_PLACEMENT_NOTE,
    ),
    Module(
        id="ge-av-begleitung",
        title="Begleitung zu Arbeitgebern",
        field_of_action=FieldOfAction.ASSISTED_PLACEMENT,
        format=ModuleFormat.COACHING,
        sessions=1,
        session_minutes=120,
        provider_id=JOBCENTER_ID,
        funding=FundingSource.JOBCENTER,
        target_groups=_BOTH_GROUPS,
        description=_PLACEMENT_NOTE,
    ),
    Module(
        id="ge-av-vorstellungsgespraech",
        title="Vorbereitung auf Vorstellungsgespräche",
        field_of_action=FieldOfAction.ASSISTED_PLACEMENT,
        format=ModuleFormat.COACHING,
        sessions=3,
        session_minutes=60,
        provider_id=JOBCENTER_ID,
        funding=FundingSource.JOBCENTER,
        target_groups=_BOTH_GROUPS,
        description=_PLACEMENT_NOTE,
    ),
)

#: The module for people aged 50 and over ("Best Ager", from Perspektive 50plus).
BEST_AGER_MODULE_ID: Final = "ge-mot-bestager"

#: The ABC catalogue: about 30 modules on nutrition, movement and motivation.
ABC_MODULE_IDS: Final = frozenset(m.id for m in _ABC_MODULES)
CONSULTATION_MODULE_IDS: Final = frozenset(m.id for m in _CONSULTATIONS)
ASSISTED_PLACEMENT_MODULE_IDS: Final = frozenset(m.id for m in _ASSISTED_PLACEMENT)

MODULES: Final = (*_ABC_MODULES, *_CONSULTATIONS, *_ASSISTED_PLACEMENT)

#: Team ABCaktiv, identified by internal ids only. The text stresses mixed backgrounds
#: (Krankenkasse, nutrition science, sports training, case management); the roles are
#: illustrative.
COACHES: Final = (
    Coach(id="ge-abc-fm-1", site_id=SITE_ID, role=CoachRole.CASE_MANAGER),
    Coach(id="ge-abc-fm-2", site_id=SITE_ID, role=CoachRole.CASE_MANAGER),
    Coach(id="ge-abc-fm-3", site_id=SITE_ID, role=CoachRole.CASE_MANAGER),
    Coach(
        id="ge-abc-gb-1",
        site_id=SITE_ID,
        role=CoachRole.HEALTH_COUNSELLOR,
        trained_for_counselling=True,
    ),
    Coach(
        id="ge-abc-gb-2",
        site_id=SITE_ID,
        role=CoachRole.HEALTH_COUNSELLOR,
        trained_for_counselling=True,
    ),
    Coach(id="ge-abc-av-1", site_id=SITE_ID, role=CoachRole.PLACEMENT_OFFICER),
)
