"""Charts over the years: one line per series, counts stacked by a category, and bars
(one per sector) that filter the trend beside them. Every one keeps each year on its
axis and marks a year with nothing to show (`year_axis`)."""

from __future__ import annotations

from collections.abc import Sequence

import altair as alt
import pandas as pd

from data_access.i18n import t
from data_access.look import DASHES, OKABE_ITO
from ui.charts.look import extremes, finished, tooltip, value_axis
from ui.charts.palette import SUPPRESSED_GREY, cycle
from ui.charts.rows import ValueKind, table_of
from ui.charts.spec import BuiltChart, inline
from ui.charts.spec_cache import reused
from ui.charts.year_axis import with_gaps, year_axis


def _series_order(rows: pd.DataFrame, series_order: Sequence[str] | None) -> list[str]:
    return list(series_order) if series_order else sorted(rows["series"].dropna().unique())


def _years_described(key: str, rows: pd.DataFrame, lang: str, title: str, series: int) -> str:
    """The alt text of a chart over years: what it shows, from the first year to the last."""
    return t(
        key,
        lang,
        title=title,
        series=series,
        first=int(rows["year"].min()) if not rows.empty else "–",
        last=int(rows["year"].max()) if not rows.empty else "–",
    )


def _dash(field: str, title: str, order: list[str]) -> alt.StrokeDash:
    return alt.StrokeDash(
        f"{field}:N",
        title=title,
        sort=order,
        scale=alt.Scale(domain=order, range=[list(d) for d in cycle(DASHES, len(order))]),
    )


def _colour(field: str, title: str, order: list[str]) -> alt.Color:
    return alt.Color(
        f"{field}:N",
        title=title,
        sort=order,
        scale=alt.Scale(domain=order, range=cycle(OKABE_ITO, len(order))),
    )


@reused
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
    series = _series_order(rows, series_order)
    pick = alt.selection_point(name=f"{name}_pick", fields=["series"], bind="legend")
    x = year_axis(rows, lang)
    y = alt.Y("value:Q", title=value_title, axis=value_axis(kind), scale=alt.Scale(domainMin=0))
    year_title = t("pages.charts.col.year", lang)
    base = alt.Chart(inline(rows)).encode(
        x=x,
        y=y,
        color=_colour("series", series_title, series),
        opacity=alt.condition(pick, alt.value(1), alt.value(0.15)),
    )
    # Colour, dash and marker all encode the series and share one title, so Vega-Lite
    # merges them into one legend whose swatches tell the lines apart in grey print.
    # (A `legend=None` on any of them would remove the merged legend altogether.)
    # `invalid=None` keeps a hidden year's null in the line, which breaks there: a gap,
    # not a straight line across the year nobody may see.
    lines = base.mark_line(strokeWidth=2.5, invalid=None).encode(
        strokeDash=_dash("series", series_title, series)
    )
    points = base.mark_point(filled=True, size=55).encode(
        shape=alt.Shape("series:N", title=series_title, sort=series),
        tooltip=tooltip([("series", series_title), ("year", year_title)], lang),
    )
    chart = with_gaps((lines + points).add_params(pick), rows, lang, x)
    chart = chart.properties(title=title, height=400, width="container")
    description = _years_described("pages.charts.alt.trend", rows, lang, title, len(series))
    table = table_of(rows, {"series": series_title, "year": year_title}, lang)
    return finished(chart, lang, description, table)


def _totals_behind(totals: pd.DataFrame, x: alt.X, lang: str) -> alt.Chart:
    """Each year's total as a grey bar behind a stack that cannot show all of it."""
    totals = totals.assign(year=totals["year"].astype(int))
    return (
        alt.Chart(inline(totals))
        .mark_bar(color=SUPPRESSED_GREY)
        .encode(
            x=x,
            y=alt.Y("value:Q"),
            tooltip=[
                alt.Tooltip("year:O", title=t("pages.charts.col.year", lang)),
                alt.Tooltip("value_text:N", title=t("pages.charts.col.total", lang)),
            ],
        )
    )


@reused
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
    series = _series_order(rows, series_order)
    rows["stack_order"] = [series.index(s) if s in series else len(series) for s in rows["series"]]
    pick = alt.selection_point(name=f"{name}_pick", fields=["series"], bind="legend")
    year_title = t("pages.charts.col.year", lang)
    x = year_axis(rows, lang)
    stack = (
        alt.Chart(inline(rows))
        .mark_bar()
        .encode(
            x=x,
            y=alt.Y("value:Q", title=value_title, stack="zero", axis=value_axis("count")),
            color=_colour("series", series_title, series),
            order=alt.Order("stack_order:Q"),
            opacity=alt.condition(pick, alt.value(1), alt.value(0.2)),
            tooltip=tooltip([("series", series_title), ("year", year_title)], lang),
        )
        .add_params(pick)
    )
    chart: alt.TopLevelMixin = stack
    if totals is not None and not totals.empty:
        chart = _totals_behind(totals, x, lang) + stack
    chart = with_gaps(chart, rows, lang, x).properties(title=title, height=340, width="container")
    description = _years_described("pages.charts.alt.stacked", rows, lang, title, len(series))
    table = table_of(rows, {"year": year_title, "series": series_title}, lang)
    return finished(chart, lang, description, table)


@reused
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
    colour = _colour("label", label_title, labels)
    axis = value_axis(kind)
    y = alt.Y("value:Q", title=value_title, axis=axis, scale=alt.Scale(domainMin=0))
    bars = (
        alt.Chart(inline(bar_rows))
        .mark_bar(cursor="pointer")
        .encode(
            y=alt.Y("label:N", title=label_title, sort=labels),
            x=alt.X("value:Q", title=value_title, axis=axis, scale=alt.Scale(domainMin=0)),
            color=colour,
            opacity=alt.condition(pick, alt.value(1), alt.value(0.3)),
            tooltip=tooltip([("label", label_title)], lang),
        )
        .add_params(pick)
        .properties(title=bar_title, height=max(90, 32 * len(labels)))
    )
    year_title = t("pages.charts.col.year", lang)
    trend_base = (
        alt.Chart(inline(trend_rows))
        .transform_filter(pick)
        .encode(x=year_axis(trend_rows, lang), y=y, color=colour)
    )
    trend = (
        trend_base.mark_line(strokeWidth=2.5, invalid=None).encode(
            strokeDash=_dash("label", label_title, labels)
        )
        + trend_base.mark_point(filled=True, size=55).encode(
            tooltip=tooltip([("label", label_title), ("year", year_title)], lang)
        )
    ).properties(title=trend_title, height=260)
    # One above the other: Streamlit stretches each part of a vertical concatenation to
    # the page's width, so the pair fits a phone (side by side it was 920 px wide).
    chart = alt.vconcat(bars, trend).properties(title=title)
    description = (
        t("pages.charts.alt.linked", lang, title=title, n=len(labels))
        + " "
        + extremes(bar_rows, "label", kind, lang)
    )
    table = table_of(trend_rows, {"label": label_title, "year": year_title}, lang)
    return finished(chart, lang, description, table)
