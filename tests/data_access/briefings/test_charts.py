"""Chart images are made on the server, offline: data inline, no URL anywhere in the
spec, fetching forbidden, and GeoJSON rings turned the way d3-geo expects."""

from __future__ import annotations

import json

import altair as alt
import pytest
import vl_convert

from data_access.briefings import charts
from data_access.briefings.document import png_size


def test_map_of_the_country_renders_with_the_archipelagos() -> None:
    chart = charts.choropleth(
        [charts.Area("79", 0.66), charts.Area("01", 0.5), charts.Area("66", None, hidden=True)],
        level="province",
        lang="vi",
        title="Tỷ lệ không tuân thủ về Làm thêm giờ",
        legend_title="Không tuân thủ",
        hidden_label="Không hiển thị",
    )
    spec_dict = chart.to_dict()
    spec_dict.pop("$schema")  # an identifier, never fetched
    spec = json.dumps(spec_dict, ensure_ascii=False)
    assert "http" not in spec and '"url"' not in spec
    assert "Quần đảo Hoàng Sa" in spec and "Quần đảo Trường Sa" in spec
    png = charts.render_png(chart, "vi")
    width, height = png_size(png)
    assert width > 600 and height > 800  # the whole country, not a sliver


def test_map_zooms_to_one_province_by_former_province() -> None:
    chart = charts.choropleth(
        [charts.Area("79", 0.7), charts.Area("74", None, hidden=True)],
        level="legacy_province",
        lang="vi",
        title="Hồ Chí Minh",
        legend_title="x",
        hidden_label="y",
        focus=("79",),
    )
    spec = chart.to_dict()
    names = {feature["properties"]["name_vi"] for feature in spec["datasets"]["areas"]}
    assert spec["datasets"]["archipelagos"] == []  # a zoomed map leaves the islands out
    assert names == {"Hồ Chí Minh", "Bình Dương", "Bà Rịa - Vũng Tàu"}
    assert png_size(charts.render_png(chart, "vi"))[0] > 0


def test_rings_are_reversed_for_d3() -> None:
    ring = [[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]
    turned = charts._d3_rings({"type": "Polygon", "coordinates": [ring]})
    assert turned["coordinates"][0] == list(reversed(ring))


def test_bars_and_lines_render_vietnamese() -> None:
    bars = charts.paired_bars(
        [("Thừa Thiên Huế", 0.5, 0.4), ("Đắk Lắk", None, 0.3)],
        title="Đắk Lắk",
        before_label="2024",
        after_label="2025",
        value_title="Tỷ lệ",
    )
    lines = charts.trend_lines(
        [(2023, "Làm thêm giờ", 0.7), (2024, "Làm thêm giờ", None), (2025, "Làm thêm giờ", 0.6)],
        title="Xu hướng",
        value_title="Tỷ lệ",
        series_title="Điểm",
    )
    for chart in (bars, lines):
        assert png_size(charts.render_png(chart, "vi"))[0] > 0


def test_a_remote_url_is_refused() -> None:
    """What `render_png` relies on: with no allowed base URL, vl-convert fetches nothing."""
    remote = alt.Chart(alt.UrlData("https://example.org/data.csv")).mark_point().encode(x="a:Q")
    with pytest.raises(ValueError):
        vl_convert.vegalite_to_png(remote.to_dict(), allowed_base_urls=[])
