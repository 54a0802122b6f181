"""The eligibility engine: rules, three-valued verdicts, combinators and explained decisions.

A rule is a small frozen object with a stable ``id`` and an ``evaluate(participant, context)``
method giving a :class:`CriterionResult`. Rules combine with :class:`AllOf`, :class:`AnyOf` and
:class:`Not` under Kleene's three-valued logic (met, not met, unknown). :func:`evaluate` turns a
rule tree into a :class:`Decision` with one result per leaf criterion, evaluated as of a date:
rules whose validity period does not cover that date do not count at all.

Hot path: a rule tree is compiled once per as-of date (flattened, invalid rules dropped, leaves
sorted by id); results keep a reason *code* (the rule and a detail value) and texts are only
rendered when someone asks for them.
"""

from __future__ import annotations

import abc
from collections.abc import Callable, Iterable
from datetime import date
from enum import StrEnum
from operator import itemgetter
from typing import TYPE_CHECKING, Any

import attrs
from attrs import field, frozen

from ..exceptions import EligibilityRuleError, InvalidFieldError
from ..model import Language, Module, Site
from ..model import _validators as v

if TYPE_CHECKING:
    from ..model import Participant

__all__ = [
    "AllOf",
    "AnyOf",
    "AuditCriterion",
    "AuditRecord",
    "CriterionResult",
    "Decision",
    "EligibilityContext",
    "Not",
    "Rule",
    "RuleFields",
    "Verdict",
    "all_of",
    "any_of",
    "evaluate",
    "format_date",
    "not_",
]


class Verdict(StrEnum):
    """The outcome of a criterion: met, not met, or unknown because data are missing.

    ``&``, ``|`` and ``~`` follow Kleene's strong three-valued logic: not met wins an
    "and", met wins an "or", and unknown stays unknown under "not".
    """

    MET = "met"
    NOT_MET = "not_met"
    UNKNOWN = "unknown"

    def __and__(self, other: object) -> Verdict:
        if not isinstance(other, Verdict):
            return NotImplemented
        if self is Verdict.NOT_MET or other is Verdict.NOT_MET:
            return Verdict.NOT_MET
        if self is Verdict.UNKNOWN or other is Verdict.UNKNOWN:
            return Verdict.UNKNOWN
        return Verdict.MET

    def __or__(self, other: object) -> Verdict:
        if not isinstance(other, Verdict):
            return NotImplemented
        if self is Verdict.MET or other is Verdict.MET:
            return Verdict.MET
        if self is Verdict.UNKNOWN or other is Verdict.UNKNOWN:
            return Verdict.UNKNOWN
        return Verdict.NOT_MET

    def __invert__(self) -> Verdict:
        return _NEGATED[self]

    def label(self, lang: Language = "de") -> str:
        """``"erfüllt"``, ``"nicht erfüllt"``, ``"unbekannt"`` (or English)."""
        return _VERDICT_LABELS[self][0 if lang == "de" else 1]

    @property
    def symbol(self) -> str:
        """A one-character mark for listings: ✓, ✗ or ?."""
        return _VERDICT_SYMBOLS[self]


_MET, _NOT_MET, _UNKNOWN = Verdict.MET, Verdict.NOT_MET, Verdict.UNKNOWN
_NEGATED = {_MET: _NOT_MET, _NOT_MET: _MET, _UNKNOWN: _UNKNOWN}
_VERDICT_LABELS = {
    _MET: ("erfüllt", "met"),
    _NOT_MET: ("nicht erfüllt", "not met"),
    _UNKNOWN: ("unbekannt", "unknown"),
}
_VERDICT_SYMBOLS = {_MET: "✓", _NOT_MET: "✗", _UNKNOWN: "?"}


def format_date(day: date, lang: Language = "de") -> str:
    """A date as people read it: ``01.03.2024`` in German, ``2024-03-01`` in English."""
    return f"{day.day:02d}.{day.month:02d}.{day.year}" if lang == "de" else day.isoformat()


def _modules_converter(value: Iterable[str]) -> frozenset[str]:
    return v.to_frozenset(value)


