"""An offering's roster (Teilnehmerliste): places, waitlist and consent checks."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from attrs import define, field

from ..exceptions import ConsentRequiredError, DuplicateEnrolmentError, RosterError
from ..model import ConsentPurpose, DropoutReason, Enrolment, EnrolmentStatus, Offering, Participant

__all__ = ["REQUIRED_CONSENTS", "OfferingRoster", "missing_consents"]

#: Purposes that need a valid consent on the day someone takes or waits for a place.
REQUIRED_CONSENTS = (ConsentPurpose.PROGRAMME_PARTICIPATION, ConsentPurpose.HEALTH_DATA_PROCESSING)

_S = EnrolmentStatus


def missing_consents(participant: Participant, on: date) -> tuple[ConsentPurpose, ...]:
    """The purposes in :data:`REQUIRED_CONSENTS` without a consent valid on ``on``."""
    return tuple(p for p in REQUIRED_CONSENTS if not participant.has_consent(p, on))


@define
class OfferingRoster:
    """Who holds and who waits for a place in one :class:`Offering`.

    The roster is a mutable container; the :class:`Enrolment` records it hands out and keeps
    are frozen, and :attr:`enrolments` exports them for a :class:`Dataset`. It guarantees:

    * at most ``offering.capacity`` enrolments hold a place (registered or active);
    * a freed place (drop, no show) goes at once to the first person on the waitlist, in the
      order of the day they were waitlisted, then of arrival;
    * nobody has two open enrolments (referred, waitlisted, registered, active) in the
      offering (:class:`DuplicateEnrolmentError`);
    * a place is only taken or waited for with valid consents to programme participation and
      to health-data processing on that day (:class:`ConsentRequiredError`, naming the
      pseudonym and the missing purposes). Someone on the waitlist whose consent has lapsed
      by the time a place frees is skipped and stays waitlisted.
    """

    offering: Offering
    _enrolments: dict[str, Enrolment] = field(factory=dict, alias="_enrolments")
    _arrival: dict[str, int] = field(factory=dict, alias="_arrival")
    _participants: dict[str, Participant] = field(factory=dict, alias="_participants")

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.offering, Offering):
            raise RosterError(f"expected an Offering, got {self.offering!r}")

    # -- reading ------------------------------------------------------------------------

    @property
    def enrolments(self) -> tuple[Enrolment, ...]:
        """Every enrolment, in order of arrival (ready for ``Dataset(enrolments=...)``)."""
        return tuple(self._enrolments.values())

    def get(self, enrolment_id: str) -> Enrolment:
        """The enrolment with this identifier."""
        try:
            return self._enrolments[enrolment_id]
        except KeyError:
            raise RosterError(
                f"offering {self.offering.id}: no enrolment {enrolment_id!r}"
            ) from None

    @property
    def holders(self) -> tuple[Enrolment, ...]:
        """The enrolments holding a place (registered or active)."""
        return tuple(e for e in self._enrolments.values() if e.holds_place)

    @property
    def waitlist(self) -> tuple[Enrolment, ...]:
        """The waitlisted enrolments, first in line first."""
        waiting = [e for e in self._enrolments.values() if e.status is _S.WAITLISTED]
        return tuple(sorted(waiting, key=self._queue_key))

    @property
    def places_taken(self) -> int:
        return sum(1 for e in self._enrolments.values() if e.holds_place)

    @property
    def places_free(self) -> int:
        return self.offering.capacity - self.places_taken

    def open_enrolment(self, participant: str) -> Enrolment | None:
        """The participant's enrolment that is not yet final, if any."""
        for e in self._enrolments.values():
            if e.participant == participant and not e.is_final:
                return e
        return None

    # -- changing -----------------------------------------------------------------------

    def refer(
        self, participant: Participant, on: date, *, enrolment_id: str | None = None
    ) -> Enrolment:
        """Record a referral (Zuweisung) to this offering; no place is taken yet."""
        return self._add(participant, on, enrolment_id, register=False)

    def enrol(
        self, participant: Participant, on: date, *, enrolment_id: str | None = None
    ) -> Enrolment:
        """Register ``participant`` on ``on``: a place if one is free, else the waitlist."""
        return self._add(participant, on, enrolment_id, register=True)

    def register(self, enrolment_id: str, on: date) -> tuple[Enrolment, ...]:
        """Turn a referral into a place, or a waitlist entry if the offering is full.

        A waitlisted enrolment is registered only if a place is free and it is first in line.
        """
        current = self.get(enrolment_id)
        if current.status is _S.REFERRED and (
            self.places_free <= 0 or self._first_in_line(on) is not None
        ):
            return self.transition(enrolment_id, _S.WAITLISTED, on)
        return self.transition(enrolment_id, _S.REGISTERED, on)

    def transition(
        self,
        enrolment_id: str,
        to: EnrolmentStatus,
        on: date,
        *,
        reason: DropoutReason | None = None,
    ) -> tuple[Enrolment, ...]:
        """Move an enrolment to ``to`` on ``on``, then fill any freed place from the waitlist.

        Returns the changed enrolment first, followed by any enrolments promoted from the
        waitlist. Taking a place (waitlisted -> registered) must go through the roster's
        own capacity check: it is refused when no place is free.
        """
        current = self.get(enrolment_id)
        if to in (_S.REGISTERED, _S.WAITLISTED) and current.can_transition(to):
            self._check_consent(self._participants[current.participant], on)
        if to is _S.REGISTERED and current.can_transition(to):
            if self.places_free <= 0:
                raise RosterError(
                    f"offering {self.offering.id}: no free place for enrolment {enrolment_id}"
                )
            ahead = self._first_in_line(on)
            if ahead is not None and ahead.id != enrolment_id:
                raise RosterError(
                    f"offering {self.offering.id}: enrolment {ahead.id} is first on the waitlist"
                )
        changed = self._put(current.transition(to, on, reason=reason))
        return (changed, *self._fill(on))

    def start(self, enrolment_id: str, on: date) -> Enrolment:
        """Mark the first attendance: registered -> active."""
        return self.transition(enrolment_id, _S.ACTIVE, on)[0]

    def complete(self, enrolment_id: str, on: date) -> Enrolment:
        """active -> completed."""
        return self.transition(enrolment_id, _S.COMPLETED, on)[0]

    def drop(self, enrolment_id: str, on: date, reason: DropoutReason) -> tuple[Enrolment, ...]:
        """Drop an enrolment with a reason; a freed place goes to the waitlist."""
        return self.transition(enrolment_id, _S.DROPPED, on, reason=reason)

    def no_show(self, enrolment_id: str, on: date) -> tuple[Enrolment, ...]:
        """registered -> no show; the freed place goes to the waitlist."""
        return self.transition(enrolment_id, _S.NO_SHOW, on)

    def update_participant(self, participant: Participant) -> None:
        """Replace the stored participant record (for instance after a new consent)."""
        if not isinstance(participant, Participant):
            raise RosterError(f"expected a Participant, got {participant!r}")
        if participant.pseudonym not in self._participants:
            raise RosterError(
                f"offering {self.offering.id}: participant {participant.pseudonym} not on the roster"
            )
        self._participants[participant.pseudonym] = participant

    def fill(self, on: date) -> tuple[Enrolment, ...]:
        """Give free places to the waitlist on ``on`` (after consents were renewed)."""
        return self._fill(on)

    # -- building -----------------------------------------------------------------------

    @classmethod
    def from_records(
        cls,
        offering: Offering,
        enrolments: Iterable[Enrolment],
        participants: Iterable[Participant],
    ) -> OfferingRoster:
        """Rebuild a roster from stored records (enrolments in order of arrival).

        Enrolments of other offerings are ignored; the records must respect capacity and the
        one-open-enrolment rule, and every enrolment's participant must be given.
        """
        roster = cls(offering)
        people = {p.pseudonym: p for p in participants}
        for e in enrolments:
            if not isinstance(e, Enrolment):
                raise RosterError(f"expected an Enrolment, got {e!r}")
            if e.offering_id != offering.id:
                continue
            if e.id in roster._enrolments:
                raise DuplicateEnrolmentError(f"offering {offering.id}: enrolment id {e.id} twice")
            if e.participant not in people:
                raise RosterError(f"enrolment {e.id}: participant {e.participant} not given")
            if not e.is_final and roster.open_enrolment(e.participant) is not None:
                raise DuplicateEnrolmentError(
                    f"offering {offering.id}: participant {e.participant} has two open enrolments"
                )
            if e.holds_place and roster.places_free <= 0:
                raise RosterError(
                    f"offering {offering.id}: more places taken than its capacity "
                    f"({offering.capacity})"
                )
            roster._participants[e.participant] = people[e.participant]
            roster._put(e)
        return roster

    # -- internals ----------------------------------------------------------------------

    def _queue_key(self, e: Enrolment) -> tuple[date, int]:
        waited_since = e.entered_on(_S.WAITLISTED)
        assert waited_since is not None
        return (waited_since, self._arrival[e.id])

    def _first_in_line(self, on: date) -> Enrolment | None:
        """The first waitlisted enrolment whose consents are valid on ``on``."""
        for w in self.waitlist:
            if not missing_consents(self._participants[w.participant], on):
                return w
        return None

    def _put(self, e: Enrolment) -> Enrolment:
        if e.id not in self._arrival:
            self._arrival[e.id] = len(self._arrival)
        self._enrolments[e.id] = e
        return e

    def _check_consent(self, participant: Participant, on: date) -> None:
        missing = missing_consents(participant, on)
        if missing:
            raise ConsentRequiredError(participant.pseudonym, [m.value for m in missing], on)

    def _add(
        self, participant: Participant, on: date, enrolment_id: str | None, *, register: bool
    ) -> Enrolment:
        if not isinstance(participant, Participant):
            raise RosterError(f"expected a Participant, got {participant!r}")
        if type(on) is not date:
            raise RosterError(f"expected a date (YYYY-MM-DD), got {on!r}")
        if self.open_enrolment(participant.pseudonym) is not None:
            raise DuplicateEnrolmentError(
                f"offering {self.offering.id}: participant {participant.pseudonym} "
                "already holds or waits for a place"
            )
        self._check_consent(participant, on)
        if enrolment_id is None:
            enrolment_id = self._next_id()
        elif enrolment_id in self._enrolments:
            raise DuplicateEnrolmentError(
                f"offering {self.offering.id}: enrolment id {enrolment_id} already used"
            )
        if not register:
            status = _S.REFERRED
        elif self.places_free > 0 and self._first_in_line(on) is None:
            status = _S.REGISTERED
        else:
            status = _S.WAITLISTED
        enrolment = Enrolment.create(
            enrolment_id, participant.pseudonym, self.offering.id, on, status
        )
        self._participants[participant.pseudonym] = participant
        return self._put(enrolment)

    def _next_id(self) -> str:
        stem = self.offering.id[:52]
        n = len(self._arrival) + 1
        while f"{stem}-e{n}" in self._enrolments:
            n += 1
        return f"{stem}-e{n}"

    def _fill(self, on: date) -> tuple[Enrolment, ...]:
        promoted: list[Enrolment] = []
        for waiting in self.waitlist:
            if self.places_free <= 0:
                break
            if missing_consents(self._participants[waiting.participant], on):
                continue
            if waiting.history and on < waiting.history[-1].on:
                continue
            promoted.append(self._put(waiting.transition(_S.REGISTERED, on)))
        return tuple(promoted)
