"""Organisations and the catalogue: sites and partners as ``Organization``, modules as ``HealthcareService``.

:func:`catalogue_bundle` puts a whole catalogue (sites, partners, modules) into one bundle.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, cast

from fhir.resources.bundle import Bundle
from fhir.resources.healthcareservice import HealthcareService
from fhir.resources.organization import Organization
from fhir.resources.resource import Resource

from ..exceptions import InvalidFieldError
from ..model import Language, Module, Partner, Site
from ..model import _validators as v
from ._bundles import to_bundle
from ._common import (
    _build,
    _coding,
    _concept,
    _distinct,
    _identifier,
    _organization_ref,
    _text,
    _uuid,
    _vocab,
    code_system,
)

__all__ = ["catalogue_bundle", "healthcare_service", "organization"]


def organization(entity: Site | Partner, *, lang: Language = "de") -> Organization:
    """A :class:`Site` or :class:`Partner` as a FHIR ``Organization``.

    The type is coded in the library's code systems (``organization-role`` for a site,
    ``partner-kind`` for a partner) with the German display by default. The resource id is
    derived from the identifier, so the same site or partner always gets the same id.
    """
    if isinstance(entity, Site):
        data: dict[str, Any] = {
            "id": _uuid("site", entity.id),
            "identifier": [_identifier("site-id", entity.id)],
            "active": True,
            "name": entity.name,
            "type": [
                _concept(code_system("organization-role"), "site", _text("Standort", "site", lang))
            ],
            "contact": [{"address": {"state": str(entity.land.value), "country": "DE"}}],
        }
        return cast(Organization, _build(Organization, f"Organization {entity.id}", data))
    if isinstance(entity, Partner):
        data = {
            "id": _uuid("partner", entity.id),
            "identifier": [_identifier("partner-id", entity.id)],
            "active": True,
            "name": entity.name,
            "type": [_vocab("partner-kind", entity.kind, lang)],
        }
        if entity.location is not None:
            data["contact"] = [{"address": {"text": entity.location, "country": "DE"}}]
        return cast(Organization, _build(Organization, f"Organization {entity.id}", data))
    raise InvalidFieldError("organization", "entity", "a Site or a Partner", entity)


def _sessions_text(module: Module, lang: Language) -> str:
    if lang == "de":
        noun = "Termin" if module.sessions == 1 else "Termine"
        text = f"{module.sessions} {noun} à {module.session_minutes} Minuten"
        if module.places is not None:
            text += f", höchstens {module.places} Plätze"
    else:
        noun = "session" if module.sessions == 1 else "sessions"
        text = f"{module.sessions} {noun} of {module.session_minutes} minutes"
        if module.places is not None:
            text += f", at most {module.places} places"
    return text


def healthcare_service(
    module: Module,
    *,
    provider: Partner | None = None,
    programmes: Iterable[str] = (),
    lang: Language = "de",
) -> HealthcareService:
    """A catalogue :class:`Module` as a FHIR ``HealthcareService``.

    Category is the field of action (Handlungsfeld), type the format, ``program`` the
    site's programmes, ``comment`` the sessions × minutes (and places), ``providedBy`` a
    logical reference (by partner identifier) to the provider. ``provider``, when given,
    must be the module's provider; it adds the provider's name to the reference.
    """
    if not isinstance(module, Module):
        raise InvalidFieldError("healthcare_service", "module", "a Module", module)
    if provider is not None and (
        not isinstance(provider, Partner) or provider.id != module.provider_id
    ):
        raise InvalidFieldError(
            "healthcare_service",
            "provider",
            f"the module's provider (partner {module.provider_id!r}) or nothing",
            provider,
        )
    names = sorted(programmes)
    for name in names:
        if not isinstance(name, str) or v._IDENTIFIER.fullmatch(name) is None:
            raise InvalidFieldError(
                "healthcare_service", "programmes", "programme identifiers", name
            )
    data: dict[str, Any] = {
        "id": _uuid("module", module.id),
        "identifier": [_identifier("module-id", module.id)],
        "active": True,
        "name": module.title,
        "category": [_vocab("field-of-action", module.field_of_action, lang)],
        "type": [_vocab("module-format", module.format, lang)],
        "comment": _sessions_text(module, lang),
    }
    if names:
        data["program"] = [_concept(code_system("programme"), name, name) for name in names]
    if module.provider_id is not None:
        data["providedBy"] = _organization_ref(
            "partner-id", module.provider_id, provider.name if provider is not None else None
        )
    if module.description is not None:
        data["extraDetails"] = module.description
    if module.certification is not None:
        cert = module.certification
        data["characteristic"] = [
            {
                "coding": [_coding(code_system("certification"), "certified")],
                "text": _text(
                    f"zertifiziert ({cert.issuer} {cert.id}) bis {cert.valid_until.isoformat()}",
                    f"certified ({cert.issuer} {cert.id}) until {cert.valid_until.isoformat()}",
                    lang,
                ),
            }
        ]
    return cast(
        HealthcareService, _build(HealthcareService, f"HealthcareService {module.id}", data)
    )


def catalogue_bundle(
    *,
    sites: Iterable[Site] = (),
    partners: Iterable[Partner] = (),
    modules: Iterable[Module] = (),
    lang: Language = "de",
) -> Bundle:
    """Sites and partners as Organizations and modules as HealthcareServices, in one bundle.

    The modules' ``program`` lists the programmes of the given sites; providers found among
    ``partners`` lend their names to the ``providedBy`` references.
    """
    site_list = _distinct("catalogue_bundle", "sites", Site, sites)
    partner_list = _distinct("catalogue_bundle", "partners", Partner, partners)
    module_list = _distinct("catalogue_bundle", "modules", Module, modules)
    by_id = {p.id: p for p in partner_list}
    programmes = sorted({name for site in site_list for name in site.programmes})
    resources: list[Resource] = [organization(s, lang=lang) for s in site_list]
    resources += [organization(p, lang=lang) for p in partner_list]
    resources += [
        healthcare_service(
            m,
            provider=by_id.get(m.provider_id) if m.provider_id is not None else None,
            programmes=programmes,
            lang=lang,
        )
        for m in module_list
    ]
    return to_bundle(resources)
