"""The annual report (Jahresbericht) of a site: protected tables and charts for the exporters.

:func:`annual_report` reduces a site's data (a :class:`Dataset`, a JSON Lines file or a
ready :class:`MetricsAggregate`) to a :class:`AnnualReport`: sections of
:class:`ReportTable` s and :class:`Chart` s that hold nothing but protected figures. Every
count goes through small-count protection (a :class:`SuppressionPolicy` with the report's
``min_count`` by default, or a :class:`RoundingPolicy`) *before* the report exists, so an
exporter (CSV, XLSX, HTML, JSON, FHIR, a plugin's) can only ever see protected figures.

Rates are computed from shown counts only: a rate whose numerator or denominator is
suppressed is suppressed too. Means (attendance, WHO-5 change) cannot be computed from
counts; they are shown only when the count they rest on is shown and at least ``min_count``.

Protection works per table. Within a table each block of rows (the total, then one block
per breakdown such as gender) is a :class:`CountTable` whose row and column totals are the
figures the block shows; where a breakdown does not partition the people (one person can
attend modules of several fields of action), each row is protected on its own. The total
row is shared by every block, so hiding one of its figures in one block hides it in all
(protection is repeated until it is stable).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from fractions import Fraction
from typing import Any, Literal, TypeAlias

from attrs import field, frozen

from ..disclosure import (
    SUPPRESSED,
    CountTable,
    Position,
    ProtectedTable,
    RoundingPolicy,
    SuppressionPolicy,
)
from ..exceptions import InvalidFieldError
from ..metrics import (
    AGE_BANDS,
    CellCounts,
    MetricsAggregate,
    aggregate,
    aggregate_jsonl,
    dimension_label,
    value_label,
)
from ..model import (
    BenefitType,
    Dataset,
    DropoutReason,
    FieldOfAction,
    Gender,
    Language,
    Module,
    Partner,
    Site,
    label,
)
from ..model import _validators as v

__all__ = [
    "REPORT_DIMENSIONS",
    "AnnualReport",
    "Chart",
    "Column",
    "ColumnKind",
    "ReportSection",
    "ReportTable",
    "Row",
    "RowKind",
    "Value",
    "annual_report",
    "build_report",
    "report_breakdowns",
]

#: What a column holds: whole counts, per cent (0-100), WHO-5 points, or text.
ColumnKind: TypeAlias = Literal["count", "percent", "points", "text"]
#: How a row reads: a figure row, the total (Insgesamt) or the heading of a breakdown block.
RowKind: TypeAlias = Literal["data", "total", "heading"]
#: A figure of a presentation table: an int (count), a Fraction (per cent or points), a str
#: (text, or :data:`~arbeit_gesundheit.disclosure.SUPPRESSED`) or None (no figure: nothing
#: to divide by).
Value: TypeAlias = int | Fraction | str | None

#: The breakdowns of the annual report, in report order.
REPORT_DIMENSIONS: tuple[str, ...] = (
    "field_of_action",
    "module",
    "provider",
    "gender",
    "age_band",
    "benefit",
)
# Breakdowns in which every person falls into exactly one group (in one year).
_PARTITIONS = frozenset({"gender", "age_band", "benefit"})
_KINDS = ("count", "percent", "points", "text")
_REASONS = tuple(DropoutReason)
_ROW_KINDS = ("data", "total", "heading")


def _t(lang: Language, de: str, en: str) -> str:
    return de if lang == "de" else en


# -- the presentation model ---------------------------------------------------------------------


def _check_kind(inst: object, attr: Any, value: Any) -> None:
    if value not in _KINDS:
        raise InvalidFieldError(type(inst).__name__, attr.name, " or ".join(_KINDS), value)


def _check_text(inst: object, attr: Any, value: Any) -> None:
    if type(value) is not str:
        raise InvalidFieldError(type(inst).__name__, attr.name, "a text", value)


@frozen
class Column:
    """A column of a :class:`ReportTable`: its heading and what kind of figure it holds."""

    heading: str = field(validator=_check_text)
    kind: ColumnKind = field(default="count", validator=_check_kind)


def _check_value(kind: str, value: object) -> bool:
    if value is None or value == SUPPRESSED:
        return True
    if kind == "count":
        return type(value) is int and value >= 0
    if kind in ("percent", "points"):
        return isinstance(value, Fraction | int | float) and not isinstance(value, bool)
    return type(value) is str


@frozen
class Row:
    """A row: its label (the first column), its kind and one value per column."""

    label: str = field(validator=_check_text)
    cells: tuple[Value, ...] = field(converter=v.to_tuple)
    kind: RowKind = field(default="data")

    @kind.validator
    def _check_row_kind(self, attr: Any, value: object) -> None:
        if value not in _ROW_KINDS:
            raise InvalidFieldError("Row", "kind", " or ".join(_ROW_KINDS), value)


@frozen
class ReportTable:
    """A presentation table shared by the CSV, XLSX, HTML and JSON exporters.

    ``stub`` is the heading of the label column, ``columns`` the figure columns and
    ``rows`` the rows (each with one value per column). Figures are already protected.
    ``sheet`` is a short name (at most 31 characters, for a spreadsheet tab).
    """

    id: str = field(validator=_check_text)
    title: str = field(validator=_check_text)
    stub: str = field(validator=_check_text)
    columns: tuple[Column, ...] = field(converter=v.to_tuple)
    rows: tuple[Row, ...] = field(converter=v.to_tuple)
    sheet: str = field(validator=_check_text)
    note: str | None = None

    @rows.validator
    def _check_rows(self, attr: Any, value: tuple[Row, ...]) -> None:
        for row in value:
            if len(row.cells) != len(self.columns):
                raise InvalidFieldError(
                    "ReportTable", "rows", f"{len(self.columns)} values per row", row
                )
            for column, cell in zip(self.columns, row.cells, strict=True):
                if not _check_value(column.kind, cell):
                    raise InvalidFieldError(
                        "ReportTable", "rows", f"a {column.kind} value or '.'", cell
                    )

    @sheet.validator
    def _check_sheet(self, attr: Any, value: str) -> None:
        if not 1 <= len(value) <= 31 or any(c in value for c in "[]:*?/\\"):
            raise InvalidFieldError("ReportTable", "sheet", "1-31 characters, no []:*?/\\", value)

    def column(self, heading: str) -> int:
        """The index of the column with ``heading``."""
        for i, column in enumerate(self.columns):
            if column.heading == heading:
                return i
        known = ", ".join(c.heading for c in self.columns)
        raise InvalidFieldError("ReportTable", "column", f"one of: {known}", heading)

    def row(self, label: str, *, block: str | None = None) -> Row:
        """The first data or total row called ``label`` (within the block headed ``block``)."""
        current: str | None = None
        for row in self.rows:
            if row.kind == "heading":
                current = row.label
                continue
            if row.label == label and (block is None or current == block):
                return row
        raise InvalidFieldError("ReportTable", "row", "a row label of the table", label)

    def figure_rows(self) -> tuple[Row, ...]:
        """The rows with figures (without block headings)."""
        return tuple(r for r in self.rows if r.kind != "heading")


@frozen
class Chart:
    """A simple bar chart drawn from a protected table (one bar per label).

    ``values`` are the shown figures; a suppressed one is :data:`SUPPRESSED` and draws no
    bar, None (no figure) neither.
    """

    id: str
    title: str
    kind: ColumnKind
    labels: tuple[str, ...] = field(converter=v.to_tuple)
    values: tuple[Value, ...] = field(converter=v.to_tuple)
    source: str = ""


@frozen
class ReportSection:
    """A section of the report (printed on its own page): a heading, tables and charts."""

    id: str
    title: str
    tables: tuple[ReportTable, ...] = field(default=(), converter=v.to_tuple)
    charts: tuple[Chart, ...] = field(default=(), converter=v.to_tuple)
    intro: str | None = None


@frozen
class AnnualReport:
    """The annual report of one site for one year, with protected figures only.

    Build it with :func:`annual_report` (or :func:`build_report` from an aggregate). The
    exporters of the formats ``csv``, ``xlsx``, ``html``, ``json`` and ``fhir`` accept it.
    """

    site_id: str
    site_name: str
    year: int
    lang: Language
    min_count: int
    method: str
    sections: tuple[ReportSection, ...] = field(converter=v.to_tuple)
    notes: tuple[str, ...] = field(default=(), converter=v.to_tuple)
    site: Site | None = field(default=None, eq=False, repr=False)
    source: str | None = None

    @property
    def title(self) -> str:
        """The report's title, such as ``Jahresbericht 2024 – Jobcenter Musterstadt``."""
        word = _t(self.lang, "Jahresbericht", "Annual report")
        return f"{word} {self.year} – {self.site_name}"

    def protection(self) -> str:
        """How small counts are protected, for people to read (in the report's language)."""
        kind, _, number = self.method.rpartition(" ")
        if kind.startswith("suppression"):
            return _t(
                self.lang,
                f"Fallzahlen unter {number} gesperrt (.)",
                f"counts below {number} suppressed (.)",
            )
        return _t(
            self.lang, f"Fallzahlen auf Vielfache von {number} gerundet",
            f"counts rounded to multiples of {number}",
        )  # fmt: skip

    def tables(self) -> tuple[ReportTable, ...]:
        """Every table of the report, in order."""
        return tuple(t for s in self.sections for t in s.tables)

    def charts(self) -> tuple[Chart, ...]:
        """Every chart of the report, in order."""
        return tuple(c for s in self.sections for c in s.charts)

    def table(self, table_id: str) -> ReportTable:
        """The table ``table_id`` (such as ``"reach"``)."""
        for table in self.tables():
            if table.id == table_id:
                return table
        known = ", ".join(t.id for t in self.tables())
        raise InvalidFieldError("AnnualReport", "table", f"one of: {known}", table_id)

    def to_document(self) -> dict[str, Any]:
        """The report as JSON-ready data: counts as numbers, ``"."`` where suppressed,
        ``null`` where there is no figure, per cent and points rounded to 4 decimals."""
        return {
            "type": "annual_report",
            "site_id": self.site_id,
            "site_name": self.site_name,
            "year": self.year,
            "lang": self.lang,
            "title": self.title,
            "min_count": self.min_count,
            "method": self.method,
            "source": self.source,
            "notes": list(self.notes),
            "sections": [
                {
                    "id": s.id,
                    "title": s.title,
                    "intro": s.intro,
                    "tables": [_table_document(t) for t in s.tables],
                    "charts": [
                        {
                            "id": c.id,
                            "title": c.title,
                            "kind": c.kind,
                            "labels": list(c.labels),
                            "values": [json_value(v) for v in c.values],
                        }
                        for c in s.charts
                    ],
                }
                for s in self.sections
            ],
        }


