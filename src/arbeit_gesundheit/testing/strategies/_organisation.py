"""Strategies for the organisation around a programme: sites, partners, agreements, coaches.

Cooperation agreements and their renewals are built in date order, so every term ends on or
after its start and renewals follow each other.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from ...model import (
    Coach,
    CoachRole,
    CooperationAgreement,
    FundingSource,
    Land,
    Partner,
    PartnerKind,
    Renewal,
    Site,
)
from ._primitives import (
    _day_offsets,
    _days_after,
    _optional,
    _or,
    _small_sets,
    dates,
    identifiers,
    texts,
)

__all__ = ["coaches", "cooperation_agreements", "partners", "renewals", "sites"]


def sites(
    *,
    ids: SearchStrategy[str] | None = None,
    names: SearchStrategy[str] | None = None,
    lands: SearchStrategy[Land] | None = None,
    programmes: SearchStrategy[Iterable[str]] | None = None,
    district_keys: SearchStrategy[Iterable[str]] | None = None,
    since: SearchStrategy[date | None] | None = None,
    typical_participants: SearchStrategy[int | None] | None = None,
) -> SearchStrategy[Site]:
    """:class:`~arbeit_gesundheit.Site` values (Standorte)."""
    return st.builds(
        Site,
        id=_or(ids, identifiers),
        name=_or(names, texts),
        land=_or(lands, lambda: st.sampled_from(Land)),
        programmes=_or(
            programmes,
            lambda: _small_sets(st.sampled_from(["teamwork", "rehapro"]) | identifiers()),
        ),
        district_keys=_or(
            district_keys, lambda: _small_sets(st.from_regex(r"[0-9]{5}", fullmatch=True))
        ),
        since=_or(since, lambda: _optional(dates())),
        typical_participants=_or(
            typical_participants, lambda: _optional(st.integers(1, 1_000_000))
        ),
    )


def partners(
    *,
    ids: SearchStrategy[str] | None = None,
    names: SearchStrategy[str] | None = None,
    kinds: SearchStrategy[PartnerKind] | None = None,
    locations: SearchStrategy[str | None] | None = None,
) -> SearchStrategy[Partner]:
    """:class:`~arbeit_gesundheit.Partner` values (Netzwerkpartner)."""
    return st.builds(
        Partner,
        id=_or(ids, identifiers),
        name=_or(names, texts),
        kind=_or(kinds, lambda: st.sampled_from(PartnerKind)),
        location=_or(locations, lambda: _optional(texts())),
    )


@st.composite
def _renewal(
    draw: st.DrawFn,
    *,
    signed_on: SearchStrategy[date],
    runs_for_days: SearchStrategy[int | None],
) -> Renewal:
    signed = draw(signed_on)
    days = draw(runs_for_days)
    return Renewal(
        signed_on=signed, valid_until=None if days is None else _days_after(signed, days)
    )


def renewals(
    *,
    signed_on: SearchStrategy[date] | None = None,
    runs_for_days: SearchStrategy[int | None] | None = None,
) -> SearchStrategy[Renewal]:
    """:class:`~arbeit_gesundheit.Renewal` values.

    ``runs_for_days`` draws how long after signing the renewed term ends (None:
    open-ended).
    """
    return _renewal(
        signed_on=_or(signed_on, dates),
        runs_for_days=_or(runs_for_days, lambda: _optional(_day_offsets(5 * 365))),
    )


@st.composite
def _agreement(
    draw: st.DrawFn,
    *,
    ids: SearchStrategy[str],
    parties: SearchStrategy[Iterable[str]],
    valid_from: SearchStrategy[date],
    term_days: SearchStrategy[int | None],
    fundings: SearchStrategy[FundingSource | None],
    renewal_gaps: SearchStrategy[Iterable[int]],
    renewal_terms: SearchStrategy[int | None],
    titles: SearchStrategy[str | None],
) -> CooperationAgreement:
    start = draw(valid_from)
    term = draw(term_days)
    signed = start
    renewed = []
    for gap in draw(renewal_gaps):
        signed = _days_after(signed, gap)
        days = draw(renewal_terms)
        renewed.append(
            Renewal(
                signed_on=signed, valid_until=None if days is None else _days_after(signed, days)
            )
        )
    return CooperationAgreement(
        id=draw(ids),
        parties=draw(parties),
        valid_from=start,
        valid_until=None if term is None else _days_after(start, term),
        funding=draw(fundings),
        renewals=renewed,
        title=draw(titles),
    )


def cooperation_agreements(
    *,
    ids: SearchStrategy[str] | None = None,
    parties: SearchStrategy[Iterable[str]] | None = None,
    valid_from: SearchStrategy[date] | None = None,
    term_days: SearchStrategy[int | None] | None = None,
    fundings: SearchStrategy[FundingSource | None] | None = None,
    renewal_gaps: SearchStrategy[Iterable[int]] | None = None,
    renewal_terms: SearchStrategy[int | None] | None = None,
    titles: SearchStrategy[str | None] | None = None,
) -> SearchStrategy[CooperationAgreement]:
    """:class:`~arbeit_gesundheit.CooperationAgreement` values (Kooperationsvereinbarungen).

    ``parties`` draws sequences of at least two distinct partner identifiers. ``term_days``
    draws how many days after ``valid_from`` the agreement ends (None: open-ended).
    Renewals are built in order: ``renewal_gaps`` draws the days between ``valid_from`` and
    the first signing and between successive signings (one renewal per gap, none by
    default in about half the cases); ``renewal_terms`` draws each renewed term in days
    after its signing (None: open-ended).
    """
    return _agreement(
        ids=_or(ids, identifiers),
        parties=_or(parties, lambda: st.lists(identifiers(), min_size=2, max_size=4, unique=True)),
        valid_from=_or(valid_from, dates),
        term_days=_or(term_days, lambda: _optional(_day_offsets(5 * 365))),
        fundings=_or(fundings, lambda: _optional(st.sampled_from(FundingSource))),
        renewal_gaps=_or(renewal_gaps, lambda: st.lists(_day_offsets(3 * 365), max_size=3)),
        renewal_terms=_or(renewal_terms, lambda: _optional(_day_offsets(5 * 365))),
        titles=_or(titles, lambda: _optional(texts())),
    )


def coaches(
    *,
    ids: SearchStrategy[str] | None = None,
    site_ids: SearchStrategy[str] | None = None,
    roles: SearchStrategy[CoachRole] | None = None,
    trained_for_counselling: SearchStrategy[bool] | None = None,
) -> SearchStrategy[Coach]:
    """:class:`~arbeit_gesundheit.Coach` values (staff, by identifier only)."""
    return st.builds(
        Coach,
        id=_or(ids, identifiers),
        site_id=_or(site_ids, identifiers),
        role=_or(roles, lambda: st.sampled_from(CoachRole)),
        trained_for_counselling=_or(trained_for_counselling, st.booleans),
    )
