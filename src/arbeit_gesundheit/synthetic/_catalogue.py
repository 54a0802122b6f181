"""The fixed material of a synthetic cohort: the default catalogue, partners and demo sites.

A plausible German catalogue of offers across the fields of action (with ZPP certifications
and funding), the national partners every site shares and the local partners each site has,
and the generated demo sites (one Musterstadt, or numbered sites across the Länder).
Nothing here is random: the seeded parts of the generator build on it.
"""

from __future__ import annotations

from datetime import date

from ..model import (
    Certification,
    FieldOfAction,
    FundingSource,
    Land,
    Module,
    ModuleFormat,
    Site,
)

__all__ = [
    "DEFAULT_YEAR",
    "_LOCAL_PARTNERS",
    "_NATIONAL_PARTNERS",
    "_synthetic_sites",
    "default_modules",
]

#: Year the generated offerings start in, unless another is asked for.
DEFAULT_YEAR = 2024

# National partners (id, name, kind); sites add their own local partners.
_NATIONAL_PARTNERS: tuple[tuple[str, str, str], ...] = (
    ("aok", "AOK (synthetisch)", "health_insurer"),
    ("tk", "Techniker Krankenkasse (synthetisch)", "health_insurer"),
    ("barmer", "BARMER (synthetisch)", "health_insurer"),
    ("ikk", "IKK classic (synthetisch)", "health_insurer"),
    ("vhs", "Volkshochschule (synthetisch)", "education_provider"),
    ("bildungswerk", "Bildungswerk (synthetisch)", "education_provider"),
    ("drk", "Deutsches Rotes Kreuz (synthetisch)", "welfare_organisation"),
    ("lsb", "Landessportbund (synthetisch)", "sports_federation"),
)
_LOCAL_PARTNERS: tuple[tuple[str, str, str], ...] = (
    ("sportverein", "Sportverein", "sports_club"),
    ("gesundheitsamt", "Gesundheitsamt", "health_office"),
    ("fitness", "Fitnessstudio", "gym"),
    ("beratung", "Psychosoziale Beratungsstelle", "psychosocial_counselling"),
)


def default_modules(year: int = DEFAULT_YEAR) -> tuple[Module, ...]:
    """A plausible catalogue of German offers across the fields of action, with providers.

    Prevention courses carry a ZPP certification valid through the end of ``year + 1``.
    """
    cert_end = date(year + 1, 12, 31)

    def zpp(key: str) -> Certification:
        return Certification(id=f"zpp-{key}", valid_until=cert_end)

    m = FieldOfAction
    course = ModuleFormat.COURSE_SERIES
    gkv = FundingSource.GKV_ALLIANCE
    jc = FundingSource.JOBCENTER
    return (
        Module("rueckenfit", "Rückenfit – Bewegung für einen starken Rücken", m.MOVEMENT, course,
               sessions=12, session_minutes=60, places=12, provider_id="lsb",
               certification=zpp("rueckenfit"), funding=gkv),
        Module("nordic-walking", "Nordic Walking für Einsteiger", m.MOVEMENT, course,
               sessions=12, session_minutes=90, places=15, provider_id="lsb",
               certification=zpp("walking"), funding=gkv),
        Module("bewegt-im-alltag", "Bewegt im Alltag", m.MOVEMENT, course, sessions=16,
               session_minutes=60, places=15, provider_id="lsb", funding=jc),
        Module("gesund-essen", "Gesund essen mit kleinem Budget", m.NUTRITION, course,
               sessions=10, session_minutes=90, places=12, provider_id="aok",
               certification=zpp("essen"), funding=gkv),
        Module("kochwerkstatt", "Kochwerkstatt: frisch und günstig", m.NUTRITION, course,
               sessions=10, session_minutes=120, places=10, provider_id="vhs", funding=jc),
        Module("stressbewaeltigung", "Stressbewältigung und Entspannung", m.STRESS, course,
               sessions=12, session_minutes=90, places=12, provider_id="tk",
               certification=zpp("stress"), funding=gkv),
        Module("pmr", "Progressive Muskelentspannung", m.STRESS, course, sessions=8,
               session_minutes=60, places=15, provider_id="barmer",
               certification=zpp("pmr"), funding=gkv),
        Module("rauchfrei", "Rauchfrei-Programm", m.ADDICTION, course, sessions=8,
               session_minutes=90, places=12, provider_id="ikk",
               certification=zpp("rauchfrei"), funding=gkv),
        Module("psychosoziale-beratung", "Psychosoziale Beratung", m.PSYCHOSOCIAL,
               ModuleFormat.CONSULTATION, sessions=6, session_minutes=60, places=8,
               provider_id="drk", funding=FundingSource.MUNICIPALITY),
        Module("aktiv-coaching", "Aktiv-Coaching: Motivation und Aktivierung", m.MOTIVATION,
               ModuleFormat.COACHING, sessions=20, session_minutes=90, places=12,
               provider_id="bildungswerk", funding=jc),
        Module("resilienz", "Resilienztraining", m.RESILIENCE, course, sessions=12,
               session_minutes=90, places=12, provider_id="tk", funding=gkv),
        Module("familie-bewegt", "Familie in Bewegung", m.FAMILY, course, sessions=10,
               session_minutes=90, places=12, provider_id="lsb", funding=gkv),
        Module("assistierte-vermittlung", "Assistierte Vermittlung", m.ASSISTED_PLACEMENT,
               ModuleFormat.COACHING, sessions=24, session_minutes=60, places=10,
               provider_id="bildungswerk", funding=jc),
    )  # fmt: skip


_LANDS = tuple(Land)


def _synthetic_sites(count: int) -> list[Site]:
    if count == 1:
        return [Site(id="musterstadt", name="Jobcenter Musterstadt (synthetisch)", land=Land.NW,
                     programmes=frozenset({"teamwork"}), district_keys=frozenset({"05999"}))]  # fmt: skip
    return [
        Site(
            id=f"jc-{i:03d}",
            name=f"Jobcenter Musterstadt {i} (synthetisch)",
            land=_LANDS[(i - 1) % len(_LANDS)],
            programmes=frozenset({"teamwork"}),
            district_keys=frozenset({f"{(i * 37) % 99999:05d}"}),
        )
        for i in range(1, count + 1)
    ]
