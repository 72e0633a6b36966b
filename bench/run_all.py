"""Every benchmark for one scale, on one or both backends, printed and written down.

    python -m bench.run_all                          # large, SQLite and PostgreSQL
    python -m bench.run_all --scale demo --backend sqlite
    python -m bench.run_all --scale xl --backend postgresql --skip naive load

For each backend: the naive pandas baseline, the data functions and the raw-SQL floor
of the main aggregates (same run, same data, answers checked equal); each page's data
cold and warm; each page rendered under AppTest; the question-level CSV export of
about a million rows. Then, once (PostgreSQL when measured, the shared-server
backend), N concurrent browser sessions. Each run rewrites its own sections of
`bench/RESULTS.md` (marked `<!-- bench:... -->`), leaving the others and the
hand-written analysis alone. Datasets are built on first use (minutes for `large`)
and reused afterwards; generation time is not part of a run's time.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import func, select

from bench import datasets, export, load, naive, page_data, page_render
from bench.pages_under_test import clear_all_caches, discover_calls, pages_to_measure
from bench.report import Table, git_commit, machine_line, ms, now_text, ratio, write_section
from data_access import cache
from data_access.db import engine_for
from data_access.filters import Filters
from data_access.indicators import compliance, non_compliance, point_counts
from data_access.refdata import reference
from data_access.scope import Scope

STAFF = Scope("ilo", "ilo", "bench")
PARTS: tuple[str, ...] = ("naive", "pages", "render", "export", "rebuild", "load")
TARGET_SPEEDUP = 10.0


def _load_average() -> str:
    try:
        return " / ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "unknown"


def _timed(function: Callable[[], object]) -> tuple[float, object]:
    started = time.perf_counter()
    value = function()
    return time.perf_counter() - started, value


def _without_point_counts() -> Callable[[], None]:
    """Switch the indicators' summary table off (the code before this work) for a
    same-run comparison; returns the function that switches it back on."""
    original = compliance.grouped_counts
    compliance.grouped_counts = lambda *_args, **_kwargs: None
    return lambda: setattr(compliance, "grouped_counts", original)


def naive_table(engine, heading: str) -> Table:
    """Naive pandas vs the data function vs the raw SQL floor, with agreement checks."""
    print("[run] naive baseline: reading every finding into pandas...", flush=True)
    run = naive.run_naive(engine)
    out = Table(
        f"Naive pandas vs data function vs raw SQL — {heading}",
        [
            "aggregate",
            "naive (read + group)",
            "function, cache miss",
            "function, cache hit",
            "without point_counts",
            "raw SQL, point results",
            "raw SQL, point_counts",
            "naive ÷ function",
            "≥ 10×",
            "function ÷ point_counts SQL",
            "answers",
        ],
    )
    for aggregate in naive.AGGREGATES:
        naive_seconds = run.load_seconds + run.group_seconds[aggregate.key]
        # A floor is the best case: the faster of two runs.
        floor_seconds, floor_rows = min(naive.run_floor(engine, aggregate) for _ in range(2))
        summary_seconds, summary_rows = min(
            naive.run_floor(engine, aggregate, summary=True) for _ in range(2)
        )
        clear_all_caches()
        reference(engine)
        cold, frame = _timed(lambda a=aggregate: non_compliance(engine, STAFF, Filters(), a.by))
        cache._call("non_compliance", engine, STAFF, (Filters(), aggregate.by))
        warm, _ = _timed(
            lambda a=aggregate: cache._call("non_compliance", engine, STAFF, (Filters(), a.by))
        )
        restore = _without_point_counts()
        try:
            long_way, _ = _timed(lambda a=aggregate: non_compliance(engine, STAFF, Filters(), a.by))
        finally:
            restore()
        expected = naive.floor_counts(floor_rows, aggregate)
        agreement = [
            naive.check_agreement(
                "naive", expected, naive.as_counts(run.results[aggregate.key], aggregate)
            ),
            naive.check_agreement("function", expected, naive.as_counts(frame, aggregate)),
            naive.check_agreement(
                "point_counts", expected, naive.floor_counts(summary_rows, aggregate)
            ),
        ]
        verdicts = [text for text in agreement if text != "same"]
        speedup = naive_seconds / cold if cold else None
        out.add(
            aggregate.key,
            ms(naive_seconds),
            ms(cold),
            ms(warm),
            ms(long_way),
            ms(floor_seconds),
            ms(summary_seconds),
            ratio(naive_seconds, cold),
            "yes" if speedup and speedup >= TARGET_SPEEDUP else "**no**",
            ratio(cold, summary_seconds),
            "all four equal" if not verdicts else "; ".join(verdicts),
        )
    out.notes.append(
        f"Naive = `pd.read_sql` of all {run.rows_loaded:,} findings with their question, "
        f"assessment and factory ({ms(run.load_seconds)}), then pandas group-bys; a naive "
        "dashboard pays the read on every rerun. Function = `non_compliance(...)` for staff "
        "(no suppression), reference data and caches cleared first ('cache miss'), then "
        "through `data_access.cache` ('cache hit'). 'Without point_counts' = the same "
        "function with the summary table switched off (the code before this work). Raw SQL "
        "= the same aggregate as one hand-written statement on a bare DB-API cursor, over "
        "`assessment_point_results` (the floor of any design that groups at query time) "
        "and over `point_counts` (the floor of this one: the function's time above it is "
        "Python — labels, ordering, the frame)."
    )
    return out


def _header(scale: str, backend: str, entry: dict, note: str) -> str:
    rows = entry.get("rows", {})
    return "\n".join(
        [
            f"### {scale} scale on {backend}",
            "",
            f"- Run: {note}; commit `{git_commit()}`.",
            f"- Machine: {machine_line(datasets.postgres_version())}.",
            "- Data: "
            + ", ".join(f"{value:,} {name.replace('_', ' ')}" for name, value in rows.items())
            + f" (demo generator, seed {entry.get('seed')}, built in "
            f"{entry.get('generated_seconds')} s).",
        ]
    )


def backend_run(scale: str, backend: str, skip: set[str], only_pages: set[str] | None) -> str:
    """One backend's figures. Each part is written to its own section of the results
    file as soon as it is measured, so a partial run (`--skip`) replaces only the parts
    it measured, and a long run shows its progress in the file."""
    entry = datasets.ensure(scale, backend)
    url = datasets.database_url(scale, backend)
    engine = engine_for(url)
    heading = f"{scale}, {backend}"
    load_before, started_at = _load_average(), now_text()
    started = time.perf_counter()

    def emit(part: str, *tables: Table) -> None:
        text = "\n".join(table.markdown() for table in tables)
        print(text, flush=True)
        write_section(f"{scale}-{backend}-{part}", text)

    parts = [part for part in PARTS if part != "load" and part not in skip]
    write_section(
        f"{scale}-{backend}",
        _header(scale, backend, entry, f"{started_at}, measuring {', '.join(parts)}"),
    )
    if "naive" not in skip:
        emit("naive", naive_table(engine, heading))
    pages = pages_to_measure(only_pages)
    if "pages" not in skip or "render" not in skip:
        for page in pages:
            discover_calls(page, url)
    if "pages" not in skip:
        print("[run] page data...", flush=True)
        after = [page_data.measure(engine, page) for page in pages]
        restore = _without_point_counts()
        try:
            before = [page_data.measure(engine, page) for page in pages]
        finally:
            restore()
        emit(
            "pages",
            page_data.table(after, heading),
            _before_after(before, after, heading),
            page_data.calls_table(after, heading),
        )
    if "render" not in skip:
        print("[run] page render...", flush=True)
        emit(
            "render",
            page_render.table([page_render.measure(engine, url, p) for p in pages], heading),
        )
    if "export" not in skip:
        print("[run] export...", flush=True)
        emit("export", export.table(export.run(url, export.choose_filters(engine)), heading))
    if "rebuild" not in skip:
        print("[run] summary rebuild...", flush=True)
        emit("rebuild", rebuild_table(engine, heading))
    clear_all_caches()
    note = (
        f"{started_at}, {(time.perf_counter() - started) / 60:.1f} min measuring "
        f"{', '.join(parts)}; load average (1/5/15 min) {load_before} before, "
        f"{_load_average()} after"
    )
    write_section(f"{scale}-{backend}", _header(scale, backend, entry, note))
    return url


def rebuild_table(engine, heading: str) -> Table:
    """What keeping `point_counts` costs each import: the rebuild, timed inside a
    transaction that is then rolled back (the database is left as it was)."""
    out = Table(
        f"`point_counts` rebuild, added to every import's transaction — {heading}",
        ["build", "time", "rows"],
    )
    for label, bits in (
        ("bit masks (used)", point_counts.MASK_BITS),
        ("plain GROUP BY (fallback for > 62 points)", 0),
    ):
        original = point_counts.MASK_BITS
        point_counts.MASK_BITS = bits
        try:
            with engine.connect() as connection:
                transaction = connection.begin()
                try:
                    seconds, _ = _timed(lambda c=connection: point_counts.refresh_point_counts(c))
                    rows = connection.scalar(
                        select(func.count()).select_from(point_counts.POINT_COUNTS)
                    )
                finally:
                    transaction.rollback()
        finally:
            point_counts.MASK_BITS = original
        out.add(label, ms(seconds), f"{rows:,}")
    out.notes.append(
        "Both builds give the same table (tests/data_access/test_point_counts.py). For "
        "scale: the demo generator writes this dataset in minutes; an import of one year's "
        "findings takes tens of seconds (see the imports section)."
    )
    return out


def _before_after(
    before: list[page_data.PageData], after: list[page_data.PageData], heading: str
) -> Table:
    out = Table(
        f"Page data cold, without and with `point_counts` — {heading}",
        ["page", "without (long SQL path)", "with", "speed-up"],
    )
    for old, new in zip(before, after, strict=True):
        out.add(new.page.key, ms(old.cold), ms(new.cold), ratio(old.cold, new.cold))
    out.notes.append(
        "Same run, same data: the summary table switched off in-process, everything else "
        "equal. 'With' is measured first, so it also pays the colder buffers: pages that "
        "read no non-compliance rates (provinces, factories, briefings, about, admin) differ "
        "only by that order and by noise."
    )
    return out


def load_run(scale: str, backend: str, url: str, sessions: list[int]) -> None:
    years = list(reversed(reference(engine_for(url)).years))
    load_before = _load_average()
    started = time.perf_counter()
    rounds = load.run(url, sessions, years)
    table = load.table(rounds, f"{scale}, {backend}")
    print(table.markdown(), flush=True)
    header = (
        f"### Concurrent users: {scale} scale on {backend}\n\n"
        f"- Run: {now_text()}, commit `{git_commit()}`, "
        f"{(time.perf_counter() - started) / 60:.1f} min; load average {load_before} before, "
        f"{_load_average()} after.\n"
        f"- Machine: {machine_line(datasets.postgres_version())}.\n\n"
    )
    write_section(f"load-{scale}-{backend}", header + table.markdown())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run_all")
    parser.add_argument("--scale", choices=sorted(datasets.SCALES), default="large")
    parser.add_argument(
        "--backend", choices=[*datasets.BACKENDS, "both"], default="both",
        help="both = SQLite then PostgreSQL (PostgreSQL only for xl)",
    )  # fmt: skip
    parser.add_argument("--skip", nargs="*", default=[], choices=PARTS)
    parser.add_argument("--pages", nargs="*", help="measure only these page keys")
    parser.add_argument("--sessions", type=int, nargs="+", default=[1, 5, 10, 20])
    args = parser.parse_args(argv)
    spec = datasets.SCALES[args.scale]
    backends = spec.backends if args.backend == "both" else (args.backend,)
    backends = tuple(backend for backend in backends if backend in spec.backends)
    if "postgresql" in backends and datasets.postgres_version() is None:
        print("[run] PostgreSQL not reachable: SQLite only.", flush=True)
        backends = tuple(backend for backend in backends if backend != "postgresql")
    skip = set(args.skip)
    started = time.perf_counter()
    measured = [part for part in PARTS if part != "load" and part not in skip]
    urls = {}
    for backend in backends:
        if measured:
            urls[backend] = backend_run(args.scale, backend, skip, set(args.pages or ()) or None)
        else:
            datasets.ensure(args.scale, backend)
            urls[backend] = datasets.database_url(args.scale, backend)
    if "load" not in skip and urls:
        backend = "postgresql" if "postgresql" in urls else next(iter(urls))
        load_run(args.scale, backend, urls[backend], args.sessions)
    print(f"[run] done in {(time.perf_counter() - started) / 60:.1f} min", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
