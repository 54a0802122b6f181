"""The topic tables of the annual report: reach, participation, attendance, WHO-5, integration.

Each topic is a :class:`_Topic`: title, columns, the counts it extracts and how it derives
its shown columns from the protected counts. Means (attendance, WHO-5 change) cannot be
computed from counts; they are shown only when the count they rest on is shown and at least
``min_count``.
"""

from __future__ import annotations

from fractions import Fraction

from ..disclosure import SUPPRESSED
from ..metrics import CellCounts
from ._builder import _Builder, _Topic
from ._protection import Cell, _rate, _shown_sum
from ._tables import Column, Value, _t

__all__ = ["_topics"]


def _topics(builder: _Builder) -> list[_Topic]:
    lang = builder.lang
    min_count = builder.min_count

    def t(de: str, en: str) -> str:
        return _t(lang, de, en)

    def reach_derive(cells: tuple[Cell, ...], total: Cell, cell: CellCounts) -> tuple[Value, ...]:
        # cells: restricted, consented without restriction, without health-data consent
        consented = _shown_sum([cells[0], cells[1]])
        return (total, consented, cells[0], _rate(cells[0], consented))

    def status_derive(cells: tuple[Cell, ...], total: Cell, cell: CellCounts) -> tuple[Value, ...]:
        completed, dropped, no_show, ongoing = cells
        ended = _shown_sum([completed, dropped, no_show])
        places = _shown_sum([completed, dropped, ongoing])
        return (
            places,
            ended,
            completed,
            dropped,
            no_show,
            _rate(completed, ended),
            _rate(dropped, ended),
            _rate(no_show, ended),
        )

    def attendance_derive(
        cells: tuple[Cell, ...], total: Cell, cell: CellCounts
    ) -> tuple[Value, ...]:
        base = cells[0]
        mean = cell.value("attendance_rate")
        shown: Value = SUPPRESSED
        if base == 0:
            shown = None
        elif builder.mean_shown(base, cell.attendance_enrolments):
            shown = Fraction(mean) if mean is not None else None
        return (base, shown)

    def wellbeing_derive(
        cells: tuple[Cell, ...], total: Cell, cell: CellCounts
    ) -> tuple[Value, ...]:
        mean = cell.value("wellbeing_change")
        shown: Value = SUPPRESSED
        if total == 0:
            shown = None
        elif builder.mean_shown(total, cell.wellbeing_pairs):
            shown = Fraction(mean) if mean is not None else None
        return (total, shown, cells[0], _rate(cells[0], total))

    def integration_derive(
        cells: tuple[Cell, ...], total: Cell, cell: CellCounts
    ) -> tuple[Value, ...]:
        within6 = cells[0]
        within12 = _shown_sum([cells[0], cells[1]])
        return (total, within6, _rate(within6, total), within12, _rate(within12, total))

    def ongoing(c: CellCounts) -> int:
        return c.enrolments.get("registered", 0) + c.enrolments.get("active", 0)

    percent = t("Anteil (%)", "share (%)")
    return [
        _Topic(
            id="reach",
            title=t(
                f"Erreichte Teilnehmende {builder.year}",
                f"Participants reached in {builder.year}",
            ),
            sheet=t("Erreichte Teilnehmende", "Participants reached"),
            columns=(
                Column(t("Erreichte Teilnehmende", "participants reached")),
                Column(
                    t(
                        "darunter mit Einwilligung in Gesundheitsdaten",
                        "of whom with consent to health data",
                    )
                ),
                Column(
                    t(
                        "darunter mit gesundheitlichen Einschränkungen",
                        "of whom with health restrictions",
                    )
                ),
                Column(
                    t("Anteil mit Einschränkungen (%)", "share with restrictions (%)"), "percent"
                ),
            ),
            extract=lambda c: (
                c.persons_restricted,
                c.persons_health_consent - c.persons_restricted,
                c.persons - c.persons_health_consent,
            ),
            derive=reach_derive,
            persons=True,
            note=t(
                "Personen mit mindestens einem besetzten Teilnahmeplatz im Berichtsjahr; "
                "wer Module mehrerer Gruppen besucht, zählt in jeder dieser Gruppen. "
                "Einschränkungen zählen nur mit nicht widerrufener Einwilligung in die "
                "Verarbeitung von Gesundheitsdaten; der Anteil bezieht sich auf diese Personen.",
                "People with at least one place taken in the year; someone attending modules "
                "of several groups counts in each of them. Restrictions count only with a "
                "consent to health-data processing that has not been withdrawn; the share "
                "refers to these people.",
            ),
        ),
        _Topic(
            id="participation",
            title=t(
                f"Teilnahmeplätze, Abschluss und Abbruch {builder.year}",
                f"Places, completion and dropout in {builder.year}",
            ),
            sheet=t("Abschluss und Abbruch", "Completion and dropout"),
            columns=(
                Column(t("Besetzte Teilnahmeplätze", "places filled")),
                Column(t("Beendete Teilnahmen", "ended enrolments")),
                Column(t("abgeschlossen", "completed")),
                Column(t("abgebrochen", "dropped")),
                Column(t("nicht angetreten", "no show")),
                Column(t("Abschlussquote (%)", "completion rate (%)"), "percent"),
                Column(t("Abbruchquote (%)", "dropout rate (%)"), "percent"),
                Column(t("Nichtantrittsquote (%)", "no-show rate (%)"), "percent"),
            ),
            extract=lambda c: (
                c.enrolments.get("completed", 0),
                c.enrolments.get("dropped", 0),
                c.enrolments.get("no_show", 0),
                ongoing(c),
            ),
            derive=status_derive,
            persons=False,
            note=t(
                "Quoten bezogen auf beendete Teilnahmen (abgeschlossen, abgebrochen, nicht "
                "angetreten).",
                "Rates relative to ended enrolments (completed, dropped, no show).",
            ),
        ),
        _Topic(
            id="attendance",
            title=t(f"Anwesenheit {builder.year}", f"Attendance in {builder.year}"),
            sheet=t("Anwesenheit", "Attendance"),
            columns=(
                Column(t("Beendete Teilnahmen mit Terminen", "ended enrolments with sessions")),
                Column(t("Mittlere Anwesenheitsquote (%)", "mean attendance rate (%)"), "percent"),
            ),
            extract=lambda c: (c.attendance_enrolments,),
            derive=attendance_derive,
            persons=False,
            note=t(
                f"Mittelwerte werden erst ab {min_count} Teilnahmen ausgewiesen.",
                f"Means are shown from {min_count} enrolments on.",
            ),
        ),
        _Topic(
            id="wellbeing",
            title=t(
                f"Veränderung des Wohlbefindens (WHO-5) {builder.year}",
                f"Change in well-being (WHO-5) in {builder.year}",
            ),
            sheet=t("Wohlbefinden WHO-5", "Well-being WHO-5"),
            columns=(
                Column(
                    t("Personen mit Vorher-Nachher-Messung", "people measured before and after")
                ),
                Column(t("Mittlere Veränderung (Punkte)", "mean change (points)"), "points"),
                Column(t("Verbesserung um mind. 10 Punkte", "gain of at least 10 points")),
                Column(percent, "percent"),
            ),
            extract=lambda c: (c.wellbeing_gains, c.wellbeing_pairs - c.wellbeing_gains),
            derive=wellbeing_derive,
            persons=True,
            note=t(
                "WHO-5-Index (0 bis 100 Punkte), erste und letzte Messung im Jahr.",
                "WHO-5 index (0 to 100 points), first and last measurement in the year.",
            ),
        ),
        _Topic(
            id="integration",
            title=t(
                f"Integration in Arbeit oder Ausbildung {builder.year}",
                f"Integration into work or training in {builder.year}",
            ),
            sheet=t("Integration", "Integration"),
            columns=(
                Column(t("Personen mit beendeter Teilnahme", "people with ended participation")),
                Column(t("integriert binnen 6 Monaten", "integrated within 6 months")),
                Column(t("Anteil binnen 6 Monaten (%)", "share within 6 months (%)"), "percent"),
                Column(t("integriert binnen 12 Monaten", "integrated within 12 months")),
                Column(t("Anteil binnen 12 Monaten (%)", "share within 12 months (%)"), "percent"),
            ),
            extract=lambda c: (
                c.integrated_6m,
                c.integrated_12m - c.integrated_6m,
                c.integration_persons - c.integrated_12m,
            ),
            derive=integration_derive,
            persons=True,
        ),
    ]