@frozen
class EligibilityContext:
    """What a rule may know besides the participant (Prüfkontext).

    ``as_of`` is the day the decision is about (Stichtag); ``site`` and ``module`` say where
    and for what; ``enrolled_module_ids`` are the modules the person already takes part in
    (the engine cannot know enrolments otherwise). More fields may be added, always with
    defaults, so rules written today keep working.
    """

    as_of: date = field(validator=v.a_date)
    site: Site | None = field(default=None, validator=v.optional_instance_of(Site))
    module: Module | None = field(default=None, validator=v.optional_instance_of(Module))
    enrolled_module_ids: frozenset[str] = field(
        default=frozenset(), converter=_modules_converter, validator=v.identifiers
    )

    def for_module(self, module: Module | None) -> EligibilityContext:
        """The same context for another module (cheap: the other fields are already checked)."""
        if module is not None and type(module) is not Module and not isinstance(module, Module):
            raise InvalidFieldError("EligibilityContext", "module", "a Module or nothing", module)
        clone = object.__new__(EligibilityContext)
        setter = object.__setattr__
        for name in _CONTEXT_FIELDS:
            setter(clone, name, getattr(self, name))
        setter(clone, "module", module)
        return clone


_CONTEXT_FIELDS = tuple(a.name for a in attrs.fields(EligibilityContext))


@frozen
class CriterionResult:
    """The result of one criterion for one person.

    Keeps the ``rule`` that produced it, the ``verdict``, a ``detail`` value the rule uses to
    word its reason (a number of days, a benefit type …) and ``missing``: the names of the
    participant's data fields whose absence made the verdict unknown (``"unemployed_since"``).
    The reason text is rendered only on request, German by default.
    """

    rule: Rule
    verdict: Verdict
    detail: Any = None
    missing: tuple[str, ...] = ()

    @property
    def rule_id(self) -> str:
        """The stable identifier of the rule."""
        return self.rule.id

    def label(self, lang: Language = "de") -> str:
        """What the criterion asks for (the rule's label)."""
        return self.rule.label(lang)

    def reason(self, lang: Language = "de") -> str:
        """Why the verdict is what it is, for people to read (German by default)."""
        return self.rule.reason(self, lang)

    def explain(self, lang: Language = "de") -> str:
        """One line: mark, label and reason (``✗ langzeitarbeitslos …: seit 200 Tagen …``)."""
        return f"{self.verdict.symbol} {self.label(lang)}: {self.reason(lang)}"


