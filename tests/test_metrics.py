"""Metrics: the merge law, no double counting, the JSON Lines path, errors."""

from __future__ import annotations

import pickle
from collections.abc import Sequence
from datetime import date
from fractions import Fraction

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from arbeit_gesundheit import (
    Attendance,
    AttendanceStatus,
    Consent,
    ConsentPurpose,
    Dataset,
    Enrolment,
    EnrolmentStatus,
    Event,
    Participant,
    StatusChange,
    jsonl,
    metrics,
)
from arbeit_gesundheit.exceptions import DocumentError, MetricsError
from arbeit_gesundheit.metrics import _from_jsonl
from arbeit_gesundheit.synthetic import generate_cohort

BREAKDOWNS = [
    ("site",),
    ("field_of_action",),
    ("module", "gender"),
    ("provider",),
    ("age_band", "benefit"),
]

COHORTS = [
    generate_cohort(seed=11, participants=90, sites=3),
    generate_cohort(seed=12, participants=60, sites=2, enrolments_per_participant=2.0),
]


def split(dataset: Dataset, person_part: Sequence[int], event_part: Sequence[int], parts: int):
    """Split a cohort by persons into ``parts`` datasets; each gets the whole catalogue."""
    owner = {p.pseudonym: person_part[i] for i, p in enumerate(dataset.participants)}
    enrolment_owner = {e.id: owner[e.participant] for e in dataset.enrolments}
    out = []
    for k in range(parts):
        out.append(
            attrs.evolve(
                dataset,
                participants=[p for p in dataset.participants if owner[p.pseudonym] == k],
                enrolments=[e for e in dataset.enrolments if owner[e.participant] == k],
                attendances=[
                    a for a in dataset.attendances if enrolment_owner[a.enrolment_id] == k
                ],
                assessments=[a for a in dataset.assessments if owner[a.participant] == k],
                outcomes=[o for o in dataset.outcomes if owner[o.participant] == k],
                needs_assessments=[
                    n for n in dataset.needs_assessments if owner[n.participant] == k
                ],
                plans=[p for p in dataset.plans if owner[p.participant] == k],
                referrals=[r for r in dataset.referrals if owner[r.participant] == k],
                events=[e for i, e in enumerate(dataset.events) if event_part[i] == k],
            )
        )
    return out


@st.composite
def partitions(draw, parts: int = 2):
    index = draw(st.integers(0, len(COHORTS) - 1))
    dataset = COHORTS[index]
    people = draw(
        st.lists(
            st.integers(0, parts - 1),
            min_size=len(dataset.participants),
            max_size=len(dataset.participants),
        )
    )
    events = draw(
        st.lists(
            st.integers(0, parts - 1), min_size=len(dataset.events), max_size=len(dataset.events)
        )
    )
    return dataset, people, events


def agg(dataset: Dataset) -> metrics.MetricsAggregate:
    return metrics.aggregate(dataset, by=BREAKDOWNS)


FULL = [agg(d) for d in COHORTS]


@settings(max_examples=25)
@given(partitions())
def test_merge_law_for_disjoint_cohorts(case):
    dataset, people, events = case
    a, b = split(dataset, people, events, 2)
    merged = agg(a).merge(agg(b))
    assert merged == FULL[COHORTS.index(dataset)]
    assert agg(a) + agg(b) == merged


@settings(max_examples=15)
@given(partitions(parts=3))
def test_merge_is_associative_and_commutative(case):
    dataset, people, events = case
    a, b, c = (agg(d) for d in split(dataset, people, events, 3))
    assert (a + b) + c == a + (b + c)
    assert a + b == b + a
    assert metrics.merge(a, b, c) == FULL[COHORTS.index(dataset)]


@settings(max_examples=10)
@given(partitions())
def test_empty_aggregate_is_the_identity(case):
    dataset, people, events = case
    a, _b = split(dataset, people, events, 2)
    empty = metrics.MetricsAggregate.empty()
    assert agg(a) + empty == agg(a)
    assert empty + agg(a) == agg(a)
    assert metrics.merge() == empty
    # An empty cohort (catalogue only) aggregates to the identity.
    nobody = split(dataset, [1] * len(dataset.participants), [1] * len(dataset.events), 2)[0]
    assert agg(nobody) == empty


def test_aggregate_contains_no_pseudonyms():
    dataset = COHORTS[0]
    blob = repr(FULL[0]) + repr(pickle.dumps(FULL[0]))
    for p in dataset.participants:
        assert p.pseudonym not in blob


def test_aggregate_pickles_and_compares_equal():
    assert pickle.loads(pickle.dumps(FULL[0])) == FULL[0]


def _tiny(enrolments: int) -> Dataset:
    base = generate_cohort(seed=3, participants=1)
    person = Participant(
        pseudonym="t-000001",
        site_id=base.sites[0].id,
        birth_year=1980,
        benefit=base.participants[0].benefit,
        consents=[Consent(ConsentPurpose.PROGRAMME_PARTICIPATION, given_on=date(2000, 1, 1))],
    )
    offerings = base.offerings[:enrolments]
    enrols = []
    atts = []
    for i, offering in enumerate(offerings):
        enrols.append(
            Enrolment(
                id=f"t-e{i}",
                participant=person.pseudonym,
                offering_id=offering.id,
                status=EnrolmentStatus.COMPLETED,
                history=[
                    StatusChange(EnrolmentStatus.REGISTERED, offering.starts_on),
                    StatusChange(EnrolmentStatus.COMPLETED, offering.ends_on),
                ],
            )
        )
        atts.append(Attendance(f"t-e{i}", 1, AttendanceStatus.PRESENT))
    return attrs.evolve(
        base,
        participants=[person],
        enrolments=enrols,
        attendances=atts,
        assessments=[],
        outcomes=[],
        needs_assessments=[],
        plans=[],
        referrals=[],
    )


