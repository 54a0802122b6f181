"""The sections of the annual report: the overview, the dropout reasons, events and charts.

``_sections`` puts the built topic tables together with the tables derived from them (the
key-figure overview, dropouts by reason, events) and the bar charts, into the report's four
sections in print order.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction

from ..disclosure import SUPPRESSED, ProtectedTable
from ..metrics import dimension_label
from ..model import DropoutReason, Language, label
from ._builder import _Builder
from ._tables import Chart, Column, ReportSection, ReportTable, Row, Value, _t

__all__ = ["_REASONS", "_sections"]

_REASONS = tuple(DropoutReason)


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
