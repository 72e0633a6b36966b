"""Question: How many factories have a union, a collective agreement and a working
bipartite committee?
First screen: the headline cards and how common each institution is by sector; the rest
in tabs.

Social dialogue: unions, collective agreements and bipartite committees, where they
are common and where rare, whether women are heard in proportion to their numbers,
and how Freedom of Association and Collective Bargaining compliance has moved.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from data_access.cache import (
    cached_change,
    cached_fa_cb_non_compliance,
    cached_social_dialogue,
)
from data_access.i18n import t
from data_access.indicators import MEASURES
from data_access.periods import comparison
from data_access.refdata import reference
from ui.charts import grouped_bars, paired_dots, ranked_bars, trend_lines
from ui.context import PageContext, page_context
from ui.sections import section
from ui.widgets import (
    DeltaColour,
    chart_with_table,
    comparison_caption,
    headline_cards,
    mostly_hidden_notice,
    name_column,
    no_data,
    page_header,
    section_tabs,
    viewer_rows,
)

COVERAGE: tuple[str, ...] = ("union_present", "cba_in_force", "picc_functioning")
GENDER: tuple[str, ...] = ("picc_women_share", "workforce_women_share")
#: Measures where a rise is good news, bad news, or neither (the women's shares).
WORSE_WHEN_UP: frozenset[str] = frozenset({"work_stoppage"})
NEUTRAL: frozenset[str] = frozenset(GENDER)


def main() -> None:
    ctx = page_context()
    lang = ctx.lang
    ref = reference(ctx.engine)
    page_header(ctx, ref, "pages.dialogue.title")

    national = cached_social_dialogue(ctx.engine, ctx.scope, ctx.filters)
    if national.empty:
        no_data(lang)
        return
    mostly_hidden_notice(ctx, national)
    _cards(ctx, ref, national)
    section_tabs(
        [
            (t("pages.dialogue.coverage", lang), lambda: _coverage(ctx)),
            (t("pages.dialogue.rare", lang), lambda: _rare_agreements(ctx)),
            (t("pages.dialogue.women", lang), lambda: _women(ctx, national)),
            (t("pages.dialogue.fa_cb", lang), lambda: _fa_cb(ctx)),
        ]
    )


def _colour(measure: str) -> DeltaColour:
    if measure in NEUTRAL:
        return "off"
    return "inverse" if measure in WORSE_WHEN_UP else "normal"


def _cards(ctx: PageContext, ref, national: pd.DataFrame) -> None:
    """The latest period's figures with their change; without an earlier period to
    compare with, the figures for the whole filter and no change."""
    frame = pd.DataFrame()
    compared_with = None
    compared = comparison(ctx.filters, ref)
    if compared is not None:
        frame = cached_change(ctx.engine, ctx.scope, compared, "social_dialogue")
        if not frame.empty:
            comparison_caption(ctx, frame)
            compared_with = t(
                "pages.widgets.compared_with",
                ctx.lang,
                period=compared.before.describe_period(ctx.lang),
            )
    if frame.empty:
        frame = pd.DataFrame(
            {
                "measure": national["measure"],
                "value_after": national["value"],
                "change": pd.NA,
                "suppressed": national["suppressed"],
                "suppression_reason": national["suppression_reason"],
                "change_suppressed": False,
            }
        )
    headline_cards(
        frame,
        ctx,
        kind_of=lambda _measure: "share",
        label_key="pages.dialogue.card.{}",
        help_key="indicators.measure.{}",
        colour_of=_colour,
        compared_with=compared_with,
        # Nine cards in two rows, so the first chart starts in a laptop's first screen.
        per_row=5,
    )


def _measure_rows(ctx: PageContext, frame: pd.DataFrame, keep: dict[str, str]) -> pd.DataFrame:
    """Prepared rows of a long social-dialogue frame; each measure counts its own unit."""
    parts = [
        viewer_rows(
            ctx,
            frame[frame["measure"] == measure],
            keep,
            unit=MEASURES[measure][3],
        )
        for measure in dict.fromkeys(frame["measure"])
    ]
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()


def _coverage(ctx: PageContext) -> None:
    lang = ctx.lang
    series = [t(f"indicators.measure.{m}", lang) for m in COVERAGE]
    for dim in ("sector", "province"):
        frame = cached_social_dialogue(ctx.engine, ctx.scope, ctx.filters, by=dim)
        frame = frame[frame["measure"].isin(COVERAGE)]
        if frame.empty:
            continue
        label = name_column(dim, lang)
        rows = _measure_rows(ctx, frame, {"label": label, "series": name_column("measure", lang)})
        built = grouped_bars(
            rows,
            lang=lang,
            title=t(f"pages.dialogue.coverage_by.{dim}", lang),
            label_title=t(f"pages.common.{dim}", lang),
            series_title=t("pages.common.indicator", lang),
            value_title=t("pages.common.share", lang),
            series_order=series,
            label_order=list(dict.fromkeys(frame[label])),
        )
        chart_with_table(
            built, ctx, f"dialogue_coverage_{dim}", source=frame, what=f"social-dialogue_by-{dim}"
        )


def _rare_agreements(ctx: PageContext) -> None:
    lang = ctx.lang
    st.caption(t("pages.dialogue.rare_hint", lang))
    frame = cached_social_dialogue(ctx.engine, ctx.scope, ctx.filters, by="province")
    frame = frame[frame["measure"] == "cba_in_force"]
    if frame.empty:
        no_data(lang)
        return
    rows = _measure_rows(ctx, frame, {"label": name_column("province", lang)})
    built = ranked_bars(
        rows,
        lang=lang,
        title=t("pages.dialogue.rare_title", lang),
        label_title=t("pages.common.province", lang),
        value_title=t("indicators.measure.cba_in_force", lang),
        ascending=True,
    )
    chart_with_table(
        built, ctx, "dialogue_rare", source=frame, what="collective-agreements_by-province"
    )


@section
def _women(ctx: PageContext, national: pd.DataFrame) -> None:
    """Women among committee members against women in the workforce; a fragment, so
    switching sector/province redraws this tab alone."""
    lang = ctx.lang
    st.caption(t("pages.dialogue.women_hint", lang))
    dim = st.radio(
        t("pages.dialogue.women_by", lang),
        ["sector", "province"],
        format_func=lambda d: t(f"pages.common.{d}", lang),
        horizontal=True,
        key="dialogue_women_by",
    )
    frame = cached_social_dialogue(ctx.engine, ctx.scope, ctx.filters, by=dim)
    frame = frame[frame["measure"].isin(GENDER)]
    label = name_column(dim, lang)
    measure = name_column("measure", lang)
    rows = _measure_rows(ctx, frame, {"label": label, "series": measure})
    everywhere = _measure_rows(ctx, national[national["measure"].isin(GENDER)], {"series": measure})
    everywhere.insert(0, "label", t("pages.common.national", lang))
    rows = pd.concat([everywhere, rows], ignore_index=True)
    built = paired_dots(
        rows,
        lang=lang,
        title=t("pages.dialogue.women_title", lang),
        label_title=t(f"pages.common.{dim}", lang),
        series_title=t("pages.common.indicator", lang),
        value_title=t("pages.common.share", lang),
        series_order=[t(f"indicators.measure.{m}", lang) for m in GENDER],
        label_order=list(dict.fromkeys(rows["label"])),
    )
    chart_with_table(
        built, ctx, "dialogue_women", source=frame, what=f"women-in-committees_by-{dim}"
    )


def _fa_cb(ctx: PageContext) -> None:
    lang = ctx.lang
    frame = cached_fa_cb_non_compliance(ctx.engine, ctx.scope, ctx.filters)
    name = "name_vi" if lang == "vi" else "name_en"
    rows = viewer_rows(
        ctx,
        frame,
        {"year": "year", "series": name},
        value="rate",
        numerator="non_compliant",
        denominator="assessed",
    )
    rows = rows[rows["value"].notna()]
    if rows.empty:
        no_data(lang)
        return
    built = trend_lines(
        rows,
        lang=lang,
        title=t("pages.dialogue.fa_cb_title", lang),
        series_title=t("pages.dialogue.fa_cb_series", lang),
        value_title=t("pages.common.non_compliance_rate", lang),
        series_order=list(dict.fromkeys(frame[name])),
        name="fa_cb",
    )
    chart_with_table(
        built, ctx, "dialogue_fa_cb", source=frame, what="fa-cb-non-compliance_by-year"
    )


main()
