"""The question-level CSV export at about a million rows: time and peak memory.

Measured the way the Downloads page runs it (`data_access.exports.streaming.
write_findings` into a file, staff scope), in a child process of its own so that its
peak resident memory (`ru_maxrss`) is the export's and nothing else's. The filters
are chosen from the data: the selection of the latest year (and a sector) whose row
count is closest to, and at least, one million.

    python -m bench.export --url sqlite:///bench/out/large.db
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine

from bench.report import Table, ms, verdict
from data_access.filters import Filters
from data_access.scope import Scope

REPO_ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = REPO_ROOT / "bench" / "out"
TARGET_ROWS = 1_000_000
TIME_TARGET = 10.0
MEMORY_TARGET_MB = 500.0
STAFF = Scope("ilo", "ilo", "bench")


def choose_filters(engine: Engine) -> Filters:
    """The latest-year selection closest to a million rows (at least a million if any)."""
    from data_access.exports.streaming import count_findings
    from data_access.refdata import reference

    ref = reference(engine)
    year = ref.latest_year
    if year is None:
        return Filters()
    candidates = [Filters(year_from=year, year_to=year)]
    candidates += [
        Filters(year_from=year, year_to=year, sectors=(sector,)) for sector in ref.sectors
    ]
    counted = [(count_findings(engine, STAFF, filters), filters) for filters in candidates]
    enough = [pair for pair in counted if pair[0] >= TARGET_ROWS]
    pool = enough or counted
    return min(pool, key=lambda pair: abs(pair[0] - TARGET_ROWS))[1]


def _peak_mb() -> float:
    """This process's resident high-water mark. Read from /proc (VmHWM) rather than
    `ru_maxrss`, which Linux carries over from the parent across fork and exec."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child(url: str, params: dict) -> dict:
    """Runs in the child: one export, its figures as a dict."""
    from data_access.db import make_engine
    from data_access.exports.streaming import write_findings
    from data_access.refdata import reference

    engine = make_engine(url)
    ref = reference(engine)
    filters, problems = Filters.from_query_params(params, ref)
    if problems:
        raise SystemExit(f"bad filters: {problems}")
    baseline = _peak_mb()
    target = OUT_DIR / f"export-{os.getpid()}.csv"
    started, cpu_started = time.perf_counter(), time.process_time()
    try:
        with target.open("wb") as handle:
            rows = write_findings(engine, STAFF, filters, handle, fmt="csv", lang="vi")
        seconds = time.perf_counter() - started
        cpu = time.process_time() - cpu_started
        size = target.stat().st_size
    finally:
        target.unlink(missing_ok=True)
    return {
        "rows": rows,
        "seconds": seconds,
        "cpu": cpu,
        "bytes": size,
        "baseline_mb": baseline,
        "peak_mb": _peak_mb(),
    }


@dataclass
class ExportRun:
    filters: Filters
    rows: int
    seconds: float
    cpu: float
    bytes: int
    baseline_mb: float
    peak_mb: float


def run(url: str, filters: Filters) -> ExportRun:
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "bench.export",
            "--url",
            url,
            "--params",
            json.dumps(filters.to_query_params()),
        ],
        cwd=REPO_ROOT,
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
        capture_output=True,
        text=True,
        check=True,
    )
    figures = json.loads(completed.stdout.strip().splitlines()[-1])
    return ExportRun(filters=filters, **figures)


def table(result: ExportRun, heading: str) -> Table:
    out = Table(
        f"Question-level CSV export — {heading}",
        [
            "rows",
            "file",
            "time",
            "CPU, this process",
            "rows/s",
            "peak memory",
            "of which before export",
            "≤ 10 s",
            "≤ 500 MB",
        ],
    )
    out.add(
        f"{result.rows:,}",
        f"{result.bytes / 1e6:,.0f} MB",
        ms(result.seconds),
        ms(result.cpu),
        f"{result.rows / result.seconds:,.0f}" if result.seconds else "–",
        f"{result.peak_mb:,.0f} MB",
        f"{result.baseline_mb:,.0f} MB",
        verdict(result.seconds, TIME_TARGET),
        verdict(result.peak_mb, MEMORY_TARGET_MB),
    )
    params = result.filters.to_query_params()
    out.notes.append(
        "Filters: "
        + ", ".join(f"{key}={value}" for key, value in params.items())
        + ". Written by `write_findings` to a file, as the Downloads page does; peak is "
        "the child process's maximum resident set, imports and engine included. CPU is the "
        "export process's own (with SQLite, the database's work too; PostgreSQL's runs in "
        "its server)."
    )
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.export")
    parser.add_argument("--url", required=True)
    parser.add_argument("--params", help="filters as JSON query parameters (child mode)")
    args = parser.parse_args(argv)
    if args.params is not None:
        print(json.dumps(child(args.url, json.loads(args.params))))
        return 0
    from data_access.db import make_engine

    engine = make_engine(args.url)
    result = run(args.url, choose_filters(engine))
    print(table(result, args.url).markdown())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
