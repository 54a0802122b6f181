"""The annual review (Entscheider-Treffen, Bilanz)."""

from __future__ import annotations

import math
from collections.abc import Mapping

from attrs import Attribute, field, frozen

from . import _validators as v
from ._vocabulary import NoteKind

__all__ = ["AnnualReview", "ReviewNote"]


@frozen
class ReviewNote:
    """A success, a need or a decision noted in an annual review."""

    kind: NoteKind = field(validator=v.member_of(NoteKind))
    text: str = field(validator=v.text(2000))


#: Largest target the model accepts (well inside what JSON numbers carry exactly).
_MAX_TARGET = 1e12


def _check_targets(
    inst: object, attr: Attribute[Mapping[str, float]], value: Mapping[str, float]
) -> None:
    v.identifier_mapping(inst, attr, value)
    for target in value.values():
        if (
            type(target) not in (int, float)
            or not math.isfinite(target)
            or abs(target) > _MAX_TARGET
        ):
            v.fail(inst, attr, f"finite numeric targets up to {_MAX_TARGET:g} in size", target)


@frozen
class AnnualReview:
    """The yearly review (Entscheider-Treffen, Bilanz): targets, notes and next year's targets.

    Targets map metric identifiers to values; the actual figures come from the metrics.
    """

    site_id: str = field(validator=v.identifier)
    year: int = field(validator=v.integer(2000, 2100))
    targets: Mapping[str, float] = field(
        factory=dict, converter=v.to_mapping, validator=_check_targets, hash=False
    )
    notes: tuple[ReviewNote, ...] = field(
        default=(), converter=v.to_tuple, validator=v.instances_of(ReviewNote)
    )
    next_targets: Mapping[str, float] = field(
        factory=dict, converter=v.to_mapping, validator=_check_targets, hash=False
    )
