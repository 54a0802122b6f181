"""Import an attendance workbook of 1,500 people × 40 sessions: the whole import next to the
reader alone (the floor).

    python benchmarks/bench_import.py            # 1,500 people, 40 session columns
    python benchmarks/bench_import.py --quick    # 150 people (smoke test)

The workbooks are written once with openpyxl (``write_sample_workbook``): a participant list
(1,500 rows) and an attendance workbook with 50 course sheets of 30 people × 40 session-date
columns (60,000 marks). Measured in one run, best of ``--repeat``, wall clock:

* floor: python-calamine reading every sheet of both workbooks into Python values;
* import: ``read_files`` (read, find headers, check every cell, pseudonymise, build and
  validate the records) and ``import_into_store`` into a new SQLite store (one transaction);
  when the store is not installed, up to the Dataset only.

Peak memory is measured with tracemalloc in a separate pass.
"""

from __future__ import annotations

import argparse
import platform
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from datetime import date, timedelta
from importlib.metadata import version
from pathlib import Path

import python_calamine

from arbeit_gesundheit import (
    Attendance,
    AttendanceStatus,
    BenefitType,
    Consent,
    ConsentPurpose,
    Dataset,
    Enrolment,
    EnrolmentStatus,
    Offering,
    Participant,
    Session,
)
from arbeit_gesundheit.importers import (
    enrolment_id,
    import_into_store,
    make_pseudonymizer,
    read_files,
    standard_layout,
    write_sample_workbook,
)
from arbeit_gesundheit.plugins import get_registry

SESSIONS = 40
PER_COURSE = 30


def make_dataset(people: int) -> Dataset:
    site = get_registry().site("gelsenkirchen")
    module = site.module("ge-bew-walking")
    start = date(2024, 1, 8)
    days = [start + timedelta(days=3 * n) for n in range(SESSIONS)]
    marks = (AttendanceStatus.PRESENT,) * 7 + (AttendanceStatus.EXCUSED, AttendanceStatus.ABSENT)
    parts, offs, sess, enrols, atts = [], [], [], [], []
    for c in range(max(people // PER_COURSE, 1)):
        oid = f"gelsenkirchen-bench-{c:03d}"
        offs.append(
            Offering(oid, module.id, days[0], days[-1], PER_COURSE, provider_id=module.provider_id)
        )
        sess.extend(Session(oid, n, d) for n, d in enumerate(days, 1))
        for i in range(PER_COURSE):
            p = f"bench-{c:03d}-{i:03d}"
            consent = Consent(ConsentPurpose.PROGRAMME_PARTICIPATION, date(2024, 1, 2))
            parts.append(
                Participant(
                    p, "gelsenkirchen", 1960 + i % 40, BenefitType.SGB_II, consents=[consent]
                )
            )
            e = Enrolment.create(
                enrolment_id(oid, p), p, oid, date(2024, 1, 3), EnrolmentStatus.REGISTERED
            )
            enrols.append(e.transition(EnrolmentStatus.ACTIVE, days[0]))
            atts.extend(
                Attendance(e.id, n, marks[(n + i) % len(marks)]) for n in range(1, SESSIONS + 1)
            )
    return Dataset(
        modules=[module],
        offerings=offs,
        sessions=sess,
        participants=parts,
        enrolments=enrols,
        attendances=atts,
    )


def best(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def peak(fn: Callable[[], object]) -> float:
    tracemalloc.start()
    fn()
    _, top = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return top / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--people", type=int, default=1500)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    people = 150 if args.quick else args.people
    site = get_registry().site("gelsenkirchen")
    layout = standard_layout()
    data = make_dataset(people)
    work = Path(tempfile.mkdtemp(prefix="bench-import-"))
    files = [
        write_sample_workbook(
            data, layout, "participants", work / "Teilnehmende.xlsx", site_id=site.id
        ),
        write_sample_workbook(
            data, layout, "attendance", work / "Anwesenheit.xlsx", site_id=site.id
        ),
    ]
    pseudonymizer = make_pseudonymizer(b"benchmark-key-0123456789", site.id)
    try:
        from arbeit_gesundheit.store import open_store  # noqa: PLC0415 - optional extra
    except ImportError:
        open_store = None  # type: ignore[assignment]
    counter = iter(range(10**6))

    def floor() -> None:
        for path in files:
            book = python_calamine.CalamineWorkbook.from_path(str(path))
            for name in book.sheet_names:
                book.get_sheet_by_name(name).to_python()

    def full() -> None:
        result = read_files(
            files, layout, site_id=site.id, modules=site.modules, pseudonymizer=pseudonymizer
        )
        assert result.ok, result.problems[:3]
        assert len(result.dataset.attendances) == len(data.attendances)
        if open_store is not None:
            store = open_store(work / f"store-{next(counter)}.sqlite", create=True)
            try:
                import_into_store(result, store, actor="bench")
            finally:
                store.close()

    def dataset_only() -> None:
        read_files(
            files, layout, site_id=site.id, modules=site.modules, pseudonymizer=pseudonymizer
        )

    floor_s, data_s, full_s = (
        best(floor, args.repeat),
        best(dataset_only, args.repeat),
        best(full, args.repeat),
    )
    floor_mb, data_mb, full_mb = peak(floor), peak(dataset_only), peak(full)
    marks = len(data.attendances)
    print(
        f"Python {platform.python_version()} {platform.machine()}, python-calamine {version('python-calamine')}"
    )
    print(f"{people} people x {SESSIONS} session columns = {marks} marks, {len(files)} workbooks")
    print(f"{'':37} {'time':>8} {'peak MiB':>9}")
    print(f"{'reader alone (calamine, floor)':37} {floor_s:8.3f} {floor_mb:9.1f}")
    print(f"{'read + check + pseudonymise (Dataset)':37} {data_s:8.3f} {data_mb:9.1f}")
    target = "SQLite" if open_store is not None else "Dataset (no store installed)"
    print(f"{'import to ' + target:37} {full_s:8.3f} {full_mb:9.1f}")
    print(
        f"ratio import/floor: {full_s / floor_s:.1f}x; target < 2 s: {'met' if full_s < 2 else 'NOT met'}"
    )
    sys.exit(0)


if __name__ == "__main__":
    main()
