"""The module catalogue: modules (offers), their scheduled runs and sessions."""

from __future__ import annotations

from datetime import date, time

from attrs import Attribute, field, frozen

from . import _validators as v
from ._vocabulary import FieldOfAction, FundingSource, ModuleFormat

__all__ = ["Certification", "Module", "Offering", "Session"]

#: Longest session the catalogue accepts, in minutes (a full health day).
MAX_SESSION_MINUTES = 600


@frozen
class Certification:
    """Certification of a prevention course, such as by the Zentrale Prüfstelle Prävention.

    ZPP certificates are valid for three years; ``valid_until`` is the last valid day.
    """

    id: str = field(validator=v.identifier)
    valid_until: date = field(validator=v.a_date)
    issuer: str = field(default="ZPP", validator=v.text(100))

    def is_valid(self, on: date) -> bool:
        return on <= self.valid_until


@frozen
class Module:
    """A kind of offer in a site's catalogue (Modul, Kurs, Präventionskurs, Angebot).

    ``sessions`` and ``session_minutes`` describe one run; ``places`` is the usual capacity
    (None: no fixed limit, such as a consultation). ``target_groups`` are site-defined tags.
    """

    id: str = field(validator=v.identifier)
    title: str = field(validator=v.text())
    field_of_action: FieldOfAction = field(validator=v.member_of(FieldOfAction))
    format: ModuleFormat = field(validator=v.member_of(ModuleFormat))
    sessions: int = field(default=1, validator=v.integer(1, 200))
    session_minutes: int = field(default=90, validator=v.integer(1, MAX_SESSION_MINUTES))
    places: int | None = field(default=None, validator=v.optional_integer(1, 10_000))
    provider_id: str | None = field(default=None, validator=v.optional_identifier)
    certification: Certification | None = field(
        default=None, validator=v.optional_instance_of(Certification)
    )
    funding: FundingSource | None = field(
        default=None, validator=v.optional_member_of(FundingSource)
    )
    target_groups: frozenset[str] = field(
        default=frozenset(), converter=v.to_frozenset, validator=v.identifiers
    )
    location: str | None = field(default=None, validator=v.optional_text())
    description: str | None = field(default=None, validator=v.optional_text(2000))


@frozen
class Offering:
    """One scheduled run of a module (Durchführung) with its dates, place and capacity."""

    id: str = field(validator=v.identifier)
    module_id: str = field(validator=v.identifier)
    starts_on: date = field(validator=v.a_date)
    ends_on: date = field(validator=[v.a_date, v.not_before("starts_on")])
    capacity: int = field(validator=v.integer(1, 10_000))
    location: str | None = field(default=None, validator=v.optional_text())
    provider_id: str | None = field(default=None, validator=v.optional_identifier)


@frozen
class Session:
    """One meeting of an offering (Kurstermin)."""

    offering_id: str = field(validator=v.identifier)
    number: int = field(validator=v.integer(1, 1000))
    on: date = field(validator=v.a_date)
    starts_at: time | None = field(default=None)
    minutes: int | None = field(default=None, validator=v.optional_integer(1, MAX_SESSION_MINUTES))

    @starts_at.validator
    def _check_time(self, attr: Attribute[time | None], value: time | None) -> None:
        if value is not None and (
            type(value) is not time or value.second or value.microsecond or value.tzinfo is not None
        ):
            v.fail(self, attr, "a local time of day in whole minutes (HH:MM) or nothing", value)
