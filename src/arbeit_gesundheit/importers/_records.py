"""From rows to records: participants, enrolments, offerings, sessions, attendance, plans.

Rows are read in a first pass (each cell checked, identity turned into the pseudonym); the
records are built in a second pass, when every sheet of every file is known, since an
attendance sheet gives the session dates a participant list refers to. Identifiers are
derived from what the sheet says (course number, pseudonym), so importing the same sheet
again gives the same records.
"""

from __future__ import annotations

import hashlib
import re
from datetime import date
from functools import lru_cache
from typing import Any

from attrs import field, frozen

from ..exceptions import ArbeitGesundheitError, InvalidFieldError
from ..model import (
    Attendance,
    AttendanceStatus,
    Consent,
    ConsentPurpose,
    Dataset,
    Enrolment,
    EnrolmentStatus,
    HealthRestriction,
    LegalBasis,
    Module,
    Offering,
    Participant,
    Session,
    StatusChange,
)
from ._cells import cell_text, is_empty, mark_table
from ._layout import Layout
from ._plans import PlanBuilder
from ._rows import Row, SheetRows

__all__ = ["Assembler", "Catalogue", "enrolment_id"]

_P = ConsentPurpose
_BASIS = {_P.HEALTH_DATA_PROCESSING: LegalBasis.GDPR_ART_9_2_A}
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}")
_S = EnrolmentStatus


@frozen
class Catalogue:
    """What the site knows already: its id, modules, coach ids and stored records."""

    site_id: str
    modules: tuple[Module, ...]
    coaches: frozenset[str] = frozenset()
    known: Dataset = field(factory=Dataset)


def enrolment_id(offering_id: str, pseudonym: str) -> str:
    """The enrolment id of a person in an offering (the same on every import)."""
    return "e-" + hashlib.sha256(f"{offering_id}|{pseudonym}".encode()).hexdigest()[:20]


_CONSENT_FIELDS = tuple((p, f"consent_{p.value}") for p in _P)


@lru_cache(maxsize=4096)
def _consent(purpose: ConsentPurpose, day: date) -> Consent:
    # Consents are frozen values: one object per purpose and day serves every row.
    basis = _BASIS.get(purpose, LegalBasis.GDPR_ART_6_1_A)
    return Consent(purpose, given_on=day, legal_basis=basis)


def _consents(row: Row) -> tuple[Consent, ...]:
    found = []
    for purpose, name in _CONSENT_FIELDS:
        if row.has(name):
            day = row.day(name)
            if day is not None:
                found.append(_consent(purpose, day))
    return tuple(found)


