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
import json
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any, Literal

import pandas as pd
import pydeck as pdk
import streamlit as st
from pydeck.bindings.json_tools import default_serialize

from data_access.config import settings
from data_access.geo import (
    archipelagos_geojson,
    current_provinces_geojson,
    legacy_provinces_geojson,
)
from data_access.i18n import fmt_number, normalise_language, t
from data_access.look import INK
from data_access.reasons import reason_text, shared_reason
from data_access.scope import Scope
from data_access.viewer_cell import ViewerCell, viewer_cell
from ui.charts import ValueKind, format_value
from ui.map_classes import (
    EMPTY_COLOUR,
    SUPPRESSED_COLOUR,
    LegendEntry,
    class_breaks,
    class_labels,
    legend_html,
    palette_for,
)

Level = Literal["current", "legacy"]

#: Layer ids; the page reads the selected province from `selection.objects[PROVINCE_LAYER]`.
PROVINCE_LAYER = "provinces"
ARCHIPELAGO_LAYER = "archipelagos"

BORDER_COLOUR = [80, 80, 80, 255]
ARCHIPELAGO_FILL = [110, 110, 110, 255]
SELECTED_BORDER = [0, 0, 0, 255]

#: Mainland and both archipelagos in view on a laptop screen (tuned by eye in e2e shots).
VIEW_LONGITUDE = 109.2
VIEW_LATITUDE = 15.8
VIEW_ZOOM = 4.8
MAP_HEIGHT = 700
FONT_FAMILY = "DejaVu Sans, Noto Sans, Segoe UI, Arial, sans-serif"
#: deck.gl's hover box: the two strings every feature carries, in the app's reading style.
TOOLTIP: dict[str, Any] = {
    "html": "<b>{tt_title}</b><div>{tt_body}</div>",
    "style": {
        "whiteSpace": "pre-line",
        "backgroundColor": "#ffffff",
        "color": INK,
        "border": "1px solid #777",
        "fontFamily": FONT_FAMILY,
        "fontSize": "13px",
        "maxWidth": "320px",
    },
}
#: Built maps kept per process: metrics × levels × languages × outlines × roles in use,
#: 130–160 kB of JSON each (≈ 20 MB when full).
MAP_CACHE_ENTRIES = 128
MAP_CACHE_SECONDS = 3600


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


class SerializedDeck(pdk.Deck):
    """A deck whose JSON is made once, for `st.pydeck_chart`, which asks its argument
    for `to_json()` and reads the tooltip from the Deck itself.

    pydeck's own `to_json()` re-serialises every layer on each call, indented (five
    times the bytes of the geometry): ≈ 60 ms of a warm rerun for 34 provinces. Here
    the layers are serialised once, compact and in plain UTF-8, and not kept: the
    spec is all the browser receives."""

    def __init__(self, layers: list[pdk.Layer]) -> None:
        super().__init__(
            layers=layers,
            initial_view_state=pdk.ViewState(
                longitude=VIEW_LONGITUDE,
                latitude=VIEW_LATITUDE,
                zoom=VIEW_ZOOM,
                min_zoom=3,
                max_zoom=9,
            ),
            # No basemap. `map_style` must stay pydeck's default sentinel: with the key
            # absent, Streamlit's front end fetches a Carto basemap from the internet.
            map_provider=None,
            tooltip=TOOLTIP,
        )
        # pydeck's own serialisation (its key order and field rules), written compact
        # in one pass instead of indented and then re-read: 33 → 5 ms for 63 units.
        self._spec = json.dumps(
            self,
            sort_keys=True,
            default=default_serialize,
            separators=(",", ":"),
            ensure_ascii=False,
        )
        self.layers = []

    def to_json(self) -> str:
        return self._spec


@dataclass(frozen=True)
class ProvinceMap:
    """One map as the browser receives it: the deck (serialised once), its legend and
    its text alternative. Never changed once built, so one built map can serve every
    rerun and every session that asks for the same one (`province_map`)."""

    deck: SerializedDeck
    legend: tuple[LegendEntry, ...]
    alt: str


def _hex_to_rgba(colour: str, alpha: int = 235) -> list[int]:
    colour = colour.lstrip("#")
    return [int(colour[i : i + 2], 16) for i in (0, 2, 4)] + [alpha]


@dataclass(frozen=True)
class _Cell:
    """One province as this viewer receives it: the shared viewer-cell rule, and only
    the numbers the rule lets through (None where hidden or missing)."""

    view: ViewerCell
    value: float | None
    numerator: float | None
    denominator: float | None


