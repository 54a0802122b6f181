"""The domain model: validators (valid and invalid values, cross-field rules) and behaviour."""

from __future__ import annotations

import types
import typing
from collections.abc import Mapping
from datetime import date, datetime, time, timedelta
from enum import Enum

import attrs
import pytest
from _support import DOMAIN_MODELS
from hypothesis import assume, given
from hypothesis import strategies as st

import arbeit_gesundheit as ag
from arbeit_gesundheit import (
    LONG_TERM_UNEMPLOYMENT_DAYS,
    BenefitType,
    Consent,
    ConsentPurpose,
    CooperationAgreement,
    DataCategory,
    DropoutReason,
    Enrolment,
    EnrolmentStatus,
    InvalidFieldError,
    Participant,
    Renewal,
    StatusChange,
    Step,
    StepStatus,
)
from arbeit_gesundheit.testing import strategies as S

MODELS = DOMAIN_MODELS


def _instances(model: type) -> st.SearchStrategy[typing.Any]:
    # A dataset's fields do not interact; an empty one keeps these tests fast.
    return st.just(ag.Dataset()) if model is ag.Dataset else st.from_type(model)


# -- every field refuses values of the wrong type --------------------------------------------


def _unwrap_optional(hint: typing.Any) -> tuple[typing.Any, bool]:
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        assert len(args) == 1, hint
        return args[0], True
    return hint, False


def _wrong_scalars(hint: typing.Any) -> list[object]:
    """Python values of the wrong type for a field holding one value of type ``hint``."""
    if hint is str:
        return [5, 1.5, True, b"abc", ["abc"]]
    if hint is bool:
        return [1, 0, "true", None]
    if hint is int:
        return ["5", 5.0, True, [5]]
    if hint is float:
        return ["5", True, [5.0]]
    if hint is date:
        return ["2024-01-01", datetime(2024, 1, 1, 12, 0), 20240101]
    if hint is time:
        return ["09:00", 900, datetime(2024, 1, 1, 9, 0)]
    if isinstance(hint, type) and issubclass(hint, Enum):
        first = next(iter(hint))
        return [first.value, 5, "no-such-member"]
    if attrs.has(hint):
        return [{"a": 1}, "x", 5, ag.ReviewNote(kind=ag.NoteKind.NEED, text="x")]
    raise AssertionError(f"no wrong values known for {hint!r}")


def _scalar_cases() -> list[tuple[type, str, object]]:
    cases = []
    for model in MODELS:
        hints = typing.get_type_hints(model)
        for field in attrs.fields(model):
            hint, optional = _unwrap_optional(hints[field.name])
            if typing.get_origin(hint) in (tuple, frozenset, Mapping):
                continue
            wrong = _wrong_scalars(hint)
            if not optional and None not in wrong:
                wrong.append(None)
            cases.extend((model, field.name, value) for value in wrong)
    return cases


def _collection_item_cases() -> list[tuple[type, str, object]]:
    """Collections whose items have the wrong type (the collection itself is a list)."""
    cases = []
    for model in MODELS:
        hints = typing.get_type_hints(model)
        for field in attrs.fields(model):
            hint = hints[field.name]
            origin = typing.get_origin(hint)
            if origin in (tuple, frozenset):
                item = typing.get_args(hint)[0]
                bad_items: list[object] = [5, None, 2.5]
                if item is str:
                    bad_items.append(" x")
                cases.extend((model, field.name, [bad]) for bad in bad_items)
            elif origin is Mapping:
                cases.extend(
                    (model, field.name, bad)
                    for bad in ({5: 1}, {"has space": 1}, {"ok": "1"}, {"ok": None})
                )
    return cases


def _id(case: object) -> str:
    if isinstance(case, type):
        return case.__name__
    return repr(case)[:30]


_KNOWN_GAPS: list[tuple[type, str, object]] = []


def _marked(cases: list[tuple[type, str, object]]) -> list[typing.Any]:
    return [
        pytest.param(*case, marks=pytest.mark.xfail(strict=True, reason="reported gap"))
        if case in _KNOWN_GAPS
        else case
        for case in cases
    ]


