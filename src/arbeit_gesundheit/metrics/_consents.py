"""Which records a figure may count: the consent rule of the metrics (Einwilligungsprüfung).

A health value (a WHO-5 measurement, a health restriction) counts only if the person's
health-data consent was valid **on the day the value was recorded** and has **not been
withdrawn by the reference day** of the figure; expiry after recording does not remove it
(retention and erasure handle that), withdrawal does (Art. 7(3), Art. 9(2)(a) GDPR). The
participation figures (reach, places, completion, attendance, integration) follow the
participation consent by the same rule. Without a reference day every withdrawal recorded in
the data counts, so figures depend only on the data, never on the clock.

Consents are reduced to plain ordinal intervals: ``(given, expires, withdrawn)`` with
:data:`NEVER` for an open end. Health consents are kept per data category they cover.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date

from ..model import Consent, ConsentPurpose, DataCategory

__all__ = [
    "NEVER",
    "Interval",
    "PersonConsents",
    "consents_of",
    "cutoff",
    "from_models",
    "from_raw",
    "intervals",
    "usable",
    "valid_on",
]

#: An open end (no expiry, not withdrawn): later than any day.
NEVER = date.max.toordinal() + 1

_HEALTH = ConsentPurpose.HEALTH_DATA_PROCESSING.value
_PARTICIPATION = ConsentPurpose.PROGRAMME_PARTICIPATION.value
_ASSESSMENTS = DataCategory.ASSESSMENTS.value
_RESTRICTIONS = DataCategory.HEALTH_RESTRICTIONS.value
_PARTICIPATION_DATA = DataCategory.PARTICIPATION.value

Interval = tuple[int, int, int]

#: One person's consent intervals: (participation, health: assessments, health: restrictions).
PersonConsents = tuple[tuple[Interval, ...], tuple[Interval, ...], tuple[Interval, ...]]

_NONE: PersonConsents = ((), (), ())


def _day(value: str | None) -> int:
    return NEVER if value is None else date.fromisoformat(value).toordinal()


def _reduce(
    items: Iterable[tuple[str, str, str | None, str | None, Sequence[str]]],
) -> PersonConsents:
    participation: list[Interval] = []
    assessments: list[Interval] = []
    restrictions: list[Interval] = []
    for purpose, given, expires, withdrawn, categories in items:
        if purpose == _PARTICIPATION:
            if not categories or _PARTICIPATION_DATA in categories:
                participation.append((_day(given), _day(expires), _day(withdrawn)))
        elif purpose == _HEALTH:
            interval = (_day(given), _day(expires), _day(withdrawn))
            if not categories or _ASSESSMENTS in categories:
                assessments.append(interval)
            if not categories or _RESTRICTIONS in categories:
                restrictions.append(interval)
    if not (participation or assessments or restrictions):
        return _NONE
    return (tuple(participation), tuple(assessments), tuple(restrictions))


def intervals(
    consents: Sequence[Consent], purpose: ConsentPurpose, category: DataCategory
) -> tuple[Interval, ...]:
    """The intervals of the consents for ``purpose`` that cover ``category``."""
    return tuple(
        (
            c.given_on.toordinal(),
            NEVER if c.expires_on is None else c.expires_on.toordinal(),
            NEVER if c.withdrawn_on is None else c.withdrawn_on.toordinal(),
        )
        for c in consents
        if c.purpose is purpose and (not c.data_categories or category in c.data_categories)
    )


def from_raw(consents: object) -> PersonConsents:
    """The intervals of a participant's ``consents`` as JSON (checked cheaply)."""
    if not consents:
        return _NONE
    if type(consents) is not list:
        raise TypeError(consents)
    items = []
    for c in consents:
        categories = c.get("data_categories") or ()
        if type(categories) is not list and categories != ():
            raise TypeError(categories)
        items.append(
            (c["purpose"], c["given_on"], c.get("expires_on"), c.get("withdrawn_on"), categories)
        )
    return _reduce(items)


def from_models(consents: Sequence[Consent]) -> PersonConsents:
    """The intervals of a participant's :class:`~arbeit_gesundheit.model.Consent` values."""
    if not consents:
        return _NONE
    return (
        intervals(consents, ConsentPurpose.PROGRAMME_PARTICIPATION, DataCategory.PARTICIPATION),
        intervals(consents, ConsentPurpose.HEALTH_DATA_PROCESSING, DataCategory.ASSESSMENTS),
        intervals(
            consents, ConsentPurpose.HEALTH_DATA_PROCESSING, DataCategory.HEALTH_RESTRICTIONS
        ),
    )


def cutoff(as_of: date | None) -> int:
    """The last day a withdrawal counts on: ``as_of``, or every recorded withdrawal."""
    return date.max.toordinal() if as_of is None else as_of.toordinal()


def usable(intervals: tuple[Interval, ...], last: int) -> tuple[Interval, ...]:
    """The intervals not withdrawn by day ``last`` (and given by then)."""
    return tuple(c for c in intervals if c[2] > last and c[0] <= last)


def valid_on(intervals: tuple[Interval, ...], day: int) -> bool:
    """Whether one of ``intervals`` is valid on ``day`` (given, not expired, not withdrawn)."""
    for given, expires, withdrawn in intervals:
        if given <= day <= expires and day < withdrawn:
            return True
    return False


def consents_of(table: Mapping[str, PersonConsents], pseudonym: str) -> PersonConsents:
    """A person's intervals; none when the person gave no consent."""
    return table.get(pseudonym, _NONE)
