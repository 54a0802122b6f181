"""The plugin manager: discovery through entry points, blocking, allow-list, tracing, facade."""

from __future__ import annotations

import importlib.metadata as md
import subprocess
import sys
from datetime import date

import pytest
from ag_example_site import (
    plugin as example,  # installed by requirements/test.txt: a missing plugin fails
)
from hypothesis import given
from hypothesis import strategies as st

from arbeit_gesundheit import (
    BenefitType,
    Dataset,
    Land,
    Participant,
    Site,
    converter,
)
from arbeit_gesundheit.eligibility import Verdict
from arbeit_gesundheit.exceptions import InvalidFieldError, PluginError
from arbeit_gesundheit.plugins import (
    CORE_PLUGINS,
    ENV_ALLOW,
    ENV_BLOCK,
    ENV_TRACE,
    ExportOptions,
    ExportScope,
    PluginInfo,
    PluginManager,
    get_plugin_manager,
    get_registry,
    hookimpl,
    hookspecs,
    registry,
)
from arbeit_gesundheit.plugins._default_exporters import CORE_EXPORTERS

EXAMPLE = "musterstadt"
EXAMPLE_DIST = "ag-example-site"


def names(manager: PluginManager) -> list[str]:
    return [info.name for info in manager.plugins()]


# -- discovery -------------------------------------------------------------------------------


def test_discovers_installed_plugin_through_entry_point() -> None:
    manager = PluginManager(environ={})
    info = manager.info(EXAMPLE)
    assert info.distribution == EXAMPLE_DIST
    assert info.version == "0.1.0"
    assert info.module == "ag_example_site.plugin"
    assert not info.core
    assert manager.get_plugin(EXAMPLE) is example
    assert str(info) == "musterstadt (ag-example-site 0.1.0)"


def test_core_plugins_register_first_through_the_same_hooks() -> None:
    manager = PluginManager(environ={})
    core = [info for info in manager.plugins() if info.core]
    assert [info.name for info in core] == list(CORE_PLUGINS)
    assert names(manager)[: len(CORE_PLUGINS)] == list(CORE_PLUGINS)
    assert all(info.distribution == "arbeit_gesundheit" for info in core)
    exporters = manager.hooks.exporters()
    json_origin = next(info for info, exporter in exporters if exporter.name == "json")
    assert json_origin.name == "arbeit_gesundheit.plugins._default_exporters"


def test_example_catalogue_rules_and_exporters_appear_in_registry() -> None:
    registry = get_registry(PluginManager(environ={}, allow=[EXAMPLE]))
    assert EXAMPLE in registry.site_ids()
    bundle = registry.site(EXAMPLE)
    assert bundle.plugin.name == EXAMPLE
    assert {m.id for m in bundle.modules} == {m.id for m in example.MODULES}
    assert {p.id for p in bundle.partners} == {p.id for p in example.PARTNERS}
    assert [a.id for a in bundle.agreements] == ["ms.kooperation-2024"]
    assert bundle.rules_for("ms.bewegung")[0] is example.SITE_RULE
    assert [r.id for r in bundle.rules_for("ms.beratung")] == [
        "musterstadt.access",
        "musterstadt.consent.health",
    ]
    assert {e.name for e in bundle.exporters} >= {"json", "musterstadt-summary"}
    assert registry.exporter("musterstadt-summary").scope is ExportScope.AGGREGATE
    assert bundle.origin("exporter", "musterstadt-summary").name == EXAMPLE
    assert bundle.origin("exporter", "json").core


def test_no_discovery_when_entry_points_off() -> None:
    manager = PluginManager(entry_points=False, environ={})
    assert names(manager) == list(CORE_PLUGINS)
    assert get_registry(manager).sites() == ()


def test_core_can_be_left_out() -> None:
    manager = PluginManager(entry_points=False, core=False, environ={})
    assert manager.plugins() == ()
    assert get_registry(manager).exporters() == ()


# -- blocking and allow-list -----------------------------------------------------------------