def _check_refused(value: typing.Any, field: str, bad: object) -> None:
    with pytest.raises(InvalidFieldError) as caught:
        attrs.evolve(value, **{field: bad})
    assert caught.value.model == type(value).__name__
    assert caught.value.field == field
    assert caught.value.value is bad or caught.value.value == bad
    assert isinstance(caught.value, ValueError)


@pytest.mark.parametrize(("model", "field", "bad"), _marked(_scalar_cases()), ids=_id)
def test_every_field_refuses_a_value_of_the_wrong_type(
    model: type, field: str, bad: object
) -> None:
    _check_refused(_minimal(model), field, bad)


@given(st.data())
def test_fields_refuse_wrong_types_whatever_the_other_fields_hold(data: st.DataObject) -> None:
    model, field, bad = data.draw(
        st.sampled_from([c for c in _scalar_cases() if c not in _KNOWN_GAPS])
    )
    _check_refused(data.draw(_instances(model)), field, bad)


@pytest.mark.parametrize(("model", "field", "bad"), _collection_item_cases(), ids=_id)
def test_every_collection_refuses_items_of_the_wrong_type(
    model: type, field: str, bad: object
) -> None:
    value = _minimal(model)
    with pytest.raises(InvalidFieldError) as caught:
        attrs.evolve(value, **{field: bad})
    assert (caught.value.model, caught.value.field) == (model.__name__, field)


def _collection_fields() -> list[tuple[type, str]]:
    hints_of = {m: typing.get_type_hints(m) for m in MODELS}
    return [
        (m, f.name)
        for m in MODELS
        for f in attrs.fields(m)
        if typing.get_origin(hints_of[m][f.name]) in (tuple, frozenset, Mapping)
    ]


def test_collections_refuse_a_scalar_in_place_of_the_collection() -> None:
    failures = []
    for model, field in _collection_fields():
        for bad in (5, None, "abc"):
            try:
                attrs.evolve(_minimal(model), **{field: bad})
            except InvalidFieldError as exc:
                if exc.field != field:
                    failures.append(f"{model.__name__}.{field}={bad!r}: names {exc.field}")
            except Exception as exc:
                failures.append(f"{model.__name__}.{field}={bad!r}: {type(exc).__name__}")
            else:
                failures.append(f"{model.__name__}.{field}={bad!r}: accepted")
    assert not failures, "\n".join(failures)


# -- out-of-range values and boundaries ------------------------------------------------------

_D = date(2024, 6, 1)


def _minimal(model: type) -> typing.Any:
    """A small valid instance of every model (only required fields)."""
    examples: dict[type, typing.Any] = {
        ag.ActivityPlan: ag.ActivityPlan(id="P1", participant="TN-1", coach_id="C1", created_on=_D),
        ag.AnnualReview: ag.AnnualReview(site_id="S1", year=2024),
        ag.Assessment: ag.Assessment(participant="TN-1", instrument="who5", on=_D, answers={}),
        ag.Attendance: ag.Attendance(
            enrolment_id="E1", session_number=1, status=ag.AttendanceStatus.PRESENT
        ),
        ag.Certification: ag.Certification(id="Z1", valid_until=_D),
        ag.Coach: ag.Coach(id="C1", site_id="S1", role=ag.CoachRole.HEALTH_CARE_COACH),
        ag.Consent: Consent(purpose=ConsentPurpose.EVALUATION, given_on=_D),
        ag.CooperationAgreement: CooperationAgreement(id="K1", parties=("a", "b"), valid_from=_D),
        ag.Dataset: ag.Dataset(),
        ag.Enrolment: Enrolment(
            id="E1", participant="TN-1", offering_id="O1", status=EnrolmentStatus.ACTIVE
        ),
        ag.Event: ag.Event(id="V1", site_id="S1", title="Gesundheitstag", on=_D),
        ag.Goal: ag.Goal(
            id="G1", field_of_action=ag.FieldOfAction.MOVEMENT, description="x", due_on=_D
        ),
        ag.HealthRestriction: ag.HealthRestriction(category=ag.RestrictionCategory.MENTAL),
        ag.Module: ag.Module(
            id="M1",
            title="Rundum fit",
            field_of_action=ag.FieldOfAction.MOVEMENT,
            format=ag.ModuleFormat.COURSE_SERIES,
        ),
        ag.NeedsAssessment: ag.NeedsAssessment(participant="TN-1", on=_D),
        ag.Offering: ag.Offering(id="O1", module_id="M1", starts_on=_D, ends_on=_D, capacity=1),
        ag.Outcome: ag.Outcome(participant="TN-1", kind=ag.OutcomeKind.EMPLOYMENT, on=_D),
        ag.Participant: Participant(
            pseudonym="TN-1", site_id="S1", birth_year=1980, benefit=BenefitType.SGB_II
        ),
        ag.Partner: ag.Partner(id="A1", name="AOK PLUS", kind=ag.PartnerKind.HEALTH_INSURER),
        ag.PlanReview: ag.PlanReview(on=_D, coach_id="C1"),
        ag.Recommendation: ag.Recommendation(
            category=ag.RecommendationCategory.MORE_EXERCISE, issued_on=_D
        ),
        ag.Referral: ag.Referral(
            id="R1", participant="TN-1", carrier=ag.Carrier.PENSION_INSURANCE, referred_on=_D
        ),
        ag.Renewal: Renewal(signed_on=_D),
        ag.ReviewNote: ag.ReviewNote(kind=ag.NoteKind.SUCCESS, text="x"),
        ag.Session: ag.Session(offering_id="O1", number=1, on=_D),
        ag.Site: ag.Site(id="S1", name="Jobcenter Ilm-Kreis", land=ag.Land.TH),
        ag.StatusChange: StatusChange(status=EnrolmentStatus.ACTIVE, on=_D),
        ag.Step: Step(id="T1", description="x", due_on=_D),
        ag.WorkCapacity: ag.WorkCapacity(),
    }
    return examples[model]


