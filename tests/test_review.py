"""Annual review: targets against actual figures, direction, notes and next targets."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from arbeit_gesundheit import AnnualReview, NoteKind, ReviewNote, metrics
from arbeit_gesundheit.exceptions import MetricsError
from arbeit_gesundheit.report import evaluate_review, propose_next_target
from arbeit_gesundheit.synthetic import generate_cohort

DATASET = generate_cohort(seed=21, participants=150)
SITE = DATASET.sites[0].id
FIGURES = metrics.aggregate(DATASET)
YEAR = 2024
CELL = FIGURES.cell(YEAR, ("site",), (SITE,))


@settings(max_examples=30)
@given(
    st.sampled_from(
        ["reach", "completion_rate", "dropout_rate", "no_show_rate", "integration_12m"]
    ),
    st.floats(0, 2000, allow_nan=False),
)
def test_met_follows_the_metric_direction(metric_id, target):
    review = AnnualReview(site_id=SITE, year=YEAR, targets={metric_id: target})
    result = evaluate_review(review, FIGURES).result(metric_id)
    actual = CELL.value(metric_id)
    assert result.actual == actual
    if metrics.metric(metric_id).higher_is_better:
        assert result.met == (actual >= Fraction(target))
    else:
        assert result.met == (actual <= Fraction(target))


def test_dropout_rate_lower_is_better():
    actual = CELL.value("dropout_rate")
    above = AnnualReview(site_id=SITE, year=YEAR, targets={"dropout_rate": float(actual) + 5})
    below = AnnualReview(site_id=SITE, year=YEAR, targets={"dropout_rate": float(actual) - 5})
    assert evaluate_review(above, FIGURES).result("dropout_rate").met is True
    assert evaluate_review(below, FIGURES).result("dropout_rate").met is False


def test_notes_next_targets_and_labels():
    reach = CELL.value("reach")
    review = AnnualReview(
        site_id=SITE,
        year=YEAR,
        targets={"reach": reach - 10, "completion_rate": 99.0},
        notes=[ReviewNote(kind=NoteKind.DECISION, text="Mehr Kurse im Herbst.")],
        next_targets={"completion_rate": 80.0},
    )
    report = evaluate_review(review, FIGURES)
    assert [r.metric_id for r in report.met] == ["reach"]
    assert [r.metric_id for r in report.missed] == ["completion_rate"]
    kinds = [n.kind for n in report.notes]
    assert kinds == [NoteKind.DECISION, NoteKind.SUCCESS, NoteKind.NEED]
    assert report.notes[1].text.startswith("Erfolg: Erreichte Teilnehmende")
    assert report.next_targets == {"reach": reach, "completion_rate": 80.0}
    assert "Ziel verfehlt" in report.result("completion_rate").explain()
    assert "target missed" in report.result("completion_rate").explain("en")
    assert report.lines()[0] == f"Bilanz {YEAR} – {SITE}"


def test_no_data_is_neither_met_nor_missed():
    figures = metrics.MetricsAggregate({(YEAR, ("site",), ("x",)): metrics.CellCounts(persons=5)})
    review = AnnualReview(site_id="x", year=YEAR, targets={"wellbeing_change": 5, "reach": 4})
    report = evaluate_review(review, figures)
    result = report.result("wellbeing_change")
    assert result.actual is None
    assert result.met is None
    assert result.next_target == 5
    assert result.status() == "keine Daten"
    assert report.result("reach").met is True


@settings(max_examples=30)
@given(st.booleans(), st.floats(0, 100, allow_nan=False), st.fractions(0, 100))
def test_proposed_target_never_lowers_the_bar(higher, target, actual):
    definition = metrics.Metric("x", "x", "x", "percent", higher)
    proposal = propose_next_target(definition, target, actual)
    if higher:
        assert proposal >= round(target, 1) - 1e-9 or proposal == target
    else:
        assert proposal <= round(target, 1) + 1e-9 or proposal == target


def test_review_errors():
    with pytest.raises(MetricsError):
        evaluate_review(AnnualReview(site_id="elsewhere", year=YEAR), FIGURES)
    with pytest.raises(MetricsError):
        evaluate_review(AnnualReview(site_id=SITE, year=YEAR, targets={"joy": 1}), FIGURES)
    with pytest.raises(MetricsError):
        evaluate_review("review", FIGURES)  # type: ignore[arg-type]


def test_regional_review_uses_the_total():
    review = AnnualReview(site_id="region", year=YEAR, targets={"reach": 1})
    report = evaluate_review(review, FIGURES, by=(), group=())
    assert report.result("reach").actual == FIGURES.value("reach", year=YEAR)
