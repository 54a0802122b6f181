"""Events such as health days (Gesundheitstag) and digital health weeks."""

from __future__ import annotations

from datetime import date

from attrs import Attribute, field, frozen

from . import _validators as v
from ._vocabulary import EventFormat

__all__ = ["Event"]


_activity_text = v.text()  # built once, used by a validator below


@frozen
class Event:
    """A health day (Gesundheitstag) or similar event with partners' stands.

    ``ends_on`` allows multi-day events such as a digital health week.
    """

    id: str = field(validator=v.identifier)
    site_id: str = field(validator=v.identifier)
    title: str = field(validator=v.text())
    on: date = field(validator=v.a_date)
    ends_on: date | None = field(default=None, validator=v.not_before("on"))
    format: EventFormat = field(default=EventFormat.ON_SITE, validator=v.member_of(EventFormat))
    partner_ids: frozenset[str] = field(
        default=frozenset(), converter=v.to_frozenset, validator=v.identifiers
    )
    visitors: int | None = field(default=None, validator=v.optional_integer(0, 10_000_000))
    activities: tuple[str, ...] = field(default=(), converter=v.to_tuple)

    @activities.validator
    def _check_activities(self, attr: Attribute[tuple[str, ...]], value: tuple[str, ...]) -> None:
        if type(value) is not tuple:
            v.fail(self, attr, "a list of texts", value)
        check = _activity_text
        for item in value:
            check(self, attr, item)