def _cells(frame: pd.DataFrame, code_column: str, staff: bool) -> dict[str, _Cell]:
    cells: dict[str, _Cell] = {}
    if frame is None or frame.empty:
        return cells
    for row in frame.to_dict("records"):
        view = viewer_cell(row, staff=staff)
        cells[str(row[code_column])] = _Cell(
            view=view,
            value=view.value(row.get("value")),
            numerator=view.value(row.get("numerator")),
            denominator=view.value(row.get("denominator")),
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


@dataclass(frozen=True)
class _Painting:
    """What every province of one map shares: the metric, its classes and colours, the
    language and the rule's words for a hidden cell."""

    metric: MapMetric
    breaks: list[float]
    colours: list[str]
    lang: str
    min_factories: int

    def fill_and_lines(self, cell: _Cell | None) -> tuple[str, list[str]]:
        """The province's fill and the tooltip lines after the metric's name."""
        lang = self.lang
        if cell is not None and cell.view.hidden:
            reason = cell.view.reason(lang, self.min_factories)
            return SUPPRESSED_COLOUR, [t("pages.maps.tooltip.suppressed", lang) + " — " + reason]
        if cell is None or cell.value is None:
            return EMPTY_COLOUR, [t("pages.maps.tooltip.no_data", lang)]
        fraction = _fraction_text(cell, lang)
        value = format_value(cell.value, self.metric.kind, lang)
        lines = [value + (f" ({fraction})" if fraction else "")]
        if cell.view.flagged:
            lines.append(cell.view.note(lang, self.min_factories))
        return self.colours[bisect.bisect_right(self.breaks, cell.value)], lines


def _province_features(
    geojson: dict[str, Any],
    cells: dict[str, _Cell],
    painting: _Painting,
    code_key: str,
    level: Level,
) -> tuple[list[dict[str, Any]], dict[str, dict[str, Any]]]:
    """One feature per unit, carrying only its code, fill and tooltip strings; and the
    label each unit would get when it is the one chosen."""
    lang = painting.lang
    current_names = _current_names(lang) if level == "legacy" else {}
    features: list[dict[str, Any]] = []
    anchors: dict[str, dict[str, Any]] = {}
    for feature in geojson["features"]:
        props = feature["properties"]
        code = props[code_key]
        title = props["name_vi"] if lang == "vi" else props["name_en"]
        anchors[code] = {
            "text": title,
            "position": [props["label_lon"], props["label_lat"]],
            "size": 16,
            # Beside the province, not on it: the box would hide a small unit's outline.
            "anchor": "start",
            "offset": [14, 0],
        }
        lines = [painting.metric.label]
        if level == "legacy":
            parent = current_names.get(props["province_code"], props["province_code"])
            lines.append(t("pages.maps.tooltip.now_part_of", lang, name=parent))
        fill, value_lines = painting.fill_and_lines(cells.get(code))
        features.append(
            {
                "type": "Feature",
                "geometry": feature["geometry"],
                "properties": {
                    "code": code,
                    "fill": _hex_to_rgba(fill),
                    "tt_title": title,
                    "tt_body": "\n".join(lines + value_lines),
                },
            }
        )
    return features, anchors


def _layers(
    features: list[dict[str, Any]],
    anchors: dict[str, dict[str, Any]],
    selected: Collection[str],
    lang: str,
) -> list[pdk.Layer]:
    """Provinces, archipelagos, the chosen units' outline, then the labels on top."""
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
    chosen = set(selected)
    outlined = [f for f in features if f["properties"]["code"] in chosen]
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
    return layers


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
    cells = _cells(frame, code_key, staff)
    shown = [c.value for c in cells.values() if c.value is not None]
    breaks = class_breaks(shown, metric.kind)
    colours = palette_for(metric.worse_when_high, len(breaks) + 1)
    painting = _Painting(metric, breaks, colours, lang, min_factories)
    features, anchors = _province_features(geojson, cells, painting, code_key, level)
    units = len(geojson["features"])
    alt = t("pages.maps.alt", lang, metric=metric.label, units=units, shown=len(shown))
    return ProvinceMap(
        deck=SerializedDeck(_layers(features, anchors, selected, lang)),
        legend=_legend(painting, cells),
        alt=alt,
    )


# A resource cache, not a data cache: the built map is immutable, so every session
# shares the one object instead of unpickling a copy of its JSON on each rerun.
@st.cache_resource(ttl=MAP_CACHE_SECONDS, max_entries=MAP_CACHE_ENTRIES, show_spinner=False)
def _cached_map(
    frame: pd.DataFrame,
    metric: MapMetric,
    lang: str,
    level: Level,
    staff: bool,
    min_factories: int,
    selected: tuple[str, ...],
    scope_key: tuple[str | None, str | None],
) -> ProvinceMap:
    return build_province_map(
        frame,
        metric,
        lang,
        level=level,
        staff=staff,
        min_factories=min_factories,
        selected=selected,
    )


def province_map(
    frame: pd.DataFrame,
    metric: MapMetric,
    lang: str,
    scope: Scope,
    *,
    level: Level = "current",
    selected: Collection[str] = (),
) -> ProvinceMap:
    """`build_province_map` for this viewer, built once per (frame content, metric,
    language, level, outline, viewer scope) and reused on every warm rerun: building
    the features and serialising them is most of what the page costs once its data is
    cached.

    Whether suppressed values may be drawn is read from the scope, never passed by the
    page, and the scope's `cache_key()` is part of the key as it is for the data
    (`data_access.cache`): a staff map is never handed to a constituent, even for a
    frame with the same content."""
    return _cached_map(
        frame,
        metric,
        normalise_language(lang),
        level,
        not scope.suppresses,
        settings().min_factories,
        tuple(sorted(set(selected))),
        scope.cache_key(),
    )


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


def _legend(painting: _Painting, cells: dict[str, _Cell]) -> tuple[LegendEntry, ...]:
    """The classes (when any value is shown), the hidden cells' colour with their shared
    reason (a constituent's map only) and the empty colour, in that order."""
    lang = painting.lang
    entries: list[LegendEntry] = []
    if any(c.value is not None for c in cells.values()):
        labels = class_labels(painting.breaks, painting.metric.kind, lang)
        entries += [
            LegendEntry(colour, label)
            for colour, label in zip(painting.colours, labels, strict=True)
        ]
    hidden = [c.view.reason_code for c in cells.values() if c.view.hidden]
    if hidden:
        reason = reason_text(shared_reason(hidden), lang)
        entries.append(
            LegendEntry(SUPPRESSED_COLOUR, t("pages.maps.legend.suppressed", lang, reason=reason))
        )
    entries.append(LegendEntry(EMPTY_COLOUR, t("pages.maps.legend.no_data", lang)))
    return tuple(entries)


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
