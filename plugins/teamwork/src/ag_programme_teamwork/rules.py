"""The programme's shared partner and eligibility rules, illustrative.

The programme addresses recipients of Arbeitslosengeld (SGB III) and Bürgergeld (SGB II) of
working age. The rules here are a plausible reading, not the programme's actual rules:

* ``teamwork.benefit``: receives SGB II or SGB III benefits (or both);
* ``teamwork.working_age``: aged 15 to 67 in the calendar year (erwerbsfähiges Alter).

A site may be stricter with its own rules; all rules for a module must be met.
"""

from __future__ import annotations

from typing import Final

from arbeit_gesundheit import BenefitType, Partner, PartnerKind, Site
from arbeit_gesundheit.eligibility import AgeBetween, BenefitIn, Rule

__all__ = ["PARTNER", "PROGRAMME", "RULES", "is_programme_site"]

#: The programme identifier a site lists in ``Site.programmes``.
PROGRAMME: Final = "teamwork"

#: The programme's funder, added to every programme site's partners.
PARTNER: Final = Partner(
    id="teamwork-gkv-buendnis",
    name="GKV-Bündnis für Gesundheit (teamw()rk für Gesundheit und Arbeit)",
    kind=PartnerKind.HEALTH_INSURER,
)

#: The rules the programme adds to every module of a programme site.
RULES: Final[tuple[Rule, ...]] = (
    BenefitIn(
        {BenefitType.SGB_II, BenefitType.SGB_III, BenefitType.BOTH},
        id="teamwork.benefit",
    ),
    AgeBetween(15, 67, by_year=True, id="teamwork.working_age"),
)


def is_programme_site(site: Site) -> bool:
    """Whether ``site`` takes part in teamw()rk."""
    return PROGRAMME in site.programmes
