"""Altair chart builders shared by the pages: one look, one palette, one set of rules.

Each builder takes an indicator frame (or a slice of one) and returns the chart, its
alt text and the table behind it. What reaches the browser is decided in
`prepare_rows`: only the columns a chart draws are kept, and a cell suppressed for
this viewer keeps its label and the reason, never its value, numerator or denominator
(even if a frame handed in still held them). Numbers in tooltips are pre-formatted in
the page language, so "45,5 %" reads as Vietnamese whatever Vega's own locale does.

Colours: Okabe–Ito for categories (distinguishable with every common colour-vision
deficiency), ColorBrewer YlOrRd for "more is worse" scales, and lines also differ by
dash so a black-and-white print still tells the series apart.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import altair as alt
import pandas as pd

from data_access.config import settings
from data_access.disclosure import CHANGE, CROSSING, DOMINANCE
from data_access.i18n import fmt_number, fmt_percent, normalise_language, t

ValueKind = Literal["count", "share", "number"]

#: Okabe & Ito (2008), without black (kept for text) and yellow (too light on white).
OKABE_ITO: tuple[str, ...] = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#D55E00",
    "#56B4E9",
    "#CC79A7",
    "#999933",
    "#882255",
)
DASHES: tuple[tuple[int, ...], ...] = ((1, 0), (6, 3), (2, 2), (8, 3, 2, 3), (4, 4), (1, 3))
#: Core labour standards and national-law clusters, kept apart everywhere by colour.
GROUP_COLOURS: dict[str, str] = {"core": "#0072B2", "national": "#E69F00"}
SEQUENTIAL_WORSE_HIGH: tuple[str, ...] = (
    "#ffffb2",
    "#fed976",
    "#feb24c",
    "#fd8d3c",
    "#f03b20",
    "#bd0026",
)
SUPPRESSED_GREY = "#bdbdbd"
TEXT_COLOUR = "#1a1a1a"

#: Vega's number locale per language: 1.234,5 in Vietnamese, 1,234.5 in English.
VEGA_NUMBER_LOCALE: dict[str, dict[str, Any]] = {
    "vi": {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["", " ₫"]},
    "en": {"decimal": ".", "thousands": ",", "grouping": [3], "currency": ["$", ""]},
}


@dataclass(frozen=True)
class BuiltChart:
    """A chart with what a screen-reader user and a table reader need alongside it."""

    chart: alt.TopLevelMixin
    alt: str
    table: pd.DataFrame


def is_missing(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return False
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def format_value(value: Any, kind: ValueKind, lang: str) -> str:
    if is_missing(value):
        return "–"
    if kind == "share":
        return fmt_percent(float(value), lang, decimals=1)
    if kind == "number":
        return fmt_number(float(value), lang, decimals=1)
    return fmt_number(round(float(value)), lang)


def suppression_note(reason: str, lang: str, min_factories: int) -> str:
    if reason in (DOMINANCE, CHANGE, CROSSING):
        share = fmt_percent(settings().dominance_share, lang)
        return t(f"disclosure.reason.{reason}", lang, n=min_factories, share=share)
    key = (
        "common.suppressed_reason.small"
        if reason == "small"
        else "common.suppressed_reason.complementary"
    )
    return t(key, lang, n=min_factories)


def prepare_rows(
    frame: pd.DataFrame,
    keep: Mapping[str, str],
    *,
    lang: str,
    staff: bool,
    min_factories: int,
    kind: ValueKind = "share",
    unit: str = "factories",
    value: str = "value",
    numerator: str = "numerator",
    denominator: str = "denominator",
    constants: Mapping[str, Any] | None = None,
) -> pd.DataFrame:
    """The rows a chart may show, with only the columns it draws.

    `keep` maps output names to the frame's columns (labels, series, years). Adds
    `value` (None where this viewer may not see it), `value_text`, `fraction_text`,
    `note` and `hidden`. `numerator`/`denominator` name the frame's count columns;
    `constants` adds fixed columns (e.g. the period a row belongs to).
    """
    lang = normalise_language(lang)
    records: list[dict[str, Any]] = []
    source = frame.to_dict("records") if frame is not None else []
    for row in source:
        suppressed = bool(row.get("suppressed")) and not is_missing(row.get("suppressed"))
        hidden = suppressed and not staff
        raw_value = None if hidden or is_missing(row.get(value)) else float(row[value])
        top, bottom = row.get(numerator), row.get(denominator)
        fraction = ""
        if not hidden and not is_missing(top) and not is_missing(bottom):
            fraction = t(
                f"pages.charts.fraction.{unit}",
                lang,
                numerator=fmt_number(round(float(top)), lang),
                denominator=fmt_number(round(float(bottom)), lang),
            )
        note = ""
        if suppressed:
            reason = suppression_note(str(row.get("suppression_reason") or ""), lang, min_factories)
            note = t("pages.charts.note.staff_suppressed", lang, reason=reason) if staff else reason
        record = {out: _plain(row.get(src)) for out, src in keep.items()}
        record.update(constants or {})
        record.update(
            value=raw_value,
            value_text=t("common.suppressed", lang)
            if hidden
            else format_value(raw_value, kind, lang),
            fraction_text=fraction,
            note=note,
            hidden=hidden,
        )
        records.append(record)
    columns = [*keep, *(constants or {}), "value", "value_text", "fraction_text", "note", "hidden"]
    return pd.DataFrame.from_records(records, columns=columns)


def _plain(value: Any) -> Any:
    """Python scalars only, so the Arrow payload holds exactly the shown values."""
    if is_missing(value):
        return None
    if hasattr(value, "item"):
        return value.item()
    return value


def table_of(
    rows: pd.DataFrame, headers: Mapping[str, str], lang: str, fraction: bool = True
) -> pd.DataFrame:
    """The chart's data as a readable table: formatted values, localised headers."""
    columns = {source: header for source, header in headers.items() if source in rows}
    table = rows[list(columns)].rename(columns=columns).copy()
    table[t("pages.charts.col.value", lang)] = rows["value_text"].to_numpy()
    if fraction and rows["fraction_text"].astype(bool).any():
        table[t("pages.charts.col.fraction", lang)] = rows["fraction_text"].to_numpy()
    if rows["note"].astype(bool).any():
        table[t("pages.charts.col.note", lang)] = rows["note"].to_numpy()
    return table.reset_index(drop=True)