@pytest.mark.parametrize("blocked", [EXAMPLE, EXAMPLE_DIST, "AG_Example.Site", "other,musterstadt"])
def test_env_block_list_removes_plugin(blocked: str) -> None:
    manager = PluginManager(environ={ENV_BLOCK: blocked})
    assert EXAMPLE not in names(manager)
    assert EXAMPLE not in get_registry(manager).site_ids(include_broken=True)
    assert manager.is_blocked(EXAMPLE) or manager.is_blocked(EXAMPLE_DIST)


def test_block_argument_and_method() -> None:
    assert EXAMPLE not in names(PluginManager(environ={}, block=[EXAMPLE]))
    manager = PluginManager(environ={})
    registry = get_registry(manager)
    assert EXAMPLE in registry.site_ids()
    manager.block(EXAMPLE)
    assert EXAMPLE not in names(manager)
    assert EXAMPLE not in registry.site_ids()
    assert manager.register(example, EXAMPLE) is None  # stays blocked


def test_blocking_other_names_keeps_plugin() -> None:
    manager = PluginManager(environ={ENV_BLOCK: "gelsenkirchen, viersen"})
    assert EXAMPLE in names(manager)


@pytest.mark.parametrize(
    ("allowed", "loaded"),
    [("", False), ("someone-else", False), (EXAMPLE, True), (EXAMPLE_DIST, True)],
)
def test_env_allow_list(allowed: str, loaded: bool) -> None:
    manager = PluginManager(environ={ENV_ALLOW: allowed})
    assert (EXAMPLE in names(manager)) is loaded
    # Core defaults always load.
    assert names(manager)[: len(CORE_PLUGINS)] == list(CORE_PLUGINS)


def test_allow_argument() -> None:
    assert EXAMPLE not in names(PluginManager(environ={}, allow=[]))
    assert EXAMPLE in names(PluginManager(environ={}, allow=[EXAMPLE]))


def test_block_wins_over_allow() -> None:
    manager = PluginManager(environ={ENV_ALLOW: EXAMPLE, ENV_BLOCK: EXAMPLE})
    assert EXAMPLE not in names(manager)


def test_env_variables_in_a_fresh_process() -> None:
    """The process-wide manager reads the real environment (as a user would set it)."""
    code = "from arbeit_gesundheit.plugins import registry;print(','.join(registry.get_registry().site_ids()))"
    run = [sys.executable, "-c", code]
    shown = subprocess.run(run, capture_output=True, text=True, check=True).stdout
    assert EXAMPLE in shown.split(",")
    env = {"PATH": "", ENV_BLOCK: EXAMPLE}
    hidden = subprocess.run(run, capture_output=True, text=True, check=True, env=env).stdout
    assert EXAMPLE not in hidden.strip().split(",")


# -- tracing ---------------------------------------------------------------------------------


def test_tracing_writes_each_hook_call() -> None:
    manager = PluginManager(environ={}, allow=[EXAMPLE])
    lines: list[str] = []
    undo = manager.enable_tracing(lines.append)
    assert manager.tracing
    get_registry(manager).site(EXAMPLE)
    text = "".join(lines)
    assert "ag_sites() <- musterstadt: 1 item(s)" in text
    assert "ag_modules(site=Site('musterstadt')) <- musterstadt: 5 item(s)" in text
    assert "ag_eligibility_rules(site=Site('musterstadt'), module=Module('ms.stress'))" in text
    undo()
    assert not manager.tracing
    count = len(lines)
    get_registry(manager).refresh()
    get_registry(manager).sites()
    assert len(lines) == count


def test_env_trace_writes_to_stderr(capsys: pytest.CaptureFixture[str]) -> None:
    manager = PluginManager(environ={ENV_TRACE: "1"})
    get_registry(manager).sites()
    err = capsys.readouterr().err
    assert "[arbeit_gesundheit] ag_sites() <- musterstadt" in err


def test_trace_off_by_default(capsys: pytest.CaptureFixture[str]) -> None:
    get_registry(PluginManager(environ={ENV_TRACE: "0"})).sites()
    assert "[arbeit_gesundheit]" not in capsys.readouterr().err