def json_value(value: Value) -> int | float | str | None:
    """A figure for JSON: counts stay whole, fractions become floats rounded to 4 places."""
    if isinstance(value, Fraction | float):
        return round(float(value), 4)
    return value


def _table_document(table: ReportTable) -> dict[str, Any]:
    return {
        "id": table.id,
        "title": table.title,
        "stub": table.stub,
        "note": table.note,
        "columns": [{"heading": c.heading, "kind": c.kind} for c in table.columns],
        "rows": [
            {"label": r.label, "kind": r.kind, "cells": [json_value(v) for v in r.cells]}
            for r in table.rows
        ],
    }


# -- protection --------------------------------------------------------------------------------

Policy: TypeAlias = SuppressionPolicy | RoundingPolicy
Cell = int | str  # a protected count or SUPPRESSED


def _labels(prefix: str, n: int) -> tuple[str, ...]:
    return tuple(f"{prefix}{i}" for i in range(n))


def _protect_linked(
    policy: Policy, tables: Sequence[CountTable], links: Sequence[Sequence[tuple[int, Position]]]
) -> list[ProtectedTable]:
    """Protect ``tables`` so that linked positions (showing the same figure) are hidden
    together: repeat until no link has a hidden and a shown member."""
    if isinstance(policy, RoundingPolicy):
        return [policy.apply(t) for t in tables]
    forced: list[set[Position]] = [set() for _ in tables]
    while True:
        result = [policy.apply(t, also=sorted(f)) for t, f in zip(tables, forced, strict=True)]
        changed = False
        for link in links:
            if any(pos in result[i].suppressed for i, pos in link):
                for i, pos in link:
                    if pos not in forced[i] and pos not in result[i].suppressed:
                        forced[i].add(pos)
                        changed = True
        if not changed:
            return result


