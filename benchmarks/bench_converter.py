"""Load and dump a site's data file: arbeit_gesundheit's converter next to pydantic v2 and msgspec.

    python benchmarks/bench_converter.py            # 100,000 participants
    python benchmarks/bench_converter.py --quick    # 2,000 participants (smoke test)
    python benchmarks/bench_converter.py --n 20000 --repeat 5

One generated document (participants with restrictions and consents, about three enrolments
each with their status history) is loaded and dumped by all three libraries in the same run.
pydantic and msgspec get the same schema with equivalent validation: enums, ISO dates, the
birth-year range, the identifier and pseudonym patterns, unknown keys refused, and the
cross-field rules (consent dates, recipients for data sharing, enrolment history and dropout
reason). Times are the best of ``--repeat`` runs with the garbage collector on, as in a real
program, in CPU time of the process by default (steady on a shared machine; ``--clock wall``
for elapsed time); peak memory is measured with tracemalloc in a separate pass so that tracing does not
distort the times (it sees allocations through Python's allocators, which is where all three
libraries put the objects they build).

Benchmark-only dependencies: pydantic>=2.7, msgspec>=0.18 (the ``bench`` extra).
"""

from __future__ import annotations

import argparse
import gc
import itertools
import os
import platform
import sys
import time
import tracemalloc
from collections.abc import Callable
from datetime import date
from importlib.metadata import version
from pathlib import Path
from typing import Annotated, Self

import msgspec
import orjson
import pydantic
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

sys.path.insert(0, str(Path(__file__).parent))

from _bench_data import make_document

from arbeit_gesundheit import (
    BenefitType,
    ConsentPurpose,
    DailyWorkCapacity,
    DataCategory,
    Dataset,
    DropoutReason,
    EnrolmentStatus,
    Gender,
    LegalBasis,
    RestrictionCategory,
    Severity,
    WorkLimitation,
    converter,
)

IDENTIFIER = r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$"
PSEUDONYM = r"^[A-Za-z0-9][A-Za-z0-9_.:-]{2,63}$"
# msgspec matches with Python's re, so the "contains a digit" rule fits into the pattern.
PSEUDONYM_WITH_DIGIT = r"^(?=[^0-9]*[0-9])[A-Za-z0-9][A-Za-z0-9_.:-]{2,63}$"


def _has_digit(value: str) -> str:
    if not any(c.isdigit() for c in value):
        raise ValueError("a pseudonym contains a digit")
    return value


# --- pydantic v2 -----------------------------------------------------------------------------

PIdentifier = Annotated[str, StringConstraints(strict=True, pattern=IDENTIFIER)]
PPseudonym = Annotated[
    str, StringConstraints(strict=True, pattern=PSEUDONYM), AfterValidator(_has_digit)
]


class PModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PWorkCapacity(PModel):
    daily: DailyWorkCapacity | None = None
    limitations: frozenset[WorkLimitation] = frozenset()
    assessed_on: date | None = None


class PHealthRestriction(PModel):
    category: RestrictionCategory
    severity: Severity | None = None
    work_capacity: PWorkCapacity | None = None


class PConsent(PModel):
    purpose: ConsentPurpose
    given_on: date
    legal_basis: LegalBasis = LegalBasis.GDPR_ART_9_2_A
    expires_on: date | None = None
    withdrawn_on: date | None = None
    data_categories: frozenset[DataCategory] = frozenset()
    recipients: frozenset[PIdentifier] = frozenset()

    @pydantic.model_validator(mode="after")
    def _check(self) -> Self:
        for end in (self.expires_on, self.withdrawn_on):
            if end is not None and end < self.given_on:
                raise ValueError("a date on or after given_on")
        if self.purpose is ConsentPurpose.DATA_SHARING and not self.recipients:
            raise ValueError("at least one recipient for data sharing")
        return self


class PParticipant(PModel):
    pseudonym: PPseudonym
    site_id: PIdentifier
    birth_year: Annotated[int, Field(strict=True, ge=1900, le=2100)]
    benefit: BenefitType
    gender: Gender | None = None
    unemployed_since: date | None = None
    district_key: PIdentifier | None = None
    restrictions: tuple[PHealthRestriction, ...] = ()
    consents: tuple[PConsent, ...] = ()


class PStatusChange(PModel):
    status: EnrolmentStatus
    on: date
    reason: DropoutReason | None = None


class PEnrolment(PModel):
    id: PIdentifier
    participant: PPseudonym
    offering_id: PIdentifier
    status: EnrolmentStatus
    history: tuple[PStatusChange, ...] = ()
    dropout_reason: DropoutReason | None = None

    @pydantic.model_validator(mode="after")
    def _check(self) -> Self:
        _check_enrolment(self.status, self.history, self.dropout_reason)
        return self


class PDataset(PModel):
    format_version: Annotated[int, Field(strict=True, ge=1, le=1)] = 1
    participants: tuple[PParticipant, ...] = ()
    enrolments: tuple[PEnrolment, ...] = ()


# --- msgspec ---------------------------------------------------------------------------------

