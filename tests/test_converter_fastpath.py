"""The converter's generated fast paths agree with cattrs' detailed path, byte for byte.

Loading tries generated hooks first and, on any failure, structures again with cattrs'
detailed validation to report every problem (``loads`` parses again for that, since its
fast path empties the lists of its own parse as it goes). So the fast path must never accept a document
the detailed path rejects, and must build the same objects when both accept. ``dumps`` streams
objects to orjson with dates and enums left native; its bytes must equal those of
``orjson.dumps(unstructure(...))``.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import attrs
import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

import arbeit_gesundheit as ag
from arbeit_gesundheit import converter
from arbeit_gesundheit.converter import _converter, _fast, dumps, loads, structure, unstructure
from arbeit_gesundheit.exceptions import DocumentError
from arbeit_gesundheit.testing import strategies as S

MODELS = [
    ag.Participant,
    ag.HealthRestriction,
    ag.WorkCapacity,
    ag.Consent,
    ag.Site,
    ag.Partner,
    ag.CooperationAgreement,
    ag.Renewal,
    ag.Coach,
    ag.Module,
    ag.Certification,
    ag.Offering,
    ag.Session,
    ag.Enrolment,
    ag.StatusChange,
    ag.Attendance,
    ag.ActivityPlan,
    ag.Goal,
    ag.Step,
    ag.PlanReview,
    ag.Recommendation,
    ag.Referral,
    ag.NeedsAssessment,
    ag.Assessment,
    ag.Outcome,
    ag.Event,
    ag.AnnualReview,
    ag.ReviewNote,
    ag.Dataset,
]

_FRESH = converter.make_converter()

json_leaves = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 3000),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from(["", "x", "other", "2024-01-15", "2024-02-30", "09:30", "sgb2", "P-01"]),
    st.text(max_size=8),
)
json_values = st.recursive(
    json_leaves,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=6,
)


def _name(model: type) -> str:
    return model.__name__


def _places(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path into a JSON-ready tree (the root is the empty path)."""
    places = [path]
    if isinstance(data, dict):
        for key, value in data.items():
            places += _places(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            places += _places(value, (*path, index))
    return places


def _get(data: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        data = data[step]
    return data


def _outcome(func: Any, data: Any, model: type) -> tuple[str, Any]:
    try:
        return "ok", func(data, model)
    except Exception as exc:
        return "error", type(exc)


def _exactly_json(data: Any) -> bool:
    """Only exact dict, list, str, int, float, bool and None: no str subclasses (enums)."""
    if type(data) is dict:
        return all(type(k) is str and _exactly_json(v) for k, v in data.items())
    if type(data) is list:
        return all(_exactly_json(v) for v in data)
    return data is None or type(data) in (str, int, float, bool)


@pytest.mark.parametrize("model", MODELS, ids=_name)
@given(data=st.data())
def test_generated_paths_agree_with_cattrs(model: type, data: st.DataObject) -> None:
    value = data.draw(st.from_type(model))
    plain = unstructure(value)
    # unstructure: JSON-ready data, enums and dates as plain str.
    assert _exactly_json(plain)
    assert _exactly_json(_FRESH.unstructure(value))
    # dumps: the bytes of the JSON-ready form, however it gets there.
    assert dumps(value) == orjson.dumps(plain)
    assert dumps(value, indent=True) == orjson.dumps(plain, option=orjson.OPT_INDENT_2)
    assert dumps([value, value]) == orjson.dumps([plain, plain])
    # structuring: the generated fast path builds what cattrs' detailed path builds.
    assert _converter._fast_converter.structure(plain, model) == value
    assert _converter._detailed_converter.structure(plain, model) == value


@pytest.mark.parametrize(
    "model", [ag.Participant, ag.Enrolment, ag.Module, ag.Session, ag.Assessment], ids=_name
)
@given(data=st.data())
def test_fast_path_never_accepts_what_the_detailed_path_rejects(
    model: type, data: st.DataObject
) -> None:
    document = unstructure(data.draw(st.from_type(model)))
    path = data.draw(st.sampled_from(_places(document)))
    action = data.draw(st.sampled_from(["replace", "delete", "add key"]))
    if not path:
        document = data.draw(json_values)
    elif action == "delete" or (action == "add key" and not isinstance(_get(document, path), dict)):
        parent = _get(document, path[:-1])
        del parent[path[-1]]
    elif action == "add key":
        _get(document, path)[data.draw(st.text(max_size=5))] = data.draw(json_values)
    else:
        _get(document, path[:-1])[path[-1]] = data.draw(json_values)

    fast = _outcome(_converter._fast_converter.structure, document, model)
    detailed = _outcome(_converter._detailed_converter.structure, document, model)
    if fast[0] == "ok":
        assert detailed == fast
    public = _outcome(structure, document, model)
    assert public == detailed if detailed[0] == "ok" else public == ("error", DocumentError)
    # loads empties the lists of its own parse on the fast path; the outcome is the same,
    # down to the problems reported.
    assert _report(loads, orjson.dumps(document), model) == _report(structure, document, model)


def _report(func: Any, data: Any, model: type) -> Any:
    try:
        return func(data, model)
    except DocumentError as error:
        return [str(problem) for problem in error.problems]


def test_loads_reports_a_late_problem_after_reading_much_of_the_file() -> None:
    people = [
        unstructure(
            ag.Participant(
                pseudonym=f"P-{number:04d}",
                site_id="s",
                birth_year=1970,
                benefit=ag.BenefitType.SGB_II,
                consents=[ag.Consent(ag.ConsentPurpose.EVALUATION, given_on=date(2024, 1, 1))],
            )
        )
        for number in range(50)
    ]
    people[-1]["consents"][0]["purpose"] = "marketing"
    text = orjson.dumps({"participants": people})
    with pytest.raises(DocumentError) as excinfo:
        loads(text)
    assert [str(p) for p in excinfo.value.problems] == [
        "$.participants[49].consents[0].purpose: 'marketing' is not one of "
        "'programme_participation', 'health_data_processing', 'data_sharing', "
        "'evaluation', 'contact'"
    ]
    people[-1]["consents"][0]["purpose"] = "evaluation"
    assert len(loads(orjson.dumps({"participants": people})).participants) == 50


@attrs.frozen
class _NotedConsent(ag.Consent):
    """A subclass with one more field, as a downstream project might define."""

    note: str = "extra"


@given(S.participants())
def test_dumps_writes_subclass_instances_as_their_declared_type(person: ag.Participant) -> None:
    """Streaming goes by an object's own class; a subclass must not change the bytes."""
    noted = _NotedConsent(ag.ConsentPurpose.EVALUATION, given_on=date(2024, 1, 1))
    person = attrs.evolve(person, consents=(*person.consents, noted))
    assert dumps(person) == orjson.dumps(unstructure(person))
    assert b"extra" not in dumps(person)


def test_the_date_cache_stays_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_fast, "_DATES", {})
    monkeypatch.setattr(_fast, "_DATE_CACHE_LIMIT", 5)
    for day in range(1, 20):
        text = f"2024-03-{day:02d}"
        assert _fast._structure_date_cached(text) == date(2024, 3, day)
    assert len(_fast._DATES) == 5


def test_the_date_cache_does_not_accept_str_subclasses() -> None:
    class Text(str):
        pass

    _fast._structure_date_cached("2024-01-15")  # now cached
    with pytest.raises(ValueError, match="is not a date"):
        _fast._structure_date_cached(Text("2024-01-15"))


def test_generated_code_shows_in_tracebacks() -> None:
    document = unstructure(
        ag.Participant(pseudonym="P-001", site_id="s", birth_year=1970, benefit=ag.BenefitType.NONE)
    )
    document["benefit"] = "unknown"
    with pytest.raises(KeyError) as excinfo:
        _converter._fast_converter.structure(document, ag.Participant)
    lines = "".join(str(entry.statement) for entry in excinfo.traceback)
    assert "__e3[o['benefit']]" in lines
