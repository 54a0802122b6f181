"""Figures for people to read: :func:`format_value` and :func:`report_table`.

A report table lays one breakdown of an aggregate out with labels and formatted figures,
small counts protected by a :mod:`~arbeit_gesundheit.disclosure` policy and rates or means
resting on a small or hidden count hidden too.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from attrs import frozen

from ..disclosure import SUPPRESSED, CountTable, RoundingPolicy, SuppressionPolicy
from ..exceptions import MetricsError
from ..model import Language
from ._aggregate import MetricsAggregate
from ._cells import CellCounts
from ._definitions import Number, dimension_label, metric, value_label

__all__ = ["REPORT_METRICS", "MetricsTable", "format_value", "report_table"]


def format_value(value: Number | float | None, unit: str, lang: Language = "de") -> str:
    """A figure as people read it: ``4.020``, ``74,6 %``, ``6,6 Punkte`` (German by default);
    ``–`` where there is no figure."""
    if value is None:
        return "–"
    if unit == "count":
        text = f"{round(value):,}"
        return text.replace(",", ".") if lang == "de" else text
    number = f"{float(value):.1f}"
    if lang == "de":
        number = number.replace(".", ",")
    if unit == "percent":
        return f"{number} %" if lang == "de" else f"{number}%"
    return f"{number} Punkte" if lang == "de" else f"{number} points"


# -- report tables with small counts protected -----------------------------------------------

#: Metrics shown by :func:`report_table` unless others are asked for.
REPORT_METRICS: tuple[str, ...] = (
    "reach",
    "places_filled",
    "completion_rate",
    "dropout_rate",
    "attendance_rate",
    "restriction_share",
    "wellbeing_change",
    "integration_6m",
    "integration_12m",
)


def _ended(cell: CellCounts) -> int:
    return cell.ended


# The count a rate or mean rests on: it is hidden when that count is small.
_BASE_OF: dict[str, Callable[[CellCounts], int]] = {
    "completion_rate": lambda c: c.ended,
    "dropout_rate": lambda c: c.ended,
    "no_show_rate": lambda c: c.ended,
    "attendance_rate": lambda c: c.attendance_enrolments,
    "restriction_share": lambda c: c.persons,
    "wellbeing_change": lambda c: c.wellbeing_pairs,
    "wellbeing_gain_share": lambda c: c.wellbeing_pairs,
    "integration_6m": lambda c: c.integration_persons,
    "integration_12m": lambda c: c.integration_persons,
}


@frozen
class MetricsTable:
    """A report table ready to leave the library: labels and formatted figures.

    Small counts are shown as ``"."`` (see :mod:`arbeit_gesundheit.disclosure`); rates and
    means resting on a small or hidden count are hidden too. ``method`` names the policy.
    """

    title: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    method: str

    def to_rows(self) -> list[list[str]]:
        """The header row and the body rows (the total last)."""
        return [list(self.header), *(list(r) for r in self.rows)]


def report_table(
    figures: MetricsAggregate,
    *,
    year: int,
    by: Sequence[str] = ("site",),
    metrics: Sequence[str] = REPORT_METRICS,
    policy: SuppressionPolicy | RoundingPolicy | None = None,
    lang: Language = "de",
) -> MetricsTable:
    """Lay out one breakdown of an aggregate as a table, one row per group plus the total.

    Count columns go through ``policy`` (default: :class:`SuppressionPolicy` with threshold
    3, including secondary suppression within each column); a rate or mean is hidden when
    the count it rests on is below the threshold or hidden.
    """
    if not isinstance(figures, MetricsAggregate):
        raise MetricsError(f"expected a MetricsAggregate, got {type(figures).__name__}")
    dims = tuple(by)
    if not dims:
        raise MetricsError("by: name the breakdown to lay out, such as ('site',)")
    definitions = [metric(m) for m in metrics]
    chosen = policy if policy is not None else SuppressionPolicy()
    if not isinstance(chosen, SuppressionPolicy | RoundingPolicy):
        raise MetricsError(
            f"policy: expected a SuppressionPolicy or RoundingPolicy, got {chosen!r}"
        )
    threshold = chosen.threshold if isinstance(chosen, SuppressionPolicy) else 0
    groups = figures.groups(year, dims)
    cells = [figures.cell(year, dims, g) for g in groups]
    total = figures.cell(year)
    labels = [
        " / ".join(value_label(d, v, lang) for d, v in zip(dims, g, strict=True)) for g in groups
    ]
    labels = [f"{text} [{i}]" if labels.count(text) > 1 else text for i, text in enumerate(labels)]
    columns: list[list[str]] = []
    hidden_rows: dict[str, set[int]] = {}
    for definition in definitions:
        column: list[str] = []
        if definition.unit == "count":
            counts = [int(c.value(definition.id) or 0) for c in cells]
            shown: list[object] = list(counts)
            if groups:
                table = CountTable(rows=tuple(labels), columns=("n",), cells=[(n,) for n in counts])
                protected = chosen.apply(table)
                shown = [row[0] for row in protected.cells]
            hidden_rows[definition.id] = {i for i, s in enumerate(shown) if s == SUPPRESSED}
            grand = int(total.value(definition.id) or 0)
            for value in shown:
                column.append(value if value == SUPPRESSED else format_value(value, "count", lang))  # type: ignore[arg-type]
            if isinstance(chosen, RoundingPolicy):
                grand = chosen.round(grand)
            small = isinstance(chosen, SuppressionPolicy) and chosen.is_sensitive(grand)
            column.append(SUPPRESSED if small else format_value(grand, "count", lang))
        else:
            base = _BASE_OF.get(definition.id.split(":")[0], _ended)
            reach_hidden = hidden_rows.get("reach", set())
            for i, c in enumerate(cells):
                n = base(c)
                if 0 < n < threshold or i in reach_hidden:
                    column.append(SUPPRESSED)
                else:
                    column.append(format_value(c.value(definition.id), definition.unit, lang))
            n = base(total)
            column.append(
                SUPPRESSED
                if 0 < n < threshold
                else format_value(total.value(definition.id), definition.unit, lang)
            )
        columns.append(column)
    heading = " × ".join(dimension_label(d, lang) for d in dims)
    total_label = "Insgesamt" if lang == "de" else "Total"
    rows = tuple(
        (label_, *(col[i] for col in columns)) for i, label_ in enumerate([*labels, total_label])
    )
    title = f"Kennzahlen {year} nach {heading}" if lang == "de" else f"Metrics {year} by {heading}"
    method = chosen.__class__.__name__
    return MetricsTable(
        title=title,
        header=(heading, *(d.label(lang) for d in definitions)),
        rows=rows,
        method=method,
    )
