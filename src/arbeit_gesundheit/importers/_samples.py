"""Synthetic sample sheets: a dataset written out the way a site's staff keep it.

Used for the sample sheets the site plugins ship, for tests and for the benchmark. Names and
customer numbers are made up here (the dataset has only pseudonyms); birth dates are made
up from the birth year. Headers are each field's first spelling in the layout.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from ..exceptions import MissingExtraError
from ..files import write_atomic
from ..model import AttendanceStatus, ConsentPurpose, Dataset, Participant, label
from ._layout import Layout, SheetKind, SheetLayout

__all__ = ["FIRST_NAMES", "LAST_NAMES", "SampleIdentity", "write_sample_workbook"]

#: Made-up names for sample sheets (no real person).
FIRST_NAMES = ("Anna", "Ben", "Clara", "Deniz", "Emil", "Fatma", "Greta", "Hakan", "Ilse",
               "Jonas", "Katja", "Lukas", "Mira", "Nils", "Olga", "Paul", "Rosa", "Sven")  # fmt: skip
LAST_NAMES = ("Ackermann", "Brinkmann", "Czerny", "Dombrowski", "Eichler", "Feldkamp",
              "Grabowski", "Hülsmann", "Iwanow", "Jankowski", "Kuhlmann", "Lindner",
              "Marquardt", "Nowak", "Osterkamp", "Pietsch", "Quast", "Rademacher")  # fmt: skip
_MARK = {AttendanceStatus.PRESENT: "x", AttendanceStatus.EXCUSED: "e", AttendanceStatus.ABSENT: "0"}


class SampleIdentity:
    """Made-up customer number, names and birth date for each pseudonym (stable by order)."""

    def __init__(self, people: Iterable[Participant]) -> None:
        self._index = {
            p.pseudonym: n for n, p in enumerate(sorted(people, key=lambda p: p.pseudonym))
        }

    def __call__(self, person: Participant) -> dict[str, Any]:
        n = self._index[person.pseudonym]
        return {
            "customer_number": f"K{470000 + n * 7:07d}",
            "last_name": LAST_NAMES[n % len(LAST_NAMES)]
            + ("" if n < len(LAST_NAMES) else f"-{n // len(LAST_NAMES)}"),
            "first_name": FIRST_NAMES[(n * 5) % len(FIRST_NAMES)],
            "birth_date": date(person.birth_year, 1 + n % 12, 1 + n % 28),
            "birth_year": person.birth_year,
        }


def _person_cells(person: Participant, ident: dict[str, Any]) -> dict[str, Any]:
    cells = dict(ident)
    cells["benefit"] = label(person.benefit)
    if person.gender is not None:
        cells["gender"] = label(person.gender)
    for consent in person.consents:
        if consent.purpose is not ConsentPurpose.DATA_SHARING:
            cells[f"consent_{consent.purpose.value}"] = consent.given_on
    return cells


def _course(layout: Layout, site_id: str, offering_id: str) -> str:
    prefix, _, suffix = layout.offering_id.partition("{course}")
    head = prefix.format(site=site_id)
    tail = suffix.format(site=site_id)
    core = offering_id.removeprefix(head)
    return core.removesuffix(tail) if tail else core


def _rows(
    kind: SheetKind, data: Dataset, layout: Layout, site_id: str
) -> Iterable[tuple[str, list[dict[str, Any]], list[date]]]:
    people = {p.pseudonym: p for p in data.participants}
    ident = SampleIdentity(data.participants)
    modules = {m.id: m for m in data.modules}
    offerings = {o.id: o for o in data.offerings}
    if kind == "participants":
        rows: list[dict[str, Any]] = []
        enrolled = set()
        for e in sorted(data.enrolments, key=lambda e: (e.participant, e.offering_id)):
            person = people[e.participant]
            enrolled.add(person.pseudonym)
            cells = _person_cells(person, ident(person))
            module = modules.get(offerings[e.offering_id].module_id)
            cells.update(course=_course(layout, site_id, e.offering_id), module=module.title if module else offerings[e.offering_id].module_id,
                         enrolled_on=e.enrolled_on, status=label(e.status), ended_on=e.ended_on,
                         dropout_reason=label(e.dropout_reason) if e.dropout_reason else None)  # fmt: skip
            rows.append(cells)
        rows.extend(
            _person_cells(p, ident(p)) for p in data.participants if p.pseudonym not in enrolled
        )
        yield "Teilnehmende", rows, []
    elif kind == "attendance":
        marks: dict[str, dict[int, AttendanceStatus]] = {}
        for a in data.attendances:
            marks.setdefault(a.enrolment_id, {})[a.session_number] = a.status
        sessions: dict[str, list[tuple[int, date]]] = {}
        for s in data.sessions:
            sessions.setdefault(s.offering_id, []).append((s.number, s.on))
        by_offering: dict[str, list[Any]] = {}
        for e in data.enrolments:
            by_offering.setdefault(e.offering_id, []).append(e)
        for n, oid in enumerate(sorted(by_offering), 1):
            dates = sorted(sessions.get(oid, []))
            rows = []
            for e in sorted(by_offering[oid], key=lambda e: e.participant):
                cells = dict(ident(people[e.participant]), course=_course(layout, site_id, oid))
                got = marks.get(e.id, {})
                cells.update(
                    {f"@{d.isoformat()}": _MARK[got[num]] for num, d in dates if num in got}
                )
                rows.append(cells)
            yield f"Kurs {n:03d}", rows, [d for _, d in dates]
    else:
        rows = []
        for plan in sorted(data.plans, key=lambda p: p.id):
            person = people[plan.participant]
            for goal in plan.goals:
                for step in goal.steps:
                    cells = _person_cells(person, ident(person))
                    cells.update(coach=plan.coach_id, plan_created_on=plan.created_on, goal=goal.description,
                                 field_of_action=label(goal.field_of_action), goal_due_on=goal.due_on, goal_target=goal.target,
                                 step=step.description, step_due_on=step.due_on, step_status=label(step.status), step_done_on=step.done_on)  # fmt: skip
                    rows.append(cells)
        yield "Aktivitätspläne", rows, []


def write_sample_workbook(
    data: Dataset, layout: Layout, kind: SheetKind, path: str | os.PathLike[str], *,
    site_id: str, fields: Sequence[str] | None = None, title: str | None = None,
    dates_as: Callable[[date], Any] | None = None, overwrite: bool = False,
) -> Path:  # fmt: skip
    """Write the records of ``data`` as a workbook of ``kind`` in ``layout`` (openpyxl).

    ``fields`` chooses the columns (default: every field the layout maps, in its order);
    ``title`` adds a title row above the header; ``dates_as`` turns session dates in the
    header into something else than date cells (text, for instance).
    """
    try:
        from openpyxl import Workbook  # type: ignore[import-untyped]  # noqa: PLC0415
    except ImportError as exc:  # pragma: no cover
        raise MissingExtraError("sample workbooks", "import", "openpyxl") from exc
    sheet: SheetLayout = next(s for s in layout.sheets if s.kind == kind)
    chosen = [f for f in (fields or list(sheet.columns)) if f in sheet.columns]
    book = Workbook(write_only=True)
    for name, rows, dates in _rows(kind, data, layout, site_id):
        ws = book.create_sheet(_sheet_name(sheet, name))
        if title:
            ws.append([title])
        ws.append(
            [sheet.columns[f][0] for f in chosen] + [dates_as(d) if dates_as else d for d in dates]
        )
        for cells in rows:
            ws.append(
                [cells.get(f) for f in chosen] + [cells.get(f"@{d.isoformat()}") for d in dates]
            )
    return write_atomic(path, book.save, overwrite=overwrite)


def _sheet_name(sheet: SheetLayout, wanted: str) -> str:
    if sheet.matches(wanted):
        return wanted[:31]
    pattern = sheet.sheets[0].replace("*", "").replace("?", "")
    return f"{pattern} {wanted}"[:31].strip()
