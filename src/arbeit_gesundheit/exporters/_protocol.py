"""The exporter protocol: what an export format (JSON, CSV, a site's report …) must provide.

Exporters are contributed by plugins through the ``ag_exporters`` hook; the core's JSON
exporter is one of them. An exporter says whether its output is *aggregate* (figures only,
small counts protected) or *person-level* (one record per pseudonym, allowed only with valid
consent), so callers can gate person-level output.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date
from enum import StrEnum
from types import MappingProxyType
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from attrs import field, frozen

from ..exceptions import InvalidFieldError
from ..model import Language
from ..model import _validators as v

if TYPE_CHECKING:
    from ..model import Module, Partner, Site

__all__ = ["ExportOptions", "ExportScope", "Exporter", "SiteCatalogue", "exporter_problems"]

_NAME = re.compile(r"[a-z0-9][a-z0-9_.-]{0,63}")
_MEDIA_TYPE = re.compile(r"[a-z]+/[A-Za-z0-9.+-]+(;.*)?")
_SUFFIX = re.compile(r"\.[A-Za-z0-9][A-Za-z0-9.]{0,15}")


class ExportScope(StrEnum):
    """Whether an export carries figures only or one record per person."""

    #: Figures only; counts below the threshold are suppressed (shown as ".").
    AGGREGATE = "aggregate"
    #: One record per participant (pseudonymous); needs valid consent to leave the site.
    PERSON_LEVEL = "person_level"


def _language(inst: object, attr: object, value: object) -> None:
    if value not in ("de", "en"):
        raise InvalidFieldError(type(inst).__name__, "lang", "'de' or 'en'", value)


def _frozen_mapping(value: Mapping[str, object] | None) -> Mapping[str, object]:
    return MappingProxyType(dict(value or {}))


@frozen
class ExportOptions:
    """Options passed to :meth:`Exporter.export`.

    An object rather than keyword arguments, so the core can add options (with defaults)
    without breaking exporters written against an older release. ``min_count`` is the
    smallest count an aggregate export may show (the Federal Employment Agency suppresses
    counts below 3); ``as_of`` is the day the export speaks for (consents are checked and
    overdue steps counted on that day; None: today); ``extra`` carries options a site's own
    exporter understands.
    """

    lang: Language = field(default="de", validator=_language)
    min_count: int = field(default=3, validator=v.integer(1, 1000))
    extra: Mapping[str, object] = field(factory=dict, converter=_frozen_mapping)
    as_of: date | None = field(default=None, validator=v.optional_date)

    def reference_date(self) -> date:
        """``as_of``, or today when none was given."""
        return self.as_of if self.as_of is not None else date.today()


@runtime_checkable
class Exporter(Protocol):
    """An export format contributed by a plugin.

    ``name`` is a lowercase identifier unique across plugins (``"json"``), ``media_type``
    the MIME type (``"application/json"``), ``suffix`` the file suffix with its dot
    (``".json"``) and ``scope`` whether the output is aggregate or person-level.
    """

    @property
    def name(self) -> str: ...

    @property
    def media_type(self) -> str: ...

    @property
    def suffix(self) -> str: ...

    @property
    def scope(self) -> ExportScope: ...

    def title(self, lang: Language = "de") -> str:
        """A short label for menus and listings (German by default)."""
        ...

    def supports(self, data: object) -> bool:
        """Whether this exporter can export ``data`` (a dataset, a report …)."""
        ...

    def export(self, data: object, options: ExportOptions) -> bytes:
        """The exported document as bytes."""
        ...


def exporter_problems(exporter: object) -> list[str]:
    """What is wrong with an object offered as an exporter (empty when it is fine)."""
    if not isinstance(exporter, Exporter):
        missing = [
            name
            for name in ("name", "media_type", "suffix", "scope", "title", "supports", "export")
            if not hasattr(exporter, name)
        ]
        return [f"an Exporter (missing: {', '.join(missing)})"]
    problems = []
    name, media_type, suffix = exporter.name, exporter.media_type, exporter.suffix
    if not isinstance(name, str) or _NAME.fullmatch(name) is None:
        problems.append(f"name: a lowercase identifier such as 'json', got {name!r}")
    if not isinstance(media_type, str) or _MEDIA_TYPE.fullmatch(media_type) is None:
        problems.append(f"media_type: a MIME type such as 'text/csv', got {media_type!r}")
    if not isinstance(suffix, str) or _SUFFIX.fullmatch(suffix) is None:
        problems.append(f"suffix: a file suffix such as '.csv', got {suffix!r}")
    scope: object = exporter.scope
    if not isinstance(scope, ExportScope):
        problems.append(f"scope: an ExportScope, got {scope!r}")
    for method in ("title", "supports", "export"):
        if not callable(getattr(exporter, method)):
            problems.append(f"{method}: a method")
    return problems


@runtime_checkable
class SiteCatalogue(Protocol):
    """A site with its catalogue, as a catalogue exporter receives it.

    :class:`~arbeit_gesundheit.plugins.SiteBundle` is one; the exporters do not depend on the
    plugin layer that builds it.
    """

    @property
    def site(self) -> Site: ...

    @property
    def modules(self) -> Sequence[Module]: ...

    @property
    def partners(self) -> Sequence[Partner]: ...
