"""Gelsenkirchen, team ABCaktiv: more than 4,000 course places filled since May 2016.

The story of the Integrationscenter für Arbeit Gelsenkirchen as the network portrait of
16 September 2017 tells it: about 900 labour-market-distant long-term unemployed people and
about 600 people with serious health restrictions, about 30 modules on nutrition, movement
and motivation from one education provider, the preventive consultation
(Präventivsprechstunde) funded by the health insurers, and assisted placement once people are
closer to the labour market. The site, its catalogue, agreements and eligibility rules come
from the site plugin through the registry; the figures come from
:mod:`arbeit_gesundheit.metrics` on the generated records, never typed in.

**All data are synthetic** (seeded, the same on every run): one cohort per year (2016 and
2017) is generated with the site's catalogue and shaped to the two target groups. A course
run counts when the agreement that funds its module is in force on its first day (the ABC
modules from May 2016, the preventive consultation from 2017) and it starts before the
portrait's date. Run with ``python examples/gelsenkirchen_places.py``.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import date, timedelta

import attrs
from ag_site_gelsenkirchen.catalogue import (
    BEST_AGER_MODULE_ID,
    MARKET_DISTANT_LTU,
    PERSPEKTIVE_50PLUS,
    PLACES_FILLED_SINCE_MAY_2016,
    SERIOUS_HEALTH_RESTRICTIONS,
    TARGET_GROUPS,
)

from arbeit_gesundheit import (
    BenefitType,
    ConsentPurpose,
    CooperationAgreement,
    Dataset,
    FieldOfAction,
    HealthRestriction,
    Module,
    Participant,
    RestrictionCategory,
    Severity,
    label,
)
from arbeit_gesundheit.disclosure import CountTable, SuppressionPolicy
from arbeit_gesundheit.eligibility import Verdict
from arbeit_gesundheit.metrics import MetricsAggregate, aggregate, format_value, merge, report_table
from arbeit_gesundheit.plugins.registry import SiteBundle, get_registry
from arbeit_gesundheit.synthetic import generate_cohort

__all__ = [
    "SEED",
    "STAND",
    "YEARS",
    "Cohort",
    "build_cohorts",
    "figures_of",
    "main",
    "places_filled_since_may_2016",
]

SITE_ID = "gelsenkirchen"
#: Seed of the synthetic cohorts (each year adds its own offset).
SEED = 2016
#: The day of the network portrait: the figures are "as of" this day.
STAND = date(2017, 9, 16)
#: The cohort years: from the start of the ABC modules (May 2016) to the portrait.
YEARS = (2016, 2017)

_POLICY = SuppressionPolicy()


def _funding_agreement(bundle: SiteBundle, module: Module) -> CooperationAgreement | None:
    """The site's agreement that funds ``module`` (same funding source), if any."""
    for agreement in bundle.agreements:
        if agreement.funding is not None and agreement.funding is module.funding:
            return agreement
    return None


def _shape_people(
    people: Sequence[Participant], year: int, rng: random.Random
) -> list[Participant]:
    """Shape a generated cohort to the two target groups of the portrait.

    About 600 of 1,500 get a serious health restriction; the others are labour-market-distant
    long-term unemployed (unemployed since one to six years before the year starts) without
    one. All are jobcenter customers (SGB II, some also SGB III).
    """
    total = sum(TARGET_GROUPS.values())
    serious_count = round(len(people) * TARGET_GROUPS[SERIOUS_HEALTH_RESTRICTIONS] / total)
    serious = set(rng.sample(range(len(people)), serious_count))
    shaped: list[Participant] = []
    for index, person in enumerate(people):
        restrictions = list(person.restrictions)
        unemployed_since = person.unemployed_since
        if index in serious:
            if restrictions:
                restrictions[0] = attrs.evolve(restrictions[0], severity=Severity.SERIOUS)
            else:
                category = rng.choice(
                    (RestrictionCategory.MUSCULOSKELETAL, RestrictionCategory.MENTAL)
                )
                restrictions.append(HealthRestriction(category, Severity.SERIOUS))
        else:
            restrictions = [
                attrs.evolve(r, severity=Severity.MODERATE) if r.severity is Severity.SERIOUS else r
                for r in restrictions
            ]
            unemployed_since = date(year - 2 - rng.randrange(5), rng.randrange(1, 13), 1)
        benefit = (
            person.benefit
            if person.benefit in (BenefitType.SGB_II, BenefitType.BOTH)
            else BenefitType.SGB_II
        )
        shaped.append(
            attrs.evolve(
                person,
                restrictions=tuple(restrictions),
                unemployed_since=unemployed_since,
                benefit=benefit,
            )
        )
    return shaped


