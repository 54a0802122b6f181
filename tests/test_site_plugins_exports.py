"""The site plugins' own exports: Viersen's plan progress per coach and the teamw()rk report.

Both are aggregate CSV exports; the tests read them back with the csv module, compare the
figures with counts computed independently here, and check small-count protection.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from datetime import date
from typing import Any

import pytest
from ag_programme_teamwork import (
    plugin as teamwork,  # installed by requirements/test.txt: a missing plugin fails
)
from ag_programme_teamwork.report import GkvReportExporter, took_place
from ag_site_gelsenkirchen import (
    plugin as gelsenkirchen,  # installed by requirements/test.txt: a missing plugin fails
)
from ag_site_ilmkreis import (
    plugin as ilmkreis,  # installed by requirements/test.txt: a missing plugin fails
)
from ag_site_unstrut_hainich import (
    plugin as unstrut_hainich,  # installed by requirements/test.txt: a missing plugin fails
)
from ag_site_viersen import catalogue as vie
from ag_site_viersen.progress import PlanProgressExporter, plan_progress
from hypothesis import given
from hypothesis import strategies as st

from arbeit_gesundheit import (
    ActivityPlan,
    BenefitType,
    Consent,
    ConsentPurpose,
    Dataset,
    EnrolmentStatus,
    InvalidFieldError,
    Participant,
    StepStatus,
)
from arbeit_gesundheit.metrics import countable
from arbeit_gesundheit.plugins import (
    ExportOptions,
    PluginManager,
    get_registry,
)
from arbeit_gesundheit.plugins.registry import Registry
from arbeit_gesundheit.testing import strategies as ags

AS_OF = date(2022, 6, 30)
COACH_IDS = [c.id for c in vie.COACHES]


def read_sections(output: bytes) -> tuple[list[str], list[list[list[str]]]]:
    """The heading lines and the tables (each: title row, header, body and total rows)."""
    text = output.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    heading: list[str] = []
    sections: list[list[list[str]]] = []
    current: list[list[str]] | None = None
    for row in rows:
        if not row:
            current = []
            sections.append(current)
        elif current is None:
            heading.append(row[0])
        else:
            current.append(row)
    return heading, sections


def body(section: list[list[str]]) -> dict[str, list[str]]:
    """Rows of a table by their label (the total row under "Insgesamt"/"Total")."""
    return {row[0]: row[1:] for row in section[2:]}


# -- Viersen: plan progress per coach ----------------------------------------------------------

_steps = ags.steps(due_on=ags.dates(min_value=date(2021, 1, 1), max_value=date(2023, 12, 31)))
_plans = ags.activity_plans(
    coach_ids=st.sampled_from([*COACH_IDS, "other-coach"]),
    created_on=ags.dates(min_value=date(2021, 1, 1), max_value=date(2022, 12, 31)),
    goals=st.lists(ags.goals(steps=st.lists(_steps, max_size=4)), max_size=3),
)
# A dataset holds each plan once (Dataset refuses a repeated id).
_unique_plans = st.lists(_plans, max_size=8, unique_by=lambda p: p.id)


def _expected(plans: list[ActivityPlan], as_of: date) -> dict[str, Counter[str]]:
    counts: dict[str, Counter[str]] = {}
    for plan in plans:
        if plan.created_on > as_of:
            continue
        row = counts.setdefault(plan.coach_id, Counter())
        row["plans"] += 1
        steps = [s for g in plan.goals for s in g.steps]
        overdue = [
            s
            for s in steps
            if s.status in (StepStatus.OPEN, StepStatus.IN_PROGRESS) and s.due_on < as_of
        ]
        row["plans_with_overdue"] += bool(overdue)
        row["steps"] += len(steps)
        row["steps_done"] += sum(s.status is StepStatus.DONE for s in steps)
        row["steps_dropped"] += sum(s.status is StepStatus.DROPPED for s in steps)
        row["steps_overdue"] += len(overdue)
        row["goals"] += len(plan.goals)
        for goal in plan.goals:
            states = [s.status for s in goal.steps]
            pending = [
                s for s in goal.steps if s.status in (StepStatus.OPEN, StepStatus.IN_PROGRESS)
            ]
            row["goals_reached"] += StepStatus.DONE in states and not pending
    return counts


@given(plans=st.lists(_plans, max_size=8), as_of=ags.dates(min_value=date(2021, 1, 1)))
def test_plan_progress_counts_every_step_once(plans: list[ActivityPlan], as_of: date) -> None:
    progress = {row.coach_id: row for row in plan_progress(plans, as_of, COACH_IDS)}
    expected = _expected(plans, as_of)
    assert set(COACH_IDS) <= set(progress)
    assert set(progress) == set(COACH_IDS) | set(expected)
    for coach, row in progress.items():
        want = expected.get(coach, Counter())
        assert row.plans == want["plans"]
        assert row.plans_with_overdue == want["plans_with_overdue"]
        assert row.goals == want["goals"]
        assert row.goals_reached == want["goals_reached"]
        assert row.steps == want["steps"]
        assert row.steps_done == want["steps_done"]
        assert row.steps_dropped == want["steps_dropped"]
        assert row.steps_overdue == want["steps_overdue"]
        assert (
            row.steps_open
            == want["steps"] - want["steps_done"] - want["steps_dropped"] - (want["steps_overdue"])
        )


def _people(plans: list[ActivityPlan], withdrawn: frozenset[str] = frozenset()) -> list[Any]:
    """The plans' people with health-data consent (withdrawn for those named)."""
    return [
        Participant(
            pseudonym=pseudonym,
            site_id=vie.SITE_ID,
            birth_year=1980,
            benefit=BenefitType.SGB_II,
            consents=[
                Consent(
                    ConsentPurpose.HEALTH_DATA_PROCESSING,
                    given_on=date(1990, 1, 1),
                    withdrawn_on=date(2022, 7, 1) if pseudonym in withdrawn else None,
                )
            ],
        )
        for pseudonym in sorted({p.participant for p in plans})
    ]


