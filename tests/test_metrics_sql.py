"""Independent cross-check: every metric recomputed in SQL from the exported JSON Lines file.

The oracle below is written from ``docs/topics/metrics.md`` alone (its "What each metric
means" section, including the consent rule), not from the library's code: a generated
cohort of more than 2,000 people plus hand-made records for the edge-case state paths is
written with the library's writer, the file is loaded line by line into SQLite and taken
apart there with SQLite's JSON functions, and every metric of every cell (each year, the
total, every breakdown dimension and two crosses) is compared with the library's figure as
an exact fraction. Any difference fails.
"""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from fractions import Fraction
from pathlib import Path
from typing import Any

import attrs
import pytest

from arbeit_gesundheit import (
    Attendance,
    AttendanceStatus,
    Consent,
    ConsentPurpose,
    DataCategory,
    Dataset,
    DropoutReason,
    Enrolment,
    EnrolmentStatus,
    Event,
    Gender,
    HealthRestriction,
    Offering,
    Outcome,
    OutcomeKind,
    Participant,
    RestrictionCategory,
    Session,
    StatusChange,
    jsonl,
    metrics,
)
from arbeit_gesundheit.model import Assessment, BenefitType
from arbeit_gesundheit.synthetic import generate_cohort

#: Every breakdown dimension on its own, and two crosses.
BREAKDOWNS: list[tuple[str, ...]] = [
    ("site",),
    ("field_of_action",),
    ("module",),
    ("provider",),
    ("gender",),
    ("age_band",),
    ("benefit",),
    ("site", "module"),
    ("field_of_action", "gender"),
]
#: The reference days the consent rule is checked at (None: every withdrawal counts).
REFERENCE_DAYS = [None, date(2024, 9, 1)]

# From the docs: the vocabularies the definitions name.
PLACE = ("registered", "active", "completed", "dropped")
ENDED = ("completed", "dropped", "no_show")
INTEGRATION_KINDS = (
    "employment",
    "marginal_employment",
    "vocational_training",
    "further_training",
    "self_employment",
)
REASONS = [r.value for r in DropoutReason]
# Breakdown dimension -> column of the oracle's enrolment table.
COLUMN = {
    "site": "site",
    "field_of_action": "field",
    "module": "module",
    "provider": "provider",
    "gender": "gender",
    "age_band": "band",
    "benefit": "benefit",
}


# -- the data: a generated cohort and hand-made edge cases --------------------------------------

START = date(2024, 2, 5)  # the hand-made 2024 offering: 4 session records, its module says 12
END = date(2024, 4, 29)


def _consents(
    given: date = date(2022, 1, 1),
    *,
    health: bool = True,
    participation: bool = True,
    expires: date | None = None,
    withdrawn: date | None = None,
    health_withdrawn: date | None = None,
    health_given: date | None = None,
    participation_categories: frozenset[DataCategory] = frozenset(),
    health_categories: frozenset[DataCategory] = frozenset(),
) -> list[Consent]:
    out = []
    if participation:
        out.append(
            Consent(ConsentPurpose.PROGRAMME_PARTICIPATION, given, expires_on=expires,
                    withdrawn_on=withdrawn, data_categories=participation_categories)
        )  # fmt: skip
    if health:
        out.append(
            Consent(ConsentPurpose.HEALTH_DATA_PROCESSING, health_given or given,
                    withdrawn_on=health_withdrawn or withdrawn,
                    data_categories=health_categories)
        )  # fmt: skip
    return out


