"""A withdrawal takes the person's health values out of the next figures, not out of the past.

The report written before the withdrawal stays as it was (and the store, asked as of a day
before the withdrawal, gives it again byte for byte); the figures made afterwards leave out
the person's restrictions and WHO-5 measurements but keep the place they took.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from click.testing import CliRunner
from conftest import FakeClock

from arbeit_gesundheit import ConsentPurpose, metrics
from arbeit_gesundheit.cli import cli
from arbeit_gesundheit.plugins import get_registry
from arbeit_gesundheit.store import open_store
from arbeit_gesundheit.synthetic import generate_cohort

SITE = "gelsenkirchen"
YEAR = 2024


def _report(out: Path, store: str, *extra: str) -> bytes:
    args = ["report", SITE, "--year", str(YEAR), "--format", "csv", "-o", str(out),
            "--store", store, *extra]  # fmt: skip
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return out.read_bytes()


def test_a_withdrawal_leaves_the_next_figures_and_keeps_last_years_report(
    tmp_path: Path, store_location: str
) -> None:
    bundle = get_registry().site(SITE)
    data = generate_cohort(
        participants=150, seed=5, year=YEAR, site=bundle.site, modules=bundle.modules
    )
    clock = FakeClock()
    clock.set("2025-01-10")
    with open_store(store_location, create=True, clock=clock) as store:
        store.import_dataset(data, actor="sb-1")
        before = metrics.aggregate(store.dataset(), year=YEAR, by=())
        days: dict[str, set[date]] = {}
        for a in data.assessments:
            if a.instrument == "who5":
                days.setdefault(a.participant, set()).add(a.on)
        pairs = {pseudonym for pseudonym, on in days.items() if len(on) > 1}
        person = next(
            p
            for p in store.dataset().participants
            if p.restrictions
            and p.pseudonym in pairs
            and all(c.withdrawn_on is None and c.expires_on is None for c in p.consents)
        )
    published = tmp_path / "jahresbericht-2024.csv"
    first = _report(published, store_location)

    clock.set("2025-03-03")
    with open_store(store_location, clock=clock) as store:
        store.withdraw_consent(
            person.pseudonym, ConsentPurpose.HEALTH_DATA_PROCESSING, date(2025, 3, 3),
            actor="sb-2",
        )  # fmt: skip
        after = metrics.aggregate(store.dataset(), year=YEAR, by=())
        again = metrics.aggregate(store.dataset(known_on=date(2025, 3, 2)), year=YEAR, by=())

    b, a = before.cell(YEAR, (), ()), after.cell(YEAR, (), ())
    assert a.persons == b.persons  # the place stays: participation consent holds
    assert a.persons_health_consent == b.persons_health_consent - 1
    assert a.persons_restricted == b.persons_restricted - 1
    assert a.wellbeing_pairs == b.wellbeing_pairs - 1
    assert again == before

    # Last year's published report is untouched, and the store still gives it as of then.
    assert published.read_bytes() == first
    as_of_then = _report(tmp_path / "nachgebaut.csv", store_location, "--known-on", "2025-03-02")
    assert as_of_then == first
    now = _report(tmp_path / "neu.csv", store_location)
    assert now != first
