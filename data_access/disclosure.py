"""Disclosure control: no constituent can learn about fewer than `min_factories`
factories, from any figure or from any combination of the figures the app gives them.

Threat model. The adversary is a constituent login (molisa, vcci, vgcl) who makes every
selection the app offers them, in any number of sessions, keeps everything they are
shown (pages, tooltips, map JSON, chart specs, downloads, briefings for their audience,
the change figures) and adds and subtracts it: totals minus visible parts, one
province view against the other, the published reasons, one selection minus another,
one period minus another. They also know that a hidden row exists only where at least
one factory is. Staff (ilo, admin) are trusted: they see exact values, flagged.

Design: a fixed lattice of publishable cells, protected together.

1. *Periods.* A constituent figure is for whole calendar years, one at a time: a
   series by year gives each year; any other figure of a longer or open period is the
   figure of its last year (the latest year with data when open). Date bounds widen
   to the whole years they fall in: constituents get no date-window figures, with
   one exception, a national figure's like-for-like cut for comparing a running year
   (1 January to the day the data stop, one window per year; `comparison_cut`),
   hidden when it leaves out of its whole year a small group (rule 7). So no two
   periods a constituent can ask for differ by a handful of factories (2024–2025
   minus 2025, or two windows a day apart); the sidebar offers them years only.
2. *The cube.* Within one slice (a year, and what is measured: a compliance point,
   a cluster, a social-dialogue measure), the publishable cells are the national
   figure and one breakdown at a time: current provinces, legacy units within their
   province (factories registered after the merger form the province's own "no
   legacy unit" part), sectors, size bands (`MARGINS`). Suppression is decided once
   for all of them together and cached per data version, so the same cell has the
   same fate on every page, chart, download and briefing.
3. *Small cells.* A cell resting on 1 to `min_factories − 1` factories is hidden,
   reason ``"small"``.
4. *Groups* (reason ``"complementary"``). The cells form a tree under the national
   figure, and every parent's children form a line that adds up to it. A subtracting
   viewer knows of a hidden cell at least its floor: 1 (its row exists), or for a
   province its visible legacy units plus one per hidden one. In every line whose
   parent is visible, the hidden children are none, or at least two whose total less
   their floors is at least `min_factories − 1`: each can then be anything from its
   floor to `min_factories` or more, so none is pinned or shown to be small. Where the
   parent is hidden, at least two of its children are hidden (or all there are).
   Cells are added smallest first until every line holds; if no visible child is
   left, the parent is hidden. (In a tree this suffices; the LP audit,
   `tests/data_access/disclosure_audit`, checks it.)
5. *Selections and crossings.* A selection within one breakdown (several provinces,
   a province's legacy units) is a union of cells: it is shown only when every cell
   it adds up is shown (it is then a sum of published figures). A figure that crosses
   two breakdowns (a province's garment factories, sectors by size band) is not
   published to constituents (reason ``"crossing"``): crossed tables with empty
   cells give away small cells no suppression pattern inside them can protect, and
   on programme data nearly every crossed cell is small anyway.
6. *Dominance* (reason ``"dominance"``). A worker-based figure (workers, women,
   women's share, agreement coverage in workers) is hidden where one factory holds
   more than `dominance_share` (settings, default 0.8) of the cell's workers, and its
   lines are protected as in 4, also so that no hidden group is dominated by one
   factory. Factory counts keep rules 3–5.
7. *Changes* (reason ``"change"``). A change between two periods (A − B) is
   published only when the factories in one period's cell and not the other's are
   none or at least `min_factories` (`change_isolates`).
8. *Zero factories.* A group with no factory produces no row at all.
9. *Reasons.* Constituents see every hidden cell with the one neutral reason
   ``"protected"``: a published "small" beside a "complementary" would say which
   hidden cell is the small one. Staff see the reason.

Constituent scopes get hidden values, numerators and denominators as NA; staff scopes
keep them exact and see `suppressed` (and `workers_suppressed` for worker figures of a
wide frame) set where a constituent would not. Limits: rule 4 picks complements
greedily (smallest first), not by optimisation, so it may hide more than the least
needed; it protects factory counts and, with the same pattern, the non-compliant
counts inside them, but a hidden group whose factories are all compliant (or all
not) still says so, as any suppression does.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd
from sqlalchemy import Engine

from data_access.config import settings
from data_access.dimensions import DIMENSIONS
from data_access.filters import Filters
from data_access.meta import data_version
from data_access.refdata import reference
from data_access.scope import Scope

SMALL = "small"
COMPLEMENTARY = "complementary"
DOMINANCE = "dominance"
CHANGE = "change"
CROSSING = "crossing"
#: The one reason constituents are told (rule 9).
PROTECTED = "protected"

#: Dimensions along which factories partition, with the filter field restricting each.
ADDITIVE_FILTERS: dict[str, str] = {d.key: d.field for d in DIMENSIONS if d.additive}
CUBE_DIMS: tuple[str, ...] = ("province", "legacy_province", "sector", "size_band")
#: A margin's "all" in a cube coordinate, and the legacy unit of post-merger factories.
ALL = "*"
NO_UNIT = "~"
#: Decided cubes kept per process (each is a few thousand rows per slice).
CUBE_CACHE_SIZE = 64

Compute = Callable[[Filters, tuple[str, ...]], pd.DataFrame]


def threshold(min_factories: int | None) -> int:
    return settings().min_factories if min_factories is None else min_factories


def line_dimensions(keys: Sequence[str]) -> list[str]:
    """The keys along which cells add up. A current province is not a line of its own
    legacy units' rows (it is their parent), so it is skipped when both are present."""
    return [
        key
        for key in keys
        if key in ADDITIVE_FILTERS and not (key == "province" and "legacy_province" in keys)
    ]


