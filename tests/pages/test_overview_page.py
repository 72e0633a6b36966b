"""Overview page: runs for every role on the demo data and on an empty database, shows
the data layer's own figures, and sends a constituent nothing hidden."""

from __future__ import annotations

import pandas as pd
import pytest

from data_access.db import engine_for
from data_access.filters import Filters
from data_access.i18n import t
from data_access.indicators import programme_size, top_non_compliance
from data_access.indicators.headline import programme_size_change
from data_access.periods import comparison
from data_access.refdata import reference
from tests.pages.dashboard_fixtures import (
    CONSTITUENTS,
    ROLES,
    assert_no_secrets,
    browser_payload,
    hidden_rows_are_empty,
    vega_charts,
)
from tests.pages.harness import all_text, page_scope, run_page
from ui.charts import format_value

PAGE = "pages/overview.py"


@pytest.mark.parametrize("role", ROLES)
def test_runs_on_demo_data(role: str, demo_db_url: str) -> None:
    at = run_page(PAGE, role, db_url=demo_db_url)
    assert not at.exception
    assert at.title[0].value == "Tổng quan"
    assert len(at.metric) == 6
    assert len(vega_charts(at)) == 3
    assert "Đang xem: Tất cả ngành" in all_text(at)
    assert "Số liệu tính đến" in all_text(at)


@pytest.mark.parametrize("role", ROLES)
def test_empty_database_says_there_is_no_data(role: str, empty_db_url: str) -> None:
    at = run_page(PAGE, role, db_url=empty_db_url)
    assert not at.exception
    assert any(t("common.no_data", "vi") in info.value for info in at.info)
    assert not at.metric and not vega_charts(at)


def test_english(demo_db_url: str) -> None:
    at = run_page(PAGE, "vgcl", lang="en", db_url=demo_db_url)
    assert not at.exception
    assert at.title[0].value == "Overview"
    assert [m.label for m in at.metric][:2] == ["Participating factories", "Workers"]


@pytest.mark.parametrize("role", ["molisa", "ilo"])
def test_cards_show_the_headline_frame(role: str, demo_db_url: str) -> None:
    at = run_page(PAGE, role, db_url=demo_db_url)
    engine = engine_for(demo_db_url)
    before, after = _periods(engine)
    frame = programme_size_change(engine, page_scope(role), before, after)
    shown = {m.label: m.value for m in at.metric}
    for row in frame.to_dict("records"):
        kind = "share" if row["measure"] == "women_share" else "count"
        label = t(f"pages.overview.card.{row['measure']}", "vi")
        assert shown[label] == format_value(row["value_after"], kind, "vi")


def test_a_year_still_running_is_compared_with_the_same_months_before(demo_db_url: str) -> None:
    """The demo data stop on their last assessment day inside the latest year: the cards
    set that part year beside the same months of the year before, and say so."""
    engine = engine_for(demo_db_url)
    last = reference(engine).last_assessed_on
    before, after = _periods(engine)
    assert after.period_end == last and after.period_start == last.replace(month=1, day=1)
    assert before.period_end == last.replace(year=last.year - 1)
    at = run_page(PAGE, "molisa", db_url=demo_db_url)
    caption = t(
        "pages.caption.comparison",
        "vi",
        comparison=comparison(Filters(), reference(engine)).describe("vi"),
    )
    assert caption in all_text(at)
    factories = programme_size_change(engine, page_scope("molisa"), before, after)
    change = factories.set_index("measure").loc["factories", "change"]
    assert abs(change) < 0.1 * factories.set_index("measure").loc["factories", "value_after"], (
        "like with like: no fall from comparing part of a year with all of one"
    )


def test_growth_chart_holds_programme_size_by_year_and_sector(demo_db_url: str) -> None:
    at = run_page(PAGE, "molisa", db_url=demo_db_url)
    engine = engine_for(demo_db_url)
    expected = programme_size(engine, page_scope("molisa"), Filters(), by=("year", "sector"))
    stack = next(
        frame
        for _, frames in vega_charts(at)
        for frame in frames
        if "series" in frame and "year" in frame
    )
    assert len(stack) == len(expected)
    got = dict(zip(zip(stack["year"], stack["series"]), stack["value"], strict=True))
    for row in expected.to_dict("records"):
        value = got[(row["year"], row["sector_name_vi"])]
        if pd.isna(row["factories"]):
            assert pd.isna(value)
        else:
            assert value == row["factories"]


def test_top_points_are_the_data_layer_ranking(demo_db_url: str) -> None:
    at = run_page(PAGE, "vcci", db_url=demo_db_url)
    engine = engine_for(demo_db_url)
    expected = top_non_compliance(engine, page_scope("vcci"), Filters(), n=5)
    _, frames = vega_charts(at)[0]
    assert list(frames[0]["label"]) == list(expected["compliance_point_name_vi"])
    assert list(frames[0]["value"]) == pytest.approx(list(expected["rate"].astype(float)))


@pytest.mark.parametrize("role", CONSTITUENTS)
def test_constituents_receive_no_hidden_figure(role: str, leak_db_url: str) -> None:
    at = run_page(PAGE, role, db_url=leak_db_url)
    assert not at.exception
    assert_no_secrets(browser_payload(at))
    assert hidden_rows_are_empty(at) > 0
    at.radio(key="overview_growth_measure").set_value("workers").run()
    assert not at.exception
    assert_no_secrets(browser_payload(at))
    assert hidden_rows_are_empty(at) > 0


def test_staff_do_see_the_planted_figures(leak_db_url: str) -> None:
    """The secrets are reachable at all: otherwise the test above could not fail."""
    at = run_page(PAGE, "ilo", db_url=leak_db_url)
    at.radio(key="overview_growth_measure").set_value("workers").run()
    assert "12.347" in browser_payload(at)


def _periods(engine) -> tuple[Filters, Filters]:
    found = comparison(Filters(), reference(engine))
    assert found is not None
    return found.before, found.after
