"""The programme's report to the GKV-Bündnis für Gesundheit (aggregate, illustrative layout).

Three tables, one row per programme site (a site whose ``programmes`` contain
``"teamwork"``), computed from a :class:`~arbeit_gesundheit.Dataset` without any personal
data leaving the library, and only from the records consent lets a figure count
(:func:`arbeit_gesundheit.metrics.countable`):

1. people reached, by benefit type (Rechtskreis): distinct participants with at least one
   place taken, each counted once per site;
2. places taken (Teilnahmeplätze), by field of action (Handlungsfeld) of the module;
3. places taken, by state: completed, dropped, not started, ongoing.

A *place taken* is an enrolment that reached the state registered (or went beyond it); with
``year`` only those whose history shows the place was taken in that year count. Every table goes through
small-count protection (:class:`~arbeit_gesundheit.disclosure.SuppressionPolicy` with the
export's ``min_count``).
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Final, Literal

from arbeit_gesundheit import (
    BenefitType,
    Dataset,
    Enrolment,
    EnrolmentStatus,
    FieldOfAction,
    InvalidFieldError,
    Site,
    label,
)
from arbeit_gesundheit.disclosure import CountTable, ProtectedTable, SuppressionPolicy
from arbeit_gesundheit.metrics import countable
from arbeit_gesundheit.plugins import ExportOptions, ExportScope

from .rules import is_programme_site

__all__ = [
    "GkvReportExporter",
    "place_taken_on",
    "programme_sites",
    "report_tables",
    "took_place",
]

Language = Literal["de", "en"]

_S = EnrolmentStatus
_TAKEN: Final = frozenset({_S.REGISTERED, _S.ACTIVE, _S.COMPLETED})
_STATES: Final = (
    ((_S.COMPLETED,), ("abgeschlossen", "completed")),
    ((_S.DROPPED,), ("abgebrochen", "dropped")),
    ((_S.NO_SHOW,), ("nicht angetreten", "not started")),
    ((_S.REGISTERED, _S.ACTIVE), ("laufend", "ongoing")),
)
_UNASSIGNED: Final = ("nicht zugeordnet", "not assigned")


def took_place(enrolment: Enrolment) -> bool:
    """Whether the enrolment took a place: it is registered, active or completed now, or its
    history shows it reached one of these states before it was dropped or not started."""
    return enrolment.status in _TAKEN or any(c.status in _TAKEN for c in enrolment.history)


def place_taken_on(enrolment: Enrolment) -> date | None:
    """The day the enrolment took a place (first reached registered or beyond); None when it
    took none or its history does not say when."""
    for change in enrolment.history:
        if change.status in _TAKEN:
            return change.on
    return None


def programme_sites(data: Dataset) -> tuple[Site, ...]:
    """The programme sites listed in ``data``, ordered by id."""
    return tuple(sorted((s for s in data.sites if is_programme_site(s)), key=lambda s: s.id))


def report_tables(
    data: Dataset, sites: Sequence[Site], *, year: int | None = None, lang: Language = "de"
) -> tuple[CountTable, ...]:
    """The three count tables of the report for ``sites`` (rows in the given order)."""
    if not sites:
        raise InvalidFieldError("report_tables", "sites", "at least one programme site", sites)
    index = 0 if lang == "de" else 1
    site_ids = [site.id for site in sites]
    wanted = frozenset(site_ids)
    person_site = {p.pseudonym: p.site_id for p in data.participants if p.site_id in wanted}
    benefit = {p.pseudonym: p.benefit for p in data.participants}
    module_of = {o.id: o.module_id for o in data.offerings}
    field_of = {m.id: m.field_of_action for m in data.modules}

    reached: dict[str, set[str]] = {site_id: set() for site_id in site_ids}
    by_field: Counter[tuple[str, str]] = Counter()
    by_state: Counter[tuple[str, str]] = Counter()
    fields_seen: set[FieldOfAction] = set()
    unassigned = False
    for enrolment in data.enrolments:
        site_id = person_site.get(enrolment.participant)
        if site_id is None:
            continue
        if not took_place(enrolment):
            continue
        if year is not None:
            day = place_taken_on(enrolment)
            if day is None or day.year != year:
                continue
        reached[site_id].add(enrolment.participant)
        field = field_of.get(module_of.get(enrolment.offering_id, ""))
        if field is None:
            unassigned = True
            by_field[(site_id, _UNASSIGNED[index])] += 1
        else:
            fields_seen.add(field)
            by_field[(site_id, label(field, lang))] += 1
        for states, names in _STATES:
            if enrolment.status in states:
                by_state[(site_id, names[index])] += 1

    benefit_columns = [label(b, lang) for b in BenefitType]
    by_benefit: Counter[tuple[str, str]] = Counter()
    for site_id, people in reached.items():
        for person in people:
            by_benefit[(site_id, label(benefit[person], lang))] += 1
    field_columns = [label(f, lang) for f in FieldOfAction if f in fields_seen] or [
        label(f, lang) for f in FieldOfAction if f.is_prevention_field
    ]
    if unassigned:
        field_columns.append(_UNASSIGNED[index])
    titles = (
        ("Erreichte Personen nach Rechtskreis", "People reached by benefit type"),
        ("Teilnahmeplätze nach Handlungsfeld", "Places taken by field of action"),
        ("Teilnahmeplätze nach Stand", "Places taken by state"),
    )
    return (
        CountTable.from_counts(by_benefit, site_ids, benefit_columns, title=titles[0][index]),
        CountTable.from_counts(by_field, site_ids, field_columns, title=titles[1][index]),
        CountTable.from_counts(
            by_state, site_ids, [names[index] for _, names in _STATES], title=titles[2][index]
        ),
    )


def _year(options: ExportOptions) -> int | None:
    value = options.extra.get("year")
    if value is None or (type(value) is int and 2000 <= value <= 2100):
        return value
    raise InvalidFieldError("ExportOptions", "extra.year", "a year from 2000 to 2100", value)


def _write_csv(lines: Iterable[str], tables: Iterable[ProtectedTable], lang: Language) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    for line in lines:
        writer.writerow([line])
    for table in tables:
        writer.writerow([])
        writer.writerow([table.title or ""])
        writer.writerows(table.to_rows(lang))
    return buffer.getvalue().encode("utf-8-sig")


class GkvReportExporter:
    """The programme report to the GKV-Bündnis as CSV for German Excel (aggregate).

    Exports a :class:`~arbeit_gesundheit.Dataset` whose ``sites`` include programme sites;
    only their participants count. Options: ``extra["year"]`` (places taken in that year
    only) and ``min_count`` (counts below it are shown as ".", with secondary suppression).
    """

    name = "teamwork-gkv-report"
    media_type = "text/csv"
    suffix = ".csv"
    scope = ExportScope.AGGREGATE

    def title(self, lang: Language = "de") -> str:
        if lang == "de":
            return "teamw()rk: Bericht an das GKV-Bündnis für Gesundheit"
        return "teamw()rk: report to the GKV-Bündnis für Gesundheit"

    def supports(self, data: object) -> bool:
        return isinstance(data, Dataset)

    def export(self, data: object, options: ExportOptions) -> bytes:
        if not isinstance(data, Dataset):
            raise InvalidFieldError(type(self).__name__, "data", "a Dataset", data)
        lang = options.lang
        year = _year(options)
        sites = programme_sites(data)
        heading = self.title(lang)
        if year is not None:
            heading += f" – {year}"
        if not sites:
            note = (
                "Keine teamw()rk-Standorte in den Daten."
                if lang == "de"
                else "No teamw()rk sites in the data."
            )
            return _write_csv([heading, note], (), lang)
        policy = SuppressionPolicy(threshold=options.min_count)
        allowed = countable(data)  # participation consent, as every figure (every withdrawal)
        tables = [policy.apply(t) for t in report_tables(allowed, sites, year=year, lang=lang)]
        return _write_csv([heading], tables, lang)

    def __repr__(self) -> str:
        return "GkvReportExporter()"
