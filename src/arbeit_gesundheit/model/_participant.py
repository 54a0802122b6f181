"""Participants (Teilnehmende), known only by pseudonym, and their health restrictions."""

from __future__ import annotations

from datetime import date

from attrs import field, frozen

from . import _validators as v
from ._consent import Consent
from ._vocabulary import (
    BenefitType,
    ConsentPurpose,
    DailyWorkCapacity,
    DataCategory,
    Gender,
    RestrictionCategory,
    Severity,
    WorkLimitation,
)

__all__ = [
    "LONG_TERM_UNEMPLOYMENT_DAYS",
    "HealthRestriction",
    "Participant",
    "WorkCapacity",
]

#: §18 SGB III: long-term unemployed means unemployed for one year or longer. The Federal
#: Employment Agency's statistics count this as 365 days; a site's eligibility rule may differ
#: and is kept apart from this definition.
LONG_TERM_UNEMPLOYMENT_DAYS = 365

_EARLIEST_BIRTH_YEAR = 1900
_LATEST_BIRTH_YEAR = 2100


@frozen
class WorkCapacity:
    """Structured work capacity (Leistungsvermögen) from a medical assessment.

    ``daily`` is the band of the pension insurance; ``limitations`` are the qualitative
    limitations. Both describe what someone can do, not why.
    """

    daily: DailyWorkCapacity | None = field(
        default=None, validator=v.optional_member_of(DailyWorkCapacity)
    )
    limitations: frozenset[WorkLimitation] = field(
        default=frozenset(), converter=v.to_frozenset, validator=v.members_of(WorkLimitation)
    )
    assessed_on: date | None = field(default=None, validator=v.optional_date)


@frozen
class HealthRestriction:
    """A health restriction (gesundheitliche Einschränkung) as a category, never a diagnosis."""

    category: RestrictionCategory = field(validator=v.member_of(RestrictionCategory))
    severity: Severity | None = field(default=None, validator=v.optional_member_of(Severity))
    work_capacity: WorkCapacity | None = field(
        default=None, validator=v.optional_instance_of(WorkCapacity)
    )


@frozen
class Participant:
    """A person in the programme (Kunde/Kundin, Teilnehmende).

    Privacy by design: a ``pseudonym`` instead of a name, ``birth_year`` instead of a birth
    date, restriction categories instead of diagnoses, and the residence only as a district
    key (Kreisschlüssel). Long-term unemployment is computed as of a date, never stored.
    """

    pseudonym: str = field(validator=v.pseudonym)
    site_id: str = field(validator=v.identifier)
    birth_year: int = field(validator=v.integer(_EARLIEST_BIRTH_YEAR, _LATEST_BIRTH_YEAR))
    benefit: BenefitType = field(validator=v.member_of(BenefitType))
    gender: Gender | None = field(default=None, validator=v.optional_member_of(Gender))
    unemployed_since: date | None = field(default=None, validator=v.optional_date)
    district_key: str | None = field(default=None, validator=v.optional_identifier)
    restrictions: tuple[HealthRestriction, ...] = field(
        default=(), converter=v.to_tuple, validator=v.instances_of(HealthRestriction)
    )
    consents: tuple[Consent, ...] = field(
        default=(), converter=v.to_tuple, validator=v.instances_of(Consent)
    )

    def unemployment_days(self, as_of: date) -> int | None:
        """Days of unemployment up to ``as_of``, or None when the start is unknown."""
        if self.unemployed_since is None:
            return None
        return max((as_of - self.unemployed_since).days, 0)

    def is_long_term_unemployed(self, as_of: date) -> bool | None:
        """Long-term unemployed per §18 SGB III on ``as_of`` (365 days or more).

        None when ``unemployed_since`` is unknown: missing data are not a "no".
        """
        days = self.unemployment_days(as_of)
        return None if days is None else days >= LONG_TERM_UNEMPLOYMENT_DAYS

    def age_bounds(self, as_of: date) -> tuple[int, int]:
        """The youngest and oldest age possible on ``as_of``, knowing only the birth year."""
        reached = as_of.year - self.birth_year
        return (max(reached - 1, 0), max(reached, 0))

    def age_in_year(self, year: int) -> int:
        """The age reached in ``year`` (the convention of annual statistics)."""
        return year - self.birth_year

    @property
    def restriction_categories(self) -> frozenset[RestrictionCategory]:
        """The categories of all recorded restrictions."""
        return frozenset(r.category for r in self.restrictions)

    def valid_consent(
        self,
        purpose: ConsentPurpose,
        on: date,
        *,
        recipient: str | None = None,
        category: DataCategory | None = None,
    ) -> Consent | None:
        """The first consent valid for ``purpose`` on ``on`` (and recipient, category), if any."""
        for consent in self.consents:
            if consent.is_valid(purpose, on, recipient=recipient, category=category):
                return consent
        return None

    def has_consent(
        self,
        purpose: ConsentPurpose,
        on: date,
        *,
        recipient: str | None = None,
        category: DataCategory | None = None,
    ) -> bool:
        """Whether some consent allows ``purpose`` on ``on``."""
        return self.valid_consent(purpose, on, recipient=recipient, category=category) is not None
