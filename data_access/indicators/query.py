"""SQL pieces every indicator shares: which assessment counts, and what a group is.

Better Work's method counts each factory once, on its latest assessment in the
period (once per year when a series is by year); that choice is made here, in one
place, with a window function both SQLite and PostgreSQL run. Factory attributes are
carried through the same subquery so the outer GROUP BY never joins `factories`
again.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import ColumnElement, Engine, Integer, Select, Subquery, cast, extract, func, select

from data_access import dimensions
from data_access.filters import Filters
from data_access.models import (
    Assessment,
    AssessmentPointResult,
    CompliancePoint,
    Factory,
    SocialDialogue,
)

FACTORIES = Factory.__table__
ASSESSMENTS = Assessment.__table__
POINT_RESULTS = AssessmentPointResult.__table__
POINTS = CompliancePoint.__table__
SOCIAL_DIALOGUE = SocialDialogue.__table__

#: Assessment types that carry a full CAT result and so count towards rates and the
#: programme population; follow-up visits check progress on a few points and would,
#: as a factory's "latest assessment", silently drop every point they did not check.
COUNTED_TYPES: tuple[str, ...] = ("initial", "annual")

#: Group-by dimensions of the factory (or its assessment), with the column they read.
FACTORY_DIMENSIONS: dict[str, str] = {
    dimension.key: str(dimension.factory_column) for dimension in dimensions.FACTORY_DIMENSIONS
}
#: Reference attribute holding each dimension's labels.
REFERENCE_KIND: dict[str, str] = {
    dimension.key: dimension.reference_kind for dimension in dimensions.DIMENSIONS
}


def year_of(column: ColumnElement) -> ColumnElement[int]:
    return cast(extract("year", column), Integer)


def check_dimensions(by: Iterable[str], allowed: Iterable[str]) -> tuple[str, ...]:
    """The grouping asked for, validated: a typo must fail loudly in development rather
    than silently return an ungrouped figure."""
    dims = tuple(by)
    unknown = [dim for dim in dims if dim not in set(allowed)]
    if unknown:
        raise ValueError(f"Cannot group by {unknown}; choose from {sorted(allowed)}.")
    if len(set(dims)) != len(dims):
        raise ValueError(f"Dimension repeated in {dims}.")
    return dims


def with_parent_geography(dims: Sequence[str]) -> tuple[str, ...]:
    """A legacy unit is always shown with the current province it joined: factories
    registered after the merger have no legacy unit and are told apart by province, and
    disclosure control protects legacy cells within their province."""
    if "legacy_province" in dims and "province" not in dims:
        index = dims.index("legacy_province")
        return (*dims[:index], "province", *dims[index:])
    return tuple(dims)


def counted_assessments(
    filters: Filters, *, per_year: bool, with_social_dialogue: bool = False
) -> Subquery:
    """Each factory's latest assessment in the period matching the filters (per calendar
    year when `per_year`), with the factory's attributes.

    Only full assessments (`COUNTED_TYPES`) compete, and ties on the same day go to
    the later-recorded one. With `with_social_dialogue`, the competitors are instead
    the assessments of any type that carry a social-dialogue record: the latest record
    is what describes the factory's dialogue.
    Columns: assessment_id, factory_id, assessed_on, year, sector_code, province_code,
    legacy_province_code, size_band, workers_total, workers_women.
    """
    a, f = ASSESSMENTS.alias("a"), FACTORIES.alias("f")
    year = year_of(a.c.assessed_on)
    partition = [a.c.factory_id, year] if per_year else [a.c.factory_id]
    rank = func.row_number().over(
        partition_by=partition, order_by=(a.c.assessed_on.desc(), a.c.id.desc())
    )
    source = a.join(f, f.c.id == a.c.factory_id)
    conditions = [*filters.assessment_conditions(a), *filters.factory_conditions(f)]
    if with_social_dialogue:
        sd = SOCIAL_DIALOGUE.alias("sd_exists")
        source = source.join(sd, sd.c.assessment_id == a.c.id)
    else:
        conditions.append(a.c.assessment_type.in_(COUNTED_TYPES))
    ranked = (
        select(
            a.c.id.label("assessment_id"),
            a.c.factory_id,
            a.c.assessed_on,
            year.label("year"),
            f.c.sector_code,
            f.c.province_code,
            f.c.legacy_province_code,
            f.c.size_band,
            f.c.workers_total,
            f.c.workers_women,
            rank.label("rank"),
        )
        .select_from(source)
        .where(*conditions)
        .subquery("ranked")
    )
    return (
        select(*[column for column in ranked.c if column.name != "rank"])
        .where(ranked.c.rank == 1)
        .subquery("counted")
    )


def dimension_columns(source: Subquery, dims: Sequence[str]) -> list[ColumnElement]:
    """The factory-level group columns of `source`, labelled by dimension name."""
    columns: list[ColumnElement] = []
    for dim in dims:
        if dim == "year":
            columns.append(source.c.year.label("year"))
        elif dim in FACTORY_DIMENSIONS:
            columns.append(source.c[FACTORY_DIMENSIONS[dim]].label(dim))
    return columns


def grouped(statement: Select, group_columns: Sequence[ColumnElement]) -> Select:
    return statement.group_by(*group_columns) if group_columns else statement


def moved_factories(
    engine: Engine, before: Filters, after: Filters, *, with_social_dialogue: bool = False
) -> int:
    """How many factories are counted in one period and not the other (joined plus
    left): what a national change between the two rests on, for the change rule."""
    counted = [
        counted_assessments(period, per_year=False, with_social_dialogue=with_social_dialogue)
        for period in (before, after)
    ]
    sizes = [select(func.count()).select_from(subquery).scalar_subquery() for subquery in counted]
    shared = (
        select(func.count())
        .select_from(counted[0])
        .where(counted[0].c.factory_id.in_(select(counted[1].c.factory_id)))
        .scalar_subquery()
    )
    with engine.connect() as connection:
        first, second, both = connection.execute(select(*sizes, shared)).one()
    return int(first) + int(second) - 2 * int(both)
