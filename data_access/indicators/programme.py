"""How big the programme is: factories, workers, women, provinces, sectors, assessments.

"Participating in a period" means *assessed in the period*: a factory counts when it
has at least one full assessment (initial or annual; follow-up visits do not count)
dated in the period that the filters select (in year Y, when the series is by year;
`participation` declares it, `programme_summary` keeps it summed in advance).
This is the same population every compliance rate rests on, so the size shown beside
a rate is the size behind it. Workers and women
are the factory's recorded headcount (the latest one the programme holds).
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
from sqlalchemy import Engine, distinct, func, select

from data_access.disclosure import Dominance, published_period, suppress
from data_access.filters import Filters
from data_access.indicators.frames import add_labels, counts_as_int, order_rows, share, stamp
from data_access.indicators.participation import participating
from data_access.indicators.programme_summary import FIGURES, summary_counts
from data_access.indicators.query import (
    check_dimensions,
    dimension_columns,
    grouped,
    with_parent_geography,
)
from data_access.refdata import reference
from data_access.scope import Scope, require_known

PROGRAMME_DIMENSIONS: tuple[str, ...] = (
    "year",
    "province",
    "legacy_province",
    "sector",
    "size_band",
)
COUNTS: tuple[str, ...] = ("factories", "workers", "women", "provinces", "sectors", "assessments")
#: The worker figures, hidden where one factory dominates a cell's workforce.
WORKER_DOMINANCE = Dominance("workers", "largest", ("workers", "women", "women_share"))


def programme_size(
    engine: Engine,
    scope: Scope,
    filters: Filters,
    by: str | Sequence[str] | None = None,
    *,
    min_factories: int | None = None,
) -> pd.DataFrame:
    """Participating factories and their workforce, nationally or by one dimension.

    `by` ∈ {None, "year", "province", "legacy_province", "sector", "size_band"} (a tuple
    of them also works). Columns: for each group dimension `<dim>`, `<dim>_name_vi`,
    `<dim>_name_en` (grouping by legacy province adds the current `province` too);
    then `factories` (assessed in the period), `workers`, `women` (their headcounts),
    `women_share` (women ÷ workers), `provinces` and `sectors` (distinct current
    provinces and sectors among them), `assessments` (full assessments in the period),
    `suppressed`, `suppression_reason`. One row per group with at least one factory.
    Compliance-point and cluster filters do not apply (they choose points, not
    factories).
    """
    require_known(scope)
    dims = (by,) if isinstance(by, str) else tuple(by or ())
    dims = with_parent_geography(check_dimensions(dims, PROGRAMME_DIMENSIONS))

    def compute(current: Filters, keys: tuple[str, ...]) -> pd.DataFrame:
        return _programme_counts(engine, current, keys)

    frame = suppress(
        compute,
        scope,
        filters,
        dims,
        engine=engine,
        cache_key="programme_size",
        size="factories",
        hide=(*COUNTS, "women_share"),
        dominance=WORKER_DOMINANCE,
        min_factories=min_factories,
    )
    ref = reference(engine)
    frame = order_rows(add_labels(frame, dims, ref), dims, ref)
    period = published_period(scope, filters, dims, engine)
    return stamp(frame, "programme_size", "programme_size", period, by=dims)


def _programme_counts(engine: Engine, filters: Filters, dims: tuple[str, ...]) -> pd.DataFrame:
    """From the summary table when it can answer exactly, else from the assessments."""
    frame = summary_counts(engine, filters, dims, reference(engine).latest_year)
    if frame is None:
        frame = _counts_from_assessments(engine, filters, dims)
    frame = counts_as_int(frame, (*COUNTS, "largest"))
    frame["women_share"] = share(frame["women"], frame["workers"])
    return frame


def _counts_from_assessments(
    engine: Engine, filters: Filters, dims: tuple[str, ...]
) -> pd.DataFrame:
    """One row per factory (per year when by year) first, so a factory assessed twice
    is counted once and its workers are not added twice; then the GROUP BY."""
    per_factory = participating(filters, per_year="year" in dims)
    groups = dimension_columns(per_factory, dims)
    statement = grouped(
        select(
            *groups,
            func.count().label("factories"),
            func.sum(per_factory.c.workers_total).label("workers"),
            func.sum(per_factory.c.workers_women).label("women"),
            func.max(per_factory.c.workers_total).label("largest"),
            func.count(distinct(per_factory.c.province_code)).label("provinces"),
            func.count(distinct(per_factory.c.sector_code)).label("sectors"),
            func.sum(per_factory.c.assessments).label("assessments"),
        ),
        groups,
    )
    if not dims:
        # Without GROUP BY an empty selection still yields one row of zeros/NULLs;
        # no factory means no row, as for every other group.
        statement = statement.having(func.count() > 0)
    with engine.connect() as connection:
        rows = connection.execute(statement).all()
    return pd.DataFrame(rows, columns=[*dims, *FIGURES])