@frozen
class _Block:
    """Counts of one breakdown block: a row of counts per group."""

    dimension: str | None
    labels: tuple[str, ...]
    counts: tuple[tuple[int, ...], ...]
    additive: bool


@frozen
class _ProtectedBlock:
    dimension: str | None
    labels: tuple[str, ...]
    cells: tuple[tuple[Cell, ...], ...]
    row_totals: tuple[Cell, ...]


def _protect_blocks(
    policy: Policy,
    total: tuple[int, ...],
    blocks: Sequence[_Block],
    extras: Sequence[tuple[CountTable, Sequence[tuple[Position, int]]]] = (),
) -> tuple[tuple[tuple[Cell, ...], Cell], list[_ProtectedBlock], list[ProtectedTable]]:
    """Protect the total row and every block, linking the total row across blocks.

    ``extras`` are further tables with positions that show a figure of the total row (given
    by its column; the row total is column ``len(total)``), such as the dropouts by reason
    whose grand total is the number of dropouts. Returns the protected total row (cells,
    row total), the protected blocks and the protected extra tables.
    """
    k = len(total)
    columns = _labels("c", k)
    tables: list[CountTable] = [CountTable(rows=("total",), columns=columns, cells=[total])]
    # (index of the table, row index within it) for each later piece
    pieces: list[tuple[int, int, int]] = []  # (block index, table index, row within block or -1)
    links: list[list[tuple[int, Position]]] = [[(0, (0, j))] for j in range(k + 1)]
    for b, block in enumerate(blocks):
        if block.additive and block.counts:
            index = len(tables)
            tables.append(
                CountTable(
                    rows=_labels("r", len(block.counts)), columns=columns, cells=block.counts
                )
            )
            pieces.append((b, index, -1))
            g = len(block.counts)
            for j in range(k + 1):
                links[j].append((index, (g, j)))
        else:
            for r, counts in enumerate(block.counts):
                pieces.append((b, len(tables), r))
                tables.append(CountTable(rows=("r",), columns=columns, cells=[counts]))
    first_extra = len(tables)
    for table, linked in extras:
        for pos, j in linked:
            links[j].append((len(tables), pos))
        tables.append(table)
    protected = _protect_linked(policy, tables, links)
    first = protected[0]
    total_row = (tuple(first.cells[0]), first.row_totals[0])
    cells: dict[int, list[tuple[Cell, ...]]] = {b: [] for b in range(len(blocks))}
    totals: dict[int, list[Cell]] = {b: [] for b in range(len(blocks))}
    for b, index, r in pieces:
        shown = protected[index]
        if r < 0:
            cells[b].extend(tuple(row) for row in shown.cells)
            totals[b].extend(shown.row_totals)
        else:
            cells[b].append(tuple(shown.cells[0]))
            totals[b].append(shown.row_totals[0])
    out = [
        _ProtectedBlock(block.dimension, block.labels, tuple(cells[b]), tuple(totals[b]))
        for b, block in enumerate(blocks)
    ]
    return total_row, out, protected[first_extra:]


def _shown_sum(values: Sequence[Cell]) -> Cell:
    """The sum of shown counts; suppressed when any part is suppressed."""
    if any(v == SUPPRESSED for v in values):
        return SUPPRESSED
    return sum(int(v) for v in values)


def _rate(numerator: Cell, denominator: Cell) -> Value:
    """A percentage from two shown counts; suppressed if either is; None if nothing to
    divide by."""
    if SUPPRESSED in (numerator, denominator):
        return SUPPRESSED
    if denominator == 0:
        return None
    return Fraction(100 * int(numerator), int(denominator))


# -- building ------------------------------------------------------------------------------------

#: Column layout of a topic table: extracts counts from a cell and derives shown columns.
Extract = Callable[[CellCounts], tuple[int, ...]]
Derive = Callable[[tuple[Cell, ...], Cell, CellCounts], tuple[Value, ...]]


@frozen
class _Topic:
    id: str
    title: str
    sheet: str
    columns: tuple[Column, ...]
    extract: Extract
    derive: Derive
    persons: bool  # counts of people (not additive across multi-membership breakdowns)
    note: str | None = None