def test_every_model_has_a_minimal_example() -> None:
    for model in MODELS:
        assert type(_minimal(model)) is model


_LONG = "x" * 65

# (model, field, accepted values, refused values): boundaries on both sides.
RANGES: list[tuple[type, str, list[object], list[object]]] = [
    (ag.Participant, "birth_year", [1900, 2100], [1899, 2101]),
    (
        ag.Participant,
        "pseudonym",
        ["a1b", "TN-2024-0001", "1" * 64],
        ["Anna", "a1", "TN 1", "1" * 65, "-a1"],
    ),
    (
        ag.Participant,
        "site_id",
        ["s", "jc.ilm:kreis_1-2", "x" * 64],
        ["", " s", "s ", _LONG, "ä1", "-s"],
    ),
    (ag.Participant, "district_key", [None, "16070"], ["", "160 70"]),
    (ag.Site, "name", ["J", "x" * 200], ["", " ", " J", "J ", "x" * 201]),
    (ag.Site, "programmes", [["teamwork"], []], [["team work"]]),
    (ag.Partner, "location", [None, "Arnstadt"], ["", " Arnstadt"]),
    (ag.Certification, "issuer", ["ZPP", "x" * 100], ["", "x" * 101]),
    (ag.Module, "sessions", [1, 200], [0, 201, -1]),
    (ag.Module, "session_minutes", [1, 600], [0, 601]),
    (ag.Module, "places", [None, 1, 10_000], [0, 10_001]),
    (ag.Module, "description", [None, "x" * 2000], ["x" * 2001]),
    (ag.Offering, "capacity", [1, 10_000], [0, 10_001]),
    (ag.Session, "number", [1, 1000], [0, 1001]),
    (ag.Session, "minutes", [None, 1, 600], [0, 601]),
    (ag.Attendance, "session_number", [1, 1000], [0, 1001]),
    (ag.Step, "description", ["x" * 500], ["x" * 501]),
    (ag.Goal, "target", [None, "x" * 500], ["x" * 501, ""]),
    (ag.PlanReview, "note", [None, "x" * 2000], ["x" * 2001]),
    (ag.Event, "visitors", [None, 0, 100_000], [-1]),
    (ag.Event, "activities", [["Yoga"], []], [[""], [" Yoga"]]),
    (ag.AnnualReview, "year", [2000, 2100], [1999, 2101]),
    (
        ag.AnnualReview,
        "targets",
        [{"quote": 0.5}, {"n": 3}],
        [{"n": float("nan")}, {"n": True}, {"n": "3"}],
    ),
    (ag.ReviewNote, "text", ["x" * 2000], ["x" * 2001]),
    (ag.Assessment, "answers", [{"i1": 0, "i2": -3}], [{"i1": 1.5}, {"i1": True}, {"": 1}]),
    (ag.Dataset, "format_version", [ag.FORMAT_VERSION], [0, ag.FORMAT_VERSION + 1]),
    (
        ag.CooperationAgreement,
        "parties",
        [("a", "b"), ("a", "b", "c")],
        [("a",), (), ("a", "a"), ("a", "b b")],
    ),
]


