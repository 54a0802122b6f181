"""What every FHIR resource of the package shares: URLs, ids, codings, references, validation.

The library's code and identifier systems live under :data:`BASE_URL`; resource ids are
UUIDs derived from the model identifiers, so the same record always gets the same id. The
small builders here give the resource modules one way to write a coding or a reference, and
:func:`_build` turns a pydantic rejection into one :class:`FhirValidationError`. Importing
this module checks that fhir.resources builds R5 resources.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from enum import StrEnum
from typing import Any, TypeVar

import fhir.resources
import pydantic

from ..exceptions import FhirValidationError, InvalidFieldError, MissingExtraError
from ..model import Language, label

if not str(getattr(fhir.resources, "__fhir_version__", "")).startswith("5."):  # pragma: no cover
    # fhir.resources before 7 builds R4B resources by default; the mapping needs R5.
    raise MissingExtraError("arbeit_gesundheit.fhir (FHIR R5)", "fhir", "fhir.resources>=8")

__all__ = [
    "BASE_URL",
    "FHIR_VERSION",
    "_build",
    "_coding",
    "_concept",
    "_distinct",
    "_external",
    "_identifier",
    "_internal_ref",
    "_organization_ref",
    "_patient_ref",
    "_problems",
    "_text",
    "_uuid",
    "_vocab",
    "code_system",
    "identifier_system",
]


#: FHIR release the resources follow (fhir.resources 8 builds R5 by default).
FHIR_VERSION = "5.0.0"

#: Base of the library's own code systems, naming systems and measure URLs. Sites that
#: publish their own terminology server can map these URLs to theirs.
BASE_URL = "https://arbeit-gesundheit.example/fhir"

_T = TypeVar("_T")

_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, BASE_URL)


def code_system(name: str) -> str:
    """URL of one of the library's code systems, such as ``code_system("partner-kind")``."""
    return f"{BASE_URL}/CodeSystem/{name}"


def identifier_system(name: str) -> str:
    """URL of one of the library's identifier systems, such as ``identifier_system("pseudonym")``."""
    return f"{BASE_URL}/NamingSystem/{name}"


def _text(de: str, en: str, lang: Language) -> str:
    return de if lang == "de" else en


def _uuid(kind: str, key: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, f"{kind}:{key}"))


def _coding(system: str, code: str, display: str | None = None) -> dict[str, Any]:
    coding: dict[str, Any] = {"system": system, "code": code}
    if display is not None:
        coding["display"] = display
    return coding


def _concept(system: str, code: str, display: str | None = None) -> dict[str, Any]:
    concept: dict[str, Any] = {"coding": [_coding(system, code, display)]}
    if display is not None:
        concept["text"] = display
    return concept


def _external(system: str, code: str, display: str, text: str) -> dict[str, Any]:
    """A concept from an HL7 code system: official display, localized text."""
    return {"coding": [_coding(system, code, display)], "text": text}


def _vocab(system: str, member: StrEnum, lang: Language) -> dict[str, Any]:
    return _concept(code_system(system), str(member.value), label(member, lang))


def _identifier(system: str, value: str) -> dict[str, Any]:
    return {"system": identifier_system(system), "value": value}


def _internal_ref(kind: str, key: str, resource_type: str) -> dict[str, Any]:
    return {"reference": f"urn:uuid:{_uuid(kind, key)}", "type": resource_type}


def _patient_ref(pseudonym: str) -> dict[str, Any]:
    """A logical reference by pseudonym: no Patient resource, no name, no birth date."""
    return {"type": "Patient", "identifier": _identifier("pseudonym", pseudonym)}


def _organization_ref(system: str, key: str, display: str | None = None) -> dict[str, Any]:
    ref: dict[str, Any] = {"type": "Organization", "identifier": _identifier(system, key)}
    if display is not None:
        ref["display"] = display
    return ref


def _problems(error: pydantic.ValidationError) -> list[str]:
    return [
        f"{'.'.join(str(p) for p in item['loc']) or '$'}: {item['msg']}" for item in error.errors()
    ]


def _build(cls: type[Any], what: str, data: dict[str, Any]) -> Any:
    try:
        return cls.model_validate(data)
    except pydantic.ValidationError as exc:
        raise FhirValidationError(what, _problems(exc)) from exc


def _distinct(function: str, name: str, cls: type[_T], items: Iterable[object]) -> list[_T]:
    """The items as a list, checked to be ``cls`` instances with distinct ``id`` s."""
    seen: set[str] = set()
    result: list[_T] = []
    for item in items:
        if not isinstance(item, cls):
            raise InvalidFieldError(function, name, f"{cls.__name__} values", item)
        key = getattr(item, "id")  # noqa: B009 - every checked class has an id
        if key in seen:
            raise InvalidFieldError(function, name, "distinct identifiers", key)
        seen.add(key)
        result.append(item)
    return result
