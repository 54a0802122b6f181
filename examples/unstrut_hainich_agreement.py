"""Unstrut-Hainich-Kreis with AOK PLUS: the agreement decides which offers are funded when.

The Jobcenter Unstrut-Hainich-Kreis and AOK PLUS have worked together since 2017
(teamw()rk für Gesundheit und Arbeit, funded by the GKV-Bündnis für Gesundheit). On
19 December 2024 they renewed the cooperation agreement (Kooperationsvereinbarung) to the end
of 2025; from 2026 the programme is permanent. This example evaluates the plugins'
eligibility and funding rules as of days in 2024, 2025 and 2026 with the explanation per
criterion, shows the 2024 health day with twelve network partners (Nordic walking and yoga
to try), the participants' feedback (aggregated, small counts protected), the about 500
people reached since 2017, and the teamw()rk programme's report to the GKV-Bündnis
(exporter ``teamwork-gkv-report``). The site plugin and the programme plugin never import
each other; they compose through the registry.

**All data are synthetic** (seeded, the same on every run). Yearly cohort sizes, the extra
network partners of the health day, visitor numbers and the feedback answers are
illustrative. Run with ``python examples/unstrut_hainich_agreement.py`` (``--output-dir DIR``
also writes the GKV report as a CSV file).
"""

from __future__ import annotations

import argparse
import csv
import io
import random
from collections import Counter
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import attrs

from arbeit_gesundheit import (
    Assessment,
    BenefitType,
    Consent,
    ConsentPurpose,
    Dataset,
    EnrolmentStatus,
    Event,
    Participant,
    Partner,
    PartnerKind,
)
from arbeit_gesundheit.disclosure import CountTable, SuppressionPolicy
from arbeit_gesundheit.eligibility import format_date
from arbeit_gesundheit.files import write_atomic
from arbeit_gesundheit.metrics import aggregate, format_value
from arbeit_gesundheit.plugins import ExportOptions
from arbeit_gesundheit.plugins.registry import SiteBundle, get_registry
from arbeit_gesundheit.synthetic import generate_cohort

__all__ = [
    "COHORT_SIZES",
    "DECISION_DAYS",
    "SEED",
    "build_dataset",
    "feedback_counts",
    "health_day",
    "main",
]

SITE_ID = "unstrut_hainich"
SEED = 2017
#: New participants per year since 2017 (illustrative; about 500 in all, as the text says).
COHORT_SIZES = {
    2017: 30,
    2018: 45,
    2019: 55,
    2020: 35,
    2021: 50,
    2022: 70,
    2023: 95,
    2024: 120,
}
#: Days the funding and eligibility are decided as of: under the 2017 agreement, after its
#: renewal on 2024-12-19, and in the permanent programme.
DECISION_DAYS = (date(2024, 6, 3), date(2025, 6, 2), date(2026, 3, 2))
#: A day before the cooperation began, for comparison.
_BEFORE_2017 = date(2016, 6, 1)
#: The feedback questions (from what the participants said, per the press release).
FEEDBACK_ITEMS = {
    "wichtig": "Solche Angebote sind wichtig.",
    "auseinandersetzen": "Ich setze mich mit meinen gesundheitlichen Problemen auseinander.",
    "vor_ort": "Ich habe Angebote und Beratung vor Ort gefunden.",
    "selbst_nutzen": "Ich nutze die Angebote jetzt selbst aktiv.",
}
FEEDBACK_SCALE = ("trifft zu", "trifft eher zu", "trifft eher nicht zu", "trifft nicht zu")
FEEDBACK_INSTRUMENT = "uh-feedback"

_POLICY = SuppressionPolicy()

