"""Outcomes: what a participant moved on to (Integration in Arbeit)."""

from __future__ import annotations

from datetime import date

from attrs import field, frozen

from . import _validators as v
from ._vocabulary import OutcomeKind

__all__ = ["Outcome"]


@frozen
class Outcome:
    """What a participant moved on to, and when (Integration in Arbeit)."""

    participant: str = field(validator=v.pseudonym)
    kind: OutcomeKind = field(validator=v.member_of(OutcomeKind))
    on: date = field(validator=v.a_date)
    partner_id: str | None = field(default=None, validator=v.optional_identifier)
