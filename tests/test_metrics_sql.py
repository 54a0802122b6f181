"""Cross-check: the library's metrics equal the same metrics computed by plain SQL (SQLite)."""

from __future__ import annotations

import sqlite3
from fractions import Fraction

import pytest

from arbeit_gesundheit import metrics
from arbeit_gesundheit.synthetic import generate_cohort

DATASET = generate_cohort(seed=2024, participants=400, sites=3)
BY = [("site",), ("field_of_action",)]
AGG = metrics.aggregate(DATASET, by=BY)

# breakdown -> SQL expression for the group value (over the joined enrolment view ``e``)
GROUPS = {(): "'*'", ("site",): "e.site", ("field_of_action",): "e.field"}


@pytest.fixture(scope="module")
def db():
    con = sqlite3.connect(":memory:")
    con.executescript(
        """
        CREATE TABLE participants (pseudonym TEXT PRIMARY KEY, site TEXT, restricted INT);
        CREATE TABLE modules (id TEXT PRIMARY KEY, field TEXT, sessions INT);
        CREATE TABLE offerings (id TEXT PRIMARY KEY, module_id TEXT, starts_on INT, year INT);
        CREATE TABLE sessions (offering_id TEXT, number INT);
        CREATE TABLE enrolments (id TEXT PRIMARY KEY, participant TEXT, offering_id TEXT,
                                 status TEXT, ended_on INT, reason TEXT);
        CREATE TABLE attendances (enrolment_id TEXT, session_number INT, status TEXT);
        CREATE TABLE who5 (participant TEXT, on_day INT, raw INT);
        CREATE TABLE outcomes (participant TEXT, kind TEXT, on_day INT);
        CREATE TABLE integration_kinds (kind TEXT);
        CREATE TABLE events (id TEXT, site TEXT, year INT, visitors INT);
        CREATE TABLE event_partners (event_id TEXT, partner TEXT);
        """
    )
    d = DATASET
    con.executemany(
        "INSERT INTO participants VALUES (?,?,?)",
        [(p.pseudonym, p.site_id, 1 if p.restrictions else 0) for p in d.participants],
    )
    con.executemany(
        "INSERT INTO modules VALUES (?,?,?)",
        [(m.id, m.field_of_action.value, m.sessions) for m in d.modules],
    )
    con.executemany(
        "INSERT INTO offerings VALUES (?,?,?,?)",
        [(o.id, o.module_id, o.starts_on.toordinal(), o.starts_on.year) for o in d.offerings],
    )
    con.executemany(
        "INSERT INTO sessions VALUES (?,?)", [(s.offering_id, s.number) for s in d.sessions]
    )
    con.executemany(
        "INSERT INTO enrolments VALUES (?,?,?,?,?,?)",
        [
            (
                e.id,
                e.participant,
                e.offering_id,
                e.status.value,
                e.history[-1].on.toordinal()
                if e.status.value in ("completed", "dropped", "no_show") and e.history
                else None,
                e.dropout_reason.value if e.dropout_reason else None,
            )
            for e in d.enrolments
        ],
    )
    con.executemany(
        "INSERT INTO attendances VALUES (?,?,?)",
        [(a.enrolment_id, a.session_number, a.status.value) for a in d.attendances],
    )
    con.executemany(
        "INSERT INTO who5 VALUES (?,?,?)",
        [
            (a.participant, a.on.toordinal(), sum(a.answers.values()))
            for a in d.assessments
            if a.instrument == "who5"
        ],
    )
    con.executemany(
        "INSERT INTO outcomes VALUES (?,?,?)",
        [(o.participant, o.kind.value, o.on.toordinal()) for o in d.outcomes],
    )
    con.executemany(
        "INSERT INTO integration_kinds VALUES (?)",
        [(k,) for k in ("employment", "marginal_employment", "vocational_training",
                        "further_training", "self_employment")],
    )  # fmt: skip
    con.executemany(
        "INSERT INTO events VALUES (?,?,?,?)",
        [(e.id, e.site_id, e.on.year, e.visitors or 0) for e in d.events],
    )
    con.executemany(
        "INSERT INTO event_partners VALUES (?,?)",
        [(e.id, p) for e in d.events for p in e.partner_ids],
    )
    con.executescript(
        """
        CREATE VIEW e AS
        SELECT en.*, o.year, o.starts_on, p.site, m.field,
               COALESCE((SELECT COUNT(*) FROM sessions s WHERE s.offering_id = o.id),
                        0) AS n_planned, m.sessions AS module_sessions,
               (SELECT COUNT(*) FROM attendances a
                 WHERE a.enrolment_id = en.id AND a.status = 'present') AS present
        FROM enrolments en
        JOIN offerings o ON o.id = en.offering_id
        JOIN modules m ON m.id = o.module_id
        JOIN participants p ON p.pseudonym = en.participant;
        CREATE VIEW pair AS
        SELECT w.participant,
               (SELECT raw FROM who5 x WHERE x.participant = w.participant
                 ORDER BY on_day DESC LIMIT 1) * 4
             - (SELECT raw FROM who5 x WHERE x.participant = w.participant
                 ORDER BY on_day ASC LIMIT 1) * 4 AS change
        FROM who5 w GROUP BY w.participant HAVING MAX(on_day) > MIN(on_day);
        """
    )
    yield con
    con.close()


def sql_rows(con, group: str, query: str) -> dict[tuple[int, str], tuple]:
    rows = con.execute(query.format(g=group)).fetchall()
    return {(row[0], row[1]): row[2:] for row in rows}


PLACE = "('registered','active','completed','dropped')"


def keyed(by: tuple[str, ...], year: int, value: str) -> tuple[str, ...]:
    return () if by == () else (value,)


