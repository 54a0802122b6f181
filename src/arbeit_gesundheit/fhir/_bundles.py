"""Bundles: resources into a validated ``Bundle``, its validation and its JSON bytes.

Every bundle the package returns goes through :func:`validate_bundle`: the models accept it,
it survives a JSON round trip, full URLs are unique and ``urn:uuid:`` references resolve.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from datetime import datetime
from typing import Any, Literal

import pydantic
from fhir.resources.bundle import Bundle
from fhir.resources.resource import Resource

from ..exceptions import FhirValidationError, InvalidFieldError
from ._common import BASE_URL, _problems

__all__ = ["BundleType", "bundle_json", "to_bundle", "validate_bundle"]


BundleType = Literal["collection", "transaction", "batch"]


def _is_uuid(text: str) -> bool:
    try:
        return str(uuid.UUID(text)) == text
    except ValueError:
        return False


def _full_url(resource: Resource) -> str:
    rid = resource.id
    if rid is not None and _is_uuid(rid):
        return f"urn:uuid:{rid}"
    return f"{BASE_URL}/{resource.get_resource_type()}/{rid}"


def _references(node: Any, found: list[str]) -> None:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "reference" and isinstance(value, str):
                found.append(value)
            else:
                _references(value, found)
    elif isinstance(node, list):
        for item in node:
            _references(item, found)


def validate_bundle(bundle: Bundle) -> Bundle:
    """Validate ``bundle`` and return a fresh, re-parsed copy.

    Checks: the fhir.resources (pydantic) models accept it; it survives a JSON round trip
    unchanged; full URLs are unique; every ``urn:uuid:`` reference resolves to an entry.
    Raises :class:`~arbeit_gesundheit.exceptions.FhirValidationError` otherwise.
    """
    if not isinstance(bundle, Bundle):
        raise InvalidFieldError("validate_bundle", "bundle", "a FHIR Bundle", bundle)
    try:
        text = bundle.model_dump_json()
        again = Bundle.model_validate_json(text)
    except pydantic.ValidationError as exc:
        raise FhirValidationError("Bundle", _problems(exc)) from exc
    if again.model_dump_json() != text:
        raise FhirValidationError("Bundle", ["the bundle changes in a JSON round trip"])
    document = json.loads(text)
    problems: list[str] = []
    urls = [entry.get("fullUrl") for entry in document.get("entry", [])]
    seen: set[str] = set()
    for url in urls:
        if url in seen:
            problems.append(f"entry: fullUrl {url} appears more than once")
        if isinstance(url, str):
            seen.add(url)
    found: list[str] = []
    _references(document, found)
    problems += [
        f"reference {ref} resolves to no entry"
        for ref in found
        if ref.startswith("urn:uuid:") and ref not in seen
    ]
    if problems:
        raise FhirValidationError("Bundle", problems)
    return again


def to_bundle(
    resources: Iterable[Resource],
    *,
    bundle_type: BundleType = "collection",
    timestamp: datetime | None = None,
) -> Bundle:
    """Put ``resources`` into a validated ``Bundle`` (a collection by default).

    Resources from this module have UUID ids and get ``urn:uuid:`` full URLs; a resource
    without id gets a random UUID. For ``transaction`` and ``batch`` bundles each entry
    gets a ``PUT`` request, so sending the same data again updates instead of duplicating.
    The bundle is validated (see :func:`validate_bundle`) before it is returned.
    """
    if bundle_type not in ("collection", "transaction", "batch"):
        raise InvalidFieldError(
            "to_bundle", "bundle_type", "'collection', 'transaction' or 'batch'", bundle_type
        )
    entries: list[dict[str, Any]] = []
    for item in resources:
        if not isinstance(item, Resource):
            raise InvalidFieldError("to_bundle", "resources", "FHIR resources", item)
        resource = (
            item if item.id is not None else item.model_copy(update={"id": str(uuid.uuid4())})
        )
        entry: dict[str, Any] = {"fullUrl": _full_url(resource), "resource": resource}
        if bundle_type != "collection":
            entry["request"] = {
                "method": "PUT",
                "url": f"{resource.get_resource_type()}/{resource.id}",
            }
        entries.append(entry)
    data: dict[str, Any] = {"type": bundle_type}
    if entries:
        data["entry"] = entries
    if timestamp is not None:
        if not isinstance(timestamp, datetime) or timestamp.tzinfo is None:
            raise InvalidFieldError(
                "to_bundle", "timestamp", "a datetime with time zone", timestamp
            )
        data["timestamp"] = timestamp
    try:
        bundle = Bundle(**data)
    except pydantic.ValidationError as exc:
        raise FhirValidationError("Bundle", _problems(exc)) from exc
    return validate_bundle(bundle)


def bundle_json(bundle: Bundle, *, indent: int | None = None) -> bytes:
    """The validated bundle as UTF-8 JSON bytes, ready for :func:`~arbeit_gesundheit.files.write_atomic`."""
    return validate_bundle(bundle).model_dump_json(indent=indent).encode("utf-8")
