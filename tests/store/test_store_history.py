"""History in recording time, and imports that are idempotent and all or nothing."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import attrs
import pytest
from conftest import FakeClock
from store_data import demo, person, small_dataset

from arbeit_gesundheit import (
    AttendanceStatus,
    DocumentError,
    DropoutReason,
    EnrolmentStatus,
    Participant,
    StatusChange,
)
from arbeit_gesundheit.converter import dumps
from arbeit_gesundheit.jsonl import write_jsonl
from arbeit_gesundheit.plugins.registry import get_registry
from arbeit_gesundheit.report import annual_report
from arbeit_gesundheit.store import Store


def test_last_years_report_is_unchanged_after_later_corrections(
    store: Store, clock: FakeClock
) -> None:
    bundle = get_registry().site("gelsenkirchen")
    kwargs = {"site": bundle.site, "year": 2024, "modules": bundle.modules}
    clock.set("2024-12-20")
    dataset = demo("gelsenkirchen", size=150)
    store.import_dataset(dataset, actor="sb-1")
    december = annual_report(store.dataset(known_on=date(2024, 12, 31)), **kwargs)
    clock.set("2025-02-03")
    completed = [e for e in dataset.enrolments if e.status is EnrolmentStatus.COMPLETED][:10]
    assert completed, "the demo year has completed enrolments to correct"
    corrected = [
        attrs.evolve(
            e,
            status=EnrolmentStatus.DROPPED,
            dropout_reason=DropoutReason.OTHER,
            history=(
                *e.history[:-1],
                StatusChange(EnrolmentStatus.DROPPED, e.history[-1].on, DropoutReason.OTHER),
            ),
        )
        for e in completed
    ]
    store.add(*corrected, actor="sb-2")
    first = dataset.attendances[0]
    store.record_attendance(first.enrolment_id, first.session_number, AttendanceStatus.EXCUSED,
                            actor="sb-2")  # fmt: skip
    assert annual_report(store.dataset(known_on=date(2024, 12, 31)), **kwargs) == december
    assert annual_report(store.dataset(known_on=date(2025, 2, 3)), **kwargs) != december
    assert store.dataset(known_on=date(2024, 12, 19)).participants == ()


def test_the_same_file_twice_changes_nothing(store: Store, tmp_path: Path) -> None:
    path = write_jsonl(small_dataset(), tmp_path / "daten.jsonl")
    first = store.import_file(path, actor="sb-1")
    rows = store.audit_count()
    second = store.import_file(path, actor="sb-1")
    assert first.new == 8
    assert second.new == second.changed == 0
    assert second.unchanged == 8
    assert store.audit_count() == rows


def test_a_changed_record_becomes_a_new_version(
    store: Store, clock: FakeClock, tmp_path: Path
) -> None:
    clock.set("2025-01-10")
    store.import_dataset(small_dataset(), actor="sb-1")
    changed = attrs.evolve(small_dataset(), participants=(
        attrs.evolve(person("MS-0001"), birth_year=1971, district_key="05513"),
        person("MS-0002"), person("MS-0003"),
    ))  # fmt: skip
    path = tmp_path / "neu.json"
    path.write_bytes(dumps(changed))
    clock.set("2025-01-20")
    summary = store.import_file(path, actor="sb-2")
    assert (summary.new, summary.changed, summary.unchanged) == (0, 1, 7)
    assert store.audit(ref="MS-0001")[-1].fields == ("birth_year", "district_key")
    assert store.get(Participant, "MS-0001").birth_year == 1971
    assert store.get(Participant, "MS-0001", known_on=date(2025, 1, 15)).birth_year == 1970


def test_a_bad_file_changes_nothing_and_names_every_problem(store: Store, tmp_path: Path) -> None:
    store.import_dataset(small_dataset(), actor="sb-1")
    rows = store.audit_count()
    path = tmp_path / "kaputt.jsonl"
    path.write_text(
        '{"type": "site", "id": "x", "name": "X", "land": "NW"}\n'
        '{"type": "participant", "pseudonym": "MS-0100", "site_id": "x", "birth_year": 1800,'
        ' "benefit": "sgb2"}\n'
        "not json\n"
        '{"type": "unicorn"}\n',
        encoding="utf-8",
    )
    with pytest.raises(DocumentError) as info:
        store.import_file(path, actor="sb-1")
    paths = [p.path for p in info.value.problems]
    assert paths == ["line 2 $.birth_year", "line 3", "line 4 $.type"]
    assert store.audit_count() == rows
    assert len(store.dataset().sites) == 1
