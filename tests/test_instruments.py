"""Scoring of the core instruments by the published rules, and rejection of bad answers."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from arbeit_gesundheit import Assessment
from arbeit_gesundheit.exceptions import ArbeitGesundheitError, InstrumentError
from arbeit_gesundheit.instruments import (
    CORE_INSTRUMENTS,
    PHQ_4,
    WHO_5,
    WORK_ABILITY_SCORE,
    Band,
    Instrument,
    Item,
    Score,
    SumScoreInstrument,
)


def who5(*values: int) -> dict[str, int]:
    return {f"who5_{n}": value for n, value in enumerate(values, start=1)}


def phq4(*values: int) -> dict[str, int]:
    return {f"phq4_{n}": value for n, value in enumerate(values, start=1)}


def answers_for(instrument: Instrument) -> st.SearchStrategy[dict[str, int]]:
    return st.fixed_dictionaries(
        {item.id: st.integers(item.low, item.high) for item in instrument.items}
    )


# -- published worked values -------------------------------------------------------------


@pytest.mark.parametrize(
    ("answers", "raw", "percentage", "band"),
    [
        (who5(3, 3, 2, 2, 2), 12, 48, "poor"),
        (who5(3, 3, 3, 2, 2), 13, 52, "adequate"),
        (who5(0, 0, 0, 0, 0), 0, 0, "likely_depression"),
        (who5(5, 5, 5, 5, 5), 25, 100, "adequate"),
        (who5(1, 1, 2, 1, 2), 7, 28, "likely_depression"),
        (who5(2, 1, 2, 1, 2), 8, 32, "poor"),
    ],
)
def test_who5_worked_values(answers: dict[str, int], raw: int, percentage: int, band: str) -> None:
    score = WHO_5.score(answers)
    assert (score.raw, score.percentage, score.band.id, score.maximum) == (
        raw,
        percentage,
        band,
        25,
    )
    assert WHO_5.is_poor(score) is (raw < 13)
    assert WHO_5.is_likely_depression(score) is (percentage <= 28)


@given(answers=st.fixed_dictionaries({f"who5_{n}": st.integers(0, 5) for n in range(1, 6)}))
def test_who5_likely_depression_lies_within_poor_well_being(answers: dict[str, int]) -> None:
    score = WHO_5.score(answers)
    assert score.percentage == score.raw * 4
    if WHO_5.is_likely_depression(score):
        assert WHO_5.is_poor(score)
    assert (score.band.id == "likely_depression") is WHO_5.is_likely_depression(score)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"percentage": 58}, "percentage 58"),
        ({"raw": 26}, "outside 0..25"),
        ({"raw": 14}, "not in band"),
        ({"raw": -1}, "outside 0..25"),
        ({"raw": 13.0}, "whole number"),
    ],
)
def test_scores_no_answers_can_give_are_refused(changes: dict[str, object], message: str) -> None:
    real = WHO_5.score(who5(3, 3, 3, 2, 2))  # raw 13, 52 %
    fields = {
        "instrument": real.instrument,
        "raw": real.raw,
        "maximum": real.maximum,
        "band": real.band,
        "percentage": real.percentage,
        **changes,
    }
    if "raw" in changes and changes["raw"] == 14:
        fields["percentage"] = None  # only the band is wrong
        fields["band"] = WHO_5.bands[0]
    with pytest.raises(InstrumentError, match=message):
        Score(**fields)  # type: ignore[arg-type]


@given(
    instrument=st.sampled_from([WHO_5, PHQ_4, WORK_ABILITY_SCORE]),
    data=st.data(),
)
def test_every_score_from_answers_passes_the_grid_check(
    instrument: Instrument, data: st.DataObject
) -> None:
    score = instrument.score(data.draw(answers_for(instrument)))
    assert attrs.evolve(score) == score  # rebuilding runs the grid check again


def test_who5_meaningful_change_is_ten_points() -> None:
    low = WHO_5.score(who5(2, 2, 2, 2, 2))  # 10 -> 40 %
    plus_two = WHO_5.score(who5(3, 3, 2, 2, 2))  # 12 -> 48 %: +8 points
    plus_three = WHO_5.score(who5(3, 3, 3, 2, 2))  # 13 -> 52 %: +12 points
    assert WHO_5.change(low, plus_two) == 8
    assert not WHO_5.meaningful_change(low, plus_two)
    assert WHO_5.meaningful_change(low, plus_three)
    assert WHO_5.meaningful_gain(low, plus_three)
    assert WHO_5.meaningful_change(plus_three, low)  # a fall counts as change
    assert not WHO_5.meaningful_gain(plus_three, low)


def test_who5_change_refuses_other_scores() -> None:
    with pytest.raises(InstrumentError, match="who5"):
        WHO_5.change(PHQ_4.score(phq4(0, 0, 0, 0)), WHO_5.score(who5(1, 1, 1, 1, 1)))


@pytest.mark.parametrize(
    ("answers", "total", "band", "gad2", "phq2"),
    [
        (phq4(3, 3, 3, 3), 12, "severe", (6, True), (6, True)),
        (phq4(0, 0, 0, 0), 0, "none", (0, False), (0, False)),
        (phq4(1, 1, 0, 0), 2, "none", (2, False), (0, False)),
        (phq4(2, 1, 0, 0), 3, "mild", (3, True), (0, False)),
        (phq4(0, 0, 1, 2), 3, "mild", (0, False), (3, True)),
        (phq4(1, 1, 1, 2), 5, "mild", (2, False), (3, True)),
        (phq4(2, 2, 1, 1), 6, "moderate", (4, True), (2, False)),
        (phq4(2, 2, 2, 2), 8, "moderate", (4, True), (4, True)),
        (phq4(3, 3, 3, 0), 9, "severe", (6, True), (3, True)),
    ],
)
def test_phq4_worked_values(
    answers: dict[str, int],
    total: int,
    band: str,
    gad2: tuple[int, bool],
    phq2: tuple[int, bool],
) -> None:
    score = PHQ_4.score(answers)
    assert score.raw == total
    assert score.band.id == band
    assert (score.subscale("gad2").raw, score.subscale("gad2").positive) == gad2
    assert (score.subscale("phq2").raw, score.subscale("phq2").positive) == phq2


def test_phq4_subscales_follow_the_published_items() -> None:
    # GAD-2 = nervous / worrying (items 1-2); PHQ-2 = interest / feeling down (items 3-4).
    assert "nervous" in PHQ_4.item("phq4_1").text("en")
    assert "worrying" in PHQ_4.item("phq4_2").text("en")
    assert "interest" in PHQ_4.item("phq4_3").text("en")
    assert "down" in PHQ_4.item("phq4_4").text("en")
    only_anxiety = PHQ_4.score(phq4(3, 3, 0, 0))
    assert only_anxiety.subscale("gad2").positive
    assert not only_anxiety.subscale("phq2").positive


@pytest.mark.parametrize(
    ("value", "band", "de"),
    [
        (0, "poor", "schlecht"),
        (5, "poor", "schlecht"),
        (6, "moderate", "mittelmäßig"),
        (7, "moderate", "mittelmäßig"),
        (8, "good", "gut"),
        (10, "good", "gut"),
    ],
)
def test_work_ability_score_bands(value: int, band: str, de: str) -> None:
    score = WORK_ABILITY_SCORE.score({"was_1": value})
    assert (score.raw, score.band.id, score.label()) == (value, band, de)
    assert score.label("en") == band


def test_labels_are_german_by_default() -> None:
    assert WHO_5.score(who5(2, 2, 2, 2, 2)).label() == "geringes Wohlbefinden"
    assert WHO_5.score(who5(0, 0, 0, 0, 0)).label().startswith("geringes Wohlbefinden, Hinweis")
    assert WHO_5.score(who5(2, 2, 2, 2, 2)).label("en") == "poor well-being"
    assert PHQ_4.score(phq4(3, 3, 3, 3)).label() == "schwer"


# -- rejection ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("instrument", "answers", "item"),
    [
        (WHO_5, who5(1, 2, 3, 4), "who5_5"),  # missing
        (WHO_5, {**who5(1, 2, 3, 4, 5), "who5_6": 1}, "who5_6"),  # unknown
        (WHO_5, who5(1, 2, 6, 4, 5), "who5_3"),  # out of range
        (WHO_5, who5(1, -1, 3, 4, 5), "who5_2"),  # negative
        (PHQ_4, phq4(0, 0, 4, 0), "phq4_3"),
        (PHQ_4, {**phq4(0, 0, 0), "phq4_4": 1.0}, "phq4_4"),  # not an int
        (PHQ_4, {**phq4(0, 0, 0), "phq4_4": True}, "phq4_4"),  # a bool is not a score
        (PHQ_4, {**phq4(0, 0, 0), "phq4_4": "2"}, "phq4_4"),
        (WORK_ABILITY_SCORE, {"was_1": 11}, "was_1"),
        (WORK_ABILITY_SCORE, {}, "was_1"),
    ],
)
def test_bad_answers_name_instrument_and_item(
    instrument: Instrument, answers: dict[str, object], item: str
) -> None:
    with pytest.raises(InstrumentError) as caught:
        instrument.score(answers)  # type: ignore[arg-type]
    assert caught.value.instrument == instrument.id
    assert caught.value.item == item
    assert f"{instrument.id}.{item}" in str(caught.value)
    assert isinstance(caught.value, ArbeitGesundheitError)
    assert isinstance(caught.value, ValueError)


def test_answers_must_be_a_mapping() -> None:
    with pytest.raises(InstrumentError, match="mapping"):
        WHO_5.score([1, 2, 3, 4, 5])  # type: ignore[arg-type]


def test_score_assessment_checks_the_instrument() -> None:
    assessment = Assessment(
        participant="P-001", instrument="who5", on=date(2025, 3, 1), answers=who5(3, 3, 2, 2, 2)
    )
    assert WHO_5.score_assessment(assessment).percentage == 48
    with pytest.raises(InstrumentError, match="taken with 'who5'"):
        PHQ_4.score_assessment(assessment)


def test_unknown_subscale_is_a_library_error() -> None:
    with pytest.raises(InstrumentError, match="gad2"):
        WHO_5.score(who5(1, 1, 1, 1, 1)).subscale("gad2")


def test_instrument_definitions_are_checked() -> None:
    item = Item(id="x_1", low=0, high=3, text_de="Frage", text_en="question")
    with pytest.raises(InstrumentError, match="bands"):
        SumScoreInstrument(
            id="x",
            title="X",
            items=(item,),
            bands=(Band(id="a", low=0, high=1, label_de="a", label_en="a"),),
        )
    with pytest.raises(ArbeitGesundheitError):
        Item(id="x_1", low=3, high=1, text_de="Frage", text_en="question")


def test_core_instruments_have_distinct_ids() -> None:
    ids = [i.id for i in CORE_INSTRUMENTS]
    assert ids == ["who5", "phq4", "was"]
    assert all(isinstance(i, Instrument) for i in CORE_INSTRUMENTS)


# -- properties -----------------------------------------------------------------------------


@given(answers_for(WHO_5))
def test_who5_percentage_is_four_times_raw(answers: dict[str, int]) -> None:
    score = WHO_5.score(answers)
    assert score.raw == sum(answers.values())
    assert score.percentage == 4 * score.raw
    assert (score.band.id in {"poor", "likely_depression"}) is (score.raw < 13)


@given(st.sampled_from(CORE_INSTRUMENTS), st.data())
def test_bands_are_monotone_in_the_raw_score(instrument: Instrument, data: st.DataObject) -> None:
    first = data.draw(answers_for(instrument))
    second = data.draw(answers_for(instrument))
    a, b = instrument.score(first), instrument.score(second)
    assert isinstance(instrument, SumScoreInstrument)
    order = [band.id for band in instrument.bands]
    if a.raw <= b.raw:
        assert order.index(a.band.id) <= order.index(b.band.id)
    else:
        assert order.index(a.band.id) >= order.index(b.band.id)
    assert a.raw in a.band


@given(answers_for(PHQ_4), st.randoms())
def test_phq4_subscales_are_keyed_by_item_not_order(answers: dict[str, int], rnd: object) -> None:
    keys = list(answers)
    rnd.shuffle(keys)  # type: ignore[attr-defined]
    shuffled = {key: answers[key] for key in keys}
    score = PHQ_4.score(shuffled)
    assert score == PHQ_4.score(answers)
    gad2 = answers["phq4_1"] + answers["phq4_2"]
    phq2 = answers["phq4_3"] + answers["phq4_4"]
    assert score.subscale("gad2").raw == gad2
    assert score.subscale("phq2").raw == phq2
    assert score.subscale("gad2").positive is (gad2 >= 3)
    assert score.subscale("phq2").positive is (phq2 >= 3)
    assert score.raw == gad2 + phq2


@given(answers_for(WHO_5), answers_for(WHO_5))
def test_who5_meaningful_change_is_symmetric(a: dict[str, int], b: dict[str, int]) -> None:
    before, after = WHO_5.score(a), WHO_5.score(b)
    assert WHO_5.meaningful_change(before, after) == WHO_5.meaningful_change(after, before)
    assert WHO_5.change(before, after) == -WHO_5.change(after, before)
    assert WHO_5.meaningful_change(before, after) is (abs(4 * (after.raw - before.raw)) >= 10)


@given(
    st.sampled_from(CORE_INSTRUMENTS),
    st.data(),
    st.one_of(st.integers(-50, -1), st.integers(11, 50)),
)
def test_any_out_of_range_answer_is_rejected(
    instrument: Instrument, data: st.DataObject, bad: int
) -> None:
    answers = data.draw(answers_for(instrument))
    item = data.draw(st.sampled_from(instrument.items))
    if item.low <= bad <= item.high:
        return
    answers[item.id] = bad
    with pytest.raises(InstrumentError) as caught:
        instrument.score(answers)
    assert caught.value.item == item.id


def test_the_band_table_in_the_docs_lists_every_band_of_every_core_instrument() -> None:
    page = (Path(__file__).resolve().parents[1] / "docs/topics/instruments.md").read_text()
    table = {
        (line.split("|")[2].strip().strip("`"), line.split("|")[3].strip())
        for line in page.splitlines()
        if line.startswith("| ") and "`" in line.split("|")[2]
    }
    for instrument in CORE_INSTRUMENTS:
        assert isinstance(instrument, SumScoreInstrument)
        for band in instrument.bands:
            rows = [scores for band_id, scores in table if band_id == band.id]
            assert any(f"{band.low}–{band.high}" in scores for scores in rows), (
                f"{instrument.id} band {band.id} {band.low}–{band.high} missing from the docs table"
            )
