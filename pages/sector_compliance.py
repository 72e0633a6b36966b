"""Question: Which compliance points have the highest non-compliance?
First screen: the ranked compliance points; by sector, trends and two periods in tabs.

Sector compliance: where non-compliance is high, by cluster or compliance point and
sector; how it moved over the years; and one period against another.

Core labour standards and national-law clusters are always drawn apart, each under
its own heading, because a problem with child labour and one with overtime are not
read on the same scale by the constituents.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import streamlit as st

from data_access.cache import cached_change, cached_non_compliance
from data_access.filters import Filters
from data_access.i18n import fmt_points, t
from data_access.periods import Comparison, comparison, years_compared
from data_access.refdata import Reference, reference
from ui.charts import (
    GROUP_COLOURS,
    heatmap,
    is_missing,
    linked_bars_and_trend,
    paired_dots,
    ranked_bars,
    trend_lines,
)
from ui.context import PageContext, page_context
from ui.sections import section
from ui.widgets import (
    chart_with_table,
    comparison_caption,
    data_table,
    mostly_hidden_notice,
    name_column,
    no_data,
    page_header,
    period_rows,
    section_tabs,
    viewer_rows,
)

GROUPS: tuple[str, ...] = tuple(GROUP_COLOURS)


def main() -> None:
    ctx = page_context()
    lang = ctx.lang
    ref = reference(ctx.engine)
    page_header(ctx, ref, "pages.sector.title")

    points = cached_non_compliance(ctx.engine, ctx.scope, ctx.filters, by=("compliance_point",))
    if points.empty:
        no_data(lang)
        return
    mostly_hidden_notice(ctx, points)
    section_tabs(
        [
            (t("pages.sector.ranking", lang), lambda: _ranking(ctx, points)),
            (t("pages.sector.heatmap", lang), lambda: _heatmaps(ctx)),
            (t("pages.sector.trends", lang), lambda: _trends(ctx, ref)),
            (t("pages.sector.comparison", lang), lambda: _comparison(ctx, ref)),
        ]
    )


def _rates(ctx: PageContext, frame: pd.DataFrame, keep: dict[str, str]) -> pd.DataFrame:
    return viewer_rows(
        ctx,
        frame,
        keep,
        value="rate",
        numerator="non_compliant",
        denominator="assessed",
    )


def _group_heading(group: str, lang: str) -> None:
    st.subheader(t(f"pages.charts.group.{group}", lang))


@section
def _heatmaps(ctx: PageContext) -> None:
    """Clusters or points by sector; a fragment, so switching the level redraws this tab
    alone, not the page."""
    lang = ctx.lang
    level = st.radio(
        t("pages.sector.level", lang),
        ["cluster", "compliance_point"],
        format_func=lambda level: t(f"pages.common.{level}", lang),
        horizontal=True,
        key="sector_heatmap_level",
    )
    frame = cached_non_compliance(ctx.engine, ctx.scope, ctx.filters, by=(level, "sector"))
    row_label, column_label = name_column(level, lang), name_column("sector", lang)
    for group in GROUPS:
        part = frame[frame["cluster_group"] == group]
        if part.empty:
            continue
        _group_heading(group, lang)
        rows = _rates(ctx, part, {"row": row_label, "column": column_label})
        built = heatmap(
            rows,
            lang=lang,
            title=t(
                "pages.sector.heatmap_title", lang, group=t(f"pages.charts.group.{group}", lang)
            ),
            row_title=t(f"pages.common.{level}", lang),
            column_title=t("pages.common.sector", lang),
            value_title=t("pages.common.non_compliance_rate", lang),
            row_order=list(dict.fromkeys(part[row_label])),
            column_order=list(dict.fromkeys(part[column_label])),
        )
        chart_with_table(
            built,
            ctx,
            f"sector_heatmap_{group}",
            source=part,
            what=f"non-compliance_{level}-by-sector_{group}",
        )


def _ranking(ctx: PageContext, points: pd.DataFrame) -> None:
    lang = ctx.lang
    st.caption(t("pages.sector.ranking_hint", lang))
    label = name_column("compliance_point", lang)
    for group in GROUPS:
        part = points[points["cluster_group"] == group]
        if part.empty:
            continue
        _group_heading(group, lang)
        rows = _rates(ctx, part, {"label": label, "group": "cluster_group"})
        built = ranked_bars(
            rows,
            lang=lang,
            title=t(
                "pages.sector.ranking_title", lang, group=t(f"pages.charts.group.{group}", lang)
            ),
            label_title=t("pages.common.compliance_point", lang),
            value_title=t("pages.common.non_compliance_rate", lang),
        )
        chart_with_table(
            built,
            ctx,
            f"sector_ranking_{group}",
            source=part,
            what=f"non-compliance_by-point_{group}",
        )


def _trends(ctx: PageContext, ref: Reference) -> None:
    lang = ctx.lang
    frame = cached_non_compliance(ctx.engine, ctx.scope, ctx.filters, by=("year", "cluster"))
    label = name_column("cluster", lang)
    for group in GROUPS:
        part = frame[frame["cluster_group"] == group]
        rows = _rates(ctx, part, {"year": "year", "series": label})
        rows = rows[rows["value"].notna()]
        if rows.empty:
            continue
        built = trend_lines(
            rows,
            lang=lang,
            title=t("pages.sector.trend_title", lang, group=t(f"pages.charts.group.{group}", lang)),
            series_title=t("pages.common.cluster", lang),
            value_title=t("pages.common.non_compliance_rate", lang),
            series_order=list(dict.fromkeys(rows["series"])),
            name=f"trend_{group}",
        )
        chart_with_table(
            built, ctx, f"sector_trend_{group}", source=part, what=f"non-compliance_by-year_{group}"
        )
    _linked(ctx, ref)


@section
def _linked(ctx: PageContext, ref: Reference) -> None:
    """One cluster or point by sector, bars that filter its trend; a fragment, so
    choosing another redraws this part alone."""
    lang = ctx.lang
    st.subheader(t("pages.sector.by_sector", lang))
    choice = st.selectbox(
        t("pages.sector.which", lang),
        [f"cluster:{code}" for code in ref.clusters]
        + [f"cp:{code}" for code in ref.compliance_points],
        format_func=lambda option: _option_label(option, ref, lang),
        key="sector_linked_choice",
    )
    narrowed = _narrow(ctx.filters, choice)
    bars = cached_non_compliance(ctx.engine, ctx.scope, narrowed, by=("sector",))
    trend = cached_non_compliance(ctx.engine, ctx.scope, narrowed, by=("year", "sector"))
    sector = name_column("sector", lang)
    bar_rows = _rates(ctx, bars, {"label": sector})
    trend_rows = _rates(ctx, trend, {"label": sector, "year": "year"})
    trend_rows = trend_rows[trend_rows["value"].notna()]
    if bar_rows.empty or trend_rows.empty:
        no_data(lang)
        return
    built = linked_bars_and_trend(
        bar_rows,
        trend_rows,
        lang=lang,
        title=_option_label(choice, ref, lang),
        bar_title=t("pages.sector.linked_bars", lang),
        trend_title=t("pages.sector.linked_trend", lang),
        label_title=t("pages.common.sector", lang),
        value_title=t("pages.common.non_compliance_rate", lang),
        name="sector_linked",
    )
    st.caption(t("pages.sector.linked_hint", lang))
    chart_with_table(
        built, ctx, "sector_linked", source=trend, what="non-compliance_by-year-sector"
    )


def _option_label(option: str, ref: Reference, lang: str) -> str:
    kind, code = option.split(":", 1)
    if kind == "cluster":
        return t("pages.provinces.cluster_option", lang, name=ref.name("clusters", code, lang))
    return ref.name("compliance_points", code, lang)


def _narrow(filters: Filters, option: str) -> Filters:
    kind, code = option.split(":", 1)
    if kind == "cluster":
        return replace(filters, clusters=(code,), compliance_points=())
    return replace(filters, clusters=(), compliance_points=(code,))


@section
def _comparison(ctx: PageContext, ref: Reference) -> None:
    """Two years chosen by hand, point by point; a fragment, so choosing a year redraws
    this tab alone."""
    lang = ctx.lang
    if len(ref.years) < 2:
        st.info(t("pages.sector.comparison_needs_two", lang))
        return
    first, last, same = _comparison_choice(ctx, ref)
    if first >= last:
        st.warning(t("pages.sector.comparison_order", lang))
        return
    compared = years_compared(ctx.filters, ref, (first, first), (last, last))
    frame = cached_change(
        ctx.engine,
        ctx.scope,
        compared,
        "non_compliance",
        ("compliance_point",),
        same_factories=same,
    )
    if frame.empty:
        no_data(lang)
        return
    comparison_caption(ctx, frame)
    for group in GROUPS:
        part = frame[frame["cluster_group"] == group]
        if not part.empty:
            _comparison_group(ctx, part, group, compared, (first, last))


def _comparison_choice(ctx: PageContext, ref: Reference) -> tuple[int, int, bool]:
    """The earlier and the later year (the page's own comparison by default) and
    whether to compare only the factories assessed in both."""
    lang = ctx.lang
    years = list(ref.years)
    default = comparison(ctx.filters, ref)
    first_default = (
        default.before.year_from if default and default.before.year_from in years else years[-2]
    )
    last_default = (
        default.after.year_to if default and default.after.year_to in years else years[-1]
    )
    columns = st.columns(3)
    first = columns[0].selectbox(
        t("pages.sector.earlier", lang),
        years,
        index=years.index(first_default),
        key="sector_compare_before",
    )
    last = columns[1].selectbox(
        t("pages.sector.later", lang),
        years,
        index=years.index(last_default),
        key="sector_compare_after",
    )
    same = columns[2].checkbox(
        t("pages.sector.same_factories", lang),
        key="sector_compare_same",
        help=t("pages.sector.same_factories_help", lang),
    )
    return first, last, same


def _comparison_group(
    ctx: PageContext,
    part: pd.DataFrame,
    group: str,
    compared: Comparison,
    years: tuple[int, int],
) -> None:
    """One cluster group's points in both years, then their change in points."""
    lang = ctx.lang
    _group_heading(group, lang)
    label = name_column("compliance_point", lang)
    before, after = compared.before, compared.after
    order = part.assign(_sort=part["rate_after"].astype("Float64").fillna(-1)).sort_values(
        "_sort", ascending=False, kind="stable"
    )
    built = paired_dots(
        period_rows(part, label, before, after, ctx),
        lang=lang,
        title=t(
            "pages.sector.comparison_title",
            lang,
            before=years[0],
            after=years[1],
            group=t(f"pages.charts.group.{group}", lang),
        ),
        label_title=t("pages.common.compliance_point", lang),
        series_title=t("pages.common.period", lang),
        value_title=t("pages.common.non_compliance_rate", lang),
        series_order=[before.describe_period(lang), after.describe_period(lang)],
        label_order=list(order[label]),
    )
    chart_with_table(
        built,
        ctx,
        f"sector_compare_{group}",
        source=part,
        what=f"non-compliance-change_{group}",
    )
    data_table(_change_table(part, label, lang))


def _change_table(frame: pd.DataFrame, label: str, lang: str) -> pd.DataFrame:
    """Change in percentage points per compliance point, largest rise first; hidden rows
    have no change (`non_compliance_change` withholds it)."""
    rows = [
        {
            t("pages.common.compliance_point", lang): row[label],
            t("pages.common.change", lang): (
                fmt_points(float(row["change"]), lang, decimals=1)
                if not is_missing(row["change"])
                else t("common.suppressed", lang)
                if row["suppressed"]
                else "–"
            ),
            "_sort": -1e9 if is_missing(row["change"]) else float(row["change"]),
        }
        for row in frame.to_dict("records")
    ]
    table = pd.DataFrame(rows).sort_values("_sort", ascending=False, kind="stable")
    return table.drop(columns="_sort").reset_index(drop=True)


main()
