"""The baseline and the floor the real data functions are judged against.

*Naive*: what a quick dashboard does — read every question-level finding into pandas
(with its question, assessment and factory) and group there, on every rerun.
*Floor*: the main aggregate as one hand-written SQL statement over the summary table,
fetched with a bare cursor: no pandas, no labels, no disclosure control. The data
function's time divided by the floor is its overhead; the naive time divided by the
data function's is what the design buys.

Both follow Better Work's method exactly as `data_access.indicators.compliance` does
(each factory counted once, on its latest assessment in the period, per year for a
series; a point non-compliant if any counted question is; fact-gathering questions
ignored; renamed points under their current code), and `check_agreement` proves the
three give the same numbers, so the comparison is between equals.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import Engine, text

#: The naive load: one wide frame, every finding with everything it could be grouped by.
NAIVE_SQL = """
SELECT f.assessment_id, f.question_code, f.non_compliant,
       q.cp_code, q.fact_gathering,
       a.factory_id, a.assessed_on,
       fa.sector_code, fa.province_code, fa.size_band
FROM findings f
JOIN questions q ON q.code = f.question_code
JOIN assessments a ON a.id = f.assessment_id
JOIN factories fa ON fa.id = a.factory_id
"""

_FLOOR_SQL = """
WITH ranked AS (
    SELECT a.id, {year_select}
           ROW_NUMBER() OVER (PARTITION BY a.factory_id{year_partition}
                              ORDER BY a.assessed_on DESC, a.id DESC) AS rn
    FROM assessments a
)
SELECT {year_group}r.cp_code,
       SUM(CASE WHEN r.non_compliant THEN 1 ELSE 0 END) AS non_compliant,
       COUNT(*) AS assessed
