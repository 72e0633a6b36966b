"""Rows × columns coloured by value (more is worse), on one fixed scale for shares so the
same colour means the same rate in every heat map; suppressed cells grey, marked."""

from __future__ import annotations

from collections.abc import Sequence

import altair as alt
import pandas as pd

from data_access.i18n import t
from data_access.look import INK, SEQUENTIAL_WORSE_HIGH
from ui.charts.look import (
    COLUMN_LABEL_LINES,
    axis_format,
    band_height,
    extremes,
    finished,
    tick_step,
    tooltip,
)
from ui.charts.palette import SUPPRESSED_GREY
from ui.charts.rows import ValueKind, table_of
from ui.charts.spec import BuiltChart, inline
from ui.charts.spec_cache import reused


def _cell_colour(value_title: str, kind: ValueKind) -> alt.Color:
    # A fixed 0–100 % scale: the same colour means the same rate in every heat map, core
    # standards and national law alike.
    scale = (
        alt.Scale(range=list(SEQUENTIAL_WORSE_HIGH), domain=[0, 1])
        if kind == "share"
        else alt.Scale(range=list(SEQUENTIAL_WORSE_HIGH), domainMin=0)
    )
    return alt.Color(
        "value:Q",
        title=value_title,
        scale=scale,
        legend=alt.Legend(format=axis_format(kind), tickMinStep=tick_step(kind), orient="bottom"),
    )


@reused
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
        # One word a line (under the cells, where the lines run downwards): on one line
        # the sector names ran into one another on a phone.
        axis=alt.Axis(
            orient="bottom", labelAngle=0, title=None, labelExpr="split(datum.label, ' ')"
        ),
    )
    y = alt.Y("row:N", title=None, sort=list(row_order) if row_order else None)
    tips = tooltip([("row", row_title), ("column", column_title)], lang)
    # Named cells ("point × sector") for the alt text; they travel with the rows, as
    # they always have.
    rows["cell"] = rows["row"].astype(str) + " × " + rows["column"].astype(str)
    base = alt.Chart(inline(rows))
    cells = base.mark_rect(stroke="white", strokeWidth=1).encode(
        x=x,
        y=y,
        color=alt.condition(
            "datum.value === null", alt.value(SUPPRESSED_GREY), _cell_colour(value_title, kind)
        ),
        tooltip=tips,
    )
    text = base.mark_text(fontSize=11).encode(
        x=x,
        y=y,
        text="value_text:N",
        color=alt.condition("datum.value > 0.6", alt.value("white"), alt.value(INK)),
        tooltip=tips,
    )
    n_rows = rows["row"].nunique()
    chart = (cells + text).properties(
        title=title,
        height=band_height(n_rows, 28, legend=True) + 30 + COLUMN_LABEL_LINES,
        width="container",
    )
    description = (
        t(
            "pages.charts.alt.heatmap",
            lang,
            title=title,
            rows=n_rows,
            columns=rows["column"].nunique(),
        )
        + " "
        + extremes(rows, "cell", kind, lang)
    )
    table = table_of(rows, {"row": row_title, "column": column_title}, lang)
    return finished(chart, lang, description, table)
