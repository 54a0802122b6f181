"""Strategies for participants and what they carry: work capacity, restrictions, consents.

The consent strategy keeps its dates consistent (never expiring or withdrawn before it was
given) and gives data-sharing consents a named recipient.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from ...model import (
    BenefitType,
    Consent,
    ConsentPurpose,
    DailyWorkCapacity,
    DataCategory,
    Gender,
    HealthRestriction,
    LegalBasis,
    Participant,
    RestrictionCategory,
    Severity,
    WorkCapacity,
    WorkLimitation,
)
from ._primitives import (
    _day_offsets,
    _days_after,
    _optional,
    _or,
    _small_sets,
    _small_tuples,
    dates,
    identifiers,
)
from ._primitives import pseudonyms as _pseudonyms

__all__ = ["consents", "health_restrictions", "participants", "work_capacities"]


def work_capacities(
    *,
    daily: SearchStrategy[DailyWorkCapacity | None] | None = None,
    limitations: SearchStrategy[Iterable[WorkLimitation]] | None = None,
    assessed_on: SearchStrategy[date | None] | None = None,
) -> SearchStrategy[WorkCapacity]:
    """:class:`~arbeit_gesundheit.WorkCapacity` values (Leistungsvermögen).

    ``daily``: the band or None; ``limitations``: sets of limitations; ``assessed_on``:
    a day or None.
    """
    return st.builds(
        WorkCapacity,
        daily=_or(daily, lambda: _optional(st.sampled_from(DailyWorkCapacity))),
        limitations=_or(limitations, lambda: _small_sets(st.sampled_from(WorkLimitation))),
        assessed_on=_or(assessed_on, lambda: _optional(dates())),
    )


def health_restrictions(
    *,
    categories: SearchStrategy[RestrictionCategory] | None = None,
    severities: SearchStrategy[Severity | None] | None = None,
    work_capacity: SearchStrategy[WorkCapacity | None] | None = None,
) -> SearchStrategy[HealthRestriction]:
    """:class:`~arbeit_gesundheit.HealthRestriction` values (categories, never diagnoses)."""
    return st.builds(
        HealthRestriction,
        category=_or(categories, lambda: st.sampled_from(RestrictionCategory)),
        severity=_or(severities, lambda: _optional(st.sampled_from(Severity))),
        work_capacity=_or(work_capacity, lambda: _optional(work_capacities())),
    )


@st.composite
def _consent(
    draw: st.DrawFn,
    *,
    purposes: SearchStrategy[ConsentPurpose],
    given_on: SearchStrategy[date],
    legal_bases: SearchStrategy[LegalBasis],
    expires_after_days: SearchStrategy[int | None],
    withdrawn_after_days: SearchStrategy[int | None],
    data_categories: SearchStrategy[Iterable[DataCategory]],
    recipients: SearchStrategy[Iterable[str]],
) -> Consent:
    purpose = draw(purposes)
    given = draw(given_on)
    expires = draw(expires_after_days)
    withdrawn = draw(withdrawn_after_days)
    if purpose is ConsentPurpose.DATA_SHARING:
        chosen = draw(recipients.filter(lambda r: bool(frozenset(r))))
    else:
        chosen = draw(recipients)
    return Consent(
        purpose=purpose,
        given_on=given,
        legal_basis=draw(legal_bases),
        expires_on=None if expires is None else _days_after(given, expires),
        withdrawn_on=None if withdrawn is None else _days_after(given, withdrawn),
        data_categories=draw(data_categories),
        recipients=chosen,
    )


def consents(
    *,
    purposes: SearchStrategy[ConsentPurpose] | None = None,
    given_on: SearchStrategy[date] | None = None,
    legal_bases: SearchStrategy[LegalBasis] | None = None,
    expires_after_days: SearchStrategy[int | None] | None = None,
    withdrawn_after_days: SearchStrategy[int | None] | None = None,
    data_categories: SearchStrategy[Iterable[DataCategory]] | None = None,
    recipients: SearchStrategy[Iterable[str]] | None = None,
) -> SearchStrategy[Consent]:
    """:class:`~arbeit_gesundheit.Consent` values (Einwilligungen).

    ``expires_after_days`` and ``withdrawn_after_days`` draw how many days after
    ``given_on`` the consent expires or is withdrawn (None: never), so both are never before
    it. ``recipients`` draws sets of partner identifiers; for data-sharing consents empty
    sets are filtered out, since sharing needs a named recipient.

    Valid for a known purpose and day:
    ``consents(purposes=st.just(ConsentPurpose.EVALUATION), given_on=st.just(day),
    withdrawn_after_days=st.none())``.
    """
    return _consent(
        purposes=_or(purposes, lambda: st.sampled_from(ConsentPurpose)),
        given_on=_or(given_on, dates),
        legal_bases=_or(legal_bases, lambda: st.sampled_from(LegalBasis)),
        expires_after_days=_or(expires_after_days, lambda: _optional(_day_offsets())),
        withdrawn_after_days=_or(withdrawn_after_days, lambda: _optional(_day_offsets())),
        data_categories=_or(data_categories, lambda: _small_sets(st.sampled_from(DataCategory))),
        recipients=_or(recipients, lambda: _small_sets(identifiers())),
    )


_consents = consents


def participants(
    *,
    pseudonyms: SearchStrategy[str] | None = None,
    site_ids: SearchStrategy[str] | None = None,
    birth_years: SearchStrategy[int] | None = None,
    benefits: SearchStrategy[BenefitType] | None = None,
    genders: SearchStrategy[Gender | None] | None = None,
    unemployed_since: SearchStrategy[date | None] | None = None,
    district_keys: SearchStrategy[str | None] | None = None,
    restrictions: SearchStrategy[Iterable[HealthRestriction]] | None = None,
    consents: SearchStrategy[Iterable[Consent]] | None = None,
) -> SearchStrategy[Participant]:
    """:class:`~arbeit_gesundheit.Participant` values (Teilnehmende).

    Defaults: birth years 1950-2008, up to three restrictions and consents, an
    unemployment start or None, district keys as five-digit Kreisschlüssel or None.

    Everyone at one site, long-term unemployed on 2025-01-01::

        participants(
            site_ids=st.just("jc-viersen"),
            unemployed_since=dates(max_value=date(2023, 12, 31)),
        )
    """
    return st.builds(
        Participant,
        pseudonym=_or(pseudonyms, _pseudonyms),
        site_id=_or(site_ids, identifiers),
        birth_year=_or(birth_years, lambda: st.integers(1950, 2008)),
        benefit=_or(benefits, lambda: st.sampled_from(BenefitType)),
        gender=_or(genders, lambda: _optional(st.sampled_from(Gender))),
        unemployed_since=_or(unemployed_since, lambda: _optional(dates())),
        district_key=_or(
            district_keys, lambda: _optional(st.from_regex(r"[0-9]{5}", fullmatch=True))
        ),
        restrictions=_or(restrictions, lambda: _small_tuples(health_restrictions())),
        consents=_or(consents, lambda: _small_tuples(_consents())),
    )
