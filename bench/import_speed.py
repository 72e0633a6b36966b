"""Import speed and peak memory for a large findings file, on SQLite and PostgreSQL.

    python -m bench.import_speed [--rows 1000000] [--backend sqlite|postgresql|both]

For each backend: a fresh migrated database (SQLite file in bench/out/, or a
temporary PostgreSQL database dropped afterwards), the questions and factories the
file refers to, then `python -m data_access.cli import FILE` run under
`/usr/bin/time -v` so peak memory is the whole process's maximum resident set.
The same file is then imported a second time (a no-op). Figures go to
bench/RESULTS.md, section `imports`.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
import uuid
from pathlib import Path

from sqlalchemy import create_engine, text

from bench.datasets import OUT_DIR, pg_server_url, postgres_version
from bench.import_files import factories_csv, questions_csv, write_findings_csv
from bench.report import Table, machine_line, now_text, write_section
from data_access.bootstrap import prepare_schema
from data_access.db import make_engine, normalise_url
from data_access.imports import ImportSource, run_import
from data_access.scope import Scope

QUESTIONS = 250
PER_FACTORY = 4
ADMIN = Scope("admin", "ilo", "bench")
REPO_ROOT = Path(__file__).resolve().parent.parent


def _database(backend: str) -> tuple[str, str | None]:
    """(url, temporary PostgreSQL database name to drop)."""
    if backend == "sqlite":
        path = OUT_DIR / "import_speed.db"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return f"sqlite:///{path}", None
    name = f"td_bench_import_{uuid.uuid4().hex[:8]}"
    admin = create_engine(normalise_url(pg_server_url()), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    from sqlalchemy.engine import make_url

    url = make_url(normalise_url(pg_server_url())).set(database=name)
    return url.render_as_string(hide_password=False), name


def _drop(name: str) -> None:
    admin = create_engine(normalise_url(pg_server_url()), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def _timed_import(url: str, path: Path) -> tuple[float, int, str]:
    """(seconds, peak RSS in KiB, last line of the CLI's report)."""
    env = {**os.environ, "DATABASE_URL": url, "PYTHONPATH": str(REPO_ROOT)}
    started = time.perf_counter()
    done = subprocess.run(
        ["/usr/bin/time", "-v", sys.executable, "-m", "data_access.cli", "import", str(path)],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - started
    peak = re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr)
    if done.returncode != 0 or peak is None:
        raise RuntimeError(f"import failed:\n{done.stdout}\n{done.stderr[-3000:]}")
    status = done.stdout.splitlines()[0].split(": ", 1)[-1] if done.stdout else ""
    return seconds, int(peak[1]), status


def _baseline_kib() -> int:
    """Peak RSS of the CLI doing nothing (`--help`): what every command costs to start."""
    done = subprocess.run(
        ["/usr/bin/time", "-v", sys.executable, "-m", "data_access.cli", "--help"],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr)[1])


def run(backend: str, rows: int, path: Path, table: Table) -> None:
    url, temporary = _database(backend)
    try:
        engine = make_engine(url)
        prepare_schema(engine)
        factories = rows // (QUESTIONS * PER_FACTORY)
        for name, body in (
            ("questions.csv", questions_csv(QUESTIONS)),
            ("factories.csv", factories_csv(factories)),
        ):
            report = run_import(engine, ADMIN, ImportSource.from_bytes(name, body.encode()))
            assert report.status == "committed", report.problems[:3]
        engine.dispose()
        seconds, peak_kib, status = _timed_import(url, path)
        again, again_peak, again_status = _timed_import(url, path)
        table.add(
            backend,
            f"{rows:,}",
            f"{seconds:.1f}",
            f"{rows / seconds:,.0f}",
            f"{peak_kib / 1024:,.0f}",
            f"{again:.1f}",
            f"{again_peak / 1024:,.0f}",
            f"{status} / {again_status}",
        )
        print(table.rows[-1])
    finally:
        if temporary:
            _drop(temporary)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.import_speed")
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    args = parser.parse_args(argv)
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    path = OUT_DIR / f"findings_{args.rows}.csv"
    factories = args.rows // (QUESTIONS * PER_FACTORY)
    written = write_findings_csv(path, factories, PER_FACTORY, QUESTIONS)
    table = Table(
        f"Import of {written:,} findings (CLI, one file, one transaction)",
        [
            "backend",
            "rows",
            "seconds",
            "rows/s",
            "peak RSS MiB",
            "again: seconds",
            "again: peak MiB",
            "status (first / again)",
        ],
    )
    backends = ("sqlite", "postgresql") if args.backend == "both" else (args.backend,)
    for backend in backends:
        run(backend, written, path, table)
    load = os.getloadavg()[0]
    table.notes.append(
        f"{machine_line(postgres_version())}; {now_text()}; load average {load:.1f} at the end "
        f"(other work on the machine slows every figure). The CLI's start-up alone peaks at "
        f"{_baseline_kib() / 1024:,.0f} MiB (`--help`). "
        f"File: {path.stat().st_size / 2**20:,.0f} MiB CSV, "
        "4 assessments × 250 questions per factory. Peak RSS is the whole CLI "
        "process (`/usr/bin/time -v`). The second import of the same file is a no-op."
    )
    write_section("imports", table.markdown())
    path.unlink(missing_ok=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
