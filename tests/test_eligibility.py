"""The eligibility engine: three-valued combinators, order independence, as-of evaluation,
explanations, audit records and the guard against misbehaving rules."""

from __future__ import annotations

import itertools
from datetime import date, timedelta
from typing import Any

import attrs
import pytest
from attrs import field, frozen
from hypothesis import given
from hypothesis import strategies as st

from arbeit_gesundheit import (
    ArbeitGesundheitError,
    BenefitType,
    FieldOfAction,
    InvalidFieldError,
    Land,
    Module,
    ModuleFormat,
    Participant,
    Site,
    converter,
)
from arbeit_gesundheit.eligibility import (
    AllOf,
    AnyOf,
    AuditRecord,
    CriterionResult,
    Decision,
    EligibilityContext,
    EligibilityRuleError,
    Not,
    Rule,
    RuleFields,
    Verdict,
    all_of,
    any_of,
    evaluate,
    not_,
)
from arbeit_gesundheit.exceptions import DocumentError

MET, NOT_MET, UNKNOWN = Verdict.MET, Verdict.NOT_MET, Verdict.UNKNOWN
AS_OF = date(2024, 3, 1)
PERSON = Participant("p-001", "site-a", 1980, BenefitType.SGB_II)
SITE = Site("site-a", "Jobcenter A", Land.NW, district_keys={"05513"})
MODULE = Module("rundum-fit", "Rundum fit", FieldOfAction.MOVEMENT, ModuleFormat.COURSE_SERIES)
CONTEXT = EligibilityContext(AS_OF, site=SITE, module=MODULE)


@frozen
class Fixed(RuleFields):
    """A test rule with a fixed verdict; unknown names the field ``data_<id>``."""

    verdict: Verdict
    id: str = field(kw_only=True)

    def evaluate(self, participant: Participant, context: EligibilityContext) -> CriterionResult:
        if self.verdict is MET:
            return self.met()
        if self.verdict is NOT_MET:
            return self.not_met()
        return self.unknown(f"data_{self.id}")


# -- trees of fixed rules, with an independent model of what they should decide ------------

verdicts = st.sampled_from(list(Verdict))

# A spec is ("leaf", verdict, valid) or (kind, valid, children) for kind all/any/not;
# ``valid`` says whether the node is valid on AS_OF.
leaf_specs = st.tuples(st.just("leaf"), verdicts, st.booleans())


