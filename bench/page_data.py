"""Each page's data functions, cold and warm.

*Cold* is the first view after an import (or a restart): every cached result and the
reference data are gone, the engine's connections are new. *Recompute* is a cache miss
with everything else warm — what a new filter selection costs. *Warm* is a rerun with
the same filters: the cached path, including its per-call data-version check. The
database's own buffers and the OS file cache are warm in all three (a real server's
are; dropping them needs root and says more about the disk than about the app).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from sqlalchemy import Engine

from bench.pages_under_test import (
    DataCall,
    PageUnderTest,
    clear_all_caches,
    run_call,
    warm_reference,
)
from bench.report import Table, ms, verdict
from data_access import cache

WARM_TARGET = 0.300
COLD_TARGET = 2.0
#: Warm timings are the median of this many reruns (they are short and noisy).
WARM_REPEATS = 5


@dataclass
class PageData:
    page: PageUnderTest
    cold: float = 0.0
    recompute: float = 0.0
    warm: float = 0.0
    call_cold: dict[DataCall, float] = field(default_factory=dict)


def _pass(engine: Engine, page: PageUnderTest, per_call: dict[DataCall, float] | None) -> float:
    started = time.perf_counter()
    warm_reference(engine)
    for call in page.calls:
        call_started = time.perf_counter()
        run_call(engine, call)
        if per_call is not None:
            per_call[call] = time.perf_counter() - call_started
    return time.perf_counter() - started


def measure(engine: Engine, page: PageUnderTest) -> PageData:
    result = PageData(page)
    clear_all_caches()
    engine.dispose()
    result.cold = _pass(engine, page, result.call_cold)
    cache.clear()
    result.recompute = _pass(engine, page, None)
    warm = sorted(_pass(engine, page, None) for _ in range(WARM_REPEATS))
    result.warm = warm[len(warm) // 2]
    return result


def table(results: list[PageData], heading: str) -> Table:
    out = Table(
        f"Page data — {heading}",
        [
            "page",
            "as",
            "calls",
            "cold",
            "recompute (cache miss)",
            "warm (cache hit)",
            "warm ≤ 300 ms",
            "cold ≤ 2 s",
            "slowest call (cold)",
        ],
    )
    for item in results:
        slowest = max(item.call_cold.items(), key=lambda pair: pair[1], default=None)
        out.add(
            item.page.key,
            item.page.role,
            len(item.page.calls),
            ms(item.cold),
            ms(item.recompute),
            ms(item.warm),
            verdict(item.warm, WARM_TARGET),
            verdict(item.cold, COLD_TARGET),
            f"{slowest[0].label()} {ms(slowest[1])}" if slowest else "–",
        )
    return out


def calls_table(results: list[PageData], heading: str, limit: int = 12) -> Table:
    """The slowest distinct calls across all pages: where to look next."""
    seen: dict[str, float] = {}
    for item in results:
        for call, seconds in item.call_cold.items():
            label = f"{call.label()} as {call.scope.role}"
            seen[label] = max(seen.get(label, 0.0), seconds)
    out = Table(f"Slowest data calls, cold — {heading}", ["call", "cold"])
    for label, seconds in sorted(seen.items(), key=lambda pair: -pair[1])[:limit]:
        out.add(label, ms(seconds))
    return out
