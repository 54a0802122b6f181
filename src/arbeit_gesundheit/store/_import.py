"""Importing data: datasets encoded for the store (keys, owners, and the health data of
people already erased left out); data files are read by :func:`~arbeit_gesundheit.jsonl.read_data_file`,
the same check as ``validate``."""

from __future__ import annotations

from collections.abc import Iterable

import attrs
import sqlalchemy as sa

from .. import converter
from ..jsonl import RECORD_TYPES
from ..model import Dataset
from ._records import WHOLLY_HEALTH, EncodedRecord, encode, record_key

__all__ = ["encode_dataset"]


def encode_dataset(
    connection: sa.Connection, dataset: Dataset, *, erased: Iterable[str] = ()
) -> list[EncodedRecord]:
    """Every record of ``dataset`` ready to write. Health data of the ``erased`` pseudonyms
    are left out, so an import never brings erased values back."""
    from ._operations import owner_of_enrolments  # noqa: PLC0415

    gone = frozenset(erased)
    unstructure = converter.unstructure
    owners = {e.id: e.participant for e in dataset.enrolments}
    missing = {a.enrolment_id for a in dataset.attendances} - owners.keys()
    if missing:
        owners.update(owner_of_enrolments(connection, missing))
    items: list[EncodedRecord] = []
    for kind, (field_name, _cls) in RECORD_TYPES.items():
        seen: dict[str, int] = {}
        for model in getattr(dataset, field_name):
            document = unstructure(model)
            owner: str | None
            if kind == "attendance":
                owner = owners.get(document["enrolment_id"])
            elif kind == "participant":
                owner = document["pseudonym"]
            else:
                owner = document.get("participant")
            if owner is not None and owner in gone:
                if kind in WHOLLY_HEALTH:
                    continue
                if kind == "participant":
                    document = unstructure(attrs.evolve(model, restrictions=()))
            key = record_key(kind, document)
            count = seen.get(key, 0) + 1
            seen[key] = count
            if count > 1:
                key = f"{key}#{count}"
            items.append(encode(kind, document, key=key, owner=owner))
    return items
