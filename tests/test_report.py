"""The annual report model: protected tables, rates from shown counts, linked totals."""

from __future__ import annotations

from fractions import Fraction

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from arbeit_gesundheit import InvalidFieldError, Site
from arbeit_gesundheit.disclosure import SUPPRESSED, RoundingPolicy, SuppressionPolicy
from arbeit_gesundheit.metrics import aggregate
from arbeit_gesundheit.report import (
    AnnualReport,
    Column,
    ReportTable,
    Row,
    annual_report,
    build_report,
    report_breakdowns,
)
from arbeit_gesundheit.report._protection import _Block, _protect_blocks
from arbeit_gesundheit.synthetic import default_modules, generate_cohort

YEAR = 2024
MODULES = default_modules(YEAR)


def cohort(seed: int, size: int) -> tuple[Site, object]:
    data = generate_cohort(seed=seed, participants=size, modules=MODULES, year=YEAR)
    return data.sites[0], data


@pytest.fixture(scope="module")
def small() -> tuple[Site, object]:
    return cohort(7, 60)


def count_cells(report: AnnualReport) -> list[object]:
    found = []
    for table in report.tables():
        for row in table.figure_rows():
            found += [v for v, c in zip(row.cells, table.columns, strict=True) if c.kind == "count"]
    return found


def test_report_has_the_tables_and_charts(small: tuple[Site, object]) -> None:
    site, data = small
    report = annual_report(data, site=site, year=YEAR)  # type: ignore[arg-type]
    ids = [t.id for t in report.tables()]
    assert ids == [
        "overview",
        "reach",
        "participation",
        "dropout_reasons",
        "attendance",
        "wellbeing",
        "integration",
        "events",
    ]
    assert report.title.startswith(f"Jahresbericht {YEAR}")
    reach = report.table("reach")
    blocks = [r.label for r in reach.rows if r.kind == "heading"]
    assert blocks == [
        "nach Handlungsfeld",
        "nach Modul",
        "nach Anbieter",
        "nach Geschlecht",
        "nach Altersgruppe",
        "nach Rechtskreis",
    ]
    assert {c.id for c in report.charts()} >= {"reach_chart", "dropout_reasons_chart"}


def test_english_headings(small: tuple[Site, object]) -> None:
    site, data = small
    report = annual_report(data, site=site, year=YEAR, lang="en")  # type: ignore[arg-type]
    assert report.title.startswith(f"Annual report {YEAR}")
    assert report.table("reach").rows[0].label == "Total"
    assert "by gender" in [r.label for r in report.table("reach").rows]


@settings(max_examples=8)
@given(seed=st.integers(0, 10_000), size=st.integers(5, 60), min_count=st.integers(2, 8))
def test_no_small_count_and_rates_from_shown_counts(seed: int, size: int, min_count: int) -> None:
    site, data = cohort(seed, size)
    figures = aggregate(data, year=YEAR, by=report_breakdowns())  # type: ignore[arg-type]
    report = build_report(figures, site=site, year=YEAR, min_count=min_count)
    for value in count_cells(report):
        assert value in (SUPPRESSED, None) or value == 0 or value >= min_count
    total = figures.cell(YEAR, ("site",), (site.id,))
    # Shown totals are the true figures.
    reach = report.table("reach").rows[0].cells
    if reach[0] != SUPPRESSED:
        assert reach[0] == total.persons
    part = report.table("participation")
    for row in part.figure_rows():
        _places, ended, completed, dropped, no_show, c_rate, d_rate, n_rate = row.cells
        for rate, numerator in ((c_rate, completed), (d_rate, dropped), (n_rate, no_show)):
            if SUPPRESSED in (numerator, ended):
                assert rate == SUPPRESSED
            elif ended == 0:
                assert rate is None
            else:
                assert rate == Fraction(100 * numerator, ended)  # type: ignore[operator]
    first = part.rows[0].cells
    if first[2] != SUPPRESSED:
        assert first[2] == total.enrolments.get("completed", 0)


def test_means_need_enough_people() -> None:
    site, data = cohort(3, 12)
    report = annual_report(data, site=site, year=YEAR, min_count=50)  # type: ignore[arg-type]
    for row in report.table("wellbeing").figure_rows():
        assert row.cells[1] in (SUPPRESSED, None)
    for row in report.table("attendance").figure_rows():
        assert row.cells[1] in (SUPPRESSED, None)


