"""Plan progress per Health Care Coach: the Regionales Präventionszentrum's own export.

Counts per coach how many activity plans (Aktivitätspläne), goals and agreed steps there are
and how far they have come, as of a day. The export (:class:`PlanProgressExporter`, CSV as
German Excel opens it) is aggregate: coaches are rows identified by internal id, and every
table goes through small-count protection (:mod:`arbeit_gesundheit.disclosure`) before it
leaves the library.

Definitions (the project text gives none; these are illustrative):

* a step is *done* when its status is done, *dropped* when dropped, *overdue* when open or in
  progress and due before the as-of day, otherwise *open*;
* a goal is *reached* when it has at least one done step and no open, in-progress or overdue
  step;
* a plan counts when it was created on or before the as-of day; a plan *has overdue steps*
  when one of its steps is overdue.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Final, Literal

from attrs import frozen

from arbeit_gesundheit import ActivityPlan, Dataset, InvalidFieldError, StepStatus
from arbeit_gesundheit.disclosure import CountTable, ProtectedTable, SuppressionPolicy
from arbeit_gesundheit.eligibility import format_date
from arbeit_gesundheit.metrics import countable
from arbeit_gesundheit.plugins import ExportOptions, ExportScope

from .catalogue import COACHES, SITE_ID

__all__ = [
    "CoachProgress",
    "PlanProgressExporter",
    "plan_progress",
    "progress_tables",
]

#: Output language (the core's ``Language`` alias, which the package root does not export).
Language = Literal["de", "en"]


@frozen
class CoachProgress:
    """The figures of one coach's activity plans as of a day (all counts, no persons)."""

    coach_id: str
    plans: int = 0
    plans_with_overdue: int = 0
    goals: int = 0
    goals_reached: int = 0
    steps_done: int = 0
    steps_open: int = 0
    steps_overdue: int = 0
    steps_dropped: int = 0

    @property
    def steps(self) -> int:
        return self.steps_done + self.steps_open + self.steps_overdue + self.steps_dropped


_ACTIVE: Final = frozenset({StepStatus.OPEN, StepStatus.IN_PROGRESS})


def plan_progress(
    plans: Iterable[ActivityPlan], as_of: date, coach_ids: Iterable[str] = ()
) -> tuple[CoachProgress, ...]:
    """The progress per coach, sorted by coach id.

    Every coach in ``coach_ids`` gets a row (with zeros when they have no plan); coaches
    found only in ``plans`` get one too.
    """
    if type(as_of) is not date:
        raise InvalidFieldError("plan_progress", "as_of", "a date", as_of)
    rows: dict[str, dict[str, int]] = {coach: {} for coach in coach_ids}
    for plan in plans:
        if not isinstance(plan, ActivityPlan):
            raise InvalidFieldError("plan_progress", "plans", "ActivityPlan records", plan)
        if plan.created_on > as_of:
            continue
        row = rows.setdefault(plan.coach_id, {})
        plan_overdue = False
        row["plans"] = row.get("plans", 0) + 1
        for goal in plan.goals:
            done = pending = 0
            for step in goal.steps:
                if step.status is StepStatus.DONE:
                    key = "steps_done"
                    done += 1
                elif step.status is StepStatus.DROPPED:
                    key = "steps_dropped"
                elif step.due_on < as_of:
                    key = "steps_overdue"
                    plan_overdue = True
                    pending += 1
                else:
                    key = "steps_open"
                    pending += 1
                row[key] = row.get(key, 0) + 1
            row["goals"] = row.get("goals", 0) + 1
            if done and not pending:
                row["goals_reached"] = row.get("goals_reached", 0) + 1
        if plan_overdue:
            row["plans_with_overdue"] = row.get("plans_with_overdue", 0) + 1
    return tuple(CoachProgress(coach, **rows[coach]) for coach in sorted(rows))


