"""The configured converters and the entry points: ``structure``, ``unstructure``, ``loads``, ``dumps``.

:func:`make_converter` registers the hooks of ``_hooks`` on a cattrs converter; the module
keeps four of them: the detailed one for error reports, the generated fast path, its
consuming variant for :func:`loads` and the native one behind :func:`dumps`.
"""

from __future__ import annotations

from datetime import date, time
from enum import Enum
from typing import Any, TypeVar

import attrs
import cattrs
import orjson

from ..exceptions import DocumentError, Problem
from ..model import Dataset
from ._fast import _FastStructure, _stream_default, _streamer, _Unstructure
from ._hooks import (
    _attrs_factory,
    _collection_factory,
    _enum_hook,
    _is_collection,
    _is_frozenset,
    _is_mapping,
    _strict_float,
    _structure_date,
    _structure_exact,
    _structure_mapping,
    _structure_time,
    _unstructure_mapping,
    _unstructure_set,
    _vocabulary_enums,
)
from ._problems import _problems, _what

__all__ = ["dumps", "loads", "make_converter", "structure", "unstructure"]


T = TypeVar("T")


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
    # cattrs registers str, int and float by singledispatch (calling ``str(value)``,
    # ``int(value)``), which outranks predicate hooks: 5 would become "5". Override them the
    # same way; _structure_exact sends StrEnum/IntEnum subclasses on to the enum hooks.
    for primitive in (str, int, bool):
        converter.register_structure_hook(primitive, _structure_exact)
    converter.register_structure_hook(float, _strict_float)
    for enum in _vocabulary_enums():
        converter.register_structure_hook(enum, _enum_hook(enum))
    converter.register_structure_hook_factory(
        lambda t: isinstance(t, type) and issubclass(t, Enum), _enum_hook
    )
    converter.register_structure_hook_func(_is_mapping, _structure_mapping)
    converter.register_unstructure_hook_func(_is_mapping, _unstructure_mapping)
    converter.register_unstructure_hook_func(_is_frozenset, _unstructure_set)
    converter.register_structure_hook_factory(
        _is_collection, _collection_factory(converter, detailed=detailed_validation)
    )
    converter.register_structure_hook_factory(
        attrs.has, _attrs_factory(converter, detailed=detailed_validation)
    )
    converter.register_unstructure_hook_factory(attrs.has, _Unstructure(converter, "json"))
    return converter


def _make_fast_converter() -> cattrs.Converter:
    """The fast path of :func:`structure` (generated hooks; any failure means "look closer")."""
    converter = make_converter(detailed_validation=False)
    converter.register_structure_hook_factory(attrs.has, _FastStructure(converter))
    return converter


def _make_native_converter() -> cattrs.Converter:
    """The unstructuring behind :func:`dumps`: dates and enums left for orjson to write."""
    converter = make_converter(detailed_validation=False)
    converter.register_unstructure_hook_factory(attrs.has, _Unstructure(converter, "native"))
    return converter


def _make_consuming_converter() -> cattrs.Converter:
    """The fast path of :func:`loads`: like ``_fast_converter``, but it empties the lists it reads.

    Only for a document :func:`loads` has just parsed and nobody else holds.
    """
    converter = make_converter(detailed_validation=False)
    converter.register_structure_hook_factory(attrs.has, _FastStructure(converter, consume=True))
    return converter


_fast_converter = _make_fast_converter()
_consuming_converter = _make_consuming_converter()
_detailed_converter = make_converter(detailed_validation=True)
_native_converter = _make_native_converter()


def structure(data: Any, cls: type[T]) -> T:
    """Turn JSON-ready data (dicts, lists, strings, numbers) into an instance of ``cls``.

    Raises :class:`DocumentError` listing every problem with its path.
    """
    try:
        return _fast_converter.structure(data, cls)
    except Exception:
        pass
    try:
        result = _detailed_converter.structure(data, cls)
    except Exception as exc:
        raise DocumentError(_what(cls), list(_problems(exc, "$"))) from exc
    # Rare: the fast path refused what cattrs' detailed hooks accept (cattrs' own str and int
    # hooks convert 5 to "5", where the fast path leaves the check to the models' validators).
    return result


def unstructure(obj: Any) -> Any:
    """Turn a model (or a collection of models) into JSON-ready data."""
    return _fast_converter.unstructure(obj)


def loads(data: bytes | str, cls: type[T] = Dataset) -> T:  # type: ignore[assignment]
    """Parse JSON and structure it as ``cls`` (a :class:`Dataset` by default)."""
    try:
        parsed = orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        raise DocumentError(_what(cls), [Problem("$", f"not valid JSON: {exc}")]) from exc
    try:
        return _consuming_converter.structure(parsed, cls)
    except Exception:
        pass
    # The fast path may have emptied lists of the parsed document: parse it again.
    return structure(orjson.loads(data), cls)


def dumps(obj: Any, *, indent: bool = False) -> bytes:
    """Serialize a model as UTF-8 JSON bytes (``indent`` for people to read)."""
    option = orjson.OPT_INDENT_2 if indent else 0
    if _streamer(type(obj)) is not None:
        try:
            return orjson.dumps(obj, default=_stream_default, option=option)
        except orjson.JSONEncodeError:
            pass  # the full path below writes it, or raises its own error
    return orjson.dumps(_native_converter.unstructure(obj), option=option)
