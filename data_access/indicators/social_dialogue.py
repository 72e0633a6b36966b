"""Social dialogue in participating factories, and the Freedom of Association and
Collective Bargaining cluster's non-compliance.

Method (key `social_dialogue`): each factory's latest social-dialogue record in the
period — the record of its latest assessment in the period that gathered one (a
follow-up visit without a record does not hide the annual one). Every measure is a
share with its numerator and denominator, so the frame is long: one row per group
and measure.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import numpy as np
import pandas as pd
from sqlalchemy import Engine, and_, case, func, select

from data_access.config import settings
from data_access.disclosure import Dominance, published_period, suppress
from data_access.filters import Filters
from data_access.i18n import t
from data_access.indicators.compliance import non_compliance
from data_access.indicators.frames import add_labels, counts_as_int, order_rows, share, stamp
from data_access.indicators.query import (
    SOCIAL_DIALOGUE,
    check_dimensions,
    counted_assessments,
    dimension_columns,
    grouped,
    with_parent_geography,
)
from data_access.refdata import Reference, reference
from data_access.scope import Scope, require_known

SOCIAL_DIALOGUE_DIMENSIONS: tuple[str, ...] = (
    "year",
    "province",
    "legacy_province",
    "sector",
    "size_band",
)
FA_CLUSTER = "FA"

#: measure → (numerator sum, denominator sum, the factories it rests on, unit).
MEASURES: dict[str, tuple[str, str, str, str]] = {
    "union_present": ("union", "factories", "factories", "factories"),
    "union_leaders_freely_elected": ("freely_elected", "factories", "factories", "factories"),
    "cba_in_force": ("cba", "factories", "factories", "factories"),
    "cba_workers_covered": ("cba_workers", "workers", "factories", "workers"),
    "picc_functioning": ("picc_functioning", "factories", "factories", "factories"),
    "picc_women_share": ("picc_women", "picc_members", "picc_factories", "members"),
    "workforce_women_share": ("women", "workers", "factories", "workers"),
    "grievance_mechanism": ("grievance", "factories", "factories", "factories"),
    "work_stoppage": ("stoppage", "factories", "factories", "factories"),
}
LONG_COLUMNS: tuple[str, ...] = (
    "measure",
    "numerator",
    "denominator",
    "value",
    "factories",
    "unit",
)


def social_dialogue(
    engine: Engine,
    scope: Scope,
    filters: Filters,
    by: str | Sequence[str] | None = None,
    *,
    picc_min_meetings: int | None = None,
    min_factories: int | None = None,
) -> pd.DataFrame:
    """Social-dialogue shares, nationally or by year/province/legacy province/sector/size.

    One row per group and `measure`:
    - `union_present`: factories with a union ÷ factories with a record;
    - `union_leaders_freely_elected`: factories whose union leaders were freely elected
      ÷ factories with a record;
    - `cba_in_force`: factories with a collective agreement in force ÷ factories;
    - `cba_workers_covered`: workers covered by a collective agreement ÷ workers;
    - `picc_functioning`: factories whose bipartite committee (PICC) exists and met at
      least `picc_min_meetings` times in 12 months (settings, default 6) ÷ factories;
    - `picc_women_share`: women committee members ÷ committee members (factories with a
      PICC); compare with
    - `workforce_women_share`: women workers ÷ workers;
    - `grievance_mechanism`: factories with a grievance mechanism ÷ factories;
    - `work_stoppage`: factories with any work stoppage in 12 months ÷ factories.
    Columns: group columns and labels, `measure`, `measure_name_vi`, `measure_name_en`,
    `numerator`, `denominator`, `value` (0..1), `factories` (the factories the cell
    rests on), `unit` (what numerator and denominator count: factories, workers or
    members), `suppressed`, `suppression_reason`. `attrs["picc_min_meetings"]` records
    the threshold used.
    """
    require_known(scope)
    dims = (by,) if isinstance(by, str) else tuple(by or ())
    dims = with_parent_geography(check_dimensions(dims, SOCIAL_DIALOGUE_DIMENSIONS))
    meetings = settings().picc_min_meetings if picc_min_meetings is None else picc_min_meetings

    def compute(current: Filters, keys: tuple[str, ...]) -> pd.DataFrame:
        group_keys = tuple(key for key in keys if key != "measure")
        return _long(_sums(engine, current, group_keys, meetings), group_keys)

    frame = suppress(
        compute,
        scope,
        filters,
        (*dims, "measure"),
        engine=engine,
        cache_key=("social_dialogue", meetings),
        size="factories",
        hide=("numerator", "denominator", "value", "factories"),
        dominance=Dominance("denominator", "largest"),
        min_factories=min_factories,
    )
    ref = reference(engine)
    frame = _label_measures(add_labels(frame, dims, ref))
    frame = _order(frame, dims, ref)
    return stamp(
        frame,
        "social_dialogue",
        "social_dialogue",
        published_period(scope, filters, dims, engine),
        by=dims,
        picc_min_meetings=meetings,
    )


def _sums(engine: Engine, filters: Filters, dims: tuple[str, ...], meetings: int) -> pd.DataFrame:
    counted = counted_assessments(filters, per_year="year" in dims, with_social_dialogue=True)
    sd = SOCIAL_DIALOGUE.alias("sd")
    groups = dimension_columns(counted, dims)

    def count_if(condition: object) -> object:
        return func.sum(case((condition, 1), else_=0))

    covered = case(
        (sd.c.cba_workers_covered > counted.c.workers_total, counted.c.workers_total),
        else_=sd.c.cba_workers_covered,
    )
    statement = grouped(
        select(
            *groups,
            func.count().label("factories"),
            func.sum(counted.c.workers_total).label("workers"),
            func.sum(counted.c.workers_women).label("women"),
            func.max(counted.c.workers_total).label("largest"),
            count_if(sd.c.union_present).label("union"),
            count_if(sd.c.union_leaders_freely_elected).label("freely_elected"),
            count_if(sd.c.cba_in_force).label("cba"),
            func.sum(case((sd.c.cba_in_force, covered), else_=0)).label("cba_workers"),
            count_if(sd.c.picc_present).label("picc_factories"),
            count_if(and_(sd.c.picc_present, sd.c.picc_meetings_12m >= meetings)).label(
                "picc_functioning"
            ),
            func.sum(case((sd.c.picc_present, sd.c.picc_members), else_=0)).label("picc_members"),
            func.sum(case((sd.c.picc_present, sd.c.picc_women_members), else_=0)).label(
                "picc_women"
            ),
            count_if(sd.c.grievance_mechanism).label("grievance"),
            count_if(sd.c.work_stoppages_12m > 0).label("stoppage"),
        ).select_from(counted.join(sd, sd.c.assessment_id == counted.c.assessment_id)),
        groups,
    )
    if not groups:
        statement = statement.having(func.count() > 0)
    with engine.connect() as connection:
        frame = pd.DataFrame(connection.execute(statement).mappings().all())
    sums = sorted({name for spec in MEASURES.values() for name in spec[:3]} | {"largest"})
    if frame.empty:
        frame = pd.DataFrame(columns=[*dims, *sums])
    return counts_as_int(frame, sums)


def _long(sums: pd.DataFrame, dims: tuple[str, ...]) -> pd.DataFrame:
    """One row per group and measure, built column-wise (a concat of nine frames costs
    more than the query)."""
    count = len(sums)

    def stacked(position: int) -> pd.Series:
        values = [
            sums[spec[position]].to_numpy(dtype="float64", na_value=np.nan)
            for spec in MEASURES.values()
        ]
        return pd.Series(np.concatenate(values) if values else [], dtype="float64")

    frame = pd.DataFrame(
        {dim: np.tile(sums[dim].to_numpy(dtype=object), len(MEASURES)) for dim in dims}
    )
    frame["measure"] = pd.Series(np.repeat(list(MEASURES), count), dtype="string")
    frame["numerator"] = stacked(0).round().astype("Int64")
    frame["denominator"] = stacked(1).round().astype("Int64")
    frame["value"] = share(frame["numerator"], frame["denominator"])
    frame["factories"] = stacked(2).round().astype("Int64")
    units = [spec[3] for spec in MEASURES.values()]
    frame["unit"] = pd.Series(np.repeat(units, count), dtype="string")
    # The largest factory's workers, for the dominance rule on measures of workers only.
    largest = sums["largest"].to_numpy(dtype="float64", na_value=np.nan)
    frame["largest"] = np.concatenate(
        [largest if unit == "workers" else np.full(count, np.nan) for unit in units]
    )
    return frame[[*dims, *LONG_COLUMNS, "largest"]]


def _label_measures(frame: pd.DataFrame) -> pd.DataFrame:
    for lang in ("vi", "en"):
        frame[f"measure_name_{lang}"] = pd.Series(
            [t(f"indicators.measure.{measure}", lang) for measure in frame["measure"]],
            index=frame.index,
            dtype="string",
        )
    return frame


def _order(frame: pd.DataFrame, dims: tuple[str, ...], ref: Reference) -> pd.DataFrame:
    """Groups in reference order, measures in the order of `MEASURES` within a group."""
    order = {measure: position for position, measure in enumerate(MEASURES)}
    frame = frame.assign(_measure=frame["measure"].map(order)).sort_values(
        "_measure", kind="stable"
    )
    frame = order_rows(frame.reset_index(drop=True), dims, ref)
    return frame.drop(columns="_measure")


def fa_cb_non_compliance(
    engine: Engine,
    scope: Scope,
    filters: Filters,
    *,
    min_factories: int | None = None,
) -> pd.DataFrame:
    """Non-compliance in the Freedom of Association and Collective Bargaining cluster
    ("FA") and each of its points, by year, with the `non_compliance` method.

    Columns: `year`, `level` ("cluster" or "compliance_point"), `code`, `name_vi`,
    `name_en`, `non_compliant`, `assessed`, `rate`, `suppressed`,
    `suppression_reason`; per year the cluster row first, then its points in taxonomy
    order. A compliance-point filter narrows the point rows; the cluster row always
    counts every point of the cluster (a cluster rate means "any of its points").
    """
    require_known(scope)
    cluster = non_compliance(
        engine,
        scope,
        replace(filters, clusters=(FA_CLUSTER,), compliance_points=()),
        by=("year", "cluster"),
        min_factories=min_factories,
    )
    points = non_compliance(
        engine,
        scope,
        replace(filters, clusters=(FA_CLUSTER,)),
        by=("year", "compliance_point"),
        min_factories=min_factories,
    )
    rows = []
    for level, part in (("cluster", cluster), ("compliance_point", points)):
        rows.append(
            pd.DataFrame(
                {
                    "year": part["year"],
                    "level": pd.Series(level, index=part.index, dtype="string"),
                    "code": part[level],
                    "name_vi": part[f"{level}_name_vi"],
                    "name_en": part[f"{level}_name_en"],
                    "non_compliant": part["non_compliant"],
                    "assessed": part["assessed"],
                    "rate": part["rate"],
                    "suppressed": part["suppressed"],
                    "suppression_reason": part["suppression_reason"],
                    "_order": 0 if level == "cluster" else 1,
                }
            )
        )
    frame = pd.concat(rows, ignore_index=True)
    frame = frame.sort_values(["year", "_order"], kind="stable").drop(columns="_order")
    period = published_period(scope, filters, ("year",), engine)
    return stamp(frame.reset_index(drop=True), "fa_cb_non_compliance", "non_compliance", period)
