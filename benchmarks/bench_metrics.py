"""Benchmark: outcome metrics for a national-size cohort, against DuckDB on the same file.

Writes a synthetic cohort (default 250,000 participants at 230 sites, about 750,000
enrolments and 7.5 million attendances) once as JSON Lines, then measures, each in a fresh
process so peak memory is its own:

* the library end to end: ``aggregate_jsonl`` (reading + cheap checks + aggregating, in
  parallel chunks merged by the merge law), by year, by site and by field of action;
* DuckDB computing the same figures with SQL from the same file;

and prints both times, peak memory and the ratio, and checks that the figures agree. It also
times a Gelsenkirchen-sized cohort (1,500 participants, about 4,000 places filled).

    python benchmarks/bench_metrics.py            # national size (generation takes minutes)
    python benchmarks/bench_metrics.py --quick    # 20,000 participants, a smoke run
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from fractions import Fraction
from pathlib import Path
from typing import Any

BREAKDOWNS = [("site",), ("field_of_action",)]
RATES = (
    "completion_rate",
    "dropout_rate",
    "attendance_rate",
    "restriction_share",
    "wellbeing_change",
    "wellbeing_gain_share",
    "integration_6m",
    "integration_12m",
)
COUNTS = ("reach", "places_filled", "events", "event_partners", "event_visitors")


def peak_mb() -> tuple[float, float]:
    """Peak resident memory (MB) of this process and of its largest child."""
    self_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    child_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return self_kb / 1024, child_kb / 1024


# -- the library -------------------------------------------------------------------------------


def run_library(path: str, workers: int) -> dict[str, Any]:
    from arbeit_gesundheit.metrics import aggregate_jsonl  # noqa: PLC0415 - measured process only

    start = time.perf_counter()
    result = aggregate_jsonl(path, by=BREAKDOWNS, workers=workers)
    seconds = time.perf_counter() - start
    figures = {}
    for (year, dims, values), cell in result.cells.items():
        key = f"{year}|{','.join(dims)}|{','.join(values)}"
        figures[key] = {m: _num(cell.value(m)) for m in (*COUNTS, *RATES)}
        for reason, _n in cell.dropout_reasons.items():
            figures[key][f"dropout_rate:{reason}"] = _num(cell.value(f"dropout_rate:{reason}"))
    return {"seconds": seconds, "figures": figures}


def _num(value: int | Fraction | None) -> float | None:
    return None if value is None else float(value)


# -- DuckDB --------------------------------------------------------------------------------------

DUCKDB_SQL = """
CREATE TEMP TABLE raw AS SELECT * FROM read_json('{path}', format='newline_delimited',
  columns={{'type': 'VARCHAR', 'id': 'VARCHAR', 'pseudonym': 'VARCHAR', 'site_id': 'VARCHAR',
  'restrictions': 'JSON', 'participant': 'VARCHAR', 'offering_id': 'VARCHAR',
  'status': 'VARCHAR', 'history': 'STRUCT("status" VARCHAR, "on" DATE, reason VARCHAR)[]',
  'dropout_reason': 'VARCHAR', 'enrolment_id': 'VARCHAR', 'instrument': 'VARCHAR',
  'on': 'DATE', 'answers': 'MAP(VARCHAR, INTEGER)', 'kind': 'VARCHAR', 'module_id': 'VARCHAR',
  'starts_on': 'DATE', 'provider_id': 'VARCHAR', 'field_of_action': 'VARCHAR',
  'sessions': 'INTEGER', 'visitors': 'INTEGER', 'partner_ids': 'VARCHAR[]'}});

CREATE TEMP TABLE persons AS
  SELECT pseudonym, site_id AS site, json_array_length(restrictions) > 0 AS restricted
  FROM raw WHERE type = 'participant';
CREATE TEMP TABLE present AS
  SELECT enrolment_id, COUNT(*) AS n FROM raw
  WHERE type = 'attendance' AND status = 'present' GROUP BY 1;
CREATE TEMP TABLE planned AS
  SELECT offering_id, COUNT(*) AS n FROM raw WHERE type = 'session' GROUP BY 1;
CREATE TEMP TABLE offerings AS
  SELECT o.id, year(o.starts_on) AS year, o.starts_on, m.field_of_action AS field,
         COALESCE(p.n, m.sessions) AS n_sessions
  FROM raw o JOIN raw m ON m.type = 'module' AND m.id = o.module_id
  LEFT JOIN planned p ON p.offering_id = o.id
  WHERE o.type = 'offering';
CREATE TEMP TABLE ef AS
  SELECT e.participant, e.status, e.dropout_reason AS reason, o.year, o.starts_on,
         p.site, o.field, p.restricted, o.n_sessions, COALESCE(a.n, 0) AS present,
         CASE WHEN e.status IN ('completed', 'dropped', 'no_show')
              THEN e.history[len(e.history)].on END AS ended_on
  FROM raw e JOIN offerings o ON o.id = e.offering_id
  JOIN persons p ON p.pseudonym = e.participant
  LEFT JOIN present a ON a.enrolment_id = e.id
  WHERE e.type = 'enrolment';