class _Builder:
    def __init__(
        self,
        figures: MetricsAggregate,
        *,
        site_id: str,
        year: int,
        lang: Language,
        policy: Policy,
        min_count: int,
        dimensions: Sequence[str],
        names: Mapping[str, Mapping[str, str]],
    ) -> None:
        self.figures = figures
        self.site_id = site_id
        self.year = year
        self.lang = lang
        self.policy = policy
        self.min_count = min_count
        self.dimensions = tuple(dimensions)
        self.names = names

    # cells ---------------------------------------------------------------------------------
    def total(self) -> CellCounts:
        return self.figures.cell(self.year, ("site",), (self.site_id,))

    def groups(self, dimension: str) -> list[tuple[str, str, CellCounts]]:
        """(value, label, counts) of each group of ``dimension`` at the site, in order."""
        dims = ("site", dimension)
        found = [
            (g[1], self.figures.cell(self.year, dims, g))
            for g in self.figures.groups(self.year, dims)
            if g[0] == self.site_id
        ]
        order = _ORDER.get(dimension)
        rows = []
        for value, cell in found:
            text = self.names.get(dimension, {}).get(value) or value_label(
                dimension, value, self.lang
            )
            rank = order.index(value) if order is not None and value in order else 10_000
            rows.append((rank, text.casefold(), value, text, cell))
        rows.sort(key=lambda r: (r[0], r[1], r[2]))
        return [(value, text, cell) for _rank, _key, value, text, cell in rows]

    def mean_shown(self, base: Cell, exact_base: int) -> bool:
        return base != SUPPRESSED and int(base) > 0 and exact_base >= self.min_count

    # tables ---------------------------------------------------------------------------------
    def topic_table(
        self,
        topic: _Topic,
        extras: Sequence[tuple[CountTable, Sequence[tuple[Position, int]]]] = (),
    ) -> tuple[ReportTable, dict[str, list[tuple[str, Row]]], list[ProtectedTable]]:
        total_cell = self.total()
        blocks: list[_Block] = []
        members: list[list[tuple[str, CellCounts]]] = []
        for dim in self.dimensions:
            groups = self.groups(dim)
            labels = tuple(text for _v, text, _c in groups)
            unique = _unique(labels)
            blocks.append(
                _Block(
                    dim,
                    unique,
                    tuple(topic.extract(c) for _v, _t2, c in groups),
                    additive=(not topic.persons) or dim in _PARTITIONS,
                )
            )
            members.append([(text, c) for text, (_v, _t2, c) in zip(unique, groups, strict=True)])
        (total_cells, total_sum), protected, extra_tables = _protect_blocks(
            self.policy, topic.extract(total_cell), blocks, extras
        )
        total_label = _t(self.lang, "Insgesamt", "Total")
        rows = [Row(total_label, topic.derive(total_cells, total_sum, total_cell), kind="total")]
        by_block: dict[str, list[tuple[str, Row]]] = {}
        for block, group_cells in zip(protected, members, strict=True):
            if not block.labels:
                continue
            assert block.dimension is not None
            heading = _t(self.lang, "nach ", "by ") + dimension_label(block.dimension, self.lang)
            rows.append(Row(heading, (None,) * len(topic.columns), kind="heading"))
            entries = []
            for text, shown, row_total, (_text, cell) in zip(
                block.labels, block.cells, block.row_totals, group_cells, strict=True
            ):
                row = Row(text, topic.derive(shown, row_total, cell))
                rows.append(row)
                entries.append((text, row))
            by_block[block.dimension] = entries
        table = ReportTable(
            id=topic.id,
            title=topic.title,
            stub=_t(self.lang, "Merkmal", "Characteristic"),
            columns=topic.columns,
            rows=rows,
            sheet=topic.sheet,
            note=topic.note,
        )
        return table, by_block, extra_tables

    def list_table(
        self,
        *,
        id: str,
        title: str,
        sheet: str,
        stub: str,
        labels: Sequence[str],
        counts: Sequence[int],
        count_heading: str,
        share_heading: str | None = None,
        protected: ProtectedTable | None = None,
        note: str | None = None,
    ) -> ReportTable:
        """A one-column table of counts.

        With ``protected`` (the labels' counts as one additive column, already protected)
        the rows add up to a total row and may carry their share of it; otherwise every
        count is protected on its own.
        """
        columns = [Column(count_heading, "count")]
        if share_heading is not None:
            columns.append(Column(share_heading, "percent"))
        rows: list[Row] = []
        if protected is not None:
            total = protected.grand_total
            for text, row in zip(labels, protected.cells, strict=True):
                cells: list[Value] = [row[0]]
                if share_heading is not None:
                    cells.append(_rate(row[0], total))
                rows.append(Row(text, cells))
            last: list[Value] = [total]
            if share_heading is not None:
                last.append(_rate(total, total))
            rows.append(Row(_t(self.lang, "Insgesamt", "Total"), last, kind="total"))
        else:
            for text, n in zip(labels, counts, strict=True):
                single = CountTable(rows=("r",), columns=("n",), cells=[(n,)])
                shown = _protect_linked(self.policy, [single], [])[0].cells[0][0]
                rows.append(Row(text, [shown, *([None] if share_heading else [])]))
        return ReportTable(
            id=id, title=title, stub=stub, columns=columns, rows=rows, sheet=sheet, note=note
        )


_ORDER: dict[str, list[str]] = {
    "age_band": [band for band, _low, _high in AGE_BANDS],
    "gender": [g.value for g in Gender] + ["unknown"],
    "benefit": [b.value for b in BenefitType] + ["unknown"],
    "field_of_action": [f.value for f in FieldOfAction],
}