def test_rounding_policy(small: tuple[Site, object]) -> None:
    site, data = small
    report = annual_report(data, site=site, year=YEAR, policy=RoundingPolicy(5))  # type: ignore[arg-type]
    values = [v for v in count_cells(report) if v is not None]
    assert values
    assert all(isinstance(v, int) and v % 5 == 0 for v in values)
    assert report.method == "rounding to 5"


blocks_strategy = st.lists(
    st.tuples(
        st.booleans(),
        st.lists(st.lists(st.integers(0, 12), min_size=3, max_size=3), min_size=1, max_size=5),
    ),
    min_size=1,
    max_size=3,
)


@settings(max_examples=40)
@given(blocks=blocks_strategy, threshold=st.integers(2, 5))
def test_linked_blocks_hide_consistently(
    blocks: list[tuple[bool, list[list[int]]]], threshold: int
) -> None:
    # Additive blocks partition the total, so the total row is the blocks' column sums;
    # build the first additive block's sums as the total.
    additive = [counts for flag, counts in blocks if flag]
    total = tuple(sum(col) for col in zip(*additive[0], strict=True)) if additive else (5, 5, 5)
    parts = [
        _Block(f"d{i}", tuple(f"g{j}" for j in range(len(counts))), tuple(map(tuple, counts)), flag)
        for i, (flag, counts) in enumerate(blocks)
        if not flag or counts is additive[0]
    ]
    policy = SuppressionPolicy(threshold=threshold)
    (total_cells, total_sum), protected, _ = _protect_blocks(policy, total, parts)
    shown_total = (*total_cells, total_sum)
    for value in shown_total:
        assert value == SUPPRESSED or value == 0 or value >= threshold
    for block, original in zip(protected, parts, strict=True):
        for row, counts in zip(block.cells, original.counts, strict=True):
            for shown, true in zip(row, counts, strict=True):
                assert shown in (SUPPRESSED, true)
                assert shown == SUPPRESSED or true == 0 or true >= threshold
        if not original.additive:
            continue
        # With the total row: no row or column has exactly one hidden entry.
        grid = [(*row, rt) for row, rt in zip(block.cells, block.row_totals, strict=True)]
        grid.append(shown_total)
        for line in grid:
            assert sum(v == SUPPRESSED for v in line) != 1
        for column in zip(*grid, strict=True):
            assert sum(v == SUPPRESSED for v in column) != 1


def test_document_is_json(small: tuple[Site, object]) -> None:
    site, data = small
    report = annual_report(data, site=site, year=YEAR)  # type: ignore[arg-type]
    document = orjson.loads(orjson.dumps(report.to_document()))
    assert document["year"] == YEAR
    tables = [t for s in document["sections"] for t in s["tables"]]
    assert [t["id"] for t in tables] == [t.id for t in report.tables()]


def test_unknown_site_gives_zero_rows(small: tuple[Site, object]) -> None:
    _site, data = small
    report = annual_report(data, site="nowhere", year=YEAR)  # type: ignore[arg-type]
    assert report.table("reach").rows[0].cells[0] == 0
    assert all(r.kind != "heading" for r in report.table("reach").rows)


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"year": 1800}, "year"),
        ({"lang": "fr"}, "lang"),
        ({"min_count": 0}, "min_count"),
        ({"dimensions": ("shoe_size",)}, "dimensions"),
        ({"site": 5}, "site"),
    ],
)
def test_bad_arguments(small: tuple[Site, object], kwargs: dict[str, object], field: str) -> None:
    site, data = small
    args: dict[str, object] = {"site": site, "year": YEAR, **kwargs}
    with pytest.raises(InvalidFieldError) as info:
        annual_report(data, **args)  # type: ignore[arg-type]
    assert info.value.field == field


def test_table_checks_its_cells() -> None:
    with pytest.raises(InvalidFieldError):
        ReportTable("t", "T", "x", [Column("n", "count")], [Row("a", [-1])], sheet="T")
    with pytest.raises(InvalidFieldError):
        ReportTable("t", "T", "x", [Column("n", "count")], [Row("a", [1, 2])], sheet="T")
    with pytest.raises(InvalidFieldError):
        ReportTable("t", "T", "x", [Column("n", "count")], [], sheet="a/b")
    with pytest.raises(InvalidFieldError):
        annual_report(object(), site="x", year=YEAR)  # type: ignore[arg-type]
