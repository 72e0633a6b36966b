"""Non-compliance rates, Better Work's way, and their change between two periods.

Method (key `non_compliance`): take each factory's latest full assessment (initial or
annual; follow-up visits check only some points) in the period (per calendar year
when the series is by year). A factory is non-compliant on a
compliance point when any counted question of that point has a finding in that
assessment (the rule `data_access.summaries` applies once, when findings are
written; fact-gathering questions never count; renamed points count under their
current code). The rate is non-compliant factories ÷ factories assessed on the
point. A cluster's rate counts a factory non-compliant when it is non-compliant on
any point of the cluster; without point or cluster grouping, on any of the points
the filters select (all points when none are selected).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import numpy as np
import pandas as pd
from sqlalchemy import Engine, case, func, select

from data_access.disclosure import (
    CHANGE,
    change_isolates,
    constituent_period,
    finish,
    protect_lines,
    published_period,
)
from data_access.disclosure import suppress as apply_suppression
from data_access.filters import Filters
from data_access.indicators.frames import add_labels, counts_as_int, order_rows, share, stamp
from data_access.indicators.point_counts import grouped_counts
from data_access.indicators.query import (
    POINT_RESULTS,
    POINTS,
    check_dimensions,
    counted_assessments,
    dimension_columns,
    grouped,
    with_parent_geography,
)
from data_access.refdata import reference
from data_access.scope import Scope, require_known

COMPLIANCE_DIMENSIONS: tuple[str, ...] = (
    "compliance_point",
    "cluster",
    "sector",
    "province",
    "legacy_province",
    "year",
    "size_band",
)
RATE_COLUMNS: tuple[str, ...] = ("non_compliant", "assessed", "rate")
PERIOD: tuple[str, ...] = ("year_from", "year_to", "date_from", "date_to")
BASIS_ALL = "all_factories"
BASIS_SAME = "same_factories"


def non_compliance(
    engine: Engine,
    scope: Scope,
    filters: Filters,
    by: Sequence[str] = ("compliance_point",),
    *,
    min_factories: int | None = None,
) -> pd.DataFrame:
    """Non-compliance rates grouped by any of `COMPLIANCE_DIMENSIONS`.

    Columns: for each group dimension `<dim>`, `<dim>_name_vi`, `<dim>_name_en`
    ("province" is the current province every factory rolls up to; "legacy_province"
    the pre-2025 unit it was registered in, shown with its current `province`);
    `cluster` and `cluster_group` (core/national) when grouping by point or cluster;
    `non_compliant` (factories), `assessed` (factories), `rate` (0..1),
    `suppressed`, `suppression_reason`. One row per group with at least one factory
    assessed. `attrs["method"] == "non_compliance"`.
    """
    require_known(scope)
    dims = with_parent_geography(check_dimensions(by, COMPLIANCE_DIMENSIONS))
    frame = _suppressed_rates(engine, scope, filters, dims, min_factories)
    ref = reference(engine)
    frame = order_rows(add_labels(frame, dims, ref), dims, ref)
    period = published_period(scope, filters, dims, engine)
    return stamp(frame, "non_compliance", "non_compliance", period, by=dims)


def _suppressed_rates(
    engine: Engine,
    scope: Scope,
    filters: Filters,
    dims: tuple[str, ...],
    min_factories: int | None,
    partner: Filters | None = None,
) -> pd.DataFrame:
    def compute(current: Filters, keys: tuple[str, ...]) -> pd.DataFrame:
        return _rates(engine, current, keys, partner)

    return apply_suppression(
        compute,
        scope,
        filters,
        dims,
        engine=engine,
        cache_key=("non_compliance", partner),
        size="assessed",
        hide=RATE_COLUMNS,
        min_factories=min_factories,
    )


def _rates(
    engine: Engine,
    filters: Filters,
    dims: tuple[str, ...],
    partner: Filters | None = None,
) -> pd.DataFrame:
    """Counts from the pre-summed `point_counts` when they can answer exactly, else from
    the compliance-point results; then the rate."""
    frame = None
    if partner is None:
        frame = grouped_counts(engine, filters, dims, reference(engine).latest_year)
    if frame is None:
        frame = _counts_from_results(engine, filters, dims, partner)
    if "cluster" in dims and "compliance_point" in dims:
        ref = reference(engine)
        frame["cluster"] = [
            ref.compliance_points[code].parent if code in ref.compliance_points else None
            for code in frame["compliance_point"]
        ]
    frame = counts_as_int(frame, ("non_compliant", "assessed"))
    frame["rate"] = share(frame["non_compliant"], frame["assessed"])
    return frame[[*dims, *RATE_COLUMNS]]


def _counts_from_results(
    engine: Engine,
    filters: Filters,
    dims: tuple[str, ...],
    partner: Filters | None,
) -> pd.DataFrame:
    """Two GROUP BYs: first per counted assessment and unit (a point, a cluster, or all
    selected points) — non-compliant if any result in it is — then per group.

    With a `partner` period, only factories also counted in that period count (the
    same-factories comparison); the partner takes every other filter from `filters`, so
    the disclosure grid, computed without some filters, stays a true partition."""
    counted = counted_assessments(filters, per_year="year" in dims)
    r, p = POINT_RESULTS.alias("r"), POINTS.alias("p")
    if "compliance_point" in dims:
        unit = [r.c.cp_code.label("compliance_point")]
    elif "cluster" in dims:
        unit = [p.c.cluster_code.label("cluster")]
    else:
        unit = []
    factory_dims = [dim for dim in dims if dim not in {"compliance_point", "cluster"}]
    carried = dimension_columns(counted, factory_dims)
    conditions = list(filters.point_conditions(r))
    if partner is not None:
        partner_filters = replace(filters, **{name: getattr(partner, name) for name in PERIOD})
        also = counted_assessments(partner_filters, per_year=False)
        conditions.append(counted.c.factory_id.in_(select(also.c.factory_id)))
    per_unit = (
        select(
            counted.c.assessment_id,
            *carried,
            *unit,
            func.max(case((r.c.non_compliant, 1), else_=0)).label("non_compliant"),
        )
        .select_from(
            counted.join(r, r.c.assessment_id == counted.c.assessment_id).join(
                p, p.c.code == r.c.cp_code
            )
        )
        .where(*conditions)
        .group_by(counted.c.assessment_id, *carried, *unit)
        .subquery("per_unit")
    )
    groups = [per_unit.c[dim] for dim in dims if dim != "cluster" or "compliance_point" not in dims]
    statement = grouped(
        select(
            *groups,
            func.sum(per_unit.c.non_compliant).label("non_compliant"),
            func.count().label("assessed"),
        ),
        groups,
    )
    if not groups:
        statement = statement.having(func.count() > 0)
    with engine.connect() as connection:
        frame = pd.DataFrame(connection.execute(statement).mappings().all())
    if frame.empty:
        frame = pd.DataFrame(
            columns=[column.name for column in groups] + ["non_compliant", "assessed"]
        )
    return frame


def non_compliance_change(
    engine: Engine,
    scope: Scope,
    before: Filters,
    after: Filters,
    by: Sequence[str] = ("compliance_point",),
    *,
    same_factories: bool = False,
    min_factories: int | None = None,
) -> pd.DataFrame:
    """The rate in two periods and its change (after − before, as a share: ×100 for
    percentage points).

    `same_factories=True` compares only factories counted in both periods (a panel:
    the change is then not an effect of factories joining or leaving); otherwise every
    factory counted in each period. Columns: group columns and labels as in
    `non_compliance`; `non_compliant_before`, `assessed_before`, `rate_before`,
    `non_compliant_after`, `assessed_after`, `rate_after`, `change`, `basis`
    (`"all_factories"`/`"same_factories"`), `suppressed`, `suppression_reason`. A row
    is hidden (both periods) when either period's cell is, and when the factories that
    joined or left the cell between the periods are a small group (reason `"change"`:
    the change, or a same-factories cell, would isolate them); `change` is NA when
    either rate is. Constituents compare whole calendar years. `attrs` carry `basis`,
    `before` and `after`.
    """
    require_known(scope)
    dims = with_parent_geography(check_dimensions(by, COMPLIANCE_DIMENSIONS))
    if scope.suppresses:
        before, after = (constituent_period(period, dims, engine) for period in (before, after))
    # Both periods are computed unblanked (as for staff) so that the flags of each can
    # be combined before the viewer's own scope blanks anything.
    staff = Scope(role="ilo")
    periods = [
        _suppressed_rates(
            engine, staff, period, dims, min_factories, partner if same_factories else None
        )
        for period, partner in ((before, after), (after, before))
    ]
    frame = _combine(periods, dims)
    hidden = frame["_hidden_before"].to_numpy(bool) | frame["_hidden_after"].to_numpy(bool)
    reasons = np.where(
        frame["_reason_before"].eq("small") | frame["_reason_after"].eq("small"),
        "small",
        np.where(hidden, "complementary", ""),
    ).astype(object)
    isolating = _isolating(engine, frame, before, after, dims, same_factories, min_factories)
    isolating &= ~hidden
    hidden = hidden | isolating
    reasons[isolating] = CHANGE
    # A row hides both periods, so every line must hide none or two rows in each period;
    # the lines are checked on each period's own sizes until neither adds a row.
    while True:
        count = int(hidden.sum())
        for size in ("assessed_before", "assessed_after"):
            protect_lines(frame, hidden, reasons, size=size, keys=dims)
        if int(hidden.sum()) == count:
            break
    frame = frame.drop(columns=[c for c in frame.columns if c.startswith("_")])
    frame["change"] = (frame["rate_after"] - frame["rate_before"]).astype("Float64")
    basis = BASIS_SAME if same_factories else BASIS_ALL
    frame["basis"] = pd.Series(basis, index=frame.index, dtype="string")
    hide = [f"{column}_{period}" for period in ("before", "after") for column in RATE_COLUMNS]
    frame = finish(frame, scope, hidden, reasons, (*hide, "change"))
    ref = reference(engine)
    frame = order_rows(add_labels(frame, dims, ref), dims, ref)
    return stamp(
        frame,
        "non_compliance_change",
        "non_compliance_change",
        after,
        by=dims,
        basis=basis,
        before=before,
        after=after,
    )


def _isolating(
    engine: Engine,
    frame: pd.DataFrame,
    before: Filters,
    after: Filters,
    dims: tuple[str, ...],
    same_factories: bool,
    min_factories: int | None,
) -> np.ndarray:
    """The change rule per row: the factories assessed in one period's cell and not
    also counted in the other period (joined plus left) must not be a small group. The
    same count says what a same-factories cell leaves out of the full cell, so it
    guards both bases. The frame holds one basis's sizes; the other is computed."""
    moved = np.zeros(len(frame), dtype="int64")
    keys = list(dims) or ["_all"]
    rows = frame[list(dims)].assign(_all=1) if not dims else frame[list(dims)]
    for period, partner, tag in ((before, after, "before"), (after, before, "after")):
        other = _rates(engine, period, dims, None if same_factories else partner)
        if not dims:
            other = other.assign(_all=1)
        sizes = rows.merge(other[[*keys, "assessed"]], on=keys, how="left")["assessed"]
        known = frame[f"assessed_{tag}"].fillna(0).to_numpy(dtype="int64")
        computed = sizes.fillna(0).to_numpy(dtype="int64")
        moved += np.abs(known - computed)
    return np.array([change_isolates(value, min_factories) for value in moved], dtype=bool)


def _combine(periods: list[pd.DataFrame], dims: tuple[str, ...]) -> pd.DataFrame:
    renamed = []
    for frame, period in zip(periods, ("before", "after"), strict=True):
        renamed.append(
            frame.rename(
                columns={
                    **{column: f"{column}_{period}" for column in RATE_COLUMNS},
                    "suppressed": f"_hidden_{period}",
                    "suppression_reason": f"_reason_{period}",
                }
            )
        )
    keys = list(dims) or ["_all"]
    if not dims:
        renamed = [frame.assign(_all=1) for frame in renamed]
    frame = renamed[0].merge(renamed[1], on=keys, how="outer")
    for period in ("before", "after"):
        frame[f"_hidden_{period}"] = frame[f"_hidden_{period}"].fillna(False).astype(bool)
        frame[f"_reason_{period}"] = frame[f"_reason_{period}"].fillna("").astype("string")
    return frame.reset_index(drop=True)
