"""Non-compliance counts summed over factories in advance (`point_counts`), and the fast
path of `non_compliance` that reads them.

Why: a rate by year and point over ten years of national data joins some 50,000 counted
assessments to 1.9 million compliance-point results and groups them twice — seconds
on every cache miss. Summed per (year, sector, province, legacy province, size band,
point/cluster/all), the same figures are a few thousand rows, read in milliseconds.

Exactness: the table is built from the very subquery the SQL path uses
(`counted_assessments`: each factory's latest assessment, per calendar year or of
all), with the same any-question rule per cluster and for "all points", so every
figure it gives is the figure the SQL path would give (tests compare the two on
both backends). A request it cannot answer exactly — a period that is not whole
years, a multi-year period ending before the data does, a point filter on a cluster
rate, the same-factories comparison — returns None and is computed the long way.

Freshness: rebuilt whole in the transaction of every data-version bump, which every
import already makes, and stamped with that version; a table whose stamp differs
from the current data version (a database migrated but not yet rebuilt, a change
made behind the app's back) is never read.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
from sqlalchemy import (
    BigInteger,
    Column,
    Connection,
    Engine,
    Integer,
    MetaData,
    String,
    Table,
    case,
    delete,
    func,
    insert,
    literal,
    null,
    select,
    text,
)

from data_access.filters import Filters
from data_access.indicators.query import POINT_RESULTS, POINTS, counted_assessments
from data_access.indicators.summary_stamp import SummaryStamp
from data_access.models import PointCount

POINT_COUNTS = PointCount.__table__
VERSION_KEY = "point_counts_version"

BASIS_YEAR = "year"
BASIS_LATEST = "latest"
LEVEL_POINT = "point"
LEVEL_CLUSTER = "cluster"
LEVEL_ALL = "all"
ALL_POINTS = "*"

#: The columns that carry a factory's attributes, in the table and in `counted`.
ATTRIBUTES: tuple[str, ...] = (
    "year",
    "sector_code",
    "province_code",
    "legacy_province_code",
    "size_band",
)
#: Indicator dimension → column of `point_counts`.
DIMENSION_COLUMNS: dict[str, str] = {
    "year": "year",
    "sector": "sector_code",
    "province": "province_code",
    "legacy_province": "legacy_province_code",
    "size_band": "size_band",
}
#: Filter field → column of `point_counts`.
FILTER_COLUMNS: dict[str, str] = {
    "sectors": "sector_code",
    "provinces": "province_code",
    "legacy_provinces": "legacy_province_code",
    "size_bands": "size_band",
}
_INSERT_COLUMNS: tuple[str, ...] = (
    "basis",
    *ATTRIBUTES,
    "level",
    "unit_code",
    "cluster_code",
    "assessed",
    "non_compliant",
)


# --- building -----------------------------------------------------------------------

#: Points one 64-bit mask holds (the sign bit stays clear on both backends).
MASK_BITS = 62


def refresh_point_counts(connection: Connection) -> None:
    """Rebuild the whole table from `assessment_point_results` and stamp it with the
    current data version. Runs inside the caller's transaction (an import's), so
    readers see the old table until the new data and the new counts commit together."""
    connection.execute(delete(POINT_COUNTS))
    points = connection.execute(
        select(POINTS.c.code, POINTS.c.cluster_code).order_by(POINTS.c.code)
    ).all()
    bases = ((BASIS_YEAR, True), (BASIS_LATEST, False))
    if len(points) <= MASK_BITS:
        build = _MaskBuild(connection, points)
        try:
            for basis, per_year in bases:
                build.insert(basis, counted_assessments(Filters(), per_year=per_year))
        finally:
            build.drop()
    else:
        for basis, per_year in bases:
            counted = counted_assessments(Filters(), per_year=per_year)
            for statement in _grouping_statements(basis, counted):
                connection.execute(insert(POINT_COUNTS).from_select(_INSERT_COLUMNS, statement))
    # Fresh statistics, or PostgreSQL plans for the handful of rows it last counted
    # (and sorts on disk). Not TRUNCATE above: its lock would stall every reader until
    # the import commits; DELETE leaves them reading the old counts meanwhile.
    connection.execute(text(f"ANALYZE {POINT_COUNTS.name}"))
    STAMP.write(connection)


class _MaskBuild:
    """The fast build.

    Grouping 1.9 million point results by factory attributes and point means sorting
    them all (SQLite has no hash aggregation): tens of seconds. Instead each
    assessment's results are folded into two bit masks (its non-compliant points, its
    assessed points) by a GROUP BY in primary-key order, which needs no sort; the
    counts per cell of factory attributes are then bit tests on one row per counted
    assessment, summed into one wide row per cell and unfolded into `point_counts`
    by one small INSERT per unit. Temporary tables, dropped at the end."""

    def __init__(self, connection: Connection, points: Sequence[tuple[str, str]]) -> None:
        self.connection = connection
        #: (level, unit code, cluster code, mask of its points)
        self.units: list[tuple[str, str, str | None, int]] = [
            (LEVEL_POINT, code, cluster, 1 << bit) for bit, (code, cluster) in enumerate(points)
        ]
        clusters: dict[str, int] = {}
        for bit, (_code, cluster) in enumerate(points):
            clusters[cluster] = clusters.get(cluster, 0) | (1 << bit)
        self.units += [(LEVEL_CLUSTER, code, code, mask) for code, mask in sorted(clusters.items())]
        self.units.append((LEVEL_ALL, ALL_POINTS, None, (1 << len(points)) - 1))
        self.metadata = MetaData()
        self.bits = Table(
            "tmp_point_count_bits",
            self.metadata,
            Column("cp_code", String(12), primary_key=True),
            Column("bit_value", BigInteger, nullable=False),
            prefixes=["TEMPORARY"],
        )
        self.masks = Table(
            "tmp_point_count_masks",
            self.metadata,
            Column("assessment_id", Integer, primary_key=True, autoincrement=False),
            Column("nc_mask", BigInteger, nullable=False),
            Column("seen_mask", BigInteger, nullable=False),
            prefixes=["TEMPORARY"],
        )
        self.wide = Table(
            "tmp_point_count_cells",
            self.metadata,
            Column("year", Integer),
            Column("sector_code", String(30)),
            Column("province_code", String(2)),
            Column("legacy_province_code", String(2)),
            Column("size_band", String(12)),
            *[
                Column(f"{kind}_{index}", Integer)
                for index in range(len(self.units))
                for kind in ("a", "n")
            ],
            prefixes=["TEMPORARY"],
        )
        self.metadata.create_all(connection)
        connection.execute(
            insert(self.bits),
            [{"cp_code": code, "bit_value": 1 << bit} for bit, (code, _) in enumerate(points)],
        )
        # Without statistics PostgreSQL guesses the 38-row table is large and hashes the
        # million-row side instead.
        connection.execute(text(f"ANALYZE {self.bits.name}"))
        r, b = POINT_RESULTS.alias("r"), self.bits
        connection.execute(
            insert(self.masks).from_select(
                ["assessment_id", "nc_mask", "seen_mask"],
                select(
                    r.c.assessment_id,
                    func.sum(case((r.c.non_compliant, b.c.bit_value), else_=0)),
                    func.sum(b.c.bit_value),
                )
                .select_from(r.join(b, b.c.cp_code == r.c.cp_code))
                .group_by(r.c.assessment_id),
            )
        )
        connection.execute(text(f"ANALYZE {self.masks.name}"))

    def insert(self, basis: str, counted) -> None:
        m = self.masks

        def hits(column, mask: int):
            return func.sum(case((column.op("&")(literal(mask, BigInteger)) != 0, 1), else_=0))

        attrs = [counted.c[name] for name in ATTRIBUTES]
        sums = [
            hits(column, mask)
            for *_unit, mask in self.units
            for column in (m.c.seen_mask, m.c.nc_mask)
        ]
        self.connection.execute(delete(self.wide))
        self.connection.execute(
            insert(self.wide).from_select(
                [column.name for column in self.wide.c],
                select(*attrs, *sums)
                .select_from(counted.join(m, m.c.assessment_id == counted.c.assessment_id))
                .group_by(*attrs),
            )
        )
        w = self.wide
        for index, (level, code, cluster, _mask) in enumerate(self.units):
            assessed, non_compliant = w.c[f"a_{index}"], w.c[f"n_{index}"]
            self.connection.execute(
                insert(POINT_COUNTS).from_select(
                    _INSERT_COLUMNS,
                    select(
                        literal(basis),
                        *[w.c[name] for name in ATTRIBUTES],
                        literal(level),
                        literal(code),
                        literal(cluster, String) if cluster is not None else null(),
                        assessed,
                        non_compliant,
                    ).where(assessed > 0),
                )
            )

    def drop(self) -> None:
        self.metadata.drop_all(self.connection)


def _grouping_statements(basis: str, counted) -> list:
    """The plain build, for taxonomies with more points than a mask holds."""
    r, p = POINT_RESULTS.alias("r"), POINTS.alias("p")
    attrs = [counted.c[name] for name in ATTRIBUTES]
    flagged = case((r.c.non_compliant, 1), else_=0)
    source = counted.join(r, r.c.assessment_id == counted.c.assessment_id).join(
        p, p.c.code == r.c.cp_code
    )
    points = (
        select(
            literal(basis),
            *attrs,
            literal(LEVEL_POINT),
            r.c.cp_code,
            p.c.cluster_code,
            func.count(),
            func.sum(flagged),
        )
        .select_from(source)
        .group_by(*attrs, r.c.cp_code, p.c.cluster_code)
    )
    # A cluster (or the whole set of points) is non-compliant when any point in it is:
    # decided per assessment first, then counted.
    per_cluster = (
        select(counted.c.assessment_id, *attrs, p.c.cluster_code, func.max(flagged).label("nc"))
        .select_from(source)
        .group_by(counted.c.assessment_id, *attrs, p.c.cluster_code)
        .subquery("per_cluster")
    )
    cluster_attrs = [per_cluster.c[name] for name in ATTRIBUTES]
    clusters = select(
        literal(basis),
        *cluster_attrs,
        literal(LEVEL_CLUSTER),
        per_cluster.c.cluster_code,
        per_cluster.c.cluster_code,
        func.count(),
        func.sum(per_cluster.c.nc),
    ).group_by(*cluster_attrs, per_cluster.c.cluster_code)
    per_assessment = (
        select(counted.c.assessment_id, *attrs, func.max(flagged).label("nc"))
        .select_from(source)
        .group_by(counted.c.assessment_id, *attrs)
        .subquery("per_assessment")
    )
    all_attrs = [per_assessment.c[name] for name in ATTRIBUTES]
    everything = select(
        literal(basis),
        *all_attrs,
        literal(LEVEL_ALL),
        literal(ALL_POINTS),
        null(),
        func.count(),
        func.sum(per_assessment.c.nc),
    ).group_by(*all_attrs)
    return [points, clusters, everything]


#: Bump when the build's own meaning changes (the counting rule lives in
#: `counted_assessments` and is fingerprinted automatically).
BUILD = 1


STAMP = SummaryStamp(VERSION_KEY, counted_assessments, BUILD)


def is_current(connection: Connection) -> bool:
    """Whether the table was built at the current data version, by the current rule."""
    return STAMP.is_current(connection)


def refresh_if_stale(engine: Engine) -> bool:
    """Rebuild when the table lags the data. True when it rebuilt."""
    return STAMP.refresh_if_stale(engine, refresh_point_counts)


# --- reading ------------------------------------------------------------------------


def _whole_years(filters: Filters) -> tuple[int | None, int | None] | None:
    """The period as (first year, last year), None bounds open; None when a bound falls
    inside a year (the table only knows whole years)."""
    start, end = filters.period_start, filters.period_end
    if start is not None and (start.month, start.day) != (1, 1):
        return None
    if end is not None and (end.month, end.day) != (12, 31):
        return None
    return (start.year if start else None, end.year if end else None)


def summary_basis(
    filters: Filters, per_year: bool, latest_year: int | None
) -> tuple[str, int | None, int | None] | None:
    """(basis, first year, last year) of the summary rows that answer `filters`
    exactly, or None (the period is not whole years, or spans several years that end
    before the data do). Shared by every summary kept per year and per latest year."""
    years = _whole_years(filters)
    if years is None:
        return None
    first, last = years
    if per_year or (first is not None and first == last):
        return BASIS_YEAR, first, last
    # One assessment per factory over a period of several years: its latest of all,
    # which is the latest in the period only if the period runs to the end of the data.
    if last is None or (latest_year is not None and last >= latest_year):
        return BASIS_LATEST, first, None
    return None


def _level_and_units(
    filters: Filters, dims: Sequence[str]
) -> tuple[str, str, tuple[str, ...]] | None:
    """(level, the column the unit filter applies to, the unit codes) or None."""
    if "compliance_point" in dims:
        return LEVEL_POINT, "unit_code", filters.compliance_points
    if filters.compliance_points:
        return None  # "any of these points" is not a stored unit
    if "cluster" in dims:
        return LEVEL_CLUSTER, "unit_code", filters.clusters
    if not filters.clusters:
        return LEVEL_ALL, "unit_code", ()
    if len(filters.clusters) == 1:
        return LEVEL_CLUSTER, "unit_code", filters.clusters
    return None


def grouped_counts(
    engine: Engine, filters: Filters, dims: Sequence[str], latest_year: int | None
) -> pd.DataFrame | None:
    """`non_compliant` and `assessed` per group of `dims`, exactly as the SQL path of
    `non_compliance` computes them, or None when the table cannot say (see module doc).
    `latest_year` is the last year with any assessment."""
    basis = summary_basis(filters, "year" in dims, latest_year)
    level = _level_and_units(filters, dims)
    if basis is None or level is None:
        return None
    basis_name, first, last = basis
    level_name, unit_column, units = level
    c = POINT_COUNTS
    conditions = [c.c.basis == basis_name, c.c.level == level_name]
    if first is not None:
        conditions.append(c.c.year >= first)
    if last is not None:
        conditions.append(c.c.year <= last)
    if units:
        conditions.append(c.c[unit_column].in_(units))
    if level_name == LEVEL_POINT and filters.clusters:
        conditions.append(c.c.cluster_code.in_(filters.clusters))
    for field, column in FILTER_COLUMNS.items():
        codes = getattr(filters, field)
        if codes:
            conditions.append(c.c[column].in_(codes))
    groups = []
    for dim in dims:
        if dim in DIMENSION_COLUMNS:
            groups.append(c.c[DIMENSION_COLUMNS[dim]].label(dim))
        elif dim == "compliance_point" or (dim == "cluster" and "compliance_point" not in dims):
            groups.append(c.c.unit_code.label(dim))
    statement = select(
        *groups,
        func.sum(c.c.non_compliant).label("non_compliant"),
        func.sum(c.c.assessed).label("assessed"),
    ).where(*conditions)
    if groups:
        statement = statement.group_by(*groups)
    with engine.connect() as connection:
        if not is_current(connection):
            return None
        rows = connection.execute(statement).mappings().all()
    frame = pd.DataFrame(rows, columns=[*(g.name for g in groups), "non_compliant", "assessed"])
    frame = frame[frame["assessed"].notna() & (frame["assessed"] > 0)]
    return frame.reset_index(drop=True)
