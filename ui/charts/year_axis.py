"""The year axis of every chart over time, and the pale band over a year with nothing
to show, whose tooltip says why (hidden cells' reason, or no factory assessed)."""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd

from data_access.i18n import t
from ui.charts.palette import SUPPRESSED_GREY
from ui.charts.spec import inline


def year_domain(rows: pd.DataFrame) -> list[int]:
    """Every year from the first to the last the rows cover, so a year with no row or
    only hidden ones stays on the axis: footwear 2018, 2019 … 2022, never 2018 → 2022."""
    if rows.empty:
        return []
    return list(range(int(rows["year"].min()), int(rows["year"].max()) + 1))


def year_axis(rows: pd.DataFrame, lang: str) -> alt.X:
    return alt.X(
        "year:O",
        title=t("pages.charts.col.year", lang),
        axis=alt.Axis(labelAngle=0),
        scale=alt.Scale(domain=year_domain(rows)),
    )


def year_gaps(rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """One row per year of the axis without a single visible value: `year` and `note`
    (why: the hidden cells' reason, or that no factory was assessed that year), drawn
    as a pale band whose tooltip says so."""
    gaps = []
    for year in year_domain(rows):
        here = rows[rows["year"] == year]
        if here["value"].notna().any():
            continue
        notes = [note for note in here["note"] if note]
        gaps.append(
            {
                "year": year,
                "value_text": t("common.suppressed", lang) if notes else "–",
                "note": notes[0] if notes else t("pages.charts.note.no_factory_year", lang),
            }
        )
    return pd.DataFrame(gaps, columns=["year", "value_text", "note"])


def _gap_band(rows: pd.DataFrame, lang: str, x: alt.X) -> alt.Chart | None:
    gaps = year_gaps(rows, lang)
    if gaps.empty:
        return None
    year_title = t("pages.charts.col.year", lang)
    return (
        alt.Chart(inline(gaps))
        .mark_rect(color=SUPPRESSED_GREY, opacity=0.25)
        .encode(
            x=x,
            tooltip=[
                alt.Tooltip("year:O", title=year_title),
                alt.Tooltip("value_text:N", title=t("pages.charts.col.value", lang)),
                alt.Tooltip("note:N", title=t("pages.charts.col.note", lang)),
            ],
        )
    )


def with_gaps(chart: alt.TopLevelMixin, rows: pd.DataFrame, lang: str, x: alt.X) -> Any:
    """The chart with the gap band behind it, when a year has nothing to show."""
    band = _gap_band(rows, lang, x)
    return chart if band is None else band + chart
