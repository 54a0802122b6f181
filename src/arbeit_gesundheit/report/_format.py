"""Figures as text, as every report output shows them."""

from __future__ import annotations

from fractions import Fraction

from ..model import Language
from ._tables import ColumnKind, Value

__all__ = ["NO_FIGURE", "format_cell"]

#: How a missing figure (nothing to divide by) is shown.
NO_FIGURE = "–"


def format_cell(
    value: Value,
    kind: ColumnKind,
    lang: Language = "de",
    *,
    decimal_comma: bool | None = None,
    grouping: bool = False,
    unit: bool = False,
) -> str:
    """A figure as text: counts as whole numbers, per cent and points with one decimal.

    ``decimal_comma`` defaults to German usage for ``lang="de"``; ``grouping`` adds
    thousands separators (``1.234``), ``unit`` appends `` %`` or `` Punkte``.
    """
    if value is None:
        return NO_FIGURE
    if isinstance(value, str):
        return value
    comma = lang == "de" if decimal_comma is None else decimal_comma
    if kind == "count":
        text = f"{int(value):,}" if grouping else str(int(value))
        return text.replace(",", "." if comma else ",") if grouping else text
    number = f"{float(Fraction(value)):.1f}"
    if comma:
        number = number.replace(".", ",")
    if unit and kind == "percent":
        return f"{number} %"
    if unit and kind == "points":
        return f"{number} {'Punkte' if lang == 'de' else 'points'}"
    return number
