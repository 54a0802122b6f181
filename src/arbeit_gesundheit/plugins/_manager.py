"""The plugin manager: discovery through entry points, block and allow lists, tracing.

Wraps a :class:`pluggy.PluginManager`; its :attr:`PluginManager.hooks` is the typed facade
(:mod:`._hooks`) through which core code calls every hook.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import os
import re
import sys
from collections.abc import Callable, Iterable, Mapping
from types import ModuleType
from typing import TYPE_CHECKING, Any

import pluggy

from ..exceptions import PluginError, UnknownIdentifierError
from . import hookspecs
from ._hooks import Hooks, PluginInfo

if TYPE_CHECKING:
    pass

__all__ = [
    "CORE_PLUGINS",
    "ENTRY_POINT_GROUP",
    "ENV_ALLOW",
    "ENV_BLOCK",
    "ENV_TRACE",
    "PluginManager",
    "get_plugin_manager",
    "hookimpl",
]

#: Entry-point group external plugins register under (``[project.entry-points.arbeit_gesundheit]``).
ENTRY_POINT_GROUP = "arbeit_gesundheit"
#: Comma-separated plugin names (entry-point or distribution names) that must not load.
ENV_BLOCK = "ARBEIT_GESUNDHEIT_BLOCK_PLUGINS"
#: When set, only these external plugins load (comma-separated; empty: none). Core defaults
#: always load.
ENV_ALLOW = "ARBEIT_GESUNDHEIT_PLUGINS"
#: When set to a true value (``1``, ``true``, ``yes``), every hook call is traced to stderr.
ENV_TRACE = "ARBEIT_GESUNDHEIT_TRACE_PLUGINS"

#: The core's own plugins, registered first through the same hooks as external plugins.
CORE_PLUGINS: tuple[str, ...] = (
    "arbeit_gesundheit.plugins._default_exporters",
    "arbeit_gesundheit.plugins._default_instruments",
    "arbeit_gesundheit.plugins._default_importers",
)

#: Marker for hook implementations: decorate plugin functions with ``@hookimpl``.
hookimpl = hookspecs.hookimpl

#: The core's distribution name, shown for the core plugins.
PROJECT_DIST = "arbeit_gesundheit"

_TRUE = frozenset({"1", "true", "yes", "on"})


def _core_version() -> str | None:
    try:
        return importlib.metadata.version(PROJECT_DIST)
    except importlib.metadata.PackageNotFoundError:  # pragma: no cover - not installed
        return None


def _normalize(name: str) -> str:
    """Distribution-name normalisation (PEP 503), used for matching names in block lists."""
    return re.sub(r"[-_.]+", "-", name).lower()


def _names(value: str | None) -> frozenset[str]:
    if value is None:
        return frozenset()
    return frozenset(_normalize(part.strip()) for part in value.split(",") if part.strip())


class PluginManager:
    """Finds, loads and lists plugins, and calls their hooks through :attr:`hooks`.

    By default the core's own plugins are registered first, then every plugin installed under
    the entry-point group ``arbeit_gesundheit`` (sorted by entry-point name), except blocked
    ones and, when an allow-list is given, those not on it. ``block`` and ``allow`` add to
    the environment variables ``ARBEIT_GESUNDHEIT_BLOCK_PLUGINS`` and
    ``ARBEIT_GESUNDHEIT_PLUGINS``; names match an entry-point name or a distribution name.
    A plugin that cannot be imported is listed in :attr:`problems` instead of stopping the
    others. Pass ``environ={}`` to ignore the environment (the test kit does).
    """

    def __init__(
        self,
        *,
        entry_points: bool = True,
        core: bool = True,
        block: Iterable[str] = (),
        allow: Iterable[str] | None = None,
        environ: Mapping[str, str] | None = None,
    ) -> None:
        env = os.environ if environ is None else environ
        self._pm = pluggy.PluginManager(hookspecs.PROJECT_NAME)
        self._pm.add_hookspecs(hookspecs)
        self._infos: dict[str, PluginInfo] = {}
        self._blocked: set[str] = set(_names(env.get(ENV_BLOCK)))
        self._blocked.update(_normalize(name) for name in block)
        allowed: frozenset[str] | None = None
        if ENV_ALLOW in env:
            allowed = _names(env[ENV_ALLOW])
        if allow is not None:
            allowed = (allowed or frozenset()) | {_normalize(name) for name in allow}
        self._allowed = allowed
        self._problems: list[PluginError] = []
        self._generation = 0
        self._trace: Callable[[str], object] | None = None
        self.hooks = Hooks(self)
        if env.get(ENV_TRACE, "").strip().lower() in _TRUE:
            self.enable_tracing()
        if core:
            version = _core_version()
            for module_name in CORE_PLUGINS:
                plugin = importlib.import_module(module_name)
                self.register(
                    plugin, module_name, distribution=PROJECT_DIST, version=version, core=True
                )
        if entry_points:
            self.load_entry_points()

    # --- registration ---------------------------------------------------------------------

    @property
    def pluggy(self) -> pluggy.PluginManager:
        """The underlying pluggy manager (for advanced use; prefer :attr:`hooks`)."""
        return self._pm

    @property
    def generation(self) -> int:
        """A counter that changes whenever a plugin is registered or unregistered."""
        return self._generation

    def register(
        self,
        plugin: object,
        name: str | None = None,
        *,
        distribution: str | None = None,
        version: str | None = None,
        core: bool = False,
    ) -> PluginInfo | None:
        """Register a plugin (a module, class or object with ``@hookimpl`` functions).

        Returns its :class:`PluginInfo`, or None when the name is blocked. Raises
        :class:`PluginError` when the plugin's hook implementations do not fit the hooks
        (unknown hook name, unknown argument) or the name is taken.
        """
        if name is None:
            name = getattr(plugin, "__name__", None) or type(plugin).__name__
        if self.is_blocked(name) or (distribution is not None and self.is_blocked(distribution)):
            return None
        module = plugin.__name__ if isinstance(plugin, ModuleType) else type(plugin).__module__
        info = PluginInfo(name, distribution, version, module, core)
        try:
            registered = self._pm.register(plugin, name=name)
        except (ValueError, pluggy.PluginValidationError) as exc:
            raise PluginError(name, f"cannot be registered: {exc}") from exc
        if registered is None:  # pragma: no cover - blocked in pluggy but not here
            return None
        self._infos[name] = info
        try:
            self._pm.check_pending()
        except pluggy.PluginValidationError as exc:
            self._pm.unregister(name=name)
            del self._infos[name]
            known = ", ".join(sorted(self.hook_names()))
            raise PluginError(name, f"implements an unknown hook: {exc} (hooks: {known})") from exc
        if not self._pm.get_hookcallers(plugin):
            self._pm.unregister(name=name)
            del self._infos[name]
            raise PluginError(
                name,
                "implements no hook (functions need the @hookimpl marker; an entry point may "
                "need to name an object, such as 'package.plugin:plugin')",
            )
        self._generation += 1
        return info

    def unregister(self, name: str) -> None:
        """Remove the plugin registered under ``name`` (nothing happens if there is none)."""
        if self._pm.has_plugin(name):
            self._pm.unregister(name=name)
            self._infos.pop(name, None)
            self._generation += 1

    def block(self, name: str) -> None:
        """Block a plugin by entry-point or distribution name; unregister it if loaded."""
        self._blocked.add(_normalize(name))
        for info in list(self._infos.values()):
            if self.is_blocked(info.name) or (
                info.distribution is not None and self.is_blocked(info.distribution)
            ):
                self.unregister(info.name)

    def is_blocked(self, name: str) -> bool:
        """Whether ``name`` (entry-point or distribution name) is blocked."""
        return _normalize(name) in self._blocked

    def is_allowed(self, name: str, distribution: str | None = None) -> bool:
        """Whether an external plugin may load under the allow-list (True when there is none)."""
        if self._allowed is None:
            return True
        return _normalize(name) in self._allowed or (
            distribution is not None and _normalize(distribution) in self._allowed
        )

    def load_entry_points(self, group: str = ENTRY_POINT_GROUP) -> list[PluginInfo]:
        """Load the plugins installed under the entry-point ``group``; returns those loaded."""
        loaded: list[PluginInfo] = []
        for ep in sorted(importlib.metadata.entry_points(group=group), key=lambda e: e.name):
            dist = ep.dist
            dist_name = dist.metadata["Name"] if dist is not None else None
            version = dist.version if dist is not None else None
            if self._pm.has_plugin(ep.name) or self.is_blocked(ep.name):
                continue
            if dist_name is not None and self.is_blocked(dist_name):
                continue
            if not self.is_allowed(ep.name, dist_name):
                continue
            try:
                plugin = ep.load()
            except Exception as exc:
                error = PluginError(
                    ep.name, f"could not be loaded from {ep.value!r}: {type(exc).__name__}: {exc}"
                )
                error.__cause__ = exc
                self._problems.append(error)
                continue
            try:
                info = self.register(plugin, ep.name, distribution=dist_name, version=version)
            except PluginError as error:
                self._problems.append(error)
                continue
            if info is not None:
                loaded.append(info)
        return loaded

    # --- listing --------------------------------------------------------------------------

    def plugins(self) -> tuple[PluginInfo, ...]:
        """The registered plugins in registration order (core defaults first)."""
        return tuple(self._infos.values())

    def info(self, name: str) -> PluginInfo:
        """The :class:`PluginInfo` of the plugin registered under ``name``."""
        try:
            return self._infos[name]
        except KeyError:
            raise UnknownIdentifierError("plugin", name, self._infos) from None

    def get_plugin(self, name: str) -> Any:
        """The plugin object registered under ``name`` (None if there is none)."""
        return self._pm.get_plugin(name)

    @property
    def problems(self) -> tuple[PluginError, ...]:
        """Plugins that were found but could not be loaded or registered."""
        return tuple(self._problems)

    @staticmethod
    def hook_names() -> tuple[str, ...]:
        """The names of all hooks a plugin can implement."""
        return tuple(name for name in hookspecs.__all__ if name.startswith("ag_"))

    # --- tracing --------------------------------------------------------------------------

    def enable_tracing(self, writer: Callable[[str], object] | None = None) -> Callable[[], None]:
        """Trace every hook call to ``writer`` (default: stderr); returns a function to stop.

        Each line names the hook, its arguments, the plugin and how many items it returned
        (or its error). Direct calls through :attr:`pluggy` are traced by pluggy too.
        """
        write: Callable[[str], object] = writer or sys.stderr.write
        previous = self._trace
        self._trace = write
        self._pm.trace.root.setwriter(lambda text: write(f"[pluggy] {text}"))
        undo_pluggy = self._pm.enable_tracing()

        def undo() -> None:
            undo_pluggy()
            self._pm.trace.root.setwriter(None)
            self._trace = previous

        return undo

    @property
    def tracing(self) -> bool:
        """Whether hook calls are being traced."""
        return self._trace is not None

    def _write_trace(self, line: str) -> None:
        if self._trace is not None:
            self._trace(f"[arbeit_gesundheit] {line}\n")

    def __repr__(self) -> str:
        names = ", ".join(info.name for info in self._infos.values())
        return f"<PluginManager plugins=[{names}]>"


_default: PluginManager | None = None


def get_plugin_manager(*, refresh: bool = False) -> PluginManager:
    """The process-wide plugin manager, created on first use from the environment.

    ``refresh=True`` builds a new one (after installing a plugin or changing the
    environment variables).
    """
    global _default  # noqa: PLW0603
    if _default is None or refresh:
        _default = PluginManager()
    return _default
