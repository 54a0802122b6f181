"""Layouts: the declarative column mapping (TOML) of the spreadsheets a site keeps.

A layout says which kinds of sheet a site's files hold (participant list, attendance sheet
with one column per session date, plan-step list), how their sheets are named, which header
names mean which field, how dates are written and which marks mean present, excused or
absent. It is parsed with :mod:`tomllib` into the frozen value objects below; every error
names the TOML key (:class:`~arbeit_gesundheit.exceptions.LayoutError`).
"""

from __future__ import annotations

import fnmatch
import tomllib
from collections.abc import Iterable, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any, Final, Literal

from attrs import field, frozen, validators

from ..exceptions import InvalidFieldError, LayoutError
from ..model import (
    BenefitType,
    ConsentPurpose,
    DropoutReason,
    EnrolmentStatus,
    FieldOfAction,
    Gender,
    RestrictionCategory,
    StepStatus,
)
from ..model import _validators as v
from ._cells import normalise_header

__all__ = [
    "DEFAULT_DATE_FORMATS",
    "FIELDS",
    "IDENTIFYING_FIELDS",
    "KINDS",
    "VALUE_FIELDS",
    "Layout",
    "Marks",
    "SheetKind",
    "SheetLayout",
    "load_layout",
    "loads_layout",
    "parse_layout",
]

SheetKind = Literal["participants", "attendance", "plan_steps"]
#: The kinds of sheet a layout can describe.
KINDS: Final[tuple[SheetKind, ...]] = ("participants", "attendance", "plan_steps")

#: Fields that identify a person: read only to make the pseudonym (birth date: also to
#: keep its year), never stored, logged or echoed in a problem message.
IDENTIFYING_FIELDS: Final = frozenset({"customer_number", "last_name", "first_name", "birth_date"})

_CONSENTS = tuple(
    f"consent_{p.value}" for p in ConsentPurpose if p is not ConsentPurpose.DATA_SHARING
)
_PERSON = (
    "birth_year", "benefit", "gender", "district_key", "unemployed_since", "restrictions",
    *_CONSENTS,
)  # fmt: skip
_COURSE = ("course", "module")
_ENROLMENT = (
    "enrolled_on", "status", "ended_on", "dropout_reason", "course_starts_on", "course_ends_on",
)  # fmt: skip
_PLAN = (
    "coach", "plan_created_on", "goal", "field_of_action", "goal_due_on", "goal_target",
    "step", "step_due_on", "step_status", "step_done_on",
)  # fmt: skip

#: The fields each kind of sheet may map, and those it must.
FIELDS: Final[Mapping[SheetKind, tuple[frozenset[str], frozenset[str]]]] = MappingProxyType(
    {
        "participants": (
            frozenset({*IDENTIFYING_FIELDS, *_PERSON, *_COURSE, *_ENROLMENT}),
            frozenset({"benefit"}),
        ),
        "attendance": (frozenset({*IDENTIFYING_FIELDS, *_COURSE}), frozenset({"course"})),
        "plan_steps": (
            frozenset({*IDENTIFYING_FIELDS, *_PERSON, *_PLAN}),
            frozenset(
                {
                    "coach",
                    "plan_created_on",
                    "goal",
                    "field_of_action",
                    "goal_due_on",
                    "step",
                    "step_due_on",
                    "step_status",
                }
            ),
        ),
    }
)

#: Fields whose cells hold a vocabulary value (the value, its German or English label, or a
#: synonym from the layout's ``[values.<field>]`` table).
VALUE_FIELDS: Final[Mapping[str, type[Any]]] = MappingProxyType(
    {
        "benefit": BenefitType,
        "gender": Gender,
        "status": EnrolmentStatus,
        "dropout_reason": DropoutReason,
        "field_of_action": FieldOfAction,
        "step_status": StepStatus,
        "restrictions": RestrictionCategory,
    }
)

#: Date formats tried for text cells, in order (``03.05.2024``, ``3.5.24``, ISO).
DEFAULT_DATE_FORMATS: Final = ("%d.%m.%Y", "%d.%m.%y", "%Y-%m-%d", "%d.%m.%Y %H:%M:%S")
_PRESENT = ("x", "1", "ja", "j", "anwesend", "✓")
_EXCUSED = ("e", "entschuldigt", "ent")
_ABSENT = ("0", "nein", "n", "-", "a", "f", "fehlt", "unentschuldigt")


def _strings(value: str | Iterable[str]) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    return tuple(value)


def _columns(value: Mapping[str, tuple[str, ...]]) -> Mapping[str, tuple[str, ...]]:
    return MappingProxyType(dict(value))


def _values(value: Mapping[str, Mapping[str, str]]) -> Mapping[str, Mapping[str, str]]:
    return MappingProxyType({k: MappingProxyType(dict(x)) for k, x in value.items()})


def _sheets(value: Iterable[SheetLayout]) -> tuple[SheetLayout, ...]:
    return tuple(value)