def small_cells(sizes: pd.Series, min_factories: int) -> np.ndarray:
    values = sizes.fillna(0).to_numpy(dtype="int64")
    return (values > 0) & (values < min_factories)


def protect_lines(
    frame: pd.DataFrame,
    suppressed: np.ndarray,
    reasons: np.ndarray,
    *,
    size: str,
    keys: Sequence[str],
) -> None:
    """Within one frame, in place: until no line along an additive key hides exactly one
    cell, hide the smallest visible sibling of each lone hidden cell. (Used where two
    protected frames are joined row by row, the change table.)"""
    dims = line_dimensions(keys)
    if frame.empty or not dims:
        return
    sizes = frame[size].fillna(0).to_numpy(dtype="int64")
    lines: list[np.ndarray] = []
    for dim in dims:
        others = [key for key in keys if key != dim]
        if others:
            lines.extend(frame.groupby(others, dropna=False, sort=False).indices.values())
        else:
            lines.append(np.arange(len(frame)))
    alone = np.zeros(len(frame), dtype=bool)
    for positions in lines:
        occupied = positions[sizes[positions] > 0]
        if len(occupied) == 1:
            alone[occupied] = True
    changed = True
    while changed:
        changed = False
        for positions in lines:
            if suppressed[positions].sum() != 1:
                continue
            visible = positions[~suppressed[positions] & (sizes[positions] > 0)]
            if len(visible) == 0:
                continue
            order = np.lexsort((sizes[visible], alone[visible]))  # stable among equals
            pick = visible[order[0]]
            suppressed[pick] = True
            reasons[pick] = COMPLEMENTARY
            changed = True


def decide(
    frame: pd.DataFrame,
    *,
    size: str,
    keys: Sequence[str],
    min_factories: int,
) -> tuple[np.ndarray, np.ndarray]:
    """Small cells and lone hidden cells of one frame on its own: (suppressed, reasons)."""
    suppressed = small_cells(frame[size], min_factories)
    reasons = np.where(suppressed, SMALL, "").astype(object)
    protect_lines(frame, suppressed, reasons, size=size, keys=keys)
    return suppressed, reasons


