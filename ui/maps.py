"""The province choropleth: a pydeck deck built from committed geometry and one metric.

Drawn with no basemap (`map_provider=None`) because the app runs without internet, so
the archipelagos and every province outline come from `assets/geo` and the labels are
drawn by a TextLayer. Everything the browser receives is chosen here, field by field:
a feature carries its code, its fill colour and the two tooltip strings, and for a
suppressed province (when the viewer is a constituent) neither the value nor its
numerator or denominator, even if the frame handed in still held them. Staff see the
value and are told, in the tooltip, that a constituent would not.
"""

from __future__ import annotations

import bisect
import html
import json
import math
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import pandas as pd
import pydeck as pdk
import streamlit as st

from data_access.geo import (
    archipelagos_geojson,
    current_provinces_geojson,
    legacy_provinces_geojson,
)
from data_access.i18n import fmt_number, normalise_language, t
from data_access.reasons import reason_text, shared_reason
from ui.charts import ValueKind, format_value, is_missing

Level = Literal["current", "legacy"]

#: Layer ids; the page reads the selected province from `selection.objects[PROVINCE_LAYER]`.
PROVINCE_LAYER = "provinces"
ARCHIPELAGO_LAYER = "archipelagos"

#: ColorBrewer sequential schemes, five classes: both are marked colour-blind safe and
#: print friendly by ColorBrewer. Non-compliance (higher is worse) gets the warm scheme
#: so a map of problems never looks like a map of coverage.
SEQUENTIAL_NEUTRAL: tuple[str, ...] = ("#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494")
SEQUENTIAL_WORSE_HIGH: tuple[str, ...] = ("#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026")
#: No factories at all: nearly white, unlike suppressed (a real but hidden value): mid grey.
EMPTY_COLOUR = "#f0f0f0"
SUPPRESSED_COLOUR = "#9e9e9e"
BORDER_COLOUR = [80, 80, 80, 255]
ARCHIPELAGO_FILL = [110, 110, 110, 255]
SELECTED_BORDER = [0, 0, 0, 255]

#: Mainland and both archipelagos in view on a laptop screen (tuned by eye in e2e shots).
VIEW_LONGITUDE = 109.2
VIEW_LATITUDE = 15.8
VIEW_ZOOM = 4.8
MAP_HEIGHT = 700
FONT_FAMILY = "DejaVu Sans, Noto Sans, Segoe UI, Arial, sans-serif"


class CompactDeck(pdk.Deck):
    """pydeck indents its JSON (five times the bytes of the geometry); Streamlit sends
    `to_json()` on every rerun, so send it compact and in plain UTF-8."""

    def to_json(self) -> str:
        return json.dumps(json.loads(super().to_json()), separators=(",", ":"), ensure_ascii=False)


def _literal(text: str) -> str:
    """pydeck turns every string argument into a JavaScript expression unless quoted."""
    if "'" in text:
        raise ValueError(f"Cannot pass {text!r} to pydeck as a literal.")
    return f"'{text}'"


@dataclass(frozen=True)
class MapMetric:
    """What is being mapped: its label in the page language, how to format it and
    whether a higher value is worse (the palette follows)."""

    label: str
    kind: ValueKind = "count"
    worse_when_high: bool = False
    unit: str = ""


@dataclass(frozen=True)
class LegendEntry:
    colour: str
    label: str


@dataclass(frozen=True)
class ProvinceMap:
    deck: pdk.Deck
    legend: tuple[LegendEntry, ...]
    alt: str


def _hex_to_rgba(colour: str, alpha: int = 235) -> list[int]:
    colour = colour.lstrip("#")
    return [int(colour[i : i + 2], 16) for i in (0, 2, 4)] + [alpha]


def _round_break(value: float, kind: ValueKind) -> float:
    """Class limits a reader can say aloud: whole percent, or two significant figures."""
    if kind == "share":
        return round(value, 2)
    if value <= 0:
        return 0.0
    digits = 1 - math.floor(math.log10(abs(value)))
    rounded = round(value, digits)
    return float(max(1, round(rounded))) if kind == "count" else rounded


def class_breaks(values: Sequence[float], kind: ValueKind, classes: int = 5) -> list[float]:
    """Upper-exclusive class limits from the quantiles of the shown values, rounded.

    Quantiles rather than equal steps because factory counts are very skewed (a few
    southern provinces hold most factories) and equal steps would paint the rest alike.
    Fewer distinct values than classes give fewer classes."""
    clean = sorted(float(v) for v in values if v is not None and not math.isnan(float(v)))
    if len(set(clean)) < 2:
        return []
    series = pd.Series(clean)
    breaks: list[float] = []
    for step in range(1, classes):
        limit = _round_break(float(series.quantile(step / classes)), kind)
        if clean[0] < limit <= clean[-1] and (not breaks or limit > breaks[-1]):
            breaks.append(limit)
    return breaks


