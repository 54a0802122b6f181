"""Strategies for the catalogue: modules (offers), their certifications, runs and sessions.

Offerings end on or after their start; session times are whole minutes, as the data format
keeps ``HH:MM``.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, time

from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from ...model import (
    Certification,
    FieldOfAction,
    FundingSource,
    Module,
    ModuleFormat,
    Offering,
    Session,
)
from ...model._catalogue import MAX_SESSION_MINUTES
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

__all__ = ["certifications", "modules", "offerings", "sessions"]


def _times() -> SearchStrategy[time]:
    # Whole minutes: the data format writes times as HH:MM.
    return st.builds(time, st.integers(0, 23), st.integers(0, 59))


def certifications(
    *,
    ids: SearchStrategy[str] | None = None,
    valid_until: SearchStrategy[date] | None = None,
    issuers: SearchStrategy[str] | None = None,
) -> SearchStrategy[Certification]:
    """:class:`~arbeit_gesundheit.Certification` values (such as ZPP certificates)."""
    return st.builds(
        Certification,
        id=_or(ids, identifiers),
        valid_until=_or(valid_until, dates),
        issuer=_or(issuers, lambda: st.just("ZPP") | texts(max_size=100)),
    )


def modules(
    *,
    ids: SearchStrategy[str] | None = None,
    titles: SearchStrategy[str] | None = None,
    fields_of_action: SearchStrategy[FieldOfAction] | None = None,
    formats: SearchStrategy[ModuleFormat] | None = None,
    sessions: SearchStrategy[int] | None = None,
    session_minutes: SearchStrategy[int] | None = None,
    places: SearchStrategy[int | None] | None = None,
    provider_ids: SearchStrategy[str | None] | None = None,
    certification: SearchStrategy[Certification | None] | None = None,
    fundings: SearchStrategy[FundingSource | None] | None = None,
    target_groups: SearchStrategy[Iterable[str]] | None = None,
    locations: SearchStrategy[str | None] | None = None,
    descriptions: SearchStrategy[str | None] | None = None,
) -> SearchStrategy[Module]:
    """:class:`~arbeit_gesundheit.Module` values (catalogue offers).

    ``sessions`` draws the number of sessions of one run (1-200), ``session_minutes`` their
    length (1-600).
    """
    return st.builds(
        Module,
        id=_or(ids, identifiers),
        title=_or(titles, texts),
        field_of_action=_or(fields_of_action, lambda: st.sampled_from(FieldOfAction)),
        format=_or(formats, lambda: st.sampled_from(ModuleFormat)),
        sessions=_or(sessions, lambda: st.integers(1, 200)),
        session_minutes=_or(session_minutes, lambda: st.integers(1, MAX_SESSION_MINUTES)),
        places=_or(places, lambda: _optional(st.integers(1, 10_000))),
        provider_id=_or(provider_ids, lambda: _optional(identifiers())),
        certification=_or(certification, lambda: _optional(certifications())),
        funding=_or(fundings, lambda: _optional(st.sampled_from(FundingSource))),
        target_groups=_or(target_groups, lambda: _small_sets(identifiers())),
        location=_or(locations, lambda: _optional(texts())),
        description=_or(descriptions, lambda: _optional(texts(max_size=2000))),
    )


@st.composite
def _offering(
    draw: st.DrawFn,
    *,
    ids: SearchStrategy[str],
    module_ids: SearchStrategy[str],
    starts_on: SearchStrategy[date],
    duration_days: SearchStrategy[int],
    capacities: SearchStrategy[int],
    locations: SearchStrategy[str | None],
    provider_ids: SearchStrategy[str | None],
) -> Offering:
    start = draw(starts_on)
    return Offering(
        id=draw(ids),
        module_id=draw(module_ids),
        starts_on=start,
        ends_on=_days_after(start, draw(duration_days)),
        capacity=draw(capacities),
        location=draw(locations),
        provider_id=draw(provider_ids),
    )


def offerings(
    *,
    ids: SearchStrategy[str] | None = None,
    module_ids: SearchStrategy[str] | None = None,
    starts_on: SearchStrategy[date] | None = None,
    duration_days: SearchStrategy[int] | None = None,
    capacities: SearchStrategy[int] | None = None,
    locations: SearchStrategy[str | None] | None = None,
    provider_ids: SearchStrategy[str | None] | None = None,
) -> SearchStrategy[Offering]:
    """:class:`~arbeit_gesundheit.Offering` values (scheduled runs of a module).

    ``duration_days`` draws how many days after ``starts_on`` the run ends (0-365).
    """
    return _offering(
        ids=_or(ids, identifiers),
        module_ids=_or(module_ids, identifiers),
        starts_on=_or(starts_on, dates),
        duration_days=_or(duration_days, lambda: _day_offsets(365)),
        capacities=_or(capacities, lambda: st.integers(1, 10_000)),
        locations=_or(locations, lambda: _optional(texts())),
        provider_ids=_or(provider_ids, lambda: _optional(identifiers())),
    )


def sessions(
    *,
    offering_ids: SearchStrategy[str] | None = None,
    numbers: SearchStrategy[int] | None = None,
    on: SearchStrategy[date] | None = None,
    starts_at: SearchStrategy[time | None] | None = None,
    minutes: SearchStrategy[int | None] | None = None,
) -> SearchStrategy[Session]:
    """:class:`~arbeit_gesundheit.Session` values (Kurstermine).

    Start times are whole minutes by default, as the data format keeps ``HH:MM``.
    """
    return st.builds(
        Session,
        offering_id=_or(offering_ids, identifiers),
        number=_or(numbers, lambda: st.integers(1, 1000)),
        on=_or(on, dates),
        starts_at=_or(starts_at, lambda: _optional(_times())),
        minutes=_or(minutes, lambda: _optional(st.integers(1, MAX_SESSION_MINUTES))),
    )
