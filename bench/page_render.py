"""A full page render under Streamlit's AppTest, cold and warm.

AppTest runs the page script exactly as the server would (the router's context set as
the harness sets it), builds every element and chart spec, and stops short of the
browser: what it measures is the server's share of a click. *Cold* follows an import
(caches and reference data empty); *warm* is the same page rerun, as after any click
that leaves the filters alone (median of three).
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from sqlalchemy import Engine

from bench.pages_under_test import PageUnderTest, clear_all_caches
from bench.report import Table, ms, verdict
from tests.pages.harness import run_page

WARM_RERUNS = 3
COLD_TARGET = 2.0
WARM_TARGET = 0.300


@dataclass
class PageRender:
    page: PageUnderTest
    cold: float | None = None
    warm: float | None = None
    warm_cpu: float | None = None
    error: str = ""


def measure(engine: Engine, db_url: str, page: PageUnderTest) -> PageRender:
    result = PageRender(page)
    clear_all_caches()
    engine.dispose()
    started = time.perf_counter()
    at = run_page(page.spec.path, page.role, lang="vi", db_url=db_url, timeout=600)
    result.cold = time.perf_counter() - started
    if at.exception:
        result.error = str(at.exception[0].value).splitlines()[0][:120]
        return result
    reruns, cpu = [], []
    for _ in range(WARM_RERUNS):
        started, cpu_started = time.perf_counter(), time.process_time()
        at.run()
        reruns.append(time.perf_counter() - started)
        cpu.append(time.process_time() - cpu_started)
    result.warm = sorted(reruns)[len(reruns) // 2]
    result.warm_cpu = sorted(cpu)[len(cpu) // 2]
    return result


def table(results: list[PageRender], heading: str) -> Table:
    out = Table(
        f"Page render (AppTest, server side) — {heading}",
        [
            "page",
            "as",
            "cold",
            "warm rerun",
            "warm rerun, CPU",
            "warm ≤ 300 ms",
            "cold ≤ 2 s",
            "note",
        ],
    )
    for item in results:
        out.add(
            item.page.key,
            item.page.role,
            ms(item.cold),
            ms(item.warm),
            ms(item.warm_cpu),
            verdict(item.warm, WARM_TARGET),
            verdict(item.cold, COLD_TARGET),
            item.error or "",
        )
    out.notes.append(
        "Includes the page's own drawing (charts built as Vega-Lite specs, tables, maps); "
        "excludes the router, the network and the browser. The first page of a run also "
        "pays Python's import of the page's modules. CPU = this process's CPU time (all "
        "threads), which a busy neighbour on the machine does not inflate."
    )
    return out
