"""The converter's hooks: strict structuring of JSON leaves, collections and models.

Dates and times only from ISO strings, text, whole numbers and booleans only from exactly
that JSON type, enums by value, ``tuple`` and ``frozenset`` only from arrays, models only
from objects with known keys; mappings and sets unstructure sorted, so equal values give
the same bytes. :func:`~arbeit_gesundheit.converter.make_converter` registers them.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping
from datetime import date, time
from enum import Enum
from typing import Any, get_args, get_origin

import cattrs
from cattrs.errors import IterableValidationError, IterableValidationNote
from cattrs.gen import make_dict_structure_fn

from ..model import _vocabulary
from ._problems import _describe, _Invalid

__all__ = [
    "_attrs_factory",
    "_collection_factory",
    "_enum_hook",
    "_is_collection",
    "_is_frozenset",
    "_is_mapping",
    "_strict_float",
    "_structure_date",
    "_structure_exact",
    "_structure_mapping",
    "_structure_time",
    "_unstructure_mapping",
    "_unstructure_set",
    "_vocabulary_enums",
]


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ISO_TIME = re.compile(r"\d{2}:\d{2}(:\d{2})?")


def _structure_date(value: object, _: type) -> date:
    if type(value) is str and _ISO_DATE.fullmatch(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise _Invalid(f"{_describe(value)} is not a date (expected YYYY-MM-DD)")


def _structure_time(value: object, _: type) -> time:
    if type(value) is str and _ISO_TIME.fullmatch(value):
        try:
            return time.fromisoformat(value)
        except ValueError:
            pass
    raise _Invalid(f"{_describe(value)} is not a time of day (expected HH:MM)")


_PRIMITIVE_NAMES = {str: "text", int: "a whole number", bool: "true or false"}


def _structure_exact(value: Any, cl: Any) -> Any:
    """Registered by singledispatch for str, int and bool, so it also sees their subclasses.

    A plain str, int or bool must arrive as exactly that JSON type (``5`` is not text,
    ``"5"`` and ``true`` are not whole numbers): the problem is reported at the field even
    when sibling fields are missing and the model's own validators never run. A StrEnum or
    IntEnum outside the vocabulary is looked up by value.
    """
    if cl is str or cl is int or cl is bool:
        if type(value) is cl:
            return value
        raise _Invalid(f"{_describe(value)} is not {_PRIMITIVE_NAMES[cl]}")
    if isinstance(cl, type) and issubclass(cl, Enum):
        return _cached_enum_hook(cl)(value, cl)
    return cl(value)


def _strict_float(value: object, _: type) -> float:
    if type(value) is float or type(value) is int:
        return value
    raise _Invalid(f"{_describe(value)} is not a number")


def _enum_hook(enum: type[Enum]) -> Callable[[object, type], Enum]:
    table = {member.value: member for member in enum}
    allowed = ", ".join(repr(v) for v in table)

    def hook(value: object, _: type) -> Enum:
        try:
            return table[value]
        except (KeyError, TypeError):
            raise _Invalid(f"{_describe(value)} is not one of {allowed}") from None

    return hook


_cached_enum_hook = functools.cache(_enum_hook)


def _collection_factory(
    converter: cattrs.Converter, *, detailed: bool
) -> Callable[[Any], Callable[[object, type], Any]]:
    """Structure ``tuple[X, ...]`` and ``frozenset[X]`` from JSON arrays only.

    A string is iterable too; without this check ``"abc"`` would become three items.
    """

    def factory(type_: Any) -> Callable[[object, type], Any]:
        origin = get_origin(type_)
        (item_type, *_rest) = get_args(type_)
        item_hook = converter.get_structure_hook(item_type)
        build: Callable[[Any], Any] = tuple if origin is tuple else frozenset

        def hook(value: object, _: type) -> Any:
            if type(value) is not list and type(value) is not tuple:
                raise _Invalid(f"{_describe(value)} is not a list")
            if not detailed:
                return build([item_hook(item, item_type) for item in value])
            items = []
            errors: list[Exception] = []
            for index, item in enumerate(value):
                try:
                    items.append(item_hook(item, item_type))
                except Exception as exc:
                    exc.__notes__ = [
                        *getattr(exc, "__notes__", []),
                        IterableValidationNote(f"@ index {index}", index, item_type),
                    ]
                    errors.append(exc)
            if errors:
                raise IterableValidationError(f"While structuring {type_!r}", errors, type_)
            return build(items)

        return hook

    return factory


def _vocabulary_enums() -> list[type[Enum]]:
    return [
        obj
        for obj in vars(_vocabulary).values()
        if isinstance(obj, type)
        and issubclass(obj, Enum)
        and obj.__module__ == _vocabulary.__name__
    ]


def _is_collection(type_: Any) -> bool:
    origin = get_origin(type_)
    args = get_args(type_)
    if origin is tuple:
        return len(args) == 2 and args[1] is Ellipsis
    return origin is frozenset


def _is_frozenset(type_: Any) -> bool:
    return type_ is frozenset or get_origin(type_) is frozenset


def _is_mapping(type_: Any) -> bool:
    return get_origin(type_) is Mapping or type_ is Mapping


def _structure_mapping(value: object, _: type) -> Mapping[Any, Any]:
    if type(value) is not dict:
        raise _Invalid(f"{_describe(value)} is not an object")
    return value


def _attrs_factory(
    converter: cattrs.Converter, *, detailed: bool
) -> Callable[[Any], Callable[[object, type], Any]]:
    def factory(cls: Any) -> Callable[[object, type], Any]:
        inner = make_dict_structure_fn(
            cls, converter, _cattrs_forbid_extra_keys=True, _cattrs_detailed_validation=detailed
        )
        name = cls.__name__

        def hook(value: object, _: type) -> Any:
            if type(value) is not dict:
                raise _Invalid(f"{_describe(value)} is not an object (expected a {name})")
            return inner(value, cls)

        return hook

    return factory


def _unstructure_mapping(value: Mapping[str, Any]) -> dict[str, Any]:
    # Sorted keys: equal mappings built in another order must give the same bytes.
    return dict(sorted(value.items()))


def _unstructure_set(value: frozenset[Any]) -> list[Any]:
    return sorted(v.value if isinstance(v, Enum) else v for v in value)
