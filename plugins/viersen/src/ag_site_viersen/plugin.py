"""The hook implementations of the Kreis Viersen plugin (Regionales Präventionszentrum).

Every hook returns None for sites other than ``viersen``, so the plugin can be installed
next to other sites' plugins. The plan-progress exporter is available everywhere (exporters
are not per site); it counts only the Viersen coaches' plans.
"""

from __future__ import annotations

from collections.abc import Iterable

from arbeit_gesundheit import CooperationAgreement, Module, Partner, Site
from arbeit_gesundheit.eligibility import Rule
from arbeit_gesundheit.plugins import Exporter, hookimpl

from .catalogue import AGREEMENTS, MODULES, PARTNERS, SITE, SITE_ID
from .progress import PlanProgressExporter
from .rules import rules_for

__all__ = [
    "ag_agreements",
    "ag_eligibility_rules",
    "ag_exporters",
    "ag_modules",
    "ag_partners",
    "ag_sites",
]


@hookimpl
def ag_sites() -> Iterable[Site]:
    return [SITE]


@hookimpl
def ag_modules(site: Site) -> Iterable[Module] | None:
    return MODULES if site.id == SITE_ID else None


@hookimpl
def ag_partners(site: Site) -> Iterable[Partner] | None:
    return PARTNERS if site.id == SITE_ID else None


@hookimpl
def ag_agreements(site: Site) -> Iterable[CooperationAgreement] | None:
    return AGREEMENTS if site.id == SITE_ID else None


@hookimpl
def ag_eligibility_rules(site: Site, module: Module) -> Iterable[Rule] | None:
    return rules_for(module) if site.id == SITE_ID else None


@hookimpl
def ag_exporters() -> Iterable[Exporter]:
    return [PlanProgressExporter()]
