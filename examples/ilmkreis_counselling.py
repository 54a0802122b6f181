"""Ilm-Kreis: health-oriented counselling (GOB) from needs assessment to recommended offers.

Since 2020 the Jobcenter Ilm-Kreis, the GKV-Bündnis für Gesundheit and the Landratsamt look
at the health of unemployed people. Specially trained staff hold health-oriented counselling
(gesundheitsorientierte Beratung, GOB) in dedicated rooms at the Arnstadt and Ilmenau
offices; the needs assessment (Bedarfsermittlung) in movement, stress management, mental
health and healthy eating leads to recommended offers (:func:`arbeit_gesundheit.eligibility.
recommend_modules`, with the plugin's eligibility rules respected and the reasons in German),
first of all the AktivA courses (active coping with unemployment). The planned health days
were cancelled in the pandemic and replaced in spring 2021 by a digital health week; both are
:class:`~arbeit_gesundheit.Event` records with partners and visitors.

**All data are synthetic** (seeded, the same on every run). The site, offers, partners and
rules come from the site plugin and the teamw()rk programme plugin through the registry;
visitor numbers and dates of the events are illustrative. Run with
``python examples/ilmkreis_counselling.py``.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable, Sequence
from datetime import date

import attrs
from ag_site_ilmkreis.catalogue import AKTIVA_MODULE_ID, COACHES, OFFICES

from arbeit_gesundheit import (
    BenefitType,
    Dataset,
    Event,
    EventFormat,
    NeedsAssessment,
    Participant,
)
from arbeit_gesundheit.disclosure import CountTable, SuppressionPolicy
from arbeit_gesundheit.eligibility import Decision, Suggestions, format_date, recommend_modules
from arbeit_gesundheit.metrics import aggregate, format_value, report_table
from arbeit_gesundheit.participation import PLACE_HOLDING_STATES
from arbeit_gesundheit.plugins.registry import SiteBundle, get_registry
from arbeit_gesundheit.synthetic import generate_cohort

__all__ = ["SEED", "YEAR", "build_dataset", "events", "main", "recommendations"]

SITE_ID = "ilmkreis"
SEED = 2021
#: The year of the story: GOB running at both offices, AktivA starting, digital health week.
YEAR = 2021

_POLICY = SuppressionPolicy()


def events(bundle: SiteBundle) -> tuple[Event, ...]:
    """The digital health week of spring 2021, in place of the cancelled health days, and the
    health days held again in 2022 (dates and visitor numbers illustrative)."""
    partners = frozenset(p.id for p in bundle.partners)
    return (
        Event(
            id="ilm-digitale-gesundheitswoche-2021",
            site_id=SITE_ID,
            title="Digitale Gesundheitswoche (statt der ausgefallenen Gesundheitstage)",
            on=date(2021, 4, 19),
            ends_on=date(2021, 4, 23),
            format=EventFormat.DIGITAL,
            partner_ids=partners,
            visitors=186,
            activities=(
                "Online-Bewegungspausen",
                "Entspannung per Video",
                "Telefonsprechstunde GOB",
                "Rezepte für die gesunde Küche",
            ),
        ),
        Event(
            id="ilm-gesundheitstag-arnstadt-2022",
            site_id=SITE_ID,
            title="Gesundheitstag Arnstadt",
            on=date(2022, 5, 18),
            partner_ids=partners - {"teamwork-gkv-buendnis"},
            visitors=142,
            activities=("Bewegungsparcours", "Stresstest", "Beratung zu AktivA"),
        ),
        Event(
            id="ilm-gesundheitstag-ilmenau-2022",
            site_id=SITE_ID,
            title="Gesundheitstag Ilmenau",
            on=date(2022, 9, 21),
            partner_ids=frozenset({"ilm-jobcenter", "ilm-aok-plus", "ilm-sportvereine"}),
            visitors=97,
            activities=("Nordic Walking zum Ausprobieren", "Ernährungsberatung"),
        ),
    )


def build_dataset(seed: int = SEED) -> Dataset:
    """A synthetic year: participants (jobcenter customers, SGB II), courses, and a GOB needs
    assessment for most people, held by a trained counsellor at the Arnstadt or Ilmenau
    office."""
    bundle = get_registry().site(SITE_ID)
    rng = random.Random(seed)
    data = generate_cohort(
        seed=seed,
        participants=bundle.site.typical_participants or 400,
        site=bundle.site,
        modules=bundle.modules,
        year=YEAR,
    )
    people = tuple(
        p
        if p.benefit in (BenefitType.SGB_II, BenefitType.BOTH)
        else attrs.evolve(p, benefit=BenefitType.SGB_II)
        for p in data.participants
    )
    counsellors = {office: [c for c in COACHES if office.lower() in c.id] for office in OFFICES}
    assessments = []
    for needs in data.needs_assessments:
        office = rng.choice(OFFICES)
        coach = rng.choice(counsellors[office])
        assessments.append(attrs.evolve(needs, office=office, coach_id=coach.id))
    return attrs.evolve(
        data,
        partners=bundle.partners,
        agreements=bundle.agreements,
        coaches=COACHES,
        participants=people,
        needs_assessments=tuple(assessments),
        plans=(),
        events=events(bundle),
    )


def _checks(bundle: SiteBundle) -> dict[str, Callable[[Participant, date], Decision]]:
    """The plugins' eligibility rules per module, as recommend_modules expects them."""

    def check(module_id: str) -> Callable[[Participant, date], Decision]:
        return lambda person, day: bundle.evaluate(person, module_id, day)

    return {module.id: check(module.id) for module in bundle.modules}


