"""The mergeable result: :class:`MetricsAggregate` (cells by key) and :func:`merge`.

An aggregate maps each cell key to its :class:`~._cells.CellCounts`; it is free of personal
data, so it may leave the site, and aggregates of person-disjoint cohorts merge exactly.
Computing one from records is in :mod:`._counting` and :mod:`._from_jsonl`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from attrs import field, frozen

from ..exceptions import MetricsError
from ._cells import _EMPTY_CELL, CellCounts, CellKey
from ._definitions import Number

__all__ = ["MetricsAggregate", "merge"]


def _check_cells(
    inst: object, attr: Any, value: Mapping[CellKey, CellCounts]
) -> None:  # pragma: no cover - exercised through constructors
    for key, cell in value.items():
        if (
            type(key) is not tuple
            or len(key) != 3
            or type(key[0]) is not int
            or type(key[1]) is not tuple
            or type(key[2]) is not tuple
            or len(key[1]) != len(key[2])
            or not isinstance(cell, CellCounts)
        ):
            raise MetricsError(f"not a cell of a metrics aggregate: {key!r}: {cell!r}")


def _to_cells(value: Mapping[CellKey, CellCounts]) -> Mapping[CellKey, CellCounts]:
    return dict(sorted(value.items()))


@frozen
class MetricsAggregate:
    """Exact, mergeable metric counts by cell, free of personal data (Kennzahlen-Aggregat).

    ``cells`` maps ``(year, dimensions, values)`` to :class:`CellCounts`; ``dimensions == ()``
    is the total of a year. For cohorts that are disjoint by person,
    ``aggregate(A ∪ B) == aggregate(A) + aggregate(B)`` exactly; the empty aggregate is the
    identity and merging is associative and commutative.
    """

    cells: Mapping[CellKey, CellCounts] = field(
        factory=dict, converter=_to_cells, validator=_check_cells, hash=False
    )

    @classmethod
    def empty(cls) -> MetricsAggregate:
        """The aggregate of no records: the identity of :meth:`merge`."""
        return cls()

    def merge(self, other: MetricsAggregate) -> MetricsAggregate:
        """The aggregate of both cohorts (which must be disjoint by person)."""
        if not isinstance(other, MetricsAggregate):
            raise MetricsError(f"can only merge a MetricsAggregate, got {type(other).__name__}")
        if not other.cells:
            return self
        if not self.cells:
            return other
        out = dict(self.cells)
        for key, cell in other.cells.items():
            mine = out.get(key)
            out[key] = cell if mine is None else mine + cell
        return MetricsAggregate(out)

    def __add__(self, other: MetricsAggregate) -> MetricsAggregate:
        if not isinstance(other, MetricsAggregate):
            return NotImplemented
        return self.merge(other)

    @property
    def years(self) -> tuple[int, ...]:
        """The years with figures, in order."""
        return tuple(sorted({key[0] for key in self.cells}))

    @property
    def breakdowns(self) -> tuple[tuple[str, ...], ...]:
        """The breakdowns present (``()`` is the total)."""
        return tuple(sorted({key[1] for key in self.cells}, key=lambda d: (len(d), d)))

    def cell(self, year: int, by: Sequence[str] = (), group: Sequence[str] = ()) -> CellCounts:
        """The counts for one cell (empty counts where the cohort has none)."""
        return self.cells.get((year, tuple(by), tuple(group)), _EMPTY_CELL)

    def groups(self, year: int, by: Sequence[str]) -> tuple[tuple[str, ...], ...]:
        """The groups of a breakdown in a year, in order."""
        dims = tuple(by)
        return tuple(key[2] for key in self.cells if key[0] == year and key[1] == dims)

    def value(
        self,
        metric_id: str,
        *,
        year: int,
        by: Sequence[str] = (),
        group: Sequence[str] = (),
    ) -> Number | None:
        """The value of a metric for a year (and group): ints for counts, exact fractions
        for rates (per cent) and means; None where the denominator is zero."""
        return self.cell(year, by, group).value(metric_id)

    def figures(
        self, *, year: int, by: Sequence[str] = (), group: Sequence[str] = ()
    ) -> dict[str, Number | None]:
        """Every metric for a year (and group)."""
        return self.cell(year, by, group).figures()


def merge(*aggregates: MetricsAggregate) -> MetricsAggregate:
    """Merge any number of aggregates of person-disjoint cohorts (none: the empty one)."""
    result = MetricsAggregate.empty()
    for item in aggregates:
        result = result.merge(item)
    return result
