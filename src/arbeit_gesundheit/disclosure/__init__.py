"""Small-count protection for aggregate tables: suppression (shown as ".") or rounding.

Every aggregate table that leaves the library goes through a policy: a
:class:`SuppressionPolicy` (default threshold 3, with secondary suppression so that no hidden
figure can be recomputed from totals) or a :class:`RoundingPolicy` (multiples of 5).
"""

from __future__ import annotations

from ._suppression import (
    SUPPRESSED,
    Cell,
    CountTable,
    Position,
    ProtectedTable,
    RoundingPolicy,
    SuppressionPolicy,
)

__all__ = [
    "SUPPRESSED",
    "Cell",
    "CountTable",
    "Position",
    "ProtectedTable",
    "RoundingPolicy",
    "SuppressionPolicy",
]
