"""Duisburg alliance: the yearly decision-makers' meeting (Entscheider-Treffen) for 2024.

The action alliance "Gesundheitsförderung für arbeitslose Menschen" (since 2012) brings the
Jobcenter, the Agentur für Arbeit, the Gesundheitsamt, the Krankenkassen, course providers,
welfare organisations, the Stadtsportbund and others together. At the end of each year the
decision-makers take stock of successes and needs and set the next year's goals. This example
plays that meeting: the targets set a year ago (an :class:`~arbeit_gesundheit.AnnualReview`),
the actual figures from :mod:`arbeit_gesundheit.metrics`, met or missed per target
(:func:`arbeit_gesundheit.report.evaluate_review`), what worked and what is needed, and next
year's targets. Low-threshold courses run in the providers' workshops; the Krankenkassen fund
club courses through the Stadtsportbund, and joining a club
(:attr:`~arbeit_gesundheit.OutcomeKind.CLUB_MEMBERSHIP`) is one of the outcomes.

**All data are synthetic** (seeded, the same on every run). The alliance, its partners,
courses and rules come from the site plugin through the registry. The targets, and how often
people join a club after a club course, are illustrative. Run with
``python examples/duisburg_review.py``.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import date, timedelta
from fractions import Fraction

import attrs

from arbeit_gesundheit import (
    AnnualReview,
    Dataset,
    EnrolmentStatus,
    NoteKind,
    Outcome,
    OutcomeKind,
    PartnerKind,
    ReviewNote,
    label,
)
from arbeit_gesundheit.disclosure import CountTable, SuppressionPolicy
from arbeit_gesundheit.eligibility import Verdict
from arbeit_gesundheit.metrics import (
    Metric,
    MetricsAggregate,
    aggregate,
    format_value,
    report_table,
)
from arbeit_gesundheit.plugins.registry import SiteBundle, get_registry
from arbeit_gesundheit.report import (
    ReviewReport,
    ReviewResult,
    evaluate_review,
    propose_next_target,
)
from arbeit_gesundheit.synthetic import generate_cohort

__all__ = [
    "CLUB_JOIN_METRIC",
    "CLUB_JOIN_TARGET",
    "REVIEW_YEAR",
    "SEED",
    "ClubMembership",
    "build_cohort",
    "club_membership",
    "club_result",
    "last_years_review",
    "main",
]

SITE_ID = "duisburg"
SEED = 2012
#: The year the decision-makers look back on at their meeting in December.
REVIEW_YEAR = 2024
#: Share of club-course completers who join a club within six months (per cent) the alliance
#: aims for. No metric of the library counts club membership, so this target is checked here.
CLUB_JOIN_TARGET = 20
#: Days after a club course within which joining the club counts.
CLUB_JOIN_DAYS = 183
#: How likely someone who completed a club course joins the club (synthetic data only).
_CLUB_JOIN_CHANCE = 0.25

_POLICY = SuppressionPolicy()


def last_years_review() -> AnnualReview:
    """The targets the decision-makers set for the review year a year ago, with notes."""
    return AnnualReview(
        site_id=SITE_ID,
        year=REVIEW_YEAR,
        targets={
            "reach": 750,
            "places_filled": 2000,
            "completion_rate": 78,
            "dropout_rate": 15,
            "attendance_rate": 80,
            "wellbeing_gain_share": 35,
            "integration_12m": 30,
        },
        notes=(
            ReviewNote(
                NoteKind.SUCCESS,
                "Kurse direkt in den Werkstätten der Maßnahmenträger: kaum Wege, "
                "Ansprache durch vertraute Anleitungen.",
            ),
            ReviewNote(
                NoteKind.NEED,
                "Mehr Vereinskurse im Duisburger Süden; Übergang vom Kurs ins Vereinsleben "
                "begleiten.",
            ),
            ReviewNote(
                NoteKind.DECISION,
                "Bündnisstammtisch quartalsweise; Stadtsportbund wirbt weitere Mitgliedsvereine.",
            ),
        ),
        # The meeting sets the dropout target itself; the others are proposed from the
        # figures reached (evaluate_review -> propose_next_target).
        next_targets={"dropout_rate": 15},
    )


def _club_outcomes(bundle: SiteBundle, data: Dataset, rng: random.Random) -> list[Outcome]:
    """Joining a club after a completed club course, at the club that ran it (synthetic)."""
    club_ids = {p.id for p in bundle.partners if p.kind is PartnerKind.SPORTS_CLUB}
    runs = {o.id: o for o in data.offerings if o.provider_id in club_ids}
    joined: dict[str, Outcome] = {}
    for enrolment in data.enrolments:
        run = runs.get(enrolment.offering_id)
        end = enrolment.ended_on
        if run is None or enrolment.status is not EnrolmentStatus.COMPLETED or end is None:
            continue
        if enrolment.participant in joined or rng.random() >= _CLUB_JOIN_CHANCE:
            continue
        joined[enrolment.participant] = Outcome(
            participant=enrolment.participant,
            kind=OutcomeKind.CLUB_MEMBERSHIP,
            on=end + timedelta(days=rng.randint(1, 120)),
            partner_id=run.provider_id,
        )
    return list(joined.values())


def build_cohort(seed: int = SEED) -> Dataset:
    """The alliance's synthetic records of the review year.

    Courses are held by the providers the catalogue names (workshops and clubs); enrolments
    the plugin's rules refuse on their first day are left out; club memberships are drawn
    for people who completed a club course.
    """
    bundle = get_registry().site(SITE_ID)
    modules = {m.id: m for m in bundle.modules}
    data = generate_cohort(
        seed=seed,
        participants=bundle.site.typical_participants or 800,
        site=bundle.site,
        modules=bundle.modules,
        year=REVIEW_YEAR,
    )
    offerings = tuple(
        attrs.evolve(o, provider_id=modules[o.module_id].provider_id) for o in data.offerings
    )
    module_of = {o.id: o.module_id for o in offerings}
    people = {p.pseudonym: p for p in data.participants}
    enrolments = tuple(
        e
        for e in data.enrolments
        if e.enrolled_on is not None
        and bundle.evaluate(people[e.participant], module_of[e.offering_id], e.enrolled_on).verdict
        is not Verdict.NOT_MET
    )
    kept = {e.id for e in enrolments}
    data = attrs.evolve(
        data,
        partners=bundle.partners,
        offerings=offerings,
        enrolments=enrolments,
        attendances=tuple(a for a in data.attendances if a.enrolment_id in kept),
        outcomes=tuple(o for o in data.outcomes if o.kind is not OutcomeKind.CLUB_MEMBERSHIP),
        events=(),
    )
    clubs = _club_outcomes(bundle, data, random.Random(seed * 31))
    return attrs.evolve(data, outcomes=(*data.outcomes, *clubs))


@attrs.frozen
class ClubMembership:
    """Club-course completers per club and how many of them joined within six months."""

    completed: dict[str, int]
    joined: dict[str, int]

    @property
    def share(self) -> Fraction | None:
        total = sum(self.completed.values())
        return Fraction(100 * sum(self.joined.values()), total) if total else None


def club_membership(bundle: SiteBundle, data: Dataset) -> ClubMembership:
    """People who completed a club course, and who of them joined that club in time."""
    club_ids = {p.id for p in bundle.partners if p.kind is PartnerKind.SPORTS_CLUB}
    runs = {o.id: o.provider_id for o in data.offerings if o.provider_id in club_ids}
    last_end: dict[tuple[str, str], date] = {}
    for enrolment in data.enrolments:
        club = runs.get(enrolment.offering_id)
        end = enrolment.ended_on
        if club is None or enrolment.status is not EnrolmentStatus.COMPLETED or end is None:
            continue
        key = (club, enrolment.participant)
        last_end[key] = max(end, last_end.get(key, end))
    memberships = {
        (o.partner_id, o.participant): o.on
        for o in data.outcomes
        if o.kind is OutcomeKind.CLUB_MEMBERSHIP and o.partner_id is not None
    }
    completed = dict.fromkeys(sorted(club_ids), 0)
    joined = dict.fromkeys(sorted(club_ids), 0)
    for (club, person), end in last_end.items():
        completed[club] += 1
        day = memberships.get((club, person))
        if day is not None and end <= day <= end + timedelta(days=CLUB_JOIN_DAYS):
            joined[club] += 1
    return ClubMembership(completed, joined)


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


def _alliance(bundle: SiteBundle) -> None:
    print("Bündnispartner aus dem Standort-Plugin:")
    by_kind: dict[PartnerKind, list[str]] = {}
    for partner in bundle.partners:
        by_kind.setdefault(partner.kind, []).append(partner.name)
    for kind, names in by_kind.items():
        print(f"  {label(kind)}: {'; '.join(names)}")
    for agreement in bundle.agreements:
        print(f"  Vereinbarung seit {agreement.valid_from.year}: {agreement.title}")


def _by_provider(bundle: SiteBundle, figures: MetricsAggregate) -> None:
    table = report_table(
        figures,
        year=REVIEW_YEAR,
        by=("provider",),
        metrics=("reach", "places_filled", "completion_rate", "dropout_rate"),
    )
    names = {p.id: p.name for p in bundle.partners}
    rows = table.to_rows()
    for row in rows[1:]:
        row[0] = names.get(row[0], row[0])
    print(f"\n{table.title} (Werkstätten, Vereine, weitere Partner):")
    _print_rows(rows)


#: The alliance's own figure, defined like the library's metrics so it reads the same way.
CLUB_JOIN_METRIC = Metric(
    "club_join_share",
    "Vereinsbeitritte nach Vereinskurs (binnen 6 Monaten)",
    "joining a club within 6 months of a club course",
    "percent",
)


def club_result(clubs: ClubMembership) -> ReviewResult:
    """The club target of the review, judged as the library judges its own metrics."""
    share = clubs.share
    met = None if share is None else CLUB_JOIN_METRIC.is_met(share, CLUB_JOIN_TARGET)
    proposal = propose_next_target(CLUB_JOIN_METRIC, CLUB_JOIN_TARGET, share)
    return ReviewResult(CLUB_JOIN_METRIC, CLUB_JOIN_TARGET, share, met, proposal)


def _club_table(bundle: SiteBundle, clubs: ClubMembership) -> None:
    counts: dict[tuple[str, str], int] = {}
    rows = []
    for club, completed in clubs.completed.items():
        name = bundle.partner(club).name
        rows.append(name)
        counts[(name, "beigetreten")] = clubs.joined[club]
        counts[(name, "nicht beigetreten")] = completed - clubs.joined[club]
    table = CountTable.from_counts(
        counts,
        rows,
        ["beigetreten", "nicht beigetreten"],
        title="Vereinskurse abgeschlossen: Vereinsbeitritt binnen 6 Monaten",
    )
    protected = _POLICY.apply(table)
    print(f"\n{protected.title}:")
    _print_rows(protected.to_rows())
    print(f"  {club_result(clubs).explain()}")


def _targets(report: ReviewReport) -> None:
    print(f"\nEntscheider-Treffen Dezember {REVIEW_YEAR}: Ziele und Ist-Werte")
    for result in report.results:
        print(f"  {result.explain()}")
    print(
        f"  erreicht: {len(report.met)} von {len(report.results)} Zielen, "
        f"verfehlt: {len(report.missed)}"
    )


def _conclusions(report: ReviewReport, club: ReviewResult) -> None:
    print("\nWas gut lief:")
    for note in report.notes:
        if note.kind is NoteKind.SUCCESS:
            print(f"  - {note.text}")
    print("Was gebraucht wird:")
    for note in report.notes:
        if note.kind is NoteKind.NEED:
            print(f"  - {note.text}")
    print("Beschlüsse:")
    for note in report.notes:
        if note.kind is NoteKind.DECISION:
            print(f"  - {note.text}")
    print(f"\nZiele {REVIEW_YEAR + 1}:")
    for result in (*report.results, club):
        target = report.next_targets.get(result.metric_id, result.next_target)
        unit = result.metric.unit
        bound = "mindestens" if result.metric.higher_is_better else "höchstens"
        print(f"  {result.metric.label()}: {bound} {format_value(target, unit)}")


def main() -> None:
    bundle = get_registry().site(SITE_ID)
    print(bundle.site.name)
    print("Alle Daten sind synthetisch (erzeugt mit festem Startwert).\n")
    _alliance(bundle)
    data = build_cohort()
    figures = aggregate(data, year=REVIEW_YEAR, by=[("site",), ("provider",)])
    report = evaluate_review(last_years_review(), figures)
    _targets(report)
    _by_provider(bundle, figures)
    clubs = club_membership(bundle, data)
    _club_table(bundle, clubs)
    _conclusions(report, club_result(clubs))
    print(
        "\nKleine Fallzahlen (unter 3) sind mit „.“ unterdrückt, ebenso Werte, aus denen sie "
        "sich zurückrechnen ließen."
    )


if __name__ == "__main__":
    main()