@frozen
class Marks:
    """Attendance marks (case does not matter). ``empty`` says what an empty cell means:
    ``"none"`` (default: nothing recorded, such as after someone left) or ``"absent"``."""

    present: tuple[str, ...] = field(
        default=_PRESENT, converter=_strings, validator=v.instances_of(str)
    )
    excused: tuple[str, ...] = field(
        default=_EXCUSED, converter=_strings, validator=v.instances_of(str)
    )
    absent: tuple[str, ...] = field(
        default=_ABSENT, converter=_strings, validator=v.instances_of(str)
    )
    empty: Literal["none", "absent"] = field(
        default="none", validator=validators.in_(("none", "absent"))
    )


@frozen
class SheetLayout:
    """One kind of sheet: which sheets it is (name patterns), the person's identity columns
    and the header names of each field (several spellings allowed, matched case-insensitively).

    ``sheets`` are shell-style patterns (``"Kurs*"``) matched against a workbook's sheet
    names, and against the file name without suffix for a CSV file.
    """

    kind: SheetKind = field(validator=validators.in_(KINDS))
    sheets: tuple[str, ...] = field(converter=_strings, validator=v.instances_of(str))
    identity: tuple[str, ...] = field(converter=_strings, validator=v.instances_of(str))
    columns: Mapping[str, tuple[str, ...]] = field(converter=_columns)

    def matches(self, sheet_name: str) -> bool:
        """Whether a sheet (or CSV file stem) of this name is of this kind."""
        name = sheet_name.casefold()
        return any(fnmatch.fnmatchcase(name, pattern.casefold()) for pattern in self.sheets)

    def header_lookup(self) -> dict[str, str]:
        """Normalised header name -> field."""
        return {
            normalise_header(h): name for name, headers in self.columns.items() for h in headers
        }


@frozen
class Layout:
    """A site's spreadsheet layout, as read from its TOML file."""

    name: str = field(validator=v.identifier)
    title_de: str = field(validator=v.text())
    title_en: str = field(validator=v.text())
    sheets: tuple[SheetLayout, ...] = field(
        converter=_sheets, validator=v.instances_of(SheetLayout)
    )
    date_formats: tuple[str, ...] = field(default=DEFAULT_DATE_FORMATS, converter=_strings)
    marks: Marks = field(factory=Marks, validator=v.instance_of(Marks))
    values: Mapping[str, Mapping[str, str]] = field(factory=dict, converter=_values)
    pseudonym_prefix: str | None = field(default=None, validator=v.optional_identifier)
    offering_id: str = field(default="{site}-{course}", validator=v.text())
    header_rows: int = field(default=10, validator=v.integer(1, 100))
    source: str = field(default="<layout>", eq=False)

    def title(self, lang: str = "de") -> str:
        return self.title_en if lang == "en" else self.title_de

    def sheet_for(self, sheet_name: str) -> SheetLayout | None:
        """The first sheet layout whose patterns match ``sheet_name``."""
        for sheet in self.sheets:
            if sheet.matches(sheet_name):
                return sheet
        return None


def _fail(source: str, key: str, expected: str) -> LayoutError:
    return LayoutError(source, key, expected)


def _str_list(
    source: str, key: str, value: object, *, allow_empty: bool = False
) -> tuple[str, ...]:
    items = (value,) if isinstance(value, str) else value
    if not isinstance(items, list | tuple) or not all(
        isinstance(i, str) and i.strip() for i in items
    ):
        raise _fail(source, key, "a text or a list of texts")
    if not items and not allow_empty:
        raise _fail(source, key, "at least one text")
    return tuple(i.strip() for i in items)


def _check_keys(source: str, key: str, table: Mapping[str, object], allowed: set[str]) -> None:
    for name in table:
        if name not in allowed:
            known = ", ".join(sorted(allowed))
            raise _fail(source, f"{key}{name}" if key else name, f"one of the keys {known}")