@pytest.mark.parametrize(
    ("model", "field", "value"),
    [(m, f, v) for m, f, ok, _ in RANGES for v in ok],
    ids=_id,
)
def test_values_in_range_are_accepted(model: type, field: str, value: object) -> None:
    changed = attrs.evolve(_minimal(model), **{field: value})
    if isinstance(value, list):
        assert list(getattr(changed, field)) == value
    elif isinstance(value, dict):
        assert dict(getattr(changed, field)) == value
    else:
        assert getattr(changed, field) == value


@pytest.mark.parametrize(
    ("model", "field", "value"),
    [(m, f, v) for m, f, _, bad in RANGES for v in bad],
    ids=_id,
)
def test_values_out_of_range_are_refused_naming_the_field(
    model: type, field: str, value: object
) -> None:
    with pytest.raises(InvalidFieldError) as caught:
        attrs.evolve(_minimal(model), **{field: value})
    assert caught.value.field == field
    assert caught.value.model == model.__name__
    assert field in str(caught.value)
    assert caught.value.expected in str(caught.value)


@given(st.integers().filter(lambda n: not 1900 <= n <= 2100))
def test_birth_years_outside_1900_2100_are_refused(year: int) -> None:
    with pytest.raises(InvalidFieldError, match="birth_year"):
        attrs.evolve(_minimal(ag.Participant), birth_year=year)


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyzäöüß -", min_size=1))
def test_a_name_is_never_a_pseudonym(name: str) -> None:
    with pytest.raises(InvalidFieldError, match="pseudonym"):
        attrs.evolve(_minimal(ag.Participant), pseudonym=name)


# -- cross-field rules ----------------------------------------------------------------------


@given(S.dates(), st.integers(1, 1000))
def test_consent_days_may_not_lie_before_it_was_given(given_on: date, days: int) -> None:
    before = given_on - timedelta(days=days)
    for field in ("expires_on", "withdrawn_on"):
        with pytest.raises(InvalidFieldError) as caught:
            Consent(purpose=ConsentPurpose.EVALUATION, given_on=given_on, **{field: before})
        assert caught.value.field == field
        same_day = Consent(
            purpose=ConsentPurpose.EVALUATION, given_on=given_on, **{field: given_on}
        )
        assert getattr(same_day, field) == given_on


def test_data_sharing_consent_needs_a_recipient() -> None:
    with pytest.raises(InvalidFieldError) as caught:
        Consent(purpose=ConsentPurpose.DATA_SHARING, given_on=_D)
    assert caught.value.field == "recipients"
    shared = Consent(purpose=ConsentPurpose.DATA_SHARING, given_on=_D, recipients=["aok-plus"])
    assert shared.recipients == frozenset({"aok-plus"})


def _enrolment(
    status: EnrolmentStatus, history: list[StatusChange], reason: DropoutReason | None = None
) -> Enrolment:
    return Enrolment(
        id="E1",
        participant="TN-1",
        offering_id="O1",
        status=status,
        history=history,
        dropout_reason=reason,
    )


def test_enrolment_history_must_be_in_date_order() -> None:
    a = StatusChange(EnrolmentStatus.REGISTERED, date(2024, 3, 2))
    b = StatusChange(EnrolmentStatus.ACTIVE, date(2024, 3, 1))
    with pytest.raises(InvalidFieldError, match="date order") as caught:
        _enrolment(EnrolmentStatus.ACTIVE, [a, b])
    assert caught.value.field == "history"
    same_day = StatusChange(EnrolmentStatus.ACTIVE, date(2024, 3, 2))
    assert _enrolment(EnrolmentStatus.ACTIVE, [a, same_day]).history == (a, same_day)