#: What a chart's title, x axis and its title take of the height (measured on rendered
#: charts: about 95 px). Too little here, and five ranked bars shrank until Vega dropped
#: every other label.
CHART_FRAME = 100


def band_height(bands: int, per_band: int, *, legend: bool) -> int:
    """The chart height for `bands` rows of `per_band` pixels. Streamlit sizes charts
    with autosize "fit", which squeezes axes, title and legend into the height given, so
    they are added here or the rows collapse into one."""
    return per_band * max(bands, 1) + CHART_FRAME + (60 if legend else 0)


def configure(chart: alt.TopLevelMixin, lang: str) -> alt.TopLevelMixin:
    """Shared look: locale-aware numbers, readable fonts. The alt text travels beside the
    spec (`st.altair_chart(alt=...)`), not in it: Streamlit warns when both are set."""
    # One `configure` call: each `configure_*` deep-copies the whole chart, and five
    # copies per chart were a fifth of a warm rerun of the sector page.
    return chart.configure(
        locale={"number": VEGA_NUMBER_LOCALE[normalise_language(lang)]},
        axis=alt.AxisConfig(labelFontSize=12, titleFontSize=12, labelLimit=320),
        # A row or column label names its data: never thinned out to avoid overlap.
        axisBand=alt.AxisConfig(labelOverlap=False),
        legend=alt.LegendConfig(
            labelFontSize=12, titleFontSize=12, labelLimit=320, orient="bottom", columns=3
        ),
        view=alt.ViewConfig(stroke=None),
        title=alt.TitleConfig(fontSize=15, anchor="start", offset=12),
    )


def _tooltip(label_fields: Sequence[tuple[str, str]], lang: str) -> list[alt.Tooltip]:
    tips = [alt.Tooltip(f"{field}:N", title=title) for field, title in label_fields]
    tips += [
        alt.Tooltip("value_text:N", title=t("pages.charts.col.value", lang)),
        alt.Tooltip("fraction_text:N", title=t("pages.charts.col.fraction", lang)),
        alt.Tooltip("note:N", title=t("pages.charts.col.note", lang)),
    ]
    return tips


