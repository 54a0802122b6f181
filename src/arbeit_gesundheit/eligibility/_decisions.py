"""Explained decisions (:class:`Decision`) and what an audit trail keeps of them.

A decision holds one :class:`CriterionResult` per leaf criterion valid on the as-of date and
renders explanations on request, indented along the compiled rule tree; an
:class:`AuditRecord` keeps only rule ids and verdicts, no personal data. :func:`format_date`
words dates as people read them (here and in the rules' reasons).
"""

from __future__ import annotations

from datetime import date

from attrs import field, frozen

from ..exceptions import InvalidFieldError
from ..model import Language
from ._plans import _combiner, _Node, _Plan
from ._rule import CriterionResult
from ._verdicts import _BY_RANK, _RANK, Verdict

__all__ = ["AuditCriterion", "AuditRecord", "Decision", "format_date"]


def format_date(day: date, lang: Language = "de") -> str:
    """A date as people read it: ``01.03.2024`` in German, ``2024-03-01`` in English."""
    return f"{day.day:02d}.{day.month:02d}.{day.year}" if lang == "de" else day.isoformat()


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
