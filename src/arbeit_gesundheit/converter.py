"""Serialization at the edges: models to JSON-ready data and back.

The models carry no serialization code; this module holds the one configured cattrs
converter. It rejects unknown keys, writes dates as ISO strings, enums as their values and
sets as sorted lists, and turns every failure into one :class:`DocumentError` that lists
each problem with its path (``$.enrolments[3].status: 'finished' is not one of …``).

Loading takes a fast path first; only when that fails is the document structured again
with cattrs' detailed validation to collect every problem with its path. The fast path and
the unstructuring use hooks generated per model (see "Generated hooks" below); ``dumps``
streams one model at a time to orjson, which writes dates and enums itself.
"""

from __future__ import annotations

import functools
import itertools
import linecache
import re
from collections.abc import Callable, Iterator, Mapping
from datetime import date, time
from enum import Enum
from types import UnionType
from typing import Any, TypeVar, Union, cast, get_args, get_origin

import attrs
import cattrs
import orjson
from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn

from .exceptions import DocumentError, InvalidFieldError, Problem
from .model import Dataset, _vocabulary

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


# --- Generated hooks ------------------------------------------------------------------------
#
# cattrs' generated hooks call one hook per field, also where a field needs nothing (strings
# and numbers are checked by the models' own validators) or only a table lookup (enums). For
# the library's plain attrs classes the converter generates its own Python source instead, per
# class, with such fields inlined: structuring (fast path only) and unstructuring. Classes it
# does not understand (aliases, init=False, factories taking self, generics) keep cattrs' hooks.
# The source is registered in linecache, so tracebacks and profilers show it.

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
    """The fast path of :func:`loads`: like ``_fast``, but it empties the lists it reads.

    Only for a document :func:`loads` has just parsed and nobody else holds.
    """
    converter = make_converter(detailed_validation=False)
    converter.register_structure_hook_factory(attrs.has, _FastStructure(converter, consume=True))
    return converter


_fast = _make_fast_converter()
_consuming = _make_consuming_converter()
_detailed = make_converter(detailed_validation=True)
_native = _make_native_converter()


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
    # Rare: the fast path refused what cattrs' detailed hooks accept (cattrs' own str and int
    # hooks convert 5 to "5", where the fast path leaves the check to the models' validators).
    return result


def unstructure(obj: Any) -> Any:
    """Turn a model (or a collection of models) into JSON-ready data."""
    return _fast.unstructure(obj)


def loads(data: bytes | str, cls: type[T] = Dataset) -> T:  # type: ignore[assignment]
    """Parse JSON and structure it as ``cls`` (a :class:`Dataset` by default)."""
    try:
        parsed = orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        raise DocumentError(_what(cls), [Problem("$", f"not valid JSON: {exc}")]) from exc
    try:
        return _consuming.structure(parsed, cls)
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
    return orjson.dumps(_native.unstructure(obj), option=option)