class Rule(abc.ABC):
    """Base class of eligibility rules (Zugangskriterien).

    A rule is a plain, frozen object (write it with ``@attrs.frozen``) that can be tested
    offline as a function: ``rule.evaluate(participant, context)`` or ``rule(participant,
    context)`` returns a :class:`CriterionResult`. It must never raise for a valid
    participant: missing data give :attr:`Verdict.UNKNOWN` with the field named in
    ``missing`` (use :meth:`met`, :meth:`not_met` and :meth:`unknown`).

    Every rule has a stable ``id`` (an identifier; a site prefixes its own, such as
    ``"gelsenkirchen.min_age"``). ``label_de``/``label_en`` say what the rule asks for and
    ``valid_from``/``valid_until`` (inclusive, None = open) its validity period; the class
    defaults below apply unless a subclass declares them as fields. :meth:`evaluate` itself
    ignores the validity period: :func:`evaluate` (the engine) leaves out rules not valid on
    the as-of date.
    """

    __slots__ = ()

    id: str
    label_de: str | None = None
    label_en: str | None = None
    valid_from: date | None = None
    valid_until: date | None = None

    @abc.abstractmethod
    def evaluate(self, participant: Participant, context: EligibilityContext) -> CriterionResult:
        """Evaluate the criterion for one person; never raises for a valid participant."""

    def __call__(self, participant: Participant, context: EligibilityContext) -> CriterionResult:
        return self.evaluate(participant, context)

    # -- results -------------------------------------------------------------------------

    def met(self, detail: Any = None) -> CriterionResult:
        """A result saying the criterion is met."""
        return CriterionResult(self, _MET, detail)

    def not_met(self, detail: Any = None) -> CriterionResult:
        """A result saying the criterion is not met."""
        return CriterionResult(self, _NOT_MET, detail)

    def unknown(self, *missing: str, detail: Any = None) -> CriterionResult:
        """A result saying the data do not decide, naming the missing fields."""
        return CriterionResult(self, _UNKNOWN, detail, missing)

    # -- texts ---------------------------------------------------------------------------

    def label(self, lang: Language = "de") -> str:
        """What the rule asks for, for people to read; falls back to the ``id``."""
        text = self.label_de if lang == "de" else self.label_en
        return text or self.label_de or self.label_en or self.id

    def reason(self, result: CriterionResult, lang: Language = "de") -> str:
        """Why ``result`` has its verdict; rules override this to say more."""
        text = result.verdict.label(lang)
        if result.missing:
            names = ", ".join(result.missing)
            text += f" (es fehlt: {names})" if lang == "de" else f" (missing: {names})"
        return text

    # -- validity ------------------------------------------------------------------------

    def is_valid_on(self, day: date) -> bool:
        """Whether the rule applies on ``day`` (its validity period is inclusive)."""
        start, end = self.valid_from, self.valid_until
        return (start is None or start <= day) and (end is None or day <= end)

    @property
    def children(self) -> tuple[Rule, ...]:
        """The sub-rules of a combinator; empty for a leaf criterion."""
        return ()

    # -- operators -----------------------------------------------------------------------

    def __and__(self, other: Rule) -> AllOf:
        if not isinstance(other, Rule):
            return NotImplemented
        return all_of(self, other)

    def __or__(self, other: Rule) -> AnyOf:
        if not isinstance(other, Rule):
            return NotImplemented
        return any_of(self, other)

    def __invert__(self) -> Not:
        return Not(self)


# -- combinators ---------------------------------------------------------------------------


def _children_converter(value: Iterable[Rule]) -> tuple[Rule, ...]:
    return v.to_tuple(value)


def _check_children(inst: object, attr: attrs.Attribute[Any], value: tuple[object, ...]) -> None:
    if not value:
        v.fail(inst, attr, "at least one rule", value)
    for child in value:
        if not isinstance(child, Rule):
            v.fail(inst, attr, "rules (instances of Rule)", child)


def _check_rule(inst: object, attr: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, Rule):
        v.fail(inst, attr, "a rule (instance of Rule)", value)


@frozen
class RuleFields(Rule):
    """A base for rules written with attrs: keyword-only ``label_de``, ``label_en``,
    ``valid_from`` and ``valid_until`` fields (subclasses add ``id`` and their own fields)."""

    label_de: str | None = field(default=None, kw_only=True, validator=v.optional_text())
    label_en: str | None = field(default=None, kw_only=True, validator=v.optional_text())
    valid_from: date | None = field(default=None, kw_only=True, validator=v.optional_date)
    valid_until: date | None = field(
        default=None, kw_only=True, validator=v.not_before("valid_from")
    )
    # Results are immutable, so a rule can hand out the same result object for the same
    # verdict and detail: most criteria have few distinct outcomes (benefit types, districts,
    # ages), and reusing them saves building millions of objects in a batch.
    _results: dict[tuple[Verdict, Any, tuple[str, ...]], CriterionResult] = field(
        init=False, factory=dict, eq=False, hash=False, repr=False
    )

    def _result(
        self, verdict: Verdict, detail: Any = None, missing: tuple[str, ...] = ()
    ) -> CriterionResult:
        """The result for ``verdict``, ``detail`` and ``missing``, reused when seen before
        (``detail`` must be hashable)."""
        key = (verdict, detail, missing)
        cache = self._results
        result = cache.get(key)
        if result is None:
            result = CriterionResult(self, verdict, detail, missing)
            if len(cache) < _MAX_CACHED_RESULTS:
                cache[key] = result
        return result


_MAX_CACHED_RESULTS = 4096


