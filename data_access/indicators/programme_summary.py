"""The programme size summed over factories in advance (`programme_counts`), and the
fast path of `programme_size` that reads it.

Why: the size of the programme by year joins every full assessment to its factory and
groups them twice on each cache miss; at national scale (50,000 assessments) that is
the slowest figure of the landing page. Summed per year and cell of factory attributes
(sector, province, legacy province, size band), the same figures are a few thousand
rows.

Exactness: built from the very subquery the SQL path uses (`participation`), so every
figure equals the one the SQL path gives (tests compare them on both backends). A
factory's attributes are the same in every year, so each factory lies in exactly one
cell and a group's distinct provinces and sectors are the distinct codes of its cells.
Figures by year, or for one whole year, read the `year` rows. A period of several
whole years read as one (each factory once) reads the factories, workers and largest
workforce from the `latest` rows (a factory has a full assessment on or after 1 January
of the first year exactly when its latest one is) and the assessments from the `year`
rows; that is exact only when the period runs to the end of the data. Any other period
(dates inside a year, several years ending before the data do) returns None and is
computed the long way.

Freshness: rebuilt whole in the transaction of every data-version bump (every import,
the demo data and its removal), stamped with that version and with a fingerprint of
the counting rule; a table whose stamp differs is never read, and start-up rebuilds it.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
from sqlalchemy import (
    Connection,
    Engine,
    case,
    delete,
    distinct,
    func,
    insert,
    literal,
    select,
    text,
)

from data_access.filters import Filters
from data_access.indicators.participation import participating
from data_access.indicators.point_counts import (
    BASIS_LATEST,
    BASIS_YEAR,
    DIMENSION_COLUMNS,
    FILTER_COLUMNS,
    summary_basis,
)
from data_access.indicators.summary_stamp import SummaryStamp
from data_access.models import ProgrammeCount

PROGRAMME_COUNTS = ProgrammeCount.__table__
VERSION_KEY = "programme_counts_version"
CELL: tuple[str, ...] = ("sector_code", "province_code", "legacy_province_code", "size_band")
#: The figures `programme_size` computes per group, in its column names.
FIGURES: tuple[str, ...] = (
    "factories",
    "workers",
    "women",
    "largest",
    "provinces",
    "sectors",
    "assessments",
)
_INSERT_COLUMNS: tuple[str, ...] = (
    "basis",
    "year",
    *CELL,
    "factories",
    "workers",
    "women",
    "largest",
    "assessments",
)
#: Bump when the build's own meaning changes (the counting rule lives in
#: `participation` and is fingerprinted automatically).
BUILD = 1


def refresh_programme_counts(connection: Connection) -> None:
    """Rebuild the whole table and stamp it with the current data version, inside the
    caller's transaction: readers see the old table until the new data and the new
    counts commit together (DELETE, not TRUNCATE, so they are not blocked meanwhile)."""
    connection.execute(delete(PROGRAMME_COUNTS))
    for basis, per_year in ((BASIS_YEAR, True), (BASIS_LATEST, False)):
        source = participating(Filters(), per_year=per_year)
        year = source.c.year if per_year else source.c.latest_year
        cell = [source.c[name] for name in CELL]
        connection.execute(
            insert(PROGRAMME_COUNTS).from_select(
                _INSERT_COLUMNS,
                select(
                    literal(basis),
                    year,
                    *cell,
                    func.count(),
                    func.sum(source.c.workers_total),
                    func.sum(source.c.workers_women),
                    func.max(source.c.workers_total),
                    func.sum(source.c.assessments),
                ).group_by(year, *cell),
            )
        )
    connection.execute(text(f"ANALYZE {PROGRAMME_COUNTS.name}"))
    STAMP.write(connection)


STAMP = SummaryStamp(VERSION_KEY, participating, BUILD)


def is_current(connection: Connection) -> bool:
    """Whether the table was built at the current data version, by the current rule."""
    return STAMP.is_current(connection)


def refresh_if_stale(engine: Engine) -> bool:
    """Rebuild when the table lags the data. True when it rebuilt."""
    return STAMP.refresh_if_stale(engine, refresh_programme_counts)


def summary_counts(
    engine: Engine, filters: Filters, dims: Sequence[str], latest_year: int | None
) -> pd.DataFrame | None:
    """The `FIGURES` per group of `dims`, exactly as the SQL path of `programme_size`
    computes them, or None when the table cannot say (see the module docstring).
    `latest_year` is the last year with any assessment."""
    basis = summary_basis(filters, "year" in dims, latest_year)
    if basis is None:
        return None
    basis_name, first, last = basis
    c = PROGRAMME_COUNTS
    conditions = []
    if first is not None:
        conditions.append(c.c.year >= first)
    if last is not None:
        conditions.append(c.c.year <= last)
    for field, column in FILTER_COLUMNS.items():
        codes = getattr(filters, field)
        if codes:
            conditions.append(c.c[column].in_(codes))
    # Several years as one: each factory once, from its `latest` row; its assessments
    # from the `year` rows.
    latest = c.c.basis == BASIS_LATEST if basis_name == BASIS_LATEST else None
    if latest is None:
        conditions.append(c.c.basis == BASIS_YEAR)

    def people(column):
        return column if latest is None else case((latest, column))

    def visits(column):
        return column if latest is None else case((~latest, column))

    groups = [c.c[DIMENSION_COLUMNS[dim]].label(dim) for dim in dims]
    statement = select(
        *groups,
        func.sum(people(c.c.factories)).label("factories"),
        func.sum(people(c.c.workers)).label("workers"),
        func.sum(people(c.c.women)).label("women"),
        func.max(people(c.c.largest)).label("largest"),
        func.count(distinct(people(c.c.province_code))).label("provinces"),
        func.count(distinct(people(c.c.sector_code))).label("sectors"),
        func.sum(visits(c.c.assessments)).label("assessments"),
    ).where(*conditions)
    if groups:
        statement = statement.group_by(*groups)
    with engine.connect() as connection:
        if not is_current(connection):
            return None
        rows = connection.execute(statement).all()
    frame = pd.DataFrame(rows, columns=[*dims, *FIGURES])
    # Without GROUP BY an empty selection still yields one row of NULLs.
    frame = frame[frame["factories"].notna() & (frame["factories"] > 0)]
    return frame.reset_index(drop=True)
