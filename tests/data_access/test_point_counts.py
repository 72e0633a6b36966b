"""`point_counts` gives exactly the figures the long SQL path gives, is used where it can
be and not where it cannot, and follows every data change."""

from __future__ import annotations

import dataclasses
from datetime import date

import pandas as pd
import pytest
from sqlalchemy import Engine, func, select, text

from data_access.demo.generator import generate_demo_data
from data_access.filters import Filters
from data_access.indicators import compliance, non_compliance, point_counts
from data_access.indicators.point_counts import grouped_counts, refresh_if_stale
from data_access.models import PointCount
from data_access.refdata import reference
from data_access.scope import Scope
from tests.data_access.fixtures import Builder

ILO = Scope("ilo", "ilo", "tester")

#: (filters, grouping) the fast path must answer, and answer exactly.
ANSWERED: list[tuple[Filters, tuple[str, ...]]] = [
    (Filters(), ("compliance_point",)),
    (Filters(), ("cluster",)),
    (Filters(), ()),
    (Filters(), ("year", "compliance_point")),
    (Filters(), ("year", "cluster")),
    (Filters(), ("year",)),
    (Filters(), ("compliance_point", "cluster")),
    (Filters(), ("year", "sector", "compliance_point")),
    (Filters(), ("province", "legacy_province")),
    (Filters(), ("legacy_province", "cluster")),
    (Filters(), ("size_band", "year")),
    (Filters(year_from=2025, year_to=2025), ("compliance_point",)),
    (Filters(year_from=2025, year_to=2025), ("province", "cluster")),
    (Filters(year_from=2025), ("compliance_point",)),
    (Filters(year_from=2024, year_to=2026), ("sector",)),
    (Filters(year_from=2024, year_to=2025), ("year", "cluster")),
    (Filters(year_to=2025), ("year", "sector")),
    (Filters(sectors=("footwear",)), ("year", "compliance_point")),
    (Filters(provinces=("79", "01")), ("province", "compliance_point")),
    (Filters(legacy_provinces=("79",), size_bands=("1000-2999",)), ("cluster",)),
    (Filters(clusters=("CO",)), ("compliance_point",)),
    (Filters(clusters=("CO", "OS")), ("year", "cluster")),
    (Filters(clusters=("FA",)), ("year",)),
    (Filters(compliance_points=("CO-MIN", "OS-CHE")), ("year", "compliance_point")),
    (Filters(clusters=("CO",), compliance_points=("CO-MIN", "OS-CHE")), ("compliance_point",)),
    (Filters(date_from=date(2025, 1, 1), date_to=date(2025, 12, 31)), ("sector",)),
]
#: Requests only the long path can answer exactly.
DECLINED: list[tuple[Filters, tuple[str, ...]]] = [
    (Filters(date_from=date(2025, 3, 1)), ("compliance_point",)),
    (Filters(date_to=date(2025, 6, 30)), ("year", "compliance_point")),
    (Filters(year_from=2024, year_to=2025), ("compliance_point",)),
    (Filters(compliance_points=("CO-MIN",)), ("cluster",)),
    (Filters(compliance_points=("CO-MIN",)), ()),
    (Filters(clusters=("CO", "OS")), ()),
]


def _sorted(frame: pd.DataFrame, dims: tuple[str, ...]) -> pd.DataFrame:
    keys = [dim for dim in dims if dim != "cluster" or "compliance_point" not in dims]
    frame = frame[[*keys, "non_compliant", "assessed"]].copy()
    for column in keys:
        frame[column] = frame[column].astype("string") if column != "year" else frame[column]
    frame["non_compliant"] = frame["non_compliant"].astype("int64")
    frame["assessed"] = frame["assessed"].astype("int64")
    return frame.sort_values(keys or ["assessed"]).reset_index(drop=True)


def _long_way(engine: Engine, filters: Filters, dims: tuple[str, ...]) -> pd.DataFrame:
    return compliance._counts_from_results(engine, filters, dims, None)


@pytest.fixture
def varied(engine: Engine) -> Engine:
    """A small scale dataset (every factory once a year, 2024–2026) plus hand-built
    factories with what scale data lacks: two assessments in one year, a follow-up
    after the annual visit, a factory with no legacy province, an assessment with
    no counted result, a factory that left before the last year."""
    generate_demo_data(engine, factories=30, years=3, seed=11)
    build = Builder(engine)
    twice = build.factory(province="01", legacy="01")
    build.assessment(twice, "2025-02-01", points={"CO-MIN": True, "OS-CHE": True})
    build.assessment(twice, "2025-09-01", points={"CO-MIN": False, "OS-CHE": True})
    new = build.factory(province="79", legacy=None, workers=300, women=200)
    build.assessment(new, "2026-03-01", points={"CO-MIN": True, "FA-INT": False})
    build.assessment(new, "2026-03-01", points={"CO-MIN": False}, kind="follow_up")
    empty = build.factory(province="48", legacy="48")
    build.assessment(empty, "2025-05-05")
    gone = build.factory(province="79", legacy="79", sector="footwear")
    build.assessment(gone, "2024-06-01", points={"CO-MIN": True, "OS-CHE": False})
    return engine


