"""Helpers shared by the report exporters: reading options and formatting figures."""

from __future__ import annotations

from fractions import Fraction

from ._exporter import ExportOptions
from ._report import AnnualReport, ColumnKind, Value
from ._vocabulary import Language
from .exceptions import InvalidFieldError

__all__ = ["NO_FIGURE", "bool_option", "format_cell", "require_report", "str_option"]

#: How a missing figure (nothing to divide by) is shown.
NO_FIGURE = "–"

_TRUE = {"1", "true", "yes", "on", "ja"}
_FALSE = {"0", "false", "no", "off", "nein"}


def bool_option(options: ExportOptions, name: str, default: bool) -> bool:
    """A yes/no option from ``options.extra`` (a bool, or text such as ``"true"``/``"no"``)."""
    value = options.extra.get(name, default)
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in _TRUE | _FALSE:
        return value.strip().lower() in _TRUE
    raise InvalidFieldError("ExportOptions", f"extra[{name!r}]", "true or false", value)


def str_option(options: ExportOptions, name: str, default: str | None) -> str | None:
    """A text option from ``options.extra``."""
    value = options.extra.get(name, default)
    if value is not None and not isinstance(value, str):
        raise InvalidFieldError("ExportOptions", f"extra[{name!r}]", "a text", value)
    return value


def require_report(exporter: str, data: object, options: ExportOptions) -> AnnualReport:
    """``data`` as an annual report, or the library's error naming the exporter.

    A report protected with a lower ``min_count`` than ``options.min_count`` asks for is
    refused: the export must not show smaller counts than its options allow.
    """
    if not isinstance(data, AnnualReport):
        raise InvalidFieldError(exporter, "data", "an AnnualReport", type(data).__name__)
    if data.min_count < options.min_count:
        raise InvalidFieldError(
            exporter,
            "data",
            f"a report protected with min_count >= {options.min_count}",
            f"a report with min_count {data.min_count}",
        )
    return data


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
