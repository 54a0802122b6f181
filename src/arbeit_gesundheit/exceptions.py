"""The library's exceptions: every failure a caller can meet is one of these.

All inherit from :class:`ArbeitGesundheitError`, so ``except ArbeitGesundheitError`` catches
everything the library raises on purpose. Where a built-in exception type is the natural
meaning (a bad value is a :class:`ValueError`), the library's class inherits from it too, so
existing ``except ValueError`` code keeps working.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import attrs

__all__ = [
    "ArbeitGesundheitError",
    "DocumentError",
    "InvalidFieldError",
    "Problem",
]


class ArbeitGesundheitError(Exception):
    """Base class of every exception raised by arbeit_gesundheit."""


class InvalidFieldError(ArbeitGesundheitError, ValueError):
    """A model was given a value its field does not accept.

    ``field`` names the attribute (``"birth_year"``), ``expected`` says what would have been
    accepted and ``value`` is the rejected value. Raised by the models' validators, so it
    appears both when code builds a model directly and, with its path, inside a
    :class:`DocumentError` when a document is loaded.
    """

    def __init__(self, model: str, field: str, expected: str, value: object) -> None:
        self.model = model
        self.field = field
        self.expected = expected
        self.value = value
        super().__init__(f"{model}.{field}: expected {expected}, got {value!r}")


@attrs.frozen
class Problem:
    """One problem found in a document: where (a JSONPath such as ``$.enrolments[3].status``)
    and what was expected."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class DocumentError(ArbeitGesundheitError, ValueError):
    """A document (JSON, a dict tree, a data file) could not be turned into models.

    ``problems`` lists every problem found, each with its path, so a user can fix a file in
    one pass instead of one error at a time.
    """

    def __init__(self, what: str, problems: Iterable[Problem]) -> None:
        self.what = what
        self.problems: Sequence[Problem] = tuple(problems)
        lines = "\n".join(f"  {p}" for p in self.problems)
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        super().__init__(f"invalid {what} ({count} {noun}):\n{lines}")
