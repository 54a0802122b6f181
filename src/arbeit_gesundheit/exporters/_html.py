"""The annual report as one self-contained HTML page (German headings by default).

No JavaScript, no external fonts, images or style sheets: the page opens offline and can
be mailed as one file. Charts are inline SVG bar charts drawn from the protected tables
(a suppressed figure draws no bar and shows ``.``). The print style sheet starts every
section on a new page, repeats table headers and hides the table of contents.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from html import escape

from ..disclosure import SUPPRESSED
from ..model import Language
from ..report import AnnualReport, Chart, ReportSection, ReportTable
from ._common import format_cell, require_report
from ._protocol import ExportOptions, ExportScope

__all__ = ["HTML_EXPORTER", "HtmlExporter", "bar_chart_svg", "report_html"]

_CSS = """
:root { --ink: #1d2733; --muted: #5b6775; --line: #c9d2dc; --head: #dde4ee;
        --bar: #2f6f9f; --band: #f4f6f9; }
* { box-sizing: border-box; }
body { font-family: "Segoe UI", "Helvetica Neue", Arial, sans-serif; color: var(--ink);
       margin: 0 auto; max-width: 1100px; padding: 24px 32px 48px; line-height: 1.4;
       background: #fff; }
header { border-bottom: 3px solid var(--bar); margin-bottom: 16px; }
h1 { font-size: 1.7rem; margin: 0 0 4px; }
h2 { font-size: 1.35rem; margin: 32px 0 12px; border-bottom: 1px solid var(--line);
     padding-bottom: 4px; }
h3 { font-size: 1.05rem; margin: 20px 0 6px; }
.meta { color: var(--muted); margin: 0 0 12px; }
nav ol { columns: 2; margin: 4px 0 16px; }
table { border-collapse: collapse; width: 100%; margin: 4px 0 6px; font-size: 0.88rem; }
caption { text-align: left; font-weight: 600; font-size: 1.05rem; padding: 14px 0 6px; }
th, td { border: 1px solid var(--line); padding: 3px 6px; vertical-align: top; }
thead th { background: var(--head); text-align: left; }
td.count, td.percent, td.points { text-align: right; font-variant-numeric: tabular-nums;
                                   white-space: nowrap; }
td.suppressed, td.none { text-align: right; color: var(--muted); }
tr.total td, tr.total th { font-weight: 700; background: var(--band); }
tr.heading th { font-style: italic; background: #fafbfc; font-weight: 600; }
tbody th { font-weight: normal; text-align: left; }
p.note { color: var(--muted); font-size: 0.82rem; margin: 0 0 14px; }
figure.chart { margin: 8px 0 18px; }
figure.chart figcaption { font-weight: 600; margin-bottom: 4px; }
svg text { font-family: inherit; font-size: 12px; fill: var(--ink); }
svg .bar { fill: var(--bar); }
svg .axis { stroke: var(--line); }
footer { margin-top: 32px; border-top: 1px solid var(--line); color: var(--muted);
         font-size: 0.85rem; }
@page { size: A4; margin: 14mm 12mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  nav { display: none; }
  section.report-section { break-before: page; page-break-before: always; }
  section.report-section:first-of-type { break-before: auto; page-break-before: auto; }
  thead { display: table-header-group; }
  tr, figure.chart { break-inside: avoid; page-break-inside: avoid; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  a { color: inherit; text-decoration: none; }
}
"""


def _figure_text(value: object, kind: str, lang: Language) -> str:
    return format_cell(value, kind, lang, grouping=True, unit=True)  # type: ignore[arg-type]


def _cell_class(value: object, kind: str) -> str:
    if value is None:
        return "none"
    if value == SUPPRESSED:
        return "suppressed"
    return kind


def _table_html(table: ReportTable, lang: Language) -> str:
    out = [f'<table id="table-{escape(table.id)}" data-table="{escape(table.id)}">']
    out.append(f"<caption>{escape(table.title)}</caption>")
    out.append("<thead><tr>")
    out.append(f'<th scope="col">{escape(table.stub)}</th>')
    out.extend(f'<th scope="col">{escape(c.heading)}</th>' for c in table.columns)
    out.append("</tr></thead><tbody>")
    for row in table.rows:
        if row.kind == "heading":
            span = len(table.columns) + 1
            out.append(
                f'<tr class="heading"><th scope="rowgroup" colspan="{span}">'
                f"{escape(row.label)}</th></tr>"
            )
            continue
        css = ' class="total"' if row.kind == "total" else ""
        out.append(f'<tr{css}><th scope="row">{escape(row.label)}</th>')
        for value, column in zip(row.cells, table.columns, strict=True):
            text = _figure_text(value, column.kind, lang)
            title = ""
            if value == SUPPRESSED:
                hint = "geheim gehalten" if lang == "de" else "suppressed"
                title = f' title="{hint}"'
            out.append(f'<td class="{_cell_class(value, column.kind)}"{title}>{escape(text)}</td>')
        out.append("</tr>")
    out.append("</tbody></table>")
    if table.note:
        out.append(f'<p class="note">{escape(table.note)}</p>')
    return "".join(out)


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def bar_chart_svg(chart: Chart, lang: Language = "de", *, width: int = 720) -> str:
    """A horizontal bar chart as inline SVG: one bar per label, its figure at the end.

    Suppressed figures (``.``) and missing ones (``–``) draw no bar but show their sign.
    """
    label_width = 290
    row_height = 24
    top = 6
    plot = width - label_width - 70
    numbers = [
        float(Fraction(v)) if isinstance(v, int | Fraction) and not isinstance(v, bool) else None
        for v in chart.values
    ]
    peak = max((n for n in numbers if n is not None), default=0.0)
    if chart.kind == "percent":
        peak = max(peak, 100.0)
    height = top * 2 + row_height * max(1, len(chart.labels))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="bar-chart" '
        f'data-chart="{escape(chart.id)}" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" aria-label="{escape(chart.title)}">',
        f"<title>{escape(chart.title)}</title>",
        f'<line class="axis" x1="{label_width}" y1="{top}" x2="{label_width}" '
        f'y2="{height - top}" stroke-width="1"/>',
    ]
    for i, (text, value, number) in enumerate(
        zip(chart.labels, chart.values, numbers, strict=True)
    ):
        y = top + i * row_height
        middle = y + row_height / 2 + 4
        parts.append(
            f'<text x="{label_width - 8}" y="{middle:.1f}" text-anchor="end">'
            f"<title>{escape(text)}</title>{escape(_short(text))}</text>"
        )
        shown = _figure_text(value, chart.kind, lang)
        bar = 0.0
        if number is not None and peak > 0:
            bar = max(plot * number / peak, 1.0 if number > 0 else 0.0)
            parts.append(
                f'<rect class="bar" x="{label_width}" y="{y + 4}" width="{bar:.1f}" '
                f'height="{row_height - 8}" data-value="{number:.4f}"/>'
            )
        parts.append(
            f'<text class="value" x="{label_width + bar + 6:.1f}" y="{middle:.1f}">'
            f"{escape(shown)}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


def _section_html(section: ReportSection, lang: Language) -> str:
    out = [f'<section class="report-section" id="{escape(section.id)}">']
    out.append(f"<h2>{escape(section.title)}</h2>")
    if section.intro:
        out.append(f"<p>{escape(section.intro)}</p>")
    for chart in section.charts:
        out.append(f'<figure class="chart" id="chart-{escape(chart.id)}">')
        out.append(f"<figcaption>{escape(chart.title)}</figcaption>")
        out.append(bar_chart_svg(chart, lang))
        out.append("</figure>")
    for table in section.tables:
        out.append(_table_html(table, lang))
    out.append("</section>")
    return "\n".join(out)


def _meta(report: AnnualReport) -> Sequence[str]:
    de = report.lang == "de"
    items = [
        ("Standort" if de else "Site") + f": {report.site_name} ({report.site_id})",
        ("Berichtsjahr" if de else "Year") + f": {report.year}",
        ("Geheimhaltung" if de else "Disclosure control") + f": {report.protection()}",
    ]
    if report.source:
        items.append(("Datenquelle" if de else "Data source") + f": {report.source}")
    return items


def report_html(report: AnnualReport) -> str:
    """The report as a self-contained HTML document (text)."""
    lang = report.lang
    de = lang == "de"
    toc = "".join(
        f'<li><a href="#{escape(s.id)}">{escape(s.title)}</a></li>' for s in report.sections
    )
    sections = "\n".join(_section_html(s, lang) for s in report.sections)
    notes = "".join(f"<p>{escape(n)}</p>" for n in report.notes)
    meta = " · ".join(escape(item) for item in _meta(report))
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="arbeit_gesundheit">\n'
        f"<title>{escape(report.title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        f"<header><h1>{escape(report.title)}</h1>"
        f'<p class="meta">{meta}</p></header>\n'
        f"<nav><strong>{'Inhalt' if de else 'Contents'}</strong><ol>{toc}</ol></nav>\n"
        f"<main>\n{sections}\n</main>\n"
        f"<footer><h2>{'Hinweise' if de else 'Notes'}</h2>{notes}</footer>\n"
        "</body>\n</html>\n"
    )


class HtmlExporter:
    """The annual report as one HTML page with tables and bar charts (offline, printable)."""

    name = "html"
    media_type = "text/html"
    suffix = ".html"
    scope = ExportScope.AGGREGATE

    def title(self, lang: Language = "de") -> str:
        return "HTML-Jahresbericht" if lang == "de" else "HTML annual report"

    def supports(self, data: object) -> bool:
        """An :class:`~arbeit_gesundheit.report.AnnualReport`."""
        return isinstance(data, AnnualReport)

    def export(self, data: object, options: ExportOptions) -> bytes:
        return report_html(require_report("HtmlExporter", data, options)).encode("utf-8")

    def __repr__(self) -> str:
        return "HtmlExporter()"


#: The core's HTML exporter.
HTML_EXPORTER = HtmlExporter()
