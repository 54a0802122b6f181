"""The table builder: a topic's counts of a site, per breakdown, as a protected table.

A :class:`_Topic` says which counts a topic table extracts from a cell of the aggregate and
which columns it derives from the protected counts; :class:`_Builder` reads the site's
groups of each breakdown (in report order, with readable names) and builds the topic
tables and the simple one-column list tables.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from attrs import frozen

from ..disclosure import SUPPRESSED, CountTable, Position, ProtectedTable
from ..metrics import AGE_BANDS, CellCounts, MetricsAggregate, dimension_label, value_label
from ..model import BenefitType, FieldOfAction, Gender, Language
from ._protection import Cell, Policy, _Block, _protect_blocks, _protect_linked, _rate
from ._tables import Column, ReportTable, Row, Value, _t

__all__ = ["Derive", "Extract", "_Builder", "_Topic"]

# Breakdowns in which every person falls into exactly one group (in one year).
_PARTITIONS = frozenset({"gender", "age_band", "benefit"})


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
