"""pytest plugin for plugin authors (registered through the ``pytest11`` entry point).

Installed with arbeit_gesundheit, so every test suite in the environment gets these fixtures:

``ag_plugin_manager``
    A fresh :class:`~arbeit_gesundheit.plugins.PluginManager` with the core's own plugins
    only: no installed plugins are discovered and the ``ARBEIT_GESUNDHEIT_*`` environment
    variables are ignored, so a test sees exactly what it registers.
``ag_register_plugin``
    A function ``register(plugin, name=None) -> PluginInfo`` that registers a plugin (module,
    class or object with ``@hookimpl`` functions) into ``ag_plugin_manager`` for one test.
``ag_registry``
    The site :class:`~arbeit_gesundheit.plugins.registry.Registry` of ``ag_plugin_manager``; it
    follows registrations made during the test.

The library is imported only when a fixture is used, so the plugin costs nothing otherwise.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from arbeit_gesundheit.plugins import PluginInfo, PluginManager
    from arbeit_gesundheit.plugins.registry import Registry

__all__ = ["ag_plugin_manager", "ag_register_plugin", "ag_registry"]


@pytest.fixture
def ag_plugin_manager() -> PluginManager:
    """A fresh plugin manager with the core plugins only (no discovery, no environment)."""
    from arbeit_gesundheit.plugins import PluginManager  # noqa: PLC0415 (lazy on purpose)

    return PluginManager(entry_points=False, environ={})


@pytest.fixture
def ag_register_plugin(
    ag_plugin_manager: PluginManager,
) -> Iterator[Callable[..., PluginInfo]]:
    """Register a plugin into ``ag_plugin_manager`` for the current test only."""
    names: list[str] = []

    def register(plugin: object, name: str | None = None) -> PluginInfo:
        info = ag_plugin_manager.register(plugin, name)
        if info is None:
            pytest.fail(f"plugin {name or plugin!r} is blocked")
        names.append(info.name)
        return info

    yield register
    for name in reversed(names):
        ag_plugin_manager.unregister(name)


@pytest.fixture
def ag_registry(ag_plugin_manager: PluginManager) -> Registry:
    """The site registry of ``ag_plugin_manager`` (follows registrations in the test)."""
    from arbeit_gesundheit.plugins import get_registry  # noqa: PLC0415

    return get_registry(ag_plugin_manager)