class _Edges:
    """Collects hand-made records; every person gets their own pseudonym."""

    GENDERS = (Gender.FEMALE, Gender.MALE, None, Gender.DIVERSE, Gender.NOT_STATED)
    BIRTH_YEARS = (2000, 1999, 1990, 1980, 1970, 1969, 1960)
    BENEFITS = tuple(BenefitType)

    def __init__(self, site: str) -> None:
        self.site = site
        self.n = 0
        self.participants: list[Participant] = []
        self.enrolments: list[Enrolment] = []
        self.attendances: list[Attendance] = []
        self.assessments: list[Assessment] = []
        self.outcomes: list[Outcome] = []

    def person(self, consents: list[Consent] | None = None, *, restricted: bool = False) -> str:
        self.n += 1
        i = self.n
        pseudonym = f"{self.site}-9{i:05d}"
        self.participants.append(
            Participant(
                pseudonym=pseudonym,
                site_id=self.site,
                birth_year=self.BIRTH_YEARS[i % len(self.BIRTH_YEARS)],
                benefit=self.BENEFITS[i % len(self.BENEFITS)],
                gender=self.GENDERS[i % len(self.GENDERS)],
                restrictions=[HealthRestriction(RestrictionCategory.MUSCULOSKELETAL)]
                if restricted or i % 3 == 0
                else [],
                consents=_consents() if consents is None else consents,
            )
        )
        return pseudonym

    def enrol(
        self,
        person: str,
        offering: str,
        path: list[tuple[str, date]],
        *,
        reason: DropoutReason | None = None,
        present: int = 0,
        of: int = 0,
    ) -> str:
        eid = f"edge-e{len(self.enrolments) + 1:04d}"
        history = [
            StatusChange(EnrolmentStatus(s), d, reason if s == "dropped" else None) for s, d in path
        ]
        self.enrolments.append(
            Enrolment(eid, person, offering, EnrolmentStatus(path[-1][0]), history, reason)
        )
        for k in range(1, of + 1):
            status = AttendanceStatus.PRESENT if k <= present else (
                AttendanceStatus.EXCUSED if k % 2 else AttendanceStatus.ABSENT)  # fmt: skip
            self.attendances.append(Attendance(eid, k, status))
        return eid

    def completed(self, person: str, offering: str = "edge-o2024", *, present: int = 3) -> str:
        return self.enrol(
            person,
            offering,
            [("registered", date(2024, 1, 20)), ("active", START), ("completed", END)],
            present=present,
            of=4,
        )

    def who5(self, person: str, on: date, raw: int) -> None:
        scores = [min(5, max(0, raw - 5 * k)) for k in range(5)]
        answers = {f"who5_{k + 1}": scores[k] for k in range(5)}
        assert sum(answers.values()) == raw
        self.assessments.append(Assessment(person, "who5", on, answers))

    def outcome(self, person: str, kind: OutcomeKind, on: date) -> None:
        self.outcomes.append(Outcome(person, kind, on))


