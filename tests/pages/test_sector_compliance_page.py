"""Sector compliance page: heat maps, rankings, trends and the two-period comparison show
the data layer's rates, core standards and national law apart, nothing hidden leaks."""

from __future__ import annotations

import pytest

from data_access.db import engine_for
from data_access.filters import Filters
from data_access.i18n import fmt_points, t
from data_access.indicators import non_compliance, non_compliance_change
from data_access.look import GROUP_COLOURS
from tests.pages.dashboard_fixtures import (
    CONSTITUENTS,
    ROLES,
    assert_no_secrets,
    browser_payload,
    hidden_rows_are_empty,
    vega_charts,
)
from tests.pages.harness import all_text, page_scope, run_page

PAGE = "pages/sector_compliance.py"
FOOTWEAR_2025 = Filters(year_from=2025, year_to=2025, sectors=("footwear",))


def _chart(at, title_part: str):
    """The datasets of the chart whose title contains `title_part`."""
    for spec, frames in vega_charts(at):
        title = spec.get("title")
        text = title if isinstance(title, str) else (title or {}).get("text", "")
        if title_part in str(text):
            return frames
    raise AssertionError(f"No chart titled like {title_part!r}")


@pytest.mark.parametrize("role", ROLES)
def test_runs_on_demo_data(role: str, demo_db_url: str) -> None:
    at = run_page(PAGE, role, db_url=demo_db_url)
    assert not at.exception
    # Each cluster group (core standards, national law) has its ranking, heat map, trend
    # and two-year comparison, and the trends tab adds one linked bars-and-trend chart;
    # the first three tabs head each group's chart with the group's name.
    assert len(vega_charts(at)) == 4 * len(GROUP_COLOURS) + 1
    headings = [h.value for h in at.subheader]
    assert headings.count("Tiêu chuẩn lao động cốt lõi") == 3
    assert headings.count("Luật lao động quốc gia") == 3


@pytest.mark.parametrize("role", ROLES)
def test_empty_database_says_there_is_no_data(role: str, empty_db_url: str) -> None:
    at = run_page(PAGE, role, db_url=empty_db_url)
    assert not at.exception
    assert any(t("common.no_data", "vi") in info.value for info in at.info)


def test_heatmap_holds_the_cluster_by_sector_rates(demo_db_url: str) -> None:
    at = run_page(PAGE, "vcci", db_url=demo_db_url)
    expected = non_compliance(
        engine_for(demo_db_url), page_scope("vcci"), Filters(), by=("cluster", "sector")
    )
    core = expected[expected["cluster_group"] == "core"]
    frame = _chart(at, "theo ngành — Tiêu chuẩn lao động cốt lõi")[0]
    got = {(r["row"], r["column"]): r["value"] for r in frame.to_dict("records")}
    assert len(got) == len(core)
    for row in core.to_dict("records"):
        value = got[(row["cluster_name_vi"], row["sector_name_vi"])]
        assert (
            (value is None or value != value)
            if row["suppressed"]
            else value == pytest.approx(float(row["rate"]))
        )


def test_worst_points_in_footwear_this_year_and_the_change_since_last_year(
    demo_db_url: str,
) -> None:
    """The question a ministry official brings: which points are worst in footwear in
    2025, and how did that change since 2024."""
    engine = engine_for(demo_db_url)
    at = run_page(PAGE, "molisa", db_url=demo_db_url, filters=FOOTWEAR_2025)
    assert not at.exception
    assert "Giày dép" in all_text(at) and "2025" in all_text(at)
    expected = non_compliance(engine, page_scope("molisa"), FOOTWEAR_2025)
    national = expected[expected["cluster_group"] == "national"]
    ranked = _chart(at, "theo điểm tuân thủ — Luật lao động quốc gia")[0]
    worst = national.sort_values("rate", ascending=False, kind="stable").iloc[0]
    top = ranked.sort_values("value", ascending=False, kind="stable").iloc[0]
    assert top["label"] == worst["compliance_point_name_vi"]
    assert top["value"] == pytest.approx(float(worst["rate"]))
    assert at.selectbox(key="sector_compare_before").value == 2024
    assert at.selectbox(key="sector_compare_after").value == 2025
    change = non_compliance_change(
        engine,
        page_scope("molisa"),
        Filters(year_from=2024, year_to=2024, sectors=("footwear",)),
        FOOTWEAR_2025,
    )
    shown = " ".join(frame.value.to_string() for frame in at.dataframe)
    # In the demo data a few footwear factories joined or left between the two years:
    # every rate change would be theirs, so constituents are not given it (the change
    # rule), while staff see it, flagged.
    assert change["change"].isna().all()
    staff = non_compliance_change(
        engine,
        page_scope("ilo"),
        Filters(year_from=2024, year_to=2024, sectors=("footwear",)),
        FOOTWEAR_2025,
    )
    assert set(staff["suppression_reason"]) == {"change"} and staff["change"].notna().all()
    for value in staff["change"].head(5):
        assert fmt_points(float(value), "vi", decimals=1) not in shown or value == 0


def test_same_factories_comparison(demo_db_url: str) -> None:
    at = run_page(PAGE, "ilo", db_url=demo_db_url)
    at.checkbox(key="sector_compare_same").check().run()
    assert not at.exception
    assert t("periods.basis.same_factories", "vi") in all_text(at)


def test_compliance_point_rows_and_english(demo_db_url: str) -> None:
    at = run_page(PAGE, "vgcl", lang="en", db_url=demo_db_url)
    at.radio(key="sector_heatmap_level").set_value("compliance_point").run()
    assert not at.exception
    assert at.title[0].value == "Compliance by sector"
    frame = _chart(at, "Non-compliance by sector — Core labour standards")[0]
    assert "Collective Bargaining" in set(frame["row"])


@pytest.mark.parametrize("role", CONSTITUENTS)
def test_constituents_receive_no_hidden_figure(role: str, leak_db_url: str) -> None:
    at = run_page(PAGE, role, db_url=leak_db_url)
    assert not at.exception
    assert_no_secrets(browser_payload(at))
    assert hidden_rows_are_empty(at) > 0
    at.radio(key="sector_heatmap_level").set_value("compliance_point").run()
    assert_no_secrets(browser_payload(at))
    at = run_page(PAGE, role, db_url=leak_db_url, filters=Filters(sectors=("footwear",)))
    assert not at.exception
    assert_no_secrets(browser_payload(at))
    assert "Công ty" not in browser_payload(at)
