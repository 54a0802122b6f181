"""Activity plans from a coach's plan-step list: one row per agreed step.

Rows of the same person, coach and plan date form one plan; rows with the same goal text,
field of action and due date form one goal, numbered ``g1``, ``g2`` … and its steps ``s1``,
``s2`` … in the order of the rows (so appending rows keeps the identifiers). A plan is
imported whole or not at all: one bad row refuses the rows of its plan.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

from ..exceptions import ArbeitGesundheitError, InvalidFieldError
from ..model import ActivityPlan, Goal, Step, StepStatus
from ._rows import Row

__all__ = ["PlanBuilder", "plan_id"]


def plan_id(pseudonym: str, coach: str, created: str) -> str:
    """The plan id of a person's plan with a coach from a day (the same on every import)."""
    return "plan-" + hashlib.sha256(f"{pseudonym}|{coach}|{created}".encode()).hexdigest()[:16]


class PlanBuilder:
    """Collects plan-step rows and builds the plans of the good ones."""

    def __init__(self, coaches: frozenset[str]) -> None:
        self.coaches = coaches
        self.rows: list[tuple[Row, dict[str, Any]]] = []

    def add(self, row: Row) -> None:
        facts = {
            "coach": row.text("coach", required=True, limit=64),
            "created": row.day("plan_created_on", required=True),
            "goal": row.text("goal", required=True),
            "field": row.value("field_of_action", required=True),
            "goal_due": row.day("goal_due_on", required=True),
            "target": row.text("goal_target") if row.has("goal_target") else None,
            "step": row.text("step", required=True),
            "step_due": row.day("step_due_on", required=True),
            "status": row.value("step_status", required=True),
            "done": row.day("step_done_on") if row.has("step_done_on") else None,
        }
        if facts["status"] is StepStatus.DONE and facts["done"] is None:
            row.problem("step_done_on" if row.has("step_done_on") else "step_status",
                        "Erledigt am: ein Datum erwartet, weil der Schritt erledigt ist",
                        "done on: expected a date, since the step is done")  # fmt: skip
        if facts["status"] not in (StepStatus.DONE, None) and facts["done"] is not None:
            row.problem("step_done_on", "Erledigt am: nur bei erledigten Schritten ein Datum",
                        "done on: a date only for steps that are done")  # fmt: skip
        if self.coaches and facts["coach"] is not None and facts["coach"] not in self.coaches:
            row.problem("coach", "unbekannte Kennung des Coaches (nicht unter den Fachkräften des Standorts)",
                        "unknown coach identifier (not among the site's staff)")  # fmt: skip
        self.rows.append((row, facts))

    def build(self, check: Callable[[str], str | None]) -> list[ActivityPlan]:
        groups: dict[tuple[str, str, str], list[tuple[Row, dict[str, Any]]]] = {}
        for row, facts in self.rows:
            key = (row.pseudonym or "", str(facts["coach"]), str(facts["created"]))
            groups.setdefault(key, []).append((row, facts))
        plans = []
        for (pseudonym, coach, _created), rows in groups.items():
            bad = [r for r, _ in rows if r.problems]
            if not bad and pseudonym:
                verdict = check(pseudonym)
                if verdict is not None:
                    de = ("Person unbekannt: Geburtsjahr, Rechtskreis und Einwilligungen in der Liste angeben"
                          if verdict == "unknown" else
                          "ohne Einwilligung zur Teilnahme und zur Verarbeitung von Gesundheitsdaten wird kein Aktivitätsplan übernommen")  # fmt: skip
                    en = ("unknown person: give birth year, benefit and consents in the list" if verdict == "unknown"
                          else "no activity plan is imported without consent to participation and to processing health data")  # fmt: skip
                    rows[0][0].problem(None, de, en)
                    bad = [rows[0][0]]
            if bad:
                for row, _ in rows:
                    if not row.problems:
                        row.problem(None, f"gehört zu einem Aktivitätsplan mit Fehlern (Zeile {bad[0].number})",
                                    f"belongs to an activity plan with problems (row {bad[0].number})")  # fmt: skip
                continue
            plan = self._plan(pseudonym, coach, rows)
            if plan is not None:
                plans.append(plan)
        return plans

    @staticmethod
    def _plan(
        pseudonym: str, coach: str, rows: list[tuple[Row, dict[str, Any]]]
    ) -> ActivityPlan | None:
        goals: dict[tuple[Any, ...], list[Step]] = {}
        try:
            for n, (_row, f) in enumerate(rows, 1):
                key = (f["goal"], f["field"], f["goal_due"], f["target"])
                goals.setdefault(key, []).append(
                    Step(
                        id=f"s{n}",
                        description=f["step"],
                        due_on=f["step_due"],
                        status=f["status"],
                        done_on=f["done"],
                    )
                )
            built = tuple(
                Goal(
                    id=f"g{i}",
                    field_of_action=k[1],
                    description=k[0],
                    due_on=k[2],
                    target=k[3],
                    steps=tuple(steps),
                )
                for i, (k, steps) in enumerate(goals.items(), 1)
            )
            created = rows[0][1]["created"]
            return ActivityPlan(id=plan_id(pseudonym, coach, created.isoformat()), participant=pseudonym,
                                coach_id=coach, created_on=created, goals=built)  # fmt: skip
        except (InvalidFieldError, ArbeitGesundheitError) as exc:
            expected = getattr(exc, "expected", "a valid plan")
            for row, _ in rows:
                row.problem(
                    None,
                    f"Aktivitätsplan ungültig: {expected} erwartet",
                    f"invalid activity plan: expected {expected}",
                )
            return None
