"""Small-count protection (Geheimhaltung) for aggregate tables that leave the library.

A :class:`CountTable` is a two-way table of counts with its row, column and grand totals.
A :class:`SuppressionPolicy` hides small counts and enough other cells that no hidden cell can
be worked out from the totals; a :class:`RoundingPolicy` rounds every figure instead. Both
produce a :class:`ProtectedTable`.

Secondary suppression works on the table *with* its totals. Every row (including the total
row) and every column (including the total column) is an additive relation: its last entry is
the sum of the others. Take the rows and the columns as the two sides of a bipartite graph
and every hidden entry as an edge between its row and its column. A hidden entry can be
recomputed exactly from the shown figures, by any chain of additions and subtractions, if and
only if its edge lies on no cycle of hidden entries (it is a *bridge*). So the policy repeats,
until no bridge is left: take the first bridge and hide the cheapest further entries that close
a cycle through it (smallest counts first, non-zero cells before zero cells, inner cells
before totals). The result has no bridge, so in particular every row and column with a hidden
entry has at least two.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Literal, TypeAlias

from attrs import Attribute, field, frozen

from ..exceptions import InvalidFieldError
from ..model import Language
from ..model import _validators as v

__all__ = [
    "SUPPRESSED",
    "Cell",
    "CountTable",
    "Position",
    "ProtectedTable",
    "RoundingPolicy",
    "SuppressionPolicy",
]

#: How official German statistics show a suppressed figure.
SUPPRESSED: Literal["."] = "."

#: A figure of a protected table: a count, or :data:`SUPPRESSED`.
Cell: TypeAlias = int | Literal["."]

#: A position in the table with totals: ``(row, column)``; ``row == len(rows)`` is the total
#: row and ``column == len(columns)`` the total column.
Position: TypeAlias = tuple[int, int]

_TOTAL_LABEL = {"de": "Insgesamt", "en": "Total"}


def _labels(inst: object, attr: Attribute[tuple[str, ...]], value: tuple[str, ...]) -> None:
    if type(value) is not tuple or not value:
        v.fail(inst, attr, "at least one label", value)
    for label in value:
        if type(label) is not str or not label.strip() or len(label) > 200:
            v.fail(inst, attr, "labels of 1-200 characters", label)
    if len(set(value)) != len(value):
        v.fail(inst, attr, "distinct labels", value)


def _to_cells(value: Iterable[Iterable[int]]) -> tuple[tuple[int, ...], ...]:
    try:
        return tuple(tuple(row) for row in value)
    except TypeError:
        return value  # type: ignore[return-value]  # the validator reports it


@frozen
class CountTable:
    """A two-way table of counts (non-negative whole numbers) with labelled rows and columns.

    Totals are computed, never stored, so they always add up.
    """

    rows: tuple[str, ...] = field(converter=v.to_tuple, validator=_labels)
    columns: tuple[str, ...] = field(converter=v.to_tuple, validator=_labels)
    cells: tuple[tuple[int, ...], ...] = field(converter=_to_cells)
    title: str | None = field(default=None, validator=v.optional_text())

    @cells.validator
    def _check_cells(
        self, attr: Attribute[tuple[tuple[int, ...], ...]], value: tuple[tuple[int, ...], ...]
    ) -> None:
        shape = f"{len(self.rows)} rows of {len(self.columns)} counts"
        if type(value) is not tuple or len(value) != len(self.rows):
            v.fail(self, attr, shape, value)
        for row in value:
            if len(row) != len(self.columns):
                v.fail(self, attr, shape, row)
            for count in row:
                if type(count) is not int or count < 0:
                    v.fail(self, attr, "non-negative whole-number counts", count)

    @classmethod
    def from_counts(
        cls,
        counts: Mapping[tuple[str, str], int],
        rows: Sequence[str] | None = None,
        columns: Sequence[str] | None = None,
        *,
        title: str | None = None,
    ) -> CountTable:
        """A table from counts keyed by ``(row label, column label)``; missing pairs are 0.

        Without explicit ``rows``/``columns`` the labels are taken in sorted order.
        """
        row_labels = tuple(rows) if rows is not None else tuple(sorted({r for r, _ in counts}))
        col_labels = (
            tuple(columns) if columns is not None else tuple(sorted({c for _, c in counts}))
        )
        for r, c in counts:
            if r not in row_labels or c not in col_labels:
                raise InvalidFieldError("CountTable", "cells", "counts for known labels", (r, c))
        return cls(
            rows=row_labels,
            columns=col_labels,
            cells=tuple(tuple(counts.get((r, c), 0) for c in col_labels) for r in row_labels),
            title=title,
        )

    @property
    def row_totals(self) -> tuple[int, ...]:
        return tuple(sum(row) for row in self.cells)

    @property
    def column_totals(self) -> tuple[int, ...]:
        return tuple(sum(col) for col in zip(*self.cells, strict=True))

    @property
    def grand_total(self) -> int:
        return sum(self.row_totals)

    def augmented(self) -> tuple[tuple[int, ...], ...]:
        """The table with its totals: one more column (row totals) and row (column totals)."""
        body = tuple((*row, total) for row, total in zip(self.cells, self.row_totals, strict=True))
        return (*body, (*self.column_totals, self.grand_total))


@frozen
class ProtectedTable:
    """A table ready to leave the library: every figure a count or :data:`SUPPRESSED`.

    ``suppressed`` lists the hidden positions (see :data:`Position`); ``method`` says how the
    table was protected (``"suppression"`` or ``"rounding"``).
    """

    rows: tuple[str, ...]
    columns: tuple[str, ...]
    cells: tuple[tuple[Cell, ...], ...]
    row_totals: tuple[Cell, ...]
    column_totals: tuple[Cell, ...]
    grand_total: Cell
    method: str
    suppressed: frozenset[Position] = frozenset()
    title: str | None = None

    def augmented(self) -> tuple[tuple[Cell, ...], ...]:
        """The figures with totals, laid out as in :meth:`CountTable.augmented`."""
        body = tuple((*row, total) for row, total in zip(self.cells, self.row_totals, strict=True))
        return (*body, (*self.column_totals, self.grand_total))

    def to_rows(self, lang: Language = "de") -> list[list[str | int]]:
        """A header row and body rows with totals, ready for CSV or a report."""
        total = _TOTAL_LABEL[lang]
        header: list[str | int] = ["", *self.columns, total]
        out = [header]
        for label, figures in zip((*self.rows, total), self.augmented(), strict=True):
            out.append([label, *figures])
        return out


def _check_threshold(inst: object, attr: Attribute[int], value: int) -> None:
    v.integer(1, 1000)(inst, attr, value)


# Cost of hiding one more entry: (totals hidden, zero cells hidden, sum of counts, entries).
_Cost = tuple[int, int, int, int]


def _entry_cost(value: int, is_total: bool) -> _Cost:
    return (1 if is_total else 0, 1 if value == 0 else 0, value, 1)


def _add(a: _Cost, b: _Cost) -> _Cost:
    return (a[0] + b[0], a[1] + b[1], a[2] + b[2], a[3] + b[3])


def _bridges(n_rows: int, n_cols: int, hidden: set[Position]) -> list[Position]:
    """Hidden entries that lie on no cycle of hidden entries, in row-major order."""
    # Nodes: rows 0..n_rows-1, columns n_rows..n_rows+n_cols-1.
    adjacency: dict[int, list[tuple[int, Position]]] = {}
    for i, j in hidden:
        adjacency.setdefault(i, []).append((n_rows + j, (i, j)))
        adjacency.setdefault(n_rows + j, []).append((i, (i, j)))
    order: dict[int, int] = {}
    low: dict[int, int] = {}
    found: list[Position] = []
    counter = 0
    for root in sorted(adjacency):
        if root in order:
            continue
        order[root] = low[root] = counter
        counter += 1
        stack: list[tuple[int, Position | None, Iterable[tuple[int, Position]]]] = [
            (root, None, iter(adjacency[root]))
        ]
        while stack:
            node, via, edges = stack[-1]
            advanced = False
            for nxt, edge in edges:
                if edge == via:
                    continue
                if nxt in order:
                    low[node] = min(low[node], order[nxt])
                else:
                    order[nxt] = low[nxt] = counter
                    counter += 1
                    stack.append((nxt, edge, iter(adjacency[nxt])))
                    advanced = True
                    break
            if advanced:
                continue
            stack.pop()
            if stack:
                parent = stack[-1][0]
                low[parent] = min(low[parent], low[node])
                if low[node] > order[parent]:
                    assert via is not None
                    found.append(via)
    return sorted(found)


def _close_cycle(
    figures: tuple[tuple[int, ...], ...], hidden: set[Position], edge: Position
) -> list[Position]:
    """The cheapest entries to hide so that ``edge`` lies on a cycle of hidden entries."""
    n_rows, n_cols = len(figures), len(figures[0])
    start, goal = ("r", edge[0]), ("c", edge[1])
    zero: _Cost = (0, 0, 0, 0)
    best: dict[tuple[str, int], _Cost] = {start: zero}
    back: dict[tuple[str, int], tuple[tuple[str, int], Position]] = {}
    queue: list[tuple[_Cost, tuple[str, int]]] = [(zero, start)]
    done: set[tuple[str, int]] = set()
    while queue:
        cost, node = heapq.heappop(queue)
        if node in done:
            continue
        done.add(node)
        if node == goal:
            break
        kind, k = node
        if kind == "r":
            steps = [(("c", j), (k, j)) for j in range(n_cols)]
        else:
            steps = [(("r", i), (i, k)) for i in range(n_rows)]
        for nxt, pos in steps:
            if pos == edge or nxt in done:
                continue
            i, j = pos
            step_cost = (
                zero
                if pos in hidden
                else _entry_cost(figures[i][j], i == n_rows - 1 or j == n_cols - 1)
            )
            total = _add(cost, step_cost)
            if nxt not in best or total < best[nxt]:
                best[nxt] = total
                back[nxt] = (node, pos)
                heapq.heappush(queue, (total, nxt))
    path: list[Position] = []
    node = goal
    while node != start:
        node, pos = back[node]
        path.append(pos)
    return [pos for pos in path if pos not in hidden]


@frozen
class SuppressionPolicy:
    """Hide counts below ``threshold`` (default 3, as the Federal Employment Agency does).

    Primary suppression hides every count from 1 to ``threshold - 1`` — inner cells and
    totals alike. Zero cells are shown, as in official tables (an empty cell reveals no one),
    unless ``suppress_zero`` is set. Secondary suppression then hides further entries so that
    none of the hidden ones can be recomputed from the shown figures (see the module notes).
    """

    threshold: int = field(default=3, validator=_check_threshold)
    suppress_zero: bool = field(default=False, validator=v.boolean)

    def is_sensitive(self, count: int) -> bool:
        """Whether a count must be hidden on its own (primary suppression)."""
        return count < self.threshold and (count > 0 or self.suppress_zero)

    def apply(self, table: CountTable, *, also: Iterable[Position] = ()) -> ProtectedTable:
        """Protect ``table``; ``also`` names further positions to hide (for instance to
        match a linked table). The result is deterministic."""
        if not isinstance(table, CountTable):
            raise InvalidFieldError("SuppressionPolicy", "table", "a CountTable", table)
        figures = table.augmented()
        n_rows, n_cols = len(figures), len(figures[0])
        hidden: set[Position] = {
            (i, j) for i in range(n_rows) for j in range(n_cols) if self.is_sensitive(figures[i][j])
        }
        for pos in also:
            if (
                type(pos) is not tuple
                or len(pos) != 2
                or not all(type(x) is int for x in pos)
                or not (0 <= pos[0] < n_rows and 0 <= pos[1] < n_cols)
            ):
                raise InvalidFieldError(
                    "SuppressionPolicy", "also", f"positions within {n_rows}x{n_cols}", pos
                )
            hidden.add(pos)
        while bridges := _bridges(n_rows, n_cols, hidden):
            hidden.update(_close_cycle(figures, hidden, bridges[0]))
        return _protected(table, figures, hidden, lambda x: x, "suppression")


def _protected(
    table: CountTable,
    figures: tuple[tuple[int, ...], ...],
    hidden: set[Position],
    transform: Callable[[int], int],
    method: str,
) -> ProtectedTable:
    shown: list[tuple[Cell, ...]] = [
        tuple(SUPPRESSED if (i, j) in hidden else transform(x) for j, x in enumerate(row))
        for i, row in enumerate(figures)
    ]
    body = shown[:-1]
    return ProtectedTable(
        rows=table.rows,
        columns=table.columns,
        cells=tuple(row[:-1] for row in body),
        row_totals=tuple(row[-1] for row in body),
        column_totals=shown[-1][:-1],
        grand_total=shown[-1][-1],
        method=method,
        suppressed=frozenset(hidden),
        title=table.title,
    )


def _check_base(inst: object, attr: Attribute[int], value: int) -> None:
    v.integer(2, 1000)(inst, attr, value)


@frozen
class RoundingPolicy:
    """Round every count and total to the nearest multiple of ``base`` (default 5).

    Halves round up (with base 10, 5 becomes 10), so the result is deterministic and never
    more than ``base / 2`` from the true count. Totals are rounded on their own, so rows may
    not add up exactly; that is the price of the method and is how published tables read.
    """

    base: int = field(default=5, validator=_check_base)

    def round(self, count: int) -> int:
        """``count`` rounded to the nearest multiple of ``base``, halves up."""
        return (2 * count + self.base) // (2 * self.base) * self.base

    def apply(self, table: CountTable) -> ProtectedTable:
        """Round every cell and total of ``table``."""
        if not isinstance(table, CountTable):
            raise InvalidFieldError("RoundingPolicy", "table", "a CountTable", table)
        return _protected(table, table.augmented(), set(), self.round, f"rounding to {self.base}")
