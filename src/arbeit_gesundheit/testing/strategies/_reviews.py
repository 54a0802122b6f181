"""Strategies for a site's annual review (Bilanz): its notes and targets."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from ...model import AnnualReview, NoteKind, ReviewNote
from ._primitives import _or, _small_tuples, identifiers
from ._primitives import texts as _texts

__all__ = ["annual_reviews", "review_notes"]


def _numbers() -> SearchStrategy[int | float]:
    return st.integers(0, 100_000) | st.floats(
        min_value=0, max_value=1e9, allow_nan=False, allow_infinity=False
    )


def review_notes(
    *,
    kinds: SearchStrategy[NoteKind] | None = None,
    texts: SearchStrategy[str] | None = None,
) -> SearchStrategy[ReviewNote]:
    """:class:`~arbeit_gesundheit.ReviewNote` values (successes, needs, decisions)."""
    return st.builds(
        ReviewNote,
        kind=_or(kinds, lambda: st.sampled_from(NoteKind)),
        text=_or(texts, lambda: _texts(max_size=2000)),
    )


def annual_reviews(
    *,
    site_ids: SearchStrategy[str] | None = None,
    years: SearchStrategy[int] | None = None,
    targets: SearchStrategy[Mapping[str, float]] | None = None,
    notes: SearchStrategy[Iterable[ReviewNote]] | None = None,
    next_targets: SearchStrategy[Mapping[str, float]] | None = None,
) -> SearchStrategy[AnnualReview]:
    """:class:`~arbeit_gesundheit.AnnualReview` values (Bilanz of the decision-makers).

    Targets map metric identifiers to finite non-negative numbers (ints or floats).
    """
    return st.builds(
        AnnualReview,
        site_id=_or(site_ids, identifiers),
        year=_or(years, lambda: st.integers(2000, 2100)),
        targets=_or(targets, lambda: st.dictionaries(identifiers(), _numbers(), max_size=4)),
        notes=_or(notes, lambda: _small_tuples(review_notes())),
        next_targets=_or(
            next_targets, lambda: st.dictionaries(identifiers(), _numbers(), max_size=4)
        ),
    )