def _edge_cases(base: Dataset) -> Dataset:
    site = base.sites[0].id
    course, other, plain = base.modules[0], base.modules[3], base.modules[2]
    bare = attrs.evolve(plain, id="edge-bare", provider_id=None, sessions=10)
    offerings = [
        # no provider on offering or module; no session records: the module's 10 count
        Offering("edge-o2023", bare.id, date(2023, 3, 6), date(2023, 6, 26), 12),
        # 4 session records override the module's 12
        Offering("edge-o2024", course.id, START, END, 12, provider_id="edge-partner"),
        # the module's provider
        Offering("edge-o2025", other.id, date(2025, 1, 13), date(2025, 3, 31), 12),
    ]
    sessions = [
        Session("edge-o2024", k, START + timedelta(weeks=2 * (k - 1))) for k in (1, 2, 3, 4)
    ]
    x = _Edges(site)
    start = date(2024, 1, 20)
    # dropped, with every reason
    for reason in DropoutReason:
        x.enrol(x.person(), "edge-o2024",
                [("registered", start), ("active", START), ("dropped", date(2024, 3, 1))],
                reason=reason, present=2, of=4)  # fmt: skip
    # referred -> dropped, waitlisted -> dropped, no show, ongoing states
    x.enrol(x.person(), "edge-o2024", [("referred", start), ("dropped", date(2024, 1, 25))],
            reason=DropoutReason.TOOK_UP_WORK)  # fmt: skip
    x.enrol(x.person(), "edge-o2024", [("waitlisted", start), ("dropped", date(2024, 2, 1))],
            reason=DropoutReason.OFFER_UNSUITABLE)  # fmt: skip
    x.enrol(x.person(), "edge-o2024", [("registered", start), ("no_show", START)])
    x.enrol(x.person(), "edge-o2024", [("registered", start)])
    x.enrol(x.person(), "edge-o2024", [("registered", start), ("active", START)], present=1, of=1)
    x.enrol(x.person(), "edge-o2024", [("referred", start)])
    x.enrol(x.person(), "edge-o2024", [("waitlisted", start)])
    # completed without any attendance record
    x.enrol(
        x.person(), "edge-o2024", [("registered", start), ("active", START), ("completed", END)]
    )
    # re-enrolment after dropping, in the same offering
    again = x.person()
    x.enrol(again, "edge-o2024",
            [("registered", date(2024, 1, 15)), ("active", START), ("dropped", date(2024, 2, 20))],
            reason=DropoutReason.ILLNESS, present=1, of=2)  # fmt: skip
    x.enrol(again, "edge-o2024",
            [("registered", date(2024, 2, 21)), ("active", date(2024, 2, 22)), ("completed", END)],
            present=3, of=4)  # fmt: skip
    # several years: WHO-5 first and last over all the data, credited to each year
    years = x.person()
    x.enrol(years, "edge-o2023", [("registered", date(2023, 2, 20)), ("active", date(2023, 3, 6)),
            ("completed", date(2023, 6, 26))], present=8, of=10)  # fmt: skip
    x.enrol(years, "edge-o2025", [("registered", date(2024, 12, 1)), ("active", date(2025, 1, 13)),
            ("completed", date(2025, 3, 31))])  # fmt: skip
    x.who5(years, date(2023, 3, 1), 8)
    x.who5(years, date(2025, 4, 7), 20)
    # WHO-5: a single measurement; three (the middle one does not count); gain of 12; loss
    single = x.person()
    x.completed(single)
    x.who5(single, date(2024, 1, 30), 12)
    for raws in ((10, 25, 12), (10, 11, 13), (20, 18, 15)):
        person = x.person()
        x.completed(person)
        for day, raw in zip((date(2024, 1, 30), date(2024, 3, 1), date(2024, 5, 5)), raws,
                            strict=True):  # fmt: skip
            x.who5(person, day, raw)
    # integration: the 6- and 12-month windows, their edges and outcomes that do not count
    for kind, on in (
        (OutcomeKind.EMPLOYMENT, END + timedelta(days=183)),
        (OutcomeKind.EMPLOYMENT, END + timedelta(days=184)),
        (OutcomeKind.VOCATIONAL_TRAINING, END + timedelta(days=365)),
        (OutcomeKind.FURTHER_TRAINING, END + timedelta(days=366)),
        (OutcomeKind.EMPLOYMENT, START - timedelta(days=1)),
        (OutcomeKind.SELF_EMPLOYMENT, START),
        (OutcomeKind.CLUB_MEMBERSHIP, END + timedelta(days=10)),
        (OutcomeKind.OTHER, END + timedelta(days=10)),
    ):
        person = x.person()
        x.completed(person)
        x.outcome(person, kind, on)
    dropped = x.person()
    x.enrol(dropped, "edge-o2024",
            [("registered", start), ("active", START), ("dropped", date(2024, 3, 1))],
            reason=DropoutReason.CARE_DUTIES)  # fmt: skip
    x.outcome(dropped, OutcomeKind.MARGINAL_EMPLOYMENT, date(2024, 3, 1) + timedelta(days=100))
    ongoing = x.person()
    x.enrol(ongoing, "edge-o2024", [("registered", start), ("active", START)])
    x.outcome(ongoing, OutcomeKind.EMPLOYMENT, date(2024, 4, 1))
    twice = x.person()
    x.enrol(twice, "edge-o2023", [("registered", date(2023, 2, 20)), ("active", date(2023, 3, 6)),
            ("completed", date(2023, 6, 26))], present=10, of=10)  # fmt: skip
    x.completed(twice)
    x.outcome(twice, OutcomeKind.EMPLOYMENT, date(2024, 6, 1))
    # consent: none at all; participation given after the enrolment; expired before it
    x.completed(x.person([]))
    late = x.person(_consents(date(2024, 3, 1)))
    x.completed(late)
    x.enrol(late, "edge-o2025", [("registered", date(2024, 12, 1)), ("active", date(2025, 1, 13)),
            ("dropped", date(2025, 2, 1))], reason=DropoutReason.MOVED_AWAY)  # fmt: skip
    x.completed(x.person(_consents(date(2023, 1, 1), expires=date(2024, 1, 10))))
    # withdrawn after the reference day; health consent only, withdrawn after it
    withdrawn = x.person(_consents(withdrawn=date(2024, 10, 1)), restricted=True)
    x.completed(withdrawn)
    x.who5(withdrawn, date(2024, 1, 30), 9)
    x.who5(withdrawn, date(2024, 5, 2), 17)
    health_gone = x.person(_consents(health_withdrawn=date(2024, 10, 1)), restricted=True)
    x.completed(health_gone)
    x.who5(health_gone, date(2024, 1, 30), 9)
    x.who5(health_gone, date(2024, 5, 2), 19)
    # health consent covering only assessments, or only restrictions
    for category in (DataCategory.ASSESSMENTS, DataCategory.HEALTH_RESTRICTIONS):
        person = x.person(_consents(health_categories=frozenset({category})), restricted=True)
        x.completed(person)
        x.who5(person, date(2024, 1, 30), 10)
        x.who5(person, date(2024, 5, 2), 16)
    # health consent given between two measurements; no health consent at all
    between = x.person(_consents(health_given=date(2024, 2, 15)), restricted=True)
    x.completed(between)
    for day, raw in ((date(2024, 1, 30), 5), (date(2024, 3, 15), 12), (date(2024, 5, 10), 15)):
        x.who5(between, day, raw)
    unhealthy = x.person(_consents(health=False), restricted=True)
    x.completed(unhealthy)
    x.who5(unhealthy, date(2024, 1, 30), 5)
    x.who5(unhealthy, date(2024, 5, 10), 15)
    # participation consent for another category only; expiring before an outcome
    x.completed(x.person(_consents(participation_categories=frozenset({DataCategory.OUTCOMES}))))
    expiring = x.person(_consents(expires=date(2024, 5, 1)))
    x.completed(expiring)
    x.outcome(expiring, OutcomeKind.EMPLOYMENT, date(2024, 6, 1))
    # consent given after the reference day
    after = x.person(_consents(date(2024, 9, 15)))
    x.enrol(after, "edge-o2025", [("registered", date(2024, 12, 1)), ("active", date(2025, 1, 13)),
            ("completed", date(2025, 3, 31))])  # fmt: skip
    events = [
        Event("edge-ev-1", site, "Gesundheitstag", date(2023, 5, 4), partner_ids={"aok", "tk"},
              visitors=120),
        Event("edge-ev-2", site, "Aktionstag", date(2023, 9, 1), partner_ids={"aok"}),
        Event("edge-ev-3", base.sites[1].id, "Gesundheitstag", date(2025, 5, 4)),
    ]  # fmt: skip
    return attrs.evolve(
        base,
        modules=(*base.modules, bare),
        offerings=(*base.offerings, *offerings),
        sessions=(*base.sessions, *sessions),
        participants=(*base.participants, *x.participants),
        enrolments=(*base.enrolments, *x.enrolments),
        attendances=(*base.attendances, *x.attendances),
        assessments=(*base.assessments, *x.assessments),
        outcomes=(*base.outcomes, *x.outcomes),
        events=(*base.events, *events),
    )


