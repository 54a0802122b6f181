"""The site registry: merging, conflicts, misbehaving plugins and isolation between sites."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import attrs
import pytest
from hypothesis import Phase, given, settings
from hypothesis import strategies as st

from arbeit_gesundheit import (
    BenefitType,
    FieldOfAction,
    Land,
    Module,
    ModuleFormat,
    Partner,
    Site,
)
from arbeit_gesundheit.eligibility import (
    BenefitIn,
    CriterionResult,
    EligibilityContext,
    Rule,
    Verdict,
)
from arbeit_gesundheit.exceptions import (
    ArbeitGesundheitError,
    EligibilityRuleError,
    PluginConflictError,
    PluginError,
    UnknownIdentifierError,
    UnknownSiteError,
)
from arbeit_gesundheit.plugins import ExportScope, PluginManager, get_registry, hookimpl
from arbeit_gesundheit.plugins._default_exporters import CORE_EXPORTERS, JsonExporter
from arbeit_gesundheit.testing.conformance import PluginConformance, SitePluginConformance


def site(site_id: str) -> Site:
    return Site(id=site_id, name=f"Jobcenter {site_id}", land=Land.NI)


def module(module_id: str, provider: str | None = None) -> Module:
    return Module(
        id=module_id,
        title=f"Kurs {module_id}",
        field_of_action=FieldOfAction.MOVEMENT,
        format=ModuleFormat.COURSE_SERIES,
        provider_id=provider,
    )


@attrs.define(eq=False)
class FakePlugin:
    """A plugin built from data: sites it provides and what it adds to any site."""

    sites: tuple[Site, ...] = ()
    modules: Mapping[str, Iterable[Any]] = attrs.field(factory=dict)
    partners: Mapping[str, Iterable[Any]] = attrs.field(factory=dict)
    rules: Mapping[str, Iterable[Any]] = attrs.field(factory=dict)
    exporters: Iterable[Any] = ()

    @hookimpl
    def ag_sites(self) -> Iterable[Site]:
        return self.sites

    @hookimpl
    def ag_modules(self, site: Site) -> Iterable[Module] | None:
        return self.modules.get(site.id)

    @hookimpl
    def ag_partners(self, site: Site) -> Iterable[Partner] | None:
        return self.partners.get(site.id)

    @hookimpl
    def ag_eligibility_rules(self, site: Site, module: Module) -> Iterable[Rule] | None:
        return self.rules.get(site.id)

    @hookimpl
    def ag_exporters(self) -> Iterable[Any]:
        return self.exporters


@pytest.fixture
def manager() -> PluginManager:
    return PluginManager(entry_points=False, environ={})


def test_merges_modules_from_several_plugins(manager: PluginManager) -> None:
    manager.register(FakePlugin(sites=(site("a"),), modules={"a": [module("m1")]}), "site-a")
    manager.register(FakePlugin(modules={"a": [module("m2")], "b": [module("zz")]}), "addon")
    bundle = get_registry(manager).site("a")
    assert [m.id for m in bundle.modules] == ["m1", "m2"]  # registration order
    assert bundle.origin("module", "m1").name == "site-a"
    assert bundle.origin("module", "m2").name == "addon"
    assert bundle.module("m2") == module("m2")
    with pytest.raises(UnknownIdentifierError, match="module 'zz'"):
        bundle.module("zz")


def test_unknown_site(manager: PluginManager) -> None:
    manager.register(FakePlugin(sites=(site("a"),)), "site-a")
    with pytest.raises(UnknownSiteError, match=r"unknown site 'nope' \(known: a\)") as info:
        get_registry(manager).site("nope")
    assert isinstance(info.value, LookupError)
    assert isinstance(info.value, ArbeitGesundheitError)


def test_same_site_from_two_plugins_is_conflict(manager: PluginManager) -> None:
    manager.register(FakePlugin(sites=(site("a"), site("b"))), "first")
    manager.register(FakePlugin(sites=(site("a"),)), "second")
    manager.register(FakePlugin(sites=(site("c"),)), "third")
    registry = get_registry(manager)
    with pytest.raises(PluginConflictError) as info:
        registry.site("a")
    assert info.value.plugins == ("first", "second")
    assert "'first' and 'second'" in str(info.value)
    # Other sites, even of the same plugins, keep working.
    assert registry.site_ids() == ("b", "c")
    assert registry.site("b").plugin.name == "first"
    assert registry.site_ids(include_broken=True) == ("a", "b", "c")
    assert [(p.site_id, p.plugin) for p in registry.problems] == [("a", "second")]


def test_same_module_id_from_two_plugins_is_conflict(manager: PluginManager) -> None:
    manager.register(
        FakePlugin(
            sites=(site("a"), site("b")), modules={"a": [module("m1")], "b": [module("m1")]}
        ),
        "owner",
    )
    manager.register(FakePlugin(modules={"a": [module("m1")]}), "intruder")
    registry = get_registry(manager)
    with pytest.raises(
        PluginConflictError, match=r"module 'm1' of site 'a'.*'owner' and 'intruder'"
    ):
        registry.site("a")
    assert registry.site("b").module("m1") == module("m1")


def test_same_module_twice_from_one_plugin(manager: PluginManager) -> None:
    manager.register(FakePlugin(sites=(site("a"),), modules={"a": [module("m1")] * 2}), "dup")
    with pytest.raises(PluginError, match=r"plugin 'dup': returned module 'm1' of site 'a' twice"):
        get_registry(manager).site("a")


@pytest.mark.parametrize(
    ("returned", "expected"),
    [
        ([site("x")], "expected a Module"),
        ("m1", "expected a list or None"),
        (module("m1"), "expected a list or None"),
        ({"id": "m1"}, "expected a list or None"),
        (42, "expected a list or None"),
        ([module("m1"), None], "expected a Module"),
    ],
)
def test_wrong_type_is_plugin_error_naming_plugin(
    manager: PluginManager, returned: Any, expected: str
) -> None:
    manager.register(FakePlugin(sites=(site("a"), site("b"))), "good")
    manager.register(FakePlugin(modules={"a": returned}), "bad")
    registry = get_registry(manager)
    with pytest.raises(PluginError) as info:
        registry.site("a")
    assert info.value.plugin == "bad"
    assert "ag_modules(site=Site('a'))" in str(info.value)
    assert expected in str(info.value)
    assert registry.site("b").modules == ()


def test_invalid_model_is_plugin_error(manager: PluginManager) -> None:
    broken = module("m1")
    object.__setattr__(broken, "sessions", 0)  # bypasses the validators
    manager.register(FakePlugin(sites=(site("a"),), modules={"a": [broken]}), "sloppy")
    with pytest.raises(PluginError, match=r"plugin 'sloppy'.*expected a valid Module.*sessions"):
        get_registry(manager).site("a")


def test_raising_hook_is_plugin_error_with_cause(manager: PluginManager) -> None:
    class Raises:
        @hookimpl
        def ag_partners(self, site: Site) -> None:
            if site.id == "a":
                raise RuntimeError("database down")

    manager.register(FakePlugin(sites=(site("a"), site("b"))), "sites")
    manager.register(Raises(), "flaky")
    registry = get_registry(manager)
    with pytest.raises(PluginError, match=r"plugin 'flaky'.*RuntimeError: database down") as info:
        registry.site("a")
    assert isinstance(info.value.__cause__, RuntimeError)
    assert registry.site("b").partners == ()
    assert [(p.site_id, p.plugin) for p in registry.problems] == [("a", "flaky")]


def test_broken_sites_hook_does_not_break_other_plugins(manager: PluginManager) -> None:
    class NoSites:
        @hookimpl
        def ag_sites(self) -> None:
            raise ValueError("boom")

    manager.register(NoSites(), "broken")
    manager.register(FakePlugin(sites=(site("a"),)), "fine")
    registry = get_registry(manager)
    assert registry.site_ids() == ("a",)
    assert [(p.site_id, p.plugin) for p in registry.problems] == [(None, "broken")]
    assert "plugin 'broken'" in str(registry.problems[0])


def test_global_failure_breaks_only_the_plugins_own_sites(manager: PluginManager) -> None:
    class BadExporter:
        name = "Bad Name"

    manager.register(FakePlugin(sites=(site("a"),), exporters=[BadExporter()]), "own")
    manager.register(FakePlugin(sites=(site("b"),)), "other")
    registry = get_registry(manager)
    with pytest.raises(PluginError, match=r"plugin 'own'.*ag_exporters\(\).*expected an Exporter"):
        registry.site("a")
    assert registry.site_ids() == ("b",)
    assert [e.name for e in registry.exporters()] == [e.name for e in CORE_EXPORTERS]


def test_exporter_name_conflict(manager: PluginManager) -> None:
    manager.register(FakePlugin(sites=(site("a"),), exporters=[JsonExporter()]), "copycat")
    registry = get_registry(manager)
    with pytest.raises(PluginConflictError, match=r"exporter 'json'.*copycat"):
        registry.exporter("json")
    with pytest.raises(PluginConflictError):
        registry.site("a")


def test_rule_ids_unique_per_module(manager: PluginManager) -> None:
    manager.register(
        FakePlugin(
            sites=(site("a"),),
            modules={"a": [module("m1")]},
            rules={"a": [BenefitIn({BenefitType.SGB_II})]},
        ),
        "p1",
    )
    manager.register(FakePlugin(rules={"a": [BenefitIn({BenefitType.SGB_III})]}), "p2")
    with pytest.raises(PluginConflictError, match="rule 'benefit' of module 'm1'"):
        get_registry(manager).site("a")


def test_rules_must_be_rules(manager: PluginManager) -> None:
    manager.register(
        FakePlugin(
            sites=(site("a"),), modules={"a": [module("m1")]}, rules={"a": [lambda p: True]}
        ),
        "lazy",
    )
    with pytest.raises(PluginError, match=r"plugin 'lazy'.*expected a Rule"):
        get_registry(manager).site("a")


def test_instruments_from_core(manager: PluginManager) -> None:
    registry = get_registry(manager)
    assert [i.id for i in registry.instruments()] == ["who5", "phq4", "was"]
    assert registry.instrument("who5").id == "who5"
    with pytest.raises(UnknownIdentifierError, match="instrument 'sf36'"):
        registry.instrument("sf36")


def test_registry_is_cached_until_plugins_change(manager: PluginManager) -> None:
    calls: list[int] = []

    class Counting:
        @hookimpl
        def ag_sites(self) -> list[Site]:
            calls.append(1)
            return [site("a")]

    manager.register(Counting(), "counting")
    registry = get_registry(manager)
    registry.sites()
    registry.site("a")
    assert len(calls) == 1
    registry.refresh()
    registry.sites()
    assert len(calls) == 2


# -- properties ------------------------------------------------------------------------------

PLUGINS = ("p0", "p1", "p2")
MODULE_IDS = ("m0", "m1", "m2", "m3")


@given(
    claims=st.dictionaries(
        st.sampled_from(PLUGINS),
        st.lists(st.sampled_from(MODULE_IDS), max_size=3, unique=True),
    ),
    order=st.permutations(PLUGINS),
)
def test_merge_property(claims: dict[str, list[str]], order: list[str]) -> None:
    """A site is usable exactly when no module id is claimed twice; then its catalogue is the
    union of all claims. A conflict names both plugins and never affects another site."""
    manager = PluginManager(entry_points=False, environ={})
    manager.register(
        FakePlugin(sites=(site("a"), site("b")), modules={"b": [module("mb")]}), "host"
    )
    for name in order:
        if name in claims:
            manager.register(FakePlugin(modules={"a": [module(m) for m in claims[name]]}), name)
    registry = get_registry(manager)
    owners: dict[str, list[str]] = {}
    for name in order:
        for module_id in claims.get(name, ()):
            owners.setdefault(module_id, []).append(name)
    conflicts = {m: names for m, names in owners.items() if len(names) > 1}
    assert registry.site("b").modules == (module("mb"),)
    if conflicts:
        with pytest.raises(PluginConflictError) as info:
            registry.site("a")
        error = info.value
        assert error.identifier in conflicts
        assert list(error.plugins) == conflicts[error.identifier][:2]
        assert "a" not in registry.site_ids()
    else:
        bundle = registry.site("a")
        assert {m.id for m in bundle.modules} == set(owners)
        for module_id, names in owners.items():
            assert bundle.origin("module", module_id).name == names[0]


@given(broken=st.sets(st.sampled_from(["a", "b", "c"])))
def test_isolation_property(broken: set[str]) -> None:
    """Exactly the sites a raising plugin touches are unusable; the others keep working."""

    class Raising:
        @hookimpl
        def ag_modules(self, site: Site) -> None:
            if site.id in broken:
                raise RuntimeError(site.id)

    manager = PluginManager(entry_points=False, environ={})
    manager.register(FakePlugin(sites=(site("a"), site("b"), site("c"))), "host")
    manager.register(Raising(), "raising")
    registry = get_registry(manager)
    assert set(registry.site_ids()) == {"a", "b", "c"} - broken
    assert {p.site_id for p in registry.problems} == broken
    for site_id in broken:
        with pytest.raises(PluginError, match="'raising'"):
            registry.site(site_id)


# -- the conformance mixins catch bad plugins -----------------------------------------------


def quick(cls: type, name: str) -> None:
    """Fail fast: no shrinking, no example database (the failure is expected)."""
    test = getattr(cls, name)
    setattr(cls, name, settings(phases=[Phase.generate], database=None)(test))


def test_conformance_catches_unresolved_provider() -> None:
    class Check(SitePluginConformance):
        plugin = FakePlugin(sites=(site("a"),), modules={"a": [module("m1", provider="ghost")]})
        plugin_name = "ghosts"

    with pytest.raises(AssertionError, match="provider 'ghost'"):
        Check().test_catalogue_valid()
    Check().test_no_plugin_problems()


def test_conformance_catches_raising_rule() -> None:
    @attrs.frozen
    class Fragile(Rule):
        id: str = "fragile"

        def evaluate(self, participant: Any, context: EligibilityContext) -> CriterionResult:
            if participant.unemployed_since is None:
                raise AttributeError("unemployed_since")
            return CriterionResult(self, Verdict.MET, None)

    class Check(SitePluginConformance):
        plugin = FakePlugin(
            sites=(site("a"),), modules={"a": [module("m1")]}, rules={"a": [Fragile()]}
        )
        plugin_name = "fragile-plugin"

    quick(Check, "test_rules_never_raise")
    with pytest.raises(EligibilityRuleError, match="fragile"):
        Check().test_rules_never_raise()  # type: ignore[call-arg]


def test_conformance_catches_empty_export() -> None:
    class Empty:
        name = "empty"
        media_type = "text/plain"
        suffix = ".txt"
        scope = ExportScope.AGGREGATE

        def title(self, lang: str = "de") -> str:
            return "Leer"

        def supports(self, data: object) -> bool:
            return True

        def export(self, data: object, options: object) -> bytes:
            return b""

    class Check(PluginConformance):
        plugin = FakePlugin(exporters=[Empty()])
        plugin_name = "empty-exporter"

    Check().test_exporters_are_well_formed()
    quick(Check, "test_exporters_produce_output")
    with pytest.raises(AssertionError, match="'empty' produced no output"):
        Check().test_exporters_produce_output()  # type: ignore[call-arg]