@frozen
class _Combinator(RuleFields):
    """Shared behaviour of the combinators."""

    id: str = field(kw_only=True, validator=v.identifier)

    def evaluate(self, participant: Participant, context: EligibilityContext) -> CriterionResult:
        """The combined result, as the engine would decide it (children valid on the as-of
        date only); ``detail`` is the :class:`Decision` with the per-criterion results."""
        decision = evaluate(self, participant, context)
        return CriterionResult(self, decision.verdict, decision, decision.missing)

    def reason(self, result: CriterionResult, lang: Language = "de") -> str:
        text = result.verdict.label(lang)
        if isinstance(result.detail, Decision):
            counts = result.detail.counts()
            if lang == "de":
                text += (
                    f" ({counts[_MET]} erfüllt, {counts[_NOT_MET]} nicht erfüllt, "
                    f"{counts[_UNKNOWN]} unbekannt)"
                )
            else:
                text += (
                    f" ({counts[_MET]} met, {counts[_NOT_MET]} not met, {counts[_UNKNOWN]} unknown)"
                )
        return text


@frozen
class AllOf(_Combinator):
    """All of the rules must be met (und): not met as soon as one is not met, unknown when
    none is not met but some are unknown."""

    rules: tuple[Rule, ...] = field(converter=_children_converter, validator=_check_children)
    id: str = field(default="all_of", kw_only=True, validator=v.identifier)

    @property
    def children(self) -> tuple[Rule, ...]:
        return self.rules

    def label(self, lang: Language = "de") -> str:
        if self.label_de or self.label_en:
            return super().label(lang)
        return "alle folgenden Kriterien" if lang == "de" else "all of the following"


@frozen
class AnyOf(_Combinator):
    """At least one of the rules must be met (oder): met as soon as one is met, unknown when
    none is met but some are unknown."""

    rules: tuple[Rule, ...] = field(converter=_children_converter, validator=_check_children)
    id: str = field(default="any_of", kw_only=True, validator=v.identifier)

    @property
    def children(self) -> tuple[Rule, ...]:
        return self.rules

    def label(self, lang: Language = "de") -> str:
        if self.label_de or self.label_en:
            return super().label(lang)
        return "mindestens eines der folgenden" if lang == "de" else "any of the following"


@frozen
class Not(_Combinator):
    """The rule must not be met (nicht): swaps met and not met, keeps unknown."""

    rule: Rule = field(validator=_check_rule)
    id: str = field(default="not", kw_only=True, validator=v.identifier)

    @property
    def children(self) -> tuple[Rule, ...]:
        return (self.rule,)

    def label(self, lang: Language = "de") -> str:
        if self.label_de or self.label_en:
            return super().label(lang)
        return "nicht:" if lang == "de" else "not:"


def _is_plain(rule: Rule, cls: type[_Combinator]) -> bool:
    """A combinator without own id, labels or validity, which can be merged into its parent."""
    return (
        type(rule) is cls
        and rule.id == attrs.fields(cls).id.default
        and rule.label_de is None
        and rule.label_en is None
        and rule.valid_from is None
        and rule.valid_until is None
    )


def all_of(*rules: Rule, **options: Any) -> AllOf:
    """All of ``rules`` (nested plain all-ofs are merged); ``options`` as for :class:`AllOf`."""
    flat: list[Rule] = []
    for rule in rules:
        flat.extend(rule.children if _is_plain(rule, AllOf) else (rule,))
    return AllOf(flat, **options)


def any_of(*rules: Rule, **options: Any) -> AnyOf:
    """Any of ``rules`` (nested plain any-ofs are merged); ``options`` as for :class:`AnyOf`."""
    flat: list[Rule] = []
    for rule in rules:
        flat.extend(rule.children if _is_plain(rule, AnyOf) else (rule,))
    return AnyOf(flat, **options)


def not_(rule: Rule, **options: Any) -> Not:
    """Not ``rule``; ``options`` as for :class:`Not`."""
    return Not(rule, **options)


# -- decisions and audit records -----------------------------------------------------------


@frozen
class AuditCriterion:
    """One criterion in an audit record: the rule id, its verdict and the missing field names."""

    rule_id: str
    verdict: Verdict
    missing: tuple[str, ...] = ()