@given(plans=_unique_plans)
def test_plan_progress_export_matches_the_counts(plans: list[ActivityPlan]) -> None:
    data = Dataset(coaches=vie.COACHES, plans=plans, participants=_people(plans))
    exporter = PlanProgressExporter()
    output = exporter.export(data, ExportOptions(min_count=1, as_of=AS_OF))
    heading, sections = read_sections(output)
    assert "30.06.2022" in heading[0]
    plans_table, goals_table, steps_table = (body(s) for s in sections)
    expected = _expected([p for p in plans if p.coach_id in COACH_IDS], AS_OF)
    for coach in COACH_IDS:
        want = expected.get(coach, Counter())
        assert plans_table[coach][-1] == str(want["plans"])
        assert plans_table[coach][0] == str(want["plans_with_overdue"])
        assert goals_table[coach][-1] == str(want["goals"])
        assert steps_table[coach][-1] == str(want["steps"])
        assert steps_table[coach][2] == str(want["steps_overdue"])
    assert "other-coach" not in plans_table
    assert plans_table["Insgesamt"][-1] == str(sum(e["plans"] for e in expected.values()))


@given(plans=_unique_plans, data=st.data())
def test_plan_progress_leaves_out_plans_without_health_data_consent(
    plans: list[ActivityPlan], data: st.DataObject
) -> None:
    """Activity plans are health data: a withdrawal takes the person's plans out."""
    people = sorted({p.participant for p in plans})
    gone = frozenset(data.draw(st.sets(st.sampled_from(people))) if people else ())
    dataset = Dataset(coaches=vie.COACHES, plans=plans, participants=_people(plans, gone))
    output = PlanProgressExporter().export(dataset, ExportOptions(min_count=1, as_of=AS_OF))
    _heading, sections = read_sections(output)
    plans_table = body(sections[0])
    kept = [
        p
        for p in plans
        if p.coach_id in COACH_IDS and p.participant not in gone and p.created_on <= AS_OF
    ]
    assert plans_table["Insgesamt"][-1] == str(len(kept))


@given(plans=_unique_plans, lang=st.sampled_from(["de", "en"]))
def test_plan_progress_export_protects_small_counts(plans: list[ActivityPlan], lang: Any) -> None:
    data = Dataset(coaches=vie.COACHES, plans=plans, participants=_people(plans))
    output = PlanProgressExporter().export(data, ExportOptions(lang=lang, as_of=AS_OF))
    _, sections = read_sections(output)
    assert len(sections) == 3
    for section in sections:
        for row in section[2:]:
            for cell in row[1:]:
                assert cell not in ("1", "2"), (section[0], row)


def test_plan_progress_export_rejects_a_bad_date() -> None:
    with pytest.raises(InvalidFieldError) as caught:
        ExportOptions(as_of="30.06.2022")  # type: ignore[arg-type]
    assert caught.value.field == "as_of"
    with pytest.raises(InvalidFieldError):
        PlanProgressExporter().export("not a dataset", ExportOptions())


# -- teamw()rk: report to the GKV-Bündnis ------------------------------------------------------


@pytest.fixture(scope="module")
def registry() -> Registry:
    manager = PluginManager(entry_points=False, environ={})
    for plugin, name in (
        (ilmkreis.plugin, "ilmkreis"),
        (unstrut_hainich.plugin, "unstrut_hainich"),
        (gelsenkirchen.plugin, "gelsenkirchen"),
        (teamwork, "teamwork"),
    ):
        manager.register(plugin, name)
    return get_registry(manager)