#: Further network partners at the 2024 health day (illustrative), beside the plugins' own.
_HEALTH_DAY_PARTNERS = (
    Partner(
        "uh-nordic-walking-verein", "Nordic-Walking-Gruppe Mühlhausen", PartnerKind.SPORTS_CLUB
    ),
    Partner("uh-yoga-studio", "Yogastudio in Mühlhausen", PartnerKind.OTHER),
    Partner("uh-suchtberatung", "Suchtberatung im Unstrut-Hainich-Kreis", PartnerKind.OTHER),
    Partner("uh-gesundheitsamt", "Gesundheitsamt Unstrut-Hainich-Kreis", PartnerKind.HEALTH_OFFICE),
    Partner(
        "uh-verbraucherzentrale", "Ernährungsberatung der Verbraucherzentrale", PartnerKind.OTHER
    ),
    Partner("uh-selbsthilfe", "Selbsthilfekontaktstelle", PartnerKind.WELFARE_ORGANISATION),
)


def _renumber(data: Dataset, year: int) -> Dataset:
    """Give a yearly cohort its own pseudonyms and record ids, so the years can be merged."""
    tag = f"{year % 100:02d}"

    def who(pseudonym: str) -> str:
        return pseudonym.replace(f"{SITE_ID}-", f"{SITE_ID}-{tag}", 1)

    def run(offering_id: str) -> str:
        return f"{offering_id}-{year}"

    def enrolment(enrolment_id: str) -> str:
        return f"{enrolment_id}-{year}"

    return attrs.evolve(
        data,
        participants=tuple(attrs.evolve(p, pseudonym=who(p.pseudonym)) for p in data.participants),
        offerings=tuple(attrs.evolve(o, id=run(o.id)) for o in data.offerings),
        sessions=tuple(attrs.evolve(s, offering_id=run(s.offering_id)) for s in data.sessions),
        enrolments=tuple(
            attrs.evolve(
                e,
                id=enrolment(e.id),
                participant=who(e.participant),
                offering_id=run(e.offering_id),
            )
            for e in data.enrolments
        ),
        attendances=tuple(
            attrs.evolve(a, enrolment_id=enrolment(a.enrolment_id)) for a in data.attendances
        ),
        assessments=tuple(
            attrs.evolve(a, participant=who(a.participant)) for a in data.assessments
        ),
        outcomes=tuple(attrs.evolve(o, participant=who(o.participant)) for o in data.outcomes),
        needs_assessments=(),
        plans=(),
        referrals=(),
        events=(),
        reviews=(),
    )


def health_day(bundle: SiteBundle) -> Event:
    """The 2024 health day: twelve network partners, advice, Nordic walking and yoga."""
    partners = [p.id for p in bundle.partners if p.kind is not PartnerKind.JOBCENTER]
    partners += [p.id for p in _HEALTH_DAY_PARTNERS]
    return Event(
        id="uh-gesundheitstag-2024",
        site_id=SITE_ID,
        title="Gesundheitstag 2024",
        on=date(2024, 9, 12),
        partner_ids=frozenset(partners),
        visitors=164,
        activities=("Beratung an den Ständen", "Nordic Walking zum Ausprobieren", "Yoga"),
    )


def _feedback(data: Dataset, rng: random.Random) -> list[Assessment]:
    """Feedback from people who completed a course in 2024 (about two in three answer)."""
    starts = {o.id: o.starts_on for o in data.offerings}
    answered: dict[str, Assessment] = {}
    for e in data.enrolments:
        end = e.ended_on
        if e.status is not EnrolmentStatus.COMPLETED or end is None or end.year != 2024:
            continue
        if e.participant in answered or starts[e.offering_id].year != 2024:
            continue
        if rng.random() < 0.65:
            answers = {key: rng.choices(range(4), (50, 30, 14, 6))[0] for key in FEEDBACK_ITEMS}
            answered[e.participant] = Assessment(e.participant, FEEDBACK_INSTRUMENT, end, answers)
    return list(answered.values())


