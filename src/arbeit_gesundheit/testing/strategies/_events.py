"""Strategies for a site's events (Gesundheitstage, digital health weeks).

A multi-day event is drawn as a number of days after its first day, so it never ends before
it starts.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from ...model import Event, EventFormat
from ._primitives import (
    _day_offsets,
    _days_after,
    _optional,
    _or,
    _small_sets,
    _small_tuples,
    dates,
    identifiers,
    texts,
)

__all__ = ["events"]


@st.composite
def _event(
    draw: st.DrawFn,
    *,
    ids: SearchStrategy[str],
    site_ids: SearchStrategy[str],
    titles: SearchStrategy[str],
    on: SearchStrategy[date],
    duration_days: SearchStrategy[int | None],
    formats: SearchStrategy[EventFormat],
    partner_ids: SearchStrategy[Iterable[str]],
    visitors: SearchStrategy[int | None],
    activities: SearchStrategy[Iterable[str]],
) -> Event:
    start = draw(on)
    days = draw(duration_days)
    return Event(
        id=draw(ids),
        site_id=draw(site_ids),
        title=draw(titles),
        on=start,
        ends_on=None if days is None else _days_after(start, days),
        format=draw(formats),
        partner_ids=draw(partner_ids),
        visitors=draw(visitors),
        activities=draw(activities),
    )


def events(
    *,
    ids: SearchStrategy[str] | None = None,
    site_ids: SearchStrategy[str] | None = None,
    titles: SearchStrategy[str] | None = None,
    on: SearchStrategy[date] | None = None,
    duration_days: SearchStrategy[int | None] | None = None,
    formats: SearchStrategy[EventFormat] | None = None,
    partner_ids: SearchStrategy[Iterable[str]] | None = None,
    visitors: SearchStrategy[int | None] | None = None,
    activities: SearchStrategy[Iterable[str]] | None = None,
) -> SearchStrategy[Event]:
    """:class:`~arbeit_gesundheit.Event` values (Gesundheitstage, digital health weeks).

    ``duration_days`` draws how many days after ``on`` a multi-day event ends (None: one
    day); ``visitors`` defaults to 0-5000 or None.
    """
    return _event(
        ids=_or(ids, identifiers),
        site_ids=_or(site_ids, identifiers),
        titles=_or(titles, texts),
        on=_or(on, dates),
        duration_days=_or(duration_days, lambda: _optional(_day_offsets(14))),
        formats=_or(formats, lambda: st.sampled_from(EventFormat)),
        partner_ids=_or(partner_ids, lambda: _small_sets(identifiers())),
        visitors=_or(visitors, lambda: _optional(st.integers(0, 5000))),
        activities=_or(activities, lambda: _small_tuples(texts())),
    )
