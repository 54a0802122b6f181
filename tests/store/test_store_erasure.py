"""Consent withdrawal, retention and erasure: values gone from every version, tombstones kept."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from conftest import FakeClock
from store_data import SECRET, small_dataset

from arbeit_gesundheit import ConsentPurpose, EnrolmentStatus
from arbeit_gesundheit.exceptions import RecordNotFoundError
from arbeit_gesundheit.store import (
    DEFAULT_RETENTION_YEARS,
    RetentionRule,
    Store,
    erasure_due_on,
)


def _secret_in_files(store: Store) -> bool:
    base = Path(store.name)
    files = [base, *base.parent.glob(base.name + "-*")]
    return any(SECRET.encode() in f.read_bytes() for f in files if f.exists())


def test_withdrawal_withholds_at_once_and_erasure_removes_the_bytes(
    store: Store, clock: FakeClock
) -> None:
    clock.set("2024-03-01")
    store.import_dataset(small_dataset(), actor="sb-1")
    store.add(store.close_step("plan-1", "s1", date(2024, 3, 1), actor="sb-1"), actor="sb-1")
    assert len(store.dataset().plans) == 1
    clock.set("2024-04-01")
    store.withdraw_consent(
        "MS-0001", ConsentPurpose.HEALTH_DATA_PROCESSING, date(2024, 4, 1), actor="sb-2"
    )
    assert store.dataset(known_on=date(2024, 3, 31), withhold_withdrawn=True).plans != ()
    after = store.dataset()
    assert after.plans == ()
    assert after.assessments == ()
    assert next(p for p in after.participants if p.pseudonym == "MS-0001").restrictions == ()
    clock.set("2024-04-02")
    summary = store.erase_due(on=date(2024, 4, 2), actor="sb-3")
    assert dict(summary.erased) == {"MS-0001": "consent_withdrawn"}
    everything = store.dataset(withhold_withdrawn=False, known_on=date(2030, 1, 1))
    assert everything.plans == ()
    assert everything.assessments == ()
    (tombstone,) = store.audit(operation="erase_health")
    assert tombstone.ref == "MS-0001"
    assert tombstone.detail == {
        "data": "health",
        "rule": "consent_withdrawn",
    }
    assert set(tombstone.fields) == {"assessment", "participant", "plan"}
    again = store.import_dataset(small_dataset(), actor="sb-1")
    assert again.new == 0
    assert again.changed == 1
    assert store.dataset(withhold_withdrawn=False).plans == ()
    if store.backend == "sqlite":
        store.compact()
        assert not _secret_in_files(store)


def test_the_secret_is_in_the_file_before_erasure(store: Store) -> None:
    """The byte search above can fail: before erasure the value is there."""
    if store.backend != "sqlite":
        pytest.skip("file bytes: SQLite only")
    store.import_dataset(small_dataset(), actor="sb-1")
    store.compact()
    assert _secret_in_files(store)


def test_retention_erases_after_the_rule_s_years(store: Store) -> None:
    store.import_dataset(small_dataset(), actor="sb-1")
    store.enrol("MS-0001", "bew-1", date(2024, 3, 1), actor="sb-1", enrolment_id="e1")
    store.transition("e1", EnrolmentStatus.ACTIVE, date(2024, 3, 4), actor="sb-1")
    store.transition("e1", EnrolmentStatus.COMPLETED, date(2025, 1, 15), actor="sb-1")
    assert DEFAULT_RETENTION_YEARS == 3
    assert erasure_due_on(date(2025, 1, 15)) == date(2029, 1, 1)
    assert store.retention("musterstadt") == RetentionRule("musterstadt", 3)
    assert not store.erase_due(on=date(2027, 12, 31), actor="sb-1")
    # MS-0002 and MS-0003 never took part: their last consent (2024-01-08) counts.
    assert dict(store.erase_due(on=date(2028, 1, 1), actor="sb-1").erased) == {
        "MS-0002": "retention:3y", "MS-0003": "retention:3y",
    }  # fmt: skip
    store.set_retention(RetentionRule("musterstadt", 0), actor="sb-9")
    assert dict(store.erase_due(on=date(2028, 1, 1), actor="sb-1").erased) == {
        "MS-0001": "retention:0y"
    }
    assert not store.erase_due(on=date(2028, 1, 1), actor="sb-1")
    assert all(p.restrictions == () for p in store.dataset(withhold_withdrawn=False).participants)


def test_erasing_a_person_removes_every_record(store: Store) -> None:
    store.import_dataset(small_dataset(), actor="sb-1")
    store.enrol("MS-0001", "bew-1", date(2024, 3, 1), actor="sb-1", enrolment_id="e1")
    store.erase_person("MS-0001", actor="sb-dsb")
    data = store.dataset(withhold_withdrawn=False)
    assert "MS-0001" not in {p.pseudonym for p in data.participants}
    assert not data.enrolments
    assert not data.plans
    assert store.audit()[-1].operation == "erase_person"
    with pytest.raises(RecordNotFoundError):
        store.erase_person("MS-0001", actor="sb-dsb")
