"""Which pages exist, as whom each is measured, and the data calls each one makes.

The calls are not listed by hand: each page is run once under AppTest with
`data_access.cache` recording every cached call it makes, so the bench measures exactly
what the page asks for today (the same filters, groupings and options), and a page that
changes is measured as it now is.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from data_access import cache
from data_access.filters import Filters
from data_access.periods import Comparison
from data_access.refdata import reference
from data_access.scope import Scope
from tests.pages.harness import run_page
from ui.navigation import PAGES, PageSpec, may_open

#: Whom each page is measured as: a constituent where the page is open to one (their
#: figures go through disclosure control, the more expensive path), staff otherwise.
PREFERRED_ROLES: tuple[str, ...] = ("molisa", "ilo", "admin")


@dataclass(frozen=True)
class DataCall:
    """One cached data call as the page made it."""

    name: str
    scope: Scope
    args: tuple[Any, ...]
    options: tuple[tuple[str, Any], ...]

    def label(self) -> str:
        details = []
        for arg in self.args:
            if isinstance(arg, Filters):
                if not arg.is_unrestricted:
                    details.append(_filters_text(arg))
            elif isinstance(arg, Comparison):
                details.append(f"{_filters_text(arg.before)} → {_filters_text(arg.after)}")
            elif isinstance(arg, tuple) and arg:
                details.append("×".join(str(part) for part in arg))
            elif arg not in (None, ()):
                details.append(str(arg))
        details.extend(f"{key}={value}" for key, value in self.options)
        return f"{self.name}({', '.join(details)})" if details else self.name


def _filters_text(filters: Filters) -> str:
    params = filters.to_query_params()
    return " ".join(
        f"{key}={','.join(value) if isinstance(value, list) else value}"
        for key, value in params.items()
    )


@dataclass
class PageUnderTest:
    spec: PageSpec
    role: str
    calls: list[DataCall] = field(default_factory=list)

    @property
    def key(self) -> str:
        return self.spec.key


def pages_to_measure(only: set[str] | None = None) -> list[PageUnderTest]:
    measured = []
    for spec in PAGES:
        if not spec.exists() or (only and spec.key not in only):
            continue
        role = next(role for role in PREFERRED_ROLES if may_open(role, spec.key))
        measured.append(PageUnderTest(spec, role))
    return measured


@contextmanager
def recording(calls: list[DataCall]) -> Iterator[None]:
    """Record every `data_access.cache` call made inside the block (still executing it)."""
    original = cache._run

    def recorder(engine, scope, name, engine_key, scope_key, version, args, options):
        calls.append(DataCall(name, scope, args, options))
        return original(engine, scope, name, engine_key, scope_key, version, args, options)

    cache._run = recorder
    try:
        yield
    finally:
        cache._run = original


def discover_calls(page: PageUnderTest, db_url: str) -> None:
    """Run the page once (default filters, Vietnamese) and keep the calls it made."""
    calls: list[DataCall] = []
    with recording(calls):
        at = run_page(page.spec.path, page.role, lang="vi", db_url=db_url, timeout=600)
    if at.exception:
        raise RuntimeError(f"{page.key} failed under AppTest: {at.exception[0].value}")
    unique: dict[tuple, DataCall] = {}
    for call in calls:
        unique.setdefault((call.name, call.scope, call.args, call.options), call)
    page.calls = list(unique.values())


def clear_all_caches() -> None:
    """What an import does to every process: the cached results and the reference data
    are stale. (`data_version` moving makes them unreachable; clearing is equivalent.)"""
    cache.clear()
    from data_access import refdata

    refdata._CACHE.clear()


def run_call(engine, call: DataCall) -> Any:
    return cache._call(call.name, engine, call.scope, call.args, **dict(call.options))


def warm_reference(engine) -> None:
    reference(engine)
