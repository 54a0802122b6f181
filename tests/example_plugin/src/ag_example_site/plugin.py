"""The Jobcenter Musterstadt plugin: its site, catalogue, partners, rules and an exporter.

Musterstadt is fictional. Every hook returns None for sites it does not know, so the plugin
can be installed next to other sites' plugins.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date

from arbeit_gesundheit import (
    BenefitType,
    Certification,
    ConsentPurpose,
    CooperationAgreement,
    Dataset,
    FieldOfAction,
    FundingSource,
    Land,
    Module,
    ModuleFormat,
    Partner,
    PartnerKind,
    Site,
)
from arbeit_gesundheit.eligibility import (
    AgeBetween,
    BenefitIn,
    HasConsent,
    ResidesInArea,
    Rule,
    all_of,
)
from arbeit_gesundheit.plugins import Exporter, ExportOptions, ExportScope, hookimpl

SITE = Site(
    id="musterstadt",
    name="Jobcenter Musterstadt",
    land=Land.NW,
    programmes={"teamwork"},
    district_keys={"05999"},
    since=date(2021, 1, 1),
)

PARTNERS = (
    Partner(
        id="aok-musterstadt", name="Gesundheitskasse Musterstadt", kind=PartnerKind.HEALTH_INSURER
    ),
    Partner(id="tsv-musterstadt", name="TSV Musterstadt 1890", kind=PartnerKind.SPORTS_CLUB),
    Partner(
        id="vhs-musterstadt",
        name="Volkshochschule Musterstadt",
        kind=PartnerKind.EDUCATION_PROVIDER,
    ),
    Partner(
        id="beratung-musterstadt",
        name="Psychosoziale Beratungsstelle Musterstadt",
        kind=PartnerKind.PSYCHOSOCIAL_COUNSELLING,
    ),
)

MODULES = (
    Module(
        id="ms.bewegung",
        title="Bewegt in den Alltag",
        field_of_action=FieldOfAction.MOVEMENT,
        format=ModuleFormat.COURSE_SERIES,
        sessions=10,
        session_minutes=90,
        places=15,
        provider_id="tsv-musterstadt",
        certification=Certification(id="zpp-ms-0001", valid_until=date(2026, 12, 31)),
        funding=FundingSource.HEALTH_INSURER,
    ),
    Module(
        id="ms.ernaehrung",
        title="Gesund essen mit kleinem Budget",
        field_of_action=FieldOfAction.NUTRITION,
        format=ModuleFormat.COURSE_SERIES,
        sessions=8,
        session_minutes=90,
        places=12,
        provider_id="vhs-musterstadt",
    ),
    Module(
        id="ms.stress",
        title="Gelassen bleiben",
        field_of_action=FieldOfAction.STRESS,
        format=ModuleFormat.COURSE_SERIES,
        sessions=8,
        session_minutes=60,
        places=12,
        provider_id="aok-musterstadt",
    ),
    Module(
        id="ms.beratung",
        title="Psychosoziale Beratung",
        field_of_action=FieldOfAction.PSYCHOSOCIAL,
        format=ModuleFormat.CONSULTATION,
        sessions=5,
        session_minutes=60,
        provider_id="beratung-musterstadt",
    ),
    Module(
        id="ms.gesundheitstag",
        title="Gesundheitstag im Jobcenter",
        field_of_action=FieldOfAction.MOTIVATION,
        format=ModuleFormat.SINGLE_EVENT,
        session_minutes=300,
    ),
)

AGREEMENTS = (
    CooperationAgreement(
        id="ms.kooperation-2024",
        parties=("musterstadt", "aok-musterstadt"),
        valid_from=date(2024, 1, 1),
        valid_until=date(2026, 12, 31),
        funding=FundingSource.GKV_ALLIANCE,
        title="Kooperationsvereinbarung Gesundheitsförderung",
    ),
)

#: Musterstadt's access rule for every module: Bürgergeld (SGB II, also with SGB III) and a
#: residence in the district.
SITE_RULE = all_of(
    BenefitIn({BenefitType.SGB_II, BenefitType.BOTH}, id="musterstadt.benefit"),
    ResidesInArea(id="musterstadt.residence"),
    id="musterstadt.access",
)

#: Rules for single modules, on top of the site rule.
MODULE_RULES: dict[str, tuple[Rule, ...]] = {
    "ms.bewegung": (AgeBetween(18, 67, id="musterstadt.age"),),
    "ms.beratung": (
        HasConsent(ConsentPurpose.HEALTH_DATA_PROCESSING, id="musterstadt.consent.health"),
    ),
}


class SummaryTextExporter:
    """A plain-text summary of a dataset for the site's steering group (aggregate).

    Counts below ``options.min_count`` are shown as "." so that no small group can be
    recognised.
    """

    name = "musterstadt-summary"
    media_type = "text/plain"
    suffix = ".txt"
    scope = ExportScope.AGGREGATE

    def title(self, lang: str = "de") -> str:
        return "Kurzbericht (Text)" if lang == "de" else "Short summary (text)"

    def supports(self, data: object) -> bool:
        return isinstance(data, Dataset)

    def export(self, data: object, options: ExportOptions) -> bytes:
        if not isinstance(data, Dataset):
            raise TypeError(f"expected a Dataset, got {type(data).__name__}")
        de = options.lang == "de"

        def count(n: int) -> str:
            return str(n) if n >= options.min_count or n == 0 else "."

        module_of = {o.id: o.module_id for o in data.offerings}
        per_module = Counter(module_of.get(e.offering_id, "?") for e in data.enrolments)
        lines = [
            "Jobcenter Musterstadt – Kurzbericht" if de else "Jobcenter Musterstadt – summary",
            f"{'Teilnehmende' if de else 'Participants'}: {count(len(data.participants))}",
            f"{'Anmeldungen' if de else 'Enrolments'}: {count(len(data.enrolments))}",
        ]
        lines += [f"  {module}: {count(n)}" for module, n in sorted(per_module.items())]
        return ("\n".join(lines) + "\n").encode("utf-8")


@hookimpl
def ag_sites() -> Iterable[Site]:
    return [SITE]


@hookimpl
def ag_modules(site: Site) -> Iterable[Module] | None:
    return MODULES if site.id == SITE.id else None


@hookimpl
def ag_partners(site: Site) -> Iterable[Partner] | None:
    return PARTNERS if site.id == SITE.id else None


@hookimpl
def ag_agreements(site: Site) -> Iterable[CooperationAgreement] | None:
    return AGREEMENTS if site.id == SITE.id else None


@hookimpl
def ag_eligibility_rules(site: Site, module: Module) -> Iterable[Rule] | None:
    if site.id != SITE.id:
        return None
    return (SITE_RULE, *MODULE_RULES.get(module.id, ()))


@hookimpl
def ag_exporters() -> Iterable[Exporter]:
    return [SummaryTextExporter()]
