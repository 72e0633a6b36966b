"""Two values per label joined by a line, so the gap (or the change) is the line's length:
"2024 against 2025", or women among committee members against women in the workforce."""

from __future__ import annotations

from collections.abc import Sequence

import altair as alt
import pandas as pd

from data_access.i18n import t
from data_access.look import OKABE_ITO
from ui.charts.bars import label_axis_and_tooltip
from ui.charts.look import band_height, domain_max, finished, value_axis
from ui.charts.rows import ValueKind, table_of
from ui.charts.spec import BuiltChart, inline
from ui.charts.spec_cache import reused


@reused
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
    y, tips = label_axis_and_tooltip(label_title, series_title, lang, label_order)
    x = alt.X(
        "value:Q",
        title=value_title,
        axis=value_axis(kind),
        scale=alt.Scale(domain=[0, domain_max(rows, kind) or 1.0])
        if kind == "share"
        else alt.Undefined,
    )
    series = list(series_order)
    base = alt.Chart(inline(rows))
    line = base.mark_line(color="#777777", strokeWidth=2).encode(y=y, x=x, detail="label:N")
    dots = base.mark_point(filled=True, size=110, opacity=1).encode(
        y=y,
        x=x,
        color=alt.Color(
            "series:N",
            title=series_title,
            sort=series,
            scale=alt.Scale(domain=series, range=[OKABE_ITO[0], OKABE_ITO[3]]),
            # One entry a line: two periods in words ("1 Jan 2025 – 31 Oct 2025") do not
            # fit side by side in a half-width column.
            legend=alt.Legend(columns=1),
        ),
        shape=alt.Shape(
            "series:N",
            sort=series,
            scale=alt.Scale(domain=series, range=["circle", "diamond"]),
            legend=alt.Legend(columns=1),
        ),
        tooltip=tips,
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
    return finished(chart, lang, description, table)
