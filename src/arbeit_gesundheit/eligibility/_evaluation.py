"""The engine: :func:`evaluate` decides a rule tree for one person as of a date.

Hot path: the tree's plan (``_plans``) is looked up once per as-of date, each leaf is
evaluated once, its verdict checked and ranked, and the ranks combined; texts are only
rendered when someone asks the :class:`Decision` for them. Importing this module also
connects the combinators to the engine (see ``_rule._Engine``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from ..exceptions import EligibilityRuleError
from ._decisions import Decision
from ._plans import _MAX_PLANS, _PLANS, _plan_for, _rule_id
from ._rule import AllOf, CriterionResult, Rule, _Engine
from ._verdicts import _BY_RANK, _RANK, Verdict

if TYPE_CHECKING:
    from ..model import Participant
    from ._context import EligibilityContext

__all__ = ["evaluate"]


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


_Engine.evaluate = evaluate
_Engine.decision = Decision
