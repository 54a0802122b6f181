"""Gelsenkirchen keeps its records in a site store: two years, a withdrawal, erasure, report.

A jobcenter cannot run its programme on one generated document: staff enrol people week after
week, consents are withdrawn, and reports cover many years. This script keeps Gelsenkirchen's
records in a store (a SQLite file; a PostgreSQL URL works the same) and tells one programme
year after the other:

1. create the store and import the 2023 demo year, as staff would have by 20 December 2023;
2. import the 2024 demo year on 20 December 2024 (the demo generator reuses identifiers, so
   many records become new versions: the store keeps the old ones as history);
3. one participant withdraws consent to health-data processing on 10 January 2025, and
   ``erase_due`` erases the health data that are due (that person's, and those of people in
   the demo data who had withdrawn already);
4. write the 2024 annual report (HTML) from the store.

After step 2 the script checks that the 2023 report as known on 31 December 2023 is the same
as before the 2024 import. Erasure (step 3) is for good: it removes the values from past
versions too, so past reports lose the erased health data as well.

**All data are synthetic.** Run with ``python examples/site_store.py`` (a temporary folder)
or ``python examples/site_store.py --output-dir /tmp/ge-store``.
"""

from __future__ import annotations

import argparse
import tempfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from arbeit_gesundheit import ConsentPurpose
from arbeit_gesundheit.exporters import ExportOptions
from arbeit_gesundheit.files import write_atomic
from arbeit_gesundheit.plugins.registry import SiteBundle, get_registry
from arbeit_gesundheit.report import AnnualReport, annual_report
from arbeit_gesundheit.store import Store, open_store
from arbeit_gesundheit.synthetic import generate_cohort

__all__ = ["SIZE", "StoreClock", "build_store", "main", "report_of"]

#: People per demo year (the site's typical cohort is about 1,500; smaller keeps it quick).
SIZE = 500
ACTOR = "sb-ge-0042"


class StoreClock:
    """The store's clock for the story: set to a day, it moves a second per write."""

    def __init__(self) -> None:
        self.now = datetime(2023, 12, 20, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=1)
        return self.now

    def set(self, day: date) -> None:
        self.now = datetime(day.year, day.month, day.day, 9, 0, tzinfo=UTC)


def report_of(store: Store, bundle: SiteBundle, year: int, known_on: date) -> AnnualReport:
    """The annual report of ``year`` from the store, as known at the end of ``known_on``."""
    return annual_report(
        store.dataset(known_on=known_on), site=bundle.site, year=year,
        modules=bundle.modules, partners=bundle.partners,
    )  # fmt: skip


def build_store(path: Path, bundle: SiteBundle, clock: StoreClock, size: int = SIZE) -> Store:
    """Steps 1 and 2: a store with the 2023 and 2024 demo years; the 2023 report as known on
    31 December 2023 is the same before and after the 2024 import."""
    store = open_store(path, create=True, clock=clock)
    reports = []
    for year in (2023, 2024):
        clock.set(date(year, 12, 20))
        cohort = generate_cohort(
            seed=year, participants=size, site=bundle.site, modules=bundle.modules, year=year
        )
        summary = store.import_dataset(cohort, actor=ACTOR)
        print(f"Import {year}: {summary.new} neu, {summary.changed} geändert, "
              f"{summary.unchanged} unverändert")  # fmt: skip
        reports.append(report_of(store, bundle, 2023, date(2023, 12, 31)))
    assert reports[0] == reports[1]
    print("Jahresbericht 2023 (Stand 31.12.2023) nach dem Import 2024 unverändert.")
    return store


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output-dir", type=Path, default=None)
    parser.add_argument("--size", type=int, default=SIZE)
    args, _unknown = parser.parse_known_args(argv)  # runpy-run in tests passes foreign argv
    directory = args.output_dir or Path(tempfile.mkdtemp(prefix="ag-store-"))
    directory.mkdir(parents=True, exist_ok=True)
    bundle = get_registry().site("gelsenkirchen")
    clock = StoreClock()
    target = directory / "gelsenkirchen.sqlite"
    for leftover in directory.glob("gelsenkirchen.sqlite*"):
        leftover.unlink()
    store = build_store(target, bundle, clock, args.size)

    withdrawal = date(2025, 1, 10)
    clock.set(withdrawal)
    person = next(
        p for p in store.dataset().participants
        if p.has_consent(ConsentPurpose.HEALTH_DATA_PROCESSING, withdrawal) and p.restrictions
    )  # fmt: skip
    store.withdraw_consent(person.pseudonym, ConsentPurpose.HEALTH_DATA_PROCESSING, withdrawal,
                           actor=ACTOR)  # fmt: skip
    erased = store.erase_due(on=withdrawal, actor=ACTOR)
    store.compact()
    print(f"Widerruf von {person.pseudonym} am {withdrawal:%d.%m.%Y}; Gesundheitsdaten gelöscht "
          f"für {len(erased)} Personen")  # fmt: skip

    report = report_of(store, bundle, 2024, withdrawal)
    html = get_registry().exporter("html").export(report, ExportOptions())
    written = write_atomic(
        directory / "jahresbericht-gelsenkirchen-2024.html", html, overwrite=True
    )
    print(f"Jahresbericht 2024 aus dem Speicher: {written}")
    # Erasure is for good: it also removes the erased health values from past versions.
    tombstones = store.audit(operation="erase_health")
    print(f"Protokoll: {store.audit_count()} Einträge, davon {len(tombstones)} Löschvermerke")
    store.close()


if __name__ == "__main__":
    main()