def test_the_summary_gives_the_long_path_figures(varied: Engine) -> None:
    latest_year = reference(varied).latest_year
    assert latest_year == 2026
    for filters, dims in ANSWERED:
        fast = grouped_counts(varied, filters, dims, latest_year)
        assert fast is not None, (filters, dims)
        expected = _long_way(varied, filters, dims)
        assert not expected.empty, (filters, dims)
        pd.testing.assert_frame_equal(
            _sorted(fast, dims), _sorted(expected, dims), obj=f"{filters} by {dims}"
        )


def test_requests_it_cannot_answer_exactly_take_the_long_path(varied: Engine) -> None:
    latest_year = reference(varied).latest_year
    for filters, dims in DECLINED:
        assert grouped_counts(varied, filters, dims, latest_year) is None, (filters, dims)
        # ...and the indicator still answers them.
        assert not non_compliance(varied, ILO, filters, dims).empty


def test_the_indicator_reads_the_summary_when_it_can(varied: Engine, monkeypatch) -> None:
    expected = non_compliance(varied, ILO, Filters(), ("year", "cluster"))
    monkeypatch.setattr(
        compliance,
        "_counts_from_results",
        lambda *args: pytest.fail("the long path ran although the summary could answer"),
    )
    assert non_compliance(varied, ILO, Filters(), ("year", "cluster")).equals(expected)


def test_each_data_change_rebuilds_the_summary(engine: Engine) -> None:
    build = Builder(engine)
    factory = build.factory()
    build.assessment(factory, "2025-04-01", points={"CO-MIN": True})
    first = grouped_counts(engine, Filters(), ("compliance_point",), 2025)
    assert first is not None
    assert first.set_index("compliance_point").loc["CO-MIN", "non_compliant"] == 1
    build.assessment(factory, "2025-10-01", points={"CO-MIN": False})
    second = grouped_counts(engine, Filters(), ("compliance_point",), 2025)
    assert second is not None
    assert second.set_index("compliance_point").loc["CO-MIN", "non_compliant"] == 0


def test_a_summary_behind_the_data_is_never_read(engine: Engine) -> None:
    build = Builder(engine)
    build.assessment(build.factory(), "2025-04-01", points={"CO-MIN": True})
    with engine.begin() as connection:
        # A change made behind the app's back: the data version moves without a rebuild.
        connection.execute(text("UPDATE app_meta SET value = '999' WHERE key = 'data_version'"))
    assert grouped_counts(engine, Filters(), ("compliance_point",), 2025) is None
    cell = non_compliance(engine, ILO, Filters()).set_index("compliance_point").loc["CO-MIN"]
    assert (cell.non_compliant, cell.assessed) == (1, 1)
    assert refresh_if_stale(engine) is True
    assert refresh_if_stale(engine) is False
    assert grouped_counts(engine, Filters(), ("compliance_point",), 2025) is not None


def test_the_plain_build_for_large_taxonomies_gives_the_same_table(
    varied: Engine, monkeypatch
) -> None:
    def table() -> pd.DataFrame:
        with varied.connect() as connection:
            columns = [c for c in PointCount.__table__.c if c.name != "id"]
            rows = connection.execute(
                select(*columns).order_by(
                    PointCount.basis,
                    PointCount.level,
                    PointCount.year,
                    PointCount.unit_code,
                    PointCount.sector_code,
                    PointCount.province_code,
                    func.coalesce(PointCount.legacy_province_code, ""),
                    PointCount.size_band,
                )
            ).all()
        return pd.DataFrame([tuple(row) for row in rows])

    masked = table()
    monkeypatch.setattr(point_counts, "MASK_BITS", 0)
    with varied.begin() as connection:
        point_counts.refresh_point_counts(connection)
    pd.testing.assert_frame_equal(masked, table())


def test_counts_built_by_an_older_rule_are_never_read(engine: Engine, monkeypatch) -> None:
    build = Builder(engine)
    build.assessment(build.factory(), "2025-04-01", points={"CO-MIN": True})
    assert grouped_counts(engine, Filters(), ("compliance_point",), 2025) is not None
    # An upgrade that changes how the table is computed: same data version, new rule.
    newer = dataclasses.replace(point_counts.STAMP, build=point_counts.STAMP.build + 1)
    monkeypatch.setattr(point_counts, "STAMP", newer)
    assert grouped_counts(engine, Filters(), ("compliance_point",), 2025) is None
    assert refresh_if_stale(engine) is True
    assert grouped_counts(engine, Filters(), ("compliance_point",), 2025) is not None