def _unique(labels: Sequence[str]) -> tuple[str, ...]:
    seen: dict[str, int] = {}
    out = []
    for text in labels:
        seen[text] = seen.get(text, 0) + 1
        out.append(text if seen[text] == 1 else f"{text} ({seen[text]})")
    return tuple(out)


def _topics(builder: _Builder) -> list[_Topic]:
    lang = builder.lang
    min_count = builder.min_count

    def t(de: str, en: str) -> str:
        return _t(lang, de, en)

    def reach_derive(cells: tuple[Cell, ...], total: Cell, cell: CellCounts) -> tuple[Value, ...]:
        return (total, cells[0], _rate(cells[0], total))

    def status_derive(cells: tuple[Cell, ...], total: Cell, cell: CellCounts) -> tuple[Value, ...]:
        completed, dropped, no_show, ongoing = cells
        ended = _shown_sum([completed, dropped, no_show])
        places = _shown_sum([completed, dropped, ongoing])
        return (
            places,
            ended,
            completed,
            dropped,
            no_show,
            _rate(completed, ended),
            _rate(dropped, ended),
            _rate(no_show, ended),
        )

    def attendance_derive(
        cells: tuple[Cell, ...], total: Cell, cell: CellCounts
    ) -> tuple[Value, ...]:
        base = cells[0]
        mean = cell.value("attendance_rate")
        shown: Value = SUPPRESSED
        if base == 0:
            shown = None
        elif builder.mean_shown(base, cell.attendance_enrolments):
            shown = Fraction(mean) if mean is not None else None
        return (base, shown)

    def wellbeing_derive(
        cells: tuple[Cell, ...], total: Cell, cell: CellCounts
    ) -> tuple[Value, ...]:
        mean = cell.value("wellbeing_change")
        shown: Value = SUPPRESSED
        if total == 0:
            shown = None
        elif builder.mean_shown(total, cell.wellbeing_pairs):
            shown = Fraction(mean) if mean is not None else None
        return (total, shown, cells[0], _rate(cells[0], total))

    def integration_derive(
        cells: tuple[Cell, ...], total: Cell, cell: CellCounts
    ) -> tuple[Value, ...]:
        within6 = cells[0]
        within12 = _shown_sum([cells[0], cells[1]])
        return (total, within6, _rate(within6, total), within12, _rate(within12, total))

    def ongoing(c: CellCounts) -> int:
        return c.enrolments.get("registered", 0) + c.enrolments.get("active", 0)

    percent = t("Anteil (%)", "share (%)")
    return [
        _Topic(
            id="reach",
            title=t(
                f"Erreichte Teilnehmende {builder.year}",
                f"Participants reached in {builder.year}",
            ),
            sheet=t("Erreichte Teilnehmende", "Participants reached"),
            columns=(
                Column(t("Erreichte Teilnehmende", "participants reached")),
                Column(
                    t(
                        "darunter mit gesundheitlichen Einschränkungen",
                        "of whom with health restrictions",
                    )
                ),
                Column(
                    t("Anteil mit Einschränkungen (%)", "share with restrictions (%)"), "percent"
                ),
            ),
            extract=lambda c: (c.persons_restricted, c.persons - c.persons_restricted),
            derive=reach_derive,
            persons=True,
            note=t(
                "Personen mit mindestens einem besetzten Teilnahmeplatz im Berichtsjahr; "
                "wer Module mehrerer Gruppen besucht, zählt in jeder dieser Gruppen.",
                "People with at least one place taken in the year; someone attending modules "
                "of several groups counts in each of them.",
            ),
        ),
        _Topic(
            id="participation",
            title=t(
                f"Teilnahmeplätze, Abschluss und Abbruch {builder.year}",
                f"Places, completion and dropout in {builder.year}",
            ),
            sheet=t("Abschluss und Abbruch", "Completion and dropout"),
            columns=(
                Column(t("Besetzte Teilnahmeplätze", "places filled")),
                Column(t("Beendete Teilnahmen", "ended enrolments")),
                Column(t("abgeschlossen", "completed")),
                Column(t("abgebrochen", "dropped")),
                Column(t("nicht angetreten", "no show")),
                Column(t("Abschlussquote (%)", "completion rate (%)"), "percent"),
                Column(t("Abbruchquote (%)", "dropout rate (%)"), "percent"),
                Column(t("Nichtantrittsquote (%)", "no-show rate (%)"), "percent"),
            ),
            extract=lambda c: (
                c.enrolments.get("completed", 0),
                c.enrolments.get("dropped", 0),
                c.enrolments.get("no_show", 0),
                ongoing(c),
            ),
            derive=status_derive,
            persons=False,
            note=t(
                "Quoten bezogen auf beendete Teilnahmen (abgeschlossen, abgebrochen, nicht "
                "angetreten).",
                "Rates relative to ended enrolments (completed, dropped, no show).",
            ),
        ),
        _Topic(
            id="attendance",
            title=t(f"Anwesenheit {builder.year}", f"Attendance in {builder.year}"),
            sheet=t("Anwesenheit", "Attendance"),
            columns=(
                Column(t("Beendete Teilnahmen mit Terminen", "ended enrolments with sessions")),
                Column(t("Mittlere Anwesenheitsquote (%)", "mean attendance rate (%)"), "percent"),
            ),
            extract=lambda c: (c.attendance_enrolments,),
            derive=attendance_derive,
            persons=False,
            note=t(
                f"Mittelwerte werden erst ab {min_count} Teilnahmen ausgewiesen.",
                f"Means are shown from {min_count} enrolments on.",
            ),
        ),
        _Topic(
            id="wellbeing",
            title=t(
                f"Veränderung des Wohlbefindens (WHO-5) {builder.year}",
                f"Change in well-being (WHO-5) in {builder.year}",
            ),
            sheet=t("Wohlbefinden WHO-5", "Well-being WHO-5"),
            columns=(
                Column(
                    t("Personen mit Vorher-Nachher-Messung", "people measured before and after")
                ),
                Column(t("Mittlere Veränderung (Punkte)", "mean change (points)"), "points"),
                Column(t("Verbesserung um mind. 10 Punkte", "gain of at least 10 points")),
                Column(percent, "percent"),
            ),
            extract=lambda c: (c.wellbeing_gains, c.wellbeing_pairs - c.wellbeing_gains),
            derive=wellbeing_derive,
            persons=True,
            note=t(
                "WHO-5-Index (0 bis 100 Punkte), erste und letzte Messung im Jahr.",
                "WHO-5 index (0 to 100 points), first and last measurement in the year.",
            ),
        ),
        _Topic(
            id="integration",
            title=t(
                f"Integration in Arbeit oder Ausbildung {builder.year}",
                f"Integration into work or training in {builder.year}",
            ),
            sheet=t("Integration", "Integration"),
            columns=(
                Column(t("Personen mit beendeter Teilnahme", "people with ended participation")),
                Column(t("integriert binnen 6 Monaten", "integrated within 6 months")),
                Column(t("Anteil binnen 6 Monaten (%)", "share within 6 months (%)"), "percent"),
                Column(t("integriert binnen 12 Monaten", "integrated within 12 months")),
                Column(t("Anteil binnen 12 Monaten (%)", "share within 12 months (%)"), "percent"),
            ),
            extract=lambda c: (
                c.integrated_6m,
                c.integrated_12m - c.integrated_6m,
                c.integration_persons - c.integrated_12m,
            ),
            derive=integration_derive,
            persons=True,
        ),
    ]


