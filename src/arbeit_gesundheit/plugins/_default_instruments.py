"""The core's assessment instruments (WHO-5, PHQ-4, Work Ability Score) as a plugin."""

from __future__ import annotations

from collections.abc import Iterable

from ..instruments import CORE_INSTRUMENTS, Instrument
from ._manager import hookimpl

__all__ = ["ag_instruments"]


@hookimpl
def ag_instruments() -> Iterable[Instrument]:
    return list(CORE_INSTRUMENTS)