DATASET = _edge_cases(generate_cohort(seed=2024, participants=2100, sites=3))


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return jsonl.write_jsonl(DATASET, tmp_path_factory.mktemp("sql") / "cohort.jsonl")


# -- the oracle: SQL over the file, from the docs -----------------------------------------------

LOAD = """
CREATE TABLE raw (n INTEGER PRIMARY KEY, j TEXT NOT NULL);
"""

TABLES = """
CREATE TABLE person AS
  SELECT j->>'pseudonym' AS id, j->>'site_id' AS site, COALESCE(j->>'gender', 'unknown') AS gender,
         j->>'birth_year' AS birth_year, j->>'benefit' AS benefit,
         COALESCE(json_array_length(j, '$.restrictions'), 0) > 0 AS restricted
  FROM raw WHERE j->>'type' = 'participant';
CREATE TABLE consent AS
  SELECT p.j->>'pseudonym' AS person, c.value->>'purpose' AS purpose,
         c.value->>'given_on' AS given, c.value->>'expires_on' AS expires,
         c.value->>'withdrawn_on' AS withdrawn, COALESCE(c.value->'data_categories', '[]') AS cats
  FROM raw p, json_each(p.j, '$.consents') c WHERE p.j->>'type' = 'participant';
-- consents that count by the reference day :ref, per category they are asked for
CREATE TABLE counting AS
  SELECT person, kind, given, expires, withdrawn FROM (
    SELECT consent.*, k.kind FROM consent, (SELECT 'participation' AS kind
      UNION ALL SELECT 'assessments' UNION ALL SELECT 'health_restrictions') k
    WHERE purpose = CASE k.kind WHEN 'participation' THEN 'programme_participation'
                                ELSE 'health_data_processing' END
      AND (json_array_length(cats) = 0
           OR EXISTS (SELECT 1 FROM json_each(cats) WHERE value = k.kind)))
  WHERE given <= :ref AND (withdrawn IS NULL OR withdrawn > :ref);
CREATE INDEX counting_person ON counting (person, kind);
CREATE TABLE module AS
  SELECT j->>'id' AS id, j->>'field_of_action' AS field, j->>'provider_id' AS provider,
         COALESCE(j->>'sessions', 1) AS sessions
  FROM raw WHERE j->>'type' = 'module';
CREATE TABLE session_count AS
  SELECT j->>'offering_id' AS offering, COUNT(*) AS n FROM raw WHERE j->>'type' = 'session'
  GROUP BY 1;
CREATE TABLE offering AS
  SELECT o.j->>'id' AS id, o.j->>'module_id' AS module, o.j->>'starts_on' AS starts,
         CAST(substr(o.j->>'starts_on', 1, 4) AS INTEGER) AS year, m.field,
         COALESCE(o.j->>'provider_id', m.provider, 'unknown') AS provider,
         COALESCE(s.n, m.sessions) AS n_sessions
  FROM raw o JOIN module m ON m.id = o.j->>'module_id'
  LEFT JOIN session_count s ON s.offering = o.j->>'id'
  WHERE o.j->>'type' = 'offering';
CREATE TABLE present AS
  SELECT j->>'enrolment_id' AS enrolment, SUM(j->>'status' = 'present') AS n
  FROM raw WHERE j->>'type' = 'attendance' GROUP BY 1;
CREATE TABLE enrolment AS
  SELECT j->>'id' AS id, j->>'participant' AS person, j->>'offering_id' AS offering,
         j->>'status' AS status, j->>'dropout_reason' AS reason,
         j->>'$.history[0].on' AS first_day,
         CASE WHEN j->>'status' IN ('completed', 'dropped', 'no_show')
              THEN j->>'$.history[#-1].on' END AS end_day
  FROM raw WHERE j->>'type' = 'enrolment';
-- the enrolments that count, with everything a breakdown needs
CREATE TABLE ce AS
  SELECT e.*, o.year, o.starts, o.module, o.field, o.provider, o.n_sessions,
         COALESCE(a.n, 0) AS present, p.site, p.gender, p.benefit,
         CASE WHEN o.year - p.birth_year <= 24 THEN 'under_25'
              WHEN o.year - p.birth_year <= 34 THEN '25_34'
              WHEN o.year - p.birth_year <= 44 THEN '35_44'
              WHEN o.year - p.birth_year <= 54 THEN '45_54' ELSE '55_plus' END AS band
  FROM enrolment e JOIN offering o ON o.id = e.offering
  JOIN person p ON p.id = e.person
  LEFT JOIN present a ON a.enrolment = e.id
  WHERE EXISTS (SELECT 1 FROM counting c WHERE c.person = e.person AND c.kind = 'participation'
                AND c.given <= COALESCE(e.first_day, o.starts)
                AND (c.expires IS NULL OR COALESCE(e.first_day, o.starts) <= c.expires)
                AND (c.withdrawn IS NULL OR COALESCE(e.first_day, o.starts) < c.withdrawn));
CREATE TABLE who5 AS
  SELECT j->>'participant' AS person, j->>'on' AS day,
         (SELECT SUM(value) FROM json_each(raw.j, '$.answers')) AS raw_sum
  FROM raw WHERE j->>'type' = 'assessment' AND j->>'instrument' = 'who5'
    AND EXISTS (SELECT 1 FROM counting c WHERE c.person = raw.j->>'participant'
                AND c.kind = 'assessments' AND c.given <= raw.j->>'on'
                AND (c.expires IS NULL OR raw.j->>'on' <= c.expires)
                AND (c.withdrawn IS NULL OR raw.j->>'on' < c.withdrawn));
CREATE TABLE change AS
  WITH ranked AS (
    SELECT person, day, raw_sum,
           ROW_NUMBER() OVER (PARTITION BY person ORDER BY day) AS up,
           ROW_NUMBER() OVER (PARTITION BY person ORDER BY day DESC) AS down
    FROM who5)
  SELECT f.person, 4 * (l.raw_sum - f.raw_sum) AS change
  FROM ranked f JOIN ranked l ON l.person = f.person AND l.down = 1
  WHERE f.up = 1 AND l.day > f.day;
CREATE TABLE health AS SELECT DISTINCT person FROM counting WHERE kind = 'health_restrictions';
CREATE TABLE integration AS
  SELECT j->>'participant' AS person, julianday(j->>'on') AS day FROM raw
  WHERE j->>'type' = 'outcome' AND j->>'kind' IN ({kinds})
    AND EXISTS (SELECT 1 FROM counting c WHERE c.person = raw.j->>'participant'
                AND c.kind = 'participation' AND c.given <= raw.j->>'on'
                AND (c.expires IS NULL OR raw.j->>'on' <= c.expires)
                AND (c.withdrawn IS NULL OR raw.j->>'on' < c.withdrawn));
CREATE INDEX integration_person ON integration (person);
CREATE TABLE event AS
  SELECT j->>'id' AS id, j->>'site_id' AS site, CAST(substr(j->>'on', 1, 4) AS INTEGER) AS year,
         COALESCE(j->>'visitors', 0) AS visitors, COALESCE(j->'partner_ids', '[]') AS partners
  FROM raw WHERE j->>'type' = 'event';
""".format(kinds=", ".join(f"'{k}'" for k in INTEGRATION_KINDS))