@attrs.frozen
class Cohort:
    """One cohort year as the story counts it, and how many enrolments the rules refused."""

    data: Dataset
    refused: int


def _within_story(bundle: SiteBundle, data: Dataset) -> Cohort:
    """Keep the course runs and enrolments that count for the story, and what refers to them.

    A run counts when it starts on or before :data:`STAND` and the agreement funding its
    module is in force on its first day. The generator knows nothing of the site's rules, so
    an enrolment the plugin's eligibility rules refuse on its first day is left out (unknown
    verdicts stay: they are clarified in counselling). Outcomes and assessments after
    :data:`STAND` are not known yet on that day.
    """
    modules = {m.id: m for m in bundle.modules}
    people = {p.pseudonym: p for p in data.participants}

    def counts(start: date, module_id: str) -> bool:
        agreement = _funding_agreement(bundle, modules[module_id])
        return start <= STAND and (agreement is None or agreement.is_active(start))

    offerings = tuple(o for o in data.offerings if counts(o.starts_on, o.module_id))
    module_of = {o.id: o.module_id for o in offerings}
    enrolments = []
    refused = 0
    for enrolment in data.enrolments:
        module_id = module_of.get(enrolment.offering_id)
        if module_id is None or enrolment.enrolled_on is None:
            continue
        person = people[enrolment.participant]
        decision = bundle.evaluate(person, module_id, enrolment.enrolled_on)
        if decision.verdict is Verdict.NOT_MET:
            refused += 1
            continue
        enrolments.append(enrolment)
    enrolled = {e.id for e in enrolments}
    shaped = attrs.evolve(
        data,
        offerings=offerings,
        sessions=tuple(s for s in data.sessions if s.offering_id in module_of),
        enrolments=tuple(enrolments),
        attendances=tuple(a for a in data.attendances if a.enrolment_id in enrolled),
        outcomes=tuple(o for o in data.outcomes if o.on <= STAND),
        assessments=tuple(a for a in data.assessments if a.on <= STAND),
        events=(),
    )
    return Cohort(shaped, refused)


def build_cohorts(seed: int = SEED) -> dict[int, Cohort]:
    """The synthetic records of each cohort year, as the story counts them."""
    bundle = get_registry().site(SITE_ID)
    size = bundle.site.typical_participants or sum(TARGET_GROUPS.values())
    cohorts: dict[int, Cohort] = {}
    for year in YEARS:
        data = generate_cohort(
            seed=seed + year, participants=size, site=bundle.site, modules=bundle.modules, year=year
        )
        people = _shape_people(data.participants, year, random.Random(seed * 7 + year))
        cohorts[year] = _within_story(bundle, attrs.evolve(data, participants=tuple(people)))
    return cohorts


def figures_of(cohorts: dict[int, Cohort]) -> MetricsAggregate:
    """The metrics of all cohorts (each year has its own cells, so they merge exactly)."""
    return merge(
        *(
            aggregate(cohort.data, year=year, by=[("field_of_action",), ("module",)])
            for year, cohort in cohorts.items()
        )
    )


def places_filled_since_may_2016(figures: MetricsAggregate) -> int:
    """Course places filled in all cohort years, from the metrics."""
    return sum(int(figures.value("places_filled", year=year) or 0) for year in YEARS)