@given(st.sampled_from(EnrolmentStatus), st.sampled_from(EnrolmentStatus))
def test_enrolment_history_must_end_in_the_current_status(
    last: EnrolmentStatus, current: EnrolmentStatus
) -> None:
    assume(EnrolmentStatus.DROPPED not in (last, current))
    history = [StatusChange(last, _D)]
    if last is current:
        assert _enrolment(current, history).status is current
    else:
        with pytest.raises(InvalidFieldError, match="current status") as caught:
            _enrolment(current, history)
        assert caught.value.field == "history"


@given(st.sampled_from(EnrolmentStatus), st.none() | st.sampled_from(DropoutReason))
def test_dropout_reason_exactly_when_dropped(
    status: EnrolmentStatus, reason: DropoutReason | None
) -> None:
    if (status is EnrolmentStatus.DROPPED) == (reason is not None):
        assert _enrolment(status, [], reason).dropout_reason is reason
    else:
        with pytest.raises(InvalidFieldError) as caught:
            _enrolment(status, [], reason)
        assert caught.value.field == "dropout_reason"


@given(st.sampled_from(StepStatus), st.none() | S.dates())
def test_step_done_on_exactly_when_done(status: StepStatus, done_on: date | None) -> None:
    if (status is StepStatus.DONE) == (done_on is not None):
        assert (
            Step(id="T1", description="x", due_on=_D, status=status, done_on=done_on).done_on
            == done_on
        )
    else:
        with pytest.raises(InvalidFieldError) as caught:
            Step(id="T1", description="x", due_on=_D, status=status, done_on=done_on)
        assert caught.value.field == "done_on"


@pytest.mark.parametrize(
    ("model", "start", "end"),
    [
        (ag.CooperationAgreement, "valid_from", "valid_until"),
        (ag.Offering, "starts_on", "ends_on"),
        (ag.Referral, "referred_on", "closed_on"),
        (ag.Event, "on", "ends_on"),
    ],
    ids=_id,
)
@given(days=st.integers(-400, 400))
def test_end_dates_may_not_lie_before_start_dates(
    model: type, start: str, end: str, days: int
) -> None:
    base = _minimal(model)
    if model is ag.Referral:  # only a closed referral has a closing day
        base = attrs.evolve(
            base, status=ag.ReferralStatus.COMPLETED, closed_on=getattr(base, start)
        )
    end_day = getattr(base, start) + timedelta(days=days)
    if days >= 0:
        assert getattr(attrs.evolve(base, **{end: end_day}), end) == end_day
    else:
        with pytest.raises(InvalidFieldError) as caught:
            attrs.evolve(base, **{end: end_day})
        assert caught.value.field == end


@pytest.mark.parametrize("status", list(ag.ReferralStatus))
def test_a_referral_has_a_closing_day_exactly_when_it_is_closed(status: ag.ReferralStatus) -> None:
    base = _minimal(ag.Referral)
    closed = status in (ag.ReferralStatus.COMPLETED, ag.ReferralStatus.DECLINED)
    day = base.referred_on + timedelta(days=3)
    good = {"status": status, "closed_on": day if closed else None}
    bad = {"status": status, "closed_on": None if closed else day}
    assert attrs.evolve(base, **good).status is status
    with pytest.raises(InvalidFieldError) as caught:
        attrs.evolve(base, **bad)
    assert caught.value.field == "closed_on"


def test_renewals_must_be_signed_in_order_and_not_before_the_agreement() -> None:
    agreement = _minimal(ag.CooperationAgreement)
    first, second = Renewal(signed_on=_D), Renewal(signed_on=_D + timedelta(days=30))
    assert attrs.evolve(agreement, renewals=[first, second]).renewals == (first, second)
    for bad in ([second, first], [Renewal(signed_on=_D - timedelta(days=1))]):
        with pytest.raises(InvalidFieldError, match="renewals in order") as caught:
            attrs.evolve(agreement, renewals=bad)
        assert caught.value.field == "renewals"


def test_session_start_time_must_be_a_time() -> None:
    session = _minimal(ag.Session)
    assert attrs.evolve(session, starts_at=time(9, 30)).starts_at == time(9, 30)
    with pytest.raises(InvalidFieldError, match="starts_at"):
        attrs.evolve(session, starts_at="09:30")


# -- models are values -----------------------------------------------------------------------