def _axis_format(kind: ValueKind) -> str:
    return ".0%" if kind == "share" else ",.0f" if kind == "count" else ",.1f"


def _extremes(rows: pd.DataFrame, label: str, kind: ValueKind, lang: str) -> str:
    shown = rows.dropna(subset=["value"])
    if shown.empty:
        return t("pages.charts.alt.nothing_shown", lang)
    top = shown.loc[shown["value"].idxmax()]
    bottom = shown.loc[shown["value"].idxmin()]
    return t(
        "pages.charts.alt.extremes",
        lang,
        top=top[label],
        top_value=format_value(top["value"], kind, lang),
        bottom=bottom[label],
        bottom_value=format_value(bottom["value"], kind, lang),
    )


def _domain_max(rows: pd.DataFrame, kind: ValueKind) -> float | None:
    values = rows["value"].dropna()
    if kind != "share" or values.empty:
        return None
    return 1.0 if values.max() > 0.5 else math.ceil(values.max() * 10) / 10


# --- ranked bars ---------------------------------------------------------------------


def ranked_bars(
    rows: pd.DataFrame,
    *,
    lang: str,
    title: str,
    label_title: str,
    value_title: str,
    kind: ValueKind = "share",
    group_title: str | None = None,
    ascending: bool = False,
) -> BuiltChart:
    """Horizontal bars, highest first (lowest first with `ascending`, to show where
    something is rare), value printed at the bar's end so it reads in print.

    `rows` come from `prepare_rows` with a `label` and optionally a `group` column
    (core/national); hidden rows stay listed, last, with the word "suppressed" and no bar."""
    rows = rows.copy()
    rows["order"] = rows["value"].fillna(float("inf") if ascending else -1.0)
    order = rows.sort_values("order", ascending=ascending, kind="stable")["label"].tolist()
    label_fields = [("label", label_title)]
    has_group = "group" in rows and rows["group"].notna().any()
    if has_group:
        rows["group_name"] = rows["group"].map(
            lambda g: t(f"pages.charts.group.{g}", lang) if g in GROUP_COLOURS else ""
        )
        label_fields.append(("group_name", group_title or t("pages.charts.col.group", lang)))
    # The chart title names the rows; a y-axis title would sit on the long labels.
    y = alt.Y("label:N", sort=order, title=None)
    x = alt.X(
        "value:Q",
        title=value_title,
        axis=alt.Axis(format=_axis_format(kind), tickCount=5),
        scale=alt.Scale(domain=[0, _domain_max(rows, kind)])
        if _domain_max(rows, kind)
        else alt.Undefined,
    )
    colour: Any = alt.value(OKABE_ITO[0])
    if has_group:
        groups = [g for g in GROUP_COLOURS if g in set(rows["group"])]
        colour = alt.Color(
            "group_name:N",
            title=group_title or t("pages.charts.col.group", lang),
            scale=alt.Scale(
                domain=[t(f"pages.charts.group.{g}", lang) for g in groups],
                range=[GROUP_COLOURS[g] for g in groups],
            ),
            legend=alt.Legend() if len(groups) > 1 else None,
        )
    tooltip = _tooltip(label_fields, lang)
    base = alt.Chart(rows.drop(columns=["order"]))
    bars = base.mark_bar().encode(y=y, x=x, color=colour, tooltip=tooltip)
    labels = (
        base.mark_text(align="left", dx=4, color=TEXT_COLOUR, fontSize=11)
        .encode(
            y=y,
            x=alt.X("value_or_zero:Q"),
            text="value_text:N",
            tooltip=tooltip,
        )
        .transform_calculate(value_or_zero="datum.value === null ? 0 : datum.value")
    )
    chart = (bars + labels).properties(
        title=title,
        height=band_height(len(rows), 26, legend=has_group and rows["group"].nunique() > 1),
        width="container",
    )
    key = "pages.charts.alt.ranked_ascending" if ascending else "pages.charts.alt.ranked"
    description = (
        t(key, lang, title=title, n=len(rows)) + " " + _extremes(rows, "label", kind, lang)
    )
    headers = {"label": label_title}
    if has_group:
        headers["group_name"] = group_title or t("pages.charts.col.group", lang)
    return BuiltChart(configure(chart, lang), description, table_of(rows, headers, lang))


