"""The rules that protect linked figures together: groups of hidden cells, dominance
of one factory in a worker figure, changes between periods, whole-year periods, the
two province views, and staff seeing every exact value flagged.

Each test plays a constituent adding and subtracting what they are given, with the
ILO view supplying the truth; on SQLite and PostgreSQL through the `engine` fixture.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from data_access.disclosure import (
    NO_UNIT,
    _decide_cube,
    change_isolates,
    worker_figures,
)
from data_access.filters import Filters
from data_access.indicators import (
    non_compliance,
    non_compliance_change,
    programme_size,
    social_dialogue,
)
from data_access.indicators.headline import programme_size_change
from data_access.scope import Scope
from tests.data_access.fixtures import Builder

MOLISA = Scope("molisa", "molisa", "viewer")
ILO = Scope("ilo", "ilo", "staff")
Y2024 = Filters(year_from=2024, year_to=2024)
Y2025 = Filters(year_from=2025, year_to=2025)


def cube_of(rows: list[tuple[str, str | None, str, str, int]], limit: int = 5) -> pd.DataFrame:
    finest = pd.DataFrame(
        rows, columns=["province", "legacy_province", "sector", "size_band", "factories"]
    )
    cube = _decide_cube(finest, (), size="factories", dominance=None, limit=limit, share=0.8)
    return cube.cells


def cell(cells: pd.DataFrame, **coordinates: str) -> pd.Series:
    mask = np.ones(len(cells), dtype=bool)
    for dim in ("province", "legacy_province", "sector", "size_band"):
        mask &= (cells[dim] == coordinates.get(dim, "*")).to_numpy()
    (position,) = np.flatnonzero(mask)
    return cells.iloc[position]


# --- the group rule -------------------------------------------------------------------


def test_two_small_cells_alone_are_not_enough_to_hide_each_other():
    # Footwear 2 and travel goods 2 hidden beside a published national 34 and garment
    # 30 would each be known to be 1 to 3: the group rests on too few factories.
    cells = cube_of(
        [
            ("79", "79", "garment", "a", 30),
            ("79", "79", "footwear", "a", 2),
            ("79", "79", "travel_goods", "a", 2),
        ]
    )
    assert cell(cells, sector="footwear").reason == "small"
    assert cell(cells, sector="travel_goods").reason == "small"
    garment = cell(cells, sector="garment")
    assert garment.hidden and garment.reason == "complementary"
    assert not cell(cells).hidden  # the national figure stays


def test_a_group_resting_on_enough_factories_stands_alone():
    cells = cube_of(
        [
            ("79", "79", "garment", "a", 30),
            ("79", "79", "footwear", "a", 4),
            ("79", "79", "travel_goods", "a", 3),
        ]
    )
    # 4 + 3 less one factory each: 5 to spare, so either may be 1 to 5 or more.
    assert not cell(cells, sector="garment").hidden
    assert cell(cells, sector="footwear").hidden and cell(cells, sector="travel_goods").hidden


def test_a_province_shown_through_its_units_counts_at_its_floor():
    # Hồ Chí Minh = 74 (3) + 77 (8) + 79 (9); Đà Nẵng = 48 (12). A hidden province is
    # worth no more to the group than what its visible units already say about it.
    cells = cube_of(
        [
            ("79", "74", "garment", "a", 3),
            ("79", "77", "garment", "a", 8),
            ("79", "79", "garment", "a", 9),
            ("48", "48", "garment", "a", 12),
            ("01", "01", "garment", "a", 2),
        ]
    )
    hcm_units = cells[(cells["province"] == "79") & (cells["legacy_province"] != "*")]
    # 74 is small; one more unit of its province goes with it, so 79 is not 77 + 79 + 1..4.
    assert hcm_units["hidden"].sum() >= 2
    provinces = cells[(cells["province"] != "*") & (cells["legacy_province"] == "*")]
    # Hà Nội (2) is small; its complement in the national line must add real doubt.
    hidden = provinces[provinces["hidden"]]
    assert "01" in set(hidden["province"]) and len(hidden) >= 2
    for _, row in hidden.iterrows():
        units = cells[(cells["province"] == row.province) & (cells["legacy_province"] != "*")]
        # Each hidden province has no unit left that pins it.
        assert units["hidden"].sum() >= min(2, len(units))


def test_factories_registered_after_the_merger_are_a_part_of_their_province():
    cells = cube_of(
        [
            ("79", "79", "garment", "a", 20),
            ("79", None, "garment", "a", 2),
            ("48", "48", "garment", "a", 10),
        ]
    )
    assert cell(cells, province="79", legacy_province=NO_UNIT).reason == "small"
    # Hồ Chí Minh's own unit goes too, else 22 − 20 gives the two new factories.
    assert cell(cells, province="79", legacy_province="79").hidden


def test_groups_hold_in_every_line_of_the_national_figure(engine):
    build = Builder(engine, summaries=False)
    layout = {("01", "01", "garment"): 3, ("48", "48", "footwear"): 4, ("79", "79", "garment"): 9}
    layout |= {("79", "74", "garment"): 6, ("79", "77", "footwear"): 2}
    for (province, legacy, sector), count in layout.items():
        for _ in range(count):
            build.assessment(
                build.factory(province=province, legacy=legacy, sector=sector),
                "2024-05-01",
                points={"CO-MIN": True},
            )
    national = programme_size(engine, MOLISA, Y2024).iloc[0]
    for by in ("province", "legacy_province", "sector"):
        seen = programme_size(engine, MOLISA, Y2024, by=by)
        truth = programme_size(engine, ILO, Y2024, by=by)
        if by == "legacy_province":
            lines = [truth[truth["province"] == code] for code in truth["province"].unique()]
            parents = programme_size(engine, ILO, Y2024, by="province").set_index("province")
            shown_parent = programme_size(engine, MOLISA, Y2024, by="province").set_index(
                "province"
            )
        else:
            lines, parents, shown_parent = [truth], None, None
        for line in lines:
            hidden = line[line["suppressed"]]
            if hidden.empty:
                continue
            if parents is not None:
                code = line["province"].iloc[0]
                if shown_parent.loc[code, "suppressed"]:
                    continue
                total = parents.loc[code, "factories"]
            else:
                total = national.factories
            # What a constituent subtracts: the parent less every visible cell.
            visible = seen.loc[line.index][~seen.loc[line.index, "suppressed"]]
            remainder = total - visible["factories"].sum()
            assert remainder == hidden["factories"].sum()
            assert len(hidden) >= 2 and remainder - (len(hidden) - 1) >= 5, (by, line)


# --- the dominance rule ---------------------------------------------------------------


def build_dominated(build: Builder) -> None:
    """Đà Nẵng: one factory of 9,000 workers and four of 250; Hồ Chí Minh and Hà Nội:
    ten factories of 1,000 each."""
    shapes = [("48", 9000)] + [("48", 250)] * 4 + [("79", 1000)] * 10 + [("01", 1000)] * 10
    for province, workers in shapes:
        factory = build.factory(province=province, legacy=province, workers=workers, women=100)
        build.assessment(factory, "2024-05-01", points={"CO-MIN": False}, dialogue={})


def test_worker_figures_of_a_dominated_cell_are_hidden_and_factory_counts_are_not(engine):
    build_dominated(Builder(engine, summaries=False))
    seen = programme_size(engine, MOLISA, Y2024, by="province").set_index("province")
    danang = seen.loc["48"]
    assert not danang.suppressed and danang.factories == 5
    assert danang.workers_suppressed and pd.isna(danang.workers) and pd.isna(danang.women_share)
    # Alone, Đà Nẵng's workers would be national − the others: one more goes.
    assert seen["workers_suppressed"].sum() == 2
    national = programme_size(engine, MOLISA, Y2024).iloc[0]
    assert not national.workers_suppressed and national.workers == 9000 + 1000 + 20_000
    # A surface drawing the workers reads the worker flags.
    assert worker_figures(seen.reset_index()).set_index("province").loc["48", "suppressed"]

    staff = programme_size(engine, ILO, Y2024, by="province").set_index("province")
    assert staff.loc["48", "workers"] == 10_000
    assert staff.loc["48", "workers_suppression_reason"] == "dominance"
    assert "largest" not in staff.columns and "largest" not in seen.columns


def test_social_dialogue_worker_measures_follow_the_dominance_rule(engine):
    build_dominated(Builder(engine, summaries=False))
    frame = social_dialogue(engine, MOLISA, Y2024, by="province")
    danang = frame[frame["province"] == "48"].set_index("measure")
    assert danang.loc["workforce_women_share", "suppressed"]
    assert danang.loc["cba_workers_covered", "suppressed"]
    assert not danang.loc["union_present", "suppressed"]
    staff = social_dialogue(engine, ILO, Y2024, by="province")
    reasons = staff[staff["province"] == "48"].set_index("measure")["suppression_reason"]
    assert reasons["workforce_women_share"] == "dominance"


def test_dominance_share_is_a_setting(engine, monkeypatch):
    from data_access.config import settings

    build_dominated(Builder(engine, summaries=False))
    monkeypatch.setenv("TD_DOMINANCE_SHARE", "0.95")
    settings.cache_clear()
    try:
        seen = programme_size(engine, MOLISA, Y2024, by="province").set_index("province")
    finally:
        monkeypatch.delenv("TD_DOMINANCE_SHARE")
        settings.cache_clear()
    assert not seen.loc["48", "workers_suppressed"]  # 90 % is not more than 95 %


# --- the change rule ------------------------------------------------------------------


def test_change_isolates_only_a_small_nonempty_group():
    assert [change_isolates(moved, 5) for moved in (0, 1, 4, 5, 12)] == [
        False,
        True,
        True,
        False,
        False,
    ]
    assert not change_isolates(None, 5)


def seed_periods(engine, before: int, after: int) -> None:
    build = Builder(engine)
    for index in range(max(before, after)):
        factory = build.factory(workers=1000 + index, women=500)
        if index < before:
            build.assessment(factory, "2024-05-01", points={"CL-CHL": index % 2 == 0})
        if index < after:
            build.assessment(factory, "2025-05-01", points={"CL-CHL": index % 3 == 0})


def test_a_change_made_by_two_joiners_is_not_published(engine):
    seed_periods(engine, before=6, after=8)
    seen = programme_size_change(engine, MOLISA, Y2024, Y2025).set_index("measure")
    # Both years are shown, but "+2 factories, +2,013 workers" would be the joiners'.
    assert seen.loc["factories", "value_after"] == 8
    assert seen["change_suppressed"].all() and seen["change"].isna().all()
    staff = programme_size_change(engine, ILO, Y2024, Y2025).set_index("measure")
    assert staff.loc["factories", "change"] == 2 and staff.loc["factories", "change_suppressed"]


def test_a_rate_change_isolating_leavers_is_hidden_on_both_bases(engine):
    seed_periods(engine, before=9, after=7)
    for same in (False, True):
        seen = non_compliance_change(
            engine, MOLISA, Y2024, Y2025, ("compliance_point",), same_factories=same
        )
        row = seen[seen["compliance_point"] == "CL-CHL"].iloc[0]
        assert row.suppressed and pd.isna(row.change) and pd.isna(row.rate_after)
        staff = non_compliance_change(
            engine, ILO, Y2024, Y2025, ("compliance_point",), same_factories=same
        )
        truth = staff[staff["compliance_point"] == "CL-CHL"].iloc[0]
        assert truth.suppression_reason == "change" and not pd.isna(truth.change)


# --- periods and the two province views ---------------------------------------------


def test_constituent_figures_are_for_whole_years(engine):
    build = Builder(engine, summaries=False)
    for index in range(12):
        factory = build.factory()
        build.assessment(factory, "2025-03-01", points={"CO-MIN": index < 4})
        if index < 2:  # two factories assessed in 2024 only
            leaver = build.factory()
            build.assessment(leaver, "2024-02-01", points={"CO-MIN": True})
    span = Filters(year_from=2024, year_to=2025)
    # 2024–2025 minus 2025 would isolate the two leavers: a constituent's 2024–2025
    # total is the 2025 one, so the difference is nothing.
    assert programme_size(engine, MOLISA, span).iloc[0].factories == 12
    assert programme_size(engine, ILO, span).iloc[0].factories == 14
    # A date window is widened to its whole year: two windows a day apart are equal.
    day = Filters(date_from=pd.Timestamp("2025-03-01").date(), date_to=None)
    next_day = Filters(date_from=pd.Timestamp("2025-03-02").date(), date_to=None)
    first, second = (
        non_compliance(engine, MOLISA, window, ("compliance_point",)) for window in (day, next_day)
    )
    assert first["assessed"].tolist() == second["assessed"].tolist() == [12]
    # A series by year still gives each year.
    by_year = programme_size(engine, MOLISA, span, by="year").set_index("year")
    assert by_year.loc[2025, "factories"] == 12 and by_year.loc[2024, "suppressed"]


def test_a_province_never_merged_has_one_fate_in_both_views(engine):
    build = Builder(engine, summaries=False)
    # Hà Nội (01) was not merged: the current province is its one legacy unit.
    for province, legacy, count in (("01", "01", 3), ("48", "48", 7), ("48", "49", 6)):
        for _ in range(count):
            build.assessment(
                build.factory(province=province, legacy=legacy),
                "2024-05-01",
                points={"CO-MIN": True},
            )
    for _ in range(20):
        build.assessment(build.factory(), "2024-05-01", points={"CO-MIN": False})
    current = non_compliance(engine, MOLISA, Y2024, ("province",)).set_index("province")
    legacy = non_compliance(engine, MOLISA, Y2024, ("legacy_province",)).set_index(
        "legacy_province"
    )
    assert current.loc["01", "suppressed"] and legacy.loc["01", "suppressed"]
    # Nothing shown equals Hà Nội's count: not national − visible provinces, nor
    # national − visible legacy units.
    national = non_compliance(engine, MOLISA, Y2024, ()).iloc[0].assessed
    for view in (current, legacy):
        remainder = national - view.loc[~view["suppressed"], "assessed"].sum()
        assert remainder != 3


def test_staff_see_every_exact_value_with_the_constituent_flags(engine):
    build_dominated(Builder(engine, summaries=False))
    for by in (None, "province", "legacy_province", "sector", "size_band"):
        seen = programme_size(engine, MOLISA, Y2024, by=by)
        staff = programme_size(engine, ILO, Y2024, by=by)
        assert list(staff["suppressed"]) == list(seen["suppressed"])
        assert list(staff["workers_suppressed"]) == list(seen["workers_suppressed"])
        assert staff["factories"].notna().all() and staff["workers"].notna().all()
        assert staff["factories"].sum() == 25
        hidden = seen["suppressed"] | seen["workers_suppressed"]
        assert set(seen.loc[hidden, "suppression_reason"]) <= {"protected", ""}
        assert set(staff.loc[staff["suppressed"], "suppression_reason"]) <= {
            "small",
            "complementary",
        }


@pytest.mark.parametrize("scope", [MOLISA, ILO])
def test_the_same_cell_has_the_same_fate_on_every_surface(engine, scope):
    build_dominated(Builder(engine, summaries=False))
    by_province = programme_size(engine, scope, Y2024, by="province").set_index("province")
    for code in by_province.index:
        alone = programme_size(engine, scope, Filters(year_from=2024, provinces=(code,)))
        assert alone.iloc[0].suppressed == by_province.loc[code, "suppressed"]
        rates = non_compliance(engine, scope, Y2024, ("province",)).set_index("province")
        assert rates.loc[code, "suppressed"] == by_province.loc[code, "suppressed"]
