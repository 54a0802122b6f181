"""The consent rule of the figures, checked against an oracle built on ``Consent.is_valid``.

A health value counts only if health-data consent was valid on the day it was recorded and
not withdrawn by the reference day; participation figures follow participation consent the
same way. The oracle filters the records with the models' own consent checks and then gives
everyone an unlimited consent, so the library's aggregate of the original data must equal
the aggregate of the filtered data, cell by cell, on both aggregation paths.
"""

from __future__ import annotations

from datetime import date, timedelta
from fractions import Fraction

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from arbeit_gesundheit import (
    Consent,
    ConsentPurpose,
    DataCategory,
    Dataset,
    Participant,
    jsonl,
    metrics,
)
from arbeit_gesundheit.exceptions import MetricsError
from arbeit_gesundheit.synthetic import generate_cohort

BY = [("site",), ("module",), ("gender", "age_band")]
COHORTS = [
    generate_cohort(seed=21, participants=40, sites=2),
    generate_cohort(seed=22, participants=30, enrolments_per_participant=2.0),
]
_P = ConsentPurpose.PROGRAMME_PARTICIPATION
_H = ConsentPurpose.HEALTH_DATA_PROCESSING
_UNLIMITED = date(1900, 1, 1)


def _usable(c: Consent, as_of: date | None) -> bool:
    """Not withdrawn by the reference day (and given by then)."""
    if as_of is None:
        return c.withdrawn_on is None
    return c.given_on <= as_of and (c.withdrawn_on is None or c.withdrawn_on > as_of)


def _allowed(p: Participant, purpose: ConsentPurpose, day: date, category: DataCategory,
             as_of: date | None) -> bool:  # fmt: skip
    return any(
        _usable(c, as_of) and c.is_valid(purpose, day, category=category) for c in p.consents
    )


def _oracle(data: Dataset, as_of: date | None) -> Dataset:
    """The records the rule lets count, with consents that no longer restrict anything."""
    people = {p.pseudonym: p for p in data.participants}
    starts = {o.id: o.starts_on for o in data.offerings}
    enrolments = []
    for e in data.enrolments:
        day = e.history[0].on if e.history else starts[e.offering_id]
        if _allowed(people[e.participant], _P, day, DataCategory.PARTICIPATION, as_of):
            enrolments.append(e)
    kept = {e.id for e in enrolments}
    assessments = [
        a
        for a in data.assessments
        if _allowed(people[a.participant], _H, a.on, DataCategory.ASSESSMENTS, as_of)
    ]
    outcomes = [
        o
        for o in data.outcomes
        if _allowed(people[o.participant], _P, o.on, DataCategory.PARTICIPATION, as_of)
    ]
    participants = []
    for p in data.participants:
        restricted_ok = any(
            _usable(c, as_of)
            and c.purpose is _H
            and (not c.data_categories or DataCategory.HEALTH_RESTRICTIONS in c.data_categories)
            for c in p.consents
        )
        health_categories = {DataCategory.ASSESSMENTS}
        if restricted_ok:
            health_categories.add(DataCategory.HEALTH_RESTRICTIONS)
        participants.append(
            attrs.evolve(
                p,
                restrictions=p.restrictions if restricted_ok else (),
                consents=[
                    Consent(_P, given_on=_UNLIMITED),
                    Consent(_H, given_on=_UNLIMITED, data_categories=health_categories),
                ],
            )
        )
    return attrs.evolve(
        data,
        participants=participants,
        enrolments=enrolments,
        attendances=[a for a in data.attendances if a.enrolment_id in kept],
        assessments=assessments,
        outcomes=outcomes,
    )


def _withdraw(data: Dataset, picks: list[tuple[int, int, int]]) -> Dataset:
    """Withdraw consent ``purpose_index`` of person ``index`` ``days`` after it was given."""
    people = list(data.participants)
    for index, purpose_index, days in picks:
        p = people[index % len(people)]
        consents = list(p.consents)
        if not consents:
            continue
        i = purpose_index % len(consents)
        c = consents[i]
        on = c.given_on + timedelta(days=days)
        if c.expires_on is not None and on > c.expires_on:
            on = c.expires_on
        consents[i] = attrs.evolve(c, withdrawn_on=on)
        people[index % len(people)] = attrs.evolve(p, consents=consents)
    return attrs.evolve(data, participants=people)


picks = st.lists(
    st.tuples(st.integers(0, 10_000), st.integers(0, 5), st.integers(0, 500)), max_size=25
)
as_of_days = st.one_of(st.none(), st.dates(date(2023, 6, 1), date(2026, 6, 1)))


@settings(max_examples=25, suppress_health_check=[HealthCheck.too_slow])
@given(cohort=st.sampled_from(COHORTS), withdrawals=picks, as_of=as_of_days)
def test_figures_count_only_what_consent_allows(
    cohort: Dataset, withdrawals: list[tuple[int, int, int]], as_of: date | None
) -> None:
    data = _withdraw(cohort, withdrawals)
    expected = metrics.aggregate(_oracle(data, as_of), by=BY)
    actual = metrics.aggregate(data, by=BY, as_of=as_of)
    assert actual.cells.keys() == expected.cells.keys()
    for key, cell in expected.cells.items():
        assert actual.cells[key] == cell, key


