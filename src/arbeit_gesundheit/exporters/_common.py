"""Helpers shared by the report exporters: reading options and requiring a report."""

from __future__ import annotations

from ..exceptions import InvalidFieldError
from ..report import NO_FIGURE, AnnualReport, format_cell
from ._protocol import ExportOptions

__all__ = ["NO_FIGURE", "bool_option", "format_cell", "require_report", "str_option"]


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
