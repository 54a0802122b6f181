"""Synthetic cohorts: determinism, plausibility, and the JSON Lines format."""

from __future__ import annotations

from collections import Counter
from statistics import mean

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from arbeit_gesundheit import (
    AttendanceStatus,
    ConsentPurpose,
    Dataset,
    EnrolmentStatus,
    Land,
    Site,
    converter,
    jsonl,
)
from arbeit_gesundheit.exceptions import DocumentError, InvalidFieldError
from arbeit_gesundheit.synthetic import (
    default_modules,
    generate_cohort,
    iter_cohort_records,
    write_cohort_jsonl,
)

COHORT = generate_cohort(seed=5, participants=300, sites=2)


@settings(max_examples=5)
@given(st.integers(0, 2**32), st.integers(1, 25))
def test_same_seed_same_dataset(seed, participants):
    a = generate_cohort(seed=seed, participants=participants)
    b = generate_cohort(seed=seed, participants=participants)
    assert a == b
    assert converter.dumps(a) == converter.dumps(b)


def test_different_seeds_differ():
    a = generate_cohort(seed=1, participants=30)
    b = generate_cohort(seed=2, participants=30)
    assert converter.dumps(a) != converter.dumps(b)


def test_streamed_file_equals_written_dataset(tmp_path):
    dataset = generate_cohort(seed=9, participants=40, sites=2)
    streamed = write_cohort_jsonl(tmp_path / "a.jsonl", seed=9, participants=40, sites=2)
    written = jsonl.write_jsonl(dataset, tmp_path / "b.jsonl")
    assert streamed.read_bytes() == written.read_bytes()
    assert jsonl.load_jsonl(streamed) == dataset


def test_dataset_round_trips_through_json():
    assert converter.loads(converter.dumps(COHORT)) == COHORT


def test_records_are_person_blocked():
    owner = None
    seen_person = False
    for record in iter_cohort_records(seed=4, participants=20):
        kind = record["type"]
        if kind == "participant":
            owner = record["pseudonym"]
            seen_person = True
        elif kind in jsonl.PERSON_TYPES and kind != "attendance":
            assert record["participant"] == owner
        elif kind in jsonl.SHARED_TYPES:
            assert not seen_person


def test_shares_are_plausible():
    d = COHORT
    statuses = Counter(e.status for e in d.enrolments)
    places = sum(statuses[s] for s in (EnrolmentStatus.COMPLETED, EnrolmentStatus.DROPPED))
    assert 2.5 <= len(d.enrolments) / len(d.participants) <= 3.5
    assert 0.6 <= statuses[EnrolmentStatus.COMPLETED] / places <= 0.9
    assert statuses[EnrolmentStatus.WAITLISTED] + statuses[EnrolmentStatus.REFERRED] > 0
    assert all(e.dropout_reason is not None for e in d.enrolments if e.status == "dropped")
    # long-term unemployed are many, restrictions are common
    first = {e.participant: e.history[0].on for e in d.enrolments}
    ltu = [p.is_long_term_unemployed(first[p.pseudonym]) for p in d.participants]
    assert 0.4 <= sum(1 for x in ltu if x) / len(ltu) <= 0.8
    assert 0.5 <= sum(1 for p in d.participants if p.restrictions) / len(d.participants) <= 0.8
    assert {p.benefit.value for p in d.participants} >= {"sgb2", "sgb3", "both"}
    assert any(c.withdrawn_on for p in d.participants for c in p.consents)


def test_attendance_fits_the_status():
    d = COHORT
    sessions = Counter(s.offering_id for s in d.sessions)
    by_enrolment: dict[str, list] = {}
    for a in d.attendances:
        by_enrolment.setdefault(a.enrolment_id, []).append(a)
    rates = []
    for e in d.enrolments:
        rows = by_enrolment.get(e.id, [])
        if e.status in (EnrolmentStatus.WAITLISTED, EnrolmentStatus.REFERRED, "no_show"):
            assert rows == []
        if e.status == EnrolmentStatus.COMPLETED:
            assert len(rows) == sessions[e.offering_id]
            present = sum(1 for a in rows if a.status is AttendanceStatus.PRESENT)
            rates.append(present / sessions[e.offering_id])
    assert sum(1 for r in rates if r >= 0.8) / len(rates) >= 0.75


def test_consent_is_valid_when_enrolling():
    people = {p.pseudonym: p for p in COHORT.participants}
    for e in COHORT.enrolments:
        person = people[e.participant]
        for purpose in (
            ConsentPurpose.PROGRAMME_PARTICIPATION,
            ConsentPurpose.HEALTH_DATA_PROCESSING,
        ):
            assert person.has_consent(purpose, e.history[0].on)


def test_wellbeing_improves_on_average():
    first: dict[str, tuple] = {}
    last: dict[str, tuple] = {}
    for a in COHORT.assessments:
        if a.instrument != "who5":
            continue
        raw = sum(a.answers.values())
        if a.participant not in first or a.on < first[a.participant][0]:
            first[a.participant] = (a.on, raw)
        if a.participant not in last or a.on > last[a.participant][0]:
            last[a.participant] = (a.on, raw)
    changes = [last[p][1] - first[p][1] for p in first if last[p][0] > first[p][0]]
    assert len(changes) > 50
    assert mean(changes) > 0


def test_given_site_and_modules_are_used():
    site = Site(id="gelsenkirchen", name="Jobcenter Gelsenkirchen", land=Land.NW)
    modules = default_modules()[:3]
    d = generate_cohort(seed=1, participants=10, site=site, modules=modules)
    assert d.sites == (site,)
    assert {m.id for m in d.modules} == {m.id for m in modules}
    assert all(p.pseudonym.startswith("gelsenkirchen-") for p in d.participants)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"seed": 1, "participants": 0},
        {"seed": "1", "participants": 5},
        {"seed": 1, "participants": 5, "year": 1800},
        {"seed": 1, "participants": 5, "modules": []},
        {"seed": 1, "participants": 5, "site": "musterstadt"},
        {"seed": 1, "participants": 5, "enrolments_per_participant": 0},
    ],
)
def test_bad_arguments_are_refused(kwargs):
    with pytest.raises(InvalidFieldError):
        generate_cohort(**kwargs)


def test_read_jsonl_reports_the_line(tmp_path):
    path = jsonl.write_jsonl(generate_cohort(seed=3, participants=3), tmp_path / "x.jsonl")
    lines = path.read_bytes().splitlines()
    record = orjson.loads(lines[5])
    record["colour"] = "blue"
    lines[5] = orjson.dumps(record)
    lines.insert(7, b"{not json")
    path.write_bytes(b"\n".join(lines))
    with pytest.raises(DocumentError, match="line 6"):
        jsonl.load_jsonl(path)
    with pytest.raises(DocumentError, match="unknown record type"):
        list(jsonl.read_jsonl(_write(tmp_path, b'{"type": "patient"}')))
    with pytest.raises(DocumentError, match="not supported"):
        list(jsonl.read_jsonl(_write(tmp_path, b'{"type": "dataset", "format_version": 99}')))


def _write(tmp_path, content: bytes):
    path = tmp_path / "one.jsonl"
    path.write_bytes(content + b"\n")
    return path


def test_write_jsonl_does_not_overwrite(tmp_path):
    path = jsonl.write_jsonl(Dataset(), tmp_path / "empty.jsonl")
    with pytest.raises(Exception, match="exists"):
        jsonl.write_jsonl(Dataset(), path)
    assert jsonl.load_jsonl(path) == Dataset()
