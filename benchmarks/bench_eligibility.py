"""Eligibility decisions with per-criterion explanations, next to hand-written if/else.

    python benchmarks/bench_eligibility.py            # 100,000 participants x 30 modules
    python benchmarks/bench_eligibility.py --quick    # 2,000 participants (smoke test)
    python benchmarks/bench_eligibility.py --n 20000 --repeat 5

A 30-module catalogue, each module with five criteria built from the core building blocks
(benefit type, long-term unemployment, age from birth year, health restriction, consent,
residence, not already enrolled; some modules combine two of them with any-of or not), is
decided for every generated participant: 100,000 x 30 = 3,000,000 decisions by default, all of
them measured (no extrapolation unless ``--n`` says so).

Each engine decision is a :class:`Decision` with one :class:`CriterionResult` per criterion
(rule, verdict, detail for the reason, missing fields): the complete explanation. Texts are
rendered on request; the cost of rendering the German explanation of *every* decision is
measured separately on a subset and reported as its own rate.

The reference is plain Python: the same criteria written as if/else over the same
participants, giving only the three-valued verdict per module (no explanation). Both run in
the same process, one core, garbage collector on; the verdicts of both are compared.
Participants come from seeded :mod:`random`, not Hypothesis.
"""

from __future__ import annotations

import argparse
import gc
import platform
import random
import resource
import sys
import time
import tracemalloc
from collections.abc import Callable
from datetime import date, timedelta

from arbeit_gesundheit import (
    BenefitType,
    Consent,
    ConsentPurpose,
    FieldOfAction,
    HealthRestriction,
    Land,
    Module,
    ModuleFormat,
    Participant,
    RestrictionCategory,
    Severity,
    Site,
)
from arbeit_gesundheit.eligibility import (
    AgeBetween,
    BenefitIn,
    Decision,
    EligibilityContext,
    HasConsent,
    HasRestriction,
    LongTermUnemployed,
    NotEnrolledInModule,
    ResidesInArea,
    Rule,
    Verdict,
    all_of,
    any_of,
    evaluate,
    not_,
)

AS_OF = date(2024, 3, 1)
SITE = Site("gelsenkirchen", "Jobcenter Gelsenkirchen", Land.NW, district_keys={"05513", "05562"})
DISTRICTS = ("05513", "05562", "05512", "05558")
SGB2 = frozenset({BenefitType.SGB_II, BenefitType.BOTH})
SGB3 = frozenset({BenefitType.SGB_III, BenefitType.BOTH})
MSK = frozenset({RestrictionCategory.MUSCULOSKELETAL})
MENTAL = frozenset({RestrictionCategory.MENTAL, RestrictionCategory.ADDICTION})
RANK = {Severity.MILD: 1, Severity.MODERATE: 2, Severity.SERIOUS: 3}

MET, NOT_MET, UNKNOWN = Verdict.MET, Verdict.NOT_MET, Verdict.UNKNOWN

# -- participants --------------------------------------------------------------------------


def make_participants(n: int, seed: int = 20240301) -> list[tuple[Participant, frozenset[str]]]:
    """``n`` participants with the module ids each is already enrolled in."""
    rng = random.Random(seed)
    people = []
    for i in range(n):
        restrictions = [
            HealthRestriction(
                rng.choice(list(RestrictionCategory)),
                rng.choice([None, Severity.MILD, Severity.MODERATE, Severity.SERIOUS]),
            )
            for _ in range(rng.choice((0, 0, 1, 1, 2)))
        ]
        consents = []
        if rng.random() < 0.9:
            given = AS_OF - timedelta(days=rng.randrange(1, 700))
            withdrawn = (
                given + timedelta(days=rng.randrange(1, 900)) if rng.random() < 0.1 else None
            )
            consents.append(
                Consent(ConsentPurpose.PROGRAMME_PARTICIPATION, given, withdrawn_on=withdrawn)
            )
        if rng.random() < 0.5:
            consents.append(Consent(ConsentPurpose.HEALTH_DATA_PROCESSING, AS_OF - timedelta(30)))
        since = AS_OF - timedelta(days=rng.randrange(0, 2500)) if rng.random() < 0.85 else None
        person = Participant(
            pseudonym=f"p-{i:07d}",
            site_id="gelsenkirchen",
            birth_year=rng.randrange(1958, 2007),
            benefit=rng.choice(list(BenefitType)),
            unemployed_since=since,
            district_key=rng.choice(DISTRICTS) if rng.random() < 0.95 else None,
            restrictions=restrictions,
            consents=consents,
        )
        enrolled = frozenset(f"m{rng.randrange(30):02d}" for _ in range(rng.choice((0, 1, 2))))
        people.append((person, enrolled))
    return people


# -- the catalogue: 30 modules, five criteria each -----------------------------------------

AGE_RANGES = ((None, 24), (25, 49), (50, None), (18, 64), (25, None), (35, 64))