@pytest.mark.parametrize("by", list(GROUPS))
def test_counts_and_rates_match_sql(db, by):
    rows = sql_rows(
        db,
        GROUPS[by],
        f"""
        SELECT year, {{g}},
          COUNT(DISTINCT CASE WHEN status IN {PLACE} THEN participant END),
          SUM(status IN {PLACE}),
          SUM(status = 'completed'), SUM(status = 'dropped'),
          SUM(status IN ('completed','dropped','no_show')),
          SUM(status = 'waitlisted'),
          COUNT(DISTINCT CASE WHEN status IN {PLACE} AND (SELECT restricted FROM participants
                WHERE pseudonym = e.participant) = 1 THEN participant END)
        FROM e GROUP BY 1, 2
        """,
    )
    assert rows
    for (year, value), (reach, places, done, dropped, ended, waiting, restricted) in rows.items():
        group = keyed(by, year, value)
        figures = AGG.figures(year=year, by=by, group=group)
        assert figures["reach"] == reach
        assert figures["places_filled"] == places
        assert figures["waitlisted"] == waiting
        assert figures["completion_rate"] == Fraction(100 * done, ended)
        assert figures["dropout_rate"] == Fraction(100 * dropped, ended)
        assert figures["restriction_share"] == Fraction(100 * restricted, reach)


@pytest.mark.parametrize("by", list(GROUPS))
def test_dropout_by_reason_matches_sql(db, by):
    ended = sql_rows(
        db,
        GROUPS[by],
        "SELECT year, {g}, SUM(status IN ('completed','dropped','no_show')) FROM e GROUP BY 1,2",
    )
    reasons = db.execute(
        f"SELECT year, {GROUPS[by]}, reason, COUNT(*) FROM e WHERE status = 'dropped' "
        "GROUP BY 1, 2, 3"
    ).fetchall()
    assert reasons
    for year, value, reason, count in reasons:
        group = keyed(by, year, value)
        expected = Fraction(100 * count, ended[(year, value)][0])
        assert AGG.value(f"dropout_rate:{reason}", year=year, by=by, group=group) == expected


@pytest.mark.parametrize("by", list(GROUPS))
def test_mean_attendance_matches_sql(db, by):
    rows = sql_rows(
        db,
        GROUPS[by],
        """
        SELECT year, {g},
               AVG(present * 1.0 / CASE WHEN n_planned > 0 THEN n_planned
                                        ELSE module_sessions END)
        FROM e WHERE status IN ('completed', 'dropped') GROUP BY 1, 2
        """,
    )
    for (year, value), (mean,) in rows.items():
        actual = AGG.value("attendance_rate", year=year, by=by, group=keyed(by, year, value))
        assert float(actual) == pytest.approx(100 * mean, rel=1e-12)


@pytest.mark.parametrize("by", list(GROUPS))
def test_integration_within_6_and_12_months_matches_sql(db, by):
    rows = sql_rows(
        db,
        GROUPS[by],
        """
        WITH pc AS (
          SELECT year, {g} AS grp, participant, MIN(starts_on) AS first, MAX(ended_on) AS last
          FROM e WHERE status IN ('completed', 'dropped') AND ended_on IS NOT NULL
          GROUP BY 1, 2, 3)
        SELECT year, grp, COUNT(*),
          SUM(EXISTS(SELECT 1 FROM outcomes o JOIN integration_kinds k ON k.kind = o.kind
                     WHERE o.participant = pc.participant
                       AND o.on_day BETWEEN pc.first AND pc.last + 183)),
          SUM(EXISTS(SELECT 1 FROM outcomes o JOIN integration_kinds k ON k.kind = o.kind
                     WHERE o.participant = pc.participant
                       AND o.on_day BETWEEN pc.first AND pc.last + 365))
        FROM pc GROUP BY 1, 2
        """,
    )
    assert any(r[1] for r in rows.values())
    for (year, value), (persons, six, twelve) in rows.items():
        group = keyed(by, year, value)
        assert AGG.value("integration_6m", year=year, by=by, group=group) == Fraction(
            100 * six, persons
        )
        assert AGG.value("integration_12m", year=year, by=by, group=group) == Fraction(
            100 * twelve, persons
        )


@pytest.mark.parametrize("by", list(GROUPS))
def test_wellbeing_change_matches_sql(db, by):
    rows = sql_rows(
        db,
        GROUPS[by],
        f"""
        WITH reach AS (SELECT DISTINCT year, {{g}} AS grp, participant FROM e
                       WHERE status IN {PLACE})
        SELECT r.year, r.grp, COUNT(*), SUM(pair.change), SUM(pair.change >= 10)
        FROM reach r JOIN pair ON pair.participant = r.participant GROUP BY 1, 2
        """,
    )
    assert rows
    for (year, value), (pairs, total, gains) in rows.items():
        group = keyed(by, year, value)
        assert AGG.value("wellbeing_change", year=year, by=by, group=group) == Fraction(
            total, pairs
        )
        assert AGG.value("wellbeing_gain_share", year=year, by=by, group=group) == Fraction(
            100 * gains, pairs
        )


def test_events_match_sql(db):
    rows = db.execute(
        """SELECT year, site, COUNT(*), SUM(visitors),
                  (SELECT COUNT(DISTINCT partner) FROM event_partners ep
                     JOIN events x ON x.id = ep.event_id
                    WHERE x.site = ev.site AND x.year = ev.year)
           FROM events ev GROUP BY 1, 2"""
    ).fetchall()
    assert rows
    for year, site, count, visitors, partners in rows:
        figures = AGG.figures(year=year, by=("site",), group=(site,))
        assert (figures["events"], figures["event_visitors"], figures["event_partners"]) == (
            count,
            visitors,
            partners,
        )
