"""Serialization at the edges: models to JSON-ready data and back.

The models carry no serialization code; this module holds the one configured cattrs
converter. It rejects unknown keys, writes dates as ISO strings, enums as their values and
sets as sorted lists, and turns every failure into one :class:`DocumentError` that lists
each problem with its path (``$.enrolments[3].status: 'finished' is not one of …``).

Loading takes a fast path first; only when that fails is the document structured again
with cattrs' detailed validation to collect every problem with its path.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from datetime import date, time
from enum import Enum
from typing import Any, TypeVar, get_args, get_origin

import attrs
import cattrs
import orjson
from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn

from . import _vocabulary
from ._dataset import Dataset
from .exceptions import DocumentError, InvalidFieldError, Problem

__all__ = [
    "dumps",
    "loads",
    "make_converter",
    "structure",
    "unstructure",
]

T = TypeVar("T")

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ISO_TIME = re.compile(r"\d{2}:\d{2}(:\d{2})?")


class _Invalid(ValueError):
    """A leaf value of the wrong shape; the message is shown as is, after the path."""


def _describe(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


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


def _identity(value: Any, _: type) -> Any:
    # Primitive fields are type-checked by the models' own validators, with the field name;
    # checking here again would only cost time.
    return value


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


def _unstructure_set(value: frozenset[Any]) -> list[Any]:
    return sorted(v.value if isinstance(v, Enum) else v for v in value)


def make_converter(*, detailed_validation: bool = True) -> cattrs.Converter:
    """A cattrs converter configured for the library's models.

    ``detailed_validation`` collects every problem with its path (used for error reports);
    without it, the first problem stops structuring (the fast path).
    """
    converter = cattrs.Converter(forbid_extra_keys=True, detailed_validation=detailed_validation)
    converter.register_structure_hook(date, _structure_date)
    converter.register_unstructure_hook(date, date.isoformat)
    converter.register_structure_hook(time, _structure_time)
    converter.register_unstructure_hook(time, lambda t: t.isoformat(timespec="minutes"))
    # Exact-type predicates: a singledispatch hook for ``str`` would also catch StrEnums.
    converter.register_structure_hook_func(lambda t: t in (str, int, bool), _identity)
    converter.register_structure_hook_func(lambda t: t is float, _strict_float)
    for enum in _vocabulary_enums():
        converter.register_structure_hook(enum, _enum_hook(enum))
    converter.register_structure_hook_factory(
        lambda t: isinstance(t, type) and issubclass(t, Enum), _enum_hook
    )
    converter.register_structure_hook_func(_is_mapping, _structure_mapping)
    converter.register_unstructure_hook_func(_is_mapping, dict)
    converter.register_unstructure_hook_func(_is_frozenset, _unstructure_set)
    converter.register_structure_hook_factory(
        _is_collection, _collection_factory(converter, detailed=detailed_validation)
    )
    converter.register_structure_hook_factory(
        attrs.has, _attrs_factory(converter, detailed=detailed_validation)
    )
    return converter


_fast = make_converter(detailed_validation=False)
_detailed = make_converter(detailed_validation=True)


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


def structure(data: Any, cls: type[T]) -> T:
    """Turn JSON-ready data (dicts, lists, strings, numbers) into an instance of ``cls``.

    Raises :class:`DocumentError` listing every problem with its path.
    """
    try:
        return _fast.structure(data, cls)
    except Exception:
        pass
    try:
        result = _detailed.structure(data, cls)
    except Exception as exc:
        raise DocumentError(_what(cls), list(_problems(exc, "$"))) from exc
    return result  # pragma: no cover - the fast path failed where the detailed one did not


def unstructure(obj: Any) -> Any:
    """Turn a model (or a collection of models) into JSON-ready data."""
    return _fast.unstructure(obj)


def loads(data: bytes | str, cls: type[T] = Dataset) -> T:  # type: ignore[assignment]
    """Parse JSON and structure it as ``cls`` (a :class:`Dataset` by default)."""
    try:
        parsed = orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        raise DocumentError(_what(cls), [Problem("$", f"not valid JSON: {exc}")]) from exc
    return structure(parsed, cls)


def dumps(obj: Any, *, indent: bool = False) -> bytes:
    """Serialize a model as UTF-8 JSON bytes (``indent`` for people to read)."""
    option = orjson.OPT_INDENT_2 if indent else 0
    return orjson.dumps(unstructure(obj), option=option)