class Assembler:
    """Collects the rows of every sheet, then builds the records and the refused rows."""

    def __init__(self, layout: Layout, catalogue: Catalogue) -> None:
        self.layout = layout
        self.catalogue = catalogue
        self.site_id = catalogue.site_id
        self.marks = mark_table(layout.marks.present, layout.marks.excused, layout.marks.absent)
        self.rows: list[Row] = []
        self._people: list[tuple[Row, Participant | None]] = []
        self._enrol: list[tuple[Row, dict[str, Any]]] = []
        self._attend: list[tuple[Row, str, list[tuple[date, AttendanceStatus, int]]]] = []
        self._courses: dict[str, dict[str, Any]] = {}
        self.plans = PlanBuilder(catalogue.coaches)
        known = catalogue.known
        self._known_people = {p.pseudonym: p for p in known.participants}
        self._known_offerings = {o.id: o for o in known.offerings}
        self._known_enrolments = {e.id for e in known.enrolments}
        self._known_sessions: dict[str, set[date]] = {}
        for s in known.sessions:
            self._known_sessions.setdefault(s.offering_id, set()).add(s.on)
        self._modules = {m.id.casefold(): m for m in catalogue.modules}
        self._modules.update({m.title.casefold(): m for m in catalogue.modules})

    # --- pass 1 ---------------------------------------------------------------------------

    def add(self, sheet: SheetRows) -> None:
        kind = sheet.layout.kind
        for row in sheet.rows:
            self.rows.append(row)
            if kind == "attendance":
                self._attendance_row(row, sheet.dates)
            else:
                person = self._person(row) if row.has("benefit") else None
                self._people.append((row, person))
                if kind == "participants":
                    self._participant_row(row)
                else:
                    self.plans.add(row)

    def _person(self, row: Row) -> Participant | None:
        year, benefit = row.year(), row.value("benefit", required=True)
        gender = row.value("gender") if row.has("gender") else None
        restrictions = row.values("restrictions") if row.has("restrictions") else []
        unemployed = row.day("unemployed_since") if row.has("unemployed_since") else None
        district = row.text("district_key") if row.has("district_key") else None
        consents = _consents(row)
        purposes = {c.purpose for c in consents}
        if _P.PROGRAMME_PARTICIPATION not in purposes:
            field = "consent_programme_participation"
            row.problem(field if row.has(field) else None,
                        "keine Einwilligung zur Teilnahme (Datum) angegeben: ohne ausdrückliche Einwilligung werden keine Daten übernommen",
                        "no consent to programme participation (a date): without explicit consent nothing is imported")  # fmt: skip
        if restrictions and _P.HEALTH_DATA_PROCESSING not in purposes:
            row.problem("restrictions", "gesundheitliche Einschränkungen ohne Einwilligung in die Verarbeitung von Gesundheitsdaten (Art. 9 DSGVO)",
                        "health restrictions without consent to processing health data (Art. 9 GDPR)")  # fmt: skip
        if row.problems or row.pseudonym is None or year is None or benefit is None:
            return None
        try:
            return Participant(
                pseudonym=row.pseudonym, site_id=self.site_id, birth_year=year, benefit=benefit,
                gender=gender, unemployed_since=unemployed, district_key=district,
                restrictions=tuple(HealthRestriction(c) for c in restrictions), consents=consents,
            )  # fmt: skip
        except InvalidFieldError as exc:
            row.problem(
                exc.field if row.has(exc.field) else None,
                f"ungültig: {exc.expected} erwartet",
                f"invalid: expected {exc.expected}",
            )
            return None

    def _course(self, row: Row) -> str | None:
        text = row.text("course", required=row.kind == "attendance") if row.has("course") else None
        if text is None:
            return None
        slug = re.sub(r"\s+", "-", text.strip())
        oid = self.layout.offering_id.format(site=self.site_id, course=slug)
        if _ID.fullmatch(oid) is None:
            row.problem("course", "eine Kursnummer aus Buchstaben, Ziffern und _.:- erwartet (höchstens 64 Zeichen)",
                        "expected a course number of letters, digits and _.:- (64 characters at most)")  # fmt: skip
            return None
        info = self._courses.setdefault(
            oid, {"modules": set(), "dates": set(), "starts": [], "ends": [], "rows": []}
        )
        info["rows"].append(row)
        module = row.text("module") if row.has("module") else None
        if module is not None:
            info["modules"].add(module)
        return oid

    def _participant_row(self, row: Row) -> None:
        oid = self._course(row)
        if oid is None:
            return
        facts = {
            "oid": oid, "enrolled_on": row.day("enrolled_on", required=True),
            "status": row.value("status", required=True),
            "ended_on": row.day("ended_on") if row.has("ended_on") else None,
            "reason": row.value("dropout_reason") if row.has("dropout_reason") else None,
        }  # fmt: skip
        for name, key in (("course_starts_on", "starts"), ("course_ends_on", "ends")):
            if row.has(name):
                day = row.day(name)
                if day is not None:
                    self._courses[oid][key].append(day)
        self._enrol.append((row, facts))

    def _attendance_row(self, row: Row, dates: tuple[tuple[int, date], ...]) -> None:
        oid = self._course(row)
        if oid is None:
            return
        self._courses[oid]["dates"].update(day for _, day in dates)
        marks: list[tuple[date, AttendanceStatus, int]] = []
        empty = self.layout.marks.empty
        for index, day in dates:
            value = row.cell(index)
            if is_empty(value):
                if empty == "absent":
                    marks.append((day, AttendanceStatus.ABSENT, index))
                continue
            status = self.marks.get(cell_text(value).casefold())
            if status is None:
                row.problem(index, f'unbekannte Markierung "{cell_text(value)[:10]}"; erwartet: x oder 1 (anwesend), e (entschuldigt), 0 oder leer',
                            f'unknown mark "{cell_text(value)[:10]}"; expected x or 1 (present), e (excused), 0 or empty')  # fmt: skip
                continue
            marks.append((day, status, index))
        self._attend.append((row, oid, marks))

    # --- pass 2 ---------------------------------------------------------------------------

    def _module(self, oid: str, info: dict[str, Any]) -> Module | str:
        texts = {t.casefold() for t in info["modules"]}
        if not texts:
            known = self._known_offerings.get(oid)
            if known is not None:
                texts = {known.module_id.casefold()}
        if len(texts) != 1:
            return "kein Modul angegeben" if not texts else "verschiedene Module für denselben Kurs"
        module = self._modules.get(texts.pop())
        return (
            module if module is not None else "unbekanntes Modul (nicht im Katalog des Standorts)"
        )

    def _offerings(self) -> tuple[dict[str, Offering], list[Session]]:
        offerings: dict[str, Offering] = {}
        sessions: list[Session] = []
        for oid, info in self._courses.items():
            module = self._module(oid, info)
            dates = sorted(info["dates"] | self._known_sessions.get(oid, set()))
            known = self._known_offerings.get(oid)
            starts = dates[:1] or sorted(info["starts"])[:1] or ([known.starts_on] if known else [])
            ends = dates[-1:] or sorted(info["ends"])[-1:] or ([known.ends_on] if known else starts)
            problem = module if isinstance(module, str) else None
            if problem is None and not starts:
                problem = "keine Termine bekannt: die Anwesenheitsliste des Kurses mit importieren oder Kursbeginn angeben"
            if problem is not None:
                for row in info["rows"]:
                    row.problem(
                        "course", f"Kurs: {problem}", f"course: {_EN.get(problem, problem)}"
                    )
                continue
            assert isinstance(module, Module)
            try:
                offerings[oid] = Offering(
                    id=oid, module_id=module.id, starts_on=starts[0], ends_on=max(ends[0], starts[0]),
                    capacity=module.places or max(len(info["rows"]), 1), provider_id=module.provider_id,
                )  # fmt: skip
            except InvalidFieldError as exc:
                for row in info["rows"]:
                    row.problem(
                        "course",
                        f"Kurs ungültig: {exc.expected} erwartet",
                        f"invalid course: expected {exc.expected}",
                    )
                continue
            sessions.extend(
                Session(offering_id=oid, number=n, on=day) for n, day in enumerate(dates, 1)
            )
        return offerings, sessions

    def _history(self, row: Row, facts: dict[str, Any], offering: Offering) -> Enrolment | None:
        status, start, end, reason = (
            facts["status"],
            facts["enrolled_on"],
            facts["ended_on"],
            facts["reason"],
        )
        if status is None or start is None:
            return None
        oid = offering.id
        eid = enrolment_id(oid, row.pseudonym or "")
        if status in (_S.COMPLETED, _S.DROPPED, _S.NO_SHOW) and end is None:
            row.problem("ended_on" if row.has("ended_on") else "status", "Ende am: ein Datum erwartet, weil die Teilnahme beendet ist",
                        "ended on: expected a date, since the enrolment has ended")  # fmt: skip
            return None
        if status is _S.DROPPED and reason is None:
            row.problem("dropout_reason" if row.has("dropout_reason") else "status", "Abbruchgrund erwartet, weil die Teilnahme abgebrochen wurde",
                        "expected a dropout reason, since the enrolment was dropped")  # fmt: skip
            return None
        begun = (
            min(max(start, offering.starts_on), end)
            if end is not None
            else max(start, offering.starts_on)
        )
        steps: list[tuple[EnrolmentStatus, date]] = []
        if status in (_S.REFERRED, _S.WAITLISTED, _S.REGISTERED):
            steps = [(status, start)]
        elif status is _S.NO_SHOW:
            steps = [(_S.REGISTERED, start), (_S.NO_SHOW, end)]
        elif status is _S.DROPPED and end is not None and end <= offering.starts_on:
            steps = [(_S.REGISTERED, start), (_S.DROPPED, end)]
        else:
            steps = [(_S.REGISTERED, start), (_S.ACTIVE, begun)] + (
                [(status, end)] if status is not _S.ACTIVE else []
            )
        try:
            history = tuple(
                StatusChange(s, d, reason if s is _S.DROPPED else None) for s, d in steps
            )
            return Enrolment(id=eid, participant=row.pseudonym or "", offering_id=oid, status=status,
                             history=history, dropout_reason=reason if status is _S.DROPPED else None)  # fmt: skip
        except (InvalidFieldError, ArbeitGesundheitError) as exc:
            expected = getattr(exc, "expected", "dates in order")
            row.problem("ended_on" if row.has("ended_on") else "status", f"Teilnahme ungültig: {expected} erwartet (Ende am nicht vor Angemeldet am?)",
                        f"invalid enrolment: expected {expected} (ended on before enrolled on?)")  # fmt: skip
            return None

    def build(self) -> Dataset:
        """The records of the rows without problems (problems are added to the rows)."""
        offerings, sessions = self._offerings()
        all_offerings = {**self._known_offerings, **offerings}
        people: dict[str, tuple[Row, Participant]] = {}
        for row, person in self._people:
            if person is None or row.problems:
                continue
            first = people.get(person.pseudonym)
            if first is None:
                people[person.pseudonym] = (row, person)
            elif first[1] != person:
                row.problem(None, f"Angaben zur Person (Geburtsjahr, Rechtskreis, Einwilligungen …) weichen von Zeile {first[0].number} ab",
                            f"the person's details (birth year, benefit, consents ...) differ from row {first[0].number}")  # fmt: skip
        enrolments: dict[str, tuple[Row, Enrolment]] = {}
        for row, facts in self._enrol:
            offering = all_offerings.get(facts["oid"])
            if offering is None or row.problems:
                continue
            enrolment = self._history(row, facts, offering)
            if enrolment is None:
                continue
            if enrolment.id in enrolments:
                row.problem(
                    "course",
                    "dieselbe Person steht zweimal für denselben Kurs in der Liste",
                    "the same person is listed twice for the same course",
                )
                continue
            enrolments[enrolment.id] = (row, enrolment)
        attendances = self._attendances(enrolments, all_offerings, sessions, people)
        plans = self.plans.build(self._consent_ok(people, health=True))
        kept: dict[str, Participant] = {}
        for row, person in self._people:
            if person is not None and not row.problems:
                kept.setdefault(person.pseudonym, person)
        good = {eid: e for eid, (row, e) in enrolments.items() if not row.problems}
        used = {o.module_id for o in offerings.values()}
        return Dataset(
            modules=tuple(m for m in self.catalogue.modules if m.id in used),
            offerings=tuple(offerings.values()), sessions=tuple(sessions),
            participants=tuple(kept.values()), enrolments=tuple(good.values()),
            attendances=tuple(a for row, a in attendances if not row.problems and (a.enrolment_id in good or a.enrolment_id in self._known_enrolments)),
            plans=tuple(plans),
        )  # fmt: skip

    def _consent_ok(self, people: dict[str, tuple[Row, Participant]], *, health: bool) -> Any:
        def check(pseudonym: str) -> str | None:
            found = people.get(pseudonym)
            person = found[1] if found is not None else self._known_people.get(pseudonym)
            if person is None:
                return "unknown"
            purposes = {c.purpose for c in person.consents if c.withdrawn_on is None}
            if _P.PROGRAMME_PARTICIPATION not in purposes or (
                health and _P.HEALTH_DATA_PROCESSING not in purposes
            ):
                return "consent"
            return None

        return check

    def _attendances(self, enrolments: dict[str, tuple[Row, Enrolment]], offerings: dict[str, Offering],
                     sessions: list[Session], people: dict[str, tuple[Row, Participant]]) -> list[tuple[Row, Attendance]]:  # fmt: skip
        numbers = {(s.offering_id, s.on): s.number for s in sessions}
        check = self._consent_ok(people, health=False)
        found: dict[tuple[str, int], tuple[Row, Attendance]] = {}
        for row, oid, marks in self._attend:
            if row.problems or row.pseudonym is None or oid not in offerings:
                continue
            eid = enrolment_id(oid, row.pseudonym)
            if eid not in enrolments and eid not in self._known_enrolments:
                row.problem("course", "keine Anmeldung dieser Person für diesen Kurs (Teilnehmendenliste mit importieren?)",
                            "no enrolment of this person in this course (import the participant list too?)")  # fmt: skip
                continue
            if check(row.pseudonym) is not None:
                row.problem(None, "keine Einwilligung zur Teilnahme: Anwesenheiten werden nicht übernommen",
                            "no consent to programme participation: attendance is not imported")  # fmt: skip
                continue
            for day, status, index in marks:
                key = (eid, numbers[(oid, day)])
                if key in found:
                    row.problem(index, "dieser Termin ist für diese Person schon in einer anderen Zeile eingetragen",
                                "this session is already recorded for this person in another row")  # fmt: skip
                    continue
                found[key] = (
                    row,
                    Attendance(enrolment_id=eid, session_number=key[1], status=status),
                )
        return list(found.values())


_EN = {
    "kein Modul angegeben": "no module given",
    "verschiedene Module für denselben Kurs": "different modules for the same course",
    "unbekanntes Modul (nicht im Katalog des Standorts)": "unknown module (not in the site's catalogue)",
    "keine Termine bekannt: die Anwesenheitsliste des Kurses mit importieren oder Kursbeginn angeben": "no session dates known: import the course's attendance sheet too or give the course start",
}
