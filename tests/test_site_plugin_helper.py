"""SitePlugin: a one-site plugin from data, and the guard against plugins without hooks."""

from __future__ import annotations

import types
from datetime import date

import pytest

import arbeit_gesundheit as ag
from arbeit_gesundheit.eligibility import BenefitIn, Rule
from arbeit_gesundheit.plugins import PluginManager, SitePlugin, get_registry

SITE = ag.Site(id="beispiel", name="Jobcenter Beispielstadt", land=ag.Land.HE)
OTHER = ag.Site(id="anderswo", name="Jobcenter Anderswo", land=ag.Land.BY)
MODULES = [
    ag.Module(
        id="bsp-rueckenfit",
        title="Rückenfit",
        field_of_action=ag.FieldOfAction.MOVEMENT,
        format=ag.ModuleFormat.COURSE_SERIES,
        sessions=10,
        provider_id="bsp-traeger",
    )
]
PARTNERS = [
    ag.Partner(id="bsp-traeger", name="Bildungswerk", kind=ag.PartnerKind.EDUCATION_PROVIDER)
]
RULE = BenefitIn(frozenset({ag.BenefitType.SGB_II}))


def rules_for(module: ag.Module) -> list[Rule]:
    return [RULE]


def _manager(*plugins: object) -> PluginManager:
    manager = PluginManager(entry_points=False, environ={})
    for plugin in plugins:
        manager.register(plugin)
    return manager


def test_site_plugin_contributes_its_site_catalogue_partners_and_rules() -> None:
    plugin = SitePlugin(SITE, modules=MODULES, partners=PARTNERS, rules=rules_for)
    other = SitePlugin(OTHER)
    registry = get_registry(_manager(plugin, other))
    assert registry.site_ids() == ("anderswo", "beispiel")
    bundle = registry.site("beispiel")
    assert bundle.modules == tuple(MODULES)
    assert bundle.partners == tuple(PARTNERS)
    assert bundle.rules_for("bsp-rueckenfit") == (RULE,)
    # the other site gets nothing from this plugin
    assert registry.site("anderswo").modules == ()
    person = ag.Participant(
        pseudonym="BSP-0001", site_id="beispiel", birth_year=1980, benefit=ag.BenefitType.SGB_III
    )
    decision = bundle.evaluate(person, "bsp-rueckenfit", date(2025, 1, 1))
    assert decision.verdict.value == "not_met"


def test_site_plugin_validates_what_it_is_given() -> None:
    with pytest.raises(ag.InvalidFieldError, match="site"):
        SitePlugin("beispiel")  # type: ignore[arg-type]
    with pytest.raises(ag.InvalidFieldError, match="modules"):
        SitePlugin(SITE, modules=["not a module"])  # type: ignore[list-item]


def test_two_site_plugins_for_one_site_id_conflict_by_name() -> None:
    manager = _manager(SitePlugin(SITE))
    with pytest.raises(ag.PluginError, match="site-beispiel"):
        manager.register(SitePlugin(SITE))


def test_a_plugin_without_hooks_is_refused_with_a_hint() -> None:
    empty = types.ModuleType("ag_site_forgot_the_object")
    manager = PluginManager(entry_points=False, environ={})
    with pytest.raises(ag.PluginError, match="implements no hook") as caught:
        manager.register(empty, "forgetful")
    assert "forgetful" in str(caught.value)
    assert "forgetful" not in {info.name for info in manager.plugins()}


def test_coaches_come_through_their_hook_and_conflict_by_id() -> None:
    coach = ag.Coach(id="bsp-hcc-1", site_id="beispiel", role=ag.CoachRole.HEALTH_CARE_COACH)
    registry = get_registry(_manager(SitePlugin(SITE, coaches=[coach])))
    assert registry.site("beispiel").coaches == (coach,)
    assert registry.site("beispiel").coach("bsp-hcc-1") is coach
    with pytest.raises(ag.UnknownIdentifierError):
        registry.site("beispiel").coach("bsp-hcc-9")

    class Again:
        @ag.hookimpl
        def ag_coaches(self, site: ag.Site) -> list[ag.Coach]:
            return [coach]

    manager = _manager(SitePlugin(SITE, coaches=[coach]))
    manager.register(Again(), "again")
    with pytest.raises(ag.PluginConflictError, match="coach"):
        get_registry(manager).site("beispiel")


def test_viersen_has_four_health_care_coaches_in_its_bundle() -> None:
    from arbeit_gesundheit.plugins.registry import get_registry  # noqa: PLC0415

    coaches = get_registry().site("viersen").coaches
    assert len(coaches) == 4
    assert {c.role for c in coaches} == {ag.CoachRole.HEALTH_CARE_COACH}
