"""Serialization at the edges: round trips, determinism and the error format."""

from __future__ import annotations

import json
import types
import typing
from collections.abc import Mapping
from datetime import date, time
from enum import Enum

import attrs
import orjson
import pytest
from _support import DOMAIN_MODELS
from hypothesis import given
from hypothesis import strategies as st

import arbeit_gesundheit as ag
from arbeit_gesundheit import ArbeitGesundheitError, Dataset, DocumentError
from arbeit_gesundheit.converter import dumps, loads, structure, unstructure
from arbeit_gesundheit.testing import strategies as S

MODELS = DOMAIN_MODELS


def _name(cls: type) -> str:
    return cls.__name__


# -- round trips -----------------------------------------------------------------------------


def _is_json_ready(data: object) -> bool:
    if data is None or type(data) in (str, int, float, bool):
        return True
    if type(data) is list:
        return all(_is_json_ready(item) for item in data)
    if type(data) is dict:
        return all(type(k) is str and _is_json_ready(v) for k, v in data.items())
    return False


@pytest.mark.parametrize("model", MODELS, ids=_name)
@given(data=st.data())
def test_every_model_round_trips(model: type, data: st.DataObject) -> None:
    value = data.draw(st.from_type(model))
    plain = unstructure(value)
    assert structure(plain, model) == value
    assert loads(dumps(value), model) == value
    assert loads(dumps(value, indent=True), model) == value
    # JSON-ready data with every field under its own name.
    assert _is_json_ready(plain)
    assert set(plain) == {f.name for f in attrs.fields(model)}
    assert orjson.loads(dumps(value)) == plain


@given(S.participants(), S.sessions())
def test_dates_times_and_enums_are_written_as_strings(
    person: ag.Participant, session: ag.Session
) -> None:
    plain = unstructure(person)
    assert plain["benefit"] == person.benefit.value
    if person.unemployed_since is not None:
        assert plain["unemployed_since"] == person.unemployed_since.isoformat()
    for written, consent in zip(plain["consents"], person.consents, strict=True):
        assert written["given_on"] == consent.given_on.isoformat()
        assert written["recipients"] == sorted(consent.recipients)
    if session.starts_at is not None:
        assert unstructure(session)["starts_at"] == session.starts_at.strftime("%H:%M")


def test_a_dataset_file_reads_like_the_documentation() -> None:
    text = b"""{"participants": [{"pseudonym": "TN-2024-0001", "site_id": "jc-ilm-kreis",
        "birth_year": 1971, "benefit": "sgb2", "unemployed_since": "2022-02-01",
        "consents": [{"purpose": "programme_participation", "given_on": "2024-01-15"}]}]}"""
    dataset = loads(text)
    person = dataset.participants[0]
    assert person.benefit is ag.BenefitType.SGB_II
    assert person.unemployed_since == date(2022, 2, 1)
    assert person.consents[0].legal_basis is ag.LegalBasis.GDPR_ART_9_2_A
    assert dataset.format_version == ag.FORMAT_VERSION


# -- determinism -----------------------------------------------------------------------------


@given(data=st.data())
def test_dumps_of_equal_objects_gives_equal_bytes(data: st.DataObject) -> None:
    model = data.draw(st.sampled_from(MODELS))
    value = data.draw(st.from_type(model))
    copy = loads(dumps(value), model)
    assert copy == value
    assert dumps(copy) == dumps(value)
    assert dumps(value) == dumps(value)


def _rebuilt(value: typing.Any) -> typing.Any:
    """An equal copy whose sets were built in another order (different iteration order)."""
    if isinstance(value, tuple):
        return tuple(_rebuilt(v) for v in value)
    if isinstance(value, frozenset):
        return frozenset(sorted((_rebuilt(v) for v in value), key=repr, reverse=True))
    if attrs.has(type(value)):
        return attrs.evolve(
            value, **{f.name: _rebuilt(getattr(value, f.name)) for f in attrs.fields(type(value))}
        )
    return value


@given(S.datasets())
def test_set_order_does_not_change_the_bytes(dataset: Dataset) -> None:
    twin = _rebuilt(dataset)
    assert twin == dataset
    assert dumps(twin) == dumps(dataset)


def test_mapping_order_does_not_change_the_bytes() -> None:
    one = ag.Assessment(participant="TN-1", instrument="who5", on=date(2024, 1, 1), answers={})
    first = attrs.evolve(one, answers={"i1": 1, "i2": 2})
    second = attrs.evolve(one, answers={"i2": 2, "i1": 1})
    assert first == second
    assert dumps(first) == dumps(second)


