"""An offering's roster: capacity, waitlist order, one place per person, consent on the day."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
)

from arbeit_gesundheit import (
    BenefitType,
    Consent,
    ConsentPurpose,
    Dataset,
    DropoutReason,
    EnrolmentStatus,
    Offering,
    Participant,
    converter,
)
from arbeit_gesundheit.exceptions import (
    ConsentRequiredError,
    DuplicateEnrolmentError,
    RosterError,
    TransitionError,
)
from arbeit_gesundheit.participation import OfferingRoster, missing_consents

S = EnrolmentStatus
P = ConsentPurpose
DAY = date(2025, 3, 3)


def person(
    pseudonym: str,
    purposes: tuple[ConsentPurpose, ...] = (P.PROGRAMME_PARTICIPATION, P.HEALTH_DATA_PROCESSING),
    *,
    given_on: date = date(2025, 1, 1),
    withdrawn_on: date | None = None,
) -> Participant:
    return Participant(
        pseudonym=pseudonym,
        site_id="gelsenkirchen",
        birth_year=1980,
        benefit=BenefitType.SGB_II,
        consents=tuple(
            Consent(purpose=p, given_on=given_on, withdrawn_on=withdrawn_on) for p in purposes
        ),
    )


def offering(capacity: int = 2) -> Offering:
    return Offering(
        id="O1",
        module_id="M1",
        starts_on=DAY,
        ends_on=DAY + timedelta(days=70),
        capacity=capacity,
    )


def test_places_then_waitlist() -> None:
    roster = OfferingRoster(offering(2))
    a = roster.enrol(person("P-001"), DAY)
    b = roster.enrol(person("P-002"), DAY)
    c = roster.enrol(person("P-003"), DAY)
    assert [e.status for e in (a, b, c)] == [S.REGISTERED, S.REGISTERED, S.WAITLISTED]
    assert roster.places_taken == 2
    assert roster.places_free == 0
    assert [e.id for e in roster.waitlist] == [c.id]


def test_freed_place_goes_to_first_on_waitlist() -> None:
    roster = OfferingRoster(offering(1))
    a = roster.enrol(person("P-001"), DAY)
    b = roster.enrol(person("P-002"), DAY + timedelta(days=1))
    c = roster.enrol(person("P-003"), DAY + timedelta(days=2))
    changed = roster.drop(a.id, DAY + timedelta(days=3), DropoutReason.TOOK_UP_WORK)
    assert [e.id for e in changed] == [a.id, b.id]
    assert changed[1].status is S.REGISTERED
    assert changed[1].history[-1].on == DAY + timedelta(days=3)
    promoted = roster.no_show(b.id, DAY + timedelta(days=10))
    assert [e.id for e in promoted] == [b.id, c.id]
    assert roster.get(c.id).status is S.REGISTERED


def test_waitlist_order_is_by_waitlisting_day_then_arrival() -> None:
    o = offering(1)
    roster = OfferingRoster(o)
    holder = roster.enrol(person("P-001"), DAY)
    late = roster.refer(person("P-002"), DAY)
    early = roster.refer(person("P-003"), DAY)
    same_day = roster.refer(person("P-004"), DAY)
    roster.register(early.id, DAY + timedelta(days=1))
    roster.register(same_day.id, DAY + timedelta(days=1))
    roster.register(late.id, DAY + timedelta(days=2))
    assert [e.id for e in roster.waitlist] == [early.id, same_day.id, late.id]
    # rebuilt from stored records in another order, the queue is the same
    records = [roster.get(late.id), roster.get(same_day.id), roster.get(early.id), holder]
    people = [person(f"P-00{n}") for n in range(1, 5)]
    rebuilt = OfferingRoster.from_records(o, records, people)
    assert [e.id for e in rebuilt.waitlist] == [same_day.id, early.id, late.id]


def test_nobody_holds_two_places() -> None:
    roster = OfferingRoster(offering(3))
    a = roster.enrol(person("P-001"), DAY)
    with pytest.raises(DuplicateEnrolmentError, match="P-001"):
        roster.enrol(person("P-001"), DAY)
    with pytest.raises(DuplicateEnrolmentError):
        roster.refer(person("P-001"), DAY)
    roster.drop(a.id, DAY, DropoutReason.ILLNESS)
    again = roster.enrol(person("P-001"), DAY + timedelta(days=7))  # after a drop: allowed
    assert again.status is S.REGISTERED
    assert again.id != a.id


@pytest.mark.parametrize(
    ("purposes", "missing"),
    [
        ((), ("programme_participation", "health_data_processing")),
        ((P.PROGRAMME_PARTICIPATION,), ("health_data_processing",)),
        ((P.HEALTH_DATA_PROCESSING, P.EVALUATION), ("programme_participation",)),
    ],
)
def test_enrolment_refused_without_both_consents(
    purposes: tuple[ConsentPurpose, ...], missing: tuple[str, ...]
) -> None:
    roster = OfferingRoster(offering())
    with pytest.raises(ConsentRequiredError) as caught:
        roster.enrol(person("P-007", purposes), DAY)
    assert caught.value.missing == missing
    assert caught.value.participant == "P-007"
    assert "P-007" in str(caught.value)
    for purpose in missing:
        assert purpose in str(caught.value)
    assert roster.enrolments == ()


def test_consent_is_checked_on_the_enrolment_day() -> None:
    roster = OfferingRoster(offering())
    later = person("P-001", given_on=DAY + timedelta(days=1))
    with pytest.raises(ConsentRequiredError):
        roster.enrol(later, DAY)
    assert roster.enrol(later, DAY + timedelta(days=1)).status is S.REGISTERED
    withdrawn = person("P-002", withdrawn_on=DAY)
    with pytest.raises(ConsentRequiredError):
        roster.enrol(withdrawn, DAY)


def test_lapsed_consent_is_skipped_on_the_waitlist() -> None:
    roster = OfferingRoster(offering(1))
    a = roster.enrol(person("P-001"), DAY)
    lapsing = person("P-002", withdrawn_on=DAY + timedelta(days=5))
    b = roster.enrol(lapsing, DAY)
    c = roster.enrol(person("P-003"), DAY)
    changed = roster.drop(a.id, DAY + timedelta(days=6), DropoutReason.MOVED_AWAY)
    assert [e.id for e in changed] == [a.id, c.id]
    assert roster.get(b.id).status is S.WAITLISTED


def test_referral_flow_checks_capacity_and_consent() -> None:
    roster = OfferingRoster(offering(1))
    r = roster.refer(person("P-001"), DAY)
    assert r.status is S.REFERRED
    assert roster.places_taken == 0
    (registered,) = roster.register(r.id, DAY + timedelta(days=1))
    assert registered.status is S.REGISTERED
    r2 = roster.refer(person("P-002"), DAY)
    (waiting,) = roster.register(r2.id, DAY + timedelta(days=1))
    assert waiting.status is S.WAITLISTED
    with pytest.raises(RosterError, match="no free place"):
        roster.transition(r2.id, S.REGISTERED, DAY + timedelta(days=2))
    with pytest.raises(TransitionError):
        roster.register(r.id, DAY + timedelta(days=2))  # already registered


def test_roster_lifecycle_and_export() -> None:
    o = offering(2)
    roster = OfferingRoster(o)
    a = roster.enrol(person("P-001"), DAY)
    roster.start(a.id, DAY + timedelta(days=1))
    done = roster.complete(a.id, DAY + timedelta(days=60))
    assert done.status is S.COMPLETED
    assert roster.places_taken == 0
    data = Dataset(offerings=(o,), enrolments=roster.enrolments)
    assert converter.structure(converter.unstructure(data), Dataset) == data


def test_from_records_refuses_inconsistent_records() -> None:
    o = offering(1)
    roster = OfferingRoster(o)
    roster.enrol(person("P-001"), DAY)
    roster.enrol(person("P-002"), DAY)
    records = list(roster.enrolments)
    people = [person("P-001"), person("P-002")]
    forced = records[1].transition(S.REGISTERED, DAY)  # both holding a place: over capacity
    with pytest.raises(RosterError, match="capacity"):
        OfferingRoster.from_records(o, [records[0], forced], people)
    with pytest.raises(RosterError, match="not given"):
        OfferingRoster.from_records(o, records, people[:1])


def test_unknown_enrolment_is_a_library_error() -> None:
    with pytest.raises(RosterError, match="no enrolment"):
        OfferingRoster(offering()).get("nope")


def test_missing_consents_helper() -> None:
    assert missing_consents(person("P-001"), DAY) == ()
    assert missing_consents(person("P-001", ()), DAY) == (
        P.PROGRAMME_PARTICIPATION,
        P.HEALTH_DATA_PROCESSING,
    )


# -- stateful property test ------------------------------------------------------------------


class RosterMachine(RuleBasedStateMachine):
    """Random enrolments and exits against a plain reference model of the queue."""

    @initialize(
        capacity=st.integers(1, 4),
        withdrawals=st.lists(st.one_of(st.none(), st.integers(0, 40)), min_size=8, max_size=8),
        gaps=st.lists(st.booleans(), min_size=8, max_size=8),
    )
    def setup(self, capacity: int, withdrawals: list[int | None], gaps: list[bool]) -> None:
        self.capacity = capacity
        self.roster = OfferingRoster(offering(capacity))
        self.day = DAY
        self.people = []
        for n, (withdraw, gap) in enumerate(zip(withdrawals, gaps, strict=True)):
            purposes = (
                (P.PROGRAMME_PARTICIPATION,)
                if gap
                else (
                    P.PROGRAMME_PARTICIPATION,
                    P.HEALTH_DATA_PROCESSING,
                )
            )
            withdrawn = None if withdraw is None else DAY + timedelta(days=withdraw)
            self.people.append(person(f"P-{n:03d}", purposes, withdrawn_on=withdrawn))
        self.queue: list[str] = []  # reference model: waitlisted ids, first in line first

    def eligible(self, p: Participant) -> bool:
        return all(
            p.has_consent(x, self.day)
            for x in (P.PROGRAMME_PARTICIPATION, P.HEALTH_DATA_PROCESSING)
        )

    def person_of(self, enrolment_id: str) -> Participant:
        pseudonym = self.roster.get(enrolment_id).participant
        return next(p for p in self.people if p.pseudonym == pseudonym)

    def expected_promotions(self, free: int) -> list[str]:
        out = []
        for eid in self.queue:
            if len(out) == free:
                break
            if self.eligible(self.person_of(eid)):
                out.append(eid)
        return out

    def ids_in(self, *states: EnrolmentStatus) -> list[str]:
        return sorted(e.id for e in self.roster.enrolments if e.status in states)

    @rule(days=st.integers(0, 5))
    def advance(self, days: int) -> None:
        self.day += timedelta(days=days)

    @rule(n=st.integers(0, 7))
    def enrol(self, n: int) -> None:
        p = self.people[n]
        holds = self.roster.open_enrolment(p.pseudonym) is not None
        free_before = self.roster.places_free
        try:
            e = self.roster.enrol(p, self.day)
        except DuplicateEnrolmentError:
            assert holds
            return
        except ConsentRequiredError as error:
            refused = error
        else:
            refused = None
        if refused is not None:
            assert not self.eligible(p)
            assert refused.participant == p.pseudonym
            return
        assert not holds
        assert self.eligible(p)
        if e.status is S.WAITLISTED:
            assert free_before == 0 or self.expected_promotions(1)
            self.queue.append(e.id)
        else:
            assert e.status is S.REGISTERED
            assert free_before > 0

    def exit(self, eid: str, to: EnrolmentStatus) -> None:
        freed = self.roster.get(eid).holds_place
        free_before = self.roster.places_free
        reason = DropoutReason.OTHER if to is S.DROPPED else None
        if eid in self.queue:
            self.queue.remove(eid)
        expected = (
            self.expected_promotions(free_before + 1)
            if freed
            else self.expected_promotions(free_before)
        )
        changed = self.roster.transition(eid, to, self.day, reason=reason)
        assert changed[0].id == eid
        assert changed[0].status is to
        promoted = [e.id for e in changed[1:]]
        assert promoted == expected
        for pid in promoted:
            self.queue.remove(pid)

    @precondition(
        lambda self: any(e.holds_place or e.status is S.WAITLISTED for e in self.roster.enrolments)
    )
    @rule(data=st.data())
    def drop(self, data: st.DataObject) -> None:
        eid = data.draw(st.sampled_from(self.ids_in(S.REGISTERED, S.ACTIVE, S.WAITLISTED)))
        self.exit(eid, S.DROPPED)

    @precondition(lambda self: any(e.status is S.REGISTERED for e in self.roster.enrolments))
    @rule(data=st.data())
    def no_show(self, data: st.DataObject) -> None:
        self.exit(data.draw(st.sampled_from(self.ids_in(S.REGISTERED))), S.NO_SHOW)

    @precondition(lambda self: any(e.status is S.REGISTERED for e in self.roster.enrolments))
    @rule(data=st.data())
    def start(self, data: st.DataObject) -> None:
        eid = data.draw(st.sampled_from(self.ids_in(S.REGISTERED)))
        assert self.roster.start(eid, self.day).status is S.ACTIVE

    @precondition(lambda self: any(e.status is S.ACTIVE for e in self.roster.enrolments))
    @rule(data=st.data())
    def complete(self, data: st.DataObject) -> None:
        self.exit(data.draw(st.sampled_from(self.ids_in(S.ACTIVE))), S.COMPLETED)

    @invariant()
    def within_capacity(self) -> None:
        if hasattr(self, "roster"):
            assert 0 <= self.roster.places_taken <= self.capacity

    @invariant()
    def one_open_enrolment_per_person(self) -> None:
        if hasattr(self, "roster"):
            open_people = [e.participant for e in self.roster.enrolments if not e.is_final]
            assert len(open_people) == len(set(open_people))

    @invariant()
    def queue_matches_model(self) -> None:
        if hasattr(self, "roster"):
            assert [e.id for e in self.roster.waitlist] == self.queue

    @invariant()
    def places_and_waitlist_entered_with_consent(self) -> None:
        if hasattr(self, "roster"):
            for e in self.roster.enrolments:
                p = self.person_of(e.id)
                for change in e.history:
                    if change.status in (S.REGISTERED, S.WAITLISTED):
                        assert not missing_consents(p, change.on)


TestRosterMachine = RosterMachine.TestCase