def change_isolates(moved: int | float | None, min_factories: int | None = None) -> bool:
    """Rule 7: whether a change A − B would isolate a small group. `moved` is how many
    factories are in one period's cell and not the other's (joined plus left): the
    change is exactly their contribution, so it may be published only when that group
    is empty or rests on at least `min_factories` factories."""
    if moved is None or pd.isna(moved):
        return False
    return 0 < int(moved) < threshold(min_factories)


def constituent_period(filters: Filters, keys: Sequence[str], engine: Engine) -> Filters:
    """Rule 1: the whole calendar years a constituent's figure is computed for. Date
    bounds widen to the years they fall in; a figure that is not a series by year is
    the figure of the period's last year (the latest year with data when open). The
    one window kept is a comparison's like-for-like cut (`comparison_cut`)."""
    start, end = filters.period_start, filters.period_end
    whole = replace(
        filters,
        date_from=None,
        date_to=None,
        year_from=start.year if start is not None else None,
        year_to=end.year if end is not None else None,
    )
    if "year" in keys:
        return whole
    latest = reference(engine).latest_year
    last = whole.year_to if whole.year_to is not None else latest
    if last is not None and latest is not None:
        last = min(last, latest)
    if last is None or (whole.year_from is not None and last < whole.year_from):
        return whole
    single = replace(whole, year_from=last, year_to=last)
    cut = replace(single, date_to=filters.date_to)
    return cut if filters.date_from is None and comparison_cut(cut, keys, engine) else single


def published_period(
    scope: Scope, filters: Filters, keys: Sequence[str], engine: Engine
) -> Filters:
    """The period a frame's figures are for, as its `attrs` must say (exports describe
    it; an auditor models it): rule 1's for constituents, the request's for staff."""
    return constituent_period(filters, keys, engine) if scope.suppresses else filters


def comparison_cut(filters: Filters, keys: Sequence[str], engine: Engine) -> bool:
    """Whether `filters` are a year cut where this year's data stop (1 January to the
    day of the last assessment, in that year or an earlier one): the one date window a
    constituent gets, for a national figure only, so that a running year is compared
    like with like. There is one such window per year, so no two differ by a day; what
    it leaves out of its whole year is guarded by the change rule (`suppress`)."""
    day, last = filters.date_to, reference(engine).last_assessed_on
    if day is None or last is None or filters.date_from is not None:
        return False
    if "year" in keys or any(key in ADDITIVE_FILTERS for key in keys):
        return False
    if any(getattr(filters, field) for field in ADDITIVE_FILTERS.values()):
        return False
    same_day = (day.month, day.day) == (last.month, last.day)
    return same_day and filters.year_from == filters.year_to == day.year


@dataclass(frozen=True)
class Dominance:
    """Rule 6 for a frame: `total` holds a cell's workers, `largest` the workers of its
    largest factory (dropped before anything leaves the data layer). `columns` are the
    worker figures hidden on their own (flag `workers_suppressed`); empty: the row is
    itself a worker figure and is hidden whole."""

    total: str
    largest: str
    columns: tuple[str, ...] = ()


def suppress(
    compute: Compute,
    scope: Scope,
    filters: Filters,
    keys: tuple[str, ...],
    *,
    engine: Engine,
    cache_key: Hashable,
    size: str,
    hide: Sequence[str],
    dominance: Dominance | None = None,
    min_factories: int | None = None,
) -> pd.DataFrame:
    """Compute a frame and apply every rule; the one entry point indicators use.

    `compute(filters, keys)` must return one row per group with the `keys` columns, the
    `size` column (factories the cell rests on), the `hide` columns (and the dominance
    columns); it is called for the request and, once per data version and slice, for
    the cube (`keys` without the additive ones, plus all of `CUBE_DIMS`). `cache_key`
    names what `compute` computes (indicator and options), for the cube cache.
    """
    limit = threshold(min_factories)
    requested = constituent_period(filters, keys, engine) if scope.suppresses else filters
    frame = compute(requested, keys)
    cube = decided_cube(
        compute, engine, cache_key, requested, keys, size=size, dominance=dominance, limit=limit
    )
    hidden, reasons, workers = _lookup(frame, keys, requested, cube)
    if comparison_cut(requested, keys, engine):
        whole = compute(replace(requested, date_to=None), keys)
        isolating = _window_isolates(frame, whole, cube.slice_keys, size, limit) & ~hidden
        hidden = hidden | isolating
        reasons[isolating] = CHANGE
        if workers is not None:
            workers = (workers[0] | isolating, np.where(isolating, CHANGE, workers[1]))
    return _finish_dominance(frame, scope, hidden, reasons, hide, dominance, workers)