FROM ranked k
JOIN assessment_point_results r ON r.assessment_id = k.id
WHERE k.rn = 1
GROUP BY {year_group}r.cp_code
"""


@dataclass(frozen=True)
class Aggregate:
    """One figure the bench computes three ways."""

    key: str
    by: tuple[str, ...]  # ("compliance_point",) or ("year", "compliance_point")

    @property
    def per_year(self) -> bool:
        return "year" in self.by


AGGREGATES: tuple[Aggregate, ...] = (
    Aggregate("non-compliance by point", ("compliance_point",)),
    Aggregate("non-compliance by year × point", ("year", "compliance_point")),
)


def floor_sql(aggregate: Aggregate, dialect: str) -> str:
    year = (
        "CAST(strftime('%Y', a.assessed_on) AS INTEGER)"
        if dialect == "sqlite"
        else "CAST(EXTRACT(YEAR FROM a.assessed_on) AS INTEGER)"
    )
    if aggregate.per_year:
        return _FLOOR_SQL.format(
            year_select=f"{year} AS year,", year_partition=f", {year}", year_group="k.year, "
        )
    return _FLOOR_SQL.format(year_select="", year_partition="", year_group="")


def summary_floor_sql(aggregate: Aggregate) -> str:
    """The same aggregate read from `point_counts`, the summary the function now uses:
    the floor of the current design (the function's time above it is Python)."""
    basis = "year" if aggregate.per_year else "latest"
    keys = "year, unit_code" if aggregate.per_year else "unit_code"
    return (
        f"SELECT {keys}, SUM(non_compliant), SUM(assessed) FROM point_counts "
        f"WHERE basis = '{basis}' AND level = 'point' GROUP BY {keys}"
    )


def run_floor(
    engine: Engine, aggregate: Aggregate, *, summary: bool = False
) -> tuple[float, list[tuple]]:
    """Seconds and rows of the hand-written aggregate on a raw DB-API cursor, over the
    point results or (`summary`) over `point_counts`."""
    sql = summary_floor_sql(aggregate) if summary else floor_sql(aggregate, engine.dialect.name)
    connection = engine.raw_connection()
    try:
        cursor = connection.cursor()
        started = time.perf_counter()
        cursor.execute(sql)
        rows = cursor.fetchall()
        seconds = time.perf_counter() - started
        cursor.close()
    finally:
        connection.close()
    return seconds, [tuple(row) for row in rows]


def load_findings(engine: Engine) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Every finding in one frame, as `pd.read_sql` gives it to a quick dashboard, and the
    assessments (an assessment's latest visit may have recorded no counted finding)."""
    with engine.connect() as connection:
        frame = pd.read_sql(text(NAIVE_SQL), connection)
        assessments = pd.read_sql(
            text("SELECT id AS assessment_id, factory_id, assessed_on FROM assessments"),
            connection,
        )
    for table in (frame, assessments):
        table["assessed_on"] = pd.to_datetime(table["assessed_on"])
    frame["non_compliant"] = frame["non_compliant"].astype(bool)
    frame["fact_gathering"] = frame["fact_gathering"].astype(bool)
    return frame, assessments


def _current_codes(engine: Engine) -> Callable[[pd.Series], pd.Series]:
    """The renamed-point mapping a naive dashboard has to apply itself."""
    with engine.connect() as connection:
        mapping = pd.read_sql(
            text("SELECT old_code, new_code FROM code_mappings WHERE level = 'compliance_point'"),
            connection,
        )
    renamed = dict(zip(mapping["old_code"], mapping["new_code"], strict=True))

    def apply(codes: pd.Series) -> pd.Series:
        return codes.map(lambda code: renamed.get(code, code)) if renamed else codes

    return apply


def naive_aggregate(
    findings: pd.DataFrame,
    assessments: pd.DataFrame,
    aggregate: Aggregate,
    current_codes: Callable[[pd.Series], pd.Series],
) -> pd.DataFrame:
    """The aggregate from the wide frame, entirely in pandas."""
    counted = findings[~findings["fact_gathering"]].copy()
    counted["cp_code"] = current_codes(counted["cp_code"])
    counted = counted[counted["cp_code"].notna()]
    counted["year"] = counted["assessed_on"].dt.year
    per_point = (
        counted.groupby(["assessment_id", "year", "cp_code"], observed=True)["non_compliant"]
        .any()
        .reset_index()
    )
    assessments = assessments.assign(year=assessments["assessed_on"].dt.year)
    partition = ["factory_id", "year"] if aggregate.per_year else ["factory_id"]
    latest = assessments.sort_values(
        [*partition, "assessed_on", "assessment_id"], ascending=True
    ).drop_duplicates(partition, keep="last")["assessment_id"]
    chosen = per_point[per_point["assessment_id"].isin(latest)]
    keys = ["year", "cp_code"] if aggregate.per_year else ["cp_code"]
    result = chosen.groupby(keys, observed=True)["non_compliant"].agg(["sum", "count"])
    result = result.reset_index().rename(columns={"sum": "non_compliant", "count": "assessed"})
    return result.rename(columns={"cp_code": "compliance_point"})


@dataclass
class NaiveRun:
    load_seconds: float
    rows_loaded: int
    group_seconds: dict[str, float]
    results: dict[str, pd.DataFrame]


def run_naive(engine: Engine) -> NaiveRun:
    """Load once (timed), then group for each aggregate (timed separately): a naive
    dashboard pays the load on every rerun, so its time per figure is load + group."""
    current_codes = _current_codes(engine)
    started = time.perf_counter()
    findings, assessments = load_findings(engine)
    load_seconds = time.perf_counter() - started
    group_seconds: dict[str, float] = {}
    results: dict[str, pd.DataFrame] = {}
    for aggregate in AGGREGATES:
        started = time.perf_counter()
        results[aggregate.key] = naive_aggregate(findings, assessments, aggregate, current_codes)
        group_seconds[aggregate.key] = time.perf_counter() - started
    rows = len(findings)
    del findings, assessments
    return NaiveRun(load_seconds, rows, group_seconds, results)


def as_counts(frame: pd.DataFrame, aggregate: Aggregate) -> dict[tuple, tuple[int, int]]:
    """{group key: (non_compliant, assessed)} from any of the three sources."""
    keys = list(aggregate.by)
    return {
        tuple(
            int(value) if name == "year" else str(value)
            for name, value in zip(keys, row[: len(keys)], strict=True)
        ): (int(row[len(keys)]), int(row[len(keys) + 1]))
        for row in frame[[*keys, "non_compliant", "assessed"]].itertuples(index=False)
    }


def floor_counts(rows: list[tuple], aggregate: Aggregate) -> dict[tuple, tuple[int, int]]:
    width = len(aggregate.by)
    return {
        tuple(
            int(v) if i == 0 and aggregate.per_year else str(v) for i, v in enumerate(row[:width])
        ): (int(row[width]), int(row[width + 1]))
        for row in rows
    }


def check_agreement(
    name: str, expected: dict[tuple, tuple[int, int]], actual: dict[tuple, tuple[int, int]]
) -> str:
    """ "same" or a short description of the first difference: a comparison of speed
    between computations that disagree would be worthless, so the table says so."""
    if expected == actual:
        return "same"
    missing = sorted(set(expected) ^ set(actual))
    if missing:
        return f"{name}: groups differ, e.g. {missing[0]}"
    key = next(k for k in sorted(expected) if expected[k] != actual[k])
    return f"{name}: {key} {expected[key]} vs {actual[key]}"
