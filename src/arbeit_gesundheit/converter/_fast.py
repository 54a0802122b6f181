"""Generated fast paths: Python source per model class for structuring and unstructuring.

cattrs' generated hooks call one hook per field, also where a field needs nothing (strings
and numbers are checked by the models' own validators) or only a table lookup (enums). For
the library's plain attrs classes the converter generates its own Python source instead, per
class, with such fields inlined: structuring (fast path only) and unstructuring. Classes it
does not understand (aliases, init=False, factories taking self, generics) keep cattrs' hooks.
The source is registered in linecache, so tracebacks and profilers show it.

Structuring here is the fast path only: any exception means "take cattrs' detailed path",
which reports every problem. The streaming of :func:`~arbeit_gesundheit.converter.dumps`
(one model at a time to orjson) lives here too, since it runs on the same generated code.
"""

from __future__ import annotations

import itertools
import linecache
from collections.abc import Callable
from datetime import date, time
from enum import Enum
from types import UnionType
from typing import Any, Union, cast, get_args, get_origin

import attrs
import cattrs
from cattrs.gen import make_dict_unstructure_fn

from ._hooks import (
    _attrs_factory,
    _is_collection,
    _is_mapping,
    _strict_float,
    _structure_date,
    _unstructure_set,
)
from ._problems import _Invalid

__all__ = [
    "_DATES",
    "_FastStructure",
    "_Unstructure",
    "_stream_default",
    "_streamer",
    "_structure_date_cached",
]


_SOURCE_COUNTER = itertools.count()

#: Parsed ISO dates by their text. A data file repeats the same days many times; sharing one
#: immutable ``date`` per day saves parsing time and memory. Bounded, so it cannot grow forever.
_DATES: dict[str, date] = {}
_DATE_CACHE_LIMIT = 100_000


def _structure_date_cached(value: object) -> date:
    if type(value) is str:
        cached = _DATES.get(value)
        if cached is not None:
            return cached
    result = _structure_date(value, date)
    if len(_DATES) < _DATE_CACHE_LIMIT:
        _DATES[value] = result  # type: ignore[index]  # only str reaches this line
    return result


def _compile(name: str, source: str, namespace: dict[str, Any]) -> Callable[..., Any]:
    filename = f"<arbeit_gesundheit generated {name} #{next(_SOURCE_COUNTER)}>"
    exec(compile(source, filename, "exec"), namespace)
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    return namespace[name]  # type: ignore[no-any-return]


def _is_plain_attrs(cls: Any) -> bool:
    """An attrs class whose fields map one to one to keys of the same name."""
    if not (isinstance(cls, type) and attrs.has(cls)) or getattr(cls, "__parameters__", None):
        return False
    try:
        attrs.resolve_types(cls)
    except NameError:
        return False
    return all(
        a.init
        and a.type is not None
        and a.alias == a.name
        and not (isinstance(a.default, attrs.Factory) and a.default.takes_self)  # type: ignore[arg-type]
        for a in attrs.fields(cls)
    )


def _optional_arg(type_: Any) -> Any | None:
    """``X`` for ``X | None``, otherwise None."""
    args = get_args(type_)
    if len(args) == 2 and type(None) in args and get_origin(type_) in (UnionType, Union):
        return args[0] if args[1] is type(None) else args[1]
    return None


def _is_enum(type_: Any) -> bool:
    return isinstance(type_, type) and issubclass(type_, Enum)


def _apply(template: str, value: str) -> str:
    return template.replace("$", value)


def _with_type(hook: Callable[[Any, Any], Any], type_: Any) -> Callable[[Any], Any]:
    def structure_item(value: Any) -> Any:
        return hook(value, type_)

    return structure_item


