"""The records a site's participants share, in the order of the by-participant layout.

Sites, national and local partners, cooperation agreements, coaches, the modules, the planned
offerings and their sessions, health days (Gesundheitstage) and the annual review with its
targets: everything that comes before the first participant in a JSON Lines file.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

from .. import converter
from ._catalogue import _LOCAL_PARTNERS, _NATIONAL_PARTNERS
from ._offerings import _Offering
from ._state import Record, _CohortState, _iso

__all__ = ["_shared"]


def _shared(state: _CohortState, plans: list[dict[str, list[_Offering]]]) -> Iterator[Record]:
    rng = state.rng
    year = state.year
    for site in state.sites:
        yield {
            "type": "site",
            "id": site.id,
            "name": site.name,
            "land": site.land.value,
            "programmes": sorted(site.programmes),
            "district_keys": sorted(site.district_keys),
            "since": _iso(site.since) if site.since else None,
            "typical_participants": site.typical_participants,
        }
    for pid, name, kind in _NATIONAL_PARTNERS:
        yield {"type": "partner", "id": pid, "name": name, "kind": kind, "location": None}
    for site in state.sites:
        for suffix, name, kind in _LOCAL_PARTNERS:
            yield {"type": "partner", "id": f"{site.id}-{suffix}",
                   "name": f"{name} {site.name.split(' (')[0].removeprefix('Jobcenter ')}",
                   "kind": kind, "location": None}  # fmt: skip
    for site in state.sites:
        insurer = _NATIONAL_PARTNERS[rng.randrange(4)][0]
        start = date(year - 1 - rng.randrange(3), 1, 1)
        renew = rng.random() < 0.5
        yield {
            "type": "agreement",
            "id": f"{site.id}-kv-1",
            "parties": [site.id, insurer, f"{site.id}-sportverein"],
            "valid_from": _iso(start),
            "valid_until": _iso(date(start.year + 2, 12, 31)),
            "funding": "gkv_alliance",
            "renewals": [
                {"signed_on": _iso(date(start.year + 2, 11, 15)),
                 "valid_until": _iso(date(start.year + 4, 12, 31))}
            ] if renew else [],
            "title": "Kooperationsvereinbarung Gesundheitsförderung",
        }  # fmt: skip
    for site, size in zip(state.sites, state.site_sizes(), strict=True):
        for c in range(1, 3 + size // 400 + 1):
            role = "health_care_coach" if c % 3 else "placement_officer"
            yield {"type": "coach", "id": f"{site.id}-c{c:02d}", "site_id": site.id,
                   "role": role, "trained_for_counselling": c % 2 == 1}  # fmt: skip
    for module in state.modules:
        yield {"type": "module", **converter.unstructure(module)}
    for plan in plans:
        for runs in plan.values():
            for run in runs:
                yield {"type": "offering", "id": run.id, "module_id": run.module.id,
                       "starts_on": _iso(run.days[0]), "ends_on": _iso(run.days[-1]),
                       "capacity": run.capacity, "location": None,
                       "provider_id": run.provider}  # fmt: skip
    for plan in plans:
        for runs in plan.values():
            for run in runs:
                minutes = run.module.session_minutes
                for n, day in enumerate(run.days, start=1):
                    yield {"type": "session", "offering_id": run.id, "number": n,
                           "on": _iso(day), "starts_at": "09:00", "minutes": minutes}  # fmt: skip
    for site in state.sites:
        partners = [p[0] for p in _NATIONAL_PARTNERS] + [
            f"{site.id}-{s[0]}" for s in _LOCAL_PARTNERS
        ]
        for e in range(1, 3 + (rng.random() < 0.3)):
            day = date(year, 3, 1) + timedelta(days=rng.randrange(240))
            digital = e == 3
            chosen = sorted(rng.sample(partners, rng.randint(3, 8)))
            yield {
                "type": "event",
                "id": f"{site.id}-gt-{year}-{e}",
                "site_id": site.id,
                "title": "Digitale Gesundheitswoche" if digital else "Gesundheitstag",
                "on": _iso(day),
                "ends_on": _iso(day + timedelta(days=4)) if digital else None,
                "format": "digital" if digital else "on_site",
                "partner_ids": chosen,
                "visitors": None if rng.random() < 0.1 else rng.randint(40, 400),
                "activities": ["Rückenscreening", "Ernährungsberatung", "Bewegungsparcours"][
                    : rng.randint(1, 3)
                ],
            }
    for site, size in zip(state.sites, state.site_sizes(), strict=True):
        yield {
            "type": "review",
            "site_id": site.id,
            "year": year,
            # keys in sorted order, as the converter writes mappings
            "targets": {"completion_rate": 70, "dropout_rate": 20, "integration_12m": 20,
                        "reach": max(1, round(size * 0.85))},
            "notes": [{"kind": "decision", "text": "Ziele im Entscheider-Treffen vereinbart."}],
            "next_targets": {},
        }  # fmt: skip