def build_dataset(seed: int = SEED) -> Dataset:
    """All yearly cohorts since 2017 as one dataset, with the health day and the feedback."""
    bundle = get_registry().site(SITE_ID)
    cohorts = []
    for year, size in COHORT_SIZES.items():
        data = generate_cohort(
            seed=seed + year, participants=size, site=bundle.site, modules=bundle.modules, year=year
        )
        people = tuple(
            p
            if p.benefit in (BenefitType.SGB_II, BenefitType.BOTH)
            else attrs.evolve(p, benefit=BenefitType.SGB_II)
            for p in data.participants
        )
        cohorts.append(_renumber(attrs.evolve(data, participants=people), year))
    merged = Dataset(
        sites=(bundle.site,),
        partners=(*bundle.partners, *_HEALTH_DAY_PARTNERS),
        agreements=bundle.agreements,
        modules=bundle.modules,
        offerings=tuple(o for c in cohorts for o in c.offerings),
        sessions=tuple(s for c in cohorts for s in c.sessions),
        participants=tuple(p for c in cohorts for p in c.participants),
        enrolments=tuple(e for c in cohorts for e in c.enrolments),
        attendances=tuple(a for c in cohorts for a in c.attendances),
        assessments=tuple(a for c in cohorts for a in c.assessments),
        outcomes=tuple(o for c in cohorts for o in c.outcomes),
        events=(health_day(bundle),),
    )
    feedback = _feedback(merged, random.Random(seed))
    return attrs.evolve(merged, assessments=(*merged.assessments, *feedback))


def feedback_counts(data: Dataset) -> dict[tuple[str, str], int]:
    """Answers per question and scale point: counts only, no person."""
    counts: Counter[tuple[str, str]] = Counter()
    for a in data.assessments:
        if a.instrument == FEEDBACK_INSTRUMENT:
            for key, text in FEEDBACK_ITEMS.items():
                counts[(text, FEEDBACK_SCALE[a.answers[key]])] += 1
    return dict(counts)


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


def _agreements(bundle: SiteBundle) -> None:
    print("Kooperationsvereinbarungen (Standort-Plugin):")
    for a in bundle.agreements:
        end = a.ends_on
        until = f"bis {format_date(end)}" if end else "unbefristet"
        print(f"  {a.title}: ab {format_date(a.valid_from)} {until}")
        for renewal in a.renewals:
            first = format_date(a.valid_until) if a.valid_until else "unbefristet"
            new_end = format_date(renewal.valid_until) if renewal.valid_until else "unbefristet"
            print(
                f"    ursprünglich bis {first}; verlängert am {format_date(renewal.signed_on)} "
                f"bis {new_end}"
            )


def _funding(bundle: SiteBundle) -> None:
    """Which offers are funded on each day (the funding criterion of the rules)."""
    person = _example_person(BenefitType.SGB_II)
    print("\nFinanzierung der Angebote zum Stichtag (Kriterium der Zugangsregeln):")
    days = (_BEFORE_2017, *DECISION_DAYS)
    rows: list[list[object]] = [["Angebot", *(format_date(d) for d in days)]]
    for module in bundle.modules:
        row: list[object] = [module.title]
        for day in days:
            decision = bundle.evaluate(person, module.id, day)
            funded = [r for r in decision.results if r.rule_id == "unstrut_hainich.funded"]
            row.append(
                "ohne Vereinbarung"
                if not funded
                else ("ja" if funded[0].verdict.value == "met" else "nein")
            )
        rows.append(row)
    _print_rows(rows)


def _example_person(benefit: BenefitType) -> Participant:
    """A synthetic person for the rule examples (consents from 2023 on)."""
    consents = (
        Consent(ConsentPurpose.PROGRAMME_PARTICIPATION, date(2023, 11, 6)),
        Consent(ConsentPurpose.HEALTH_DATA_PROCESSING, date(2023, 11, 6)),
    )
    return Participant(
        pseudonym=f"{SITE_ID}-beispiel-{1 if benefit is BenefitType.SGB_II else 2}",
        site_id=SITE_ID,
        birth_year=1971,
        benefit=benefit,
        unemployed_since=date(2022, 4, 1),
        district_key=sorted(get_registry().site(SITE_ID).site.district_keys)[0],
        consents=consents,
    )