_TITLES: Final = {
    "plans": ("Aktivitätspläne je Health Care Coach", "Activity plans per Health Care Coach"),
    "goals": ("Ziele je Health Care Coach", "Goals per Health Care Coach"),
    "steps": ("Vereinbarte Schritte je Health Care Coach", "Agreed steps per Health Care Coach"),
}
_COLUMNS: Final = {
    "plans": (
        ("mit überfälligen Schritten", "with overdue steps"),
        ("ohne überfällige Schritte", "without overdue steps"),
    ),
    "goals": (("erreicht", "reached"), ("in Arbeit", "in progress")),
    "steps": (
        ("erledigt", "done"),
        ("offen", "open"),
        ("überfällig", "overdue"),
        ("verworfen", "dropped"),
    ),
}


def _figures(row: CoachProgress) -> dict[str, tuple[int, ...]]:
    return {
        "plans": (row.plans_with_overdue, row.plans - row.plans_with_overdue),
        "goals": (row.goals_reached, row.goals - row.goals_reached),
        "steps": (row.steps_done, row.steps_open, row.steps_overdue, row.steps_dropped),
    }


def progress_tables(
    progress: Sequence[CoachProgress], lang: Language = "de"
) -> tuple[CountTable, ...]:
    """Three count tables (plans, goals, steps), one row per coach, German by default.

    Each table's row total is the coach's number of plans, goals or steps.
    """
    if not progress:
        raise InvalidFieldError("progress_tables", "progress", "at least one coach", progress)
    index = 0 if lang == "de" else 1
    figures = [_figures(row) for row in progress]
    return tuple(
        CountTable(
            rows=tuple(row.coach_id for row in progress),
            columns=tuple(pair[index] for pair in _COLUMNS[kind]),
            cells=tuple(f[kind] for f in figures),
            title=_TITLES[kind][index],
        )
        for kind in ("plans", "goals", "steps")
    )


def _write_csv(heading: str, tables: Iterable[ProtectedTable], lang: Language) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([heading])
    for table in tables:
        writer.writerow([])
        writer.writerow([table.title or ""])
        writer.writerows(table.to_rows(lang))
    return buffer.getvalue().encode("utf-8-sig")


class PlanProgressExporter:
    """Plan progress per Health Care Coach as CSV for German Excel (aggregate).

    Exports a :class:`~arbeit_gesundheit.Dataset`: the rows are the Viersen coaches (those of
    the dataset with ``site_id == "viersen"``, or the plugin's four coaches when the dataset
    lists none) and only their plans count. Options: ``as_of`` (the day steps count as
    overdue; default today) and ``min_count`` (counts below it are shown as ".",
    with secondary suppression).
    """

    name = "viersen-plan-progress"
    media_type = "text/csv"
    suffix = ".csv"
    scope = ExportScope.AGGREGATE

    def title(self, lang: Language = "de") -> str:
        if lang == "de":
            return "Fortschritt der Aktivitätspläne je Coach (Kreis Viersen)"
        return "Activity plan progress per coach (Kreis Viersen)"

    def supports(self, data: object) -> bool:
        return isinstance(data, Dataset)

    def export(self, data: object, options: ExportOptions) -> bytes:
        if not isinstance(data, Dataset):
            raise InvalidFieldError(type(self).__name__, "data", "a Dataset", data)
        as_of = options.reference_date()
        coaches = [c.id for c in data.coaches if c.site_id == SITE_ID] or [c.id for c in COACHES]
        known = frozenset(coaches)
        # activity plans are health data: only those the consent rule lets count
        allowed = countable(data)
        plans = [plan for plan in allowed.plans if plan.coach_id in known]
        progress = plan_progress(plans, as_of, coaches)
        policy = SuppressionPolicy(threshold=options.min_count)
        lang = options.lang
        protected = [policy.apply(table) for table in progress_tables(progress, lang)]
        day = format_date(as_of, lang)
        heading = (
            f"Regionales Präventionszentrum Kreis Viersen – Stand {day}"
            if lang == "de"
            else f"Regional prevention centre Kreis Viersen – as of {day}"
        )
        return _write_csv(heading, protected, lang)

    def __repr__(self) -> str:
        return "PlanProgressExporter()"