@frozen
class AuditRecord:
    """What an audit trail keeps of a decision (Prüfvermerk), without personal data.

    Rule ids with their verdicts, the outcome, the as-of date, site and module, and the day
    the decision was made. No pseudonym and no personal values (no days, ages or
    categories): only which rule said what.
    """

    verdict: Verdict
    criteria: tuple[AuditCriterion, ...]
    as_of: date
    evaluated_on: date
    site_id: str | None = None
    module_id: str | None = None


@frozen
class Decision:
    """An explained eligibility decision for one person (Zugangsentscheidung).

    ``verdict`` is the overall outcome; ``results`` holds one :class:`CriterionResult` per
    leaf criterion valid on ``as_of``, sorted by rule id, so the decision does not depend on
    the order the rules were written in.
    """

    verdict: Verdict
    results: tuple[CriterionResult, ...]
    as_of: date
    site_id: str | None = None
    module_id: str | None = None
    _plan: _Plan | None = field(default=None, eq=False, repr=False, alias="plan")

    @property
    def missing(self) -> tuple[str, ...]:
        """Every missing data field named by some criterion, sorted and without repeats."""
        names: set[str] = set()
        for result in self.results:
            names.update(result.missing)
        return tuple(sorted(names))

    def result_for(self, rule_id: str) -> CriterionResult:
        """The result of the criterion with ``rule_id``."""
        for result in self.results:
            if result.rule.id == rule_id:
                return result
        known = ", ".join(r.rule.id for r in self.results) or "none"
        raise InvalidFieldError("Decision", "rule_id", f"one of: {known}", rule_id)

    def counts(self) -> dict[Verdict, int]:
        """How many criteria were met, not met and unknown."""
        counts = dict.fromkeys(Verdict, 0)
        for result in self.results:
            counts[result.verdict] += 1
        return counts

    def explain(self, lang: Language = "de") -> tuple[str, ...]:
        """Readable lines: the outcome, then each criterion with mark, label and reason,
        indented under its combinator (German by default)."""
        head_de = f"Ergebnis zum {format_date(self.as_of, lang)}: {self.verdict.label(lang)}"
        head_en = f"Outcome as of {format_date(self.as_of, lang)}: {self.verdict.label(lang)}"
        where = []
        if self.site_id is not None:
            where.append(("Standort " if lang == "de" else "site ") + self.site_id)
        if self.module_id is not None:
            where.append(("Modul " if lang == "de" else "module ") + self.module_id)
        head = head_de if lang == "de" else head_en
        if where:
            head += f" ({', '.join(where)})"
        lines = [head]
        if not self.results:
            lines.append(
                "  keine Kriterien gültig an diesem Tag"
                if lang == "de"
                else "  no criteria valid on that day"
            )
        elif self._plan is None or self._plan.tree is None:
            lines.extend("  " + r.explain(lang) for r in self.results)
        else:
            self._explain_node(self._plan.tree, lang, 1, lines)
        missing = self.missing
        if missing:
            lines.append(("Es fehlen: " if lang == "de" else "Missing: ") + ", ".join(missing))
        return tuple(lines)

    def _explain_node(self, node: _Node, lang: Language, depth: int, lines: list[str]) -> None:
        indent = "  " * depth
        if type(node) is int:
            lines.append(indent + self.results[node].explain(lang))
            return
        assert isinstance(node, tuple)
        rule, verdict, children = node[0], self._node_verdict(node), node[2]
        lines.append(f"{indent}{verdict.symbol} {rule.label(lang)}")
        for child in children:
            self._explain_node(child, lang, depth + 1, lines)

    def _node_verdict(self, node: _Node) -> Verdict:
        return _BY_RANK[_combiner(node)([_RANK[r.verdict] for r in self.results])]

    def audit_record(self, evaluated_on: date | None = None) -> AuditRecord:
        """The decision for an audit trail, without personal data; ``evaluated_on`` defaults
        to today."""
        if evaluated_on is None:
            evaluated_on = date.today()
        elif type(evaluated_on) is not date:
            raise InvalidFieldError("AuditRecord", "evaluated_on", "a date", evaluated_on)
        return AuditRecord(
            verdict=self.verdict,
            criteria=tuple(AuditCriterion(r.rule.id, r.verdict, r.missing) for r in self.results),
            as_of=self.as_of,
            evaluated_on=evaluated_on,
            site_id=self.site_id,
            module_id=self.module_id,
        )


