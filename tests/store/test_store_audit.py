"""The audit log: one row per change with field names but no values; append-only."""

from __future__ import annotations

from datetime import date

import attrs
import pytest
import sqlalchemy as sa
from store_data import SECRET, person, small_dataset

from arbeit_gesundheit import (
    AttendanceStatus,
    BenefitType,
    ConsentPurpose,
    EnrolmentStatus,
    InvalidFieldError,
    StepStatus,
)
from arbeit_gesundheit.eligibility import BenefitIn, EligibilityContext, evaluate
from arbeit_gesundheit.exceptions import (
    ConsentRequiredError,
    RecordNotFoundError,
    StoreAuditError,
)
from arbeit_gesundheit.store import Store
from arbeit_gesundheit.store._schema import audit_log


def test_every_write_leaves_field_names_never_values(store: Store) -> None:
    store.import_dataset(small_dataset(), actor="sb-4711")
    changed = attrs.evolve(person("MS-0002"), birth_year=1961)
    store.add(changed, actor="sb-0815")
    entry = store.audit(ref="MS-0002")[-1]
    assert (entry.actor, entry.operation, entry.kind, entry.fields) == (
        "sb-0815", "add", "participant", ("birth_year",),
    )  # fmt: skip
    text = repr(store.audit())
    assert "1961" not in text
    assert SECRET not in text
    assert "musculoskeletal" not in text


@pytest.mark.parametrize("actor", ["Erika Mustermann", "erika@jobcenter.de", "", 42])
def test_the_actor_must_be_a_staff_identifier(store: Store, actor: object) -> None:
    with pytest.raises(InvalidFieldError, match="actor"):
        store.add(person("MS-0009"), actor=actor)  # type: ignore[arg-type]
    assert store.audit_count() == 0


@pytest.mark.parametrize("statement", ["update", "delete"])
def test_the_database_refuses_to_change_the_log(store: Store, statement: str) -> None:
    store.add(person("MS-0001"), actor="sb-1")
    change = (
        audit_log.update().values(actor="someone-else")
        if statement == "update"
        else audit_log.delete()
    )
    with pytest.raises(StoreAuditError, match="append-only"), store.writing("sb-1") as txn:
        txn.connection.execute(change)
    assert [e.actor for e in store.audit()] == ["sb-1"]


def test_the_api_offers_no_way_to_change_the_log() -> None:
    public = {name for name in dir(Store) if not name.startswith("_")}
    assert {n for n in public if "audit" in n} == {"audit", "audit_count"}


def test_domain_operations_follow_the_roster_rules(store: Store, clock: object) -> None:
    store.import_dataset(small_dataset(), actor="sb-1")
    day = date(2024, 3, 1)
    first = store.enrol("MS-0001", "bew-1", day, actor="sb-1", enrolment_id="e1")
    second = store.enrol("MS-0002", "bew-1", day, actor="sb-1", enrolment_id="e2")
    third = store.enrol("MS-0003", "bew-1", day, actor="sb-1", enrolment_id="e3")
    assert [e.status for e in (first, second, third)] == [
        EnrolmentStatus.REGISTERED, EnrolmentStatus.REGISTERED, EnrolmentStatus.WAITLISTED,
    ]  # fmt: skip
    store.transition("e1", EnrolmentStatus.ACTIVE, date(2024, 3, 4), actor="sb-1")
    store.record_attendance("e1", 1, AttendanceStatus.PRESENT, actor="sb-1")
    changed = store.transition("e2", EnrolmentStatus.NO_SHOW, date(2024, 3, 8), actor="sb-1")
    assert [(e.id, e.status) for e in changed] == [
        ("e2", EnrolmentStatus.NO_SHOW), ("e3", EnrolmentStatus.REGISTERED),
    ]  # fmt: skip
    data = store.dataset()
    assert {e.id: e.status for e in data.enrolments}["e3"] is EnrolmentStatus.REGISTERED
    assert len(data.attendances) == 1
    plan = store.close_step("plan-1", "s1", date(2024, 3, 20), actor="sb-2")
    assert plan.step("s1").status is StepStatus.DONE
    operations = [e.operation for e in store.audit()]
    assert operations.count("enrol") == 3
    assert {"transition", "attendance", "close_step"} <= set(operations)
    assert store.audit(ref="plan-1")[-1].fields == ("goals",)
    with pytest.raises(RecordNotFoundError):
        store.record_attendance("nope", 1, AttendanceStatus.PRESENT, actor="sb-1")


def test_a_refused_operation_writes_nothing(store: Store) -> None:
    store.import_dataset(small_dataset(), actor="sb-1")
    before = store.audit_count()
    store.withdraw_consent(
        "MS-0003", ConsentPurpose.PROGRAMME_PARTICIPATION, date(2024, 2, 1), actor="sb-1"
    )
    with pytest.raises(ConsentRequiredError):
        store.enrol("MS-0003", "bew-1", date(2024, 3, 1), actor="sb-1")
    assert store.audit_count() == before + 1
    assert not store.dataset().enrolments


def test_a_decision_is_kept_as_it_was_made(store: Store) -> None:
    store.import_dataset(small_dataset(), actor="sb-1")
    rule = BenefitIn({BenefitType.SGB_III}, valid_from=date(2024, 1, 1))
    participant = store.get(type(person("MS-0001")), "MS-0001")
    decision = evaluate(rule, participant, EligibilityContext(as_of=date(2024, 3, 1)))
    kept = store.record_decision("MS-0001", decision, actor="sb-7", evaluated_on=date(2024, 3, 1))
    (again,) = store.decisions("MS-0001")
    assert again == kept
    assert again.explanation == decision.explain("de")
    assert again.explanation_en == decision.explain("en")
    assert again.rules[0].valid_from == date(2024, 1, 1)
    assert store.audit()[-1].operation == "decision"


def test_unknown_tables_are_not_touched_by_reads(store: Store) -> None:
    with store.reading() as connection:
        assert connection.execute(sa.select(sa.func.count()).select_from(audit_log)).scalar() == 0
