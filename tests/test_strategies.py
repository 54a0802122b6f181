"""The public Hypothesis strategies: valid instances, honoured arguments, registration."""

from __future__ import annotations

import inspect
import itertools
import re
import subprocess
import sys
from datetime import date

import attrs
import pytest
from _support import DOMAIN_MODELS
from hypothesis import find, given
from hypothesis import strategies as st

import arbeit_gesundheit as ag
from arbeit_gesundheit import (
    ActivityPlan,
    ConsentPurpose,
    CooperationAgreement,
    Dataset,
    DropoutReason,
    Enrolment,
    EnrolmentStatus,
    Participant,
    ReferralStatus,
    StepStatus,
)
from arbeit_gesundheit.participation import INITIAL_STATES, TRANSITIONS
from arbeit_gesundheit.testing import strategies as S
from arbeit_gesundheit.testing.strategies._registration import _STRATEGY_NAMES

STRATEGY_FUNCTIONS = [
    getattr(S, name) for name in S.__all__ if callable(getattr(S, name)) and name != "dates"
]


def test_every_domain_model_has_a_registered_strategy() -> None:
    assert set(_STRATEGY_NAMES) == set(DOMAIN_MODELS)
    for name in _STRATEGY_NAMES.values():
        assert name in S.__all__


@pytest.mark.parametrize("model", DOMAIN_MODELS, ids=lambda cls: cls.__name__)
@given(data=st.data())
def test_from_type_draws_valid_instances_of_exactly_that_model(
    model: type, data: st.DataObject
) -> None:
    value = data.draw(st.from_type(model))
    assert type(value) is model
    # Re-running every validator on the drawn field values must not fail.
    assert attrs.evolve(value) == value


def test_registration_is_idempotent() -> None:
    S._hypothesis_setup_hook()
    S._hypothesis_setup_hook()
    found = find(st.from_type(Participant), lambda p: p.birth_year >= 1950)
    assert type(found) is Participant


def test_every_strategy_takes_keyword_only_strategy_arguments_and_is_documented() -> None:
    for function in STRATEGY_FUNCTIONS:
        assert function.__doc__, function.__name__
        for parameter in inspect.signature(function).parameters.values():
            if function in (S.texts,):
                continue
            assert parameter.kind is inspect.Parameter.KEYWORD_ONLY, function.__name__
            assert parameter.default is None, (function.__name__, parameter.name)