@settings(max_examples=10, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(withdrawals=picks, as_of=as_of_days)
def test_the_json_lines_path_applies_the_same_rule(
    tmp_path_factory: pytest.TempPathFactory,
    withdrawals: list[tuple[int, int, int]],
    as_of: date | None,
) -> None:
    data = _withdraw(COHORTS[0], withdrawals)
    path = tmp_path_factory.mktemp("gating") / "data.jsonl"
    jsonl.write_jsonl(data, path, overwrite=True)
    fast = metrics.aggregate_jsonl(path, by=BY, as_of=as_of, workers=1)
    assert fast == metrics.aggregate(data, by=BY, as_of=as_of)


@settings(max_examples=15)
@given(cohort=st.sampled_from(COHORTS), withdrawals=picks, days=st.integers(1, 900))
def test_a_later_reference_day_never_adds_to_a_count(
    cohort: Dataset, withdrawals: list[tuple[int, int, int]], days: int
) -> None:
    """Withdrawals only take away: every count is the same or smaller a day later on."""
    data = _withdraw(cohort, withdrawals)
    early_day = date(2024, 12, 31)
    early = metrics.aggregate(data, by=BY, as_of=early_day)
    late = metrics.aggregate(data, by=BY, as_of=early_day + timedelta(days=days))
    for key, cell in late.cells.items():
        before = early.cells[key]
        for name in ("persons", "persons_restricted", "persons_health_consent",
                     "wellbeing_pairs", "integration_persons", "integrated_12m"):  # fmt: skip
            assert getattr(cell, name) <= getattr(before, name), (key, name)
        assert sum(cell.enrolments.values()) <= sum(before.enrolments.values())


def test_a_withdrawal_removes_the_health_figures_but_not_the_place() -> None:
    data = COHORTS[0]
    year = data.offerings[0].starts_on.year
    measured = {a.participant for a in data.assessments}
    person = next(
        p
        for p in data.participants
        if p.restrictions
        and p.pseudonym in measured
        and all(c.withdrawn_on is None and c.expires_on is None for c in p.consents)
    )
    before = metrics.aggregate(data, by=())
    withdrawn = attrs.evolve(
        data,
        participants=[
            attrs.evolve(
                p,
                consents=[
                    attrs.evolve(c, withdrawn_on=date(2026, 6, 1)) if c.purpose is _H else c
                    for c in p.consents
                ],
            )
            if p is person
            else p
            for p in data.participants
        ],
    )
    after = metrics.aggregate(withdrawn, by=())
    b, a = before.cell(year, (), ()), after.cell(year, (), ())
    assert a.persons == b.persons
    assert a.persons_health_consent == b.persons_health_consent - 1
    assert a.persons_restricted == b.persons_restricted - 1
    assert a.wellbeing_pairs <= b.wellbeing_pairs
    # the figures of a reference day before the withdrawal stay as they were
    assert metrics.aggregate(withdrawn, by=(), as_of=date(2026, 5, 31)) == before


def test_the_restriction_share_rests_on_the_consenting() -> None:
    """People without health-data consent leave the share's base, not only its numerator."""
    data = COHORTS[0]
    year = data.offerings[0].starts_on.year
    restricted = [p.pseudonym for p in data.participants if p.restrictions][:3]
    unrestricted = [p.pseudonym for p in data.participants if not p.restrictions][:2]
    without = set(restricted + unrestricted)
    data = attrs.evolve(
        data,
        participants=[
            attrs.evolve(p, consents=[c for c in p.consents if c.purpose is not _H])
            if p.pseudonym in without
            else p
            for p in data.participants
        ],
    )
    cell = metrics.aggregate(data, by=()).cell(year, (), ())
    oracle = metrics.aggregate(_oracle(data, None), by=()).cell(year, (), ())
    assert cell.persons == oracle.persons
    assert cell.persons_restricted == oracle.persons_restricted
    assert cell.persons_health_consent == cell.persons - len(without)
    assert cell.value("restriction_share") == Fraction(
        100 * cell.persons_restricted, cell.persons_health_consent
    )
    assert cell.value("health_consent_persons") == cell.persons_health_consent


@pytest.mark.parametrize("bad", ["2024-12-31", 20241231, date(2024, 1, 1).isoformat()])
def test_a_reference_day_must_be_a_date(bad: object) -> None:
    with pytest.raises(MetricsError, match="as_of: expected a date"):
        metrics.aggregate(COHORTS[0], as_of=bad)  # type: ignore[arg-type]


@settings(max_examples=25, suppress_health_check=[HealthCheck.too_slow])
@given(cohort=st.sampled_from(COHORTS), withdrawals=picks, as_of=as_of_days)
def test_countable_keeps_exactly_what_the_oracle_keeps(
    cohort: Dataset, withdrawals: list[tuple[int, int, int]], as_of: date | None
) -> None:
    """The filter for plugins' own figures applies the rule of the aggregate."""
    data = _withdraw(cohort, withdrawals)
    kept = metrics.countable(data, as_of=as_of)
    oracle = _oracle(data, as_of)
    assert kept.enrolments == oracle.enrolments
    assert kept.attendances == oracle.attendances
    assert kept.assessments == oracle.assessments
    assert kept.outcomes == oracle.outcomes
    assert [p.restrictions for p in kept.participants] == [
        p.restrictions for p in oracle.participants
    ]
    assert metrics.countable(kept, as_of=as_of) == kept
    assert metrics.aggregate(kept, by=BY, as_of=as_of) == metrics.aggregate(
        data, by=BY, as_of=as_of
    )


def test_countable_refuses_what_is_not_a_dataset() -> None:
    with pytest.raises(MetricsError, match="expected a Dataset"):
        metrics.countable([])  # type: ignore[arg-type]
    with pytest.raises(MetricsError, match="as_of: expected a date"):
        metrics.countable(COHORTS[0], as_of="2024-01-01")  # type: ignore[arg-type]
