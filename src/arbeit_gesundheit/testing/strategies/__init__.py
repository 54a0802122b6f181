"""Hypothesis strategies for every model of :mod:`arbeit_gesundheit`, for downstream test suites.

Every model has a strategy function (``participants()``, ``consents()``, ``datasets()`` …)
whose keyword-only arguments take *strategies*, not values, one per field. Leaving an argument
out (or passing ``None``) uses a default that always yields valid instances, including the
rules that tie fields together (a consent never expires before it was given, an enrolment's
history ends in its current status, a step has a completion day exactly when it is done …).

The strategies are registered for :func:`hypothesis.strategies.from_type` through the
``hypothesis`` entry point, so ``st.from_type(Participant)`` and ``st.builds`` with type hints
work as soon as Hypothesis is imported.

Naming of the keyword arguments: a field holding one value takes the plural of the field name
(``pseudonyms=`` for ``Participant.pseudonym``, ``statuses=`` for ``Enrolment.status``); a
field holding a collection takes the field name and a strategy for the whole collection
(``consents=st.lists(consents(), max_size=2)``); date fields keep their name
(``given_on=``). Fields that must lie after another date are drawn as a number of days after
it (``expires_after_days=``), so any combination of arguments stays valid.

This module needs Hypothesis (``pip install arbeit_gesundheit[testing]``).
"""

from __future__ import annotations

# First, before anything imports Hypothesis: importing Hypothesis runs its entry points, which
# look ``_hypothesis_setup_hook`` up on this package while it is still being imported.
from ._registration import _hypothesis_setup_hook

# isort: split
from ._catalogue import certifications, modules, offerings, sessions
from ._datasets import datasets
from ._events import events
from ._organisation import coaches, cooperation_agreements, partners, renewals, sites
from ._outcomes import assessments, outcomes
from ._participants import consents, health_restrictions, participants, work_capacities
from ._participation import attendances, enrolments, status_changes
from ._plans import (
    activity_plans,
    goals,
    needs_assessments,
    plan_reviews,
    recommendations,
    referrals,
    steps,
)
from ._primitives import DEFAULT_MAX_DATE, DEFAULT_MIN_DATE, dates, identifiers, pseudonyms, texts
from ._reviews import annual_reviews, review_notes

__all__ = [
    "DEFAULT_MAX_DATE",
    "DEFAULT_MIN_DATE",
    "activity_plans",
    "annual_reviews",
    "assessments",
    "attendances",
    "certifications",
    "coaches",
    "consents",
    "cooperation_agreements",
    "datasets",
    "dates",
    "enrolments",
    "events",
    "goals",
    "health_restrictions",
    "identifiers",
    "modules",
    "needs_assessments",
    "offerings",
    "outcomes",
    "participants",
    "partners",
    "plan_reviews",
    "pseudonyms",
    "recommendations",
    "referrals",
    "renewals",
    "review_notes",
    "sessions",
    "sites",
    "status_changes",
    "steps",
    "texts",
    "work_capacities",
]


# Importing this module registers the strategies too, for environments where the package's
# entry points are not installed (a source checkout on ``sys.path``).
_hypothesis_setup_hook()
