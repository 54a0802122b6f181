"""A ready-made plugin for the common case: one site with its catalogue, partners and rules."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from attrs import field, frozen

from ..eligibility import Rule
from ..exporters import Exporter
from ..model import Coach, CooperationAgreement, Module, Partner, Site
from ..model import _validators as v
from .hookspecs import hookimpl

__all__ = ["SitePlugin"]


def _no_rules(module: Module) -> Iterable[Rule]:
    return ()


@frozen
class SitePlugin:
    """The hooks of a one-site plugin, from data instead of hand-written functions.

    Each hook answers only for ``site`` and returns None for every other site, so the plugin
    composes with other sites' and programmes' plugins. ``rules`` maps a module of the site's
    merged catalogue to its eligibility rules (site-wide rules are returned for every module).
    Register an instance, or point the entry point at it
    (``gelsenkirchen = "ag_site_gelsenkirchen.plugin:plugin"``)::

        plugin = SitePlugin(SITE, modules=MODULES, partners=PARTNERS, rules=rules_for)
    """

    site: Site = field(validator=v.instance_of(Site))
    modules: tuple[Module, ...] = field(
        default=(), converter=v.to_tuple, validator=v.instances_of(Module)
    )
    partners: tuple[Partner, ...] = field(
        default=(), converter=v.to_tuple, validator=v.instances_of(Partner)
    )
    agreements: tuple[CooperationAgreement, ...] = field(
        default=(), converter=v.to_tuple, validator=v.instances_of(CooperationAgreement)
    )
    coaches: tuple[Coach, ...] = field(
        default=(), converter=v.to_tuple, validator=v.instances_of(Coach)
    )
    rules: Callable[[Module], Iterable[Rule]] = field(default=_no_rules)
    exporters: tuple[Exporter, ...] = field(default=(), converter=v.to_tuple)

    @property
    def __name__(self) -> str:  # the default registration name, unique per site
        return f"site-{self.site.id}"

    def _mine(self, site: Site) -> bool:
        return site.id == self.site.id

    @hookimpl
    def ag_sites(self) -> Iterable[Site]:
        return [self.site]

    @hookimpl
    def ag_modules(self, site: Site) -> Iterable[Module] | None:
        return self.modules if self._mine(site) else None

    @hookimpl
    def ag_partners(self, site: Site) -> Iterable[Partner] | None:
        return self.partners if self._mine(site) else None

    @hookimpl
    def ag_agreements(self, site: Site) -> Iterable[CooperationAgreement] | None:
        return self.agreements if self._mine(site) else None

    @hookimpl
    def ag_coaches(self, site: Site) -> Iterable[Coach] | None:
        return self.coaches if self._mine(site) else None

    @hookimpl
    def ag_eligibility_rules(self, site: Site, module: Module) -> Iterable[Rule] | None:
        return self.rules(module) if self._mine(site) else None

    @hookimpl
    def ag_exporters(self) -> Iterable[Exporter]:
        return self.exporters
