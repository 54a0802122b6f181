"""Record kinds: how each model is keyed, whose it is, and which of its fields are health data.

The kinds are the record types of the JSON Lines format (:data:`~arbeit_gesundheit.jsonl.
RECORD_TYPES`). A record's *key* identifies it across versions: its ``id``, the pseudonym of
a participant, or the fields that make it unique (an attendance is its enrolment and session
number). Two records of one kind with the same key in one dataset keep both: the later one
gets ``#2``, ``#3`` … appended, so nothing is ever merged away.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

import orjson
from attrs import frozen

from .. import converter
from ..jsonl import RECORD_TYPES
from ..model import Dataset

__all__ = [
    "HEALTH_FIELDS",
    "KINDS",
    "WHOLLY_HEALTH",
    "EncodedRecord",
    "digest",
    "encode",
    "join_document",
    "kind_of",
    "record_key",
    "unstructure_dataset",
]

#: Every record kind, in the order of :data:`~arbeit_gesundheit.jsonl.RECORD_TYPES`.
KINDS: tuple[str, ...] = tuple(RECORD_TYPES)
_CLASS_KIND = {cls: kind for kind, (_field, cls) in RECORD_TYPES.items()}

#: Health data (Art. 9 GDPR) per kind: kept apart from the rest, erased on their own.
HEALTH_FIELDS: Mapping[str, frozenset[str]] = {
    "participant": frozenset({"restrictions"}),
    "assessment": frozenset({"answers"}),
    "needs_assessment": frozenset({"needs"}),
    "plan": frozenset({"goals", "recommendations", "reviews"}),
}
#: Kinds that are health data as a whole: erasure removes their records entirely.
WHOLLY_HEALTH = frozenset({"assessment", "needs_assessment", "plan"})

_KEYS: dict[str, Callable[[dict[str, Any]], str]] = {
    "participant": lambda d: str(d["pseudonym"]),
    "session": lambda d: f"{d['offering_id']}#{d['number']}",
    "review": lambda d: f"{d['site_id']}#{d['year']}",
    "attendance": lambda d: f"{d['enrolment_id']}#{d['session_number']}",
    "assessment": lambda d: f"{d['participant']}#{d['instrument']}#{d['on']}",
    "outcome": lambda d: f"{d['participant']}#{d['kind']}#{d['on']}",
    "needs_assessment": lambda d: f"{d['participant']}#{d['on']}",
}
#: The record a record belongs to (for lookups): an enrolment's offering, an attendance's
#: enrolment, a session's offering, an offering's module.
_PARENT_FIELDS = {
    "enrolment": "offering_id",
    "attendance": "enrolment_id",
    "session": "offering_id",
    "offering": "module_id",
}
_DAY_FIELDS = {
    "offering": "starts_on",
    "session": "on",
    "event": "on",
    "needs_assessment": "on",
    "plan": "created_on",
    "referral": "referred_on",
    "assessment": "on",
    "outcome": "on",
}


def kind_of(model: object) -> str:
    """The record kind of a model (``"enrolment"`` for an :class:`Enrolment`)."""
    try:
        return _CLASS_KIND[type(model)]
    except KeyError:
        known = ", ".join(cls.__name__ for cls in _CLASS_KIND)
        raise TypeError(
            f"not a record of the store: {type(model).__name__} (known: {known})"
        ) from None


def record_key(kind: str, document: Mapping[str, Any]) -> str:
    """The key of a record given as its JSON document."""
    key_of = _KEYS.get(kind)
    return key_of(dict(document)) if key_of is not None else str(document["id"])


def _text(document: Any) -> bytes:
    return orjson.dumps(document, option=orjson.OPT_SORT_KEYS)


def digest(plain: Any, health: Any = None) -> str:
    """A fingerprint of a record's stored parts (keys sorted), to see whether it changed."""
    return _digest_of(_text(plain), _text(health) if health else b"")


def _digest_of(plain_text: bytes, health_text: bytes) -> str:
    return hashlib.blake2b(plain_text + b"\0" + health_text, digest_size=16).hexdigest()


@frozen
class EncodedRecord:
    """A record as the store keeps it: key columns, the plain part and the health part."""

    kind: str
    key: str
    pseudonym: str | None
    site_id: str | None
    parent: str | None
    day: date | None
    digest: str
    plain: dict[str, Any]
    health: dict[str, Any] | None
    document: dict[str, Any]
    #: The stored texts (JSON, keys sorted), made once with the digest.
    plain_text: str
    health_text: str | None


def encode(
    kind: str, document: dict[str, Any], *, key: str, owner: str | None = None
) -> EncodedRecord:
    """Split a record's JSON document into its stored parts (``owner``: the pseudonym of an
    attendance's participant, which the attendance does not carry)."""
    health_fields = HEALTH_FIELDS.get(kind)
    health: dict[str, Any] | None
    if health_fields:
        plain = {k: v for k, v in document.items() if k not in health_fields}
        health = {k: v for k, v in document.items() if k in health_fields}
        if kind not in WHOLLY_HEALTH and not any(health.values()):
            health = None  # nothing to keep apart: the model's defaults give it back
    else:
        plain, health = document, None
    pseudonym = document.get("pseudonym") if kind == "participant" else document.get("participant")
    day_field = _DAY_FIELDS.get(kind)
    day_text = document.get(day_field) if day_field else None
    plain_bytes = _text(plain)
    health_bytes = _text(health) if health else b""
    return EncodedRecord(
        kind=kind,
        key=key,
        pseudonym=pseudonym if pseudonym is not None else owner,
        site_id=document.get("site_id"),
        parent=document.get(_PARENT_FIELDS[kind]) if kind in _PARENT_FIELDS else None,
        day=date.fromisoformat(day_text) if day_text else None,
        digest=_digest_of(plain_bytes, health_bytes),
        plain=plain,
        health=health,
        document=document,
        plain_text=plain_bytes.decode(),
        health_text=health_bytes.decode() if health else None,
    )


def join_document(plain: Mapping[str, Any], health: Mapping[str, Any] | None) -> dict[str, Any]:
    """A record's JSON document from its stored parts (erased health fields stay away, so the
    model's defaults apply: a participant without restrictions)."""
    return {**plain, **health} if health else dict(plain)


def unstructure_dataset(dataset: Dataset) -> dict[str, list[dict[str, Any]]]:
    """Every record of a dataset as JSON documents, by kind."""
    return {
        kind: [converter.unstructure(m) for m in getattr(dataset, field)]
        for kind, (field, _cls) in RECORD_TYPES.items()
    }
