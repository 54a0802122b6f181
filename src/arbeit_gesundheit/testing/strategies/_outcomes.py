"""Strategies for what is measured about participants: questionnaire answers and outcomes."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from ...model import Assessment, Outcome, OutcomeKind
from ._primitives import _optional, _or, dates, identifiers
from ._primitives import pseudonyms as _pseudonyms

__all__ = ["assessments", "outcomes"]


def assessments(
    *,
    participants: SearchStrategy[str] | None = None,
    instruments: SearchStrategy[str] | None = None,
    on: SearchStrategy[date] | None = None,
    answers: SearchStrategy[Mapping[str, int]] | None = None,
) -> SearchStrategy[Assessment]:
    """:class:`~arbeit_gesundheit.Assessment` values (questionnaire answers).

    ``answers`` defaults to up to eight items scored 0-10.
    """
    return st.builds(
        Assessment,
        participant=_or(participants, _pseudonyms),
        instrument=_or(instruments, lambda: st.sampled_from(["who5", "phq4"]) | identifiers()),
        on=_or(on, dates),
        answers=_or(
            answers, lambda: st.dictionaries(identifiers(), st.integers(0, 10), max_size=8)
        ),
    )


def outcomes(
    *,
    participants: SearchStrategy[str] | None = None,
    kinds: SearchStrategy[OutcomeKind] | None = None,
    on: SearchStrategy[date] | None = None,
    partner_ids: SearchStrategy[str | None] | None = None,
) -> SearchStrategy[Outcome]:
    """:class:`~arbeit_gesundheit.Outcome` values (Integration in Arbeit and others)."""
    return st.builds(
        Outcome,
        participant=_or(participants, _pseudonyms),
        kind=_or(kinds, lambda: st.sampled_from(OutcomeKind)),
        on=_or(on, dates),
        partner_id=_or(partner_ids, lambda: _optional(identifiers())),
    )