def test_a_person_with_three_enrolments_is_counted_once():
    dataset = _tiny(3)
    result = metrics.aggregate(dataset, by=("site",))
    year = dataset.offerings[0].starts_on.year
    site = dataset.sites[0].id
    assert result.value("reach", year=year) == 1
    assert result.value("reach", year=year, by=("site",), group=(site,)) == 1
    assert result.value("places_filled", year=year) == 3
    assert result.value("completion_rate", year=year) == 100


def test_attendance_rate_is_the_mean_of_per_enrolment_rates():
    dataset = _tiny(2)
    sessions = {}
    for s in dataset.sessions:
        sessions[s.offering_id] = sessions.get(s.offering_id, 0) + 1
    expected = Fraction(100, 2) * sum(Fraction(1, sessions[o.id]) for o in dataset.offerings[:2])
    year = dataset.offerings[0].starts_on.year
    assert metrics.aggregate(dataset).value("attendance_rate", year=year) == expected


def test_year_filter_keeps_only_that_year():
    dataset = COHORTS[0]
    year = dataset.offerings[0].starts_on.year
    only = metrics.aggregate(dataset, year=year, by=BREAKDOWNS)
    assert {k for k in only.cells if k[0] == year} == {k for k in FULL[0].cells if k[0] == year}
    assert metrics.aggregate(dataset, year=1999).cells == {}


def test_events_count_partners_as_a_set():
    dataset = COHORTS[0]
    site = dataset.sites[0].id
    year = dataset.events[0].on.year
    e1 = Event("x-1", site, "Gesundheitstag", date(year, 5, 1), partner_ids={"aok", "tk"},
               visitors=100)  # fmt: skip
    e2 = Event("x-2", site, "Gesundheitstag", date(year, 9, 1), partner_ids={"aok"})
    only_events = attrs.evolve(
        dataset, participants=[], enrolments=[], attendances=[], assessments=[], outcomes=[],
        needs_assessments=[], plans=[], referrals=[], events=[e1, e2],
    )  # fmt: skip
    result = metrics.aggregate(only_events)
    assert result.value("events", year=year) == 2
    assert result.value("event_partners", year=year) == 2
    assert result.value("event_visitors", year=year) == 100
    assert result.value("events", year=year, by=("site",), group=(site,)) == 2


def test_jsonl_path_equals_dataset_path(tmp_path):
    dataset = COHORTS[0]
    path = jsonl.write_jsonl(dataset, tmp_path / "cohort.jsonl")
    assert metrics.aggregate_jsonl(path, by=BREAKDOWNS, workers=1) == FULL[0]


def test_parallel_jsonl_path_equals_serial(tmp_path, monkeypatch):
    dataset = COHORTS[0]
    path = jsonl.write_jsonl(dataset, tmp_path / "cohort.jsonl")
    monkeypatch.setattr(_from_jsonl, "_PARALLEL_MIN_BYTES", 0)
    assert metrics.aggregate_jsonl(path, by=BREAKDOWNS, workers=3) == FULL[0]


def test_jsonl_problem_names_the_line(tmp_path):
    dataset = COHORTS[1]
    path = jsonl.write_jsonl(dataset, tmp_path / "cohort.jsonl")
    lines = path.read_bytes().splitlines()
    index = next(i for i, line in enumerate(lines) if b'"type":"enrolment"' in line)
    lines[index] = lines[index].replace(b'"status":"', b'"status":"finished', 1)
    path.write_bytes(b"\n".join(lines) + b"\n")
    with pytest.raises(DocumentError) as info:
        metrics.aggregate_jsonl(path, workers=1)
    assert f"line {index + 1}" in str(info.value)


def test_dangling_reference_is_reported(tmp_path):
    dataset = COHORTS[1]
    broken = attrs.evolve(dataset, participants=dataset.participants[1:])
    with pytest.raises(MetricsError, match="unknown participant"):
        metrics.aggregate(broken)


@pytest.mark.parametrize("by", ["nonsense", ("site", "site"), [("site",), ("colour",)], 42])
def test_bad_breakdown_is_refused(by):
    with pytest.raises(MetricsError):
        metrics.aggregate(COHORTS[1], by=by)


def test_bad_arguments_are_refused():
    with pytest.raises(MetricsError):
        metrics.aggregate("not a dataset")  # type: ignore[arg-type]
    with pytest.raises(MetricsError):
        metrics.aggregate(COHORTS[1], year="2024")  # type: ignore[arg-type]
    with pytest.raises(MetricsError):
        metrics.metric("happiness")
    with pytest.raises(MetricsError):
        FULL[0].merge("x")  # type: ignore[arg-type]


def test_metric_definitions_have_direction_and_labels():
    assert metrics.metric("dropout_rate").higher_is_better is False
    assert metrics.metric("completion_rate").higher_is_better is True
    assert metrics.metric("dropout_rate:illness").label() == "Abbruchquote: Krankheit"
    for definition in metrics.METRICS.values():
        assert definition.label("de")
        assert definition.label("en")
    assert metrics.format_value(Fraction(1492, 20), "percent") == "74,6 %"
    assert metrics.format_value(4020, "count") == "4.020"
    assert metrics.format_value(4020, "count", "en") == "4,020"
