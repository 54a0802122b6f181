"""Small-count protection across the blocks of a report table, and rates from shown counts.

Protection works per table. Within a table each block of rows (the total, then one block
per breakdown such as gender) is a :class:`CountTable` whose row and column totals are the
figures the block shows; where a breakdown does not partition the people (one person can
attend modules of several fields of action), each row is protected on its own. The total
row is shared by every block, so hiding one of its figures in one block hides it in all
(protection is repeated until it is stable).

Rates are computed from shown counts only: a rate whose numerator or denominator is
suppressed is suppressed too.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import TypeAlias

from attrs import frozen

from ..disclosure import (
    SUPPRESSED,
    CountTable,
    Position,
    ProtectedTable,
    RoundingPolicy,
    SuppressionPolicy,
)
from ._tables import Value

__all__ = [
    "Cell",
    "Policy",
    "_Block",
    "_ProtectedBlock",
    "_labels",
    "_protect_blocks",
    "_protect_linked",
    "_rate",
    "_shown_sum",
]

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
