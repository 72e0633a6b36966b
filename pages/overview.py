"""Question: How big is the programme now, how did it grow, and which compliance points
are worst?
First screen: the headline cards, then the worst and the most improved compliance
points (what a meeting acts on); how the programme grew in the next tab.

Overview: how big the programme is, how it grew, and where compliance is worst and
improving — the page to open five minutes before a meeting.

Thin by design: every figure comes from a cached `data_access` function for the
shared filters; this file only chooses what to draw.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from data_access.cache import (
    cached_change,
    cached_most_improved,
    cached_programme_size,
    cached_top_non_compliance,
)
from data_access.disclosure import worker_figures
from data_access.i18n import t
from data_access.periods import comparison
from data_access.refdata import Reference, reference
from ui.charts import paired_dots, ranked_bars, stacked_by_year
from ui.context import PageContext, page_context
from ui.meetings import since_last_meeting_tab
from ui.roadmap import overdue_tab
from ui.sections import section
from ui.widgets import (
    chart_with_table,
    comparison_caption,
    headline_cards,
    mostly_hidden_notice,
    name_column,
    no_data,
    page_header,
    period_rows,
    section_tabs,
    viewer_rows,
)

TOP_N = 5


def main() -> None:
    ctx = page_context()
    lang = ctx.lang
    ref = reference(ctx.engine)
    page_header(ctx, ref, "pages.overview.title")

    headline, compared_with = _headline(ctx, ref)
    if _empty(headline):
        no_data(lang)
        return
    mostly_hidden_notice(ctx, headline)
    headline_cards(
        headline,
        ctx,
        kind_of=_kind,
        label_key="pages.overview.card.{}",
        compared_with=compared_with,
    )

    overdue = overdue_tab(ctx)
    section_tabs(
        [
            (t("pages.overview.compliance", lang), lambda: _rankings(ctx)),
            (t("pages.overview.growth", lang), lambda: _growth(ctx)),
            (t("meetings.since.tab", lang), lambda: since_last_meeting_tab(ctx)),
            *([overdue] if overdue else []),
        ]
    )


def _headline(ctx: PageContext, ref: Reference) -> tuple[pd.DataFrame, str | None]:
    """The latest period against the one before it when there is one with data; else
    the whole filter without a change."""
    compared = comparison(ctx.filters, ref)
    if compared is not None:
        headline = cached_change(ctx.engine, ctx.scope, compared, "programme_size")
        if not _empty(headline):
            comparison_caption(ctx, headline)
            compared_with = t(
                "pages.widgets.compared_with",
                ctx.lang,
                period=compared.before.describe_period(ctx.lang),
            )
            return headline, compared_with
    current = cached_programme_size(ctx.engine, ctx.scope, ctx.filters)
    return _without_change(current), None


def _empty(headline: pd.DataFrame) -> bool:
    return bool(headline["value_after"].isna().all() and not headline["suppressed"].any())


def _kind(measure: str) -> str:
    return "share" if measure.endswith("share") else "count"


def _without_change(frame: pd.DataFrame) -> pd.DataFrame:
    """The headline frame's shape for a period with nothing to compare against."""
    measures = ("factories", "workers", "women_share", "provinces", "sectors", "assessments")
    row = frame.iloc[0] if len(frame) else None
    return pd.DataFrame(
        {
            "measure": measures,
            "value_before": [pd.NA] * len(measures),
            "value_after": [row[m] if row is not None else pd.NA for m in measures],
            "change": [pd.NA] * len(measures),
            "suppressed": [bool(row["suppressed"]) if row is not None else False] * len(measures),
            "suppression_reason": [str(row["suppression_reason"] or "") if row is not None else ""]
            * len(measures),
            "change_suppressed": [False] * len(measures),
        }
    )


@section
def _growth(ctx: PageContext) -> None:
    """Factories or workers by year and sector; a fragment, so switching the measure
    redraws this tab alone, not the cards and rankings above."""
    lang = ctx.lang
    frame = cached_programme_size(ctx.engine, ctx.scope, ctx.filters, by=("year", "sector"))
    if frame.empty:
        no_data(lang)
        return
    measure = st.radio(
        t("pages.overview.growth_measure", lang),
        options=["factories", "workers"],
        format_func=lambda m: t(f"pages.overview.card.{m}", lang),
        horizontal=True,
        key="overview_growth_measure",
    )
    rows = viewer_rows(
        ctx,
        worker_figures(frame) if measure == "workers" else frame,
        {"year": "year", "series": name_column("sector", lang)},
        kind="count",
        value=measure,
    )
    totals = cached_programme_size(ctx.engine, ctx.scope, ctx.filters, by="year")
    total_rows = viewer_rows(
        ctx,
        totals,
        {"year": "year"},
        kind="count",
        value=measure,
    )
    built = stacked_by_year(
        rows,
        lang=lang,
        title=t(f"pages.overview.growth_title.{measure}", lang),
        series_title=t("pages.common.sector", lang),
        value_title=t(f"pages.overview.card.{measure}", lang),
        series_order=list(dict.fromkeys(frame[name_column("sector", lang)])),
        totals=total_rows,
        name="growth",
    )
    if rows["hidden"].any():
        st.caption(t("pages.overview.growth_hint", lang))
    chart_with_table(built, ctx, "overview_growth", source=frame, what="programme_by-year-sector")


def _rankings(ctx: PageContext) -> None:
    lang = ctx.lang
    label = name_column("compliance_point", lang)
    left, right = st.columns(2)
    with left:
        top = cached_top_non_compliance(ctx.engine, ctx.scope, ctx.filters, n=TOP_N)
        if top.empty:
            no_data(lang)
        else:
            rows = viewer_rows(
                ctx,
                top,
                {"label": label, "group": "cluster_group"},
                value="rate",
                numerator="non_compliant",
                denominator="assessed",
            )
            built = ranked_bars(
                rows,
                lang=lang,
                title=t("pages.overview.top", lang, n=TOP_N),
                label_title=t("pages.common.compliance_point", lang),
                value_title=t("pages.common.non_compliance_rate", lang),
            )
            chart_with_table(built, ctx, "overview_top", source=top, what="top-non-compliance")
    with right:
        improved = cached_most_improved(ctx.engine, ctx.scope, ctx.filters, n=TOP_N)
        if improved.empty:
            st.info(t("pages.overview.none_improved", lang))
            return
        before, after = improved.attrs["before"], improved.attrs["after"]
        rows = period_rows(improved, label, before, after, ctx)
        built = paired_dots(
            rows,
            lang=lang,
            title=t("pages.overview.improved", lang, n=TOP_N),
            label_title=t("pages.common.compliance_point", lang),
            series_title=t("pages.common.period", lang),
            value_title=t("pages.common.non_compliance_rate", lang),
            series_order=[before.describe_period(lang), after.describe_period(lang)],
            label_order=list(improved[label]),
        )
        chart_with_table(built, ctx, "overview_improved", source=improved, what="most-improved")


main()
