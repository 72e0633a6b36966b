"""Each data function against its own SQL, and programme size against a naive app.

*Function*: the call as a page's cache miss makes it (`data_access.cache` minus
Streamlit's own hashing: `meta.pinned`, then the function), with the reference data
and the disclosure cube warm, as they are on every rerun but the first after an
import. *Own SQL*: every statement the function sent that reads data (the `app_meta`
bookkeeping excluded; its count is the `round trips` column), captured from the
engine and replayed, parameters included, on a bare DB-API cursor. The ratio is what
the Python around the query costs. *Naive*: a pandas app that keeps the assessments
and factories in memory (the read is not timed) and computes programme size there.
Each figure is the fastest of `REPEATS` runs, in wall time and in this process's CPU
time: on a machine shared with other work the fastest run is the one least delayed by
it, and CPU time is not delayed at all (on SQLite the query runs in this process, so
its CPU time is the query's too; on PostgreSQL the server's share is not in it).

    python -m bench.data_functions --scale demo --backend sqlite
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import Engine, event, text

from bench import datasets
from bench.report import Table, ms, ratio
from data_access import cache, meta
from data_access.db import engine_for
from data_access.filters import Filters
from data_access.refdata import reference
from data_access.scope import Scope

REPEATS = 15
TARGET_RATIO = 1.5
NAIVE_TARGET = 10.0
MOLISA = Scope("molisa", "molisa", "bench")
STAFF = Scope("ilo", "ilo", "bench")


@dataclass(frozen=True)
class Call:
    name: str
    scope: Scope
    args: tuple
    options: tuple[tuple[str, object], ...] = ()

    def label(self) -> str:
        shown = [
            "×".join(arg) if isinstance(arg, tuple) else str(arg)
            for arg in self.args
            if not isinstance(arg, Filters) and arg not in ((), None)
        ]
        return f"{self.name}({', '.join(shown)}) as {self.scope.role}"


def calls(year: int) -> list[Call]:
    """The data functions the pages call, on the default period (the latest year)."""
    period = Filters(year_from=year, year_to=year)
    return [
        Call("programme_size", MOLISA, (period, ())),
        Call("programme_size", MOLISA, (Filters(), ("year",))),
        Call("programme_size", MOLISA, (period, ("province",))),
        Call("programme_size", MOLISA, (period, ("sector",))),
        Call("non_compliance", MOLISA, (period, ("compliance_point",))),
        Call("non_compliance", MOLISA, (Filters(), ("year", "cluster"))),
        Call("non_compliance", MOLISA, (period, ("province",))),
        Call("social_dialogue", MOLISA, (period, ())),
        Call("social_dialogue", MOLISA, (period, ("sector",))),
        Call("fa_cb_non_compliance", MOLISA, (Filters(),)),
        Call("top_non_compliance", MOLISA, (period, 10)),
    ]


def _pin(engine: Engine):
    pinned = getattr(meta, "pinned", None)  # absent before this work: no pin
    return pinned(engine) if pinned is not None else nullcontext()


def run_function(engine: Engine, call: Call) -> object:
    with _pin(engine):
        return cache.FUNCTIONS[call.name](engine, call.scope, *call.args, **dict(call.options))


@dataclass(frozen=True)
class Timing:
    wall: float
    cpu: float


def _fastest(function: Callable[[], object]) -> Timing:
    walls, cpus = [], []
    for _ in range(REPEATS):
        started, cpu_started = time.perf_counter(), time.process_time()
        function()
        walls.append(time.perf_counter() - started)
        cpus.append(time.process_time() - cpu_started)
    return Timing(min(walls), min(cpus))


def captured(engine: Engine, function: Callable[[], object]) -> list[tuple[str, object]]:
    statements: list[tuple[str, object]] = []

    def record(_conn, _cursor, statement, parameters, _context, _many) -> None:
        statements.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", record)
    try:
        function()
    finally:
        event.remove(engine, "before_cursor_execute", record)
    return statements


def replay(engine: Engine, statements: list[tuple[str, object]]) -> Timing:
    """The statements on one bare DB-API cursor, rows fetched."""
    connection = engine.raw_connection()
    try:
        cursor = connection.cursor()

        def run() -> None:
            for statement, parameters in statements:
                cursor.execute(statement, parameters)
                cursor.fetchall()

        run()
        timing = _fastest(run)
        cursor.close()
    finally:
        connection.close()
    return timing


@dataclass
class Measured:
    call: Call
    function: Timing
    own_sql: Timing
    statements: int
    round_trips: int


def measure(engine: Engine, call: Call) -> Measured:
    run_function(engine, call)  # reference data and the disclosure cube warm
    statements = captured(engine, lambda: run_function(engine, call))
    data = [(s, p) for s, p in statements if "app_meta" not in s]
    return Measured(
        call,
        _fastest(lambda: run_function(engine, call)),
        replay(engine, data),
        len(data),
        len(statements),
    )


def naive_programme_size(assessments: pd.DataFrame, factories: pd.DataFrame) -> pd.DataFrame:
    """Programme size by year the way a quick pandas app computes it from frames it
    keeps in memory: full assessments, one row per factory and year, then groups."""
    full = assessments[assessments["assessment_type"].isin(("initial", "annual"))]
    full = full.assign(year=full["assessed_on"].dt.year)
    per_factory = full.groupby(["factory_id", "year"]).size().rename("assessments").reset_index()
    joined = per_factory.merge(factories, left_on="factory_id", right_on="id")
    return joined.groupby("year").agg(
        factories=("factory_id", "size"),
        workers=("workers_total", "sum"),
        women=("workers_women", "sum"),
        provinces=("province_code", "nunique"),
        sectors=("sector_code", "nunique"),
        assessments=("assessments", "sum"),
    )


def naive_row(engine: Engine) -> tuple[Timing, Timing, str]:
    with engine.connect() as connection:
        assessments = pd.read_sql(
            text("SELECT id, factory_id, assessed_on, assessment_type FROM assessments"),
            connection,
        )
        factories = pd.read_sql(
            text(
                "SELECT id, sector_code, province_code, workers_total, workers_women FROM factories"
            ),
            connection,
        )
    assessments["assessed_on"] = pd.to_datetime(assessments["assessed_on"])
    naive = _fastest(lambda: naive_programme_size(assessments, factories))
    call = Call("programme_size", STAFF, (Filters(), ("year",)))
    run_function(engine, call)
    function = _fastest(lambda: run_function(engine, call))
    ours = run_function(engine, call).set_index("year")
    theirs = naive_programme_size(assessments, factories)
    same = all(
        (ours[column].astype("int64").to_numpy() == theirs[column].to_numpy()).all()
        for column in theirs.columns
    )
    return naive, function, "same" if same else "**differ**"


def _both(timing: Timing) -> str:
    return f"{ms(timing.wall)} / {ms(timing.cpu)}"


def tables(engine: Engine, heading: str) -> list[Table]:
    year = reference(engine).latest_year
    out = Table(
        f"Data functions vs their own SQL (wall / CPU, fastest of {REPEATS}) — {heading}",
        [
            "call",
            "function",
            "own SQL (bare cursor)",
            "ratio (wall)",
            "ratio (CPU)",
            "≤ 1.5× (wall)",
            "statements",
            "round trips",
        ],
    )
    for call in calls(year):
        item = measure(engine, call)
        out.add(
            call.label(),
            _both(item.function),
            _both(item.own_sql),
            ratio(item.function.wall, item.own_sql.wall),
            ratio(item.function.cpu, item.own_sql.cpu),
            "yes" if item.function.wall <= TARGET_RATIO * item.own_sql.wall else "**no**",
            item.statements,
            item.round_trips,
        )
    naive, function, same = naive_row(engine)
    versus = Table(
        f"Programme size by year vs a naive pandas app, frames in memory — {heading}",
        [
            "naive (pandas, in memory)",
            "programme_size (staff)",
            "naive ÷ function (wall)",
            "≥ 10×",
            "answers",
        ],
    )
    versus.add(
        _both(naive),
        _both(function),
        ratio(naive.wall, function.wall),
        "yes" if naive.wall >= NAIVE_TARGET * function.wall else "**no**",
        same,
    )
    return [out, versus]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.data_functions")
    parser.add_argument("--scale", choices=sorted(datasets.SCALES), default="demo")
    parser.add_argument("--backend", choices=datasets.BACKENDS, default="sqlite")
    parser.add_argument(
        "--as-is",
        action="store_true",
        help="use the database without migrating it (to measure an older checkout on it)",
    )
    args = parser.parse_args(argv)
    if not args.as_is:
        datasets.ensure(args.scale, args.backend)
    engine = engine_for(datasets.database_url(args.scale, args.backend))
    for table in tables(engine, f"{args.scale}, {args.backend}"):
        print(table.markdown(), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