def test_importing_the_testing_package_does_not_import_hypothesis() -> None:
    code = (
        "import sys, arbeit_gesundheit.testing, arbeit_gesundheit; "
        "assert 'hypothesis' not in sys.modules, 'hypothesis imported'; "
        "from arbeit_gesundheit.testing import strategies; "
        "assert 'hypothesis' in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_from_type_works_when_hypothesis_is_imported_first() -> None:
    code = (
        "from hypothesis import strategies as st, find; import arbeit_gesundheit as ag; "
        "p = find(st.from_type(ag.Participant), lambda p: True); "
        "assert type(p) is ag.Participant, p"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


# -- building blocks -------------------------------------------------------------------------


@given(S.identifiers())
def test_identifiers_are_accepted_as_identifiers(value: str) -> None:
    assert re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}", value)
    assert ag.Site(id=value, name="x", land=ag.Land.TH).id == value


@given(S.pseudonyms())
def test_pseudonyms_are_accepted_as_pseudonyms(value: str) -> None:
    person = Participant(pseudonym=value, site_id="s", birth_year=1980, benefit=ag.BenefitType.NONE)
    assert person.pseudonym == value


@given(st.data(), st.integers(1, 300))
def test_texts_respect_their_maximum(data: st.DataObject, max_size: int) -> None:
    text = data.draw(S.texts(max_size=max_size))
    assert 0 < len(text) <= max_size
    assert text == text.strip()


@given(st.data(), st.dates(), st.integers(0, 3000))
def test_dates_stay_within_bounds(data: st.DataObject, low: date, span: int) -> None:
    high = date.fromordinal(min(low.toordinal() + span, date.max.toordinal()))
    day = data.draw(S.dates(min_value=low, max_value=high))
    assert low <= day <= high


# -- arguments are honoured, cross-field rules hold -----------------------------------------


@given(
    S.participants(
        site_ids=st.just("jc-ilm-kreis"),
        birth_years=st.just(1970),
        consents=st.lists(S.consents(purposes=st.just(ConsentPurpose.DATA_SHARING)), max_size=2),
    )
)
def test_participants_honour_their_arguments(person: Participant) -> None:
    assert person.site_id == "jc-ilm-kreis"
    assert person.birth_year == 1970
    for consent in person.consents:
        assert consent.purpose is ConsentPurpose.DATA_SHARING
        assert consent.recipients


@given(
    S.consents(
        given_on=st.just(date(2024, 3, 1)),
        expires_after_days=st.integers(0, 30),
        withdrawn_after_days=st.none(),
        recipients=st.just(frozenset()) | st.frozensets(S.identifiers(), min_size=1),
    )
)
def test_consents_derive_their_days_from_given_on(consent: ag.Consent) -> None:
    assert consent.given_on == date(2024, 3, 1)
    assert consent.expires_on is not None
    assert 0 <= (consent.expires_on - consent.given_on).days <= 30
    assert consent.withdrawn_on is None
    if consent.purpose is ConsentPurpose.DATA_SHARING:
        assert consent.recipients


@given(S.enrolments())
def test_enrolment_histories_follow_the_lifecycle(enrolment: Enrolment) -> None:
    history = enrolment.history
    if history:
        assert history[0].status in INITIAL_STATES
        assert history[-1].status is enrolment.status
        for earlier, later in itertools.pairwise(history):
            assert later.status in TRANSITIONS[earlier.status]
            assert earlier.on <= later.on
    assert (enrolment.dropout_reason is not None) == (enrolment.status is EnrolmentStatus.DROPPED)


@given(
    S.enrolments(
        statuses=st.just(EnrolmentStatus.DROPPED),
        dropout_reasons=st.just(DropoutReason.TOOK_UP_WORK),
        with_history=st.just(True),
    )
)
def test_dropped_enrolments_carry_the_drawn_reason(enrolment: Enrolment) -> None:
    assert enrolment.dropout_reason is DropoutReason.TOOK_UP_WORK
    assert enrolment.history[-1].reason is DropoutReason.TOOK_UP_WORK


@given(S.cooperation_agreements(renewal_gaps=st.lists(st.integers(0, 400), min_size=1)))
def test_agreement_renewals_are_signed_in_order(agreement: CooperationAgreement) -> None:
    signings = [r.signed_on for r in agreement.renewals]
    assert len(signings) >= 1
    assert signings == sorted(signings)
    assert signings[0] >= agreement.valid_from


@given(S.activity_plans())
def test_plans_identify_goals_and_steps_uniquely(plan: ActivityPlan) -> None:
    goal_ids = [g.id for g in plan.goals]
    step_ids = [s.id for g in plan.goals for s in g.steps]
    assert len(goal_ids) == len(set(goal_ids))
    assert len(step_ids) == len(set(step_ids))
    for step in (s for g in plan.goals for s in g.steps):
        assert (step.done_on is not None) == (step.status is StepStatus.DONE)


@given(S.referrals(statuses=st.sampled_from([ReferralStatus.OPEN, ReferralStatus.ACCEPTED])))
def test_open_referrals_have_no_closing_day(referral: ag.Referral) -> None:
    assert referral.closed_on is None


@given(S.datasets(participants=st.lists(S.participants(), min_size=3, max_size=3)))
def test_datasets_take_collections_from_their_arguments(dataset: Dataset) -> None:
    assert len(dataset.participants) == 3


# -- the defaults reach the interesting cases ------------------------------------------------


@pytest.mark.parametrize(
    ("strategy", "condition"),
    [
        (S.consents(), lambda c: c.withdrawn_on is not None and c.expires_on is not None),
        (S.consents(), lambda c: c.purpose is ConsentPurpose.DATA_SHARING),
        (S.participants(), lambda p: p.unemployed_since is None),
        (S.participants(), lambda p: len(p.consents) >= 2 and len(p.restrictions) >= 2),
        (S.enrolments(), lambda e: e.status is EnrolmentStatus.COMPLETED and len(e.history) >= 3),
        (S.enrolments(), lambda e: e.status is EnrolmentStatus.DROPPED),
        (S.enrolments(), lambda e: not e.history),
        (S.cooperation_agreements(), lambda a: len(a.renewals) >= 2 and a.ends_on is None),
        (S.steps(), lambda s: s.status is StepStatus.DONE),
        (S.sessions(), lambda s: s.starts_at is not None),
        (S.annual_reviews(), lambda r: len(r.targets) >= 2),
    ],
)
def test_defaults_reach_interesting_cases(strategy: st.SearchStrategy[object], condition) -> None:  # type: ignore[no-untyped-def]
    assert condition(find(strategy, condition))