# --- heatmap -------------------------------------------------------------------------


def heatmap(
    rows: pd.DataFrame,
    *,
    lang: str,
    title: str,
    row_title: str,
    column_title: str,
    value_title: str,
    row_order: Sequence[str] | None = None,
    column_order: Sequence[str] | None = None,
    kind: ValueKind = "share",
) -> BuiltChart:
    """Rows × columns coloured by value (more is worse); suppressed cells grey, marked."""
    rows = rows.copy()
    x = alt.X(
        "column:N",
        title=column_title,
        sort=list(column_order) if column_order else None,
        axis=alt.Axis(orient="top", labelAngle=0, title=None),
    )
    y = alt.Y("row:N", title=None, sort=list(row_order) if row_order else None)
    tooltip = _tooltip([("row", row_title), ("column", column_title)], lang)
    base = alt.Chart(rows)
    cells = base.mark_rect(stroke="white", strokeWidth=1).encode(
        x=x,
        y=y,
        color=alt.condition(
            "datum.value === null",
            alt.value(SUPPRESSED_GREY),
            alt.Color(
                "value:Q",
                title=value_title,
                # A fixed 0–100 % scale: the same colour means the same rate in every
                # heat map, core standards and national law alike.
                scale=alt.Scale(range=list(SEQUENTIAL_WORSE_HIGH), domain=[0, 1])
                if kind == "share"
                else alt.Scale(range=list(SEQUENTIAL_WORSE_HIGH), domainMin=0),
                legend=alt.Legend(format=_axis_format(kind), orient="bottom"),
            ),
        ),
        tooltip=tooltip,
    )
    text = base.mark_text(fontSize=11).encode(
        x=x,
        y=y,
        text="value_text:N",
        color=alt.condition("datum.value > 0.6", alt.value("white"), alt.value(TEXT_COLOUR)),
        tooltip=tooltip,
    )
    n_rows = rows["row"].nunique()
    chart = (cells + text).properties(
        title=title, height=band_height(n_rows, 28, legend=True) + 30, width="container"
    )
    rows["cell"] = rows["row"].astype(str) + " × " + rows["column"].astype(str)
    description = (
        t(
            "pages.charts.alt.heatmap",
            lang,
            title=title,
            rows=n_rows,
            columns=rows["column"].nunique(),
        )
        + " "
        + _extremes(rows, "cell", kind, lang)
    )
    table = table_of(rows, {"row": row_title, "column": column_title}, lang)
    return BuiltChart(configure(chart, lang), description, table)


# --- lines over years ----------------------------------------------------------------


def trend_lines(
    rows: pd.DataFrame,
    *,
    lang: str,
    title: str,
    series_title: str,
    value_title: str,
    kind: ValueKind = "share",
    series_order: Sequence[str] | None = None,
    name: str = "trend",
) -> BuiltChart:
    """One line per series over years; click a legend entry to bring a series forward.

    `rows` have `year`, `series` and the prepared value columns."""
    rows = rows.copy()
    rows["year"] = rows["year"].astype(int)
    series = list(series_order) if series_order else sorted(rows["series"].dropna().unique())
    pick = alt.selection_point(name=f"{name}_pick", fields=["series"], bind="legend")
    colour = alt.Color(
        "series:N",
        title=series_title,
        sort=series,
        scale=alt.Scale(domain=series, range=_cycle(OKABE_ITO, len(series))),
    )
    # Colour, dash and marker all encode the series and share one title, so Vega-Lite
    # merges them into one legend whose swatches tell the lines apart in grey print.
    # (A `legend=None` on any of them would remove the merged legend altogether.)
    dash = alt.StrokeDash(
        "series:N",
        title=series_title,
        sort=series,
        scale=alt.Scale(domain=series, range=[list(d) for d in _cycle(DASHES, len(series))]),
    )
    x = alt.X("year:O", title=t("pages.charts.col.year", lang), axis=alt.Axis(labelAngle=0))
    y = alt.Y(
        "value:Q",
        title=value_title,
        axis=alt.Axis(format=_axis_format(kind)),
        scale=alt.Scale(domainMin=0),
    )
    tooltip = _tooltip([("series", series_title), ("year", t("pages.charts.col.year", lang))], lang)
    base = alt.Chart(rows).encode(
        x=x, y=y, color=colour, opacity=alt.condition(pick, alt.value(1), alt.value(0.15))
    )
    lines = base.mark_line(strokeWidth=2.5).encode(strokeDash=dash)
    points = base.mark_point(filled=True, size=55).encode(
        shape=alt.Shape("series:N", title=series_title, sort=series), tooltip=tooltip
    )
    chart = (lines + points).add_params(pick).properties(title=title, height=400, width="container")
    description = t(
        "pages.charts.alt.trend",
        lang,
        title=title,
        series=len(series),
        first=int(rows["year"].min()) if not rows.empty else "–",
        last=int(rows["year"].max()) if not rows.empty else "–",
    )
    table = table_of(rows, {"series": series_title, "year": t("pages.charts.col.year", lang)}, lang)
    return BuiltChart(configure(chart, lang), description, table)