def _node_specs(children: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(
        st.tuples(
            st.sampled_from(["all", "any"]),
            st.booleans(),
            st.lists(children, min_size=1, max_size=4),
        ),
        st.tuples(st.just("not"), st.booleans(), st.lists(children, min_size=1, max_size=1)),
    )


tree_specs = st.recursive(leaf_specs, _node_specs, max_leaves=10)


def _always_valid(spec: Any) -> Any:
    if spec[0] == "leaf":
        return ("leaf", spec[1], True)
    return (spec[0], True, [_always_valid(child) for child in spec[2]])


def _period(valid: bool, data: Any) -> Any:
    """A validity period around AS_OF: inclusive boundaries when valid, missing it when not."""
    days = data.draw(st.integers(0, 400))
    if valid:
        return data.draw(
            st.sampled_from(
                [
                    {},
                    {"valid_from": AS_OF - timedelta(days)},
                    {"valid_until": AS_OF + timedelta(days)},
                    {"valid_from": AS_OF, "valid_until": AS_OF},
                ]
            )
        )
    return data.draw(
        st.sampled_from(
            [
                {"valid_until": AS_OF - timedelta(days + 1)},
                {"valid_from": AS_OF + timedelta(days + 1)},
            ]
        )
    )


class _Builder:
    def __init__(self, data: Any = None) -> None:
        self.data = data
        self.count = itertools.count()

    def build(self, spec: Any) -> Rule:
        period = _period(self._valid(spec), self.data) if self.data is not None else {}
        if spec[0] == "leaf":
            return Fixed(spec[1], id=f"r{next(self.count)}", **period)
        children = [self.build(child) for child in spec[2]]
        if spec[0] == "all":
            return AllOf(children, **period)
        if spec[0] == "any":
            return AnyOf(children, **period)
        return Not(children[0], **period)

    @staticmethod
    def _valid(spec: Any) -> bool:
        return bool(spec[2] if spec[0] == "leaf" else spec[1])


def _kleene(spec: Any) -> Verdict | None:
    """The expected verdict, written from the definition; None when nothing is valid."""
    if spec[0] == "leaf":
        return spec[1] if spec[2] else None
    if not spec[1]:
        return None
    found = [v for v in (_kleene(child) for child in spec[2]) if v is not None]
    if not found:
        return None
    if spec[0] == "not":
        return {MET: NOT_MET, NOT_MET: MET, UNKNOWN: UNKNOWN}[found[0]]
    if spec[0] == "all":
        if NOT_MET in found:
            return NOT_MET
        return UNKNOWN if UNKNOWN in found else MET
    if MET in found:
        return MET
    return UNKNOWN if UNKNOWN in found else NOT_MET


def _decide(rule: Rule) -> Decision:
    return evaluate(rule, PERSON, CONTEXT)


# -- combinator laws -----------------------------------------------------------------------


@given(st.lists(tree_specs.map(_always_valid), min_size=1, max_size=5))
def test_all_of_is_not_met_exactly_when_some_criterion_is_not_met(specs: list[Any]) -> None:
    builder = _Builder()
    children = [builder.build(spec) for spec in specs]
    found = [_decide(child).verdict for child in children]
    overall = _decide(AllOf(children)).verdict
    assert (overall is NOT_MET) == (NOT_MET in found)
    assert (overall is MET) == all(v is MET for v in found)
    assert (overall is UNKNOWN) == (NOT_MET not in found and UNKNOWN in found)


@given(st.lists(tree_specs.map(_always_valid), min_size=1, max_size=5))
def test_any_of_is_met_exactly_when_some_criterion_is_met(specs: list[Any]) -> None:
    builder = _Builder()
    children = [builder.build(spec) for spec in specs]
    found = [_decide(child).verdict for child in children]
    overall = _decide(AnyOf(children)).verdict
    assert (overall is MET) == (MET in found)
    assert (overall is NOT_MET) == all(v is NOT_MET for v in found)
    assert (overall is UNKNOWN) == (MET not in found and UNKNOWN in found)


@given(tree_specs.map(_always_valid))
def test_not_swaps_met_and_not_met_and_keeps_unknown(spec: Any) -> None:
    rule = _Builder().build(spec)
    inner, outer = _decide(rule), _decide(Not(rule))
    assert outer.verdict is {MET: NOT_MET, NOT_MET: MET, UNKNOWN: UNKNOWN}[inner.verdict]
    assert outer.results == inner.results  # the leaves are the same criteria


@given(tree_specs.map(_always_valid))
def test_decision_matches_kleene_logic_and_has_one_result_per_leaf(spec: Any) -> None:
    rule = _Builder().build(spec)
    decision = _decide(rule)
    assert decision.verdict is _kleene(spec)
    leaves = _leaf_ids(rule)
    assert [r.rule_id for r in decision.results] == sorted(leaves)
    assert all(r.verdict is r.rule.verdict for r in decision.results)  # type: ignore[attr-defined]


def _leaf_ids(rule: Rule) -> set[str]:
    if not rule.children:
        return {rule.id}
    return set().union(*(_leaf_ids(child) for child in rule.children))


def _shuffle(rule: Rule, data: Any) -> Rule:
    if isinstance(rule, (AllOf, AnyOf)):
        children = [_shuffle(child, data) for child in rule.rules]
        return attrs.evolve(rule, rules=data.draw(st.permutations(children)))
    if isinstance(rule, Not):
        return attrs.evolve(rule, rule=_shuffle(rule.rule, data))
    return rule


@given(tree_specs, st.data())
def test_decision_does_not_depend_on_rule_order(spec: Any, data: Any) -> None:
    rule = _Builder(data).build(spec)
    shuffled = _shuffle(rule, data)
    assert _decide(shuffled) == _decide(rule)
    assert _decide(shuffled).audit_record(AS_OF) == _decide(rule).audit_record(AS_OF)


def _prune(rule: Rule) -> Rule | None:
    """Independently of the engine: drop what is not valid on AS_OF."""
    if not rule.is_valid_on(AS_OF):
        return None
    if not rule.children:
        return rule
    kept = [c for c in (_prune(child) for child in rule.children) if c is not None]
    if not kept:
        return None
    if isinstance(rule, Not):
        return Not(kept[0])
    return type(rule)(kept)  # type: ignore[call-arg]


@given(tree_specs, st.data())
def test_evaluation_as_of_a_date_ignores_rules_not_valid_then(spec: Any, data: Any) -> None:
    rule = _Builder(data).build(spec)
    decision = _decide(rule)
    pruned = _prune(rule)
    if pruned is None:
        assert decision.verdict is MET
        assert decision.results == ()
    else:
        assert decision == _decide(pruned)
    expected = _kleene(spec)
    assert decision.verdict is (MET if expected is None else expected)


def test_a_nested_all_of_combines_only_its_own_criteria() -> None:
    # Regression: an inner all-of over the first leaves once looked at every leaf.
    inner = AllOf([Fixed(MET, id="a"), Fixed(MET, id="b")])
    decision = _decide(AllOf([inner, Not(Fixed(NOT_MET, id="c"))]))
    assert decision.verdict is MET
    assert "    ✓ alle folgenden Kriterien" in decision.explain()
    assert _decide(AnyOf([inner, Fixed(NOT_MET, id="c")])).verdict is MET


def test_validity_boundaries_are_inclusive() -> None:
    rule = Fixed(NOT_MET, id="x", valid_from=date(2024, 1, 1), valid_until=date(2024, 12, 31))
    for day, counted in [
        (date(2023, 12, 31), False),
        (date(2024, 1, 1), True),
        (date(2024, 12, 31), True),
        (date(2025, 1, 1), False),
    ]:
        decision = evaluate(rule, PERSON, EligibilityContext(day))
        assert decision.verdict is (NOT_MET if counted else MET)
        assert len(decision.results) == (1 if counted else 0)


def test_a_combinator_with_no_valid_rule_does_not_count() -> None:
    expired = Fixed(NOT_MET, id="old", valid_until=date(2020, 12, 31))
    rule = all_of(
        Fixed(MET, id="a"), any_of(expired, Fixed(NOT_MET, id="b", valid_from=date(2030, 1, 1)))
    )
    decision = _decide(rule)
    assert decision.verdict is MET
    assert [r.rule_id for r in decision.results] == ["a"]
    assert "keine Kriterien" in "\n".join(_decide(expired).explain())


@given(st.sampled_from(list(Verdict)), st.sampled_from(list(Verdict)))
def test_verdict_operators_follow_the_combinators(a: Verdict, b: Verdict) -> None:
    left, right = Fixed(a, id="a"), Fixed(b, id="b")
    assert (a & b) is _decide(AllOf([left, right])).verdict
    assert (a | b) is _decide(AnyOf([left, right])).verdict
    assert ~a is _decide(Not(left)).verdict
    assert ~~a is a


def test_operators_build_flat_combinators() -> None:
    a, b, c = Fixed(MET, id="a"), Fixed(NOT_MET, id="b"), Fixed(UNKNOWN, id="c")
    assert a & b & c == AllOf([a, b, c])
    assert a | b | c == AnyOf([a, b, c])
    assert ~a == Not(a)
    assert not_(a) == Not(a)
    assert (a & b) | c == AnyOf([AllOf([a, b]), c])
    labelled = all_of(a, b, label_de="Grundvoraussetzungen")
    assert all_of(labelled, c).rules == (labelled, c)  # a labelled group stays a group


def test_combinators_refuse_bad_children() -> None:
    with pytest.raises(InvalidFieldError, match="rules"):
        AllOf([])
    with pytest.raises(InvalidFieldError, match="Rule"):
        AnyOf(["not a rule"])  # type: ignore[list-item]
    with pytest.raises(InvalidFieldError, match="valid_until"):
        AllOf([Fixed(MET, id="a")], valid_from=date(2024, 2, 1), valid_until=date(2024, 1, 1))


def test_several_rules_mean_all_of_them() -> None:
    rules = [Fixed(MET, id="a"), Fixed(UNKNOWN, id="b")]
    assert evaluate(rules, PERSON, CONTEXT) == _decide(AllOf(rules))


# -- explanations --------------------------------------------------------------------------


def test_explanation_in_german_and_english() -> None:
    rule = all_of(
        Fixed(MET, id="a", label_de="Kriterium A", label_en="criterion A"), Fixed(UNKNOWN, id="b")
    )
    decision = _decide(rule)
    german, english = decision.explain(), decision.explain("en")
    assert german[0] == "Ergebnis zum 01.03.2024: unbekannt (Standort site-a, Modul rundum-fit)"
    assert english[0] == "Outcome as of 2024-03-01: unknown (site site-a, module rundum-fit)"
    assert "    ✓ Kriterium A: erfüllt" in german
    assert "    ✓ criterion A: met" in english
    assert "    ? b: unbekannt (es fehlt: data_b)" in german
    assert german[-1] == "Es fehlen: data_b"
    assert english[-1] == "Missing: data_b"
    assert decision.missing == ("data_b",)
    assert decision.result_for("b").missing == ("data_b",)
    with pytest.raises(InvalidFieldError, match="rule_id"):
        decision.result_for("zzz")


@given(tree_specs.map(_always_valid), st.sampled_from(["de", "en"]))
def test_explanation_has_a_line_per_criterion_and_combinator(spec: Any, lang: Any) -> None:
    rule = _Builder().build(spec)
    decision = _decide(rule)
    lines = decision.explain(lang)
    marks = [line.strip()[0] for line in lines[1:] if line.startswith("  ")]
    assert marks.count(decision.verdict.symbol) >= 1
    assert len(marks) >= len(decision.results)
    for result in decision.results:
        assert any(result.explain(lang) in line for line in lines)
    assert set(decision.missing) == {
        f"data_{r.rule_id}" for r in decision.results if r.verdict is UNKNOWN
    }


def test_combinator_evaluate_gives_a_result_with_the_decision() -> None:
    rule = any_of(Fixed(NOT_MET, id="a"), Fixed(UNKNOWN, id="b"))
    result = rule(PERSON, CONTEXT)
    assert result.verdict is UNKNOWN
    assert result.missing == ("data_b",)
    assert result.reason() == "unbekannt (0 erfüllt, 1 nicht erfüllt, 1 unbekannt)"
    assert result.reason("en") == "unknown (0 met, 1 not met, 1 unknown)"
    assert result.detail == _decide(rule)


# -- audit records -------------------------------------------------------------------------


@given(
    tree_specs,
    st.data(),
    st.from_regex(r"PSEUDO-[0-9]{6}", fullmatch=True),
    st.dates(date(2000, 1, 1), date(2040, 12, 31)),
)
def test_audit_record_has_no_personal_data_and_round_trips(
    spec: Any, data: Any, pseudonym: str, evaluated_on: date
) -> None:
    rule = _Builder(data).build(spec)
    person = attrs.evolve(PERSON, pseudonym=pseudonym)
    decision = evaluate(rule, person, CONTEXT)
    record = decision.audit_record(evaluated_on)
    raw = converter.dumps(record)
    assert pseudonym.encode() not in raw
    assert b"PSEUDO" not in raw
    tree = converter.unstructure(record)
    assert set(tree) == {"verdict", "criteria", "as_of", "evaluated_on", "site_id", "module_id"}
    assert tree["verdict"] == decision.verdict.value
    assert [c["rule_id"] for c in tree["criteria"]] == [r.rule_id for r in decision.results]
    assert converter.loads(raw, AuditRecord) == record
    assert record.site_id == "site-a"
    assert record.module_id == "rundum-fit"
    assert record.as_of == AS_OF
    assert record.evaluated_on == evaluated_on


def test_audit_record_defaults_to_today_and_checks_its_date() -> None:
    record = _decide(Fixed(MET, id="a")).audit_record()
    assert record.evaluated_on == date.today()
    with pytest.raises(InvalidFieldError):
        _decide(Fixed(MET, id="a")).audit_record("2024-01-01")  # type: ignore[arg-type]
    with pytest.raises(DocumentError):
        converter.loads(b'{"verdict": "maybe"}', AuditRecord)


# -- misbehaving rules ---------------------------------------------------------------------


@frozen
class Broken(Rule):
    id: str = "site.broken"

    def evaluate(self, participant: Participant, context: EligibilityContext) -> CriterionResult:
        return {"oops": 1}["missing"]  # type: ignore[return-value]


@frozen
class WrongType(Rule):
    id: str = "site.wrong_type"

    def evaluate(self, participant: Participant, context: EligibilityContext) -> CriterionResult:
        return True  # type: ignore[return-value]


@frozen
class Impostor(Rule):
    id: str = "site.impostor"

    def evaluate(self, participant: Participant, context: EligibilityContext) -> CriterionResult:
        return Fixed(MET, id="other").met()


@frozen
class BadVerdict(Rule):
    id: str = "site.bad_verdict"

    def evaluate(self, participant: Participant, context: EligibilityContext) -> CriterionResult:
        return CriterionResult(self, "met")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        (Broken(), "raised KeyError"),
        (WrongType(), "returned bool"),
        (Impostor(), "result of another rule"),
        (BadVerdict(), "verdict 'met'"),
    ],
)
def test_a_misbehaving_rule_raises_an_error_naming_it(rule: Rule, message: str) -> None:
    tree = all_of(Fixed(MET, id="fine"), any_of(Fixed(NOT_MET, id="also_fine"), rule))
    with pytest.raises(EligibilityRuleError, match=message) as caught:
        _decide(tree)
    assert caught.value.rule_id == rule.id
    assert rule.id in str(caught.value)
    assert isinstance(caught.value, ArbeitGesundheitError)


