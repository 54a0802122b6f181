"""The hooks reference (docs/reference/hooks.md) documents every hook with its exact signature,
and its examples work as a plugin."""

from __future__ import annotations

import inspect
import re
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from arbeit_gesundheit import BenefitType, Dataset, Participant
from arbeit_gesundheit.plugins import ExportOptions, PluginManager, get_registry, hookspecs

DOCS = Path(__file__).parent.parent / "docs"
HOOKS_PAGE = DOCS / "reference" / "hooks.md"
_BLOCK = re.compile(r"^```python\n(.*?)^```", re.MULTILINE | re.DOTALL)
_SECTION = re.compile(r"^## `(ag_\w+)`\n(.*?)(?=^## |\Z)", re.MULTILINE | re.DOTALL)


def hookspec_names() -> list[str]:
    return sorted(name for name in hookspecs.__all__ if name.startswith("ag_"))


def documented_signature(name: str) -> str:
    """The signature as the page must show it: ``def name(args) -> result: ...``."""
    fn = getattr(hookspecs, name)
    return f"def {name}{inspect.signature(fn)}: ...".replace("'", "")


def sections() -> dict[str, str]:
    return dict(_SECTION.findall(HOOKS_PAGE.read_text(encoding="utf-8")))


@pytest.mark.parametrize("name", hookspec_names())
def test_every_hook_documented_with_exact_signature(name: str) -> None:
    page = sections()
    assert name in page, f"docs/reference/hooks.md has no section '## `{name}`'"
    blocks = _BLOCK.findall(page[name])
    assert blocks, f"section {name} has no python block"
    assert blocks[0].strip() == documented_signature(name), (
        f"section {name}: first python block must be exactly\n{documented_signature(name)}"
    )
    assert any("@hookimpl" in block for block in blocks[1:]), f"section {name} has no example"


def test_no_section_for_a_hook_that_does_not_exist() -> None:
    assert sorted(sections()) == hookspec_names()


def test_every_hookspec_is_documented_in_code() -> None:
    for name in hookspec_names():
        spec = getattr(hookspecs, name)
        assert (spec.__doc__ or "").strip(), name
        assert inspect.signature(spec).return_annotation is not inspect.Signature.empty


def test_signature_check_notices_a_change() -> None:
    """The comparison is sensitive: another parameter list would not match."""

    def ag_modules(site: Site, year: int) -> Iterable[Module] | None:  # type: ignore[name-defined]  # noqa: F821
        return None

    changed = f"def ag_modules{inspect.signature(ag_modules)}: ...".replace("'", "")
    assert changed != documented_signature("ag_modules")


def load_examples() -> ModuleType:
    """All python blocks of the page, run in order as one plugin module."""
    module = ModuleType("hooks_page_examples")
    code = "\n\n".join(_BLOCK.findall(HOOKS_PAGE.read_text(encoding="utf-8")))
    exec(compile(code, str(HOOKS_PAGE), "exec"), module.__dict__)
    return module


def test_examples_form_a_working_plugin() -> None:
    manager = PluginManager(entry_points=False, environ={})
    manager.register(load_examples(), "hooks-page")
    registry = get_registry(manager)
    assert registry.problems == ()
    bundle = registry.site("beispielstadt")
    assert [m.id for m in bundle.modules] == ["bs.walking"]
    assert bundle.partner("sv-beispielstadt").name == "SV Beispielstadt"
    assert [a.id for a in bundle.agreements] == ["bs.kooperation"]
    assert [r.id for r in bundle.rules_for("bs.walking")] == [
        "beispielstadt.access",
        "beispielstadt.age",
    ]
    exporter: Any = registry.exporter("beispielstadt-count")
    people = [Participant(f"p{i:03d}", "beispielstadt", 1990, BenefitType.SGB_II) for i in range(4)]
    assert exporter.export(Dataset(participants=people), ExportOptions()) == b"4"
    assert exporter.export(Dataset(participants=people[:1]), ExportOptions()) == b"."
    assert registry.instrument("bs.motivation").id == "bs.motivation"
