"""Field validators shared by the models.

Each factory returns an attrs validator that raises :class:`InvalidFieldError` naming the
model, the field and what was expected. They are kept cheap: loading a national cohort runs
them millions of times.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Mapping
from datetime import date
from enum import Enum
from types import MappingProxyType
from typing import Any

import attrs

from ..exceptions import InvalidFieldError

Validator = Callable[[Any, "attrs.Attribute[Any]", Any], None]

_IDENTIFIER = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}")
_PSEUDONYM = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:-]{2,63}")
_DIGIT = re.compile(r"[0-9]")


def fail(inst: object, attr: attrs.Attribute[Any], expected: str, value: object) -> None:
    raise InvalidFieldError(type(inst).__name__, attr.name, expected, value)


def _collection(inst: object, attr: attrs.Attribute[Any], value: object) -> None:
    # The converters below leave anything that is not a proper collection as it is, so
    # that it arrives here and is refused with the field's name.
    if type(value) not in (tuple, frozenset, dict, MappingProxyType):
        fail(inst, attr, "a list", value)


def _is_collection_input(value: object) -> bool:
    return isinstance(value, Iterable) and not isinstance(value, str | bytes | Mapping)


def identifier(inst: object, attr: attrs.Attribute[Any], value: object) -> None:
    """A stable identifier: 1–64 letters, digits, ``_ . : -``, no spaces."""
    if type(value) is not str or _IDENTIFIER.fullmatch(value) is None:
        fail(inst, attr, "an identifier of 1-64 letters, digits or _.:- (no spaces)", value)


def optional_identifier(inst: object, attr: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        identifier(inst, attr, value)


def pseudonym(inst: object, attr: attrs.Attribute[Any], value: object) -> None:
    """A pseudonym (never a name): 3–64 characters without spaces and with at least one digit.

    The digit rule is a cheap guard against a name being typed where a pseudonym belongs.
    """
    if (
        type(value) is not str
        or _PSEUDONYM.fullmatch(value) is None
        or _DIGIT.search(value) is None
    ):
        fail(
            inst,
            attr,
            "a pseudonym of 3-64 letters, digits or _.:- containing a digit (never a name)",
            value,
        )


def identifiers(inst: object, attr: attrs.Attribute[Any], value: Iterable[object]) -> None:
    """A collection of identifiers."""
    _collection(inst, attr, value)
    identifier_items(inst, attr, value)


def identifier_items(inst: object, attr: attrs.Attribute[Any], value: Iterable[object]) -> None:
    """Items (such as a mapping's keys) that are all identifiers."""
    for item in value:
        if type(item) is not str or _IDENTIFIER.fullmatch(item) is None:
            fail(inst, attr, "identifiers of 1-64 letters, digits or _.:- (no spaces)", item)


def unique_identifiers(inst: object, attr: attrs.Attribute[Any], value: Collection[str]) -> None:
    identifiers(inst, attr, value)
    if len(set(value)) != len(value):
        fail(inst, attr, "identifiers without repetitions", value)


def text(max_length: int = 200) -> Validator:
    """Non-empty text, stripped of surrounding space, at most ``max_length`` characters."""

    def check(inst: object, attr: attrs.Attribute[Any], value: object) -> None:
        if (
            type(value) is not str
            or not value.strip()
            or value != value.strip()
            or len(value) > max_length
        ):
            fail(inst, attr, f"non-empty text of at most {max_length} characters", value)

    return check


def optional_text(max_length: int = 200) -> Validator:
    inner = text(max_length)

    def check(inst: object, attr: attrs.Attribute[Any], value: object) -> None:
        if value is not None:
            inner(inst, attr, value)

    return check


def integer(low: int, high: int | None = None) -> Validator:
    """An int (not a bool) in ``[low, high]``."""
    expected = (
        f"a whole number from {low} to {high}"
        if high is not None
        else f"a whole number of at least {low}"
    )

    def check(inst: object, attr: attrs.Attribute[Any], value: object) -> None:
        if type(value) is not int or value < low or (high is not None and value > high):
            fail(inst, attr, expected, value)

    return check


def optional_integer(low: int, high: int | None = None) -> Validator:
    inner = integer(low, high)

    def check(inst: object, attr: attrs.Attribute[Any], value: object) -> None:
        if value is not None:
            inner(inst, attr, value)

    return check


def a_date(inst: object, attr: attrs.Attribute[Any], value: object) -> None:
    """A calendar date (a ``datetime`` is refused: the models keep days, not instants)."""
    if type(value) is not date:
        fail(inst, attr, "a date (YYYY-MM-DD)", value)


def optional_date(inst: object, attr: attrs.Attribute[Any], value: object) -> None:
    if value is not None and type(value) is not date:
        fail(inst, attr, "a date (YYYY-MM-DD) or nothing", value)


def member_of(enum: type[Enum]) -> Validator:
    """A member of ``enum``."""
    expected = "one of " + ", ".join(repr(m.value) for m in enum)

    def check(inst: object, attr: attrs.Attribute[Any], value: object) -> None:
        if type(value) is not enum:
            fail(inst, attr, expected, value)

    return check


def optional_member_of(enum: type[Enum]) -> Validator:
    inner = member_of(enum)

    def check(inst: object, attr: attrs.Attribute[Any], value: object) -> None:
        if value is not None:
            inner(inst, attr, value)

    return check


def members_of(enum: type[Enum]) -> Validator:
    """A collection whose items are all members of ``enum``."""
    expected = "items from " + ", ".join(repr(m.value) for m in enum)

    def check(inst: object, attr: attrs.Attribute[Any], value: Iterable[object]) -> None:
        _collection(inst, attr, value)
        for item in value:
            if type(item) is not enum:
                fail(inst, attr, expected, item)

    return check


def instances_of(cls: type) -> Validator:
    """A tuple whose items are all instances of ``cls``."""
    expected = f"a sequence of {cls.__name__}"

    def check(inst: object, attr: attrs.Attribute[Any], value: object) -> None:
        if type(value) is not tuple:
            fail(inst, attr, expected, value)
            return
        for item in value:
            if not isinstance(item, cls):
                fail(inst, attr, expected, item)

    return check


def optional_instance_of(cls: type) -> Validator:
    expected = f"a {cls.__name__} or nothing"

    def check(inst: object, attr: attrs.Attribute[Any], value: object) -> None:
        if value is not None and not isinstance(value, cls):
            fail(inst, attr, expected, value)

    return check


def not_before(other: str, *, strict: bool = False) -> Validator:
    """An optional date not before (or, with ``strict``, after) the date in field ``other``."""
    relation = "after" if strict else "on or after"

    def check(inst: object, attr: attrs.Attribute[Any], value: object) -> None:
        if value is None:
            return
        if not isinstance(value, date) or type(value) is not date:
            fail(inst, attr, "a date (YYYY-MM-DD) or nothing", value)
            return
        start = getattr(inst, other)
        if start is not None and (value < start or (strict and value == start)):
            fail(inst, attr, f"a date {relation} {other} ({start})", value)

    return check


def to_tuple(value: Iterable[Any]) -> tuple[Any, ...]:
    """Converter: any iterable to a tuple, so models stay immutable and hashable.

    Text and non-iterables are left alone for the field's validator to refuse (a string
    would otherwise be split into characters).
    """
    if type(value) is tuple or not _is_collection_input(value):
        return value  # type: ignore[return-value]
    return tuple(value)


def to_frozenset(value: Iterable[Any]) -> frozenset[Any]:
    """Converter: any iterable to a frozenset (text and non-iterables left for the validator)."""
    if type(value) is frozenset or not _is_collection_input(value):
        return value  # type: ignore[return-value]
    return frozenset(value)


def to_mapping(value: Mapping[str, Any]) -> Mapping[str, Any]:
    """Converter: a mapping to a read-only copy, so a frozen model cannot be changed through it."""
    if type(value) is MappingProxyType or not isinstance(value, Mapping):
        return value
    return MappingProxyType(dict(value))


def identifier_mapping(inst: object, attr: attrs.Attribute[Any], value: object) -> None:
    """A read-only mapping (what :func:`to_mapping` makes of a dict) keyed by identifiers."""
    if type(value) is not MappingProxyType:
        fail(inst, attr, "an object (mapping)", value)
    identifier_items(inst, attr, value)  # type: ignore[arg-type]


def boolean(inst: object, attr: attrs.Attribute[Any], value: object) -> None:
    if type(value) is not bool:
        fail(inst, attr, "true or false", value)


def instance_of(cls: type) -> Validator:
    """An instance of ``cls``."""
    expected = f"a {cls.__name__}"

    def check(inst: object, attr: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, cls):
            fail(inst, attr, expected, value)

    return check
