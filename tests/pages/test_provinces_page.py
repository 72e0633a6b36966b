"""Provinces page: the map of 34 (or 63) units with the data layer's figures in its
tooltips, the profile of a chosen province, and no hidden figure in what a constituent's
browser receives, whichever metric or province they pick."""

from __future__ import annotations

import pandas as pd
import pytest
from streamlit.testing.v1 import local_script_runner

from data_access.db import engine_for
from data_access.filters import Filters
from data_access.i18n import t
from data_access.indicators import non_compliance, programme_size
from data_access.reasons import reason_text
from tests.pages.dashboard_fixtures import (
    CONSTITUENTS,
    ROLES,
    SMALL_PROVINCES,
    assert_no_secrets,
    browser_payload,
    deck_features,
    decks,
    vega_charts,
)
from tests.pages.harness import all_text, page_scope, run_page
from ui import sections
from ui.charts import format_value
from ui.map_classes import SUPPRESSED_COLOUR

PAGE = "pages/provinces.py"
METRICS = ("factories", "workers", "women_share", "non_compliance", "social_dialogue")


def _fill(feature: dict) -> str:
    return "#" + "".join(f"{c:02x}" for c in feature["properties"]["fill"][:3])


def _by_code(at) -> dict[str, dict]:
    return {f["properties"]["code"]: f["properties"] for f in deck_features(at)}


@pytest.mark.parametrize("role", ROLES)
def test_runs_on_demo_data(role: str, demo_db_url: str) -> None:
    at = run_page(PAGE, role, db_url=demo_db_url)
    assert not at.exception
    assert len(deck_features(at)) == 34
    labels = [
        item["text"]
        for layer in decks(at)[0]["layers"]
        if layer["@@type"] == "TextLayer"
        for item in layer["data"]
    ]
    assert {"Quần đảo Hoàng Sa", "Quần đảo Trường Sa"} <= set(labels)
    assert decks(at)[0]["mapStyle"] == "__MAP_STYLE__"


@pytest.mark.parametrize("role", ROLES)
def test_empty_database_draws_an_empty_map_and_says_so(role: str, empty_db_url: str) -> None:
    at = run_page(PAGE, role, db_url=empty_db_url)
    assert not at.exception
    assert any(t("common.no_data", "vi") in info.value for info in at.info)
    bodies = [p["tt_body"] for p in _by_code(at).values()]
    assert len(bodies) == 34 and all(t("pages.maps.tooltip.no_data", "vi") in b for b in bodies)


@pytest.mark.parametrize("role", ["vgcl", "admin"])
def test_tooltips_hold_programme_size_by_province(role: str, demo_db_url: str) -> None:
    at = run_page(PAGE, role, db_url=demo_db_url)
    expected = programme_size(engine_for(demo_db_url), page_scope(role), Filters(), by="province")
    features = _by_code(at)
    assert expected["suppressed"].any(), "the demo data should exercise suppression"
    for row in expected.to_dict("records"):
        props = features[row["province"]]
        assert props["tt_title"] == row["province_name_vi"]
        if row["suppressed"] and role != "admin":
            assert _fill({"properties": props}) == SUPPRESSED_COLOUR
            assert t("pages.maps.tooltip.suppressed", "vi") in props["tt_body"]
            assert pd.isna(row["factories"])
        else:
            assert format_value(row["factories"], "count", "vi") in props["tt_body"]


def test_non_compliance_metric_shows_the_cluster_rate_with_its_fraction(demo_db_url: str) -> None:
    at = run_page(PAGE, "ilo", db_url=demo_db_url)
    at.selectbox(key="provinces_metric").set_value("non_compliance").run()
    at.selectbox(key="provinces_compliance").set_value("cluster:FA").run()
    assert not at.exception
    engine = engine_for(demo_db_url)
    expected = non_compliance(
        engine, page_scope("ilo"), Filters(clusters=("FA",)), by=("province",)
    )
    features = _by_code(at)
    for row in expected.to_dict("records"):
        body = features[row["province"]]["tt_body"]
        assert format_value(row["rate"], "share", "vi") in body
        assert f"{row['non_compliant']} trên {row['assessed']}" in body


def test_legacy_switch_draws_the_63_former_provinces(demo_db_url: str) -> None:
    at = run_page(PAGE, "molisa", db_url=demo_db_url)
    at.toggle(key="provinces_legacy").set_value(True).run()
    assert not at.exception
    features = deck_features(at)
    assert len(features) == 63
    binh_duong = next(f for f in features if f["properties"]["code"] == "74")
    assert "Nay thuộc Hồ Chí Minh" in binh_duong["properties"]["tt_body"]


def test_no_legacy_switch_for_a_period_after_the_reform(demo_db_url: str) -> None:
    at = run_page(PAGE, "molisa", db_url=demo_db_url, filters=Filters(year_from=2026, year_to=2026))
    assert not at.exception
    assert not [toggle for toggle in at.toggle if toggle.key == "provinces_legacy"]