# -- every field refuses a value of the wrong JSON type --------------------------------------

_JSON_KINDS: dict[str, st.SearchStrategy[object]] = {
    "string": st.text(max_size=10),
    "integer": st.integers(-(2**40), 2**40),
    "number": st.floats(allow_nan=False, allow_infinity=False),
    "boolean": st.booleans(),
    "null": st.none(),
    "array": st.lists(st.integers() | st.text(max_size=5), max_size=3),
    "object": st.dictionaries(st.text(max_size=5), st.integers(), max_size=3),
}


def _accepted_kinds(hint: typing.Any) -> set[str]:
    """The JSON kinds a field of type ``hint`` may hold (a float also takes an integer)."""
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        kinds = {"null"}
        for arg in typing.get_args(hint):
            if arg is not type(None):
                kinds |= _accepted_kinds(arg)
        return kinds
    origin = typing.get_origin(hint)
    if origin in (tuple, frozenset):
        return {"array"}
    if origin is Mapping or attrs.has(hint):
        return {"object"}
    if hint is bool:
        return {"boolean"}
    if hint is int:
        return {"integer"}
    if hint is float:
        return {"integer", "number"}
    if hint in (str, date, time) or (isinstance(hint, type) and issubclass(hint, Enum)):
        return {"string"}
    raise AssertionError(f"unknown field type {hint!r}")


def _field_cases() -> list[tuple[type, str, list[str]]]:
    cases = []
    for model in MODELS:
        hints = typing.get_type_hints(model)
        for field in attrs.fields(model):
            wrong = sorted(set(_JSON_KINDS) - _accepted_kinds(hints[field.name]))
            cases.append((model, field.name, wrong))
    return cases


FIELD_CASES = _field_cases()


def _document(model: type, data: st.DataObject) -> dict[str, typing.Any]:
    value = Dataset() if model is Dataset else data.draw(st.from_type(model))
    document = unstructure(value)
    assert isinstance(document, dict)
    return document


def _error(document: object, model: type) -> DocumentError | None:
    """The DocumentError structuring raises, or None when the document is accepted.

    Any other exception propagates and fails the test.
    """
    try:
        result = structure(document, model)
    except DocumentError as exc:
        error = exc
    else:
        assert type(result) is model
        return None
    assert error.problems
    return error


def _assert_refused(document: object, model: type, field: str) -> None:
    error = _error(document, model)
    assert error is not None, f"{model.__name__}.{field} accepted {document!r}"
    assert [p.path for p in error.problems] == [f"$.{field}"], error


@given(data=st.data())
def test_every_field_refuses_a_value_of_the_wrong_json_type(data: st.DataObject) -> None:
    model, field, wrong = data.draw(st.sampled_from(FIELD_CASES))
    document = _document(model, data)
    document[field] = data.draw(st.sampled_from(wrong).flatmap(_JSON_KINDS.__getitem__))
    _assert_refused(document, model, field)


@given(data=st.data())
def test_wrong_json_types_never_escape_as_other_exceptions(data: st.DataObject) -> None:
    """Whatever is accepted or refused, only DocumentError leaves ``structure``."""
    model, field, wrong = data.draw(st.sampled_from(FIELD_CASES))
    document = _document(model, data)
    document[field] = data.draw(st.sampled_from(wrong).flatmap(_JSON_KINDS.__getitem__))
    error = _error(document, model)
    if error is not None:
        assert all(p.path.startswith(f"$.{field}") for p in error.problems), error


def _typed_string_fields() -> list[tuple[type, str]]:
    cases = []
    for model, field, _ in FIELD_CASES:
        hint = typing.get_type_hints(model)[field]
        args = [a for a in typing.get_args(hint) if a is not type(None)] or [hint]
        if args[0] in (date, time) or (isinstance(args[0], type) and issubclass(args[0], Enum)):
            cases.append((model, field))
    return cases


@given(data=st.data(), text=st.text(max_size=12))
def test_dates_times_and_enums_refuse_strings_that_are_not_theirs(
    data: st.DataObject, text: str
) -> None:
    model, field = data.draw(st.sampled_from(_typed_string_fields()))
    hint = typing.get_type_hints(model)[field]
    kind = next(a for a in (*typing.get_args(hint), hint) if a is not type(None))
    valid = {m.value for m in kind} if isinstance(kind, type) and issubclass(kind, Enum) else set()
    if text in valid:
        return
    document = _document(model, data)
    document[field] = text
    error = _error(document, model)
    if error is not None:
        assert [p.path for p in error.problems] == [f"$.{field}"], error
    else:
        # Only a real ISO date or time of day may be accepted.
        parsed = date.fromisoformat(text) if kind is date else time.fromisoformat(text)
        assert parsed is not None