def test_rules_need_distinct_ids() -> None:
    a = Fixed(MET, id="same")
    assert _decide(all_of(a, any_of(a, Fixed(NOT_MET, id="x")))).verdict is MET  # same rule twice
    with pytest.raises(EligibilityRuleError, match="share the id") as caught:
        _decide(all_of(a, Fixed(NOT_MET, id="same")))
    assert caught.value.rule_id == "same"

    @frozen
    class NoId(Rule):
        def evaluate(
            self, participant: Participant, context: EligibilityContext
        ) -> CriterionResult:
            return self.met()

    with pytest.raises(EligibilityRuleError, match="identifier"):
        _decide(NoId())


def test_a_plain_rule_uses_the_default_texts_and_is_always_valid() -> None:
    @frozen
    class Plain(Rule):
        id: str = "site.plain"

        def evaluate(
            self, participant: Participant, context: EligibilityContext
        ) -> CriterionResult:
            return self.unknown("x")

    rule = Plain()
    result = rule(PERSON, CONTEXT)
    assert rule.label() == "site.plain"
    assert result.reason() == "unbekannt (es fehlt: x)"
    assert result.reason("en") == "unknown (missing: x)"
    assert rule.is_valid_on(date(1900, 1, 1))
    assert result.explain("en") == "? site.plain: unknown (missing: x)"


def test_context_checks_its_fields_and_switches_modules_cheaply() -> None:
    with pytest.raises(InvalidFieldError, match="as_of"):
        EligibilityContext("2024-01-01")  # type: ignore[arg-type]
    with pytest.raises(InvalidFieldError, match="enrolled_module_ids"):
        EligibilityContext(AS_OF, enrolled_module_ids={"not an id"})
    other = attrs.evolve(MODULE, id="other")
    switched = CONTEXT.for_module(other)
    assert switched == attrs.evolve(CONTEXT, module=other)
    assert CONTEXT.for_module(None).module is None
    with pytest.raises(InvalidFieldError, match="module"):
        CONTEXT.for_module("rundum-fit")  # type: ignore[arg-type]
