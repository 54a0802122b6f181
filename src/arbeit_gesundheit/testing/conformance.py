"""Conformance tests a plugin author runs against their own plugin (pytest + Hypothesis).

Subclass a mixin in your test suite and name your plugin; pytest collects the inherited
tests::

    from arbeit_gesundheit.testing.conformance import SitePluginConformance

    import my_site.plugin


    class TestMySite(SitePluginConformance):
        plugin = my_site.plugin
        site_ids = ("my-site",)  # optional: default is every site the plugin provides

:class:`PluginConformance` checks any plugin (it registers, its hooks return the right
types without conflicts, its exporters produce output for generated data);
:class:`SitePluginConformance` adds the checks for a site: the catalogue is valid and its
references resolve, identifiers are unique, and the eligibility rules never raise for
generated participants (missing data give "unknown", never an exception).

The plugin is registered into a fresh plugin manager with the core plugins only, so the
tests do not depend on what else is installed. Override :meth:`make_plugin_manager` to add
plugins yours depends on, :meth:`participants_for` and :meth:`data_for_export` to steer the
generated data.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from datetime import date
from typing import Any, ClassVar

import attrs
import pytest
from hypothesis import given, note
from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from ..eligibility import Decision, Rule, Verdict
from ..exporters import Exporter, ExportOptions, exporter_problems
from ..model import Dataset, Module, Offering, Participant, Site
from ..plugins import PluginInfo, PluginManager, get_registry
from ..plugins.registry import Registry, SiteBundle
from . import strategies as ags

__all__ = ["PluginConformance", "SitePluginConformance"]

_AS_OF = st.dates(min_value=date(2015, 1, 1), max_value=date(2035, 12, 31))


def _property_test(cls: type, check: str) -> Any:
    """A Hypothesis test calling ``self.<check>(data)``.

    Made anew for every subclass: one ``@given`` function shared by several test classes
    would be run by different executors, which Hypothesis rightly refuses.
    """

    def test(self: Any, data: st.DataObject) -> None:
        getattr(self, check)(data)

    test.__doc__ = getattr(cls, check).__doc__
    return given(data=st.data())(test)


class PluginConformance:
    """Checks every plugin should pass. Set ``plugin`` (and optionally ``plugin_name``)."""

    #: Property tests: test name -> the method checking one generated example.
    _property_tests: ClassVar[dict[str, str]] = {
        "test_exporters_produce_output": "check_exporters_produce_output",
    }

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        for name, check in cls._property_tests.items():
            setattr(cls, name, _property_test(cls, check))

    #: The plugin under test: a module, class or object with ``@hookimpl`` functions.
    plugin: ClassVar[object]
    #: The name to register it under (default: the module's ``__name__``).
    plugin_name: ClassVar[str | None] = None

    # -- set-up (override to customise) ------------------------------------------------------

    def make_plugin_manager(self) -> PluginManager:
        """A fresh manager with the core plugins and the plugin under test."""
        manager = PluginManager(entry_points=False, environ={})
        manager.register(self._plugin(), self.plugin_name)
        return manager

    def _plugin(self) -> object:
        plugin = getattr(type(self), "plugin", None)
        if plugin is None:
            pytest.fail(f"{type(self).__name__} must set the class attribute 'plugin'")
        return plugin

    def _setup(self) -> tuple[Registry, PluginInfo]:
        # Built once per test (Hypothesis runs all examples on one instance).
        cached: tuple[Registry, PluginInfo] | None = self.__dict__.get("_ag_setup")
        if cached is None:
            cached = self.__dict__["_ag_setup"] = self._build_setup()
        return cached

    def _build_setup(self) -> tuple[Registry, PluginInfo]:
        manager = self.make_plugin_manager()
        own = [info for info in manager.plugins() if not info.core]
        name = self.plugin_name or getattr(self._plugin(), "__name__", None)
        mine = [info for info in own if info.name == name] or own[-1:]
        assert mine, "the plugin under test was not registered"
        return get_registry(manager), mine[0]

    def data_for_export(self, exporter: Exporter, registry: Registry) -> SearchStrategy[Any]:
        """Data to export with ``exporter``: by default small generated datasets with the
        plugin's sites, catalogue and partners, participants, offerings and enrolments that
        refer to each other."""
        bundles = [registry.site(site.id) for site in registry.sites()]
        return _linked_datasets(bundles)

    # -- tests -------------------------------------------------------------------------------

    def test_plugin_registers(self) -> None:
        """Registering raises no PluginError (hook names and arguments match the specs)."""
        _, info = self._setup()
        assert not info.core

    def test_no_plugin_problems(self) -> None:
        """Every hook returns the expected types; nothing conflicts with the core."""
        registry, _ = self._setup()
        problems = [str(problem) for problem in registry.problems]
        assert not problems, "plugin problems:\n" + "\n".join(problems)

    def test_exporters_are_well_formed(self) -> None:
        """Each exporter has a lowercase name, a media type, a suffix and a scope."""
        registry, info = self._setup()
        for exporter in self._own_exporters(registry, info):
            assert exporter_problems(exporter) == [], exporter
            for lang in ("de", "en"):
                title = exporter.title(lang)
                assert isinstance(title, str), (exporter.name, lang)
                assert title.strip(), (exporter.name, lang)

    def check_exporters_produce_output(self, data: st.DataObject) -> None:
        """Each exporter turns generated data it supports into non-empty bytes."""
        registry, info = self._setup()
        for exporter in self._own_exporters(registry, info):
            value = data.draw(self.data_for_export(exporter, registry), label=exporter.name)
            if not exporter.supports(value):
                continue
            for lang in ("de", "en"):
                output = exporter.export(value, ExportOptions(lang=lang))
                note(f"{exporter.name} ({lang}): {len(output)} bytes")
                assert isinstance(output, bytes), (exporter.name, type(output))
                assert output, f"exporter {exporter.name!r} produced no output"

    @staticmethod
    def _own_exporters(registry: Registry, info: PluginInfo) -> Iterator[Exporter]:
        hooks = registry.manager.hooks
        for origin, exporter in hooks.exporters():
            if origin.name == info.name:
                yield exporter


class SitePluginConformance(PluginConformance):
    """Checks for a plugin that provides sites. Set ``plugin`` and optionally ``site_ids``."""

    #: The sites to check (default: every site the plugin provides).
    site_ids: ClassVar[Collection[str] | None] = None

    _property_tests: ClassVar[dict[str, str]] = {
        **PluginConformance._property_tests,
        "test_rules_never_raise": "check_rules_never_raise",
    }

    def _bundles(self) -> list[SiteBundle]:
        registry, info = self._setup()
        ids = self.site_ids
        if ids is None:
            ids = [site.id for site in registry.sites() if registry.site(site.id).plugin == info]
        return [registry.site(site_id) for site_id in ids]

    def participants_for(self, bundle: SiteBundle) -> SearchStrategy[Participant]:
        """Participants of ``bundle``'s site: some living in its area, some elsewhere, some
        with data missing."""
        keys = sorted(bundle.site.district_keys)
        districts = st.one_of(
            st.none(),
            st.from_regex(r"[0-9]{5}", fullmatch=True),
            *([st.sampled_from(keys)] if keys else []),
        )
        return ags.participants(site_ids=st.just(bundle.site.id), district_keys=districts)

    # -- tests -------------------------------------------------------------------------------

    def test_provides_sites(self) -> None:
        """The plugin provides the sites it is expected to, and they load without errors."""
        bundles = self._bundles()
        assert bundles, "the plugin provides no site"
        for bundle in bundles:
            assert isinstance(bundle.site, Site)

    def test_catalogue_valid(self) -> None:
        """Every model is valid and every reference to a partner resolves."""
        for bundle in self._bundles():
            partner_ids = {p.id for p in bundle.partners}
            for item in (*bundle.modules, *bundle.partners, *bundle.agreements):
                attrs.validate(item)  # type: ignore[arg-type]
            for module in bundle.modules:
                if module.certification is not None:
                    attrs.validate(module.certification)
                assert module.provider_id is None or module.provider_id in partner_ids, (
                    f"site {bundle.id!r}: module {module.id!r} names provider "
                    f"{module.provider_id!r}, which is not among its partners {sorted(partner_ids)}"
                )
            for agreement in bundle.agreements:
                unknown = set(agreement.parties) - partner_ids - {bundle.id}
                assert not unknown, (
                    f"site {bundle.id!r}: agreement {agreement.id!r} names parties "
                    f"{sorted(unknown)} that are neither the site nor its partners"
                )

    def test_identifiers_unique(self) -> None:
        """Module, partner and agreement ids are unique, and a rule id means one rule."""
        for bundle in self._bundles():
            for kind, ids in (
                ("module", [m.id for m in bundle.modules]),
                ("partner", [p.id for p in bundle.partners]),
                ("agreement", [a.id for a in bundle.agreements]),
            ):
                duplicates = sorted({i for i in ids if ids.count(i) > 1})
                assert not duplicates, f"site {bundle.id!r}: duplicate {kind} ids {duplicates}"
            seen: dict[str, Rule] = {}
            for module in bundle.modules:
                for rule in _walk(bundle.rules_for(module.id)):
                    other = seen.setdefault(rule.id, rule)
                    assert other == rule, (
                        f"site {bundle.id!r}: rule id {rule.id!r} names two different rules: "
                        f"{other!r} and {rule!r}"
                    )

    def test_rules_have_labels(self) -> None:
        """Every rule says what it asks for, in German and English."""
        for bundle in self._bundles():
            for module in bundle.modules:
                for rule in _walk(bundle.rules_for(module.id)):
                    for lang in ("de", "en"):
                        text = rule.label(lang)
                        assert isinstance(text, str), (rule.id, lang)
                        assert text.strip(), (rule.id, lang)

    def check_rules_never_raise(self, data: st.DataObject) -> None:
        """For generated participants and dates every module's rules give an explained
        decision; missing data give "unknown", never an exception."""
        for bundle in self._bundles():
            if not bundle.modules:
                continue
            participant = data.draw(self.participants_for(bundle), label="participant")
            module: Module = data.draw(st.sampled_from(bundle.modules), label="module")
            as_of = data.draw(_AS_OF, label="as_of")
            enrolled = data.draw(
                st.frozensets(st.sampled_from([m.id for m in bundle.modules]), max_size=2),
                label="enrolled",
            )
            decision = bundle.evaluate(participant, module.id, as_of, enrolled_module_ids=enrolled)
            assert isinstance(decision, Decision)
            assert decision.verdict in Verdict
            for lang in ("de", "en"):
                lines = decision.explain(lang)
                assert all(isinstance(line, str) and line for line in lines)
            assert decision.audit_record(as_of).site_id == bundle.id


@st.composite
def _linked_datasets(draw: st.DrawFn, bundles: list[SiteBundle]) -> Dataset:
    """A small dataset whose records refer to the bundles' sites and modules."""
    people: list[Participant] = []
    offerings: list[Offering] = []
    for bundle in bundles:
        site_ids = st.just(bundle.site.id)
        people += draw(st.lists(ags.participants(site_ids=site_ids), max_size=4))
        if bundle.modules:
            module_ids = st.sampled_from([m.id for m in bundle.modules])
            offerings += draw(st.lists(ags.offerings(module_ids=module_ids), max_size=2))
    people = list({p.pseudonym: p for p in people}.values())
    offerings = list({o.id: o for o in offerings}.values())
    enrolments = []
    if people and offerings:
        enrolments = draw(
            st.lists(
                ags.enrolments(
                    participants=st.sampled_from([p.pseudonym for p in people]),
                    offering_ids=st.sampled_from([o.id for o in offerings]),
                ),
                max_size=6,
                unique_by=lambda e: e.id,
            )
        )
    return Dataset(
        sites=[b.site for b in bundles],
        partners=[p for b in bundles for p in b.partners],
        agreements=[a for b in bundles for a in b.agreements],
        modules=[m for b in bundles for m in b.modules],
        offerings=offerings,
        participants=people,
        enrolments=enrolments,
    )


def _walk(rules: Collection[Rule]) -> Iterator[Rule]:
    """Every rule in the trees, combinators and their criteria."""
    stack = list(rules)
    while stack:
        rule = stack.pop()
        yield rule
        stack.extend(rule.children)
