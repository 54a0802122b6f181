"""Shared test helpers: the list of domain models, in one place."""

from __future__ import annotations

import attrs

import arbeit_gesundheit as ag

#: attrs classes exported from the package root that are not domain records.
NOT_MODELS = frozenset({ag.Problem, ag.Pseudonymizer})

#: Every domain model exported from the package root, by name.
DOMAIN_MODELS: list[type] = sorted(
    (
        obj
        for obj in (getattr(ag, name) for name in ag.__all__)
        if isinstance(obj, type) and attrs.has(obj) and obj not in NOT_MODELS
    ),
    key=lambda cls: cls.__name__,
)
