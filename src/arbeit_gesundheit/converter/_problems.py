"""Problems with their path: every structuring failure as ``$.path: message`` items.

The hooks raise :class:`_Invalid` for a leaf value of the wrong shape; cattrs gathers the
failures of a document in exception groups, and :func:`_problems` walks them into the
:class:`~arbeit_gesundheit.exceptions.Problem` list of one ``DocumentError``.
"""

from __future__ import annotations

from collections.abc import Iterator

import attrs
from cattrs.errors import ClassValidationError, ForbiddenExtraKeysError, IterableValidationError

from ..exceptions import InvalidFieldError, Problem

__all__ = ["_Invalid", "_describe", "_problems", "_what"]


class _Invalid(ValueError):
    """A leaf value of the wrong shape; the message is shown as is, after the path."""


def _describe(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _problems(exc: BaseException, path: str) -> Iterator[Problem]:
    if isinstance(exc, ClassValidationError):
        with_notes, without = exc.group_exceptions()
        for sub, note in with_notes:
            yield from _problems(sub, f"{path}.{note.name}")
        for sub in without:
            yield from _problems(sub, path)
    elif isinstance(exc, IterableValidationError):
        indexed, unindexed = exc.group_exceptions()
        for sub, inote in indexed:
            yield from _problems(sub, f"{path}[{inote.index}]")
        for sub in unindexed:
            yield from _problems(sub, path)
    elif isinstance(exc, ForbiddenExtraKeysError):
        fields = ", ".join(sorted(exc.extra_fields))
        known = ", ".join(a.name for a in attrs.fields(exc.cl))
        yield Problem(path, f"unknown key(s) {fields}; expected only: {known}")
    elif isinstance(exc, InvalidFieldError):
        yield Problem(f"{path}.{exc.field}", f"expected {exc.expected}, got {_describe(exc.value)}")
    elif isinstance(exc, KeyError):
        yield Problem(path, "required field is missing")
    elif isinstance(exc, _Invalid):
        yield Problem(path, str(exc))
    else:
        yield Problem(path, f"{type(exc).__name__}: {exc}")


def _what(cls: type) -> str:
    return getattr(cls, "__name__", str(cls))
