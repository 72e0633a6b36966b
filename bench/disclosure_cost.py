"""What disclosure control costs a constituent: hidden cells page by page, and the time
of a page's data calls on a cache miss.

Each page open to a constituent is run once under AppTest as `molisa` (default
filters, Vietnamese) to record the data calls it makes; each call's frame is then
counted: its rows, and the cells a constituent does not get (hidden rows, worker
figures hidden on their own, changes withheld). Timings: *recompute* is every call
after `data_access.cache` is cleared (a new selection), the median of three.

    python -m bench.disclosure_cost [--db URL]

Run it on two checkouts against the same database to compare rules.
"""

from __future__ import annotations

import argparse
import statistics
import time

import pandas as pd
from sqlalchemy import create_engine

from bench.pages_under_test import PageUnderTest, discover_calls, run_call, warm_reference
from data_access import cache
from data_access.config import database_url
from ui.navigation import PAGES, may_open

ROLE = "molisa"
REPEATS = 3


def hidden_cells(frame: object) -> tuple[int, int]:
    """(cells withheld, rows) of one frame."""
    if not isinstance(frame, pd.DataFrame) or "suppressed" not in frame:
        return 0, len(frame) if isinstance(frame, pd.DataFrame) else 0
    rows = frame["suppressed"].astype(bool)
    withheld = int(rows.sum())
    for extra in ("workers_suppressed", "change_suppressed"):
        if extra in frame:
            withheld += int((frame[extra].astype(bool) & ~rows).sum())
    return withheld, len(frame)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=database_url(), help="database URL (default: settings)")
    args = parser.parse_args(argv)
    engine = create_engine(args.db)
    totals = [0, 0]
    print(f"{'page':20s} {'calls':>5s} {'hidden':>7s} {'cells':>7s} {'recompute':>10s}")
    for spec in PAGES:
        if not spec.exists() or not may_open(ROLE, spec.key):
            continue
        page = PageUnderTest(spec, ROLE)
        discover_calls(page, args.db)
        withheld = cells = 0
        for call in page.calls:
            hidden, rows = hidden_cells(run_call(engine, call))
            withheld, cells = withheld + hidden, cells + rows
        timings = []
        for _ in range(REPEATS):
            cache.clear()
            warm_reference(engine)
            started = time.perf_counter()
            for call in page.calls:
                run_call(engine, call)
            timings.append(time.perf_counter() - started)
        recompute = statistics.median(timings) * 1000
        print(f"{spec.key:20s} {len(page.calls):5d} {withheld:7d} {cells:7d} {recompute:8.0f} ms")
        totals[0] += withheld
        totals[1] += cells
    print(f"{'total':20s} {'':5s} {totals[0]:7d} {totals[1]:7d}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
