"""The plain facts the metrics need, gathered from records: :class:`_Collector`.

Records are first reduced to a few facts per participant, enrolment and offering, either
from the models of a :class:`~arbeit_gesundheit.model.Dataset` or from raw JSON Lines records
(checked cheaply: only what the metrics read). :mod:`._counting` turns the facts into cells.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from ..exceptions import MetricsError
from ..instruments import WHO_5
from ..jsonl import HEADER_TYPE, RECORD_TYPES
from ..model import AttendanceStatus, Dataset, EnrolmentStatus, OutcomeKind
from ._consents import PersonConsents, from_models, from_raw
from ._definitions import _BENEFITS, _ENDED, _FIELDS, _GENDERS, _REASONS, UNKNOWN

__all__ = ["_Collector"]

_FINAL = frozenset(_ENDED)
_STATUSES = frozenset(s.value for s in EnrolmentStatus)
_INTEGRATION = frozenset(k.value for k in OutcomeKind if k.is_integration)
_KINDS = frozenset(k.value for k in OutcomeKind)
_WHO5_ITEMS = ("who5_1", "who5_2", "who5_3", "who5_4", "who5_5")


class _Collector:
    """Plain facts gathered from records, enough to compute every metric."""

    def __init__(self) -> None:
        # catalogue
        self.modules: dict[str, tuple[str, str | None, int]] = {}
        self.offerings: dict[str, tuple[str, str, str | None]] = {}
        self.session_counts: dict[str, int] = {}
        # persons
        self.persons: dict[str, tuple[str, str, int, str, bool]] = {}
        self.consents: dict[str, PersonConsents] = {}
        # id -> [participant, offering, status, end, reason, first day]
        self.enrolments: dict[str, list[Any]] = {}
        self.present: dict[str, int] = {}
        # pseudonym -> [day, raw score, day, raw score, ...] (every measurement: gated later)
        self.who5: dict[str, list[int]] = {}
        self.integrations: dict[str, list[int]] = {}
        self.events: list[tuple[str, int, int, list[str]]] = []

    # catalogue ----------------------------------------------------------------------------
    def catalogue(self) -> dict[str, tuple[int, int, str, str, str, int]]:
        """Resolve offerings: id -> (year, start ordinal, module, field, provider, sessions)."""
        out: dict[str, tuple[int, int, str, str, str, int]] = {}
        for oid, (module_id, starts_on, provider) in self.offerings.items():
            module = self.modules.get(module_id)
            if module is None:
                raise MetricsError(f"offering {oid} refers to unknown module {module_id!r}")
            start = date.fromisoformat(starts_on)
            sessions = self.session_counts.get(oid) or module[2]
            out[oid] = (
                start.year,
                start.toordinal(),
                module_id,
                module[0],
                provider or module[1] or UNKNOWN,
                sessions,
            )
        return out

    # raw JSON records (cheap checks: only what the metrics read) ---------------------------
    def add_raw(self, r: dict[str, Any]) -> None:  # noqa: PLR0915 - one dispatch table
        kind = r["type"]
        if kind == "attendance":
            status = r["status"]
            eid = r["enrolment_id"]
            if status == "present":
                self.present[eid] = self.present.get(eid, 0) + 1
            elif status != "excused" and status != "absent":  # noqa: PLR1714
                raise ValueError(status)
            if type(eid) is not str:
                raise TypeError(eid)
        elif kind == "enrolment":
            status = r["status"]
            if status not in _STATUSES:
                raise ValueError(status)
            reason = r.get("dropout_reason")
            if (reason is not None) != (status == "dropped") or (
                reason is not None and reason not in _REASONS
            ):
                raise ValueError(reason)
            history = r.get("history", ())
            end = first = None
            if history:
                first = date.fromisoformat(history[0]["on"]).toordinal()
                last = history[-1]
                if last["status"] != status:
                    raise ValueError(last)
                if status in _FINAL:
                    end = date.fromisoformat(last["on"]).toordinal()
            participant = r["participant"]
            offering = r["offering_id"]
            if type(participant) is not str or type(offering) is not str:
                raise TypeError(participant)
            self.enrolments[r["id"]] = [participant, offering, status, end, reason, first]
        elif kind == "participant":
            gender = r.get("gender")
            benefit = r["benefit"]
            birth_year = r["birth_year"]
            site = r["site_id"]
            if (
                (gender is not None and gender not in _GENDERS)
                or benefit not in _BENEFITS
                or type(birth_year) is not int
                or type(site) is not str
            ):
                raise ValueError(r)
            self.persons[r["pseudonym"]] = (
                site,
                gender or UNKNOWN,
                birth_year,
                benefit,
                bool(r.get("restrictions")),
            )
            self.consents[r["pseudonym"]] = from_raw(r.get("consents"))
        elif kind == "assessment":
            if r["instrument"] == "who5":
                answers = r["answers"]
                raw = 0
                for item in _WHO5_ITEMS:
                    score = answers[item]
                    if type(score) is not int or not 0 <= score <= 5:
                        raise ValueError(score)
                    raw += score
                if len(answers) != 5:
                    raise ValueError(answers)
                self.add_who5(r["participant"], date.fromisoformat(r["on"]).toordinal(), raw)
        elif kind == "outcome":
            kind_value = r["kind"]
            if kind_value in _INTEGRATION:
                on = date.fromisoformat(r["on"]).toordinal()
                self.integrations.setdefault(r["participant"], []).append(on)
            elif kind_value not in _KINDS:
                raise ValueError(kind_value)
        elif kind == "session":
            oid = r["offering_id"]
            self.session_counts[oid] = self.session_counts.get(oid, 0) + 1
        elif kind == "offering":
            starts_on = r["starts_on"]
            date.fromisoformat(starts_on)
            self.offerings[r["id"]] = (r["module_id"], starts_on, r.get("provider_id"))
        elif kind == "module":
            if r["field_of_action"] not in _FIELDS or type(r.get("sessions", 1)) is not int:
                raise ValueError(r)
            self.modules[r["id"]] = (
                r["field_of_action"],
                r.get("provider_id"),
                r.get("sessions", 1),
            )
        elif kind == "event":
            visitors = r.get("visitors")
            if visitors is not None and type(visitors) is not int:
                raise TypeError(visitors)
            partners = list(r.get("partner_ids", ()))
            self.events.append(
                (r["site_id"], date.fromisoformat(r["on"]).year, visitors or 0, partners)
            )
        elif kind not in RECORD_TYPES and kind != HEADER_TYPE:
            raise ValueError(kind)

    def add_who5(self, participant: str, on: int, raw: int) -> None:
        measured = self.who5.get(participant)
        if measured is None:
            self.who5[participant] = [on, raw]
        else:
            measured += (on, raw)

    # models -----------------------------------------------------------------------------
    def add_dataset(self, dataset: Dataset) -> None:
        for module in dataset.modules:
            self.modules[module.id] = (
                module.field_of_action.value,
                module.provider_id,
                module.sessions,
            )
        for offering in dataset.offerings:
            self.offerings[offering.id] = (
                offering.module_id,
                offering.starts_on.isoformat(),
                offering.provider_id,
            )
        for session in dataset.sessions:
            oid = session.offering_id
            self.session_counts[oid] = self.session_counts.get(oid, 0) + 1
        for p in dataset.participants:
            self.persons[p.pseudonym] = (
                p.site_id,
                p.gender.value if p.gender is not None else UNKNOWN,
                p.birth_year,
                p.benefit.value,
                bool(p.restrictions),
            )
            self.consents[p.pseudonym] = from_models(p.consents)
        for e in dataset.enrolments:
            end = e.ended_on
            first = e.history[0].on.toordinal() if e.history else None
            self.enrolments[e.id] = [
                e.participant,
                e.offering_id,
                e.status.value,
                end.toordinal() if end is not None else None,
                e.dropout_reason.value if e.dropout_reason is not None else None,
                first,
            ]
        for a in dataset.attendances:
            if a.status is AttendanceStatus.PRESENT:
                self.present[a.enrolment_id] = self.present.get(a.enrolment_id, 0) + 1
        for s in dataset.assessments:
            if s.instrument == WHO_5.id:
                self.add_who5(s.participant, s.on.toordinal(), WHO_5.score(s.answers).raw)
        for o in dataset.outcomes:
            if o.kind.is_integration:
                self.integrations.setdefault(o.participant, []).append(o.on.toordinal())
        for ev in dataset.events:
            self.events.append((ev.site_id, ev.on.year, ev.visitors or 0, list(ev.partner_ids)))
