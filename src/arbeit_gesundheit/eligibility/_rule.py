"""The rule protocol: :class:`Rule`, its :class:`CriterionResult`, and the combinators.

A rule is a small frozen object with a stable ``id`` and an ``evaluate(participant,
context)`` method giving a :class:`CriterionResult`; :class:`RuleFields` is the attrs base
with labels and a validity period. Rules combine with :class:`AllOf`, :class:`AnyOf` and
:class:`Not` (``&``, ``|`` and ``~`` on any rule build them), so the combinators live here with
the base class their operators belong to.

A combinator evaluated on its own is decided by the engine, which compiles rule trees and so
sits above the rules (``_evaluation``); it reaches the engine through :class:`_Engine`, which
``_evaluation`` fills when the package is imported. The engine's own path never goes through
it: it flattens combinators instead of calling them.
"""

from __future__ import annotations

import abc
from collections.abc import Callable, Iterable
from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

import attrs
from attrs import field, frozen

from ..model import Language
from ..model import _validators as v
from ._context import EligibilityContext
from ._verdicts import Verdict

if TYPE_CHECKING:
    from ..model import Participant

__all__ = [
    "AllOf",
    "AnyOf",
    "CriterionResult",
    "Not",
    "Rule",
    "RuleFields",
    "_Engine",
    "all_of",
    "any_of",
    "not_",
]

_MET, _NOT_MET, _UNKNOWN = Verdict.MET, Verdict.NOT_MET, Verdict.UNKNOWN


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
class _Combinator(RuleFields):
    """Shared behaviour of the combinators."""

    id: str = field(kw_only=True, validator=v.identifier)

    def evaluate(self, participant: Participant, context: EligibilityContext) -> CriterionResult:
        """The combined result, as the engine would decide it (children valid on the as-of
        date only); ``detail`` is the :class:`Decision` with the per-criterion results."""
        decision = _Engine.evaluate(self, participant, context)
        return CriterionResult(self, decision.verdict, decision, decision.missing)

    def reason(self, result: CriterionResult, lang: Language = "de") -> str:
        text = result.verdict.label(lang)
        if isinstance(result.detail, _Engine.decision):
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


# -- the engine, as a combinator evaluated on its own reaches it -----------------------------


class _Decided(Protocol):
    """What a combinator reads of the engine's decision (a :class:`Decision`)."""

    @property
    def verdict(self) -> Verdict: ...

    @property
    def missing(self) -> tuple[str, ...]: ...

    def counts(self) -> dict[Verdict, int]: ...


class _Engine:
    """The engine's :func:`evaluate` and its :class:`Decision` class, for the combinators.

    Both sit above this module (they compile and explain rule trees, so they import the
    rules); ``_evaluation`` fills these slots when the package is imported, before any rule can
    be evaluated.
    """

    evaluate: ClassVar[Callable[[Rule, Participant, EligibilityContext], _Decided]]
    decision: ClassVar[type[_Decided]]
