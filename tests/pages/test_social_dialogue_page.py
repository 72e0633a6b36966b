"""Social dialogue page: cards with change, coverage, where agreements are rare, the
women's gap and FA/CB non-compliance, all equal to the data layer's figures."""

from __future__ import annotations

import pytest

from data_access.db import engine_for
from data_access.filters import Filters
from data_access.i18n import t
from data_access.indicators import fa_cb_non_compliance, social_dialogue
from data_access.indicators.headline import social_dialogue_change
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
from tests.pages.harness import page_scope, run_page
from ui.charts import format_value

PAGE = "pages/social_dialogue.py"


def _chart(at, title_part: str):
    for spec, frames in vega_charts(at):
        if title_part in str(spec.get("title")):
            return frames
    raise AssertionError(f"No chart titled like {title_part!r}")


@pytest.mark.parametrize("role", ROLES)
def test_runs_on_demo_data(role: str, demo_db_url: str) -> None:
    at = run_page(PAGE, role, db_url=demo_db_url)
    assert not at.exception
    assert len(at.metric) == 9
    assert len(vega_charts(at)) == 5


@pytest.mark.parametrize("role", ROLES)
def test_empty_database_says_there_is_no_data(role: str, empty_db_url: str) -> None:
    at = run_page(PAGE, role, db_url=empty_db_url)
    assert not at.exception
    assert any(t("common.no_data", "vi") in info.value for info in at.info)


@pytest.mark.parametrize("role", ["vgcl", "ilo"])
def test_cards_show_the_latest_year_and_its_change(role: str, demo_db_url: str) -> None:
    engine = engine_for(demo_db_url)
    before, after = _periods(engine)
    expected = social_dialogue_change(engine, page_scope(role), before, after)
    at = run_page(PAGE, role, db_url=demo_db_url)
    shown = {m.label: (m.value, m.delta) for m in at.metric}
    for row in expected.to_dict("records"):
        value, delta = shown[t(f"pages.dialogue.card.{row['measure']}", "vi")]
        assert value == format_value(row["value_after"], "share", "vi")
        assert delta is not None


def test_rare_agreements_are_ranked_lowest_first(demo_db_url: str) -> None:
    engine = engine_for(demo_db_url)
    expected = social_dialogue(engine, page_scope("vgcl"), Filters(), by="province")
    expected = expected[(expected["measure"] == "cba_in_force") & expected["value"].notna()]
    at = run_page(PAGE, "vgcl", db_url=demo_db_url)
    spec, frames = next(
        (s, f) for s, f in vega_charts(at) if "thấp nhất trước" in str(s.get("title"))
    )
    order = spec["layer"][0]["encoding"]["y"]["sort"]
    lowest = expected.sort_values("value", kind="stable").iloc[0]
    assert order[0] == lowest["province_name_vi"]
    got = dict(zip(frames[0]["label"], frames[0]["value"], strict=True))
    assert got[lowest["province_name_vi"]] == pytest.approx(float(lowest["value"]))


def test_women_gap_sets_committee_share_beside_workforce_share(demo_db_url: str) -> None:
    engine = engine_for(demo_db_url)
    expected = social_dialogue(engine, page_scope("molisa"), Filters(), by="sector")
    at = run_page(PAGE, "molisa", db_url=demo_db_url)
    frame = _chart(at, "Tỷ lệ nữ trong ủy ban hai bên và trong người lao động")[0]
    for measure in ("picc_women_share", "workforce_women_share"):
        for row in expected[expected["measure"] == measure].to_dict("records"):
            got = frame[
                (frame["label"] == row["sector_name_vi"])
                & (frame["series"] == row["measure_name_vi"])
            ]
            assert got["value"].iloc[0] == pytest.approx(float(row["value"]))
    assert "Cả nước" in set(frame["label"])
    at.radio(key="dialogue_women_by").set_value("province").run()
    assert not at.exception


def test_fa_cb_trend_holds_the_cluster_and_its_points(demo_db_url: str) -> None:
    engine = engine_for(demo_db_url)
    expected = fa_cb_non_compliance(engine, page_scope("vcci"), Filters())
    at = run_page(PAGE, "vcci", db_url=demo_db_url)
    frame = _chart(at, "tự do hiệp hội và thương lượng tập thể, theo năm")[0]
    shown = expected[expected["rate"].notna()]
    assert len(frame) == len(shown)
    assert set(frame["series"]) == set(shown["name_vi"])


@pytest.mark.parametrize("role", CONSTITUENTS)
def test_constituents_receive_no_hidden_figure(role: str, leak_db_url: str) -> None:
    at = run_page(PAGE, role, db_url=leak_db_url)
    assert not at.exception
    assert_no_secrets(browser_payload(at))
    assert hidden_rows_are_empty(at) > 0
    at.radio(key="dialogue_women_by").set_value("province").run()
    assert_no_secrets(browser_payload(at))


def _periods(engine) -> tuple[Filters, Filters]:
    found = comparison(Filters(), reference(engine))
    assert found is not None
    return found.before, found.after