# -- the engine ----------------------------------------------------------------------------

# A compiled node: a leaf index into the results, or (combinator, kind, children).
_Node = int | tuple[Rule, str, tuple["_Node", ...]]


class _Plan:
    """A rule tree compiled for one as-of date: the leaves valid then (sorted by id), the tree
    over their indices (None when no criterion is valid) and a function combining the leaves'
    verdict ranks into the overall rank."""

    __slots__ = ("combine", "leaves", "tree")

    def __init__(self, leaves: tuple[Rule, ...], tree: _Node | None) -> None:
        self.leaves = leaves
        self.tree = tree
        self.combine: Callable[[list[int]], int]
        if tree is None:
            self.combine = lambda ranks: _RANK_MET
        elif type(tree) is tuple and tree[1] == "all" and tree[2] == tuple(range(len(leaves))):
            self.combine = min  # the common shape: all-of over every leaf, each once
        else:
            self.combine = _combiner(tree)


# Kleene's strong logic on ranks: not met < unknown < met; all-of is the minimum, any-of the
# maximum and not is 2 - rank. The same truth tables as Verdict's &, | and ~.
_RANK = {_NOT_MET: 0, _UNKNOWN: 1, _MET: 2}
_RANK_MET = 2
_BY_RANK = (_NOT_MET, _UNKNOWN, _MET)


def _combiner(node: _Node) -> Callable[[list[int]], int]:
    if type(node) is int:
        return itemgetter(node)
    assert isinstance(node, tuple)
    _, kind, children = node
    if kind == "not":
        inner = _combiner(children[0])
        return lambda ranks: 2 - inner(ranks)
    pick = min if kind == "all" else max
    if all(type(child) is int for child in children):
        if len(children) == 1:
            return itemgetter(children[0])
        pick_leaves = itemgetter(*children)
        return lambda ranks: pick(pick_leaves(ranks))
    parts = [_combiner(child) for child in children]
    return lambda ranks: pick([part(ranks) for part in parts])


def _rule_id(rule: Rule) -> str:
    rule_id = getattr(rule, "id", None)
    if type(rule_id) is not str or not rule_id:
        raise EligibilityRuleError(
            repr(rule_id), f"rule {type(rule).__name__} has no identifier 'id' (got {rule_id!r})"
        )
    return rule_id


def _compile(root: Rule, as_of: date) -> _Plan:
    leaves: dict[str, Rule] = {}

    def prune(rule: Rule) -> tuple[Any, ...] | Rule | None:
        if not isinstance(rule, Rule):
            raise EligibilityRuleError("?", f"expected a Rule, got {type(rule).__name__}: {rule!r}")
        rule_id = _rule_id(rule)
        try:
            valid = rule.is_valid_on(as_of)
        except Exception as exc:
            raise EligibilityRuleError(rule_id, f"validity check failed: {exc!r}") from exc
        if not valid:
            return None
        if isinstance(rule, (AllOf, AnyOf, Not)):
            kept = [c for c in (prune(child) for child in rule.children) if c is not None]
            # A combinator none of whose rules is valid on the day is not valid either.
            return (rule, tuple(kept)) if kept else None
        known = leaves.get(rule_id)
        if known is not None and known is not rule and known != rule:
            raise EligibilityRuleError(
                rule_id, f"two different rules share the id {rule_id!r}: {known!r} and {rule!r}"
            )
        leaves[rule_id] = rule
        return rule

    pruned = prune(root)
    order = sorted(leaves)
    index = {rule_id: i for i, rule_id in enumerate(order)}

    def build(node: tuple[Any, ...] | Rule) -> _Node:
        if isinstance(node, Rule):
            return index[node.id]
        rule, kept = node
        kind = "all" if isinstance(rule, AllOf) else "any" if isinstance(rule, AnyOf) else "not"
        return (rule, kind, tuple(build(child) for child in kept))

    tree: _Node | None = None
    if pruned is not None:
        tree = build(pruned)
    return _Plan(tuple(leaves[rule_id] for rule_id in order), tree)