def _cycle(values: Sequence[Any], n: int) -> list[Any]:
    return [values[i % len(values)] for i in range(max(n, 1))]


# --- stacked bars by year (programme growth) -----------------------------------------


def stacked_by_year(
    rows: pd.DataFrame,
    *,
    lang: str,
    title: str,
    series_title: str,
    value_title: str,
    series_order: Sequence[str] | None = None,
    totals: pd.DataFrame | None = None,
    name: str = "growth",
) -> BuiltChart:
    """Counts by year, stacked by a category (sector); the legend filters the stack.

    `totals` (prepared rows with `year`) draws each year's total as a grey bar behind
    the stack: where some sectors are hidden from the viewer, the grey part is what the
    stack cannot show, so a year never looks emptier than it was."""
    rows = rows.copy()
    rows["year"] = rows["year"].astype(int)
    series = list(series_order) if series_order else sorted(rows["series"].dropna().unique())
    rows["stack_order"] = [series.index(s) if s in series else len(series) for s in rows["series"]]
    pick = alt.selection_point(name=f"{name}_pick", fields=["series"], bind="legend")
    year_title = t("pages.charts.col.year", lang)
    x = alt.X("year:O", title=year_title, axis=alt.Axis(labelAngle=0))
    stack = (
        alt.Chart(rows)
        .mark_bar()
        .encode(
            x=x,
            y=alt.Y("value:Q", title=value_title, stack="zero", axis=alt.Axis(format=",.0f")),
            color=alt.Color(
                "series:N",
                title=series_title,
                sort=series,
                scale=alt.Scale(domain=series, range=_cycle(OKABE_ITO, len(series))),
            ),
            order=alt.Order("stack_order:Q"),
            opacity=alt.condition(pick, alt.value(1), alt.value(0.2)),
            tooltip=_tooltip([("series", series_title), ("year", year_title)], lang),
        )
        .add_params(pick)
    )
    chart: alt.TopLevelMixin = stack
    if totals is not None and not totals.empty:
        totals = totals.assign(year=totals["year"].astype(int))
        behind = (
            alt.Chart(totals)
            .mark_bar(color=SUPPRESSED_GREY)
            .encode(
                x=x,
                y=alt.Y("value:Q"),
                tooltip=[
                    alt.Tooltip("year:O", title=year_title),
                    alt.Tooltip("value_text:N", title=t("pages.charts.col.total", lang)),
                ],
            )
        )
        chart = behind + stack
    chart = chart.properties(title=title, height=340, width="container")
    description = t(
        "pages.charts.alt.stacked",
        lang,
        title=title,
        series=len(series),
        first=int(rows["year"].min()) if not rows.empty else "–",
        last=int(rows["year"].max()) if not rows.empty else "–",
    )
    table = table_of(rows, {"year": year_title, "series": series_title}, lang)
    return BuiltChart(configure(chart, lang), description, table)


# --- one row per label, one mark per series --------------------------------------------


def _label_axis_and_tooltip(
    label_title: str, series_title: str, lang: str, label_order: Sequence[str] | None
) -> tuple[alt.Y, list[alt.Tooltip]]:
    # Rows are named by their labels and the chart title; an axis title would overlap them.
    y = alt.Y("label:N", title=None, sort=list(label_order) if label_order else None)
    return y, _tooltip([("label", label_title), ("series", series_title)], lang)