def _free_places(data: Dataset, day: date) -> dict[str, int]:
    """Free places per module in the runs starting after ``day``, as known on ``day``."""
    upcoming = {o.id: o for o in data.offerings if o.starts_on > day}
    free: dict[str, int] = {}
    for offering in upcoming.values():
        free[offering.module_id] = free.get(offering.module_id, 0) + offering.capacity
    for enrolment in data.enrolments:
        run = upcoming.get(enrolment.offering_id)
        if run is not None and enrolment.status_on(day) in PLACE_HOLDING_STATES:
            free[run.module_id] -= 1
    return {module_id: max(0, n) for module_id, n in free.items()}


def recommendations(
    bundle: SiteBundle, data: Dataset, *, free_places: bool = False
) -> list[tuple[NeedsAssessment, Suggestions]]:
    """The recommendations of every needs assessment (with free places if asked)."""
    people = {p.pseudonym: p for p in data.participants}
    checks = _checks(bundle)
    out = []
    for needs in data.needs_assessments:
        places = _free_places(data, needs.on) if free_places else None
        suggestions = recommend_modules(
            needs,
            bundle.modules,
            participant=people[needs.participant],
            eligibility=checks,
            free_places=places,
        )
        out.append((needs, suggestions))
    return out


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


def _examples(bundle: SiteBundle, data: Dataset) -> None:
    """One counselling session per office, with the ranked offers and the reasons."""
    for office in OFFICES:
        candidates = [n for n in data.needs_assessments if n.office == office]
        for needs in sorted(candidates, key=lambda n: (n.on, n.participant)):
            [(_, suggestions)] = recommendations(
                bundle, attrs.evolve(data, needs_assessments=(needs,)), free_places=True
            )
            refused = [e for e in suggestions.excluded if e.decision is not None]
            if len(suggestions.ranked) >= 2 and refused:
                break
        print(
            f"\nGOB-Beratung in {office} am {format_date(needs.on)} "
            f"({needs.participant}, Beratung durch {needs.coach_id}):"
        )
        for line in suggestions.explain():
            print(f"  {line}")
        for excluded in suggestions.excluded:
            if excluded.decision is not None:
                print(f"  nicht empfohlen: {excluded.module.title}")
                for reason in excluded.reasons:
                    print(f"   - {reason}")


def _top_recommendations(bundle: SiteBundle, data: Dataset) -> None:
    counts: Counter[tuple[str, str]] = Counter()
    for needs, suggestions in recommendations(bundle, data):
        if suggestions.ranked and needs.office is not None:
            counts[(suggestions.ranked[0].module.title, needs.office)] += 1
    titles = [m.title for m in bundle.modules if any(k[0] == m.title for k in counts)]
    table = CountTable.from_counts(
        counts, titles, list(OFFICES), title="Erste Empfehlung nach der Bedarfsermittlung"
    )
    protected = _POLICY.apply(table)
    print(f"\n{protected.title} ({YEAR}):")
    _print_rows(protected.to_rows())


def _aktiva(bundle: SiteBundle, data: Dataset) -> None:
    figures = aggregate(data, year=YEAR, by=("module",))
    table = report_table(
        figures,
        year=YEAR,
        by=("module",),
        metrics=("reach", "places_filled", "completion_rate", "wellbeing_change"),
    )
    titles = {m.id: m.title for m in bundle.modules}
    rows = table.to_rows()
    for row in rows[1:]:
        row[0] = titles.get(row[0], row[0])
    print(f"\n{table.title}:")
    _print_rows(rows)
    aktiva = figures.value("places_filled", year=YEAR, by=("module",), group=(AKTIVA_MODULE_ID,))
    print(f"AktivA-Teilnahmeplätze {YEAR}: {format_value(aktiva, 'count')}")


def _events(data: Dataset) -> None:
    print("\nGesundheitstage und digitale Gesundheitswoche:")
    for event in data.events:
        when = format_date(event.on)
        if event.ends_on is not None:
            when += f" bis {format_date(event.ends_on)}"
        kind = "digital" if event.format is EventFormat.DIGITAL else "vor Ort"
        print(
            f"  {event.title} ({when}, {kind}): {len(event.partner_ids)} Partner, "
            f"{format_value(event.visitors, 'count')} Besucherinnen und Besucher"
        )
        print(f"    Angebote: {', '.join(event.activities)}")
    figures = aggregate(attrs.evolve(data, enrolments=(), attendances=()), by=())
    for year in figures.years:
        print(
            f"  {year}: {figures.value('events', year=year)} Veranstaltung(en), "
            f"{figures.value('event_partners', year=year)} beteiligte Partner, "
            f"{format_value(figures.value('event_visitors', year=year), 'count')} Besuche"
        )


def main() -> None:
    bundle = get_registry().site(SITE_ID)
    print(bundle.site.name)
    print("Alle Daten sind synthetisch (erzeugt mit festem Startwert).")
    programme = [p.name for p in bundle.partners if bundle.origin("partner", p.id) != bundle.plugin]
    print("Partner über das Programm-Plugin: " + "; ".join(programme))
    data = build_dataset()
    offices = Counter(n.office for n in data.needs_assessments)
    print(
        f"\nBedarfsermittlungen für die Angebote {YEAR}: "
        + ", ".join(f"{office} {offices[office]}" for office in OFFICES)
    )
    _examples(bundle, data)
    _top_recommendations(bundle, data)
    _aktiva(bundle, data)
    _events(data)
    print(
        "\nKleine Fallzahlen (unter 3) sind mit „.“ unterdrückt, ebenso Werte, aus denen sie "
        "sich zurückrechnen ließen."
    )


if __name__ == "__main__":
    main()
