"""Every vocabulary member has curated German and English labels, unique within its list."""

from __future__ import annotations

from enum import StrEnum

import pytest

from arbeit_gesundheit import label
from arbeit_gesundheit.model import _labels, _vocabulary

VOCABULARIES = [
    obj
    for obj in vars(_vocabulary).values()
    if isinstance(obj, type) and issubclass(obj, StrEnum) and obj.__module__ == _vocabulary.__name__
]


@pytest.mark.parametrize("enum", VOCABULARIES, ids=lambda e: e.__name__)
def test_every_member_has_its_own_curated_labels(enum: type[StrEnum]) -> None:
    for lang in ("de", "en"):
        labels = [label(member, lang) for member in enum]
        # a curated label, not the fallback spelled from the value (unless they agree)
        curated = _labels._LABELS[enum]
        assert set(curated) == {m.value for m in enum}, f"{enum.__name__}: labels missing"
        assert len(set(labels)) == len(labels), f"{enum.__name__}: two members share a label"


def test_members_of_different_lists_with_equal_values_keep_their_own_labels() -> None:
    # StrEnum members compare equal to their value, so a label table keyed by member would
    # mix up FieldOfAction.CONSULTATION and ModuleFormat.CONSULTATION.
    assert label(_vocabulary.FieldOfAction.CONSULTATION) == "Sprechstunde"
    assert label(_vocabulary.ModuleFormat.CONSULTATION) == "Beratung"
    assert label(_vocabulary.RestrictionCategory.ADDICTION) != label(
        _vocabulary.FieldOfAction.ADDICTION
    )