# --- dot comparison (two periods, or two shares side by side) ------------------------


def paired_dots(
    rows: pd.DataFrame,
    *,
    lang: str,
    title: str,
    label_title: str,
    series_title: str,
    value_title: str,
    series_order: Sequence[str],
    kind: ValueKind = "share",
    label_order: Sequence[str] | None = None,
) -> BuiltChart:
    """Two values per label joined by a line: the gap (or change) is the line's length.

    Used for "2024 against 2025" and for "women among committee members against women
    in the workforce". `rows` have `label`, `series` and prepared values."""
    rows = rows.copy()
    y, tooltip = _label_axis_and_tooltip(label_title, series_title, lang, label_order)
    x = alt.X(
        "value:Q",
        title=value_title,
        axis=alt.Axis(format=_axis_format(kind)),
        scale=alt.Scale(domain=[0, _domain_max(rows, kind) or 1.0])
        if kind == "share"
        else alt.Undefined,
    )
    base = alt.Chart(rows)
    line = base.mark_line(color="#777777", strokeWidth=2).encode(y=y, x=x, detail="label:N")
    dots = base.mark_point(filled=True, size=110, opacity=1).encode(
        y=y,
        x=x,
        color=alt.Color(
            "series:N",
            title=series_title,
            sort=list(series_order),
            scale=alt.Scale(domain=list(series_order), range=[OKABE_ITO[0], OKABE_ITO[3]]),
            # One entry a line: two periods in words ("1 Jan 2025 – 31 Oct 2025") do not
            # fit side by side in a half-width column.
            legend=alt.Legend(columns=1),
        ),
        shape=alt.Shape(
            "series:N",
            sort=list(series_order),
            scale=alt.Scale(domain=list(series_order), range=["circle", "diamond"]),
            legend=alt.Legend(columns=1),
        ),
        tooltip=tooltip,
    )
    n_labels = rows["label"].nunique()
    chart = (line + dots).properties(
        title=title, height=band_height(n_labels, 28, legend=True), width="container"
    )
    description = t(
        "pages.charts.alt.paired",
        lang,
        title=title,
        n=n_labels,
        a=series_order[0],
        b=series_order[-1],
    )
    table = table_of(rows, {"label": label_title, "series": series_title}, lang)
    return BuiltChart(configure(chart, lang), description, table)


# --- grouped bars ---------------------------------------------------------------------


def grouped_bars(
    rows: pd.DataFrame,
    *,
    lang: str,
    title: str,
    label_title: str,
    series_title: str,
    value_title: str,
    series_order: Sequence[str],
    kind: ValueKind = "share",
    label_order: Sequence[str] | None = None,
) -> BuiltChart:
    """Several shares per label side by side (union, agreement, committee coverage)."""
    rows = rows.copy()
    y, tooltip = _label_axis_and_tooltip(label_title, series_title, lang, label_order)
    chart = (
        alt.Chart(rows)
        .mark_bar()
        .encode(
            y=y,
            yOffset=alt.YOffset("series:N", sort=list(series_order)),
            x=alt.X(
                "value:Q",
                title=value_title,
                axis=alt.Axis(format=_axis_format(kind)),
                scale=alt.Scale(domain=[0, 1]) if kind == "share" else alt.Undefined,
            ),
            color=alt.Color(
                "series:N",
                title=series_title,
                sort=list(series_order),
                scale=alt.Scale(
                    domain=list(series_order), range=_cycle(OKABE_ITO, len(series_order))
                ),
            ),
            tooltip=tooltip,
        )
        .properties(
            title=title,
            height=band_height(rows["label"].nunique(), 12 * len(series_order) + 8, legend=True),
            width="container",
        )
    )
    description = t(
        "pages.charts.alt.grouped",
        lang,
        title=title,
        n=rows["label"].nunique(),
        series=", ".join(series_order),
    )
    table = table_of(rows, {"label": label_title, "series": series_title}, lang)
    return BuiltChart(configure(chart, lang), description, table)


# --- bars that filter a trend --------------------------------------------------------


