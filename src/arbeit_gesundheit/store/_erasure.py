"""Consent withdrawal, retention rules (Löschfristen) and erasure of health data.

* Withdrawal (Art. 7(3) GDPR): from the day someone withdraws consent to health-data
  processing, their health data are no longer processed: :func:`withhold_withdrawn` leaves
  them out of every dataset the store hands out for a later day, and they are due for
  erasure at once.
* Retention (§84 SGB X, Art. 5(1)(e) GDPR): health data are erased at the end of the
  ``years``-th calendar year after the person's last participation (the last day in their
  enrolments' histories; without enrolments, the day of their last consent). Default
  :data:`DEFAULT_RETENTION_YEARS` = 3: the programme reports by calendar year and the funders
  review the last three annual reports, so figures stay reproducible that long, and no longer.
* Erasure removes the values from every version (the ``health`` rows, and whole records of
  kinds that are health data as a whole), and the audit log keeps a tombstone: what kind of
  data, when, under which rule. :meth:`StoreErasure.erase_person` erases everything of one
  person (Art. 17 GDPR).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

import attrs
import sqlalchemy as sa
from attrs import field, frozen

from .. import converter
from ..exceptions import InvalidFieldError, RecordNotFoundError
from ..model import ConsentPurpose, Dataset, Enrolment, Participant
from ..model import _validators as v
from ._history import iter_documents
from ._records import WHOLLY_HEALTH, digest
from ._schema import decisions, health, records, retention_rules
from ._transaction import StoreBase, Transaction

__all__ = [
    "DEFAULT_RETENTION_YEARS",
    "ErasureSummary",
    "RetentionRule",
    "StoreErasure",
    "erasure_due_on",
    "withhold_withdrawn",
]

#: Years after the end of the year of the last participation until health data are erased.
DEFAULT_RETENTION_YEARS = 3
_HEALTH = ConsentPurpose.HEALTH_DATA_PROCESSING


@frozen
class RetentionRule:
    """A site's retention rule: erase health data ``years`` after the year of the last
    participation (0: at the end of that year)."""

    site_id: str = field(validator=v.identifier)
    years: int = field(default=DEFAULT_RETENTION_YEARS, validator=v.integer(0, 30))

    @property
    def name(self) -> str:
        return f"retention:{self.years}y"


def _mapping(value: Mapping[str, str]) -> Mapping[str, str]:
    return dict(value)


@frozen
class ErasureSummary:
    """Whose data were erased, under which rule (pseudonym -> rule name)."""

    erased: Mapping[str, str] = field(factory=dict, converter=_mapping, hash=False)

    def __len__(self) -> int:
        return len(self.erased)


def _withdrew_health(person: Participant, on: date) -> bool:
    withdrawn = any(
        c.purpose is _HEALTH and c.withdrawn_on is not None and c.withdrawn_on <= on
        for c in person.consents
    )
    return withdrawn and not person.has_consent(_HEALTH, on)


def withhold_withdrawn(dataset: Dataset, *, on: date) -> Dataset:
    """``dataset`` without the health data (restrictions, assessments, needs assessments,
    activity plans) of people who withdrew their health-data consent by ``on``."""
    gone = {p.pseudonym for p in dataset.participants if _withdrew_health(p, on)}
    if not gone:
        return dataset
    return attrs.evolve(
        dataset,
        participants=tuple(
            attrs.evolve(p, restrictions=()) if p.pseudonym in gone else p
            for p in dataset.participants
        ),
        assessments=tuple(a for a in dataset.assessments if a.participant not in gone),
        needs_assessments=tuple(n for n in dataset.needs_assessments if n.participant not in gone),
        plans=tuple(p for p in dataset.plans if p.participant not in gone),
    )


def erasure_due_on(last_participation: date, years: int = DEFAULT_RETENTION_YEARS) -> date:
    """The first day health data are due for erasure under a retention of ``years``."""
    return date(last_participation.year + years + 1, 1, 1)


def _last_days(connection: sa.Connection) -> dict[str, date]:
    last: dict[str, date] = {}
    for _kind, _key, owner, document in iter_documents(connection, kinds=("enrolment",)):
        enrolment = converter.structure(document, Enrolment)
        if owner and enrolment.history:
            day = enrolment.history[-1].on
            if owner not in last or last[owner] < day:
                last[owner] = day
    return last


def _with_health(connection: sa.Connection) -> set[str]:
    found = set(
        connection.execute(
            sa.select(records.c.pseudonym)
            .join(health, health.c.version_id == records.c.version_id)
            .where(records.c.pseudonym.is_not(None))
            .distinct()
        ).scalars()
    )
    found.update(
        connection.execute(
            sa.select(records.c.pseudonym).where(records.c.kind.in_(WHOLLY_HEALTH)).distinct()
        ).scalars()
    )
    found.update(connection.execute(sa.select(decisions.c.pseudonym).distinct()).scalars())
    found.discard(None)
    return found


def _erase_health(txn: Transaction, pseudonym: str, rule: str, years: int | None) -> None:
    connection = txn.connection
    versions = sa.select(records.c.version_id).where(records.c.pseudonym == pseudonym)
    kinds = set(
        connection.execute(
            sa.select(records.c.kind)
            .join(health, health.c.version_id == records.c.version_id)
            .where(records.c.pseudonym == pseudonym)
            .distinct()
        ).scalars()
    )
    connection.execute(health.delete().where(health.c.version_id.in_(versions)))
    connection.execute(
        records.delete().where(records.c.pseudonym == pseudonym, records.c.kind.in_(WHOLLY_HEALTH))
    )
    removed = connection.execute(decisions.delete().where(decisions.c.pseudonym == pseudonym))
    if removed.rowcount:
        kinds.add("decision")
    for row in connection.execute(
        sa.select(records.c.version_id, records.c.document).where(
            records.c.kind == "participant", records.c.pseudonym == pseudonym
        )
    ).all():
        connection.execute(
            records.update()
            .where(records.c.version_id == row.version_id)
            .values(digest=digest(row.document))
        )
    detail: dict[str, Any] = {"data": "health", "rule": rule}
    if years is not None:
        detail["years"] = years
    txn.audit.add("erase_health", "participant", pseudonym, sorted(kinds), detail)


class StoreErasure(StoreBase):
    """Retention rules and erasure."""

    def set_retention(self, rule: RetentionRule, *, actor: str) -> None:
        """Set a site's retention rule (replacing the previous one)."""
        if not isinstance(rule, RetentionRule):
            raise InvalidFieldError("set_retention", "rule", "a RetentionRule", rule)
        with self.writing(actor) as txn:
            txn.connection.execute(
                retention_rules.delete().where(retention_rules.c.site_id == rule.site_id)
            )
            txn.connection.execute(
                retention_rules.insert().values(
                    site_id=rule.site_id,
                    years=rule.years,
                    recorded_at=txn.at,
                    actor=txn.audit.actor,
                )
            )
            txn.audit.add("retention_rule", "site", rule.site_id, ["years"], {"years": rule.years})

    def retention(self, site_id: str) -> RetentionRule:
        """The site's retention rule (the default unless one was set)."""
        with self.reading() as connection:
            years = connection.execute(
                sa.select(retention_rules.c.years).where(retention_rules.c.site_id == site_id)
            ).scalar_one_or_none()
        return RetentionRule(site_id, DEFAULT_RETENTION_YEARS if years is None else years)

    def erase_due(self, *, on: date, actor: str) -> ErasureSummary:
        """Erase, for good, the health data due on ``on``: of people who withdrew their
        health-data consent, and of people whose site's retention period has ended."""
        if type(on) is not date:
            raise InvalidFieldError("erase_due", "on", "a date", on)
        erased: dict[str, str] = {}
        with self.writing(actor) as txn:
            connection = txn.connection
            query = sa.select(retention_rules.c.site_id, retention_rules.c.years)
            rules = {row.site_id: row.years for row in connection.execute(query)}
            holding = _with_health(connection)
            last = _last_days(connection)
            people = list(iter_documents(connection, kinds=("participant",)))
            for _kind, _key, owner, document in people:
                if owner not in holding:
                    continue
                person = converter.structure(document, Participant)
                years = rules.get(person.site_id, DEFAULT_RETENTION_YEARS)
                given = [c.given_on for c in person.consents]
                final = last.get(person.pseudonym) or (max(given) if given else None)
                if _withdrew_health(person, on):
                    _erase_health(txn, person.pseudonym, "consent_withdrawn", None)
                    erased[person.pseudonym] = "consent_withdrawn"
                elif final is not None and on >= erasure_due_on(final, years):
                    rule = RetentionRule(person.site_id, years)
                    _erase_health(txn, person.pseudonym, rule.name, years)
                    erased[person.pseudonym] = rule.name
        return ErasureSummary(erased)

    def erase_person(self, pseudonym: str, *, actor: str) -> ErasureSummary:
        """Erase every record of one person in every version (Art. 17 GDPR); the audit log
        keeps its rows (which hold no values) and a tombstone."""
        with self.writing(actor) as txn:
            connection = txn.connection
            kinds = sorted(
                set(
                    connection.execute(
                        sa.select(records.c.kind).where(records.c.pseudonym == pseudonym).distinct()
                    ).scalars()
                )
            )
            if "participant" not in kinds:
                raise RecordNotFoundError(self.name, "participant", pseudonym)
            connection.execute(decisions.delete().where(decisions.c.pseudonym == pseudonym))
            connection.execute(records.delete().where(records.c.pseudonym == pseudonym))
            txn.audit.add("erase_person", "participant", pseudonym, kinds, {"rule": "art_17_gdpr"})
        return ErasureSummary({pseudonym: "art_17_gdpr"})
