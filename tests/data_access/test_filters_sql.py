"""`Filters` → the exact SQL and the exact bound parameters, on both dialects.

One table, read like datasette's `tests/test_filters.py`: each row is a `Filters`, the
conditions it must compile to (written once with `:name` placeholders) and the values
bound to them. The conditions are compiled with SQLite's and PostgreSQL's (psycopg)
dialects, no database needed: SQLite shows `?` in the placeholders' order, psycopg
`%(name)s` with the cast it sends. Nothing a user typed can reach the SQL text.
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from sqlalchemy import and_
from sqlalchemy.dialects import postgresql, sqlite

from data_access.filters import Filters

F, A, P = "factories", "assessments", "assessment_point_results"
CLUSTER_POINTS = (
    f"{P}.cp_code IN (SELECT compliance_points.code \n"
    "FROM compliance_points \n"
    "WHERE compliance_points.cluster_code IN (:cluster_code_1_1))"
)

CASES = [
    pytest.param(Filters(), [], {}, id="nothing-chosen"),
    pytest.param(
        Filters(sectors=("garment", "footwear", "garment")),
        [f"{F}.sector_code IN (:sector_code_1_1, :sector_code_1_2)"],
        {"sector_code_1_1": "footwear", "sector_code_1_2": "garment"},
        id="sectors-sorted-and-deduplicated",
    ),
    pytest.param(
        Filters(provinces=("79",)),
        [f"{F}.province_code IN (:province_code_1_1)"],
        {"province_code_1_1": "79"},
        id="current-province",
    ),
    pytest.param(
        Filters(legacy_provinces=("74", "77")),
        [f"{F}.legacy_province_code IN (:legacy_province_code_1_1, :legacy_province_code_1_2)"],
        {"legacy_province_code_1_1": "74", "legacy_province_code_1_2": "77"},
        id="former-provinces",
    ),
    pytest.param(
        Filters(size_bands=("lt500",)),
        [f"{F}.size_band IN (:size_band_1_1)"],
        {"size_band_1_1": "lt500"},
        id="size-band",
    ),
    pytest.param(
        Filters(year_from=2023, year_to=2024),
        [f"{A}.assessed_on >= :assessed_on_1", f"{A}.assessed_on <= :assessed_on_2"],
        {"assessed_on_1": date(2023, 1, 1), "assessed_on_2": date(2024, 12, 31)},
        id="whole-years",
    ),
    pytest.param(
        Filters(
            year_from=2023, year_to=2024, date_from=date(2022, 5, 1), date_to=date(2024, 6, 30)
        ),
        [f"{A}.assessed_on >= :assessed_on_1", f"{A}.assessed_on <= :assessed_on_2"],
        {"assessed_on_1": date(2023, 1, 1), "assessed_on_2": date(2024, 6, 30)},
        id="years-and-dates-intersect",
    ),
    pytest.param(
        Filters(date_to=date(2024, 6, 30)),
        [f"{A}.assessed_on <= :assessed_on_1"],
        {"assessed_on_1": date(2024, 6, 30)},
        id="open-start",
    ),
    pytest.param(
        Filters(compliance_points=("FA-FRE", "CO-MIN")),
        [f"{P}.cp_code IN (:cp_code_1_1, :cp_code_1_2)"],
        {"cp_code_1_1": "CO-MIN", "cp_code_1_2": "FA-FRE"},
        id="points",
    ),
    pytest.param(
        Filters(clusters=("FA",)),
        [CLUSTER_POINTS],
        {"cluster_code_1_1": "FA"},
        id="cluster-through-its-points",
    ),
    pytest.param(
        Filters(
            year_from=2024,
            year_to=2024,
            sectors=("garment",),
            provinces=("79",),
            legacy_provinces=("74",),
            size_bands=("gt2000",),
            clusters=("FA",),
            compliance_points=("CO-MIN",),
        ),
        [
            f"{F}.sector_code IN (:sector_code_1_1)",
            f"{F}.province_code IN (:province_code_1_1)",
            f"{F}.legacy_province_code IN (:legacy_province_code_1_1)",
            f"{F}.size_band IN (:size_band_1_1)",
            f"{A}.assessed_on >= :assessed_on_1",
            f"{A}.assessed_on <= :assessed_on_2",
            f"{P}.cp_code IN (:cp_code_1_1)",
            CLUSTER_POINTS,
        ],
        {
            "sector_code_1_1": "garment",
            "province_code_1_1": "79",
            "legacy_province_code_1_1": "74",
            "size_band_1_1": "gt2000",
            "assessed_on_1": date(2024, 1, 1),
            "assessed_on_2": date(2024, 12, 31),
            "cp_code_1_1": "CO-MIN",
            "cluster_code_1_1": "FA",
        },
        id="everything-at-once",
    ),
    pytest.param(
        Filters(sectors=("garment' OR '1'='1",)),
        [f"{F}.sector_code IN (:sector_code_1_1)"],
        {"sector_code_1_1": "garment' OR '1'='1"},
        id="hostile-text-stays-a-parameter",
    ),
]
PLACEHOLDER = re.compile(r":(\w+)")


def conditions(filters: Filters) -> list:
    return [
        *filters.factory_conditions(),
        *filters.assessment_conditions(),
        *filters.point_conditions(),
    ]


def compiled(filters: Filters, dialect):
    clauses = conditions(filters)
    if not clauses:
        return None
    return and_(*clauses).compile(dialect=dialect, compile_kwargs={"render_postcompile": True})


@pytest.mark.parametrize(("filters", "expected_sql", "expected_params"), CASES)
def test_sqlite(filters, expected_sql, expected_params):
    result = compiled(filters, sqlite.dialect())
    if not expected_sql:
        assert result is None
        return
    written = " AND ".join(expected_sql)
    assert result.string == PLACEHOLDER.sub("?", written)
    assert result.positiontup == PLACEHOLDER.findall(written)
    assert result.params == expected_params


@pytest.mark.parametrize(("filters", "expected_sql", "expected_params"), CASES)
def test_postgresql(filters, expected_sql, expected_params):
    result = compiled(filters, postgresql.psycopg.dialect())
    if not expected_sql:
        assert result is None
        return

    def psycopg(match: re.Match[str]) -> str:
        cast = "DATE" if isinstance(expected_params[match[1]], date) else "VARCHAR"
        return f"%({match[1]})s::{cast}"

    assert result.string == PLACEHOLDER.sub(psycopg, " AND ".join(expected_sql))
    assert result.params == expected_params