def linked_bars_and_trend(
    bar_rows: pd.DataFrame,
    trend_rows: pd.DataFrame,
    *,
    lang: str,
    title: str,
    bar_title: str,
    trend_title: str,
    label_title: str,
    value_title: str,
    kind: ValueKind = "share",
    name: str = "linked",
) -> BuiltChart:
    """Click a bar (a sector) and the trend beside it shows that sector alone.

    `bar_rows` have `label` and values for the period; `trend_rows` have `label`,
    `year` and values. Both are prepared rows."""
    bar_rows, trend_rows = bar_rows.copy(), trend_rows.copy()
    trend_rows["year"] = trend_rows["year"].astype(int)
    labels = list(bar_rows["label"])
    pick = alt.selection_point(name=f"{name}_pick", fields=["label"], empty=True)
    colour = alt.Color(
        "label:N",
        title=label_title,
        sort=labels,
        scale=alt.Scale(domain=labels, range=_cycle(OKABE_ITO, len(labels))),
    )
    value_axis = alt.Axis(format=_axis_format(kind))
    bar_tip = _tooltip([("label", label_title)], lang)
    bars = (
        alt.Chart(bar_rows)
        .mark_bar(cursor="pointer")
        .encode(
            y=alt.Y("label:N", title=label_title, sort=labels),
            x=alt.X("value:Q", title=value_title, axis=value_axis, scale=alt.Scale(domainMin=0)),
            color=colour,
            opacity=alt.condition(pick, alt.value(1), alt.value(0.3)),
            tooltip=bar_tip,
        )
        .add_params(pick)
        .properties(title=bar_title, width=260, height=max(90, 32 * len(labels)))
    )
    trend_tip = _tooltip([("label", label_title), ("year", t("pages.charts.col.year", lang))], lang)
    trend_base = (
        alt.Chart(trend_rows)
        .transform_filter(pick)
        .encode(
            x=alt.X("year:O", title=t("pages.charts.col.year", lang), axis=alt.Axis(labelAngle=0)),
            y=alt.Y("value:Q", title=value_title, axis=value_axis, scale=alt.Scale(domainMin=0)),
            color=colour,
        )
    )
    trend = (
        trend_base.mark_line(strokeWidth=2.5).encode(
            strokeDash=alt.StrokeDash(
                "label:N",
                title=label_title,
                sort=labels,
                scale=alt.Scale(
                    domain=labels, range=[list(d) for d in _cycle(DASHES, len(labels))]
                ),
            )
        )
        + trend_base.mark_point(filled=True, size=55).encode(tooltip=trend_tip)
    ).properties(title=trend_title, width=420, height=260)
    chart = alt.hconcat(bars, trend).properties(title=title)
    description = (
        t("pages.charts.alt.linked", lang, title=title, n=len(labels))
        + " "
        + _extremes(bar_rows, "label", kind, lang)
    )
    table = table_of(
        trend_rows, {"label": label_title, "year": t("pages.charts.col.year", lang)}, lang
    )
    return BuiltChart(configure(chart, lang), description, table)


# --- one factory's assessments (staff only) -------------------------------------------


def assessment_history(
    rows: pd.DataFrame, *, lang: str, title: str, value_title: str
) -> BuiltChart:
    """Non-compliant points per assessment, oldest first. `rows` are in date order and
    have `date` (the visit's date as text, so the axis shows visits, not a time scale
    with empty years), `type`, and the prepared value columns."""
    rows = rows.copy()
    tooltip = _tooltip(
        [("date", t("pages.charts.col.date", lang)), ("type", t("pages.charts.col.type", lang))],
        lang,
    )
    chart = (
        alt.Chart(rows)
        .mark_bar(color=OKABE_ITO[3])
        .encode(
            x=alt.X(
                "date:O",
                title=t("pages.charts.col.date", lang),
                sort=list(dict.fromkeys(rows["date"])),
                axis=alt.Axis(labelAngle=-45),
            ),
            y=alt.Y("value:Q", title=value_title, axis=alt.Axis(format=",.0f", tickMinStep=1)),
            tooltip=tooltip,
        )
        .properties(title=title, height=260, width="container")
    )
    description = t("pages.charts.alt.history", lang, title=title, n=len(rows))
    table = table_of(
        rows,
        {"date": t("pages.charts.col.date", lang), "type": t("pages.charts.col.type", lang)},
        lang,
    )
    return BuiltChart(configure(chart, lang), description, table)
