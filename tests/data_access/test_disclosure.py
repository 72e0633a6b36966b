"""Small-cell and complementary suppression, on frames and through the indicators.

The attack tests play a constituent: they take only what a constituent receives
(the national figure, the visible cells, other selections) and try to work a hidden
cell out by subtraction; the ILO view supplies the true values to compare against.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from data_access.disclosure import decide, line_dimensions
from data_access.filters import Filters
from data_access.indicators import non_compliance, programme_size
from data_access.scope import Scope
from tests.data_access.fixtures import Builder

MOLISA = Scope("molisa", "molisa", "viewer")
ILO = Scope("ilo", "ilo", "staff")
ALL = Filters()


def hidden_rows(frame: pd.DataFrame) -> pd.DataFrame:
    return frame[frame["suppressed"]]


def test_a_lone_small_cell_takes_its_smallest_sibling_with_it():
    frame = pd.DataFrame({"province": ["01", "48", "79"], "assessed": [4, 6, 10]})
    hidden, reasons = decide(frame, size="assessed", keys=("province",), min_factories=5)
    assert list(hidden) == [True, True, False]
    assert list(reasons) == ["small", "complementary", ""]


def test_two_small_cells_protect_each_other():
    frame = pd.DataFrame({"province": ["01", "48", "79"], "assessed": [4, 3, 10]})
    hidden, reasons = decide(frame, size="assessed", keys=("province",), min_factories=5)
    assert list(hidden) == [True, True, False]
    assert list(reasons) == ["small", "small", ""]


def test_lines_are_per_point_and_years_are_not_lines():
    frame = pd.DataFrame(
        {
            "year": [2023, 2023, 2024, 2024],
            "province": ["01", "79", "01", "79"],
            "assessed": [4, 10, 6, 10],
        }
    )
    hidden, _ = decide(frame, size="assessed", keys=("year", "province"), min_factories=5)
    # 2023: 01 small, so 79 too (the 2023 national figure is published); 2024: nothing.
    assert list(hidden) == [True, True, False, False]
    assert line_dimensions(("year", "compliance_point", "province")) == ["province"]
    assert line_dimensions(("province", "legacy_province")) == ["legacy_province"]


def test_complementary_choice_avoids_cells_alone_in_another_line():
    # (79, garment) is small. Its garment siblings are (48, garment), 6 factories, and
    # (31, garment), 8. Province 48 has only garment, so (48, garment) equals province
    # 48's published total: hiding it would hide nothing. The larger (31, garment) goes.
    frame = pd.DataFrame(
        {
            "province": ["79", "79", "48", "31", "31"],
            "sector": ["garment", "footwear", "garment", "garment", "footwear"],
            "assessed": [3, 20, 6, 8, 9],
        }
    )
    hidden, reasons = decide(frame, size="assessed", keys=("province", "sector"), min_factories=5)
    assert list(hidden) == [True, True, False, True, True]
    assert list(reasons) == ["small", "complementary", "", "complementary", "complementary"]
    for other in ("province", "sector"):
        counts = pd.Series(hidden).groupby(frame[other]).sum()
        assert not (counts == 1).any()


def build_three_provinces(build: Builder) -> dict[str, tuple[int, int]]:
    """01: 4 factories (2 non-compliant); 48: 6 (3); 79: 10 (5). Returns (nc, assessed)."""
    layout = {"01": (2, 4), "48": (3, 6), "79": (5, 10)}
    for province, (non_compliant, assessed) in layout.items():
        for index in range(assessed):
            factory = build.factory(province=province, legacy=province)
            build.assessment(factory, "2024-05-01", points={"CO-MIN": index < non_compliant})
    return layout


def test_four_factories_are_hidden_from_molisa_and_flagged_for_ilo(engine):
    build = Builder(engine, summaries=False)
    layout = build_three_provinces(build)
    seen = non_compliance(engine, MOLISA, ALL, by=("province",), min_factories=5)
    small = seen[seen["province"] == "01"].iloc[0]
    # A constituent is told one neutral reason for both: which rule hid a cell would say
    # which one is the small one.
    assert small.suppressed and small.suppression_reason == "protected"
    assert pd.isna(small.rate) and pd.isna(small.non_compliant) and pd.isna(small.assessed)
    sibling = seen[seen["province"] == "48"].iloc[0]
    assert sibling.suppressed and sibling.suppression_reason == "protected"
    assert pd.isna(sibling.rate) and pd.isna(sibling.assessed)
    big = seen[seen["province"] == "79"].iloc[0]
    assert not big.suppressed and big.suppression_reason == ""
    assert (big.non_compliant, big.assessed) == layout["79"]

    staff = non_compliance(engine, ILO, ALL, by=("province",), min_factories=5)
    assert list(staff["suppressed"]) == list(seen["suppressed"])
    assert list(staff["suppression_reason"]) == ["small", "complementary", ""]
    assert staff.set_index("province").loc["01", "assessed"] == 4
    assert staff.set_index("province").loc["01", "rate"] == pytest.approx(2 / 4)


def test_default_threshold_comes_from_settings(engine, monkeypatch):
    from data_access.config import settings

    build = Builder(engine, summaries=False)
    build_three_provinces(build)
    monkeypatch.setenv("TD_MIN_FACTORIES", "7")
    settings.cache_clear()
    try:
        seen = non_compliance(engine, MOLISA, ALL, by=("province",))
    finally:
        monkeypatch.delenv("TD_MIN_FACTORIES")
        settings.cache_clear()
    # 4 and 6 are both under 7: both hidden, 79 stays.
    assert list(seen["suppressed"]) == [True, True, False]
    assert list(seen["suppression_reason"]) == ["protected", "protected", ""]


def test_a_hidden_cell_cannot_be_recovered_from_the_national_figure(engine):
    build = Builder(engine, summaries=False)
    build_three_provinces(build)
    seen = non_compliance(engine, MOLISA, ALL, by=("province",), min_factories=5)
    national = non_compliance(engine, MOLISA, ALL, by=(), min_factories=5).iloc[0]
    assert not national.suppressed
    truth = non_compliance(engine, ILO, ALL, by=("province",), min_factories=5)
    visible = seen[~seen["suppressed"]]
    residual_assessed = national.assessed - visible["assessed"].sum()
    residual_nc = national.non_compliant - visible["non_compliant"].sum()
    for _, cell in hidden_rows(truth).iterrows():
        assert (residual_nc, residual_assessed) != (cell.non_compliant, cell.assessed)


def test_selections_cannot_expose_a_hidden_province(engine):
    build = Builder(engine, summaries=False)
    build_three_provinces(build)

    def national(provinces: tuple[str, ...]) -> pd.Series:
        frame = non_compliance(engine, MOLISA, Filters(provinces=provinces), by=(), min_factories=5)
        return frame.iloc[0]

    # Alone, 48 is large enough, but it is 01's complement: showing it exposes nothing
    # only while hidden, since national − 79 − 48 would otherwise give 01.
    assert national(("48",)).suppressed
    # 48 + 79 would give 01 as national − (48 + 79).
    assert national(("48", "79")).suppressed
    # A selection is shown only when every cell it adds up is: 01 + 48 is hidden too
    # (it would say nothing new, national − 79, but the rule stays simple to audit).
    assert national(("01", "48")).suppressed
    assert not national(("79",)).suppressed
    # Nothing a constituent can request yields 01 or 48 on its own.
    for provinces in (("01",), ("48",), ("01", "79"), ("48", "79")):
        assert pd.isna(national(provinces).assessed)


def test_selection_along_a_dimension_not_grouped_is_protected(engine):
    build = Builder(engine, summaries=False)
    for index in range(10):
        build.assessment(
            build.factory(sector="garment"), "2024-05-01", points={"CO-MIN": index < 3}
        )
    for index in range(3):
        build.assessment(build.factory(sector="footwear"), "2024-05-01", points={"CO-MIN": True})
    everything = non_compliance(engine, MOLISA, ALL, min_factories=5).iloc[0]
    assert not everything.suppressed and everything.assessed == 13
    garment = non_compliance(engine, MOLISA, Filters(sectors=("garment",)), min_factories=5)
    # 13 − 10 would reveal the 3 footwear factories (all non-compliant).
    assert garment.iloc[0].suppressed and pd.isna(garment.iloc[0].assessed)
    assert garment.iloc[0].suppression_reason == "protected"
    staff = non_compliance(engine, ILO, Filters(sectors=("garment",)), min_factories=5)
    assert staff.iloc[0].suppression_reason == "complementary"
    footwear = non_compliance(engine, ILO, Filters(sectors=("footwear",)), min_factories=5)
    assert footwear.iloc[0].suppression_reason == "small"


def test_legacy_units_are_protected_within_their_current_province(engine):
    build = Builder(engine, summaries=False)
    # Hồ Chí Minh (79) = legacy 74 (3 factories) + 77 (6) + 79 (8).
    for legacy, count in (("74", 3), ("77", 6), ("79", 8)):
        for _ in range(count):
            build.assessment(
                build.factory(province="79", legacy=legacy), "2024-05-01", points={"CO-MIN": True}
            )
    seen = non_compliance(engine, MOLISA, ALL, by=("legacy_province",), min_factories=5)
    staff = non_compliance(engine, ILO, ALL, by=("legacy_province",), min_factories=5)
    reasons = dict(zip(staff["legacy_province"], staff["suppression_reason"], strict=True))
    assert reasons == {"74": "small", "77": "complementary", "79": ""}
    told = dict(zip(seen["legacy_province"], seen["suppression_reason"], strict=True))
    assert told == {"74": "protected", "77": "protected", "79": ""}
    assert list(seen["suppressed"]) == list(staff["suppressed"])
    province = non_compliance(engine, MOLISA, ALL, by=("province",), min_factories=5).iloc[0]
    assert province.assessed == 17
    visible = seen.loc[~seen["suppressed"], "assessed"].sum()
    assert province.assessed - visible == 9  # 74 and 77 together, neither alone


def test_programme_size_hides_every_count_of_a_small_cell(engine):
    build = Builder(engine, summaries=False)
    build_three_provinces(build)
    seen = programme_size(engine, MOLISA, ALL, by="province", min_factories=5)
    small = seen[seen["province"] == "01"].iloc[0]
    for column in ("factories", "workers", "women", "women_share", "assessments"):
        assert pd.isna(small[column]), column
    visible = seen[seen["province"] == "79"].iloc[0]
    assert visible.factories == 10 and visible.workers == 10_000


def test_two_way_tables_are_not_published_to_constituents(engine):
    build = Builder(engine, summaries=False)
    cells = {
        ("79", "garment"): 12,
        ("79", "footwear"): 3,
        ("01", "garment"): 7,
        ("01", "footwear"): 6,
        ("48", "garment"): 2,
        ("48", "footwear"): 9,
    }
    for (province, sector), count in cells.items():
        for _ in range(count):
            build.assessment(
                build.factory(province=province, legacy=province, sector=sector),
                "2024-05-01",
                points={"CO-MIN": True},
            )
    seen = non_compliance(engine, MOLISA, ALL, by=("province", "sector"), min_factories=5)
    assert seen["suppressed"].all() and seen["assessed"].isna().all()
    # A selection in one breakdown and a grouping by another is a crossing too.
    garment = non_compliance(
        engine, MOLISA, Filters(sectors=("garment",)), by=("province",), min_factories=5
    )
    assert garment["suppressed"].all()
    staff = non_compliance(engine, ILO, ALL, by=("province", "sector"), min_factories=5)
    assert set(staff["suppression_reason"]) == {"crossing"}
    exact = {(row.province, row.sector): row.assessed for row in staff.itertuples()}
    assert exact == cells


def test_zero_factory_groups_have_no_row(engine):
    build = Builder(engine, summaries=False)
    build_three_provinces(build)
    seen = non_compliance(engine, MOLISA, ALL, by=("province",), min_factories=5)
    assert set(seen["province"]) == {"01", "48", "79"}
    empty = non_compliance(engine, MOLISA, Filters(year_from=2010, year_to=2010), min_factories=5)
    assert empty.empty
    assert {"suppressed", "suppression_reason", "rate"} <= set(empty.columns)
    assert np.all(seen["suppression_reason"].isin(["protected", ""]))


def test_change_rows_hide_both_periods_and_protect_each_periods_lines(engine):
    from data_access.indicators import non_compliance_change

    build = Builder(engine, summaries=False)
    # 01: six factories in 2023, four of them again in 2024; 48: 6 and 79: 10 both years.
    for province, count, again in (("01", 6, 4), ("48", 6, 6), ("79", 10, 10)):
        for index in range(count):
            factory = build.factory(province=province, legacy=province)
            build.assessment(factory, "2023-05-01", points={"CO-MIN": True})
            if index < again:
                build.assessment(factory, "2024-05-01", points={"CO-MIN": index % 2 == 0})
    before, after = Filters(year_from=2023, year_to=2023), Filters(year_from=2024, year_to=2024)
    seen = non_compliance_change(engine, MOLISA, before, after, ("province",), min_factories=5)
    staff = non_compliance_change(engine, ILO, before, after, ("province",), min_factories=5)
    reasons = dict(zip(staff["province"], staff["suppression_reason"], strict=True))
    # 01 is small in 2024; in 2023 it would be the lone hidden cell, so 48 goes too.
    assert reasons == {"01": "small", "48": "complementary", "79": ""}
    assert list(seen["suppressed"]) == list(staff["suppressed"])
    hidden = seen[seen["suppressed"]]
    for column in ("rate_before", "assessed_before", "rate_after", "assessed_after", "change"):
        assert hidden[column].isna().all(), column
    shown_row = seen[seen["province"] == "79"].iloc[0]
    assert (shown_row.assessed_before, shown_row.assessed_after) == (10, 10)
    assert shown_row.change == pytest.approx(5 / 10 - 10 / 10)
