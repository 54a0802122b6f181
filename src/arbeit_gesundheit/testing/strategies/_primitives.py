"""Building blocks of every strategy: identifiers, pseudonyms, dates and texts.

Also the small helpers the model strategies share: ``_or`` for an argument left out,
optional values, small collections, and days counted after another day (so dependent dates
stay valid).
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

__all__ = [
    "DEFAULT_MAX_DATE",
    "DEFAULT_MIN_DATE",
    "_MAX_ITEMS",
    "_day_offsets",
    "_days_after",
    "_optional",
    "_or",
    "_small_sets",
    "_small_tuples",
    "dates",
    "identifiers",
    "pseudonyms",
    "texts",
]

T = TypeVar("T")

#: Earliest day the default date strategies draw (the library itself accepts any date).
DEFAULT_MIN_DATE = date(1990, 1, 1)
#: Latest day the default date strategies draw.
DEFAULT_MAX_DATE = date(2039, 12, 31)

_ALNUM = string.ascii_letters + string.digits
_IDENTIFIER_CHARS = _ALNUM + "_.:-"
_DIGIT = re.compile(r"[0-9]")
_MAX_ITEMS = 3


def _or(strategy: SearchStrategy[T] | None, default: Callable[[], SearchStrategy[T]]) -> Any:
    # ``Any``: st.builds checks keyword types at run time, not mypy.
    return default() if strategy is None else strategy


def _optional(strategy: SearchStrategy[T]) -> SearchStrategy[T | None]:
    return st.none() | strategy


def _small_tuples(elements: SearchStrategy[T]) -> SearchStrategy[tuple[T, ...]]:
    return st.lists(elements, max_size=_MAX_ITEMS).map(tuple)


def _small_sets(elements: SearchStrategy[T]) -> SearchStrategy[frozenset[T]]:
    return st.frozensets(elements, max_size=_MAX_ITEMS)


def _days_after(start: date, days: int) -> date:
    """``start`` plus ``days`` (not negative), kept within the calendar."""
    return date.fromordinal(min(start.toordinal() + max(days, 0), date.max.toordinal()))


def _day_offsets(high: int = 3 * 365) -> SearchStrategy[int]:
    return st.integers(0, high)


def identifiers() -> SearchStrategy[str]:
    """Valid identifiers: 1-64 ASCII letters, digits or ``_ . : -``, starting alphanumeric."""
    return st.builds(
        str.__add__,
        st.sampled_from(_ALNUM),
        st.text(alphabet=_IDENTIFIER_CHARS, max_size=63),
    )


def _with_digit(first: str, rest: str, digit: str) -> str:
    text = first + rest
    return text if _DIGIT.search(text) else text[:-1] + digit


def pseudonyms() -> SearchStrategy[str]:
    """Valid pseudonyms: 3-64 identifier characters containing at least one digit.

    Mixes realistic ones (``TN-2024-0042``) with arbitrary valid ones.
    """
    realistic = st.builds("TN-{}-{:04d}".format, st.integers(2010, 2039), st.integers(0, 9999))
    arbitrary = st.builds(
        _with_digit,
        st.sampled_from(_ALNUM),
        st.text(alphabet=_IDENTIFIER_CHARS, min_size=2, max_size=63),
        st.sampled_from(string.digits),
    )
    return realistic | arbitrary


def dates(
    *, min_value: date = DEFAULT_MIN_DATE, max_value: date = DEFAULT_MAX_DATE
) -> SearchStrategy[date]:
    """Calendar days from ``min_value`` through ``max_value`` (1990 to 2039 by default)."""
    return st.dates(min_value=min_value, max_value=max_value)


_WORDS = (
    "Rundum fit",
    "Gesundheitstreff",
    "Nordic Walking",
    "Stressbewältigung",
    "AktivA",
    "Ernährung im Alltag",
    "Rückenfit",
    "Präventivsprechstunde",
)


def texts(*, max_size: int = 200) -> SearchStrategy[str]:
    """Valid free texts: non-empty, no surrounding white space, at most ``max_size`` characters.

    Mixes realistic German course titles with arbitrary Unicode text.
    """
    arbitrary = st.text(min_size=1, max_size=max_size).map(str.strip).filter(bool)
    fitting = [w for w in _WORDS if len(w) <= max_size]
    return st.sampled_from(fitting) | arbitrary if fitting else arbitrary