def _groups(dims: tuple[str, ...], prefix: str = "") -> str:
    return ", ".join([f"{prefix}year", *(f"{prefix}{COLUMN[d]}" for d in dims)])


def _pct(numerator: int, denominator: int) -> Fraction | None:
    return Fraction(100 * numerator, denominator) if denominator else None


Cell = tuple[int, tuple[str, ...], tuple[str, ...]]


def oracle(con: sqlite3.Connection) -> dict[Cell, dict[str, Any]]:
    """Every metric of every cell, from the tables above."""
    out: dict[Cell, dict[str, Any]] = {}

    def cell(dims: tuple[str, ...], row: tuple[Any, ...]) -> dict[str, Any]:
        key = (row[0], dims, tuple(row[1 : 1 + len(dims)]))
        return out.setdefault(key, {})

    place = ", ".join(f"'{s}'" for s in PLACE)
    ended = ", ".join(f"'{s}'" for s in ENDED)
    for dims in [(), *BREAKDOWNS]:
        g, k = _groups(dims), len(dims) + 1
        for row in con.execute(
            f"""SELECT {g}, SUM(status IN ({place})), SUM(status = 'waitlisted'),
                       SUM(status = 'completed'), SUM(status = 'dropped'),
                       SUM(status = 'no_show'), SUM(status IN ({ended}))
                FROM ce GROUP BY {g}"""
        ):
            places, waiting, done, dropped, no_show, n_ended = row[k:]
            f = cell(dims, row)
            f.update(
                places_filled=places,
                waitlisted=waiting,
                completion_rate=_pct(done, n_ended),
                dropout_rate=_pct(dropped, n_ended),
                no_show_rate=_pct(no_show, n_ended),
                **{f"dropout_rate:{r}": _pct(0, n_ended) for r in REASONS},
                _ended=n_ended,
                attendance_rate=None,
                reach=0,
                health_consent_persons=0,
                restriction_share=None,
                wellbeing_change=None,
                wellbeing_gain_share=None,
                integration_6m=None,
                integration_12m=None,
            )
        for row in con.execute(
            f"""SELECT {g}, reason, COUNT(*) FROM ce WHERE status = 'dropped'
                GROUP BY {g}, reason"""
        ):
            f = cell(dims, row)
            f[f"dropout_rate:{row[k]}"] = _pct(row[k + 1], f["_ended"])
        means: dict[Cell, tuple[Fraction, int]] = {}
        for row in con.execute(
            f"""SELECT {g}, n_sessions, SUM(present), COUNT(*) FROM ce
                WHERE status IN ('completed', 'dropped') GROUP BY {g}, n_sessions"""
        ):
            key = (row[0], dims, tuple(row[1:k]))
            total, count = means.get(key, (Fraction(0), 0))
            means[key] = (total + Fraction(row[k + 1], row[k]), count + row[k + 2])
        for key, (total, count) in means.items():
            out[key]["attendance_rate"] = 100 * total / count
        for row in con.execute(
            f"""WITH pc AS (
                  SELECT {g}, person,
                    MIN(CASE WHEN status IN ('completed', 'dropped') AND end_day IS NOT NULL
                             THEN julianday(starts) END) AS first,
                    MAX(CASE WHEN status IN ('completed', 'dropped') AND end_day IS NOT NULL
                             THEN julianday(end_day) END) AS last
                  FROM ce WHERE status IN ({place}) GROUP BY {g}, person)
                SELECT {_groups(dims, "pc.")}, COUNT(*), COUNT(h.person),
                  SUM(h.person IS NOT NULL AND p.restricted), COUNT(ch.change),
                  COALESCE(SUM(ch.change), 0), COALESCE(SUM(ch.change >= 10), 0), COUNT(pc.last),
                  SUM(pc.last IS NOT NULL AND EXISTS (SELECT 1 FROM integration i
                      WHERE i.person = pc.person AND i.day BETWEEN pc.first AND pc.last + 183)),
                  SUM(pc.last IS NOT NULL AND EXISTS (SELECT 1 FROM integration i
                      WHERE i.person = pc.person AND i.day BETWEEN pc.first AND pc.last + 365))
                FROM pc JOIN person p ON p.id = pc.person
                LEFT JOIN health h ON h.person = pc.person
                LEFT JOIN change ch ON ch.person = pc.person
                GROUP BY {_groups(dims, "pc.")}"""
        ):
            reach, consented, restricted, pairs, change, gains, ended_people, six, twelve = row[k:]
            f = cell(dims, row)
            f.update(
                reach=reach,
                health_consent_persons=consented,
                restriction_share=_pct(restricted, consented),
                wellbeing_change=Fraction(change, pairs) if pairs else None,
                wellbeing_gain_share=_pct(gains, pairs),
                integration_6m=_pct(six, ended_people),
                integration_12m=_pct(twelve, ended_people),
            )
    # events: by site and in the total only
    for dims in ((), ("site",)):
        g = "year" + (", site" if dims else "")
        for row in con.execute(
            f"""SELECT {g}, COUNT(*), SUM(visitors),
                       (SELECT COUNT(DISTINCT p.value) FROM event x, json_each(x.partners) p
                        WHERE x.year = event.year {"AND x.site = event.site" if dims else ""})
                FROM event GROUP BY {g}"""
        ):
            f = cell(dims, row)
            if "reach" not in f:  # a cell with events only
                f.update(_empty_figures())
            f.update(events=row[-3], event_visitors=row[-2], event_partners=row[-1])
    for f in out.values():
        f.pop("_ended", None)
        for name in ("events", "event_visitors", "event_partners"):
            f.setdefault(name, 0)
    return out


