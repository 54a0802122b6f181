"""The hook implementations of the teamw()rk programme plugin.

It provides no site. For every site whose ``programmes`` contain ``"teamwork"`` it adds the
programme partner and the shared rules; for every other site it returns None. Its exporter
(the report to the GKV-Bündnis) is available everywhere.
"""

from __future__ import annotations

from collections.abc import Iterable

from arbeit_gesundheit import Module, Partner, Site
from arbeit_gesundheit.eligibility import Rule
from arbeit_gesundheit.plugins import Exporter, hookimpl

from .report import GkvReportExporter
from .rules import PARTNER, RULES, is_programme_site

__all__ = ["ag_eligibility_rules", "ag_exporters", "ag_partners"]


@hookimpl
def ag_partners(site: Site) -> Iterable[Partner] | None:
    return [PARTNER] if is_programme_site(site) else None


@hookimpl
def ag_eligibility_rules(site: Site, module: Module) -> Iterable[Rule] | None:
    return RULES if is_programme_site(site) else None


@hookimpl
def ag_exporters() -> Iterable[Exporter]:
    return [GkvReportExporter()]