def _sheet(source: str, index: int, raw: object) -> SheetLayout:
    key = f"sheets[{index}]"
    if not isinstance(raw, Mapping):
        raise _fail(source, key, "a table ([[sheets]])")
    _check_keys(source, key + ".", raw, {"kind", "sheets", "identity", "columns"})
    kind = raw.get("kind")
    if kind not in KINDS:
        raise _fail(source, f"{key}.kind", "one of " + ", ".join(KINDS))
    allowed, required = FIELDS[kind]
    columns_raw = raw.get("columns")
    if not isinstance(columns_raw, Mapping):
        raise _fail(source, f"{key}.columns", "a table of field = header name(s)")
    columns: dict[str, tuple[str, ...]] = {}
    for name, headers in columns_raw.items():
        if name not in allowed:
            raise _fail(
                source,
                f"{key}.columns.{name}",
                f"a field of a {kind} sheet: {', '.join(sorted(allowed))}",
            )
        columns[name] = _str_list(source, f"{key}.columns.{name}", headers)
    for name in sorted(required - set(columns)):
        raise _fail(source, f"{key}.columns.{name}", "a header name (this field is required)")
    if (
        kind != "attendance"
        and "birth_year" not in columns
        and "birth_date" not in columns
        and "benefit" in columns
    ):
        raise _fail(source, f"{key}.columns.birth_year", "a header for birth_year or birth_date")
    identity = _str_list(source, f"{key}.identity", raw.get("identity", ()))
    for name in identity:
        if name not in IDENTIFYING_FIELDS:
            raise _fail(
                source,
                f"{key}.identity",
                "identifying fields: " + ", ".join(sorted(IDENTIFYING_FIELDS)),
            )
        if name not in columns:
            raise _fail(
                source, f"{key}.columns.{name}", f"a header name (field {name!r} is in identity)"
            )
    return SheetLayout(
        kind=kind,
        sheets=_str_list(source, f"{key}.sheets", raw.get("sheets", "*")),
        identity=identity,
        columns=columns,
    )


def parse_layout(data: Mapping[str, Any], *, source: str = "<layout>") -> Layout:
    """A :class:`Layout` from a parsed TOML document; errors name the TOML key."""
    _check_keys(source, "", data, {"name", "title_de", "title_en", "sheets", "date_formats",
                                   "marks", "values", "pseudonym_prefix", "offering_id", "header_rows"})  # fmt: skip
    sheets_raw = data.get("sheets")
    if not isinstance(sheets_raw, list) or not sheets_raw:
        raise _fail(source, "sheets", "at least one [[sheets]] table")
    sheets = tuple(_sheet(source, i, raw) for i, raw in enumerate(sheets_raw))
    marks_raw = data.get("marks", {})
    if not isinstance(marks_raw, Mapping):
        raise _fail(source, "marks", "a table")
    _check_keys(source, "marks.", marks_raw, {"present", "excused", "absent", "empty"})
    marks_args: dict[str, Any] = {}
    for name in ("present", "excused", "absent"):
        if name in marks_raw:
            marks_args[name] = tuple(
                m.casefold() for m in _str_list(source, f"marks.{name}", marks_raw[name])
            )
    if "empty" in marks_raw:
        if marks_raw["empty"] not in ("none", "absent"):
            raise _fail(source, "marks.empty", '"none" or "absent"')
        marks_args["empty"] = marks_raw["empty"]
    values_raw = data.get("values", {})
    if not isinstance(values_raw, Mapping):
        raise _fail(source, "values", "a table of [values.<field>] tables")
    values: dict[str, dict[str, str]] = {}
    for name, table in values_raw.items():
        if name not in VALUE_FIELDS:
            raise _fail(source, f"values.{name}", "one of " + ", ".join(sorted(VALUE_FIELDS)))
        enum = VALUE_FIELDS[name]
        if not isinstance(table, Mapping):
            raise _fail(source, f"values.{name}", "a table of cell text = value")
        for text, value in table.items():
            if value not in {m.value for m in enum}:
                raise _fail(
                    source, f'values.{name}."{text}"', "one of " + ", ".join(m.value for m in enum)
                )
        values[name] = {str(k).strip().casefold(): str(x) for k, x in table.items()}
    for key in ("name", "title_de", "title_en"):
        if not isinstance(data.get(key), str):
            raise _fail(source, key, "a text")
    header_rows = data.get("header_rows", 10)
    if type(header_rows) is not int or not 1 <= header_rows <= 100:
        raise _fail(source, "header_rows", "a whole number from 1 to 100")
    offering_id = data.get("offering_id", "{site}-{course}")
    if not isinstance(offering_id, str) or "{course}" not in offering_id:
        raise _fail(
            source,
            "offering_id",
            'a text with the placeholder "{course}" (and optionally "{site}")',
        )
    try:
        return Layout(
            name=data["name"],
            title_de=data["title_de"],
            title_en=data["title_en"],
            sheets=sheets,
            date_formats=_str_list(
                source, "date_formats", data.get("date_formats", DEFAULT_DATE_FORMATS)
            ),
            marks=Marks(**marks_args),
            values=values,
            pseudonym_prefix=data.get("pseudonym_prefix"),
            offering_id=offering_id,
            header_rows=header_rows,
            source=source,
        )
    except InvalidFieldError as exc:
        raise _fail(source, exc.field, exc.expected) from None


def loads_layout(text: str, *, source: str = "<layout>") -> Layout:
    """A :class:`Layout` from TOML text."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise _fail(source, "(file)", f"valid TOML ({exc})") from None
    return parse_layout(data, source=source)


def load_layout(path: str | Path) -> Layout:
    """A :class:`Layout` from a TOML file."""
    target = Path(path)
    try:
        text = target.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise _fail(target.name, "(file)", f"a readable UTF-8 TOML file ({exc})") from None
    return loads_layout(text, source=target.name)