def test_tracing_covers_direct_pluggy_calls() -> None:
    manager = PluginManager(entry_points=False, environ={})
    lines: list[str] = []
    manager.enable_tracing(lines.append)
    manager.pluggy.hook.ag_exporters()
    assert any(line.startswith("[pluggy]") and "ag_exporters" in line for line in lines)


# -- registration ----------------------------------------------------------------------------


class ExtraSite:
    @hookimpl
    def ag_sites(self) -> list[Site]:
        return [Site(id="extra", name="Jobcenter Extra", land=Land.BY)]


def test_register_and_unregister_follow_registry(ag_plugin_manager: PluginManager) -> None:
    registry = get_registry(ag_plugin_manager)
    generation = ag_plugin_manager.generation
    info = ag_plugin_manager.register(ExtraSite(), "extra-plugin")
    assert info == PluginInfo("extra-plugin", module=__name__)
    assert ag_plugin_manager.generation > generation
    assert registry.site_ids() == ("extra",)
    ag_plugin_manager.unregister("extra-plugin")
    assert registry.site_ids() == ()
    ag_plugin_manager.unregister("extra-plugin")  # nothing happens


def test_register_fixture(ag_register_plugin, ag_registry) -> None:  # type: ignore[no-untyped-def]
    info = ag_register_plugin(ExtraSite(), "extra-plugin")
    assert info.name == "extra-plugin"
    assert "extra" in ag_registry


def test_register_default_name_is_class_name(ag_plugin_manager: PluginManager) -> None:
    assert ag_plugin_manager.register(ExtraSite()).name == "ExtraSite"  # type: ignore[union-attr]


def test_register_same_name_twice_is_plugin_error(ag_plugin_manager: PluginManager) -> None:
    ag_plugin_manager.register(ExtraSite(), "x")
    with pytest.raises(PluginError, match="'x'"):
        ag_plugin_manager.register(ExtraSite(), "x")


def test_unknown_hook_name_is_plugin_error(ag_plugin_manager: PluginManager) -> None:
    class Typo:
        @hookimpl
        def ag_site(self) -> list[Site]:
            return []

    with pytest.raises(PluginError, match=r"plugin 'typo'.*unknown hook.*ag_site"):
        ag_plugin_manager.register(Typo(), "typo")
    assert "typo" not in names(ag_plugin_manager)
    # The manager is still usable.
    ag_plugin_manager.register(ExtraSite(), "after")
    assert get_registry(ag_plugin_manager).site_ids() == ("extra",)


def test_unknown_argument_is_plugin_error(ag_plugin_manager: PluginManager) -> None:
    class BadArgs:
        @hookimpl
        def ag_modules(self, site: Site, year: int) -> None:
            return None

    with pytest.raises(PluginError, match=r"(?s)plugin 'bad-args'.*year"):
        ag_plugin_manager.register(BadArgs(), "bad-args")


def test_wrapper_implementation_reported(ag_plugin_manager: PluginManager) -> None:
    class Wrapper:
        @hookimpl(wrapper=True)
        def ag_exporters(self):  # type: ignore[no-untyped-def]
            return (yield)

    ag_plugin_manager.register(Wrapper(), "wrapper")
    result = ag_plugin_manager.hooks.exporters()
    assert [e.plugin for e in result.errors] == ["wrapper"]
    assert [e.name for e in result.values()] == [e.name for e in CORE_EXPORTERS]


def test_implementation_may_accept_fewer_arguments(ag_plugin_manager: PluginManager) -> None:
    calls: list[str] = []

    class NoArgs:
        @hookimpl
        def ag_modules(self) -> None:
            calls.append("called")

    ag_plugin_manager.register(NoArgs(), "no-args")
    site = Site(id="s1", name="S", land=Land.HE)
    assert ag_plugin_manager.hooks.modules(site).items == ()
    assert calls == ["called"]


