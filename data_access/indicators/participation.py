"""Which factories take part in the programme in a period, one row per factory (per
factory and year for a series by year): the population `programme_size` counts,
declared once for the query that computes it from the assessments and for the summary
table (`programme_summary`) that keeps it summed in advance.

A factory takes part when it has at least one full assessment (`COUNTED_TYPES`) dated
in the period that the filters select; it is counted once however many it had, so its
workers are never added twice.
"""

from __future__ import annotations

from sqlalchemy import Subquery, func, select

from data_access.filters import Filters
from data_access.indicators.query import ASSESSMENTS, COUNTED_TYPES, FACTORIES, year_of


def participating(filters: Filters, *, per_year: bool) -> Subquery:
    """Columns: factory_id, sector_code, province_code, legacy_province_code, size_band,
    workers_total, workers_women, `year` when `per_year`, `assessments` (its full
    assessments in the period, or in that year), `latest_year` (the year of its latest
    one)."""
    a, f = ASSESSMENTS.alias("a"), FACTORIES.alias("f")
    columns = [
        f.c.id.label("factory_id"),
        f.c.sector_code,
        f.c.province_code,
        f.c.legacy_province_code,
        f.c.size_band,
        f.c.workers_total,
        f.c.workers_women,
    ]
    year = year_of(a.c.assessed_on)
    if per_year:
        columns.append(year.label("year"))
    return (
        select(
            *columns,
            func.count(a.c.id).label("assessments"),
            func.max(year).label("latest_year"),
        )
        .select_from(a.join(f, f.c.id == a.c.factory_id))
        .where(
            *filters.assessment_conditions(a),
            *filters.factory_conditions(f),
            a.c.assessment_type.in_(COUNTED_TYPES),
        )
        .group_by(*columns)
        .subquery("per_factory")
    )
