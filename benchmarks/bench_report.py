"""Annual report end to end from the command line, and the CLI's start-up time.

Runs, each in a fresh subprocess and side by side in one run:

- ``python -c pass`` (the interpreter's own start-up, the floor for any command);
- ``arbeit-gesundheit --help`` (target < 0.3 s);
- the metrics only: the same demo cohort generated and aggregated, no report, no export
  (the reference for the report's own cost);
- ``arbeit-gesundheit report SITE --year 2024 --format html`` and ``--format xlsx`` on the
  site's demo cohort (target < 2 s).

Times are wall-clock (best and median of ``--repeat`` runs); peak memory is the child's
maximum resident set size (``os.wait4``). The site is the one with the largest demo cohort
(``--site`` to choose another). ``--quick`` runs one repetition with a 200-person cohort.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PYTHON = sys.executable
CLI = [PYTHON, "-m", "arbeit_gesundheit"]


def run(args: list[str], cwd: str) -> tuple[float, float]:
    """Wall time (s) and peak RSS (MB) of one subprocess."""
    start = time.perf_counter()
    process = subprocess.Popen(args, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        error = process.stderr.read().decode() if process.stderr else ""
        raise SystemExit(f"failed: {' '.join(args)}\n{error}")
    if process.stderr:
        process.stderr.close()
    return elapsed, usage.ru_maxrss / 1024


def measure(name: str, args: list[str], cwd: str, repeat: int) -> dict[str, object]:
    times, peaks = [], []
    for _ in range(repeat):
        seconds, peak = run(args, cwd)
        times.append(seconds)
        peaks.append(peak)
    return {"name": name, "best": min(times), "median": statistics.median(times),
            "peak": max(peaks)}  # fmt: skip


LARGEST = """
from arbeit_gesundheit.plugins import registry
from arbeit_gesundheit.cli._data import demo_size
sizes = [(demo_size(registry.site(s.id)), len(registry.site(s.id).modules), s.id)
         for s in registry.sites()]
size, _modules, site = max(sizes)
print(site, size)
"""


def largest_site() -> tuple[str, int]:
    """The site with the largest demo cohort (then the largest catalogue).

    Asked in a subprocess, so this process stays small: a child's peak RSS counts the
    memory it shares with its parent before ``exec``.
    """
    result = subprocess.run([PYTHON, "-c", LARGEST], capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SystemExit(f"no site plugin installed?\n{result.stderr}")
    site, size = result.stdout.split()
    return site, int(size)


METRICS_ONLY = """
import sys, tempfile, os
from arbeit_gesundheit.plugins import registry
from arbeit_gesundheit.cli._report import _demo_jsonl
from arbeit_gesundheit.report import report_breakdowns
from arbeit_gesundheit.metrics import aggregate_jsonl
bundle = registry.site(sys.argv[1])
with tempfile.TemporaryDirectory() as tmp:
    path = _demo_jsonl(bundle, 2024, int(sys.argv[2]), tmp)
    aggregate_jsonl(path, year=2024, by=report_breakdowns())
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", default=None)
    parser.add_argument("--size", type=int, default=None, help="demo cohort size")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    site, size = largest_site()
    if args.site:
        site = args.site
    if args.size:
        size = args.size
    repeat = args.repeat
    if args.quick:
        size, repeat = 200, 1
    demo = ["--demo-size", str(size)]
    with tempfile.TemporaryDirectory() as tmp:
        rows = [
            measure("python -c pass", [PYTHON, "-c", "pass"], tmp, repeat),
            measure("arbeit-gesundheit --help", [*CLI, "--help"], tmp, repeat),
            measure("metrics only (demo + aggregate)",
                    [PYTHON, "-c", METRICS_ONLY, site, str(size)], tmp, repeat),
            measure("report --format html",
                    [*CLI, "report", site, "--year", "2024", *demo, "--format", "html", "-o",
                     str(Path(tmp, "r.html")), "--overwrite"], tmp, repeat),
            measure("report --format xlsx",
                    [*CLI, "report", site, "--year", "2024", *demo, "--format", "xlsx", "-o",
                     str(Path(tmp, "r.xlsx")), "--overwrite"], tmp, repeat),
        ]  # fmt: skip
    print(f"site {site}, demo cohort {size} participants, {repeat} run(s) each")
    print(f"{'':36} {'best':>8} {'median':>8} {'peak RSS':>9}  ratio")
    base = {r["name"]: r["best"] for r in rows}
    reference = {
        "arbeit-gesundheit --help": "python -c pass",
        "report --format html": "metrics only (demo + aggregate)",
        "report --format xlsx": "metrics only (demo + aggregate)",
    }
    for row in rows:
        ref = reference.get(str(row["name"]))
        ratio = f"{row['best'] / base[ref]:.2f}x {ref}" if ref else ""  # type: ignore[operator]
        print(f"{row['name']:36} {row['best']:7.3f}s {row['median']:7.3f}s "
              f"{row['peak']:7.1f}MB  {ratio}")  # fmt: skip
    help_time = base["arbeit-gesundheit --help"]
    html, xlsx = base["report --format html"], base["report --format xlsx"]
    print(f"--help < 0.3 s: {'met' if help_time < 0.3 else 'NOT met'} ({help_time:.3f} s)")
    print(f"report < 2 s: {'met' if max(html, xlsx) < 2 else 'NOT met'} "
          f"(html {html:.3f} s, xlsx {xlsx:.3f} s)")  # fmt: skip


if __name__ == "__main__":
    main()
