"""The plugin walkthrough and template run: their plugin modules load, their tests pass."""

from __future__ import annotations

import inspect
import re
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from hypothesis import Phase, settings

from arbeit_gesundheit.plugins import PluginManager, get_registry

TOPICS = Path(__file__).parent.parent / "docs" / "topics"
_BLOCK = re.compile(r"^```python\n# file: (\S+)\n(.*?)^```", re.MULTILINE | re.DOTALL)


def files(page: str) -> dict[str, str]:
    return dict(_BLOCK.findall((TOPICS / page).read_text(encoding="utf-8")))


def install(monkeypatch: pytest.MonkeyPatch, path: str, source: str) -> ModuleType:
    """Make ``src/<package>/plugin.py`` importable as ``<package>.plugin``."""
    package_name = path.split("/")[1]
    package = ModuleType(package_name)
    package.__path__ = []
    module = ModuleType(f"{package_name}.plugin")
    exec(compile(source, path, "exec"), module.__dict__)
    package.plugin = module  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, package_name, package)
    monkeypatch.setitem(sys.modules, module.__name__, module)
    return module


def run_tests(path: str, source: str) -> int:
    """Run the test functions and classes of a test file from the docs; returns how many."""
    namespace: dict[str, Any] = {"__name__": "docs_" + Path(path).stem}
    exec(compile(source, path, "exec"), namespace)
    ran = 0
    for name, obj in namespace.items():
        if name.startswith("test_") and inspect.isfunction(obj):
            manager = PluginManager(entry_points=False, environ={})
            fixtures = {
                "ag_plugin_manager": manager,
                "ag_register_plugin": manager.register,
                "ag_registry": get_registry(manager),
            }
            params = inspect.signature(obj).parameters
            obj(**{p: fixtures[p] for p in params})
            ran += 1
        elif name.startswith("Test") and inspect.isclass(obj):
            for attr in dir(obj):
                if attr.startswith("test_"):
                    method = getattr(obj, attr)
                    if hasattr(method, "hypothesis"):
                        method = settings(max_examples=10, phases=[Phase.generate])(method)
                        setattr(obj, attr, method)
                    getattr(obj(), attr)()
                    ran += 1
    return ran


@pytest.mark.parametrize("page", ["plugins.md", "plugin-template.md"])
def test_page_plugin_and_tests_run(page: str, monkeypatch: pytest.MonkeyPatch) -> None:
    blocks = files(page)
    plugins = [path for path in blocks if path.endswith("/plugin.py")]
    assert len(plugins) == 1, plugins
    plugin = install(monkeypatch, plugins[0], blocks[plugins[0]])
    manager = PluginManager(entry_points=False, environ={})
    manager.register(plugin, "docs-plugin")
    registry = get_registry(manager)
    assert registry.problems == ()
    assert registry.site_ids() == (plugin.SITE.id,)
    tests = [path for path in blocks if path.startswith("tests/")]
    assert tests
    for path in tests:
        assert run_tests(path, blocks[path]) > 0, f"{page}: {path} has no tests"


def test_walkthrough_conformance_detects_a_broken_copy(monkeypatch: pytest.MonkeyPatch) -> None:
    """The walkthrough's conformance class really checks: break the plugin, it fails."""
    blocks = files("plugins.md")
    source = blocks["src/ag_beispielstadt/plugin.py"].replace(
        'provider_id="bs-kasse"', 'provider_id="bs-unbekannt"'
    )
    install(monkeypatch, "src/ag_beispielstadt/plugin.py", source)
    with pytest.raises(AssertionError, match="bs-unbekannt"):
        run_tests("tests/test_conformance.py", blocks["tests/test_conformance.py"])
