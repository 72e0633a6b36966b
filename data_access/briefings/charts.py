"""Static chart images for briefings: Altair specs rendered to PNG by vl-convert.

The on-screen map is pydeck, which needs a browser; a briefing needs a picture made on
the server, so the map is redrawn here as an Altair geoshape from the same committed
geometry (`data_access.geo`). vl-convert runs offline by construction: every spec
carries its data inline, `allowed_base_urls=[]` forbids any fetch, and the only font
is DejaVu Sans from `assets/fonts`, registered once per process.

Values arrive already suppressed (NA) from the indicator functions run under the
audience's scope; a hidden value is drawn grey and named as hidden, never estimated.
Colours and the number locale are the screen's (`data_access.look`): Okabe–Ito for
categories, ColorBrewer YlOrRd where more is worse.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import altair as alt
import vl_convert

from data_access.config import REPO_ROOT
from data_access.geo import (
    archipelagos_geojson,
    current_provinces_geojson,
    legacy_provinces_geojson,
)
from data_access.i18n import normalise_language
from data_access.look import INK, NUMBER_LOCALES, OKABE_ITO, PRINT_SERIES, WORSE_HIGH_SCHEME

FONT_DIR = REPO_ROOT / "assets" / "fonts"
FONT = "DejaVu Sans"
SCALE = 2.0
WIDTH = 620
#: The earlier period: a light tint of the later period's Okabe–Ito blue.
BEFORE_COLOUR = "#9BB7D4"
HIDDEN_GREY = "#d4d4d4"
OUTLINE = "#7a7a7a"
OUTLINE_DATA = "areas"
ISLANDS_DATA = "archipelagos"

_fonts_lock = threading.Lock()
_fonts_registered = False


def _register_fonts() -> None:
    global _fonts_registered
    with _fonts_lock:
        if not _fonts_registered:
            vl_convert.register_font_directory(str(FONT_DIR))
            _fonts_registered = True


def _config() -> dict[str, Any]:
    return {
        "font": FONT,
        "view": {"stroke": None},
        "axis": {"labelFontSize": 11, "titleFontSize": 11, "labelColor": INK, "titleColor": INK},
        "legend": {"labelFontSize": 11, "titleFontSize": 11, "labelLimit": 260},
        "title": {"fontSize": 13, "anchor": "start", "color": INK},
        "background": "white",
    }


@dataclass(frozen=True)
class GeoChart:
    """An Altair chart whose geometry travels as named datasets, added only when the
    spec is written: Altair deep-copies and validates inline data on every step, which
    for 6,000 province vertices costs seconds; a named dataset costs nothing."""

    chart: alt.TopLevelMixin
    datasets: dict[str, list[dict[str, Any]]]

    def to_dict(self) -> dict[str, Any]:
        spec = self.chart.to_dict()
        spec["datasets"] = {**spec.get("datasets", {}), **self.datasets}
        return spec


def render_png(chart: alt.TopLevelMixin | GeoChart, lang: str) -> bytes:
    """The chart as a PNG at twice its CSS size (about 200 dpi across an A4 text width)."""
    _register_fonts()
    spec = chart.to_dict()
    spec["config"] = {**_config(), **spec.get("config", {})}
    return vl_convert.vegalite_to_png(
        spec,
        scale=SCALE,
        allowed_base_urls=[],
        format_locale=NUMBER_LOCALES[normalise_language(lang)],
    )


# --- map --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Area:
    """One province (or former province) on the map: its value (0..1, None when hidden
    or without factories), the label to print beside it, and whether it was hidden."""

    code: str
    value: float | None
    hidden: bool = False


def _d3_rings(geometry: dict[str, Any]) -> dict[str, Any]:
    """GeoJSON (RFC 7946) winds outer rings counter-clockwise; d3-geo, which Vega uses,
    reads that as "everything but the polygon" and floods the map. Reverse them."""

    def polygon(rings: list[list[list[float]]]) -> list[list[list[float]]]:
        return [list(reversed(ring)) for ring in rings]

    if geometry["type"] == "Polygon":
        return {"type": "Polygon", "coordinates": polygon(geometry["coordinates"])}
    if geometry["type"] == "MultiPolygon":
        return {
            "type": "MultiPolygon",
            "coordinates": [polygon(part) for part in geometry["coordinates"]],
        }
    return geometry


def _features(
    collection: dict[str, Any], code_field: str, keep: set[str] | None
) -> list[dict[str, Any]]:
    features = []
    for feature in collection["features"]:
        properties = feature["properties"]
        parent = properties.get("province_code")
        if keep is not None and properties.get(code_field) not in keep and parent not in keep:
            continue
        features.append(
            {
                "type": "Feature",
                "geometry": _d3_rings(feature["geometry"]),
                "properties": properties,
            }
        )
    return features


def _area_features(
    areas: Sequence[Area], level: str, lang: str, keep: set[str] | None, hidden_label: str
) -> list[dict[str, Any]]:
    """The level's features (only `keep`'s when given), each carrying its area's value,
    its hidden status (the legend's words) and its name in `lang`."""
    code_field = "province_code" if level == "province" else "legacy_code"
    source = current_provinces_geojson() if level == "province" else legacy_provinces_geojson()
    features = _features(source, code_field, keep)
    by_code = {area.code: area for area in areas}
    for feature in features:
        properties = feature["properties"]
        area = by_code.get(properties.get(code_field))
        properties["value"] = area.value if area is not None else None
        properties["status"] = hidden_label if area is not None and area.hidden else None
        properties["name"] = properties[f"name_{lang}"]
    return features


def _value_layer(outline: alt.NamedData, legend_title: str, values: list[float]) -> alt.Chart:
    """Areas with a value, on a scale from the lowest to the highest shown."""
    low, high = min(values, default=0.0), max(values, default=1.0)
    return (
        alt.Chart(outline)
        .transform_filter("isValid(datum.properties.value)")
        .mark_geoshape(stroke="white", strokeWidth=0.6)
        .encode(
            color=alt.Color(
                "properties.value:Q",
                title=legend_title,
                scale=alt.Scale(scheme=WORSE_HIGH_SCHEME, domain=[_floor(low), _ceil(high)]),
                legend=alt.Legend(format=".0%", orient="right", gradientLength=160),
            )
        )
    )


def _hidden_layer(outline: alt.NamedData) -> alt.Chart:
    """Hidden areas in grey, named in the legend by their status text."""
    return (
        alt.Chart(outline)
        .transform_filter("isValid(datum.properties.status)")
        .mark_geoshape(stroke="white", strokeWidth=0.6)
        .encode(
            color=alt.Color(
                "properties.status:N",
                title=None,
                scale=alt.Scale(range=[HIDDEN_GREY]),
                legend=alt.Legend(orient="right", symbolType="square"),
            )
        )
    )


def _name_layer(
    features: list[dict[str, Any]], *, lang: str, size: int, colour: str, **mark: Any
) -> alt.Chart:
    """Names printed at each feature's label point."""
    names = [
        {
            "lon": feature["properties"]["label_lon"],
            "lat": feature["properties"]["label_lat"],
            "text": feature["properties"][f"name_{lang}"],
        }
        for feature in features
    ]
    return (
        alt.Chart(alt.Data(values=names))
        .mark_text(fontSize=size, color=colour, **mark)
        .encode(longitude="lon:Q", latitude="lat:Q", text="text:N")
    )


def choropleth(
    areas: Sequence[Area],
    *,
    level: str,
    lang: str,
    title: str,
    legend_title: str,
    hidden_label: str,
    focus: Sequence[str] = (),
) -> GeoChart:
    """Provinces coloured by `value`; `level` is "province" (the 34) or
    "legacy_province" (the 63). With `focus` (current province codes) only those
    provinces' areas are drawn, so the map zooms to them; otherwise the whole country,
    with Hoàng Sa and Trường Sa."""
    lang = normalise_language(lang)
    features = _area_features(areas, level, lang, set(focus) if focus else None, hidden_label)
    values = [area.value for area in areas if area.value is not None]
    outline = alt.NamedData(name=OUTLINE_DATA)
    layers: list[alt.Chart] = [
        alt.Chart(outline).mark_geoshape(fill="#f4f4f4", stroke=OUTLINE, strokeWidth=0.4)
    ]
    if values:
        layers.append(_value_layer(outline, legend_title, values))
    if any(area.hidden for area in areas):
        layers.append(_hidden_layer(outline))
    cut = _top_cut(values)
    labelled = [f for f in features if focus or _at_least(f["properties"]["value"], cut)]
    if labelled:
        layers.append(
            _name_layer(labelled, lang=lang, size=10, colour=INK, dy=-8, fontWeight="bold")
        )
    islands = [] if focus else _features(archipelagos_geojson(), "province_code", None)
    if islands:
        layers.append(
            alt.Chart(alt.NamedData(name=ISLANDS_DATA)).mark_geoshape(
                fill="none", stroke=OUTLINE, strokeWidth=0.8
            )
        )
        layers.append(_name_layer(islands, lang=lang, size=9, colour="#555555", align="left", dx=8))
    chart = (
        alt.layer(*layers)
        .project(type="mercator", fit=_bounds([*features, *islands]))
        .resolve_scale(color="independent")
        .properties(width=520 if focus else 420, height=380 if focus else 560, title=title)
    )
    return GeoChart(chart, {OUTLINE_DATA: features, ISLANDS_DATA: islands})


def _bounds(features: list[dict[str, Any]]) -> dict[str, Any]:
    """The features' bounding box as the projection's fit: the layout then does not
    depend on which layers happen to hold data (an empty layer can break Vega's fit)."""
    xs: list[float] = []
    ys: list[float] = []

    def walk(node: Any) -> None:
        if isinstance(node[0], int | float):
            xs.append(node[0])
            ys.append(node[1])
            return
        for child in node:
            walk(child)

    for feature in features:
        walk(feature["geometry"]["coordinates"])
    west, east, south, north = min(xs), max(xs), min(ys), max(ys)
    ring = [[west, south], [east, south], [east, north], [west, north], [west, south]]
    return {
        "type": "Feature",
        "properties": {},
        "geometry": _d3_rings({"type": "Polygon", "coordinates": [ring]}),
    }


def _at_least(value: float | None, cut: float) -> bool:
    return value is not None and value >= cut


def _top_cut(values: list[float], labelled: int = 3) -> float:
    """Label the provinces with the highest values only: 34 labels would bury the map."""
    ranked = sorted(values, reverse=True)
    return ranked[min(labelled, len(ranked)) - 1] if ranked else math.inf


def _floor(value: float) -> float:
    return math.floor(value * 10) / 10


def _ceil(value: float) -> float:
    return max(math.ceil(value * 10) / 10, _floor(value) + 0.1)


# --- bars and lines ---------------------------------------------------------------------


def paired_bars(
    rows: Sequence[tuple[str, float | None, float | None]],
    *,
    title: str,
    before_label: str,
    after_label: str,
    value_title: str,
    value_format: str = ".0%",
) -> alt.Chart:
    """One row per label, the earlier value as a pale bar and the later as a dark one,
    so the change reads left to right without a legend lookup."""
    data = [
        {"label": label, "period": period, "value": value, "order": index}
        for label, before, after in rows
        for index, (period, value) in enumerate(((before_label, before), (after_label, after)))
        if value is not None
    ]
    order = list(dict.fromkeys(label for label, _, _ in rows))
    return (
        alt.Chart(alt.Data(values=data))
        .mark_bar(height={"band": 0.9})
        .encode(
            y=alt.Y("label:N", sort=order, title=None, axis=alt.Axis(labelLimit=420)),
            yOffset=alt.YOffset("order:O"),
            x=alt.X("value:Q", title=value_title, axis=alt.Axis(format=value_format)),
            color=alt.Color(
                "period:N",
                title=None,
                scale=alt.Scale(
                    domain=[before_label, after_label], range=[BEFORE_COLOUR, OKABE_ITO[0]]
                ),
                legend=alt.Legend(orient="top"),
            ),
        )
        .properties(width=WIDTH - 360, height=alt.Step(11), title=title)
    )


def trend_lines(
    rows: Sequence[tuple[int, str, float | None]],
    *,
    title: str,
    value_title: str,
    series_title: str,
) -> alt.Chart:
    """A line per series over the years; a hidden year is left out, never drawn as 0."""
    data = [
        {"year": year, "series": series, "value": value}
        for year, series, value in rows
        if value is not None
    ]
    series = list(dict.fromkeys(name for _, name, _ in rows))
    years = sorted({year for year, _, _ in rows})
    return (
        alt.Chart(alt.Data(values=data))
        .mark_line(point=alt.OverlayMarkDef(size=45), strokeWidth=2.2)
        .encode(
            x=alt.X("year:O", title=None, axis=alt.Axis(labelAngle=0), sort=years),
            y=alt.Y(
                "value:Q",
                title=value_title,
                axis=alt.Axis(format=".0%"),
                scale=alt.Scale(zero=True),
            ),
            color=alt.Color(
                "series:N",
                title=series_title,
                sort=series,
                scale=alt.Scale(domain=series, range=list(PRINT_SERIES[: len(series)])),
                legend=alt.Legend(orient="bottom", columns=1),
            ),
            strokeDash=alt.StrokeDash("series:N", sort=series, legend=None),
        )
        .properties(width=WIDTH - 140, height=200, title=title)
    )