def _decisions(bundle: SiteBundle) -> None:
    """The full explanation for an SGB III customer, whose access changes in 2026."""
    person = _example_person(BenefitType.SGB_III)
    module = bundle.module("uh-rundum-fit")
    print(
        f"\nZugangsprüfung „{module.title}“ für {person.pseudonym} "
        "(Arbeitslosengeld, SGB III) – Regeln von Standort- und Programm-Plugin:"
    )
    for day in DECISION_DAYS:
        for line in bundle.evaluate(person, module.id, day).explain():
            print(f"  {line}")
    origins = sorted({bundle.origin("partner", p.id).distribution or p.id for p in bundle.partners})
    print(f"  (Partner und Regeln stammen aus: {', '.join(origins)})")


def _health_day(data: Dataset) -> None:
    event = data.events[0]
    figures = aggregate(attrs.evolve(data, enrolments=(), attendances=()), year=2024, by=())
    partners = figures.value("event_partners", year=2024)
    print(
        f"\n{event.title} am {format_date(event.on)}: {partners} Netzwerkpartner, "
        f"{format_value(figures.value('event_visitors', year=2024), 'count')} Besucherinnen "
        f"und Besucher; {', '.join(event.activities)}"
    )
    names = {p.id: p.name for p in data.partners}
    print("  Partner: " + "; ".join(names.get(p, p) for p in sorted(event.partner_ids)))


def _feedback_table(data: Dataset) -> None:
    table = CountTable.from_counts(
        feedback_counts(data),
        list(FEEDBACK_ITEMS.values()),
        list(FEEDBACK_SCALE),
        title="Rückmeldungen der Teilnehmenden 2024 (Anzahl Antworten)",
    )
    protected = _POLICY.apply(table)
    print(f"\n{protected.title}:")
    _print_rows(protected.to_rows())


def _reach(data: Dataset) -> None:
    figures = aggregate(data, by=())
    print("\nErreichte Personen je Jahr (Kennzahl reach):")
    total = 0
    for year in figures.years:
        reach = int(figures.value("reach", year=year) or 0)
        total += reach
        print(f"  {year}: {format_value(reach, 'count')}")
    print(f"Erreichte Personen seit 2017 insgesamt: {format_value(total, 'count')}")


def _gkv_report(bundle: SiteBundle, data: Dataset, output_dir: Path | None) -> None:
    exporter = get_registry().exporter("teamwork-gkv-report")
    origin = bundle.origin("exporter", exporter.name)
    payload = exporter.export(data, ExportOptions(extra={"year": 2024}))
    print(f"\nExport „{exporter.name}“ aus dem Programm-Plugin {origin.distribution}:")
    block: list[list[object]] = []
    for row in csv.reader(io.StringIO(payload.decode("utf-8-sig")), delimiter=";"):
        if len(row) > 1:
            block.append([int(c) if c.isdigit() else c for c in row])
            continue
        if block:
            _print_rows(block)
            block = []
        print(row[0] if row else "")
    if block:
        _print_rows(block)
    if output_dir is not None:
        output_dir.mkdir(parents=True, exist_ok=True)
        path = output_dir / f"teamwork-gkv-bericht-2024{exporter.suffix}"
        # atomic, and replacing only the file this example itself writes on a re-run
        write_atomic(path, payload, overwrite=True)
        print(f"\nGeschrieben: {path}")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, allow_abbrev=False)
    parser.add_argument("--output-dir", type=Path, default=None)
    args, _unknown = parser.parse_known_args(argv)
    bundle = get_registry().site(SITE_ID)
    print(bundle.site.name)
    print("Alle Daten sind synthetisch (erzeugt mit festem Startwert).\n")
    _agreements(bundle)
    _funding(bundle)
    _decisions(bundle)
    data = build_dataset()
    _reach(data)
    _health_day(data)
    _feedback_table(data)
    _gkv_report(bundle, data, args.output_dir)
    print(
        "\nKleine Fallzahlen (unter 3) sind mit „.“ unterdrückt, ebenso Werte, aus denen sie "
        "sich zurückrechnen ließen."
    )


if __name__ == "__main__":
    main()