CREATE TEMP TABLE ec AS
  SELECT *, '' AS dims, '' AS val FROM ef
  UNION ALL SELECT *, 'site', site FROM ef
  UNION ALL SELECT *, 'field_of_action', field FROM ef;
CREATE TEMP TABLE who5 AS
  SELECT participant, "on", list_sum(map_values(answers)) AS raw FROM raw
  WHERE type = 'assessment' AND instrument = 'who5';
CREATE TEMP TABLE pairs AS
  SELECT participant, (arg_max(raw, "on") - arg_min(raw, "on")) * 4 AS change
  FROM who5 GROUP BY 1 HAVING max("on") > min("on");
CREATE TEMP TABLE integ AS
  SELECT participant, "on" FROM raw WHERE type = 'outcome' AND kind IN
  ('employment', 'marginal_employment', 'vocational_training', 'further_training',
   'self_employment');
"""

DUCKDB_ENROLMENT_QUERY = """
SELECT year, dims, val,
  SUM((status IN ('registered','active','completed','dropped'))::INT) AS places,
  SUM((status = 'completed')::INT), SUM((status = 'dropped')::INT),
  SUM((status IN ('completed','dropped','no_show'))::INT) AS ended,
  AVG(CASE WHEN status IN ('completed','dropped') THEN present / n_sessions END)
FROM ec GROUP BY ALL
"""
DUCKDB_REASON_QUERY = """
SELECT year, dims, val, reason, COUNT(*) FROM ec WHERE status = 'dropped' GROUP BY ALL
"""
DUCKDB_PERSON_QUERY = """
WITH pc AS (
  SELECT year, dims, val, participant, any_value(restricted) AS restricted,
         MIN(CASE WHEN status IN ('completed','dropped') AND ended_on IS NOT NULL
                  THEN starts_on END) AS first,
         MAX(CASE WHEN status IN ('completed','dropped') THEN ended_on END) AS last
  FROM ec WHERE status IN ('registered','active','completed','dropped') GROUP BY ALL),
hits AS (
  SELECT pc.year, pc.dims, pc.val, pc.participant,
         bool_or(i."on" BETWEEN pc.first AND pc.last + 183) AS six,
         bool_or(i."on" BETWEEN pc.first AND pc.last + 365) AS twelve
  FROM pc JOIN integ i ON i.participant = pc.participant
  WHERE pc.last IS NOT NULL GROUP BY ALL)
SELECT pc.year, pc.dims, pc.val, COUNT(*) AS reach, SUM(restricted::INT),
       COUNT(pairs.change), SUM(pairs.change), SUM((pairs.change >= 10)::INT),
       COUNT(pc.last), SUM(COALESCE(h.six, false)::INT), SUM(COALESCE(h.twelve, false)::INT)
FROM pc LEFT JOIN pairs ON pairs.participant = pc.participant
LEFT JOIN hits h ON h.year = pc.year AND h.dims = pc.dims AND h.val = pc.val
                AND h.participant = pc.participant
GROUP BY ALL
"""
DUCKDB_EVENT_QUERY = """
WITH ev AS (SELECT id, site_id AS site, year("on") AS year, COALESCE(visitors, 0) AS visitors,
                   partner_ids FROM raw WHERE type = 'event'),
evc AS (SELECT *, '' AS dims, '' AS val FROM ev UNION ALL SELECT *, 'site', site FROM ev)
SELECT year, dims, val, COUNT(*), SUM(visitors),
       (SELECT COUNT(DISTINCT p) FROM (SELECT unnest(x.partner_ids) AS p FROM evc x
         WHERE x.year = evc.year AND x.dims = evc.dims AND x.val = evc.val))