def _window_isolates(
    frame: pd.DataFrame, whole: pd.DataFrame, keys: tuple[str, ...], size: str, limit: int
) -> np.ndarray:
    """Rule 7 for a comparison cut: its row is hidden when the factories of the whole
    year that it leaves out are a small group."""
    on = list(keys) or ["_one"]
    sizes = frame.assign(_one=1)[on].merge(
        whole.assign(_one=1)[[*on, size]].rename(columns={size: "_whole"}), on=on, how="left"
    )
    moved = sizes["_whole"].fillna(0).to_numpy(dtype="int64") - frame[size].fillna(0).to_numpy(
        dtype="int64"
    )
    return (moved > 0) & (moved < limit)


def _finish_dominance(
    frame: pd.DataFrame,
    scope: Scope,
    hidden: np.ndarray,
    reasons: np.ndarray,
    hide: Sequence[str],
    dominance: Dominance | None,
    workers: tuple[np.ndarray, np.ndarray] | None,
) -> pd.DataFrame:
    if dominance is None:
        return finish(frame, scope, hidden, reasons, hide)
    worker_hidden, worker_reasons = workers if workers is not None else (hidden, reasons)
    if not dominance.columns:
        reasons = np.where(hidden, reasons, worker_reasons).astype(object)
        hidden = hidden | worker_hidden
    frame = finish(frame.drop(columns=dominance.largest), scope, hidden, reasons, hide)
    if dominance.columns:
        flags = finish(
            frame[list(dominance.columns)], scope, worker_hidden, worker_reasons, dominance.columns
        )
        for column in dominance.columns:
            frame[column] = flags[column]
        frame["workers_suppressed"] = flags["suppressed"]
        frame["workers_suppression_reason"] = flags["suppression_reason"]
    return frame


