"""Streamlit caching of every indicator: the one module of the data layer that imports
streamlit, so the layer stays importable and testable without a running app.

Entries are keyed by (function, arguments, filters, the scope's `cache_key()`, the
database URL, `data_version`). The scope is part of every key, so a staff result
(unsuppressed values) can never be served to a constituent; the data version is read
from the database on each call, so an import in any process makes every process
recompute. The engine and the Scope object themselves are passed unhashed
(leading underscore) and identified by their keys. That read is the call's one
`app_meta` read: the version is pinned (`meta.pinned`) while the function runs, so the
reference data, the disclosure cube and the summary tables' stamps ask no further.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

import pandas as pd
import streamlit as st
from sqlalchemy import Engine

from data_access import indicators
from data_access.filters import Filters
from data_access.freshness import DataAsOf, data_as_of
from data_access.imports import DemoData, active_demo_users, demo_data
from data_access.indicators.change import change
from data_access.meetings.figures import headline_figures
from data_access.meta import pinned
from data_access.periods import Comparison
from data_access.roadmap.targets import StoredTarget, TargetProgress, progress
from data_access.scope import Scope, require, require_known
from data_access.widening import wider_selection

TTL_SECONDS = 3600
MAX_ENTRIES = 512

FUNCTIONS: dict[str, Callable[..., Any]] = {
    "programme_size": indicators.programme_size,
    "non_compliance": indicators.non_compliance,
    "social_dialogue": indicators.social_dialogue,
    "fa_cb_non_compliance": indicators.fa_cb_non_compliance,
    "top_non_compliance": indicators.top_non_compliance,
    "most_improved": indicators.most_improved,
    "factory_listing": indicators.factory_listing,
    "factory_history": indicators.factory_history,
    "data_as_of": data_as_of,
    "change": change,
    "wider_selection": wider_selection,
    "demo_data": demo_data,
    "roadmap_progress": progress,
    "headline_figures": headline_figures,
}
STAFF_ONLY = frozenset({"factory_listing", "factory_history"})
ADMIN_ONLY = frozenset({"demo_data"})


@st.cache_data(ttl=TTL_SECONDS, max_entries=MAX_ENTRIES, show_spinner=False)
def _run(
    _engine: Engine,
    _scope: Scope,
    name: str,
    engine_key: str,
    scope_key: tuple[str | None, str | None],
    version: int,
    args: tuple[Any, ...],
    options: tuple[tuple[str, Any], ...],
) -> Any:
    return FUNCTIONS[name](_engine, _scope, *args, **dict(options))


def _call(name: str, engine: Engine, scope: Scope, args: tuple[Any, ...], **options: Any) -> Any:
    # Checked before the cache is consulted as well as inside the function: a refused
    # scope must never even look up an entry.
    require_known(scope)
    if name in STAFF_ONLY:
        require(scope, "see_factories")
    if name in ADMIN_ONLY:
        require(scope, "import_data")
    with pinned(engine) as snapshot:
        return _run(
            engine,
            scope,
            name,
            engine.url.render_as_string(hide_password=True),
            scope.cache_key(),
            snapshot.data_version,
            args,
            tuple(sorted(options.items())),
        )


def _dims(by: str | Sequence[str] | None) -> tuple[str, ...]:
    return (by,) if isinstance(by, str) else tuple(by or ())


def cached_programme_size(
    engine: Engine,
    scope: Scope,
    filters: Filters,
    by: str | Sequence[str] | None = None,
    **options: Any,
) -> pd.DataFrame:
    return _call("programme_size", engine, scope, (filters, _dims(by)), **options)


def cached_non_compliance(
    engine: Engine,
    scope: Scope,
    filters: Filters,
    by: Sequence[str] = ("compliance_point",),
    **options: Any,
) -> pd.DataFrame:
    return _call("non_compliance", engine, scope, (filters, _dims(by)), **options)


def cached_social_dialogue(
    engine: Engine,
    scope: Scope,
    filters: Filters,
    by: str | Sequence[str] | None = None,
    **options: Any,
) -> pd.DataFrame:
    return _call("social_dialogue", engine, scope, (filters, _dims(by)), **options)


def cached_fa_cb_non_compliance(
    engine: Engine, scope: Scope, filters: Filters, **options: Any
) -> pd.DataFrame:
    return _call("fa_cb_non_compliance", engine, scope, (filters,), **options)


def cached_top_non_compliance(
    engine: Engine, scope: Scope, filters: Filters, n: int = 10, **options: Any
) -> pd.DataFrame:
    return _call("top_non_compliance", engine, scope, (filters, int(n)), **options)


def cached_most_improved(
    engine: Engine, scope: Scope, filters: Filters, n: int = 10, **options: Any
) -> pd.DataFrame:
    return _call("most_improved", engine, scope, (filters, int(n)), **options)


def cached_factory_listing(
    engine: Engine, scope: Scope, filters: Filters, search: str | None = None
) -> pd.DataFrame:
    return _call("factory_listing", engine, scope, (filters, search or None))


def cached_factory_history(
    engine: Engine, scope: Scope, factory_id: int, **options: Any
) -> indicators.FactoryHistory:
    return _call("factory_history", engine, scope, (int(factory_id),), **options)


def cached_headline_figures(engine: Engine, scope: Scope, filters: Filters) -> pd.DataFrame:
    """The figures a meeting's briefing keeps, today (`data_access.meetings.figures`)."""
    return _call("headline_figures", engine, scope, (filters,))


def cached_data_as_of(engine: Engine, scope: Scope, filters: Filters) -> DataAsOf:
    return _call("data_as_of", engine, scope, (filters,))


def cached_change(
    engine: Engine,
    scope: Scope,
    comparison: Comparison,
    indicator: str,
    by: Sequence[str] = (),
    **options: Any,
) -> pd.DataFrame:
    return _call("change", engine, scope, (comparison, indicator, _dims(by)), **options)


def cached_wider_selection(engine: Engine, scope: Scope, filters: Filters) -> Filters | None:
    return _call("wider_selection", engine, scope, (filters,))


def cached_demo_data(engine: Engine, scope: Scope) -> DemoData:
    """What the demonstration data amounts to (Admin › Data), its counts over every
    finding computed once per data version: every import and the removal itself bump
    it. The active demo sign-ins change with user administration, which does not bump
    it, so they are counted afresh (one indexed count)."""
    counted = _call("demo_data", engine, scope, ())
    return replace(counted, active_demo_users=active_demo_users(engine, scope))


def clear() -> None:
    """Drop every cached result (admin "refresh" button; imports need not call it)."""
    _run.clear()


def cached_roadmap_progress(engine: Engine, scope: Scope, stored: StoredTarget) -> TargetProgress:
    """A target's yearly figures and status; a changed target is a new key (its
    `updated_at` is part of it), new data a new data version."""
    return _call("roadmap_progress", engine, scope, (stored,))