@st.composite
def cohorts(draw: st.DrawFn, registry: Registry) -> Dataset:
    """Participants, offerings and enrolments at two programme sites and one other site."""
    bundles = [registry.site(s) for s in ("ilmkreis", "unstrut_hainich", "gelsenkirchen")]
    people: dict[str, Participant] = {}
    offerings = []
    for bundle in bundles:
        for person in draw(
            st.lists(
                ags.participants(
                    site_ids=st.just(bundle.id),
                    restrictions=st.just(()),
                    consents=st.just(()),
                    genders=st.none(),
                ),
                min_size=1,
                max_size=4,
            )
        ):
            people.setdefault(person.pseudonym, person)
        offerings += draw(
            st.lists(
                ags.offerings(
                    module_ids=st.sampled_from([m.id for m in bundle.modules]),
                    locations=st.none(),
                    provider_ids=st.none(),
                ),
                min_size=1,
                max_size=2,
            )
        )
    offerings = list({o.id: o for o in offerings}.values())
    enrolments = draw(
        st.lists(
            ags.enrolments(
                participants=st.sampled_from(sorted(people)),
                offering_ids=st.sampled_from([o.id for o in offerings]),
                enrolled_on=ags.dates(min_value=date(2023, 1, 1), max_value=date(2024, 12, 31)),
            ),
            max_size=15,
            unique_by=lambda e: e.id,
        )
    )
    return Dataset(
        sites=[b.site for b in bundles],
        modules=[m for b in bundles for m in b.modules],
        offerings=offerings,
        participants=list(people.values()),
        enrolments=enrolments,
    )


def test_teamwork_report_is_offered_everywhere(registry: Registry) -> None:
    for site_id in ("ilmkreis", "unstrut_hainich", "gelsenkirchen"):
        names = {e.name for e in registry.site(site_id).exporters}
        assert "teamwork-gkv-report" in names


@given(data=st.data())
def test_teamwork_report_figures(registry: Registry, data: st.DataObject) -> None:
    dataset = data.draw(cohorts(registry))
    exporter = GkvReportExporter()
    heading, sections = read_sections(exporter.export(dataset, ExportOptions(min_count=1)))
    assert heading[0].startswith("teamw()rk")
    reached, by_field, by_state = (body(s) for s in sections)
    site_of = {p.pseudonym: p.site_id for p in dataset.participants}
    # only places the consent rule lets a figure count (checked against an oracle elsewhere)
    taken = [e for e in countable(dataset).enrolments if took_place(e)]
    for site_id in ("ilmkreis", "unstrut_hainich"):
        mine = [e for e in taken if site_of[e.participant] == site_id]
        people = {e.participant for e in mine}
        assert reached[site_id][-1] == str(len(people))
        assert by_field[site_id][-1] == str(len(mine))
        assert by_state[site_id][-1] == str(len(mine))
        completed = sum(e.status is EnrolmentStatus.COMPLETED for e in mine)
        assert by_state[site_id][0] == str(completed)
        benefits = Counter(p.benefit for p in dataset.participants if p.pseudonym in people)
        header = sections[0][1]
        column = header.index("SGB II (Bürgergeld)") - 1
        assert reached[site_id][column] == str(benefits[BenefitType.SGB_II])
    assert "gelsenkirchen" not in reached
    assert set(reached) == {"ilmkreis", "unstrut_hainich", "Insgesamt"}

    # Small counts are protected (in either language) ...
    lang = data.draw(st.sampled_from(["de", "en"]), label="lang")
    _, protected = read_sections(exporter.export(dataset, ExportOptions(lang=lang, min_count=3)))
    for section in protected:
        for row in section[2:]:
            assert not set(row[1:]) & {"1", "2"}, (section[0], row)

    # ... and the places of single years never exceed those of all years.
    def places(year: int) -> int:
        options = ExportOptions(min_count=1, extra={"year": year})
        _, sections = read_sections(exporter.export(dataset, options))
        return int(body(sections[1])["Insgesamt"][-1])

    by_year = sum(places(year) for year in range(2023, 2027))
    assert by_year <= int(by_field["Insgesamt"][-1])


def test_teamwork_report_year_filter_and_options(registry: Registry) -> None:
    with pytest.raises(InvalidFieldError):
        GkvReportExporter().export(Dataset(), ExportOptions(extra={"year": "2024"}))
    output = GkvReportExporter().export(Dataset(), ExportOptions(extra={"year": 2024}))
    heading, sections = read_sections(output)
    assert heading == [
        "teamw()rk: Bericht an das GKV-Bündnis für Gesundheit – 2024",
        "Keine teamw()rk-Standorte in den Daten.",
    ]
    assert sections == []