def make_catalogue() -> list[tuple[Module, Rule]]:
    """30 modules; each rule tree has five leaf criteria."""
    catalogue = []
    fields = list(FieldOfAction)
    for i in range(30):
        module = Module(
            f"m{i:02d}", f"Modul {i}", fields[i % len(fields)], ModuleFormat.COURSE_SERIES
        )
        low, high = AGE_RANGES[i % len(AGE_RANGES)]
        consent = HasConsent(ConsentPurpose.PROGRAMME_PARTICIPATION)
        enrolled = NotEnrolledInModule()
        shape = i % 5
        if shape == 0:
            rule = all_of(consent, enrolled, BenefitIn(SGB2), LongTermUnemployed(), ResidesInArea())
        elif shape == 1:
            rule = all_of(
                consent, enrolled, AgeBetween(low, high), HasRestriction(MSK), ResidesInArea()
            )
        elif shape == 2:
            rule = all_of(
                consent,
                enrolled,
                BenefitIn(SGB3),
                any_of(
                    LongTermUnemployed(180, id="unemployed_180"),
                    HasRestriction(MENTAL, Severity.MODERATE),
                ),
            )
        elif shape == 3:
            rule = all_of(
                consent, enrolled, AgeBetween(low, high), LongTermUnemployed(), BenefitIn(SGB2)
            )
        else:
            rule = all_of(
                consent,
                enrolled,
                ResidesInArea(),
                not_(BenefitIn({BenefitType.NONE}, id="no_benefit")),
                HasRestriction(),
            )
        catalogue.append((module, rule))
    return catalogue


# -- the hand-written reference ------------------------------------------------------------


def _and(*vs: Verdict) -> Verdict:
    return NOT_MET if NOT_MET in vs else UNKNOWN if UNKNOWN in vs else MET


def reference_verdicts(
    people: list[tuple[Participant, frozenset[str]]], catalogue: list[tuple[Module, Rule]]
) -> list[Verdict]:
    """Plain if/else, no explanation: the verdict per (person, module)."""
    out = []
    append = out.append
    area = SITE.district_keys
    purpose = ConsentPurpose.PROGRAMME_PARTICIPATION
    for person, enrolled in people:
        consent = MET if person.has_consent(purpose, AS_OF) else NOT_MET
        days = person.unemployment_days(AS_OF)
        ltu = UNKNOWN if days is None else MET if days >= 365 else NOT_MET
        ltu180 = UNKNOWN if days is None else MET if days >= 180 else NOT_MET
        district = person.district_key
        resides = UNKNOWN if district is None else MET if district in area else NOT_MET
        benefit = person.benefit
        sgb2 = MET if benefit in SGB2 else NOT_MET
        sgb3 = MET if benefit in SGB3 else NOT_MET
        some_benefit = NOT_MET if benefit is BenefitType.NONE else MET
        cats = [r.category for r in person.restrictions]
        msk = MET if any(c in MSK for c in cats) else NOT_MET
        any_restriction = MET if cats else NOT_MET
        mental = NOT_MET
        for r in person.restrictions:
            if r.category in MENTAL:
                if r.severity is None:
                    mental = UNKNOWN if mental is NOT_MET else mental
                elif RANK[r.severity] >= 2:
                    mental = MET
                    break
        lo, hi = person.age_bounds(AS_OF)
        for i, (module, _) in enumerate(make_catalogue_cache()):
            not_enrolled = NOT_MET if module.id in enrolled else MET
            low, high = AGE_RANGES[i % len(AGE_RANGES)]
            shape = i % 5
            if shape in (1, 3):
                if (low is None or lo >= low) and (high is None or hi <= high):
                    age = MET
                elif (low is not None and hi < low) or (high is not None and lo > high):
                    age = NOT_MET
                else:
                    age = UNKNOWN
            if shape == 0:
                append(_and(consent, not_enrolled, sgb2, ltu, resides))
            elif shape == 1:
                append(_and(consent, not_enrolled, age, msk, resides))
            elif shape == 2:
                either = (
                    MET
                    if MET in (ltu180, mental)
                    else (UNKNOWN if UNKNOWN in (ltu180, mental) else NOT_MET)
                )
                append(_and(consent, not_enrolled, sgb3, either))
            elif shape == 3:
                append(_and(consent, not_enrolled, age, ltu, sgb2))
            else:
                append(_and(consent, not_enrolled, resides, some_benefit, any_restriction))
    return out


_CATALOGUE: list[tuple[Module, Rule]] = []


def make_catalogue_cache() -> list[tuple[Module, Rule]]:
    if not _CATALOGUE:
        _CATALOGUE.extend(make_catalogue())
    return _CATALOGUE


# -- the engine ----------------------------------------------------------------------------


def engine_decisions(
    people: list[tuple[Participant, frozenset[str]]],
    catalogue: list[tuple[Module, Rule]],
    keep: bool = False,
) -> list[Decision]:
    """Every (person, module) decision; returns them only with ``keep`` (else the last)."""
    out: list[Decision] = []
    base = EligibilityContext(AS_OF, site=SITE)
    decision = None
    for person, enrolled in people:
        context = EligibilityContext(AS_OF, site=SITE, enrolled_module_ids=enrolled)
        for module, rule in catalogue:
            decision = evaluate(rule, person, context.for_module(module))
            if keep:
                out.append(decision)
    if not keep and decision is not None:
        out.append(decision)
    del base
    return out