def class_labels(breaks: Sequence[float], kind: ValueKind, lang: str) -> list[str]:
    if not breaks:
        return [t("pages.maps.legend.all_values", lang)]
    shown = [format_value(b, kind, lang) for b in breaks]
    labels = [f"< {shown[0]}"]
    labels += [f"{shown[i - 1]} – < {shown[i]}" for i in range(1, len(shown))]
    labels.append(f"≥ {shown[-1]}")
    return labels


def palette_for(metric: MapMetric, count: int) -> list[str]:
    """`count` colours spread over the five-class scheme, so two classes are still far apart."""
    scheme = SEQUENTIAL_WORSE_HIGH if metric.worse_when_high else SEQUENTIAL_NEUTRAL
    if count >= len(scheme):
        return list(scheme)
    if count == 1:
        return [scheme[2]]
    return [scheme[round(i * (len(scheme) - 1) / (count - 1))] for i in range(count)]


@dataclass(frozen=True)
class _Cell:
    value: float | None
    numerator: float | None
    denominator: float | None
    suppressed: bool
    reason: str


def _cells(frame: pd.DataFrame, code_column: str) -> dict[str, _Cell]:
    cells: dict[str, _Cell] = {}
    if frame is None or frame.empty:
        return cells
    for row in frame.to_dict("records"):
        code = str(row[code_column])
        cells[code] = _Cell(
            value=None if is_missing(row.get("value")) else float(row["value"]),
            numerator=None if is_missing(row.get("numerator")) else float(row["numerator"]),
            denominator=None if is_missing(row.get("denominator")) else float(row["denominator"]),
            suppressed=bool(row.get("suppressed", False)) and not is_missing(row.get("suppressed")),
            reason=str(row.get("suppression_reason") or ""),
        )
    return cells


def _fraction_text(cell: _Cell, lang: str) -> str:
    if cell.numerator is None or cell.denominator is None:
        return ""
    return t(
        "pages.maps.tooltip.fraction",
        lang,
        numerator=fmt_number(round(cell.numerator), lang),
        denominator=fmt_number(round(cell.denominator), lang),
    )