def _empty_figures() -> dict[str, Any]:
    figures: dict[str, Any] = dict.fromkeys(
        ("completion_rate", "dropout_rate", "no_show_rate", "attendance_rate",
         "restriction_share", "wellbeing_change", "wellbeing_gain_share", "integration_6m",
         "integration_12m", *(f"dropout_rate:{r}" for r in REASONS)),
    )  # fmt: skip
    figures.update(reach=0, places_filled=0, waitlisted=0, health_consent_persons=0)
    return figures


def _load(path: Path, reference: date | None) -> sqlite3.Connection:
    con = sqlite3.connect(":memory:")
    con.executescript(LOAD)
    with open(path, encoding="utf-8") as handle:
        con.executemany("INSERT INTO raw (j) VALUES (?)", ((line,) for line in handle))
    ref = "9999-12-31" if reference is None else reference.isoformat()
    for statement in TABLES.split(";"):
        if statement.strip():
            con.execute(statement, {"ref": ref} if ":ref" in statement else {})
    return con


@pytest.fixture(scope="module", params=REFERENCE_DAYS, ids=["no-reference-day", "2024-09-01"])
def both(request: pytest.FixtureRequest, exported: Path) -> tuple[Any, Any]:
    reference = request.param
    con = _load(exported, reference)
    try:
        expected = oracle(con)
    finally:
        con.close()
    actual = metrics.aggregate_jsonl(exported, by=BREAKDOWNS, workers=1, as_of=reference)
    return expected, actual