@pytest.mark.parametrize("model", MODELS, ids=_id)
@given(data=st.data())
def test_models_are_frozen_values(model: type, data: st.DataObject) -> None:
    value = data.draw(_instances(model))
    twin = attrs.evolve(value)
    assert twin == value
    assert hash(twin) == hash(value)
    name = attrs.fields(model)[0].name
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        setattr(value, name, getattr(value, name))


@given(S.assessments())
def test_mapping_fields_cannot_be_changed_through_the_model(assessment: ag.Assessment) -> None:
    with pytest.raises(TypeError):
        assessment.answers["new"] = 1  # type: ignore[index]


# -- Participant behaviour -------------------------------------------------------------------


def _person(unemployed_since: date | None, birth_year: int = 1980) -> Participant:
    return Participant(
        pseudonym="TN-1",
        site_id="S1",
        birth_year=birth_year,
        benefit=BenefitType.SGB_II,
        unemployed_since=unemployed_since,
    )


def test_long_term_unemployment_starts_at_exactly_365_days() -> None:
    start = date(2023, 3, 1)
    person = _person(start)
    assert LONG_TERM_UNEMPLOYMENT_DAYS == 365
    assert person.is_long_term_unemployed(start + timedelta(days=364)) is False
    assert person.is_long_term_unemployed(start + timedelta(days=365)) is True
    assert person.unemployment_days(start + timedelta(days=365)) == 365


def test_long_term_unemployment_is_unknown_without_a_start() -> None:
    person = _person(None)
    assert person.is_long_term_unemployed(_D) is None
    assert person.unemployment_days(_D) is None


@given(S.dates(), S.dates())
def test_long_term_unemployment_matches_the_days_counted(start: date, as_of: date) -> None:
    person = _person(start)
    days = (as_of - start).days
    assert person.unemployment_days(as_of) == max(days, 0)
    assert person.is_long_term_unemployed(as_of) is (days >= LONG_TERM_UNEMPLOYMENT_DAYS)


@given(S.dates(min_value=date(1900, 1, 1), max_value=date(2030, 12, 31)), S.dates())
def test_age_bounds_contain_the_true_age(birthday: date, as_of: date) -> None:
    assume(as_of >= birthday)
    person = _person(None, birth_year=birthday.year)
    true_age = (
        as_of.year - birthday.year - ((as_of.month, as_of.day) < (birthday.month, birthday.day))
    )
    low, high = person.age_bounds(as_of)
    assert low <= true_age <= high
    assert high - low <= 1
    assert person.age_in_year(as_of.year) == high


def test_age_bounds_at_the_turn_of_the_year() -> None:
    person = _person(None, birth_year=1980)
    assert person.age_bounds(date(2020, 1, 1)) == (39, 40)
    assert person.age_bounds(date(2020, 12, 31)) == (39, 40)
    assert person.age_bounds(date(1980, 6, 1)) == (0, 0)


# -- Consent validity ------------------------------------------------------------------------


def test_consent_validity_boundaries() -> None:
    given_on, expires_on, withdrawn_on = date(2024, 1, 10), date(2024, 12, 31), date(2024, 6, 1)
    consent = Consent(
        purpose=ConsentPurpose.DATA_SHARING,
        given_on=given_on,
        expires_on=expires_on,
        recipients=["aok-plus"],
        data_categories=[DataCategory.PARTICIPATION],
    )
    sharing = ConsentPurpose.DATA_SHARING
    assert not consent.is_valid(sharing, given_on - timedelta(days=1))
    assert consent.is_valid(sharing, given_on)
    assert consent.is_valid(sharing, expires_on)
    assert not consent.is_valid(sharing, expires_on + timedelta(days=1))
    assert not consent.is_valid(ConsentPurpose.EVALUATION, given_on)
    assert consent.is_valid(sharing, given_on, recipient="aok-plus")
    assert not consent.is_valid(sharing, given_on, recipient="other-insurer")
    assert consent.is_valid(sharing, given_on, category=DataCategory.PARTICIPATION)
    assert not consent.is_valid(sharing, given_on, category=DataCategory.HEALTH_RESTRICTIONS)

    withdrawn = attrs.evolve(consent, withdrawn_on=withdrawn_on)
    assert withdrawn.is_valid(sharing, withdrawn_on - timedelta(days=1))
    assert not withdrawn.is_valid(sharing, withdrawn_on)