def test_broken_entry_point_is_a_problem_not_a_crash(monkeypatch: pytest.MonkeyPatch) -> None:
    broken = md.EntryPoint("broken", "no_such_module_xyz.plugin", "arbeit_gesundheit")
    real = md.entry_points

    def fake(**kwargs):  # type: ignore[no-untyped-def]
        found = list(real(**kwargs))
        return [*found, broken] if kwargs.get("group") == "arbeit_gesundheit" else found

    monkeypatch.setattr(md, "entry_points", fake)
    manager = PluginManager(environ={})
    assert [p.plugin for p in manager.problems] == ["broken"]
    assert "no_such_module_xyz" in str(manager.problems[0])
    assert EXAMPLE in get_registry(manager).site_ids()
    assert [p.plugin for p in get_registry(manager).problems] == ["broken"]


def test_get_plugin_manager_is_shared_and_refreshable() -> None:
    first = get_plugin_manager()
    assert get_plugin_manager() is first
    assert get_plugin_manager(refresh=True) is not first


def test_hook_names_match_hookspecs() -> None:
    specs = {name for name in dir(hookspecs) if name.startswith("ag_")}
    assert set(PluginManager.hook_names()) == specs


# -- exporters -------------------------------------------------------------------------------


def test_json_exporter_round_trips_a_dataset() -> None:
    exporter = get_registry(PluginManager(entry_points=False, environ={})).exporter("json")
    data = Dataset(sites=[example.SITE], modules=example.MODULES, partners=example.PARTNERS)
    assert exporter.supports(data)
    assert not exporter.supports(object())
    output = exporter.export(data, ExportOptions())
    assert converter.loads(output) == data
    assert exporter.scope is ExportScope.PERSON_LEVEL
    assert exporter.title("de") != exporter.title("en")


@given(n=st.integers(0, 20), min_count=st.integers(1, 10))
def test_summary_exporter_suppresses_small_counts(n: int, min_count: int) -> None:
    people = [Participant(f"p{i:03d}", "musterstadt", 1980, BenefitType.SGB_II) for i in range(n)]
    out = example.SummaryTextExporter().export(
        Dataset(participants=people), ExportOptions(min_count=min_count)
    )
    line = out.decode().splitlines()[1]
    shown = line.split(": ")[1]
    if 0 < n < min_count:
        assert shown == "."
    else:
        assert shown == str(n)


def test_export_options_validate() -> None:
    with pytest.raises(InvalidFieldError, match="lang"):
        ExportOptions(lang="fr")  # type: ignore[arg-type]
    with pytest.raises(InvalidFieldError, match="min_count"):
        ExportOptions(min_count=0)
    assert ExportOptions(extra={"a": 1}).extra["a"] == 1


def test_registry_module_functions_use_default_manager() -> None:
    get_plugin_manager(refresh=True)
    assert EXAMPLE in [s.id for s in registry.sites()]
    assert registry.site(EXAMPLE).site == example.SITE
    assert registry.exporter("json") in registry.exporters()
    assert isinstance(registry.problems(), tuple)


def test_bundle_evaluate_uses_site_and_module_rules() -> None:
    bundle = get_registry(PluginManager(environ={}, allow=[EXAMPLE])).site(EXAMPLE)
    local = Participant("p001", EXAMPLE, 1980, BenefitType.SGB_II, district_key="05999")
    elsewhere = Participant("p002", EXAMPLE, 1980, BenefitType.SGB_II, district_key="01001")
    unknown = Participant("p003", EXAMPLE, 1980, BenefitType.SGB_II)
    day = date(2025, 3, 1)
    assert bundle.evaluate(local, "ms.bewegung", day).verdict is Verdict.MET
    assert bundle.evaluate(elsewhere, "ms.bewegung", day).verdict is Verdict.NOT_MET
    decision = bundle.evaluate(unknown, "ms.bewegung", day)
    assert decision.verdict is Verdict.UNKNOWN
    assert "district_key" in decision.missing
    # ms.beratung also needs consent to health-data processing, which p001 lacks.
    assert bundle.evaluate(local, "ms.beratung", day).verdict is Verdict.NOT_MET
