"""The typed hook facade: one method per hook, each checking what every plugin returned.

Core code never calls ``pm.hook.<name>`` itself; it calls the methods of :class:`Hooks`, which
call each plugin's implementation on its own, check what it returned and name the plugin
when something is wrong. A plugin that fails does not stop the others: its failure is
returned next to their contributions (:class:`Contributions`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar

import attrs
import pluggy
from attrs import frozen

from ..eligibility import Rule
from ..exceptions import ArbeitGesundheitError, PluginError
from ..exporters import Exporter, exporter_problems
from ..instruments import Instrument
from ..model import Coach, CooperationAgreement, Module, Partner, Site
from . import hookspecs

if TYPE_CHECKING:
    from ..importers import Importer, Layout

__all__ = ["Contributions", "HookHost", "Hooks", "PluginInfo"]

T = TypeVar("T")


@frozen
class PluginInfo:
    """A loaded plugin: its name, where it comes from and whether it is part of the core.

    ``name`` is the entry-point name (or the name given to :meth:`PluginManager.register`);
    ``distribution`` and ``version`` are those of the installed package, when known.
    """

    name: str
    distribution: str | None = None
    version: str | None = None
    module: str | None = None
    core: bool = False

    def __str__(self) -> str:
        if self.distribution is None:
            return self.name
        return f"{self.name} ({self.distribution} {self.version or '?'})"


@frozen
class Contributions(Generic[T]):
    """What the plugins returned from one hook call: items with their plugin, and failures."""

    items: tuple[tuple[PluginInfo, T], ...] = ()
    errors: tuple[PluginError, ...] = ()

    def values(self) -> tuple[T, ...]:
        """The contributed items, without their plugins."""
        return tuple(item for _, item in self.items)

    def check(self) -> Contributions[T]:
        """Raise the first error, if any; otherwise return self."""
        if self.errors:
            raise self.errors[0]
        return self

    def __iter__(self) -> Iterator[tuple[PluginInfo, T]]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)


def _describe(value: object) -> str:
    if isinstance(value, Site | Module | Partner | CooperationAgreement):
        return f"{type(value).__name__}({value.id!r})"
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def _call_text(hook: str, kwargs: Mapping[str, object]) -> str:
    args = ", ".join(f"{key}={_describe(value)}" for key, value in kwargs.items())
    return f"{hook}({args})"


Checker = Callable[[object], "str | None"]


def _model(cls: type) -> Checker:
    """Accept valid instances of the attrs model ``cls``."""
    expected = f"a {cls.__name__}"

    def check(item: object) -> str | None:
        if not isinstance(item, cls):
            return expected
        try:
            attrs.validate(item)  # type: ignore[arg-type]
        except ArbeitGesundheitError as exc:
            return f"a valid {cls.__name__} ({exc})"
        return None

    return check


def _instance(cls: type) -> Checker:
    expected = f"a {cls.__name__}"
    return lambda item: None if isinstance(item, cls) else expected


def _exporter(item: object) -> str | None:
    problems = exporter_problems(item)
    return "; ".join(problems) if problems else None


def _importer(item: object) -> str | None:
    from ..importers import importer_problems  # noqa: PLC0415 - loaded when a hook is called

    problems = importer_problems(item)
    return "; ".join(problems) if problems else None


class HookHost(Protocol):
    """What :class:`Hooks` needs of its plugin manager."""

    @property
    def pluggy(self) -> pluggy.PluginManager: ...

    def info(self, name: str) -> PluginInfo: ...

    def _write_trace(self, line: str) -> None: ...


class Hooks:
    """Typed facade over the hooks: one method per hook (the only place naming hooks).

    Each method calls every plugin's implementation separately, in registration order (core
    defaults first), checks the type of each returned item and returns a
    :class:`Contributions` with each item's plugin and a :class:`PluginError` for every
    plugin that raised or returned something wrong (that plugin's items are left out).
    """

    def __init__(self, manager: HookHost) -> None:
        self._manager = manager

    def sites(self) -> Contributions[Site]:
        """All sites, from ``ag_sites``."""
        return self._collect(hookspecs.ag_sites, {}, _model(Site))

    def modules(self, site: Site) -> Contributions[Module]:
        """The modules plugins add to ``site``, from ``ag_modules``."""
        return self._collect(hookspecs.ag_modules, {"site": site}, _model(Module))

    def partners(self, site: Site) -> Contributions[Partner]:
        """The partners of ``site``, from ``ag_partners``."""
        return self._collect(hookspecs.ag_partners, {"site": site}, _model(Partner))

    def agreements(self, site: Site) -> Contributions[CooperationAgreement]:
        """The cooperation agreements of ``site``, from ``ag_agreements``."""
        return self._collect(hookspecs.ag_agreements, {"site": site}, _model(CooperationAgreement))

    def coaches(self, site: Site) -> Contributions[Coach]:
        """The staff of ``site``, from ``ag_coaches``."""
        return self._collect(hookspecs.ag_coaches, {"site": site}, _model(Coach))

    def eligibility_rules(self, site: Site, module: Module) -> Contributions[Rule]:
        """The eligibility rules for ``module`` at ``site``, from ``ag_eligibility_rules``."""
        return self._collect(
            hookspecs.ag_eligibility_rules, {"site": site, "module": module}, _instance(Rule)
        )

    def exporters(self) -> Contributions[Exporter]:
        """All export formats, from ``ag_exporters``."""
        return self._collect(hookspecs.ag_exporters, {}, _exporter)

    def importers(self) -> Contributions[Importer]:
        """All spreadsheet import formats, from ``ag_importers``."""
        return self._collect(hookspecs.ag_importers, {}, _importer)

    def import_layouts(self, site: Site) -> Contributions[Layout]:
        """The spreadsheet layouts of ``site``, from ``ag_import_layouts``."""
        from ..importers import Layout  # noqa: PLC0415 - loaded when the hook is called

        return self._collect(hookspecs.ag_import_layouts, {"site": site}, _instance(Layout))

    def instruments(self) -> Contributions[Instrument]:
        """All assessment instruments, from ``ag_instruments``."""
        return self._collect(hookspecs.ag_instruments, {}, _instance(Instrument))

    def _collect(
        self, spec: Callable[..., object], kwargs: Mapping[str, object], check: Checker
    ) -> Contributions[Any]:
        manager = self._manager
        hook = spec.__name__
        caller: pluggy.HookCaller = getattr(manager.pluggy.hook, hook)
        call = _call_text(hook, kwargs)
        items: list[tuple[PluginInfo, object]] = []
        errors: list[PluginError] = []
        for impl in caller.get_hookimpls():
            info = manager.info(impl.plugin_name)
            found: list[object] = []
            error = None
            if impl.wrapper or impl.hookwrapper:
                error = PluginError(info.name, f"{hook}: wrapper implementations are not supported")
            else:
                try:
                    error = self._call(
                        impl, info=info, call=call, kwargs=kwargs, check=check, found=found
                    )
                except Exception as exc:
                    error = PluginError(info.name, f"{call} raised {type(exc).__name__}: {exc}")
                    error.__cause__ = exc
            if error is not None:
                errors.append(error)
                manager._write_trace(f"{call} <- {info.name}: ERROR {error.message}")
            else:
                items.extend((info, item) for item in found)
                manager._write_trace(f"{call} <- {info.name}: {len(found)} item(s)")
        return Contributions(tuple(items), tuple(errors))

    @staticmethod
    def _call(
        impl: pluggy.HookImpl,
        *,
        info: PluginInfo,
        call: str,
        kwargs: Mapping[str, object],
        check: Checker,
        found: list[object],
    ) -> PluginError | None:
        # Keyword arguments only, and only those the implementation accepts.
        result = impl.function(**{name: kwargs[name] for name in impl.argnames})
        if result is None:
            return None
        if isinstance(result, str | bytes | Mapping) or not isinstance(result, Iterable):
            return PluginError(
                info.name, f"{call} returned {_describe(result)}; expected a list or None"
            )
        for item in result:
            problem = check(item)
            if problem is not None:
                return PluginError(
                    info.name, f"{call} returned {_describe(item)}; expected {problem}"
                )
            found.append(item)
        return None