def worker_figures(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame as a surface showing its worker figures must read it: `suppressed` and
    `suppression_reason` are those of the worker columns (rule 6), where a wide frame
    carries them apart from its factory counts'."""
    if "workers_suppressed" not in frame:
        return frame
    return frame.assign(
        suppressed=frame["workers_suppressed"],
        suppression_reason=frame["workers_suppression_reason"],
    )


# --- the cube -------------------------------------------------------------------------


@dataclass(frozen=True)
class Cube:
    """Every margin cell of one request's slices, decided: coordinates (slice keys and
    `CUBE_DIMS`, `ALL` where a margin sums a dimension away), `hidden`, `reason`, and
    the same for worker figures."""

    slice_keys: tuple[str, ...]
    cells: pd.DataFrame


_CUBES: OrderedDict[Hashable, Cube] = OrderedDict()
_CUBES_LOCK = threading.Lock()


def decided_cube(
    compute: Compute,
    engine: Engine,
    cache_key: Hashable,
    filters: Filters,
    keys: Sequence[str],
    *,
    size: str,
    dominance: Dominance | None,
    limit: int,
) -> Cube:
    """The decided cube of the slices `keys` and `filters` name, from the cache when the
    data have not changed since it was decided."""
    slice_keys = tuple(key for key in keys if key not in CUBE_DIMS)
    slice_filters = replace(filters, **{field: () for field in ADDITIVE_FILTERS.values()})
    share = settings().dominance_share
    key = (
        str(engine.url),
        data_version(engine),
        cache_key,
        slice_filters,
        slice_keys,
        size,
        dominance,
        limit,
        share,
    )
    with _CUBES_LOCK:
        if key in _CUBES:
            _CUBES.move_to_end(key)
            return _CUBES[key]
    finest = compute(slice_filters, (*slice_keys, *CUBE_DIMS))
    cube = _decide_cube(
        finest, slice_keys, size=size, dominance=dominance, limit=limit, share=share
    )
    with _CUBES_LOCK:
        _CUBES[key] = cube
        while len(_CUBES) > CUBE_CACHE_SIZE:
            _CUBES.popitem(last=False)
    return cube


def _codes(series: pd.Series) -> pd.Series:
    return series.astype(object).where(series.notna(), NO_UNIT).astype(str)


def _decide_cube(
    finest: pd.DataFrame,
    slice_keys: tuple[str, ...],
    *,
    size: str,
    dominance: Dominance | None,
    limit: int,
    share: float,
) -> Cube:
    base = pd.DataFrame({key: finest[key] for key in slice_keys})
    for dim in CUBE_DIMS:
        base[dim] = _codes(finest[dim]) if len(finest) else pd.Series(dtype=str)
    base["_size"] = pd.to_numeric(finest[size]).fillna(0).to_numpy(dtype="int64")
    if dominance is not None:
        base["_total"] = pd.to_numeric(finest[dominance.total]).astype("float64").fillna(0.0)
        base["_largest"] = pd.to_numeric(finest[dominance.largest]).astype("float64")
    cells = _margins(base, slice_keys)
    sizes = cells["_size"].to_numpy(dtype="int64")
    child, line, parent = _lines(cells, slice_keys)
    hidden = (sizes > 0) & (sizes < limit)
    reasons = np.where(hidden, SMALL, "").astype(object)
    _protect(sizes, hidden, reasons, child, line, parent, limit)
    cells["hidden"], cells["reason"] = hidden, reasons
    if dominance is not None:
        totals = cells["_total"].to_numpy(dtype="float64")
        largest = cells["_largest"].to_numpy(dtype="float64")
        dominated = ~hidden & (np.nan_to_num(largest, nan=0.0) > share * totals)
        worker_hidden = hidden | dominated
        worker_reasons = np.where(dominated, DOMINANCE, reasons).astype(object)
        _protect(
            sizes,
            worker_hidden,
            worker_reasons,
            child,
            line,
            parent,
            limit,
            dominated_groups=(totals, largest, share),
        )
        cells["workers_hidden"], cells["workers_reason"] = worker_hidden, worker_reasons
    return Cube(slice_keys, cells.drop(columns=[c for c in ("_total", "_largest") if c in cells]))


#: The tables constituents can be given: the national figure and one breakdown at a
#: time. Each is a tree under the national figure (legacy units under their province),
#: which is what makes rule 4 sufficient; crossings are not published (rule 5).
MARGINS: tuple[tuple[str, ...], ...] = (
    (),
    ("province",),
    ("province", "legacy_province"),
    ("sector",),
    ("size_band",),
)


def _margins(base: pd.DataFrame, slice_keys: tuple[str, ...]) -> pd.DataFrame:
    aggregations = {"_size": "sum"}
    if "_total" in base:
        aggregations |= {"_total": "sum", "_largest": "max"}
    parts = []
    for dims in MARGINS:
        group = [*slice_keys, *dims]
        if group:
            part = base.groupby(group, dropna=False, sort=False).agg(aggregations).reset_index()
        else:
            part = base.agg(aggregations).to_frame().T if len(base) else base.iloc[:0]
            part = part[list(aggregations)].reset_index(drop=True)
        for dim in CUBE_DIMS:
            if dim not in dims:
                part[dim] = ALL
        parts.append(part[[*slice_keys, *CUBE_DIMS, *aggregations]])
    cells = pd.concat(parts, ignore_index=True)
    cells["_size"] = pd.to_numeric(cells["_size"]).astype("int64")
    return cells[cells["_size"] > 0].reset_index(drop=True)


def _lines(
    cells: pd.DataFrame, slice_keys: tuple[str, ...]
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every (child cell, line, line's parent cell): a line is the children of one
    parent along one dimension (legacy units of a province, provinces of the country,
    sectors, size bands), all else fixed."""
    coordinates = [*slice_keys, *CUBE_DIMS]
    index = cells[coordinates].copy()
    index["_id"] = np.arange(len(cells))
    children, parents = [], []
    lifts = {
        "legacy_province": lambda frame: frame["legacy_province"] != ALL,
        "province": lambda frame: (frame["province"] != ALL) & (frame["legacy_province"] == ALL),
        "sector": lambda frame: frame["sector"] != ALL,
        "size_band": lambda frame: frame["size_band"] != ALL,
    }
    for dim, is_child in lifts.items():
        part = index[is_child(index)].copy()
        part[dim] = ALL
        merged = part.merge(index, on=coordinates, how="inner", suffixes=("", "_parent"))
        children.append(merged["_id"].to_numpy())
        parents.append(merged["_id_parent"].to_numpy())
    child = np.concatenate(children) if children else np.zeros(0, dtype=int)
    parent_of_child = np.concatenate(parents) if parents else np.zeros(0, dtype=int)
    dim_of_child = np.concatenate([np.full(len(c), i) for i, c in enumerate(children)])
    line_keys = parent_of_child * len(lifts) + dim_of_child
    unique, line = np.unique(line_keys, return_inverse=True)
    return child, line, unique // len(lifts)


def _protect(
    sizes: np.ndarray,
    hidden: np.ndarray,
    reasons: np.ndarray,
    child: np.ndarray,
    line: np.ndarray,
    parent: np.ndarray,
    limit: int,
    *,
    dominated_groups: tuple[np.ndarray, np.ndarray, float] | None = None,
) -> None:
    """Rule 4 (and 6's groups), in place, all lines at once until every line holds.

    What a subtracting viewer can say of a hidden cell at least: 1 for a cell without
    children (its row exists); for a province, its visible legacy units plus one per
    hidden one. In a line whose parent is shown, the hidden cells' total less those
    floors is how far any one of them can range above its own floor: at least
    `min_factories − 1`, so a small cell may be anything from 1 to `min_factories`.
    """
    lines = len(parent)
    if lines == 0:
        return
    occupied = np.bincount(line, minlength=lines)
    while True:
        hidden_child = hidden[child]
        count = np.bincount(line, weights=hidden_child, minlength=lines)
        total = np.bincount(line, weights=hidden_child * sizes[child], minlength=lines)
        shown = np.bincount(line, weights=~hidden_child * sizes[child], minlength=lines)
        floor = np.ones(len(sizes))
        np.maximum.at(floor, parent, shown + count)
        floors = np.bincount(line, weights=hidden_child * floor[child], minlength=lines)
        parent_hidden = hidden[parent]
        # A hidden parent's lines first: until two of its children are hidden, its
        # visible children pin it, and its floor would be its whole size.
        bad = parent_hidden & (count < 2) & (count < occupied)
        if not bad.any():
            bad = ~parent_hidden & (count >= 1) & ((count < 2) | (total - floors < limit - 1))
        if dominated_groups is not None and not bad.any():
            totals, largest, share = dominated_groups
            workers = np.bincount(line, weights=hidden_child * totals[child], minlength=lines)
            biggest = np.zeros(lines)
            np.maximum.at(biggest, line, np.where(hidden_child, np.nan_to_num(largest[child]), 0))
            bad |= ~parent_hidden & (count >= 1) & (biggest > share * workers)
        if not bad.any():
            return
        candidate = bad[line] & ~hidden_child
        positions = np.flatnonzero(candidate)
        order = np.lexsort((sizes[child[positions]], line[positions]))
        positions = positions[order]
        _, first = np.unique(line[positions], return_index=True)
        picks = child[positions[first]]
        stuck = np.setdiff1d(np.flatnonzero(bad), line[positions])
        stuck = parent[stuck][~hidden[parent[stuck]]]
        new = np.union1d(picks, stuck)
        new = new[~hidden[new]]
        if len(new) == 0:
            return
        hidden[new] = True
        reasons[new] = COMPLEMENTARY


def _lookup(
    frame: pd.DataFrame, keys: Sequence[str], filters: Filters, cube: Cube
) -> tuple[np.ndarray, np.ndarray, tuple[np.ndarray, np.ndarray] | None]:
    """Rule 5: each requested row's fate from the cube cells it adds up (one cell, or
    the cells of a selection): hidden when any of them is, with that cell's reason
    when it is the only one."""
    selected = {dim: getattr(filters, field) for dim, field in ADDITIVE_FILTERS.items()}
    fine = {dim: dim in keys or bool(selected[dim]) for dim in CUBE_DIMS}
    fine["province"] = fine["province"] or fine["legacy_province"]
    if sum(fine[dim] for dim in ("province", "sector", "size_band")) > 1:
        crossing = np.ones(len(frame), dtype=bool)
        reasons = np.full(len(frame), CROSSING, dtype=object)
        return crossing, reasons, (crossing, reasons) if "workers_hidden" in cube.cells else None
    cells = cube.cells
    mask = np.ones(len(cells), dtype=bool)
    for dim in CUBE_DIMS:
        mask &= (cells[dim] != ALL).to_numpy() if fine[dim] else (cells[dim] == ALL).to_numpy()
        if selected[dim]:
            mask &= cells[dim].isin(selected[dim]).to_numpy()
    on = [*cube.slice_keys, *(dim for dim in CUBE_DIMS if dim in keys)] or ["_one"]
    flags = [("hidden", "reason")]
    if "workers_hidden" in cells:
        flags.append(("workers_hidden", "workers_reason"))
    columns = [column for pair in flags for column in pair]
    request = frame.assign(_one=1)[on].copy()
    for dim in CUBE_DIMS:
        if dim in request:
            request[dim] = _codes(request[dim])
    request["_row"] = np.arange(len(request))
    matched = request.merge(cells[mask].assign(_one=1)[[*on, *columns]], on=on, how="left")
    counted = matched["hidden"].notna()
    for flag, _ in flags:
        matched[flag] = matched[flag].astype("boolean").fillna(False).astype(bool)
    rows = matched.groupby("_row", sort=True)
    positions = range(len(frame))
    single = (counted.groupby(matched["_row"]).sum() == 1).reindex(positions, fill_value=False)
    results = []
    for flag, reason in flags:
        hidden = rows[flag].any().reindex(positions, fill_value=False).to_numpy(dtype=bool)
        first = rows[reason].first().reindex(positions).fillna(COMPLEMENTARY)
        reasons = np.where(hidden, np.where(single, first, COMPLEMENTARY), "").astype(object)
        results.append((hidden, reasons))
    workers = results[1] if len(results) > 1 else None
    return results[0][0], results[0][1], workers


def finish(
    frame: pd.DataFrame,
    scope: Scope,
    hidden: np.ndarray,
    reasons: np.ndarray,
    hide: Sequence[str],
) -> pd.DataFrame:
    """Attach the flags; for constituents blank every hidden value (staff keep them).

    Constituents get one neutral reason, `PROTECTED`, for every hidden cell: which rule
    hid a cell says which cell is the small one, and a small cell next to its
    complement can be pinned by subtraction. Staff keep each rule's own code."""
    frame = frame.copy()
    if scope.suppresses:
        hidden = np.asarray(hidden, dtype=bool)
        # A crossing is refused by the shape of the request, never by the data, so it
        # can say so and point the viewer to one breakdown at a time.
        kept = np.where(np.asarray(reasons, dtype=object) == CROSSING, CROSSING, PROTECTED)
        reasons = np.where(hidden, kept, "").astype(object)
    frame["suppressed"] = pd.Series(hidden, index=frame.index, dtype=bool)
    frame["suppression_reason"] = pd.Series(reasons, index=frame.index, dtype=object).astype(
        "string"
    )
    if scope.suppresses and len(frame):
        for column in hide:
            frame[column] = frame[column].astype(_nullable(frame[column].dtype))
            frame.loc[frame["suppressed"], column] = pd.NA
    return frame


def _nullable(dtype: object) -> str | object:
    """Integer columns become nullable Int64 and floats Float64 so NA means "hidden"."""
    kind = getattr(dtype, "kind", "")
    if kind in "iub":
        return "Int64"
    if kind == "f":
        return "Float64"
    return dtype