# -- the error format on malformed documents -------------------------------------------------


def _enrolment(status: str = "active", **extra: object) -> dict[str, object]:
    return {
        "id": "E1",
        "participant": "TN-2024-0001",
        "offering_id": "O1",
        "status": status,
        **extra,
    }


def _problems(document: object, cls: type = Dataset) -> list[str]:
    with pytest.raises(DocumentError) as caught:
        structure(document, cls)
    assert isinstance(caught.value, ValueError)
    assert isinstance(caught.value, ArbeitGesundheitError)
    for problem in caught.value.problems:
        assert str(problem) in str(caught.value)
    return [str(p) for p in caught.value.problems]


def test_wrong_enum_value_names_the_path_and_the_allowed_values() -> None:
    enrolments = [_enrolment(), _enrolment(), _enrolment(), _enrolment("finished")]
    (problem,) = _problems({"enrolments": enrolments})
    allowed = ", ".join(repr(s.value) for s in ag.EnrolmentStatus)
    assert problem == f"$.enrolments[3].status: 'finished' is not one of {allowed}"


def test_missing_required_key() -> None:
    document = _enrolment()
    del document["offering_id"]
    (problem,) = _problems(document, ag.Enrolment)
    assert problem.startswith("$.offering_id: ")
    assert "missing" in problem


def test_unknown_key_is_refused_and_named() -> None:
    (problem,) = _problems(_enrolment(name="Erika Mustermann"), ag.Enrolment)
    assert problem.startswith("$: ")
    assert "name" in problem
    assert "offering_id" in problem  # the keys that are allowed


def test_unknown_key_in_a_nested_record() -> None:
    (problem,) = _problems({"participants": [_participant(consents=[_consent(extra=1)])]})
    assert problem.startswith("$.participants[0].consents[0]: ")
    assert "extra" in problem


@pytest.mark.parametrize("bad", ["2024-02-30", "01.03.2024", "2024-3-1", "", "2024-03-01T10:00"])
def test_bad_date(bad: str) -> None:
    (problem,) = _problems({"participants": [_participant(unemployed_since=bad)]})
    assert (
        problem
        == f"$.participants[0].unemployed_since: {bad!r} is not a date (expected YYYY-MM-DD)"
    )


@pytest.mark.parametrize("bad", ["TN-1", {"id": 1}, 5])
def test_non_list_where_a_list_is_expected(bad: object) -> None:
    (problem,) = _problems({"participants": bad})
    assert problem.startswith("$.participants: ")
    assert "is not a list" in problem


@pytest.mark.parametrize("bad", [[1, 2], "x", 5, None])
def test_non_object_where_an_object_is_expected(bad: object) -> None:
    problems = _problems({"participants": [bad]})
    assert problems == [f"$.participants[0]: {bad!r} is not an object (expected a Participant)"]
    assert _problems(bad)[0].startswith("$: ")


@pytest.mark.parametrize("text", [b"{", b"", b"[1,]", b"{'a': 1}", b"\xff", '{"a": NaN}'])
def test_invalid_json(text: bytes | str) -> None:
    with pytest.raises(DocumentError) as caught:
        loads(text)
    (problem,) = caught.value.problems
    assert problem.path == "$"
    assert problem.message.startswith("not valid JSON")


def _participant(**changes: object) -> dict[str, object]:
    return {
        "pseudonym": "TN-2024-0001",
        "site_id": "jc-ilm-kreis",
        "birth_year": 1971,
        "benefit": "sgb2",
        **changes,
    }


def _consent(**changes: object) -> dict[str, object]:
    return {"purpose": "evaluation", "given_on": "2024-01-15", **changes}


def test_validator_failures_carry_their_path() -> None:
    (problem,) = _problems({"participants": [_participant(), _participant(pseudonym="Erika")]})
    assert problem.startswith("$.participants[1].pseudonym: expected a pseudonym")
    assert "'Erika'" in problem


def test_cross_field_failures_carry_their_path() -> None:
    consent = _consent(given_on="2024-05-01", expires_on="2024-04-30")
    (problem,) = _problems({"participants": [_participant(consents=[consent])]})
    assert problem.startswith(
        "$.participants[0].consents[0].expires_on: expected a date on or after"
    )