class _FastStructure:
    """Generates fast-path structure hooks: any exception means "take the detailed path"."""

    def __init__(self, converter: cattrs.Converter, *, consume: bool = False) -> None:
        self.converter = converter
        self.consume = consume
        self.fallback = _attrs_factory(converter, detailed=False)

    def __call__(self, cls: Any) -> Callable[[object, type], Any]:
        if not _is_plain_attrs(cls):
            return self.fallback(cls)
        namespace: dict[str, Any] = {
            "__cl": cls,
            "__keys": frozenset(a.name for a in attrs.fields(cls)),
            "__invalid": _Invalid,
        }
        arguments = []
        for index, a in enumerate(attrs.fields(cls)):
            template, reuses = self.template(a.type, namespace, str(index))
            key = f"o[{a.name!r}]"
            # Where the value is used more than once, the first use binds it to a name.
            value = self._bind(template, key, f"__v{index}") if reuses else _apply(template, key)
            if a.default is not attrs.NOTHING:
                if isinstance(a.default, attrs.Factory):  # type: ignore[arg-type]
                    namespace[f"__f{index}"] = a.default.factory
                    missing = f"__f{index}()"
                else:
                    namespace[f"__d{index}"] = a.default
                    missing = f"__d{index}"
                value = f"({value} if {a.name!r} in o else {missing})"
            arguments.append(f"{a.name}={value}" if a.kw_only else value)
        name = f"structure_{cls.__name__}"
        source = "\n".join(
            [
                f"def {name}(o, _=None):",
                "    if type(o) is not dict or not __keys.issuperset(o):",
                "        raise __invalid('not an object with known keys')",
                "    return __cl(",
                *(f"        {argument}," for argument in arguments),
                "    )",
            ]
        )
        return _compile(name, source + "\n", namespace)

    @staticmethod
    def _bind(template: str, key: str, name: str) -> str:
        first, rest = template.split("$", 1)
        return f"{first}({name} := {key}){rest.replace('$', name)}"

    def template(self, type_: Any, namespace: dict[str, Any], tag: str) -> tuple[str, bool]:
        """Source for structuring ``$`` as ``type_``; True when ``$`` appears more than once."""
        if type_ in (str, int, bool):
            return "$", False
        if type_ is float:
            namespace["__float"] = _strict_float
            return "__float($, float)", False
        if type_ is date:
            namespace["__date"] = _structure_date_cached
            return "__date($)", False
        if _is_enum(type_):
            table = {member.value: member for member in type_}
            namespace[f"__e{tag}"] = table
            return f"__e{tag}[$]", False
        inner = _optional_arg(type_)
        if inner is not None:
            template, _ = self.template(inner, namespace, tag)
            if template == "$":
                return "$", False
            return f"(None if $ is None else {template})", True
        if _is_collection(type_):
            namespace[f"__q{tag}"] = self.collection(type_)
            return f"__q{tag}($)", False
        hook = self.converter.get_structure_hook(type_)
        namespace[f"__h{tag}"] = hook
        namespace[f"__t{tag}"] = type_
        return f"__h{tag}($, __t{tag})", False

    def collection(self, type_: Any) -> Callable[[object], Any]:
        (item_type,) = get_args(type_)[:1]
        build: Callable[[Any], Any] = tuple if get_origin(type_) is tuple else frozenset
        item: Callable[[Any], Any] | None
        if item_type in (str, int, bool):
            item = None
        elif _is_enum(item_type):
            item = {member.value: member for member in item_type}.__getitem__
        elif _is_plain_attrs(item_type):
            # Generated hooks take the type as an optional second argument.
            item = cast(Callable[[Any], Any], self.converter.get_structure_hook(item_type))
        else:
            item = _with_type(self.converter.get_structure_hook(item_type), item_type)

        def structure_collection(value: object) -> Any:
            if type(value) is not list and type(value) is not tuple:
                raise _Invalid("not a list")
            return build(value) if item is None else build(map(item, value))

        if item is None or not self.consume or not _is_plain_attrs(item_type):
            return structure_collection
        structure_item = item

        def consume_collection(value: object) -> Any:
            if type(value) is not list:
                return structure_collection(value)
            # Items are taken out of the list as they are structured, so each parsed
            # object is freed at once instead of with the whole document at the end.
            value.reverse()
            pop = value.pop
            return build([structure_item(pop()) for _ in range(len(value))])

        return consume_collection


