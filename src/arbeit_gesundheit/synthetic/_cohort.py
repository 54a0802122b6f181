"""A synthetic cohort, assembled: the record stream and the :class:`Dataset` built from it.

:func:`iter_cohort_records` checks the arguments and streams the header, the shared records
and then each participant with their records (the by-participant layout of
:mod:`arbeit_gesundheit.jsonl`); :func:`generate_cohort` structures the same stream into a
:class:`Dataset`. Only the seeded random source is used, and nothing iterates over an
unordered set, so the same arguments give the same records.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from .. import converter
from ..exceptions import InvalidFieldError
from ..jsonl import BY_PARTICIPANT, HEADER_TYPE, RECORD_TYPES
from ..model import FORMAT_VERSION, Dataset, Module, Site
from ._catalogue import DEFAULT_YEAR, _synthetic_sites, default_modules
from ._offerings import _plan_offerings
from ._person import _person
from ._shared import _shared
from ._state import Record, _CohortState

__all__ = ["generate_cohort", "iter_cohort_records"]


def _check_int(name: str, value: object, low: int, high: int) -> int:
    if type(value) is not int or not low <= value <= high:
        raise InvalidFieldError(
            "generate_cohort", name, f"a whole number from {low} to {high}", value
        )
    return value


def _records(state: _CohortState) -> Iterator[Record]:
    yield {"type": HEADER_TYPE, "format_version": FORMAT_VERSION, "layout": BY_PARTICIPANT}
    sizes = state.site_sizes()
    plans = [_plan_offerings(state, s, size) for s, size in zip(state.sites, sizes, strict=True)]
    yield from _shared(state, plans)
    for site, size, plan in zip(state.sites, sizes, plans, strict=True):
        counter = [0]
        for n in range(1, size + 1):
            yield from _person(state, site, n, plan, counter)


def iter_cohort_records(
    *,
    seed: int,
    participants: int,
    site: Site | None = None,
    sites: int = 1,
    modules: Sequence[Module] | None = None,
    year: int = DEFAULT_YEAR,
    enrolments_per_participant: float = 3.0,
) -> Iterator[Record]:
    """The records of a synthetic cohort as JSON-ready dicts with ``"type"``, as a stream.

    The first record is the header; then come the shared records and each participant with
    their own records (the by-participant layout of :mod:`arbeit_gesundheit.jsonl`).
    Arguments are as for :func:`generate_cohort`.
    """
    _check_int("seed", seed, -(2**63), 2**63)
    _check_int("participants", participants, 1, 50_000_000)
    _check_int("year", year, 2000, 2098)
    _check_int("sites", sites, 1, 10_000)
    if site is not None and not isinstance(site, Site):
        raise InvalidFieldError("generate_cohort", "site", "a Site or nothing", site)
    if type(enrolments_per_participant) not in (int, float) or not (
        0.5 <= enrolments_per_participant <= 6
    ):
        raise InvalidFieldError(
            "generate_cohort", "enrolments_per_participant", "a number from 0.5 to 6",
            enrolments_per_participant,
        )  # fmt: skip
    catalogue = default_modules(year) if modules is None else tuple(modules)
    if not catalogue or not all(isinstance(m, Module) for m in catalogue):
        raise InvalidFieldError(
            "generate_cohort", "modules", "a non-empty sequence of Module", modules
        )
    if len({m.id for m in catalogue}) != len(catalogue):
        raise InvalidFieldError("generate_cohort", "modules", "modules with distinct ids", modules)
    chosen_sites = [site] if site is not None else _synthetic_sites(sites)
    state = _CohortState(
        seed=seed,
        participants=participants,
        sites=chosen_sites,
        modules=catalogue,
        year=year,
        enrolments_per_participant=float(enrolments_per_participant),
    )
    return _records(state)


def generate_cohort(
    *,
    seed: int,
    participants: int,
    site: Site | None = None,
    sites: int = 1,
    modules: Sequence[Module] | None = None,
    year: int = DEFAULT_YEAR,
    enrolments_per_participant: float = 3.0,
) -> Dataset:
    """A plausible synthetic cohort as a :class:`Dataset`; the same arguments give the same data.

    ``participants`` people at ``site`` (or at ``sites`` generated sites), enrolled in
    offerings of ``modules`` (default: :func:`default_modules`) that start in ``year``, with
    attendance, dropouts, WHO-5 before and after, outcomes, needs assessments, activity
    plans, events and partners. For national sizes use :func:`write_cohort_jsonl`.
    """
    fields: dict[str, list[Any]] = {name: [] for name, _cls in RECORD_TYPES.values()}
    records = iter_cohort_records(
        seed=seed,
        participants=participants,
        site=site,
        sites=sites,
        modules=modules,
        year=year,
        enrolments_per_participant=enrolments_per_participant,
    )
    for record in records:
        kind = record.pop("type")
        if kind == HEADER_TYPE:
            continue
        fields[RECORD_TYPES[kind][0]].append(record)
    document = {"format_version": FORMAT_VERSION, **fields}
    return converter.structure(document, Dataset)