def build_province_map(
    frame: pd.DataFrame,
    metric: MapMetric,
    lang: str,
    *,
    level: Level = "current",
    staff: bool = False,
    min_factories: int = 5,
    selected: Collection[str] = (),
) -> ProvinceMap:
    """A choropleth of one metric.

    `frame` has one row per province with the code (`province_code`, or `legacy_code`
    for the legacy level), `value` and optionally `numerator`, `denominator`,
    `suppressed` and `suppression_reason`. Provinces absent from it are drawn as empty.
    `staff` decides whether suppressed values may be shown at all. The `selected` units
    are outlined, and named when there is one (a current province; in the legacy view
    the former units it was made of).
    """
    lang = normalise_language(lang)
    code_key = "province_code" if level == "current" else "legacy_code"
    geojson = current_provinces_geojson() if level == "current" else legacy_provinces_geojson()
    cells = _cells(frame, code_key)

    def visible(cell: _Cell | None) -> bool:
        return cell is not None and cell.value is not None and (staff or not cell.suppressed)

    breaks = class_breaks([c.value for c in cells.values() if visible(c)], metric.kind)  # type: ignore[misc]
    colours = palette_for(metric, len(breaks) + 1)
    current_names = _current_names(lang) if level == "legacy" else {}

    features: list[dict[str, Any]] = []
    anchors: dict[str, dict[str, Any]] = {}
    for feature in geojson["features"]:
        props = feature["properties"]
        code = props[code_key]
        cell = cells.get(code)
        title = props["name_vi"] if lang == "vi" else props["name_en"]
        anchors[code] = {
            "text": title,
            "position": [props["label_lon"], props["label_lat"]],
            "size": 16,
            # Beside the province, not on it: the box would hide a small unit's outline.
            "anchor": "start",
            "offset": [14, 0],
        }
        lines = [metric.label]
        if level == "legacy":
            parent = current_names.get(props["province_code"], props["province_code"])
            lines.append(t("pages.maps.tooltip.now_part_of", lang, name=parent))
        if cell is not None and cell.suppressed and not staff:
            fill = SUPPRESSED_COLOUR
            lines.append(
                t("pages.maps.tooltip.suppressed", lang)
                + " — "
                + reason_text(cell.reason, lang, min_factories)
            )
        elif not visible(cell):
            fill = EMPTY_COLOUR
            lines.append(t("pages.maps.tooltip.no_data", lang))
        else:
            assert cell is not None and cell.value is not None
            fill = colours[bisect.bisect_right(breaks, cell.value)]
            value_line = format_value(cell.value, metric.kind, lang)
            fraction = _fraction_text(cell, lang)
            lines.append(value_line + (f" ({fraction})" if fraction else ""))
            if cell.suppressed:
                lines.append(
                    t("pages.maps.tooltip.staff_suppressed", lang)
                    + " — "
                    + reason_text(cell.reason, lang, min_factories)
                )
        features.append(
            {
                "type": "Feature",
                "geometry": feature["geometry"],
                "properties": {
                    "code": code,
                    "fill": _hex_to_rgba(fill),
                    "tt_title": title,
                    "tt_body": "\n".join(lines),
                },
            }
        )

    layers = [
        pdk.Layer(
            "GeoJsonLayer",
            data=features,
            id=PROVINCE_LAYER,
            pickable=True,
            stroked=True,
            filled=True,
            get_fill_color="properties.fill",
            get_line_color=BORDER_COLOUR,
            line_width_min_pixels=0.6,
            auto_highlight=True,
            highlight_color=[0, 0, 0, 60],
        ),
        _archipelago_layer(lang),
    ]
    outlined = [f for f in features if f["properties"]["code"] in set(selected)]
    if outlined:
        layers.append(
            pdk.Layer(
                "GeoJsonLayer",
                data=[{**f, "properties": {"code": f["properties"]["code"]}} for f in outlined],
                id="selected",
                pickable=False,
                stroked=True,
                filled=False,
                get_line_color=SELECTED_BORDER,
                line_width_min_pixels=3,
            )
        )
    named = [anchors[f["properties"]["code"]] for f in outlined] if len(outlined) == 1 else []
    layers.append(_label_layer(lang, named))

    deck = CompactDeck(
        layers=layers,
        initial_view_state=pdk.ViewState(
            longitude=VIEW_LONGITUDE, latitude=VIEW_LATITUDE, zoom=VIEW_ZOOM, min_zoom=3, max_zoom=9
        ),
        # No basemap. `map_style` must stay pydeck's default sentinel: with the key
        # absent, Streamlit's front end fetches a Carto basemap from the internet.
        map_provider=None,
        tooltip={
            "html": "<b>{tt_title}</b><div>{tt_body}</div>",
            "style": {
                "whiteSpace": "pre-line",
                "backgroundColor": "#ffffff",
                "color": "#1a1a1a",
                "border": "1px solid #777",
                "fontFamily": FONT_FAMILY,
                "fontSize": "13px",
                "maxWidth": "320px",
            },
        },
    )
    legend = _legend(breaks, colours, metric, lang, cells, staff)
    shown = sum(1 for c in cells.values() if visible(c))
    alt = t(
        "pages.maps.alt",
        lang,
        metric=metric.label,
        units=len(geojson["features"]),
        shown=shown,
    )
    return ProvinceMap(deck=deck, legend=legend, alt=alt)


def _current_names(lang: str) -> dict[str, str]:
    return {
        f["properties"]["province_code"]: f["properties"]["name_vi" if lang == "vi" else "name_en"]
        for f in current_provinces_geojson()["features"]
    }


def archipelago_names(lang: str) -> list[str]:
    """The archipelagos' map labels, e.g. "Quần đảo Hoàng Sa" (tests and alt text)."""
    return [t(f"pages.maps.archipelago.{key}", lang) for key in ("48", "56")]


def _archipelago_layer(lang: str) -> pdk.Layer:
    features = []
    names = _current_names(lang)
    for feature in archipelagos_geojson()["features"]:
        props = feature["properties"]
        features.append(
            {
                "type": "Feature",
                "geometry": feature["geometry"],
                "properties": {
                    "code": "",
                    "tt_title": t(f"pages.maps.archipelago.{props['province_code']}", lang),
                    "tt_body": t(
                        "pages.maps.tooltip.archipelago",
                        lang,
                        name=names.get(props["province_code"], ""),
                    ),
                },
            }
        )
    return pdk.Layer(
        "GeoJsonLayer",
        data=features,
        id=ARCHIPELAGO_LAYER,
        pickable=True,
        stroked=True,
        filled=True,
        get_fill_color=ARCHIPELAGO_FILL,
        get_line_color=ARCHIPELAGO_FILL,
        # The islands are a few hundred metres across: a 2-pixel outline keeps them
        # visible as dots at country scale, as on official maps.
        line_width_min_pixels=2,
    )


