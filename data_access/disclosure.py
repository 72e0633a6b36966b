"""Small-cell and complementary suppression: no constituent can learn about a handful of
factories from any figure, nor work a hidden figure out from the ones shown.

Rules (documented on the About page, method key `disclosure`):

1. *Small cell.* A cell resting on at least one but fewer than `min_factories`
   factories (settings, default 5) is suppressed, reason ``"small"``.
2. *Lines.* Factories partition along sector, province, legacy province and size
   band, so cells along any of those add up to a parent the viewer can also see (the
   national figure, the province total). Within every such line a lone suppressed cell
   could be recovered by subtraction; the smallest visible sibling is suppressed too,
   reason ``"complementary"``, repeated until every line hides none or at least two.
   Legacy provinces form lines inside their current province.
3. *Selections.* A filter on an additive dimension is a selection from a partition
   whose other part the viewer can request separately. Suppression is therefore
   decided on the full partition (the "grid": the query without those filters, grouped
   by them) so that a cell is hidden or shown consistently whatever else is selected;
   a selected cell is then hidden if its selection, or the part of its line left out
   by a selection, contains exactly one hidden grid cell.
4. *Zero factories.* A group with no factory produces no row at all: "no factory
   here" says nothing about any factory, and the empty row would invite false zeros.

Constituent scopes get the suppressed cells' values, numerators and denominators as
NA; staff scopes keep them and see `suppressed` set where a constituent would not.
Guarantee and limits: for a frame with one additive dimension (the pages' maps and
bar charts: provinces, sectors or size bands, by point, cluster or year), every line
hides none or at least two cells, so no hidden cell follows from the national figure
or from any selection. In a cross-table of two additive dimensions the same rule is
applied along both, preferring complementary cells that are not alone in a line;
there, when empty cells and the published one-way totals pin a cell down, no
suppression inside the table can hide it, so pages should not offer two-way
cross-tables of factory attributes to constituents. Arbitrary unions of selections
combined by inclusion–exclusion are not claimed to be defeated.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

import numpy as np
import pandas as pd

from data_access.config import settings
from data_access.filters import Filters
from data_access.scope import Scope

SMALL = "small"
COMPLEMENTARY = "complementary"
#: The one reason a constituent sees for any hidden cell (see `finish`).
PROTECTED = "protected"

#: Dimensions along which factories partition, with the filter field restricting each.
ADDITIVE_FILTERS: dict[str, str] = {
    "sector": "sectors",
    "province": "provinces",
    "legacy_province": "legacy_provinces",
    "size_band": "size_bands",
}

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
    """Rule 2, in place on `suppressed`/`reasons`: until no line along an additive key
    hides exactly one cell, hide the smallest visible sibling of each lone hidden cell."""
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
    # A cell alone in some line equals that line's published total, so hiding it hides
    # nothing: such cells are chosen only when there is no other candidate.
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
    """Rules 1 and 2 on one frame: (suppressed, reasons) arrays aligned with its rows."""
    suppressed = small_cells(frame[size], min_factories)
    reasons = np.where(suppressed, SMALL, "").astype(object)
    protect_lines(frame, suppressed, reasons, size=size, keys=keys)
    return suppressed, reasons


def selection_flags(
    requested: pd.DataFrame,
    grid: pd.DataFrame,
    grid_hidden: np.ndarray,
    *,
    keys: Sequence[str],
    selected: dict[str, tuple[str, ...]],
) -> np.ndarray:
    """Rule 3: which requested cells expose a lone hidden grid cell, either inside their
    selection or in the part of the line a selection leaves out."""
    outside = [dim for dim in selected if dim not in keys]
    grid = grid.assign(_hidden=grid_hidden.astype("int64"))
    inside = {dim: grid[dim].isin(selected[dim]) for dim in selected}
    for dim in selected:
        grid = grid.assign(**{f"_in_{dim}": inside[dim]})
    all_inside = np.logical_and.reduce([inside[dim] for dim in selected])
    counts = [_hidden_per_key(grid[all_inside], keys, "_box")]
    for dim in outside:
        others_inside = np.logical_and.reduce(
            [inside[other] for other in selected if other != dim] + [~inside[dim]]
        )
        counts.append(_hidden_per_key(grid[others_inside], keys, f"_out_{dim}"))
    flags = requested[list(keys)].copy() if keys else pd.DataFrame(index=requested.index)
    for count in counts:
        flags = _attach(flags, count, keys)
    count_columns = [column for column in flags.columns if column not in keys]
    return (flags[count_columns].fillna(0).to_numpy() == 1).any(axis=1)


def _hidden_per_key(part: pd.DataFrame, keys: Sequence[str], name: str) -> pd.DataFrame:
    if keys:
        return part.groupby(list(keys), dropna=False)["_hidden"].sum().rename(name).reset_index()
    return pd.DataFrame({name: [int(part["_hidden"].sum())]})


def _attach(flags: pd.DataFrame, count: pd.DataFrame, keys: Sequence[str]) -> pd.DataFrame:
    if not keys:
        return flags.assign(**{column: count[column].iloc[0] for column in count.columns})
    merged = flags.merge(count, on=list(keys), how="left")
    merged.index = flags.index
    return merged


def suppress(
    compute: Compute,
    scope: Scope,
    filters: Filters,
    keys: tuple[str, ...],
    *,
    size: str,
    hide: Sequence[str],
    grid_keys: Callable[[tuple[str, ...]], tuple[str, ...]] = lambda keys: keys,
    min_factories: int | None = None,
) -> pd.DataFrame:
    """Compute a frame and apply every rule; the one entry point indicators use.

    `compute(filters, keys)` must return one row per group with the `keys` columns, the
    `size` column (factories the cell rests on) and the `hide` columns; it is called
    once, or twice when the filters select within an additive dimension (the second
    time on the grid). `grid_keys` lets a caller add implied keys (a legacy province's
    current province) to the grid's keys.
    """
    limit = threshold(min_factories)
    frame = compute(filters, keys)
    selected = {
        dim: getattr(filters, field)
        for dim, field in ADDITIVE_FILTERS.items()
        if getattr(filters, field)
    }
    hidden, reasons = decide(frame, size=size, keys=keys, min_factories=limit)
    if selected and not frame.empty:
        grid_filters = replace(filters, **{ADDITIVE_FILTERS[dim]: () for dim in selected})
        extra = tuple(dim for dim in ADDITIVE_FILTERS if dim in selected and dim not in keys)
        all_keys = grid_keys((*keys, *extra))
        grid = compute(grid_filters, all_keys)
        grid_hidden, _ = decide(grid, size=size, keys=all_keys, min_factories=limit)
        exposed = selection_flags(frame, grid, grid_hidden, keys=keys, selected=selected)
        newly = exposed & ~hidden
        hidden = hidden | exposed
        reasons[newly] = COMPLEMENTARY
        protect_lines(frame, hidden, reasons, size=size, keys=keys)
    return finish(frame, scope, hidden, reasons, hide)


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
        reasons = np.where(np.asarray(hidden, dtype=bool), PROTECTED, "").astype(object)
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
