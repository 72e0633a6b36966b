"""The briefing's pictures: the map of the most frequent issue, its trend, the clusters
and social dialogue in both periods. Each comes with its alt text, which states every
figure drawn, so a reader of the Word file with a screen reader misses nothing."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from data_access.briefings import charts
from data_access.briefings.document import Picture
from data_access.briefings.gathering import Gathered
from data_access.briefings.hidden import hidden_reason
from data_access.briefings.request import BriefingRequest
from data_access.briefings.talking_points import Facts, Measure
from data_access.briefings.values import name, number
from data_access.i18n import fmt_percent, t


def _pairs_text(rows: Sequence[tuple[str, float | None, float | None]], lang: str) -> str:
    return "; ".join(
        f"{label}: {fmt_percent(before, lang)} → {fmt_percent(after, lang)}"
        for label, before, after in rows
    )


def map_picture(gathered: Gathered, facts: Facts, request: BriefingRequest) -> Picture | None:
    lang = request.lang
    level = request.geography
    places = gathered.legacy_places if level == "legacy_province" else gathered.places
    if not facts.top or places.empty:
        return None
    issue = facts.top[0]
    rows = places[places["compliance_point"] == issue.code]
    areas = [
        charts.Area(code=str(row[level]), value=number(row["rate"]), hidden=bool(row["suppressed"]))
        for _, row in rows.iterrows()
        if not pd.isna(row[level])
    ]
    title = t("briefings.map.title", lang, issue=issue.name, period=facts.period)
    chart = charts.choropleth(
        areas,
        level=level,
        lang=lang,
        title=title,
        legend_title=t("briefings.map.legend", lang),
        hidden_label=t("briefings.map.hidden", lang, reason=hidden_reason(lang)),
        focus=request.provinces,
    )
    shown = ", ".join(
        f"{place.name} {fmt_percent(place.value, lang)}"
        for place in facts.places
        if place.value is not None
    )
    return Picture(
        png=charts.render_png(chart, lang),
        caption=t("briefings.map.caption", lang, issue=issue.name, period=facts.period),
        alt_text=f"{title}: {shown}",
        width_share=0.72,
    )


def cluster_picture(gathered: Gathered, facts: Facts, lang: str) -> Picture | None:
    frame = gathered.clusters
    if frame.empty:
        return None
    rows = [
        (name(row, "cluster", lang), number(row["rate_before"]), number(row["rate_after"]))
        for _, row in frame.iterrows()
    ]
    title = t("briefings.chart.clusters", lang)
    chart = charts.paired_bars(
        rows,
        title=title,
        before_label=facts.comparison,
        after_label=facts.period,
        value_title=t("briefings.chart.rate", lang),
    )
    return Picture(
        png=charts.render_png(chart, lang),
        caption=t("briefings.chart.clusters_caption", lang),
        alt_text=f"{title}. {_pairs_text(rows, lang)}",
        width_share=0.85,
    )


def trend_picture(gathered: Gathered, lang: str) -> Picture | None:
    frame = gathered.trend
    if frame.empty or frame["year"].nunique() < 2:
        return None
    rows = [
        (int(row["year"]), name(row, "compliance_point", lang), number(row["rate"]))
        for _, row in frame.iterrows()
    ]
    title = t("briefings.chart.trend", lang)
    chart = charts.trend_lines(
        rows,
        title=title,
        value_title=t("briefings.chart.rate", lang),
        series_title=t("briefings.table.compliance_point", lang),
    )
    alt_text = "; ".join(
        f"{year} {series}: {fmt_percent(value, lang)}" for year, series, value in rows
    )
    return Picture(
        png=charts.render_png(chart, lang),
        caption=t("briefings.chart.trend_caption", lang),
        alt_text=f"{title}. {alt_text}",
        width_share=0.85,
    )


def dialogue_picture(measures: Sequence[Measure], facts: Facts, lang: str) -> Picture:
    rows = [(measure.name, measure.before, measure.after) for measure in measures]
    title = t("briefings.chart.dialogue", lang)
    chart = charts.paired_bars(
        rows,
        title=title,
        before_label=facts.comparison,
        after_label=facts.period,
        value_title=t("briefings.chart.share", lang),
    )
    return Picture(
        png=charts.render_png(chart, lang),
        caption=t("briefings.chart.dialogue_caption", lang),
        alt_text=title + ". " + _pairs_text(rows, lang),
    )