class _Unstructure:
    """Generates unstructure hooks for plain attrs classes.

    ``json`` (for :func:`unstructure`) gives JSON-ready data: dates as ISO strings, enums as
    plain ``str`` values, sets as sorted lists. The two modes behind :func:`dumps` leave dates
    and enums as they are, because orjson writes them natively and byte for byte as it would
    write their JSON-ready form: ``native`` converts a whole tree, ``stream`` one object at a
    time, leaving nested models for orjson to hand back through :func:`_stream_default`.
    """

    def __init__(self, converter: cattrs.Converter | None, mode: str) -> None:
        self.converter = converter
        self.native = mode != "json"
        self.stream = mode == "stream"

    def __call__(self, cls: Any) -> Callable[[Any], Any]:
        if not _is_plain_attrs(cls):
            assert self.converter is not None  # the stream mode only sees plain classes
            return make_dict_unstructure_fn(cls, self.converter)
        namespace: dict[str, Any] = {}
        items = []
        for index, a in enumerate(attrs.fields(cls)):
            template = self.template(a.type, namespace, str(index))
            items.append(f"        {a.name!r}: {_apply(template, f'i.{a.name}')},")
        name = f"unstructure_{cls.__name__}"
        source = "\n".join([f"def {name}(i):", "    return {", *items, "    }"])
        return _compile(name, source + "\n", namespace)

    def _native_enum(self, type_: Any) -> bool:
        return self.native and all(type(m.value) in (str, int) for m in type_)

    def template(self, type_: Any, namespace: dict[str, Any], tag: str) -> str:
        """Source for unstructuring ``$`` (a simple expression, safe to repeat)."""
        if type_ in (str, int, bool, float):
            return "$"
        if type_ is date:
            return "$" if self.native else "$.isoformat()"
        if type_ is time:
            return "$.isoformat(timespec='minutes')"
        if _is_enum(type_):
            return "$" if self._native_enum(type_) else "$._value_"
        inner = _optional_arg(type_)
        if inner is not None:
            template = self.template(inner, namespace, tag)
            return "$" if template == "$" else f"(None if $ is None else {template})"
        if _is_collection(type_):
            (item_type,) = get_args(type_)[:1]
            item = self.template(item_type, namespace, f"{tag}_")
            if get_origin(type_) is frozenset:
                if item == "$" or (_is_enum(item_type) and self._native_enum(item_type)):
                    # StrEnum members sort as their values do.
                    return "sorted($)"
                if _is_enum(item_type):
                    return "sorted([__x._value_ for __x in $])"
                namespace["__set"] = _unstructure_set
                return "__set($)"
            if item == "$":
                return "$" if self.native else "list($)"
            if item.startswith("__u") and item.endswith("($)"):
                return f"list(map({item[:-3]}, $))"
            return f"[{_apply(item, '__x')} for __x in $]"
        if _is_mapping(type_):
            return "dict(sorted($.items()))"
        if self.stream:
            if _is_plain_attrs(type_):
                return "$"  # orjson calls _stream_default for it
            raise _NotStreamable(type_)
        assert self.converter is not None
        hook = self.converter.get_unstructure_hook(type_)
        namespace[f"__u{tag}"] = hook
        return f"__u{tag}($)"


class _NotStreamable(Exception):
    """A class :func:`dumps` cannot stream; it then unstructures the whole tree first."""


_STREAM = _Unstructure(None, "stream")
_STREAMERS: dict[type, Callable[[Any], Any] | None] = {}


def _streamer(cls: type) -> Callable[[Any], Any] | None:
    """The one-object unstructure function of ``cls``, or None when it cannot stream.

    Streaming writes every object by its own class, the full path by its declared field type.
    The two agree unless an object is an instance of a subclass of another attrs class, so
    such classes (and everything the generator does not understand) take the full path.
    """
    try:
        return _STREAMERS[cls]
    except KeyError:
        pass
    result: Callable[[Any], Any] | None = None
    if _is_plain_attrs(cls) and not any(attrs.has(base) for base in cls.__mro__[1:]):
        try:
            result = _STREAM(cls)
        except _NotStreamable:
            result = None
    _STREAMERS[cls] = result
    return result


def _stream_default(obj: Any) -> Any:
    """orjson's ``default``: one model to a dict whose nested models orjson hands back here.

    Each dict is written and freed at once, so the garbage collector is not set off by a tree
    of millions of short-lived dicts, and memory stays flat.
    """
    streamer = _STREAMERS.get(type(obj)) or _streamer(type(obj))
    if streamer is None:
        raise _NotStreamable(type(obj))
    return streamer(obj)