def _check_arguments(
    *,
    site: object,
    year: object,
    lang: object,
    min_count: object,
    policy: object,
    dimensions: Sequence[str],
) -> SuppressionPolicy | RoundingPolicy:
    """Check the report's arguments; returns the policy to apply."""
    if lang not in ("de", "en"):
        raise InvalidFieldError("build_report", "lang", "'de' or 'en'", lang)
    if type(min_count) is not int or not 1 <= min_count <= 1000:
        raise InvalidFieldError(
            "build_report", "min_count", "a whole number from 1 to 1000", min_count
        )
    if type(year) is not int or not 1900 <= year <= 2200:
        raise InvalidFieldError("build_report", "year", "a year such as 2024", year)
    chosen = policy if policy is not None else SuppressionPolicy(threshold=min_count)
    if not isinstance(chosen, SuppressionPolicy | RoundingPolicy):
        raise InvalidFieldError(
            "build_report", "policy", "a SuppressionPolicy or RoundingPolicy", policy
        )
    unknown = [d for d in dimensions if d not in REPORT_DIMENSIONS]
    if unknown:
        raise InvalidFieldError(
            "build_report", "dimensions", f"some of {', '.join(REPORT_DIMENSIONS)}", unknown
        )
    if not isinstance(site, Site) and not (isinstance(site, str) and site):
        raise InvalidFieldError("build_report", "site", "a Site or a site identifier", site)
    return chosen


def build_report(
    figures: MetricsAggregate,
    *,
    site: Site | str,
    year: int,
    lang: Language = "de",
    min_count: int = 3,
    policy: SuppressionPolicy | RoundingPolicy | None = None,
    dimensions: Sequence[str] = REPORT_DIMENSIONS,
    modules: Sequence[Module] = (),
    partners: Sequence[Partner] = (),
    source: str | None = None,
) -> AnnualReport:
    """The annual report of ``site`` for ``year`` from an aggregate.

    ``figures`` must contain the breakdowns of :func:`report_breakdowns` (as
    :func:`annual_report` computes them). ``modules`` and ``partners`` (the site's catalogue)
    give readable names for modules and providers. ``policy`` defaults to
    ``SuppressionPolicy(threshold=min_count)``.
    """
    if not isinstance(figures, MetricsAggregate):
        raise InvalidFieldError("build_report", "figures", "a MetricsAggregate", figures)
    chosen = _check_arguments(
        site=site, year=year, lang=lang, min_count=min_count, policy=policy,
        dimensions=dimensions,
    )  # fmt: skip
    if isinstance(site, Site):
        site_id, site_name, site_model = site.id, site.name, site
    elif isinstance(site, str) and site:
        site_id, site_name, site_model = site, site, None
    else:
        raise InvalidFieldError("build_report", "site", "a Site or a site identifier", site)
    names: dict[str, dict[str, str]] = {
        "module": {m.id: m.title for m in modules},
        "provider": {p.id: p.name for p in partners},
    }
    builder = _Builder(
        figures,
        site_id=site_id,
        year=year,
        lang=lang,
        policy=chosen,
        min_count=min_count,
        dimensions=dimensions,
        names=names,
    )
    topics = {topic.id: topic for topic in _topics(builder)}
    reasons = builder.total().dropout_reasons
    reason_counts = CountTable(
        rows=_labels("r", len(_REASONS)),
        columns=("n",),
        cells=[(reasons.get(r.value, 0),) for r in _REASONS],
    )
    built: dict[str, tuple[ReportTable, dict[str, list[tuple[str, Row]]]]] = {}
    extra: list[ProtectedTable] = []
    for key, topic in topics.items():
        if key == "participation":
            # The dropouts by reason add up to the dropouts (column 1 of the total row).
            links = [((len(_REASONS), 1), 1)]
            table, blocks, extra = builder.topic_table(topic, [(reason_counts, links)])
        else:
            table, blocks, _ = builder.topic_table(topic)
        built[key] = (table, blocks)
    sections = _sections(builder, built, extra[0])
    if isinstance(chosen, SuppressionPolicy):
        method = f"suppression < {chosen.threshold}"
        note = _t(
            lang,
            f"Fallzahlen unter {chosen.threshold} sowie Werte, aus denen sie sich errechnen "
            "ließen, sind durch einen Punkt (.) ersetzt. Anteile werden nur aus ausgewiesenen "
            "Zahlen berechnet.",
            f"Counts below {chosen.threshold}, and figures from which they could be worked "
            "out, are replaced by a dot (.). Shares are computed from shown counts only.",
        )
    else:
        method = f"rounding to {chosen.base}"
        note = _t(
            lang,
            f"Alle Fallzahlen sind auf Vielfache von {chosen.base} gerundet; Summen können "
            "daher abweichen. Anteile werden aus den gerundeten Zahlen berechnet.",
            f"All counts are rounded to multiples of {chosen.base}, so totals may differ. "
            "Shares are computed from the rounded counts.",
        )
    notes = (
        note,
        _t(lang, "– = kein Wert (nichts zu teilen).", "– = no figure (nothing to divide by)."),
        _t(
            lang,
            f"Berichtsjahr {year}: Teilnahmen an Angeboten, die {year} beginnen.",
            f"Reporting year {year}: enrolments in offerings starting in {year}.",
        ),
    )
    return AnnualReport(
        site_id=site_id,
        site_name=site_name,
        year=year,
        lang=lang,
        min_count=min_count,
        method=method,
        sections=sections,
        notes=notes,
        site=site_model,
        source=source,
    )


