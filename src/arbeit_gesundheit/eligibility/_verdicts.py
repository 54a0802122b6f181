"""Verdicts of eligibility criteria and Kleene's three-valued logic over them.

:class:`Verdict` is met, not met or unknown (data missing), with ``&``, ``|`` and ``~``. The
engine computes the same logic on integer *ranks* (not met < unknown < met: all-of is the
minimum, any-of the maximum, not is ``2 - rank``), which is faster on the hot path; both forms
live here so that they stay the same truth tables.
"""

from __future__ import annotations

from enum import StrEnum

from ..model import Language

__all__ = ["_BY_RANK", "_RANK", "_RANK_MET", "Verdict"]


class Verdict(StrEnum):
    """The outcome of a criterion: met, not met, or unknown because data are missing.

    ``&``, ``|`` and ``~`` follow Kleene's strong three-valued logic: not met wins an
    "and", met wins an "or", and unknown stays unknown under "not".
    """

    MET = "met"
    NOT_MET = "not_met"
    UNKNOWN = "unknown"

    def __and__(self, other: object) -> Verdict:
        if not isinstance(other, Verdict):
            return NotImplemented
        if self is Verdict.NOT_MET or other is Verdict.NOT_MET:
            return Verdict.NOT_MET
        if self is Verdict.UNKNOWN or other is Verdict.UNKNOWN:
            return Verdict.UNKNOWN
        return Verdict.MET

    def __or__(self, other: object) -> Verdict:
        if not isinstance(other, Verdict):
            return NotImplemented
        if self is Verdict.MET or other is Verdict.MET:
            return Verdict.MET
        if self is Verdict.UNKNOWN or other is Verdict.UNKNOWN:
            return Verdict.UNKNOWN
        return Verdict.NOT_MET

    def __invert__(self) -> Verdict:
        return _NEGATED[self]

    def label(self, lang: Language = "de") -> str:
        """``"erfüllt"``, ``"nicht erfüllt"``, ``"unbekannt"`` (or English)."""
        return _VERDICT_LABELS[self][0 if lang == "de" else 1]

    @property
    def symbol(self) -> str:
        """A one-character mark for listings: ✓, ✗ or ?."""
        return _VERDICT_SYMBOLS[self]


_MET, _NOT_MET, _UNKNOWN = Verdict.MET, Verdict.NOT_MET, Verdict.UNKNOWN
_NEGATED = {_MET: _NOT_MET, _NOT_MET: _MET, _UNKNOWN: _UNKNOWN}
_VERDICT_LABELS = {
    _MET: ("erfüllt", "met"),
    _NOT_MET: ("nicht erfüllt", "not met"),
    _UNKNOWN: ("unbekannt", "unknown"),
}
_VERDICT_SYMBOLS = {_MET: "✓", _NOT_MET: "✗", _UNKNOWN: "?"}

# Kleene's strong logic on ranks: not met < unknown < met; all-of is the minimum, any-of the
# maximum and not is 2 - rank. The same truth tables as Verdict's &, | and ~.
_RANK = {_NOT_MET: 0, _UNKNOWN: 1, _MET: 2}
_RANK_MET = 2
_BY_RANK = (_NOT_MET, _UNKNOWN, _MET)