def _print_rows(rows: Sequence[Sequence[object]]) -> None:
    texts = [
        [format_value(c, "count") if isinstance(c, int) else str(c) for c in row] for row in rows
    ]
    widths = [max(len(row[i]) for row in texts) for i in range(len(texts[0]))]
    for row in texts:
        cells = [
            text.ljust(width) if i == 0 else text.rjust(width)
            for i, (text, width) in enumerate(zip(row, widths, strict=True))
        ]
        print("  " + "  ".join(cells).rstrip())


def _year_label(year: int) -> str:
    if year == YEARS[0]:
        return f"{year} (ab Mai)"
    if year == STAND.year:
        return f"{year} (bis {STAND - timedelta(days=1):%d.%m.})"
    return str(year)


def _catalogue(bundle: SiteBundle) -> None:
    print("Katalog aus dem Standort-Plugin:")
    by_field: dict[FieldOfAction, int] = {}
    for module in bundle.modules:
        by_field[module.field_of_action] = by_field.get(module.field_of_action, 0) + 1
    for field_of_action, count in by_field.items():
        print(f"  {label(field_of_action)}: {count} Module")
    inherited = sum(PERSPEKTIVE_50PLUS in m.target_groups for m in bundle.modules)
    print(f"  davon aus „Perspektive 50plus“ übernommen: {inherited}")
    kinds: dict[str, int] = {}
    for partner in bundle.partners:
        kinds[label(partner.kind)] = kinds.get(label(partner.kind), 0) + 1
    print("  Partner: " + ", ".join(f"{kind} {n}" for kind, n in kinds.items()))
    for agreement in bundle.agreements:
        print(f"  Vereinbarung ab {agreement.valid_from:%d.%m.%Y}: {agreement.title}")


def _target_groups(cohorts: dict[int, Cohort]) -> None:
    print("\nZielgruppen je Jahrgang (betreute Personen):")
    rows: list[list[object]] = [["Zielgruppe", *(str(y) for y in cohorts)]]
    serious: list[object] = []
    distant: list[object] = []
    for cohort in cohorts.values():
        people = cohort.data.participants
        n_serious = sum(any(r.severity is Severity.SERIOUS for r in p.restrictions) for p in people)
        serious.append(n_serious)
        distant.append(len(people) - n_serious)
    rows.append(["marktfern, langzeitarbeitslos", *distant])
    rows.append(["erhebliche gesundheitliche Einschränkungen", *serious])
    _print_rows(rows)
    print(
        f"  (Portrait: circa {TARGET_GROUPS[MARKET_DISTANT_LTU]} und "
        f"{TARGET_GROUPS[SERIOUS_HEALTH_RESTRICTIONS]} Personen)"
    )


def _protected(table: CountTable) -> None:
    protected = _POLICY.apply(table)
    print(f"\n{protected.title}:")
    _print_rows(protected.to_rows())


def _places_by_field(figures: MetricsAggregate) -> None:
    by = ("field_of_action",)
    counts: dict[tuple[str, str], int] = {}
    rows: list[str] = []
    for year in YEARS:
        for group in figures.groups(year, by):
            name = label(FieldOfAction(group[0]))
            if name not in rows:
                rows.append(name)
            places = figures.value("places_filled", year=year, by=by, group=group)
            counts[(name, _year_label(year))] = int(places or 0)
    table = CountTable.from_counts(
        counts,
        rows,
        [_year_label(y) for y in YEARS],
        title="Besetzte Teilnahmeplätze nach Handlungsfeld",
    )
    _protected(table)


def _by_module(
    bundle: SiteBundle, figures: MetricsAggregate, field_of_action: FieldOfAction, title: str
) -> None:
    modules = [m for m in bundle.modules if m.field_of_action is field_of_action]
    counts: dict[tuple[str, str], int] = {}
    for module in modules:
        for year in YEARS:
            value = figures.value("places_filled", year=year, by=("module",), group=(module.id,))
            counts[(module.title, _year_label(year))] = int(value or 0)
    table = CountTable.from_counts(
        counts, [m.title for m in modules], [_year_label(y) for y in YEARS], title=title
    )
    _protected(table)