FROM evc GROUP BY ALL
"""


def run_duckdb(path: str) -> dict[str, Any]:
    import duckdb  # noqa: PLC0415 - measured process only

    start = time.perf_counter()
    con = duckdb.connect()
    con.execute(DUCKDB_SQL.format(path=path.replace("'", "''")))
    enrol = con.execute(DUCKDB_ENROLMENT_QUERY).fetchall()
    reasons = con.execute(DUCKDB_REASON_QUERY).fetchall()
    people = con.execute(DUCKDB_PERSON_QUERY).fetchall()
    events = con.execute(DUCKDB_EVENT_QUERY).fetchall()
    seconds = time.perf_counter() - start
    figures: dict[str, dict[str, float | None]] = {}

    def key(year: int, dims: str, val: str) -> dict[str, float | None]:
        return figures.setdefault(f"{year}|{dims}|{val}", {})

    def pct(n: float | None, d: float | None) -> float | None:
        return None if not d else 100 * (n or 0) / d

    ended_of = {}
    for year, dims, val, places, done, dropped, ended, att in enrol:
        f = key(year, dims, val)
        f["places_filled"] = places
        f["completion_rate"] = pct(done, ended)
        f["dropout_rate"] = pct(dropped, ended)
        f["attendance_rate"] = None if att is None else 100 * att
        ended_of[(year, dims, val)] = ended
    for year, dims, val, reason, n in reasons:
        key(year, dims, val)[f"dropout_rate:{reason}"] = pct(n, ended_of[(year, dims, val)])
    for year, dims, val, reach, restr, pairs, change, gains, ip, six, twelve in people:
        f = key(year, dims, val)
        f["reach"] = reach
        f["restriction_share"] = pct(restr, reach)
        f["wellbeing_change"] = None if not pairs else change / pairs
        f["wellbeing_gain_share"] = pct(gains, pairs)
        f["integration_6m"] = pct(six, ip)
        f["integration_12m"] = pct(twelve, ip)
    for year, dims, val, n, visitors, partners in events:
        f = key(year, dims, val)
        f["events"], f["event_visitors"], f["event_partners"] = n, visitors, partners
    return {"seconds": seconds, "figures": figures}


def compare(library: dict[str, Any], duck: dict[str, Any]) -> list[str]:
    """Differences between the two sets of figures (empty when they agree)."""
    problems = []
    for cell, figures in duck.items():
        mine = library.get(cell)
        if mine is None:
            problems.append(f"{cell}: missing in the library's figures")
            continue
        for name, value in figures.items():
            ours = mine.get(name)
            if value is None and ours is None:
                continue
            if value is None or ours is None or abs(float(value) - ours) > 1e-6 * max(1, abs(ours)):
                problems.append(f"{cell} {name}: library {ours} vs DuckDB {value}")
    return problems


# -- driver --------------------------------------------------------------------------------------


def measure(kind: str, path: str, workers: int) -> dict[str, Any]:
    """Run one measurement in a fresh process and return its figures, time and memory."""
    out = subprocess.run(
        [sys.executable, __file__, "--measure", kind, "--path", path, "--workers", str(workers)],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout)


def generate(path: Path, participants: int, sites: int) -> None:
    from arbeit_gesundheit.synthetic import write_cohort_jsonl  # noqa: PLC0415

    if path.exists():
        print(f"using {path} ({path.stat().st_size / 1e6:,.0f} MB)")
        return
    start = time.perf_counter()
    write_cohort_jsonl(path, seed=2024, participants=participants, sites=sites)
    print(f"generated {path} in {time.perf_counter() - start:.1f} s "
          f"({path.stat().st_size / 1e6:,.0f} MB)")  # fmt: skip


def count_types(path: Path) -> dict[str, int]:
    counts: dict[str, int] = {}
    with open(path, "rb") as handle:
        for line in handle:
            kind = line[9 : line.index(b'"', 9)].decode()
            counts[kind] = counts.get(kind, 0) + 1
    return counts


def report(label: str, path: Path, workers: int, repeat: int = 1) -> None:
    counts = count_types(path)
    print(f"\n== {label}: {counts.get('participant', 0):,} participants, "
          f"{counts.get('enrolment', 0):,} enrolments, {counts.get('attendance', 0):,} "
          f"attendances, {sum(counts.values()):,} lines")  # fmt: skip
    lib = min((measure("library", str(path), workers) for _ in range(repeat)),
              key=lambda r: r["seconds"])  # fmt: skip
    duck = min((measure("duckdb", str(path), workers) for _ in range(repeat)),
               key=lambda r: r["seconds"])  # fmt: skip
    print(f"library  : {lib['seconds']:7.2f} s  peak {lib['peak_mb']:7.0f} MB "
          f"(main {lib['self_mb']:.0f} MB + {workers} x largest worker "
          f"{lib['child_mb']:.0f} MB, an upper bound)")  # fmt: skip
    print(f"DuckDB   : {duck['seconds']:7.2f} s  peak {duck['peak_mb']:7.0f} MB")
    print(f"ratio library/DuckDB: {lib['seconds'] / duck['seconds']:.2f}x")
    problems = compare(lib["figures"], duck["figures"])
    print("figures agree" if not problems else f"{len(problems)} differences, e.g. {problems[:3]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="20,000 participants only")
    parser.add_argument("--data", default=os.path.join(tempfile.gettempdir(), "ag_bench"))
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--measure", choices=["library", "duckdb"], help=argparse.SUPPRESS)
    parser.add_argument("--path", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        run = (
            run_library(args.path, args.workers)
            if args.measure == "library"
            else run_duckdb(args.path)
        )
        self_mb, child_mb = peak_mb()
        # Upper bound: the main process plus every worker at the largest worker's peak.
        workers = args.workers if args.measure == "library" and child_mb else 0
        run.update(self_mb=self_mb, child_mb=child_mb, peak_mb=self_mb + workers * child_mb)
        print(json.dumps(run))
        return
    data = Path(args.data)
    data.mkdir(parents=True, exist_ok=True)
    size, sites = (20_000, 20) if args.quick else (250_000, 230)
    national = data / f"cohort_{size}_{sites}.jsonl"
    generate(national, size, sites)
    small = data / "cohort_1500_gelsenkirchen.jsonl"
    generate(small, 1_500, 1)
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs, workers={args.workers}")
    report("national" if not args.quick else "quick", national, args.workers)
    report("Gelsenkirchen size", small, args.workers, repeat=3)


if __name__ == "__main__":
    main()