def _block_chart(
    id: str,
    title: str,
    table: ReportTable,
    rows: Sequence[tuple[str, Row]],
    column: int,
) -> Chart:
    return Chart(
        id=id,
        title=title,
        kind=table.columns[column].kind,
        labels=[text for text, _row in rows],
        values=[row.cells[column] for _text, row in rows],
        source=table.id,
    )


def _sections(
    builder: _Builder,
    built: Mapping[str, tuple[ReportTable, dict[str, list[tuple[str, Row]]]]],
    reasons: ProtectedTable,
) -> tuple[ReportSection, ...]:
    lang = builder.lang

    def t(de: str, en: str) -> str:
        return _t(lang, de, en)

    total = builder.total()
    reach, reach_blocks = built["reach"]
    participation, part_blocks = built["participation"]
    attendance, _ = built["attendance"]
    wellbeing, _ = built["wellbeing"]
    integration, integration_blocks = built["integration"]
    chart_dimension = next(
        (d for d in ("field_of_action", "benefit", "gender") if d in reach_blocks), None
    )

    # Overview: the total rows of the topic tables, one figure per line.
    overview = ReportTable(
        id="overview",
        title=t(f"Kennzahlen {builder.year} im Überblick", f"Key figures for {builder.year}"),
        stub=t("Kennzahl", "Metric"),
        columns=(
            Column(t("Anzahl", "count")),
            Column(t("Bezugsgröße", "base")),
            Column(t("Wert", "value"), "percent"),
        ),
        rows=[
            Row(t("Erreichte Teilnehmende", "participants reached"),
                (reach.rows[0].cells[0], None, None)),
            Row(t("Besetzte Teilnahmeplätze", "places filled"),
                (participation.rows[0].cells[0], None, None)),
            Row(t("Abschlussquote (%)", "completion rate (%)"),
                (participation.rows[0].cells[2], participation.rows[0].cells[1],
                 participation.rows[0].cells[5])),
            Row(t("Abbruchquote (%)", "dropout rate (%)"),
                (participation.rows[0].cells[3], participation.rows[0].cells[1],
                 participation.rows[0].cells[6])),
            Row(t("Mittlere Anwesenheitsquote (%)", "mean attendance rate (%)"),
                (None, attendance.rows[0].cells[0], attendance.rows[0].cells[1])),
            Row(t("Anteil mit gesundheitlichen Einschränkungen (%)",
                  "share with health restrictions (%)"),
                (reach.rows[0].cells[1], reach.rows[0].cells[0], reach.rows[0].cells[2])),
            Row(t("Verbesserung WHO-5 um mind. 10 Punkte (%)",
                  "WHO-5 gain of at least 10 points (%)"),
                (wellbeing.rows[0].cells[2], wellbeing.rows[0].cells[0],
                 wellbeing.rows[0].cells[3])),
            Row(t("Integration binnen 6 Monaten (%)", "integration within 6 months (%)"),
                (integration.rows[0].cells[1], integration.rows[0].cells[0],
                 integration.rows[0].cells[2])),
            Row(t("Integration binnen 12 Monaten (%)", "integration within 12 months (%)"),
                (integration.rows[0].cells[3], integration.rows[0].cells[0],
                 integration.rows[0].cells[4])),
        ],
        sheet=t("Überblick", "Overview"),
        note=t(
            f"Mittlere Veränderung WHO-5: {_points_text(wellbeing.rows[0].cells[1], lang)}.",
            f"Mean WHO-5 change: {_points_text(wellbeing.rows[0].cells[1], lang)}.",
        ),
    )  # fmt: skip

    reason_table = builder.list_table(
        id="dropout_reasons",
        title=t(f"Abbrüche nach Grund {builder.year}", f"Dropouts by reason in {builder.year}"),
        sheet=t("Abbruchgründe", "Dropout reasons"),
        stub=t("Abbruchgrund", "reason"),
        labels=[label(r, lang) for r in _REASONS],
        counts=[total.dropout_reasons.get(r.value, 0) for r in _REASONS],
        protected=reasons,
        count_heading=t("Abbrüche", "dropouts"),
        share_heading=t("Anteil an allen Abbrüchen (%)", "share of all dropouts (%)"),
    )
    events = builder.list_table(
        id="events",
        title=t(
            f"Veranstaltungen (Gesundheitstage) {builder.year}",
            f"Events (health days) in {builder.year}",
        ),
        sheet=t("Veranstaltungen", "Events"),
        stub=t("Kennzahl", "Metric"),
        labels=[
            t("Veranstaltungen", "events"),
            t("Besucherinnen und Besucher", "visitors"),
            t("beteiligte Partner", "partners taking part"),
        ],
        counts=[total.events, total.event_visitors, len(total.event_partners)],
        count_heading=t("Anzahl", "count"),
    )

    charts_overview: list[Chart] = []
    charts_participation: list[Chart] = []
    charts_outcomes: list[Chart] = []
    if chart_dimension is not None:
        dim_label = dimension_label(chart_dimension, lang)
        charts_overview.append(
            _block_chart(
                "reach_chart",
                t(
                    f"Erreichte Teilnehmende nach {dim_label}",
                    f"Participants reached by {dim_label}",
                ),
                reach,
                reach_blocks[chart_dimension],
                0,
            )
        )
        if chart_dimension in part_blocks:
            charts_participation.append(
                _block_chart(
                    "completion_chart",
                    t(
                        f"Abschlussquote nach {dim_label} (%)",
                        f"Completion rate by {dim_label} (%)",
                    ),
                    participation,
                    part_blocks[chart_dimension],
                    5,
                )
            )
    charts_participation.append(
        Chart(
            id="dropout_reasons_chart",
            title=reason_table.title,
            kind="count",
            labels=[r.label for r in reason_table.rows if r.kind == "data"],
            values=[r.cells[0] for r in reason_table.rows if r.kind == "data"],
            source=reason_table.id,
        )
    )
    outcome_dimension = next(
        (d for d in ("benefit", "gender", "age_band") if d in integration_blocks), None
    )
    if outcome_dimension is not None:
        dim_label = dimension_label(outcome_dimension, lang)
        charts_outcomes.append(
            _block_chart(
                "integration_chart",
                t(
                    f"Integration binnen 12 Monaten nach {dim_label} (%)",
                    f"Integration within 12 months by {dim_label} (%)",
                ),
                integration,
                integration_blocks[outcome_dimension],
                4,
            )
        )
    return (
        ReportSection(
            id="overview",
            title=t("Überblick", "Overview"),
            tables=(overview, reach),
            charts=charts_overview,
        ),
        ReportSection(
            id="participation",
            title=t("Teilnahme, Abschluss und Abbruch", "Participation, completion and dropout"),
            tables=(participation, reason_table, attendance),
            charts=charts_participation,
        ),
        ReportSection(
            id="outcomes",
            title=t("Wirkungen", "Outcomes"),
            tables=(wellbeing, integration),
            charts=charts_outcomes,
        ),
        ReportSection(
            id="events",
            title=t("Veranstaltungen", "Events"),
            tables=(events,),
        ),
    )