def _integration(figures: MetricsAggregate) -> None:
    print("\nIntegration in Arbeit oder Ausbildung (bis zum Stichtag erfasst):")
    metrics = ("reach", "integration_6m", "integration_12m")
    for year in YEARS:
        table = report_table(figures, year=year, by=("field_of_action",), metrics=metrics)
        print(f"\n{table.title}:")
        _print_rows(table.to_rows())
    group = (FieldOfAction.ASSISTED_PLACEMENT.value,)
    for year in YEARS:
        cell = figures.cell(year, ("field_of_action",), group)
        six = format_value(cell.value("integration_6m"), "percent")
        twelve = format_value(cell.value("integration_12m"), "percent")
        print(
            f"  Assistierte Vermittlung {_year_label(year)}: binnen 6 Monaten {six}, "
            f"binnen 12 Monaten {twelve}"
        )


def _eligibility_example(bundle: SiteBundle, data: Dataset) -> None:
    """Explain the plugin's rules for the "Best Ager" module with two people of the cohort."""
    module = bundle.module(BEST_AGER_MODULE_ID)
    runs = {o.id for o in data.offerings if o.module_id == module.id}
    enrolment = min(
        (e for e in data.enrolments if e.offering_id in runs and e.enrolled_on is not None),
        key=lambda e: (e.enrolled_on, e.id),
    )
    day = enrolment.enrolled_on
    assert day is not None
    people = {p.pseudonym: p for p in data.participants}
    enrolled = people[enrolment.participant]
    younger = max(
        (
            p
            for p in data.participants
            if p.has_consent(ConsentPurpose.PROGRAMME_PARTICIPATION, day)
        ),
        key=lambda p: (p.birth_year, p.pseudonym),
    )
    print(f"\nZugangsprüfung „{module.title}“ (Regeln des Plugins, zwei Beispiele):")
    for candidate in (enrolled, younger):
        decision = bundle.evaluate(candidate, module.id, day)
        print(f"  {candidate.pseudonym} (Jahrgang {candidate.birth_year}):")
        for line in decision.explain():
            print(f"    {line}")


def main() -> None:
    bundle = get_registry().site(SITE_ID)
    print(f"{bundle.site.name}")
    print("Alle Daten sind synthetisch (erzeugt mit festem Startwert).")
    print(f"Stand: {STAND:%d.%m.%Y}\n")
    _catalogue(bundle)
    cohorts = build_cohorts()
    figures = figures_of(cohorts)
    _target_groups(cohorts)
    refused = sum(c.refused for c in cohorts.values())
    print(
        f"  Anmeldungen, die die Zugangsregeln des Plugins am Anmeldetag nicht erfüllen "
        f"(verworfen): {format_value(refused, 'count')}"
    )

    total = places_filled_since_may_2016(figures)
    print("\nBesetzte Teilnahmeplätze (Kennzahl places_filled):")
    for year in YEARS:
        places = figures.value("places_filled", year=year)
        print(f"  {_year_label(year)}: {format_value(places, 'count')}")
    print(f"Teilnahmeplätze seit Mai 2016 insgesamt: {format_value(total, 'count')}")
    assert total > PLACES_FILLED_SINCE_MAY_2016, "the story needs more than 4,000 places"
    print(f"  mehr als {format_value(PLACES_FILLED_SINCE_MAY_2016, 'count')}: ja")

    _places_by_field(figures)
    _by_module(
        bundle,
        figures,
        FieldOfAction.CONSULTATION,
        "Präventivsprechstunde (Krankenkassen, ab 2017): besetzte Plätze",
    )
    _by_module(
        bundle,
        figures,
        FieldOfAction.ASSISTED_PLACEMENT,
        "Assistierte Vermittlung: besetzte Plätze",
    )
    _integration(figures)
    _eligibility_example(bundle, cohorts[YEARS[-1]].data)
    print(
        "\nKleine Fallzahlen (unter 3) sind mit „.“ unterdrückt, ebenso Werte, aus denen sie "
        "sich zurückrechnen ließen."
    )


if __name__ == "__main__":
    main()