# -- the comparisons ------------------------------------------------------------------------------


def _library_figures(figures: metrics.MetricsAggregate, key: Cell) -> dict[str, Any]:
    year, dims, group = key
    out: dict[str, Any] = dict(figures.figures(year=year, by=dims, group=group))
    for reason in REASONS:
        out[f"dropout_rate:{reason}"] = figures.value(
            f"dropout_rate:{reason}", year=year, by=dims, group=group
        )
    return out


def test_the_cohort_is_large_and_has_every_path():
    assert len(DATASET.participants) >= 2000
    statuses = {tuple(h.status.value for h in e.history) for e in DATASET.enrolments}
    for path in (("referred", "dropped"), ("waitlisted", "dropped"), ("registered", "no_show")):
        assert path in statuses
    assert {e.dropout_reason for e in DATASET.enrolments if e.dropout_reason} == set(DropoutReason)
    assert {o.starts_on.year for o in DATASET.offerings} >= {2023, 2024, 2025}


def test_the_oracle_covers_every_metric(both):
    expected, _actual = both
    some = next(iter(expected.values()))
    assert set(metrics.METRICS) <= set(some)
    assert {f"dropout_rate:{r}" for r in REASONS} <= set(some)


def test_every_cell_of_every_breakdown_is_there(both):
    expected, actual = both
    assert set(actual.cells) == set(expected)
    for dims in BREAKDOWNS:
        assert any(key[1] == dims for key in expected), dims
    assert {key[0] for key in expected} >= {2023, 2024, 2025}


def test_every_metric_of_every_cell_matches_exactly(both):
    expected, actual = both
    problems = []
    for key in sorted(expected):
        mine = _library_figures(actual, key)
        for name, value in expected[key].items():
            if name not in mine:
                problems.append(f"{key} {name}: not a library figure")
            elif mine[name] != value or type(mine[name]) is float:
                problems.append(f"{key} {name}: library {mine[name]!r} vs SQL {value!r}")
    assert not problems, f"{len(problems)} differences, e.g. {problems[:5]}"


def test_the_edge_cases_reach_the_figures(both):
    """The comparison is not vacuous: the hand-made paths change figures as the docs say."""
    expected, _actual = both
    site = DATASET.sites[0].id
    partner = expected[(2024, ("provider",), ("edge-partner",))]
    assert partner["places_filled"] > 0
    assert partner["attendance_rate"] is not None
    assert partner["integration_12m"] != partner["integration_6m"]
    assert expected[(2023, ("provider",), ("unknown",))]["wellbeing_change"] == 48
    assert expected[(2025, ("site",), (site,))]["wellbeing_change"] == 48
    assert expected[(2023, ("site",), (site,))]["event_partners"] == 2
    for reason in REASONS:
        assert partner[f"dropout_rate:{reason}"], reason