def _label_layer(lang: str, named: list[dict[str, Any]]) -> pdk.Layer:
    """Archipelago names always, plus `named` (the chosen province). All 34 names at
    country scale would cover the Red River delta, so they live in the tooltips."""
    labels = []
    for feature in archipelagos_geojson()["features"]:
        props = feature["properties"]
        west, _south, east, north = _bounds(feature["geometry"])
        labels.append(
            {
                "text": t(f"pages.maps.archipelago.{props['province_code']}", lang),
                # Above the islands, never on them: a label over the specks hides them.
                "position": [round((west + east) / 2, 4), round(north + 0.7, 4)],
                "size": 15,
                "anchor": "middle",
                "offset": [0, 0],
            }
        )
    labels.extend(named)
    characters = "".join(sorted({ch for label in labels for ch in label["text"]}))
    return pdk.Layer(
        "TextLayer",
        data=labels,
        id="labels",
        get_position="position",
        get_text="text",
        get_size="size",
        get_text_anchor="anchor",
        get_pixel_offset="offset",
        size_units=_literal("pixels"),
        get_color=[20, 20, 20, 255],
        # A white box rather than a glyph outline: with an outline each letter's halo
        # paints over its neighbour's diacritics at small sizes ("Hoàng" lost its grave).
        background=True,
        get_background_color=[255, 255, 255, 210],
        background_padding=[3, 1, 3, 1],
        # Extra buffer: stacked Vietnamese diacritics ("ầ", "ở") rise above the glyph
        # cell deck.gl reserves by default and would be clipped.
        font_settings={"sdf": True, "buffer": 16},
        font_family=_literal(FONT_FAMILY),
        character_set=_literal(characters),
        pickable=False,
    )


def _bounds(geometry: dict[str, Any]) -> tuple[float, float, float, float]:
    """West, south, east, north of a (Multi)Polygon."""
    polygons = (
        geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    )
    points = [point for polygon in polygons for ring in polygon for point in ring]
    lons, lats = [p[0] for p in points], [p[1] for p in points]
    return min(lons), min(lats), max(lons), max(lats)


def _legend(
    breaks: list[float],
    colours: list[str],
    metric: MapMetric,
    lang: str,
    cells: dict[str, _Cell],
    staff: bool,
) -> tuple[LegendEntry, ...]:
    entries: list[LegendEntry] = []
    any_visible = any(c.value is not None and (staff or not c.suppressed) for c in cells.values())
    if any_visible:
        labels = class_labels(breaks, metric.kind, lang)
        entries += [
            LegendEntry(colour, label) for colour, label in zip(colours, labels, strict=True)
        ]
    if not staff and any(c.suppressed for c in cells.values()):
        reason = reason_text(shared_reason(c.reason for c in cells.values() if c.suppressed), lang)
        entries.append(
            LegendEntry(SUPPRESSED_COLOUR, t("pages.maps.legend.suppressed", lang, reason=reason))
        )
    entries.append(LegendEntry(EMPTY_COLOUR, t("pages.maps.legend.no_data", lang)))
    return tuple(entries)


def legend_html(legend: Sequence[LegendEntry], title: str) -> str:
    """The legend as small HTML swatches; every text is escaped. A screen reader hears
    a list named by the title with one item per colour (the swatch itself is hidden
    from it: the label says what the colour means)."""
    items = "".join(
        '<span role="listitem" style="display:inline-flex;align-items:center;'
        'margin:0 14px 4px 0;">'
        f'<span aria-hidden="true" style="display:inline-block;width:16px;height:16px;'
        f'background:{entry.colour};border:1px solid #666;margin-right:6px;"></span>'
        f"{html.escape(entry.label)}</span>"
        for entry in legend
    )
    return (
        f'<div style="font-size:0.9rem;"><b>{html.escape(title)}</b>'
        f'<div role="list" aria-label="{html.escape(title)}">{items}</div></div>'
    )


@dataclass(frozen=True)
class MapClick:
    """What a click on the map selected: a province's code, or only something else (an
    archipelago), which the page clears so that Streamlit stops fading the map."""

    code: str | None
    anything: bool


def show_province_map(built: ProvinceMap, title: str, key: str) -> MapClick:
    """Draw the map and its legend; report what the viewer clicked."""
    event = st.pydeck_chart(
        built.deck,
        height=MAP_HEIGHT,
        key=key,
        alt=built.alt,
        on_select="rerun",
        selection_mode="single-object",
    )
    st.markdown(legend_html(built.legend, title), unsafe_allow_html=True)
    return MapClick(code=selected_code(event), anything=has_selection(event))


def has_selection(event: Any) -> bool:
    try:
        return any(event.selection.objects.get(layer) for layer in event.selection.objects)
    except AttributeError:
        return False


def selected_code(event: Any) -> str | None:
    """The code of the clicked province, from the pydeck selection state."""
    try:
        objects = event.selection.objects.get(PROVINCE_LAYER) or []
    except AttributeError:
        return None
    for item in objects:
        properties = item.get("properties") if isinstance(item, dict) else None
        code = (properties or {}).get("code")
        if code:
            return str(code)
    return None
