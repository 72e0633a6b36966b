"""Bar charts: ranked bars (highest or lowest first), several shares per label side by
side, and one factory's assessments (staff only)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import altair as alt
import pandas as pd

from data_access.i18n import t
from data_access.look import GROUP_COLOURS, INK, OKABE_ITO
from ui.charts.look import band_height, domain_max, extremes, finished, tooltip, value_axis
from ui.charts.palette import cycle
from ui.charts.rows import ValueKind, table_of
from ui.charts.spec import BuiltChart, inline
from ui.charts.spec_cache import reused


def label_axis_and_tooltip(
    label_title: str, series_title: str, lang: str, label_order: Sequence[str] | None
) -> tuple[alt.Y, list[alt.Tooltip]]:
    """One row per label, one mark per series (grouped bars, paired dots)."""
    # Rows are named by their labels and the chart title; an axis title would overlap them.
    y = alt.Y("label:N", title=None, sort=list(label_order) if label_order else None)
    return y, tooltip([("label", label_title), ("series", series_title)], lang)


def _group_colour(rows: pd.DataFrame, lang: str, group_title: str) -> Any:
    """Core standards and national law in their own colours, a legend when both show."""
    groups = [g for g in GROUP_COLOURS if g in set(rows["group"])]
    return alt.Color(
        "group_name:N",
        title=group_title,
        scale=alt.Scale(
            domain=[t(f"pages.charts.group.{g}", lang) for g in groups],
            range=[GROUP_COLOURS[g] for g in groups],
        ),
        legend=alt.Legend() if len(groups) > 1 else None,
    )


@reused
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
    group_title = group_title or t("pages.charts.col.group", lang)
    if has_group:
        rows["group_name"] = rows["group"].map(
            lambda g: t(f"pages.charts.group.{g}", lang) if g in GROUP_COLOURS else ""
        )
        label_fields.append(("group_name", group_title))
    # The chart title names the rows; a y-axis title would sit on the long labels.
    y = alt.Y("label:N", sort=order, title=None)
    top = domain_max(rows, kind)
    x = alt.X(
        "value:Q",
        title=value_title,
        axis=value_axis(kind, tickCount=5),
        scale=alt.Scale(domain=[0, top]) if top else alt.Undefined,
    )
    colour = _group_colour(rows, lang, group_title) if has_group else alt.value(OKABE_ITO[0])
    tips = tooltip(label_fields, lang)
    base = alt.Chart(inline(rows.drop(columns=["order"])))
    bars = base.mark_bar().encode(y=y, x=x, color=colour, tooltip=tips)
    labels = (
        base.mark_text(align="left", dx=4, color=INK, fontSize=11)
        .encode(y=y, x=alt.X("value_or_zero:Q"), text="value_text:N", tooltip=tips)
        .transform_calculate(value_or_zero="datum.value === null ? 0 : datum.value")
    )
    chart = (bars + labels).properties(
        title=title,
        height=band_height(len(rows), 26, legend=has_group and rows["group"].nunique() > 1),
        width="container",
    )
    key = "pages.charts.alt.ranked_ascending" if ascending else "pages.charts.alt.ranked"
    description = t(key, lang, title=title, n=len(rows)) + " " + extremes(rows, "label", kind, lang)
    headers = {"label": label_title}
    if has_group:
        headers["group_name"] = group_title
    return finished(chart, lang, description, table_of(rows, headers, lang))


@reused
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
    y, tips = label_axis_and_tooltip(label_title, series_title, lang, label_order)
    chart = (
        alt.Chart(inline(rows))
        .mark_bar()
        .encode(
            y=y,
            yOffset=alt.YOffset("series:N", sort=list(series_order)),
            x=alt.X(
                "value:Q",
                title=value_title,
                axis=value_axis(kind),
                scale=alt.Scale(domain=[0, 1]) if kind == "share" else alt.Undefined,
            ),
            color=alt.Color(
                "series:N",
                title=series_title,
                sort=list(series_order),
                scale=alt.Scale(
                    domain=list(series_order), range=cycle(OKABE_ITO, len(series_order))
                ),
            ),
            tooltip=tips,
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
    return finished(chart, lang, description, table)


@reused
def assessment_history(
    rows: pd.DataFrame, *, lang: str, title: str, value_title: str
) -> BuiltChart:
    """Non-compliant points per assessment, oldest first. `rows` are in date order and
    have `date` (the visit's date as text, so the axis shows visits, not a time scale
    with empty years), `type`, and the prepared value columns."""
    rows = rows.copy()
    date_title, type_title = t("pages.charts.col.date", lang), t("pages.charts.col.type", lang)
    chart = (
        alt.Chart(inline(rows))
        .mark_bar(color=OKABE_ITO[3])
        .encode(
            x=alt.X(
                "date:O",
                title=date_title,
                sort=list(dict.fromkeys(rows["date"])),
                axis=alt.Axis(labelAngle=-45),
            ),
            y=alt.Y("value:Q", title=value_title, axis=value_axis("count")),
            tooltip=tooltip([("date", date_title), ("type", type_title)], lang),
        )
        .properties(title=title, height=260, width="container")
    )
    description = t("pages.charts.alt.history", lang, title=title, n=len(rows))
    table = table_of(rows, {"date": date_title, "type": type_title}, lang)
    return finished(chart, lang, description, table)
