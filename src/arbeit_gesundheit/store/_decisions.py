"""Eligibility decisions kept with their explanation and the validity of their rules."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

import sqlalchemy as sa
from attrs import field, frozen

from ..eligibility import AuditCriterion, Decision, Verdict
from ..exceptions import InvalidFieldError
from ._schema import decisions
from ._transaction import Transaction

__all__ = ["RecordedDecision", "RuleValidity", "read_decisions", "write_decision"]


def _tuple(value: Any) -> tuple[Any, ...]:
    return tuple(value)


@frozen
class RuleValidity:
    """A rule as a decision used it: its id, label and validity period (None = open)."""

    rule_id: str
    label: str
    valid_from: date | None = None
    valid_until: date | None = None


@frozen
class RecordedDecision:
    """An eligibility decision as the store keeps it (Zugangsentscheidung mit Begründung).

    ``explanation`` holds the lines of :meth:`Decision.explain` in German, ``explanation_en``
    in English, as they read when the decision was made; ``criteria`` the audit view (rule
    ids, verdicts, missing field names) and ``rules`` each rule's validity then.
    """

    id: int
    pseudonym: str
    verdict: Verdict
    as_of: date
    evaluated_on: date
    actor: str
    site_id: str | None = None
    module_id: str | None = None
    criteria: tuple[AuditCriterion, ...] = field(default=(), converter=_tuple)
    rules: tuple[RuleValidity, ...] = field(default=(), converter=_tuple)
    explanation: tuple[str, ...] = field(default=(), converter=_tuple)
    explanation_en: tuple[str, ...] = field(default=(), converter=_tuple)


def _day(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def write_decision(
    txn: Transaction, pseudonym: str, decision: Decision, evaluated_on: date
) -> RecordedDecision:
    if not isinstance(decision, Decision):
        raise InvalidFieldError("record_decision", "decision", "a Decision", decision)
    record = decision.audit_record(evaluated_on)
    document = {
        "criteria": [
            {"rule_id": c.rule_id, "verdict": c.verdict.value, "missing": list(c.missing)}
            for c in record.criteria
        ],
        "rules": [
            {
                "rule_id": r.rule.id,
                "label": r.rule.label("de"),
                "valid_from": _day(r.rule.valid_from),
                "valid_until": _day(r.rule.valid_until),
            }
            for r in decision.results
        ],
        "explanation": list(decision.explain("de")),
        "explanation_en": list(decision.explain("en")),
    }
    connection = txn.connection
    next_id = (
        int(
            connection.execute(
                sa.select(sa.func.coalesce(sa.func.max(decisions.c.id), 0))
            ).scalar_one()
        )
        + 1
    )
    connection.execute(
        decisions.insert().values(
            id=next_id,
            pseudonym=pseudonym,
            site_id=record.site_id,
            module_id=record.module_id,
            as_of=record.as_of,
            evaluated_on=record.evaluated_on,
            verdict=record.verdict.value,
            recorded_at=txn.at,
            actor=txn.audit.actor,
            document=document,
        )
    )
    txn.audit.add(
        "decision",
        "decision",
        pseudonym,
        (),
        {"decision_id": next_id, "module_id": record.module_id, "verdict": record.verdict.value},
    )
    return _recorded(
        {
            "id": next_id,
            "pseudonym": pseudonym,
            "site_id": record.site_id,
            "module_id": record.module_id,
            "as_of": record.as_of,
            "evaluated_on": record.evaluated_on,
            "verdict": record.verdict.value,
            "actor": txn.audit.actor,
            "document": document,
        }
    )


def _recorded(row: Mapping[str, Any]) -> RecordedDecision:
    document = row["document"]
    return RecordedDecision(
        id=row["id"],
        pseudonym=row["pseudonym"],
        verdict=Verdict(row["verdict"]),
        as_of=row["as_of"],
        evaluated_on=row["evaluated_on"],
        actor=row["actor"],
        site_id=row["site_id"],
        module_id=row["module_id"],
        criteria=[
            AuditCriterion(c["rule_id"], Verdict(c["verdict"]), tuple(c["missing"]))
            for c in document["criteria"]
        ],
        rules=[
            RuleValidity(
                r["rule_id"],
                r["label"],
                date.fromisoformat(r["valid_from"]) if r["valid_from"] else None,
                date.fromisoformat(r["valid_until"]) if r["valid_until"] else None,
            )
            for r in document["rules"]
        ],
        explanation=document["explanation"],
        explanation_en=document["explanation_en"],
    )


def read_decisions(connection: sa.Connection, pseudonym: str) -> tuple[RecordedDecision, ...]:
    query = sa.select(decisions).where(decisions.c.pseudonym == pseudonym).order_by(decisions.c.id)
    return tuple(_recorded(dict(row._mapping)) for row in connection.execute(query))