MIdentifier = Annotated[str, msgspec.Meta(pattern=IDENTIFIER)]
MPseudonym = Annotated[str, msgspec.Meta(pattern=PSEUDONYM_WITH_DIGIT)]


class MStruct(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    pass


class MWorkCapacity(MStruct):
    daily: DailyWorkCapacity | None = None
    limitations: frozenset[WorkLimitation] = frozenset()
    assessed_on: date | None = None


class MHealthRestriction(MStruct):
    category: RestrictionCategory
    severity: Severity | None = None
    work_capacity: MWorkCapacity | None = None


class MConsent(MStruct):
    purpose: ConsentPurpose
    given_on: date
    legal_basis: LegalBasis = LegalBasis.GDPR_ART_9_2_A
    expires_on: date | None = None
    withdrawn_on: date | None = None
    data_categories: frozenset[DataCategory] = frozenset()
    recipients: frozenset[MIdentifier] = frozenset()

    def __post_init__(self) -> None:
        for end in (self.expires_on, self.withdrawn_on):
            if end is not None and end < self.given_on:
                raise ValueError("a date on or after given_on")
        if self.purpose is ConsentPurpose.DATA_SHARING and not self.recipients:
            raise ValueError("at least one recipient for data sharing")


class MParticipant(MStruct):
    pseudonym: MPseudonym
    site_id: MIdentifier
    birth_year: Annotated[int, msgspec.Meta(ge=1900, le=2100)]
    benefit: BenefitType
    gender: Gender | None = None
    unemployed_since: date | None = None
    district_key: MIdentifier | None = None
    restrictions: tuple[MHealthRestriction, ...] = ()
    consents: tuple[MConsent, ...] = ()


class MStatusChange(MStruct):
    status: EnrolmentStatus
    on: date
    reason: DropoutReason | None = None


class MEnrolment(MStruct):
    id: MIdentifier
    participant: MPseudonym
    offering_id: MIdentifier
    status: EnrolmentStatus
    history: tuple[MStatusChange, ...] = ()
    dropout_reason: DropoutReason | None = None

    def __post_init__(self) -> None:
        _check_enrolment(self.status, self.history, self.dropout_reason)


class MDataset(MStruct):
    format_version: Annotated[int, msgspec.Meta(ge=1, le=1)] = 1
    participants: tuple[MParticipant, ...] = ()
    enrolments: tuple[MEnrolment, ...] = ()


def _check_enrolment(
    status: EnrolmentStatus,
    history: tuple[PStatusChange, ...] | tuple[MStatusChange, ...],
    dropout_reason: DropoutReason | None,
) -> None:
    for earlier, later in itertools.pairwise(history):
        if later.on < earlier.on:
            raise ValueError("a history in date order")
    if history and history[-1].status is not status:
        raise ValueError("a history ending in the current status")
    if (status is EnrolmentStatus.DROPPED) != (dropout_reason is not None):
        raise ValueError("a dropout reason exactly for a dropped enrolment")


# --- measuring -------------------------------------------------------------------------------

_msgspec_decoder = msgspec.json.Decoder(MDataset)
_msgspec_encoder = msgspec.json.Encoder()


Operation = dict[str, Callable[[], object]]
LIBRARIES = ("ours", "pydantic", "msgspec")


def best_times(
    operation: Operation, repeat: int, clock: Callable[[], float] = time.process_time
) -> dict[str, float]:
    """The fastest of ``repeat`` runs per library, in seconds.

    The libraries take turns within each round, so a busy moment on a shared machine does not
    fall on one library only. Each result is dropped before the next run.
    """
    best = dict.fromkeys(operation, float("inf"))
    for _ in range(repeat):
        for lib, func in operation.items():
            gc.collect()
            start = clock()
            result = func()
            elapsed = clock() - start
            del result
            best[lib] = min(best[lib], elapsed)
    return best


def peak_memory(func: Callable[[], object]) -> int:
    """Bytes allocated at the peak of one run, over what was allocated before it."""
    gc.collect()
    tracemalloc.start()
    try:
        base = tracemalloc.get_traced_memory()[0]
        result = func()
        peak = tracemalloc.get_traced_memory()[1]
        del result
    finally:
        tracemalloc.stop()
    return peak - base


def _mib(size: int | None) -> str:
    return "-" if size is None else f"{size / 2**20:,.0f}"


def _ms(seconds: float | None) -> str:
    return "-" if seconds is None else f"{seconds * 1000:,.0f}"


def _ratio(ours: float | None, other: float | None) -> str:
    return "-" if ours is None or other is None else f"{ours / other:.2f}x"


def _check(payload: bytes) -> None:
    """Same data, three libraries: each reads it, and ours round-trips it."""
    ours = converter.loads(payload, Dataset)
    assert converter.loads(converter.dumps(ours), Dataset) == ours
    theirs_p = PDataset.model_validate_json(payload)
    theirs_m = _msgspec_decoder.decode(payload)
    assert len(ours.enrolments) == len(theirs_p.enrolments) == len(theirs_m.enrolments)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--n", type=int, default=100_000, help="participants (default 100000)")
    parser.add_argument("--quick", action="store_true", help="2,000 participants")
    parser.add_argument("--repeat", type=int, default=None, help="runs per measurement")
    parser.add_argument("--no-memory", action="store_true", help="skip the tracemalloc pass")
    parser.add_argument("--no-gc", action="store_true", help="time with the garbage collector off")
    parser.add_argument(
        "--clock",
        choices=("cpu", "wall"),
        default="cpu",
        help="cpu: process time, steady on a shared machine (default); wall: elapsed time",
    )
    args = parser.parse_args(argv)
    n = 2_000 if args.quick else args.n
    repeat = args.repeat or (3 if n >= 50_000 else 5)

    document = make_document(n)
    payload = orjson.dumps(document)
    counts = (
        f"{len(document['participants']):,} participants, "
        f"{len(document['enrolments']):,} enrolments "
        f"({sum(len(e['history']) for e in document['enrolments']):,} status changes), "
        f"{sum(len(p['consents']) for p in document['participants']):,} consents, "
        f"{sum(len(p['restrictions']) for p in document['participants']):,} restrictions; "
        f"{len(payload) / 2**20:,.1f} MiB of JSON"
    )
    del document  # from here on, only what an operation needs is alive
    _check(payload)
    print(counts)
    print(
        f"Python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} CPUs; "
        f"attrs {version('attrs')}, cattrs {version('cattrs')}, orjson {version('orjson')}, "
        f"pydantic {version('pydantic')}, msgspec {version('msgspec')}; best of {repeat} "
        f"({args.clock} time), gc {'off' if args.no_gc else 'on'}"
    )

    load_json: Operation = {
        "ours": lambda: converter.loads(payload, Dataset),
        "pydantic": lambda: PDataset.model_validate_json(payload),
        "msgspec": lambda: _msgspec_decoder.decode(payload),
    }
    labels = {
        "load_json": "load   JSON bytes -> objects",
        "load_dict": "load   dicts -> objects",
        "dump_json": "dump   objects -> JSON bytes",
        "dump_dict": "dump   objects -> dicts",
    }

    def operations() -> dict[str, Operation]:
        """Every operation with its input; built lazily so inputs live only while needed."""
        document = orjson.loads(payload)
        ours = converter.loads(payload, Dataset)
        theirs_p = PDataset.model_validate_json(payload)
        theirs_m = _msgspec_decoder.decode(payload)
        return {
            "load_dict": {
                "ours": lambda: converter.structure(document, Dataset),
                "pydantic": lambda: PDataset.model_validate(document),
                "msgspec": lambda: msgspec.convert(document, MDataset),
            },
            "dump_json": {
                "ours": lambda: converter.dumps(ours),
                "pydantic": theirs_p.model_dump_json,
                "msgspec": lambda: _msgspec_encoder.encode(theirs_m),
            },
            "dump_dict": {
                "ours": lambda: converter.unstructure(ours),
                "pydantic": lambda: theirs_p.model_dump(mode="json"),
                "msgspec": lambda: msgspec.to_builtins(theirs_m),
            },
        }

    if args.no_gc:
        gc.disable()
    clock = time.process_time if args.clock == "cpu" else time.perf_counter
    times = {"load_json": best_times(load_json, repeat, clock)}
    rest = operations()
    times.update({key: best_times(op, repeat, clock) for key, op in rest.items()})
    del rest
    gc.enable()

    memory: dict[str, dict[str, int]] = {}
    if not args.no_memory:
        memory["load_json"] = {lib: peak_memory(func) for lib, func in load_json.items()}
        rest = operations()
        for key, operation in rest.items():
            memory[key] = {lib: peak_memory(func) for lib, func in operation.items()}
        del rest

    header = (
        f"{'operation':<30} {'ours ms':>9} {'pydantic':>9} {'msgspec':>9} "
        f"{'ours/pyd':>9} {'ours/msg':>9}   {'peak MiB ours/pyd/msg':>22}"
    )
    print()
    print(header)
    print("-" * len(header))
    for key, label in labels.items():
        o, p, m = (times[key].get(lib) for lib in LIBRARIES)
        mem = "/".join(_mib(memory.get(key, {}).get(lib)) for lib in LIBRARIES)
        print(
            f"{label:<30} {_ms(o):>9} {_ms(p):>9} {_ms(m):>9} "
            f"{_ratio(o, p):>9} {_ratio(o, m):>9}   {mem:>22}"
        )
    load_ratio = times["load_json"]["ours"] / times["load_json"]["pydantic"]
    dump_ratio = times["dump_json"]["ours"] / times["dump_json"]["pydantic"]
    print()
    print(
        f"goal: load no slower than pydantic v2: {load_ratio:.2f}x "
        f"({'met' if load_ratio <= 1 else 'not met'}); "
        f"dump within 2x of pydantic v2: {dump_ratio:.2f}x "
        f"({'met' if dump_ratio <= 2 else 'not met'})"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