def test_every_problem_in_a_document_is_listed_with_its_path() -> None:
    document = {
        "participants": [
            _participant(benefit="sgb5"),
            _participant(),
            _participant(birth_year=1800, consents=[_consent(given_on="gestern")]),
        ],
        "enrolments": [_enrolment("finished")],
        "events": "Gesundheitstag",
        "favourite_colour": "green",
    }
    problems = _problems(document)
    paths = sorted(p.split(": ")[0] for p in problems)
    assert paths == sorted(
        [
            "$",
            "$.participants[0].benefit",
            "$.participants[2].consents[0].given_on",
            "$.enrolments[0].status",
            "$.events",
        ]
    )
    with pytest.raises(DocumentError) as caught:
        structure(document, Dataset)
    message = str(caught.value)
    assert message.startswith(f"invalid Dataset ({len(problems)} problems):")
    assert message.count("\n") == len(problems)


# -- robustness: nothing but DocumentError escapes -------------------------------------------

_json = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**63), 2**63 - 1)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=12,
)


@pytest.mark.parametrize("model", MODELS, ids=_name)
@given(document=_json)
def test_arbitrary_json_gives_a_model_or_a_document_error(model: type, document: object) -> None:
    _error(document, model)


_nothing = st.just(())
# Records of the kinds with the deepest nesting; the other collections stay empty.
_small_datasets = S.datasets(
    sites=_nothing,
    partners=_nothing,
    coaches=_nothing,
    modules=_nothing,
    offerings=_nothing,
    sessions=_nothing,
    attendances=_nothing,
    needs_assessments=_nothing,
    referrals=_nothing,
    outcomes=_nothing,
    events=_nothing,
    participants=st.lists(S.participants(), max_size=1),
    enrolments=st.lists(S.enrolments(), max_size=1),
    plans=st.lists(S.activity_plans(), max_size=1),
    agreements=st.lists(S.cooperation_agreements(), max_size=1),
    assessments=st.lists(S.assessments(), max_size=1),
    reviews=st.lists(S.annual_reviews(), max_size=1),
)


def _paths(document: object, prefix: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    found = [prefix]
    if isinstance(document, dict):
        for key, value in document.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(document, list):
        for index, value in enumerate(document):
            found += _paths(value, (*prefix, index))
    return found


def _replace(document: typing.Any, path: tuple[typing.Any, ...], value: object) -> typing.Any:
    if not path:
        return value
    head, *rest = path
    copy = dict(document) if isinstance(document, dict) else list(document)
    copy[head] = _replace(document[head], tuple(rest), value)
    return copy


@given(data=st.data())
def test_damaging_any_part_of_a_valid_file_gives_a_document_error_or_a_dataset(
    data: st.DataObject,
) -> None:
    dataset = data.draw(_small_datasets)
    document = json.loads(dumps(dataset))
    path = data.draw(st.sampled_from(_paths(document)))
    damaged = _replace(document, path, data.draw(_json))
    _error(damaged, Dataset)


_DAY = date(2024, 1, 1)
_UNWRITABLE = [
    (
        ag.Event,
        {"id": "V1", "site_id": "S1", "title": "Tag", "on": _DAY, "visitors": 2**64},
        "visitors",
    ),
    (
        ag.Assessment,
        {"participant": "TN-1", "instrument": "who5", "on": _DAY, "answers": {"i1": 2**64}},
        "answers",
    ),
    (
        ag.AnnualReview,
        {"site_id": "S1", "year": 2024, "targets": {"quote": float("inf")}},
        "targets",
    ),
    (
        ag.AnnualReview,
        {"site_id": "S1", "year": 2024, "targets": {"quote": float("nan")}},
        "targets",
    ),
    (
        ag.Session,
        {"offering_id": "O1", "number": 1, "on": _DAY, "starts_at": time(9, 0, 30)},
        "starts_at",
    ),
]


@pytest.mark.parametrize(
    ("model", "kwargs", "field"), _UNWRITABLE, ids=lambda x: getattr(x, "__name__", "")
)
def test_models_refuse_values_their_json_cannot_carry(
    model: type, kwargs: dict[str, object], field: str
) -> None:
    # Values a JSON file cannot carry exactly (ints beyond 64 bits, non-finite numbers,
    # seconds in a minute-precision time) are refused when the model is built, so that
    # every model that exists can be written and read back unchanged.
    with pytest.raises(ag.InvalidFieldError) as info:
        model(**kwargs)
    assert info.value.field == field
