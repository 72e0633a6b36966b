"""How the map's values become colours: rounded quantile classes, ColorBrewer schemes
(from `data_access.look`, shared with the printed briefings), legend labels and the
legend's HTML swatches. Streamlit-free, so the classes are tested on their own."""

from __future__ import annotations

import html
import math
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from data_access.i18n import t
from data_access.look import MAP_NEUTRAL, MAP_WORSE_HIGH
from ui.charts import ValueKind, format_value

#: No factories at all: nearly white, unlike suppressed (a real but hidden value): mid grey.
EMPTY_COLOUR = "#f0f0f0"
SUPPRESSED_COLOUR = "#9e9e9e"


@dataclass(frozen=True)
class LegendEntry:
    colour: str
    label: str


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


def palette_for(worse_when_high: bool, count: int) -> list[str]:
    """`count` colours spread over the five-class scheme, so two classes are still far
    apart. Higher-is-worse metrics (non-compliance) get the warm scheme, so a map of
    problems never looks like a map of coverage."""
    scheme = MAP_WORSE_HIGH if worse_when_high else MAP_NEUTRAL
    if count >= len(scheme):
        return list(scheme)
    if count == 1:
        return [scheme[2]]
    return [scheme[round(i * (len(scheme) - 1) / (count - 1))] for i in range(count)]


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