def _points_text(value: Value, lang: Language) -> str:
    if value is None:
        return "–"
    if value == SUPPRESSED:
        return SUPPRESSED
    assert isinstance(value, Fraction | int | float)
    number = f"{float(value):+.1f}"
    if lang == "de":
        return number.replace(".", ",") + " Punkte"
    return number + " points"


# -- from data -----------------------------------------------------------------------------------


def report_breakdowns(dimensions: Sequence[str] = REPORT_DIMENSIONS) -> list[tuple[str, ...]]:
    """The ``by`` argument of :func:`~arbeit_gesundheit.metrics.aggregate` a report needs."""
    return [("site",), *(("site", d) for d in dimensions)]


def annual_report(
    source: Dataset | MetricsAggregate | str | os.PathLike[str],
    *,
    site: Site | str,
    year: int,
    lang: Language = "de",
    min_count: int = 3,
    policy: SuppressionPolicy | RoundingPolicy | None = None,
    dimensions: Sequence[str] = REPORT_DIMENSIONS,
    modules: Sequence[Module] = (),
    partners: Sequence[Partner] = (),
    workers: int | None = None,
) -> AnnualReport:
    """The annual report of ``site`` for ``year``.

    ``source`` is a :class:`Dataset`, the path of a JSON Lines data file (read straight into
    the metrics, without building models) or a :class:`MetricsAggregate` with the
    breakdowns of :func:`report_breakdowns`. Only records of ``site`` count. See
    :func:`build_report` for the other arguments.
    """
    _check_arguments(
        site=site, year=year, lang=lang, min_count=min_count, policy=policy,
        dimensions=dimensions,
    )  # fmt: skip
    by = report_breakdowns(dimensions)
    description: str | None = None
    if isinstance(source, MetricsAggregate):
        figures = source
    elif isinstance(source, Dataset):
        figures = aggregate(source, year=year, by=by)
    elif isinstance(source, str | os.PathLike):
        figures = aggregate_jsonl(source, year=year, by=by, workers=workers)
        description = os.path.basename(os.fspath(source))
    else:
        raise InvalidFieldError(
            "annual_report",
            "source",
            "a Dataset, a MetricsAggregate or the path of a JSON Lines file",
            source,
        )
    return build_report(
        figures,
        site=site,
        year=year,
        lang=lang,
        min_count=min_count,
        policy=policy,
        dimensions=dimensions,
        modules=modules,
        partners=partners,
        source=description,
    )


def report_date(year: int) -> tuple[date, date]:
    """The first and last day of the reporting year."""
    return date(year, 1, 1), date(year, 12, 31)