def test_choosing_a_province_opens_its_profile(demo_db_url: str) -> None:
    at = run_page(PAGE, "molisa", db_url=demo_db_url)
    assert t("pages.provinces.pick_hint", "vi") in all_text(at)
    at.selectbox(key="provinces_profile").set_value("79").run()
    assert not at.exception
    text = all_text(at)
    assert "Hồ Chí Minh so với cả nước" in text
    # The profile's size table, national figure beside the province's.
    national = programme_size(engine_for(demo_db_url), page_scope("molisa"), Filters())
    here = programme_size(engine_for(demo_db_url), page_scope("molisa"), Filters(provinces=("79",)))
    size_table = at.dataframe[1].value if len(at.dataframe) > 1 else None
    assert size_table is not None
    row = size_table.iloc[0]
    assert row["Hồ Chí Minh"] == format_value(here["factories"].iloc[0], "count", "vi")
    assert row["Cả nước"] == format_value(national["factories"].iloc[0], "count", "vi")
    # Ho Chi Minh City was made of three former units.
    assert "Hợp thành từ 3 tỉnh, thành phố cũ" in text
    made_of = at.dataframe[-1].value
    assert {"Hồ Chí Minh", "Bình Dương", "Bà Rịa - Vũng Tàu"} <= set(made_of.iloc[:, 0])
    # The profile's four charts: non-compliance by cluster and social dialogue, each beside
    # the national figure; factories by year and sector; the province's trends by year.
    titles = [str(spec.get("title", "")) for spec, _ in vega_charts(at)]
    assert len(titles) == 4
    assert all("Hồ Chí Minh" in title for title in titles)
    # The chosen province is outlined on the map.
    assert any(layer["id"] == "selected" for layer in decks(at)[0]["layers"])


@pytest.mark.parametrize("role", CONSTITUENTS)
def test_constituents_receive_no_hidden_figure(role: str, leak_db_url: str) -> None:
    at = run_page(PAGE, role, db_url=leak_db_url)
    for metric in METRICS:
        at.selectbox(key="provinces_metric").set_value(metric).run()
        assert not at.exception, metric
        features = _by_code(at)
        for code in SMALL_PROVINCES:
            assert _fill({"properties": features[code]}) == SUPPRESSED_COLOUR, (metric, code)
            body = features[code]["tt_body"]
            assert t("pages.maps.tooltip.suppressed", "vi") in body
            assert reason_text("protected", "vi") in body, "one neutral reason for every cell"
        assert_no_secrets(browser_payload(at))
    at.toggle(key="provinces_legacy").set_value(True).run()
    assert_no_secrets(browser_payload(at))
    for code in ("01", "48", "79"):
        at.selectbox(key="provinces_profile").set_value(code).run()
        assert not at.exception
        assert_no_secrets(browser_payload(at))


def test_staff_see_the_small_provinces(leak_db_url: str) -> None:
    at = run_page(PAGE, "ilo", db_url=leak_db_url)
    at.selectbox(key="provinces_metric").set_value("workers").run()
    assert "12.347" in _by_code(at)["01"]["tt_body"]
    assert "Các bên ba bên thấy ô này bị ẩn" in _by_code(at)["01"]["tt_body"]


def _fragment_reruns(at, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the next `at.run()` a rerun of the page's fragments only, as the browser
    asks after a widget inside one changes (AppTest itself always reruns the page).

    The harness sets the page context itself rather than signing in through `ui.auth`,
    so the section's sign-in re-check is answered "still signed in" here; it has its
    own tests in tests/ui/test_sections.py."""
    monkeypatch.setattr(sections, "sign_in_ended", lambda _ctx: False)
    fragment_ids = list(at._fragment_storage._fragments)
    assert len(fragment_ids) == 1, "the map section is the page's one fragment"
    real = local_script_runner.RerunData
    monkeypatch.setattr(
        local_script_runner,
        "RerunData",
        lambda **data: real(**data, fragment_id_queue=list(fragment_ids)),
    )


def test_choosing_a_metric_reruns_the_map_section_alone(
    demo_db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = run_page(PAGE, "molisa", db_url=demo_db_url)
    at.selectbox(key="provinces_profile").set_value("79").run()
    assert "Hồ Chí Minh so với cả nước" in all_text(at)
    _fragment_reruns(at, monkeypatch)
    at.selectbox(key="provinces_metric").set_value("workers").run()
    assert not at.exception
    bodies = [p["tt_body"] for p in _by_code(at).values()]
    assert len(bodies) == 34
    assert all(b.startswith(t("pages.provinces.metric.workers", "vi")) for b in bodies)
    # The profile (and the page heading) were not drawn again: they stay in the browser.
    assert "Hồ Chí Minh so với cả nước" not in all_text(at)
    assert not [box for box in at.selectbox if box.key == "provinces_profile"]
    assert not vega_charts(at)
