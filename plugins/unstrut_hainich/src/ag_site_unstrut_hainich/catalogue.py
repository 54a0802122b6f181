"""Site data of Jobcenter Unstrut-Hainich-Kreis with AOK PLUS (teamw()rk since 2017).

Source: the press release of 19 December 2024. Facts from the text: the jobcenter and AOK PLUS
(lead health insurer) have worked together since 2017; on 2024-12-19 they signed the
cooperation agreement (Kooperationsvereinbarung) extending the cooperation to the end of 2025,
with the transition to the permanent programme from 2026; funded by the GKV-Bündnis für
Gesundheit; placement officers (Vermittlungsfachkräfte) qualified for health-oriented
counselling (GOB); offers designed with regional, easy-to-reach health providers; about 500
people with reduced health capacity used them: "Rundum fit", "Gesundheitstreff", courses for
families, health days and resilience training; the 2024 health day had twelve network
partners; participants' feedback was collected.

Illustrative (not in the text): the original term of the 2017 agreement (to 2024-12-31), the
open-ended agreement of the permanent programme from 2026-01-01, which agreement funds which
offer, provider names, session counts and lengths, places, ZPP ids and dates, staff ids.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from types import MappingProxyType
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
    Renewal,
    Site,
)

__all__ = [
    "AGREEMENTS",
    "AOK_PLUS_ID",
    "COACHES",
    "COOPERATION_AGREEMENT",
    "DISTRICT_KEY",
    "FUNDING_AGREEMENTS",
    "JOBCENTER_ID",
    "MODULES",
    "PARTICIPANTS_SO_FAR",
    "PARTNERS",
    "PERMANENT_PROGRAMME",
    "SITE",
    "SITE_ID",
]

SITE_ID: Final = "unstrut_hainich"
#: Kreisschlüssel of the Unstrut-Hainich-Kreis.
DISTRICT_KEY: Final = "16064"
#: "Insgesamt rund 500 Menschen … nutzten diese Angebote bisher" (as of December 2024).
PARTICIPANTS_SO_FAR: Final = 500

SITE: Final = Site(
    id=SITE_ID,
    name="Jobcenter Unstrut-Hainich-Kreis – teamw()rk für Gesundheit und Arbeit",
    land=Land.TH,
    programmes=frozenset({"teamwork"}),
    district_keys=frozenset({DISTRICT_KEY}),
    since=date(2017, 1, 1),
    # About 500 people with reduced health capacity have used the offers (seed text).
    typical_participants=500,
)

JOBCENTER_ID: Final = "uh-jobcenter"
AOK_PLUS_ID: Final = "uh-aok-plus"

PARTNERS: Final = (
    Partner(
        id=JOBCENTER_ID,
        name="Jobcenter Unstrut-Hainich-Kreis",
        kind=PartnerKind.JOBCENTER,
        location="Mühlhausen",
    ),
    Partner(
        id=AOK_PLUS_ID,
        name="AOK PLUS – Die Gesundheitskasse für Sachsen und Thüringen",
        kind=PartnerKind.HEALTH_INSURER,
    ),
    Partner(
        id="uh-gesundheitszentrum",
        name="Regionales Gesundheitszentrum Mühlhausen",
        kind=PartnerKind.OTHER,
        location="Mühlhausen",
    ),
    Partner(
        id="uh-gesundheitssport",
        name="Gesundheitssportanbieter in Bad Langensalza",
        kind=PartnerKind.SPORTS_CLUB,
        location="Bad Langensalza",
    ),
    Partner(
        id="uh-familienzentrum",
        name="Familienzentrum im Unstrut-Hainich-Kreis",
        kind=PartnerKind.WELFARE_ORGANISATION,
        location="Mühlhausen",
    ),
    Partner(
        id="uh-resilienz",
        name="Regionale Praxis für Gesundheitsbildung und Resilienz",
        kind=PartnerKind.EDUCATION_PROVIDER,
        location="Mühlhausen",
    ),
)

#: The cooperation agreement: since 2017, renewed on 2024-12-19 to the end of 2025.
COOPERATION_AGREEMENT: Final = CooperationAgreement(
    id="uh-kooperation-aok-plus",
    parties=(JOBCENTER_ID, AOK_PLUS_ID),
    valid_from=date(2017, 1, 1),
    valid_until=date(2024, 12, 31),
    funding=FundingSource.GKV_ALLIANCE,
    renewals=(Renewal(signed_on=date(2024, 12, 19), valid_until=date(2025, 12, 31)),),
    title="Kooperationsvereinbarung Jobcenter Unstrut-Hainich-Kreis und AOK PLUS",
)

#: The permanent programme (dauerhaftes Programm) from 2026, open-ended (illustrative).
PERMANENT_PROGRAMME: Final = CooperationAgreement(
    id="uh-teamwork-dauerhaft",
    parties=(JOBCENTER_ID, AOK_PLUS_ID),
    valid_from=date(2026, 1, 1),
    funding=FundingSource.GKV_ALLIANCE,
    title="teamw()rk für Gesundheit und Arbeit: dauerhaftes Programm ab 2026",
)

AGREEMENTS: Final = (COOPERATION_AGREEMENT, PERMANENT_PROGRAMME)

_ZPP_VALID_UNTIL: Final = date(2027, 6, 30)

MODULES: Final = (
    Module(
        id="uh-rundum-fit",
        title="Rundum fit",
        field_of_action=FieldOfAction.MOVEMENT,
        format=ModuleFormat.COURSE_SERIES,
        sessions=10,
        session_minutes=90,
        places=15,
        provider_id="uh-gesundheitssport",
        certification=Certification(id="KU-BE-UH-0001", valid_until=_ZPP_VALID_UNTIL),
        funding=FundingSource.GKV_ALLIANCE,
        location="Bad Langensalza",
    ),
    Module(
        id="uh-gesundheitstreff",
        title="Gesundheitstreff",
        field_of_action=FieldOfAction.MOTIVATION,
        format=ModuleFormat.COURSE_SERIES,
        sessions=12,
        session_minutes=90,
        places=15,
        provider_id="uh-gesundheitszentrum",
        funding=FundingSource.GKV_ALLIANCE,
        location="Mühlhausen",
        description="Regelmäßiger Treff zu Gesundheitsthemen mit Beratung und Bewegung.",
    ),
    Module(
        id="uh-familie-bewegt",
        title="Familie bewegt – Kurs für Eltern und Kinder",
        field_of_action=FieldOfAction.FAMILY,
        format=ModuleFormat.COURSE_SERIES,
        sessions=8,
        session_minutes=60,
        places=10,
        provider_id="uh-familienzentrum",
        funding=FundingSource.GKV_ALLIANCE,
        target_groups=frozenset({"families"}),
    ),
    Module(
        id="uh-familie-kueche",
        title="Familienküche – gesund und günstig kochen",
        field_of_action=FieldOfAction.FAMILY,
        format=ModuleFormat.COURSE_SERIES,
        sessions=8,
        session_minutes=90,
        places=10,
        provider_id="uh-familienzentrum",
        funding=FundingSource.GKV_ALLIANCE,
        target_groups=frozenset({"families"}),
    ),
    Module(
        id="uh-resilienz",
        title="Resilienztraining",
        field_of_action=FieldOfAction.RESILIENCE,
        format=ModuleFormat.COURSE_SERIES,
        sessions=8,
        session_minutes=90,
        places=12,
        provider_id="uh-resilienz",
        funding=FundingSource.GKV_ALLIANCE,
    ),
    Module(
        id="uh-gob",
        title="Gesundheitsorientierte Beratung durch die Vermittlungsfachkraft",
        field_of_action=FieldOfAction.CONSULTATION,
        format=ModuleFormat.CONSULTATION,
        sessions=1,
        session_minutes=45,
        provider_id=JOBCENTER_ID,
        funding=FundingSource.JOBCENTER,
        location="Jobcenter Unstrut-Hainich-Kreis",
    ),
)

#: Which agreements fund which offer (an offer is funded while one of them is in force).
#: The GOB is part of the jobcenter's counselling and needs no agreement.
FUNDING_AGREEMENTS: Final[Mapping[str, tuple[str, ...]]] = MappingProxyType(
    {
        module.id: (COOPERATION_AGREEMENT.id, PERMANENT_PROGRAMME.id)
        for module in MODULES
        if module.funding is FundingSource.GKV_ALLIANCE
    }
)

#: Placement officers qualified for GOB (illustrative count), by internal id only.
COACHES: Final = tuple(
    Coach(
        id=f"uh-vfk-{number}",
        site_id=SITE_ID,
        role=CoachRole.PLACEMENT_OFFICER,
        trained_for_counselling=True,
    )
    for number in range(1, 7)
)