def engine_verdicts(
    people: list[tuple[Participant, frozenset[str]]], catalogue: list[tuple[Module, Rule]]
) -> list[Verdict]:
    out = []
    for person, enrolled in people:
        context = EligibilityContext(AS_OF, site=SITE, enrolled_module_ids=enrolled)
        for module, rule in catalogue:
            out.append(evaluate(rule, person, context.for_module(module)).verdict)
    return out


def best_time(fn: Callable[[], object], repeat: int) -> float:
    """Best CPU time of ``repeat`` runs (process time: other programs on a shared machine
    do not count; with nothing else running it equals the wall-clock time)."""
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        fn()
        best = min(best, time.process_time() - start)
    return best


def peak_memory(fn: Callable[[], object]) -> int:
    gc.collect()
    tracemalloc.start()
    fn()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000, help="participants")
    parser.add_argument("--quick", action="store_true", help="2,000 participants, one repeat")
    parser.add_argument("--repeat", type=int, default=3, help="best of this many runs")
    args = parser.parse_args(argv)
    n = 2_000 if args.quick else args.n
    repeat = 1 if args.quick else args.repeat

    catalogue = make_catalogue_cache()
    leaves = {len(list(_leaves(rule))) for _, rule in catalogue}
    print(
        f"python {platform.python_version()} on {platform.machine()}, one core; CPU time, best of {repeat}"
    )
    print(f"generating {n:,} participants (seeded random) ...", flush=True)
    people = make_participants(n)
    decisions = n * len(catalogue)
    print(
        f"{len(catalogue)} modules, criteria per module: {sorted(leaves)}; {decisions:,} decisions"
    )

    # Correctness first: the engine and the reference agree on every verdict.
    check = people[: min(n, 5_000)]
    assert engine_verdicts(check, catalogue) == reference_verdicts(check, catalogue), "mismatch"
    counts = dict.fromkeys(Verdict, 0)
    for verdict in engine_verdicts(check, catalogue):
        counts[verdict] += 1
    share = ", ".join(f"{v.value} {c / sum(counts.values()):.0%}" for v, c in counts.items())
    print(
        f"verdicts agree with the reference on {len(check) * len(catalogue):,} decisions ({share})"
    )

    engine_s = best_time(lambda: engine_decisions(people, catalogue), repeat)
    reference_s = best_time(lambda: reference_verdicts(people, catalogue), repeat)

    # Rendering every German explanation, on a subset (texts are built on request only).
    subset = people[: max(1, n // 20)]
    kept = engine_decisions(subset, catalogue, keep=True)
    render_s = best_time(lambda: [d.explain() for d in kept], repeat)
    render_rate = len(kept) / render_s

    # Memory, with tracemalloc in separate passes (tracing would distort the times): the
    # timed loop streams decisions (each dropped after use); a caller may also keep them all.
    mem_stream = peak_memory(lambda: engine_decisions(subset, catalogue))
    mem_keep = peak_memory(lambda: engine_decisions(subset, catalogue, keep=True))
    mem_ref = peak_memory(lambda: reference_verdicts(subset, catalogue))

    engine_rate = decisions / engine_s
    reference_rate = decisions / reference_s
    sub = format(len(kept), ",")
    print()
    print(f"{'':48} {'engine':>14} {'plain if/else':>14}")
    print(
        f"{'CPU time for ' + format(decisions, ',') + ' decisions (s)':48}"
        f" {engine_s:>14.2f} {reference_s:>14.2f}"
    )
    print(f"{'decisions per second':48} {engine_rate:>14,.0f} {reference_rate:>14,.0f}")
    print(f"{'per-criterion results (explanations)':48} {'yes':>14} {'no':>14}")
    print(
        f"{'peak memory, ' + sub + ' decisions streamed':48}"
        f" {mem_stream / 2**10:>11,.0f} kB {'':>14}"
    )
    print(
        f"{'peak memory, ' + sub + ' decisions kept':48} {mem_keep / 2**20:>11.1f} MB"
        f" {mem_ref / 2**20:>11.1f} MB  (engine {mem_keep / len(kept):.0f} B per decision;"
        " reference: verdicts only)"
    )
    max_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**10
    print(f"{'process peak RSS (incl. participants)':48} {max_rss:>11.0f} MB")
    print(f"engine / reference time ratio: {engine_s / reference_s:.2f}x")
    print(
        f"rendering the German explanation of every decision: {render_rate:,.0f} decisions/s "
        f"(measured on {len(kept):,}); decide + render: "
        f"{1 / (1 / engine_rate + 1 / render_rate):,.0f} decisions/s"
    )
    goal = 100_000
    print(
        f"goal >= {goal:,} decisions/s with per-criterion results: "
        f"{'met' if engine_rate >= goal else 'NOT met'}"
    )
    sys.stdout.flush()


def _leaves(rule: Rule) -> list[Rule]:
    if not rule.children:
        return [rule]
    return [leaf for child in rule.children for leaf in _leaves(child)]


if __name__ == "__main__":
    main()
