"""The province map's deck: the right units, no basemap, the archipelagos, and never a
suppressed value in what the browser receives."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pandas as pd
import pytest

from ui.map_classes import EMPTY_COLOUR, SUPPRESSED_COLOUR, class_breaks, class_labels
from ui.maps import (
    ARCHIPELAGO_LAYER,
    PROVINCE_LAYER,
    MapMetric,
    archipelago_names,
    build_province_map,
    has_selection,
    selected_code,
)

SECRET_VALUE = 0.734219
SECRET_NUMERATOR = 918273
SECRET_DENOMINATOR = 987654


def _frame(code_column: str = "province_code") -> pd.DataFrame:
    return pd.DataFrame(
        {
            code_column: ["79", "01", "48", "75"],
            "value": [0.25, 0.5, SECRET_VALUE, 0.4],
            "numerator": [10, 20, SECRET_NUMERATOR, 8],
            "denominator": [40, 40, SECRET_DENOMINATOR, 20],
            "suppressed": [False, False, True, False],
            "suppression_reason": ["", "", "protected", ""],
        }
    )


def _deck(built) -> dict:
    return json.loads(built.deck.to_json())


def _features(deck: dict, layer_id: str) -> list[dict]:
    layer = next(layer for layer in deck["layers"] if layer["id"] == layer_id)
    return layer["data"]


def _secret_texts() -> list[str]:
    return [
        "918273",
        "918.273",
        "918,273",
        "987654",
        "987.654",
        "987,654",
        "73,4",
        "73.4",
        "0.734219",
        "734219",
    ]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_constituent_deck_never_carries_a_suppressed_value(lang: str) -> None:
    built = build_province_map(_frame(), MapMetric("Rate", kind="share"), lang, staff=False)
    text = built.deck.to_json()
    for secret in _secret_texts():
        assert secret not in text, secret
    da_nang = next(
        f for f in _features(_deck(built), PROVINCE_LAYER) if f["properties"]["code"] == "48"
    )
    fill = "#" + "".join(f"{c:02x}" for c in da_nang["properties"]["fill"][:3])
    assert fill == SUPPRESSED_COLOUR
    reason = (
        "Ẩn để bảo mật: ô này hoặc một ô liên quan có dưới 5 nhà máy"
        if lang == "vi"
        else "Hidden for confidentiality: this cell or a related one has fewer than 5 factories"
    )
    assert reason in da_nang["properties"]["tt_body"]


def test_features_carry_only_drawing_properties() -> None:
    frame = _frame().assign(factory_name="Công ty May Bí Mật", secret_column="XYZ-SECRET")
    built = build_province_map(frame, MapMetric("Rate", kind="share"), "vi", staff=True)
    text = built.deck.to_json()
    assert "Bí Mật" not in text and "XYZ-SECRET" not in text
    for feature in _features(_deck(built), PROVINCE_LAYER):
        assert set(feature["properties"]) == {"code", "fill", "tt_title", "tt_body"}


def test_staff_see_the_value_and_are_told_it_is_suppressed_for_constituents() -> None:
    built = build_province_map(_frame(), MapMetric("Rate", kind="share"), "en", staff=True)
    da_nang = next(
        f for f in _features(_deck(built), PROVINCE_LAYER) if f["properties"]["code"] == "48"
    )
    body = da_nang["properties"]["tt_body"]
    assert "73.4%" in body and "918,273 of 987,654" in body
    assert "Constituents see this as suppressed" in body


def test_tooltip_gives_value_fraction_and_localised_name() -> None:
    built = build_province_map(_frame(), MapMetric("Tỷ lệ", kind="share"), "vi")
    hcm = next(
        f for f in _features(_deck(built), PROVINCE_LAYER) if f["properties"]["code"] == "79"
    )
    assert hcm["properties"]["tt_title"] == "Hồ Chí Minh"
    assert "25,0" in hcm["properties"]["tt_body"] and "10 trên 40" in hcm["properties"]["tt_body"]
    built_en = build_province_map(_frame(), MapMetric("Rate", kind="share"), "en")
    hanoi = next(
        f for f in _features(_deck(built_en), PROVINCE_LAYER) if f["properties"]["code"] == "01"
    )
    assert hanoi["properties"]["tt_title"] == "Ha Noi"


def test_every_feature_has_every_tooltip_key() -> None:
    """Streamlit leaves "{key}" on screen when a picked object lacks the key."""
    built = build_province_map(_frame(), MapMetric("Rate", kind="share"), "vi")
    deck = _deck(built)
    for layer_id in (PROVINCE_LAYER, ARCHIPELAGO_LAYER):
        for feature in _features(deck, layer_id):
            assert feature["properties"]["tt_title"] and feature["properties"]["tt_body"]


def test_no_basemap_is_requested() -> None:
    deck = _deck(build_province_map(_frame(), MapMetric("x"), "vi"))
    # pydeck's sentinel: Streamlit draws a Carto basemap when mapStyle is absent.
    assert deck.get("mapStyle") == "__MAP_STYLE__"
    assert "mapProvider" not in deck
    assert "carto" not in json.dumps(deck).lower() and "mapbox" not in json.dumps(deck).lower()


@pytest.mark.parametrize(
    ("level", "units", "column"), [("current", 34, "province_code"), ("legacy", 63, "legacy_code")]
)
def test_level_draws_every_unit(level: str, units: int, column: str) -> None:
    built = build_province_map(_frame(column), MapMetric("x"), "vi", level=level)  # type: ignore[arg-type]
    features = _features(_deck(built), PROVINCE_LAYER)
    assert len(features) == units
    empty = [f for f in features if f["properties"]["code"] not in {"79", "01", "48", "75"}]
    assert all(
        "#" + "".join(f"{c:02x}" for c in f["properties"]["fill"][:3]) == EMPTY_COLOUR
        for f in empty
    )
    assert str(units) in built.alt


def test_legacy_tooltip_names_the_current_province() -> None:
    frame = pd.DataFrame(
        {"legacy_code": ["74"], "value": [12], "suppressed": [False], "suppression_reason": [""]}
    )
    built = build_province_map(frame, MapMetric("Nhà máy"), "vi", level="legacy")
    binh_duong = next(
        f for f in _features(_deck(built), PROVINCE_LAYER) if f["properties"]["code"] == "74"
    )
    assert binh_duong["properties"]["tt_title"] == "Bình Dương"
    assert "Nay thuộc Hồ Chí Minh" in binh_duong["properties"]["tt_body"]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_archipelagos_are_drawn_and_labelled(lang: str) -> None:
    deck = _deck(build_province_map(_frame(), MapMetric("x"), lang))
    assert len(_features(deck, ARCHIPELAGO_LAYER)) == 2
    labels = next(layer for layer in deck["layers"] if layer["@@type"] == "TextLayer")
    texts = [item["text"] for item in labels["data"]]
    names = archipelago_names(lang)
    assert set(names) <= set(texts)
    expected = (
        {"Quần đảo Hoàng Sa", "Quần đảo Trường Sa"}
        if lang == "vi"
        else {"Hoang Sa (Paracel) Islands", "Truong Sa (Spratly) Islands"}
    )
    assert set(names) == expected
    # The font atlas must hold every character drawn, or "ả" and "ờ" come out blank.
    assert set("".join(texts)) <= set(labels["characterSet"])
    assert not labels["characterSet"].startswith("@@=")


def test_selected_province_is_outlined_and_labelled() -> None:
    deck = _deck(build_province_map(_frame(), MapMetric("x"), "vi", selected=("79",)))
    assert any(layer["id"] == "selected" for layer in deck["layers"])
    labels = next(layer for layer in deck["layers"] if layer["@@type"] == "TextLayer")
    assert "Hồ Chí Minh" in [item["text"] for item in labels["data"]]


def test_legacy_selection_outlines_the_former_units_unlabelled() -> None:
    built = build_province_map(
        _frame("legacy_code"), MapMetric("x"), "vi", level="legacy", selected=("74", "77", "79")
    )
    deck = _deck(built)
    outlined = next(layer for layer in deck["layers"] if layer["id"] == "selected")
    assert {f["properties"]["code"] for f in outlined["data"]} == {"74", "77", "79"}
    labels = next(layer for layer in deck["layers"] if layer["@@type"] == "TextLayer")
    assert len(labels["data"]) == 2


def test_empty_frame_gives_an_all_empty_map_and_legend() -> None:
    built = build_province_map(pd.DataFrame(), MapMetric("x"), "en")
    features = _features(_deck(built), PROVINCE_LAYER)
    assert {tuple(f["properties"]["fill"]) for f in features} == {(240, 240, 240, 235)}
    assert [entry.colour for entry in built.legend] == [EMPTY_COLOUR]


def test_legend_lists_classes_then_suppressed_then_empty() -> None:
    built = build_province_map(_frame(), MapMetric("x", kind="share", worse_when_high=True), "vi")
    colours = [entry.colour for entry in built.legend]
    assert colours[-2:] == [SUPPRESSED_COLOUR, EMPTY_COLOUR]
    assert len(colours) >= 3
    staff = build_province_map(_frame(), MapMetric("x", kind="share"), "vi", staff=True)
    assert SUPPRESSED_COLOUR not in [entry.colour for entry in staff.legend]


def test_class_breaks_are_rounded_quantiles() -> None:
    assert class_breaks([], "count") == []
    assert class_breaks([5, 5, 5], "count") == []
    breaks = class_breaks([1, 2, 3, 10, 40, 80, 200, 410], "count")
    assert breaks == sorted(set(breaks)) and breaks[0] > 1 and breaks[-1] <= 410
    assert all(b == round(b) for b in breaks)
    shares = class_breaks([0.111, 0.223, 0.35, 0.52, 0.61, 0.77], "share")
    assert all(round(b, 2) == b for b in shares)
    labels = class_labels([10.0, 50.0], "count", "vi")
    assert labels == ["< 10", "10 – < 50", "≥ 50"]


def test_selected_code_reads_the_pydeck_event() -> None:
    def event(objects: dict) -> SimpleNamespace:
        return SimpleNamespace(selection=SimpleNamespace(objects=objects))

    assert selected_code(event({PROVINCE_LAYER: [{"properties": {"code": "79"}}]})) == "79"
    assert selected_code(event({ARCHIPELAGO_LAYER: [{"properties": {"code": ""}}]})) is None
    assert selected_code(event({})) is None
    assert selected_code(None) is None
    assert has_selection(event({ARCHIPELAGO_LAYER: [{"properties": {"code": ""}}]}))
    assert not has_selection(event({})) and not has_selection(None)
