"""The engine's plans: a rule tree compiled for one as-of date, and the cache of plans.

Compiling flattens the tree, drops the rules not valid on the day, checks ids and sorts the
leaves by id; the plan keeps a function that combines the leaves' verdict ranks into the
overall rank. :class:`Decision` explains over the plan's tree, :func:`evaluate` runs its
leaves; both sit above this module.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from operator import itemgetter
from typing import Any

from ..exceptions import EligibilityRuleError
from ._rule import AllOf, AnyOf, Not, Rule
from ._verdicts import _RANK_MET

__all__ = ["_MAX_PLANS", "_PLANS", "_Node", "_Plan", "_combiner", "_plan_for", "_rule_id"]

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