_PLANS: dict[tuple[int, date], tuple[Rule, _Plan]] = {}
_MAX_PLANS = 4096


def _plan_for(rule: Rule, as_of: date) -> _Plan:
    key = (id(rule), as_of)
    hit = _PLANS.get(key)
    if hit is not None and hit[0] is rule:
        return hit[1]
    plan = _compile(rule, as_of)
    if len(_PLANS) >= _MAX_PLANS:
        _PLANS.clear()
    # Keeping the rule in the value keeps it alive, so its id() cannot be reused.
    _PLANS[key] = (rule, plan)
    return plan


_GROUPS: dict[tuple[Rule, ...], AllOf] = {}


def _group(rules: Iterable[Rule]) -> AllOf:
    """Several rules as one all-of, the same object for the same rules (so its plan is
    cached too); unhashable rules get a new all-of each time."""
    members = tuple(rules)
    try:
        group = _GROUPS.get(members)
    except TypeError:
        return AllOf(members)
    if group is None:
        group = AllOf(members)
        if len(_GROUPS) >= _MAX_PLANS:
            _GROUPS.clear()
        _GROUPS[members] = group
    return group


def _bad_result(rule: Rule, result: object) -> EligibilityRuleError:
    if not isinstance(result, CriterionResult):
        return EligibilityRuleError(
            rule.id,
            f"rule {rule.id!r} returned {type(result).__name__}, expected a CriterionResult",
        )
    verdict: object = result.verdict
    if not isinstance(verdict, Verdict):
        return EligibilityRuleError(rule.id, f"rule {rule.id!r} returned the verdict {verdict!r}")
    return EligibilityRuleError(
        rule.id, f"rule {rule.id!r} returned the result of another rule ({result.rule!r})"
    )


def evaluate(
    rule: Rule | Iterable[Rule], participant: Participant, context: EligibilityContext
) -> Decision:
    """Decide whether ``participant`` meets ``rule`` as of ``context.as_of``.

    ``rule`` may be a rule tree or several rules (all of which must be met). Rules whose
    validity period does not include the as-of date are left out entirely; a combinator none
    of whose rules is valid is left out too, and when nothing is left the decision is
    :attr:`Verdict.MET` with no criteria (no criterion applies, so none excludes anyone).

    A rule that raises, or returns something other than its own :class:`CriterionResult`,
    makes this raise :class:`EligibilityRuleError` naming the rule id: a broken rule is a
    programming error to fix, not a person to turn away.
    """
    as_of = context.as_of
    hit = _PLANS.get((id(rule), as_of))
    if hit is not None and hit[0] is rule:
        plan = hit[1]
    else:
        if not isinstance(rule, Rule):
            rule = _group(rule)
        plan = _plan_for(rule, as_of)
    results: list[CriterionResult] = []
    append = results.append
    ranks: list[int] = []
    append_rank = ranks.append
    rank_of = _RANK.__getitem__
    leaf = rule
    try:
        for leaf in plan.leaves:
            result: Any = leaf.evaluate(participant, context)
            if (
                result.__class__ is not CriterionResult and not isinstance(result, CriterionResult)
            ) or result.rule is not leaf:
                raise _bad_result(leaf, result)
            outcome = result.verdict
            if outcome.__class__ is not Verdict:
                raise _bad_result(leaf, result)
            rank = rank_of(outcome)
            append(result)
            append_rank(rank)
    except EligibilityRuleError:
        raise
    except Exception as exc:
        rule_id = _rule_id(leaf)
        raise EligibilityRuleError(
            rule_id, f"rule {rule_id!r} raised {type(exc).__name__}: {exc}"
        ) from exc
    verdict = _BY_RANK[plan.combine(ranks)]
    site, module = context.site, context.module
    return Decision(
        verdict,
        tuple(results),
        as_of,
        None if site is None else site.id,
        None if module is None else module.id,
        plan,
    )