def test_consent_without_categories_covers_every_category() -> None:
    consent = Consent(purpose=ConsentPurpose.EVALUATION, given_on=_D)
    for category in DataCategory:
        assert consent.is_valid(ConsentPurpose.EVALUATION, _D, category=category)


def test_consent_withdrawn_the_day_it_was_given_is_never_valid() -> None:
    consent = Consent(purpose=ConsentPurpose.EVALUATION, given_on=_D, withdrawn_on=_D)
    assert not consent.is_valid(ConsentPurpose.EVALUATION, _D)


@given(S.consents(), S.dates(), S.dates(), S.dates())
def test_consent_validity_is_one_interval(consent: Consent, a: date, b: date, c: date) -> None:
    first, middle, last = sorted((a, b, c))
    purpose = consent.purpose
    if consent.is_valid(purpose, first) and consent.is_valid(purpose, last):
        assert consent.is_valid(purpose, middle)
    if consent.is_valid(purpose, middle):
        assert consent.given_on <= middle
        assert consent.withdrawn_on is None or middle < consent.withdrawn_on
        assert consent.expires_on is None or middle <= consent.expires_on


@given(S.participants(), S.dates(), st.sampled_from(ConsentPurpose))
def test_participant_consent_is_any_valid_consent(
    person: Participant, on: date, purpose: ConsentPurpose
) -> None:
    expected = any(c.is_valid(purpose, on) for c in person.consents)
    assert person.has_consent(purpose, on) is expected
    found = person.valid_consent(purpose, on)
    assert (found is not None) is expected
    assert found is None or found in person.consents


# -- CooperationAgreement term ---------------------------------------------------------------


def test_agreement_term_follows_the_last_renewal() -> None:
    agreement = CooperationAgreement(
        id="K1",
        parties=("jc-uh", "aok-plus"),
        valid_from=date(2017, 1, 1),
        valid_until=date(2019, 12, 31),
    )
    assert agreement.ends_on == date(2019, 12, 31)
    assert agreement.is_active(date(2017, 1, 1))
    assert agreement.is_active(date(2019, 12, 31))
    assert not agreement.is_active(date(2020, 1, 1))
    assert not agreement.is_active(date(2016, 12, 31))

    renewed = attrs.evolve(
        agreement,
        renewals=[
            Renewal(signed_on=date(2019, 11, 1), valid_until=date(2025, 12, 31)),
        ],
    )
    assert renewed.ends_on == date(2025, 12, 31)
    assert renewed.is_active(date(2025, 12, 31))
    assert not renewed.is_active(date(2026, 1, 1))

    permanent = attrs.evolve(
        renewed, renewals=[*renewed.renewals, Renewal(signed_on=date(2025, 10, 1))]
    )
    assert permanent.ends_on is None
    assert permanent.is_active(date(2040, 1, 1))
    assert not permanent.is_active(date(2016, 12, 31))


@given(S.cooperation_agreements(), S.dates())
def test_agreement_is_active_exactly_within_its_term(
    agreement: CooperationAgreement, on: date
) -> None:
    end = agreement.renewals[-1].valid_until if agreement.renewals else agreement.valid_until
    assert agreement.ends_on == end
    expected = agreement.valid_from <= on and (end is None or on <= end)
    assert agreement.is_active(on) is expected


def test_a_renewal_counts_only_from_the_day_it_was_signed() -> None:
    # Unstrut-Hainich-Kreis: the 2017 agreement, renewed on 19.12.2024 to the end of 2025.
    agreement = ag.CooperationAgreement(
        id="uh-2017",
        parties=("jc-uh", "aok-plus"),
        valid_from=date(2017, 1, 1),
        valid_until=date(2024, 12, 31),
        renewals=[ag.Renewal(signed_on=date(2024, 12, 19), valid_until=date(2025, 12, 31))],
    )
    assert agreement.ends_on == date(2025, 12, 31)
    assert agreement.end_known_on(date(2024, 6, 30)) == date(2024, 12, 31)
    assert agreement.is_active(date(2025, 6, 30))
    assert not agreement.is_active(date(2025, 6, 30), known_on=date(2024, 6, 30))
    assert agreement.is_active(date(2025, 6, 30), known_on=date(2024, 12, 19))
    assert not agreement.is_active(date(2026, 1, 1))
