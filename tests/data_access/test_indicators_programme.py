"""Programme size and freshness on hand-built data."""

from __future__ import annotations

from datetime import date

import pytest

from data_access.filters import Filters
from data_access.freshness import data_as_of
from data_access.indicators import programme_size
from data_access.scope import Scope
from tests.data_access.fixtures import Builder

ILO = Scope("ilo", "ilo", "staff")
MOLISA = Scope("molisa", "molisa", "viewer")


def build_programme(build: Builder) -> None:
    a = build.factory(sector="garment", province="79", legacy="79", workers=1000, women=700)
    b = build.factory(sector="footwear", province="01", legacy="01", workers=2000, women=1200)
    c = build.factory(sector="garment", province="48", legacy="48", workers=400, women=300)
    build.factory(
        sector="garment", province="79", legacy="79", workers=900, women=500
    )  # never assessed
    build.assessment(a, "2023-03-01", points={"CO-MIN": False})
    build.assessment(a, "2024-03-01", points={"CO-MIN": False})
    build.assessment(b, "2024-06-01", points={"CO-MIN": True})
    build.assessment(c, "2022-01-15", points={"CO-MIN": True})


def test_participating_factories_are_those_assessed_in_the_period(engine):
    build_programme(Builder(engine, summaries=False))
    frame = programme_size(engine, ILO, Filters(year_from=2023, year_to=2024))
    assert len(frame) == 1
    total = frame.iloc[0]
    # A (1000 workers, 700 women) and B (2000, 1200); C was assessed in 2022 only and
    # the fourth factory never.
    assert total.factories == 2
    assert (total.workers, total.women) == (3000, 1900)
    assert total.women_share == pytest.approx(1900 / 3000)
    assert (total.provinces, total.sectors, total.assessments) == (2, 2, 3)
    assert frame.attrs["indicator"] == "programme_size"


def test_programme_by_year_counts_a_factory_once_per_year(engine):
    build_programme(Builder(engine, summaries=False))
    frame = programme_size(engine, ILO, Filters(), by="year").set_index("year")
    assert list(frame.index) == [2022, 2023, 2024]
    assert frame.loc[2022, "factories"] == 1 and frame.loc[2022, "workers"] == 400
    assert frame.loc[2023, "factories"] == 1 and frame.loc[2023, "workers"] == 1000
    assert frame.loc[2024, "factories"] == 2 and frame.loc[2024, "workers"] == 3000
    assert frame.loc[2024, "assessments"] == 2
    assert frame.loc[2024, "year_name_en"] == "2024"


def test_programme_by_sector_size_band_and_province_with_labels(engine):
    build_programme(Builder(engine, summaries=False))
    sectors = programme_size(engine, ILO, Filters(), by="sector").set_index("sector")
    assert sectors.loc["garment", "factories"] == 2  # A and C
    assert sectors.loc["garment", "sector_name_vi"] == "May mặc"
    assert sectors.loc["footwear", "sector_name_en"] == "Footwear"
    bands = programme_size(engine, ILO, Filters(), by="size_band").set_index("size_band")
    assert bands.loc["1000-2999", "factories"] == 2 and bands.loc["lt500", "factories"] == 1
    provinces = programme_size(engine, ILO, Filters(sectors=("garment",)), by="province")
    assert list(provinces["province"]) == ["48", "79"]
    assert list(provinces["province_name_en"]) == ["Da Nang", "Ho Chi Minh City"]


def test_small_programme_figures_are_hidden_from_constituents(engine):
    build_programme(Builder(engine, summaries=False))
    frame = programme_size(engine, MOLISA, Filters(), min_factories=5)
    assert frame.iloc[0].suppressed
    # Constituents are told one neutral reason; staff see why.
    assert frame.iloc[0].suppression_reason == "protected"
    assert frame["factories"].isna().all() and frame["workers"].isna().all()
    staff = programme_size(engine, ILO, Filters(), min_factories=5)
    assert staff.iloc[0].suppression_reason == "small"


def test_data_as_of_gives_the_latest_assessment_of_the_selection(engine):
    build_programme(Builder(engine, summaries=False))
    staff = data_as_of(engine, ILO, Filters(sectors=("garment",)))
    assert staff.latest_assessment == date(2024, 3, 1)
    assert staff.latest_import is None
    # Three factories only: a constituent is not told when they were visited.
    assert data_as_of(engine, MOLISA, Filters(), min_factories=5).latest_assessment is None
    assert data_as_of(engine, MOLISA, Filters(), min_factories=3).latest_assessment == date(
        2024, 6, 1
    )
    assert data_as_of(engine, ILO, Filters(year_from=2010, year_to=2010)).latest_assessment is None


def test_data_as_of_reports_the_latest_committed_import(engine):
    from datetime import datetime

    from sqlalchemy import insert

    from data_access.models import ImportBatch

    rows = [
        ("committed", datetime(2025, 3, 1, 9, 30)),
        ("failed", datetime(2025, 4, 1, 9, 30)),
        ("committed", datetime(2025, 2, 1, 9, 30)),
    ]
    with engine.begin() as connection:
        for status, at in rows:
            connection.execute(
                insert(ImportBatch).values(
                    kind="assessments",
                    file_name="x.xlsx",
                    checksum="0" * 64,
                    rows=1,
                    imported_by="clerk",
                    imported_at=at,
                    status=status,
                )
            )
    assert data_as_of(engine, ILO, Filters()).latest_import == datetime(2025, 3, 1, 9, 30)
