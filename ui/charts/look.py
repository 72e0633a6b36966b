"""The shared look of every chart: locale-aware numbers, fonts, axes, tooltips, heights,
and the sentence a screen reader hears about the extremes."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import altair as alt
import pandas as pd

from data_access.i18n import normalise_language, t
from data_access.look import NUMBER_LOCALES
from ui.charts.rows import ValueKind, format_value
from ui.charts.spec import BuiltChart, arrow_datasets, chart_spec

#: What a chart's title, x axis and its title take of the height (measured on rendered
#: charts: about 95 px). Too little here, and five ranked bars shrank until Vega dropped
#: every other label.
CHART_FRAME = 100

#: Room for heat-map column labels written one word a line (up to six short lines).
COLUMN_LABEL_LINES = 60


def band_height(bands: int, per_band: int, *, legend: bool) -> int:
    """The chart height for `bands` rows of `per_band` pixels. Streamlit sizes charts
    with autosize "fit", which squeezes axes, title and legend into the height given, so
    they are added here or the rows collapse into one."""
    return per_band * max(bands, 1) + CHART_FRAME + (60 if legend else 0)


def configure(chart: alt.TopLevelMixin, lang: str) -> alt.TopLevelMixin:
    """Shared look: locale-aware numbers, readable fonts. The alt text travels beside the
    spec (`st.vega_lite_chart(alt=...)`), not in it: Streamlit warns when both are set."""
    # One `configure` call: each `configure_*` deep-copies the whole chart, and five
    # copies per chart were a fifth of a warm rerun of the sector page.
    return chart.configure(
        locale={"number": NUMBER_LOCALES[normalise_language(lang)]},
        axis=alt.AxisConfig(labelFontSize=12, titleFontSize=12, labelLimit=320),
        # A row or column label names its data: never thinned out to avoid overlap.
        axisBand=alt.AxisConfig(labelOverlap=False),
        legend=alt.LegendConfig(
            labelFontSize=12, titleFontSize=12, labelLimit=320, orient="bottom", columns=3
        ),
        view=alt.ViewConfig(stroke=None),
        title=alt.TitleConfig(fontSize=15, anchor="start", offset=12),
    )


def finished(
    chart: alt.TopLevelMixin, lang: str, description: str, table: pd.DataFrame
) -> BuiltChart:
    """The chart in the shared look as a spec, with its alt text and table."""
    spec = chart_spec(configure(chart, lang))
    return BuiltChart(spec, description, table, arrow_datasets(spec))


def tooltip(label_fields: Sequence[tuple[str, str]], lang: str) -> list[alt.Tooltip]:
    """The labels, then the value, its numerator and denominator, and any note."""
    tips = [alt.Tooltip(f"{field}:N", title=title) for field, title in label_fields]
    tips += [
        alt.Tooltip("value_text:N", title=t("pages.charts.col.value", lang)),
        alt.Tooltip("fraction_text:N", title=t("pages.charts.col.fraction", lang)),
        alt.Tooltip("note:N", title=t("pages.charts.col.note", lang)),
    ]
    return tips


def axis_format(kind: ValueKind) -> str:
    return ".0%" if kind == "share" else ",.0f" if kind == "count" else ",.1f"


def tick_step(kind: ValueKind) -> float:
    """The smallest step between ticks: what the format shows (a percentage point, one,
    a tenth), so a narrow range never prints "0% 1% 1% 2% 2%" (ticks rounded alike)."""
    return 0.01 if kind == "share" else 1 if kind == "count" else 0.1


def value_axis(kind: ValueKind, **options: Any) -> alt.Axis:
    return alt.Axis(format=axis_format(kind), tickMinStep=tick_step(kind), **options)


def extremes(rows: pd.DataFrame, label: str, kind: ValueKind, lang: str) -> str:
    """The alt text's "highest … lowest …" sentence, over the values this viewer sees."""
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


def domain_max(rows: pd.DataFrame, kind: ValueKind) -> float | None:
    """The top of a share axis: 100 % once a value passes half, else the next tenth."""
    values = rows["value"].dropna()
    if kind != "share" or values.empty:
        return None
    return 1.0 if values.max() > 0.5 else math.ceil(values.max() * 10) / 10
