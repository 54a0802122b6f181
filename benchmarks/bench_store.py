"""Site store benchmark: imports into SQLite, single attendances, and a national-size file
imported and aggregated from the store against DuckDB reading the same JSON Lines file.

``python benchmarks/bench_store.py`` (``--quick`` for small sizes, ``--national N`` for the
size of the side-by-side run). Each measurement runs in a fresh process; times are wall
clock (``perf_counter``) and CPU time (``process_time``), peak memory is the process's
maximum resident set.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from bench_metrics import BREAKDOWNS, COUNTS, RATES, _num, compare, run_duckdb


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_year(directory: str, participants: int) -> dict[str, Any]:
    from arbeit_gesundheit.plugins.registry import get_registry  # noqa: PLC0415
    from arbeit_gesundheit.store import open_store  # noqa: PLC0415
    from arbeit_gesundheit.synthetic import generate_cohort  # noqa: PLC0415

    bundle = get_registry().site("gelsenkirchen")
    cohort = generate_cohort(seed=2024, participants=participants, site=bundle.site,
                             modules=bundle.modules, year=2024)  # fmt: skip
    path = Path(directory) / "year.sqlite"
    store = open_store(path, create=True)
    wall, cpu = time.perf_counter(), time.process_time()
    summary = store.import_dataset(cohort, actor="sb-bench")
    result = {
        "seconds": time.perf_counter() - wall,
        "cpu": time.process_time() - cpu,
        "records": summary.new,
        "participants": len(cohort.participants),
        "enrolments": len(cohort.enrolments),
        "attendances": len(cohort.attendances),
    }
    wall, cpu = time.perf_counter(), time.process_time()
    again = store.import_dataset(cohort, actor="sb-bench")
    result.update(reimport_seconds=time.perf_counter() - wall, reimport_unchanged=again.unchanged)
    store.close()
    return result


def run_attendance(directory: str, count: int) -> dict[str, Any]:
    from arbeit_gesundheit import AttendanceStatus, Enrolment, EnrolmentStatus  # noqa: PLC0415
    from arbeit_gesundheit.store import open_store  # noqa: PLC0415

    store = open_store(Path(directory) / "attendance.sqlite", create=True)
    enrolments = [
        Enrolment.create(
            f"e{n}",
            f"TN-{n:06d}",
            "kurs-1",
            __import__("datetime").date(2025, 1, 6),
            EnrolmentStatus.REGISTERED,
        )
        for n in range(1, count // 10 + 2)
    ]
    store.add(*enrolments, actor="sb-bench")
    wall, cpu = time.perf_counter(), time.process_time()
    for n in range(count):
        store.record_attendance(f"e{n // 10 + 1}", n % 10 + 1, AttendanceStatus.PRESENT,
                                actor="sb-bench")  # fmt: skip
    seconds = time.perf_counter() - wall
    store.close()
    return {"seconds": seconds, "cpu": time.process_time() - cpu, "count": count,
            "per_second": count / seconds}  # fmt: skip


def run_store(path: str, directory: str) -> dict[str, Any]:
    from arbeit_gesundheit.metrics import aggregate  # noqa: PLC0415
    from arbeit_gesundheit.store import open_store  # noqa: PLC0415

    wall = time.perf_counter()
    store = open_store(Path(directory) / "national.sqlite", create=True)
    summary = store.import_file(path, actor="sb-bench")
    imported = time.perf_counter() - wall
    result = aggregate(store.dataset(withhold_withdrawn=False), by=BREAKDOWNS)
    seconds = time.perf_counter() - wall
    store.close()
    figures = {}
    for (year, dims, values), cell in result.cells.items():
        key = f"{year}|{','.join(dims)}|{','.join(values)}"
        figures[key] = {m: _num(cell.value(m)) for m in (*COUNTS, *RATES)}
        for reason, _n in cell.dropout_reasons.items():
            figures[key][f"dropout_rate:{reason}"] = _num(cell.value(f"dropout_rate:{reason}"))
    return {"seconds": seconds, "import_seconds": imported, "records": summary.new,
            "figures": figures}  # fmt: skip


def _measure(kind: str, *args: str) -> dict[str, Any]:
    out = subprocess.run([sys.executable, __file__, "--measure", kind, *args],
                         check=True, capture_output=True, text=True)  # fmt: skip
    return dict(json.loads(out.stdout))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--national", type=int, default=None, help="people in the national file")
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    parser.add_argument("args", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        runs = {"year": run_year, "attendance": run_attendance, "store": run_store,
                "duckdb": run_duckdb}  # fmt: skip
        values: list[Any] = [int(a) if a.isdigit() else a for a in args.args]
        result = runs[args.measure](*values)
        result["peak_mb"] = _peak_mb()
        print(json.dumps(result))
        return
    size = 300 if args.quick else 1500
    attendances = 500 if args.quick else 5000
    national = args.national or (5_000 if args.quick else 50_000)
    with tempfile.TemporaryDirectory(prefix="ag-bench-store-") as directory:
        year = _measure("year", directory, str(size))
        print(f"== import of a Gelsenkirchen year: {year['participants']:,} people, "
              f"{year['enrolments']:,} enrolments, {year['attendances']:,} attendances "
              f"({year['records']:,} records)")  # fmt: skip
        print(f"   {year['seconds']:.2f} s wall, {year['cpu']:.2f} s CPU, peak "
              f"{year['peak_mb']:.0f} MB; the same again: {year['reimport_seconds']:.2f} s, "
              f"{year['reimport_unchanged']:,} unchanged")  # fmt: skip
        one = _measure("attendance", directory, str(attendances))
        print(f"== single attendances (one transaction with its audit row each): "
              f"{one['per_second']:,.0f}/s ({one['count']:,} in {one['seconds']:.2f} s, "
              f"{one['cpu']:.2f} s CPU)")  # fmt: skip
        from arbeit_gesundheit.synthetic import write_cohort_jsonl  # noqa: PLC0415

        path = Path(directory) / "national.jsonl"
        write_cohort_jsonl(path, seed=2024, participants=national, sites=max(1, national // 1500))
        lines = sum(1 for _ in open(path, "rb"))  # noqa: SIM115
        store = _measure("store", str(path), directory)
        duck = _measure("duckdb", str(path))
        print(f"== national-size file: {national:,} people, {lines:,} lines "
              f"({path.stat().st_size / 1e6:,.0f} MB)")  # fmt: skip
        print(f"   store : {store['seconds']:7.2f} s (import {store['import_seconds']:.2f} s) "
              f"peak {store['peak_mb']:6.0f} MB")  # fmt: skip
        print(f"   DuckDB: {duck['seconds']:7.2f} s peak {duck['peak_mb']:6.0f} MB")
        print(f"   ratio store/DuckDB: {store['seconds'] / duck['seconds']:.2f}x")
        problems = compare(store["figures"], duck["figures"])
        print(
            "   figures agree"
            if not problems
            else f"   {len(problems)} differences: {problems[:3]}"
        )
        print(f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")


if __name__ == "__main__":
    main()
