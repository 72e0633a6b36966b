"""The province profile under the Provinces map: one province beside Viet Nam.

Opened by a click on the map or the select box (both write `PROFILE_KEY`): programme
size against the national figure, non-compliance by cluster and social dialogue
against the national rates, the trends by year, and the former units the province was
made of. Every figure comes from the cached indicator functions under the viewer's
scope, so what a constituent sees here is suppressed as everywhere else.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import streamlit as st

from data_access.cache import (
    cached_non_compliance,
    cached_programme_size,
    cached_social_dialogue,
)
from data_access.disclosure import worker_figures
from data_access.filters import Filters
from data_access.i18n import t
from data_access.indicators.programme import WORKER_DOMINANCE
from data_access.refdata import Reference
from ui.charts import paired_dots, stacked_by_year, table_of, trend_lines
from ui.context import PageContext
from ui.downloads import download_buttons
from ui.widgets import chart_with_table, data_table, name_column, no_data, viewer_rows

#: The chosen province's code, shared by the select box, the map click and the outline.
PROFILE_KEY = "provinces_profile"


def province_profile(ctx: PageContext, ref: Reference) -> None:
    """The select box and, once a province is chosen, its profile."""
    lang = ctx.lang
    st.header(t("pages.provinces.profile", lang))
    code = st.selectbox(
        t("pages.provinces.pick", lang),
        list(ref.provinces),
        index=None,
        format_func=lambda c: ref.name("provinces", c, lang),
        placeholder=t("pages.provinces.pick_placeholder", lang),
        key=PROFILE_KEY,
    )
    if code is None:
        st.info(t("pages.provinces.pick_hint", lang))
        return
    name = ref.name("provinces", code, lang)
    st.subheader(name)
    inside = replace(ctx.filters, provinces=(code,), legacy_provinces=())
    national = replace(ctx.filters, provinces=(), legacy_provinces=())

    size_here = cached_programme_size(ctx.engine, ctx.scope, inside)
    if size_here.empty:
        no_data(lang)
    else:
        size_all = cached_programme_size(ctx.engine, ctx.scope, national)
        st.markdown("**" + t("pages.provinces.against_national", lang, name=name) + "**")
        data_table(_size_comparison(ctx, size_here, size_all, name))
        download_buttons(size_here, ctx, what="programme-size_province", key="profile_size")
        _against_national(ctx, name, inside, national)
        _profile_trends(ctx, name, inside)
    _made_of(ctx, ref, code, inside)


def _against_national(ctx: PageContext, name: str, inside: Filters, national: Filters) -> None:
    """Non-compliance by cluster and social dialogue: the province beside Viet Nam."""
    lang = ctx.lang
    everywhere = t("pages.common.national", lang)
    charts = (
        (
            "clusters",
            "cluster",
            "pages.provinces.nc_against_national",
            "pages.common.cluster",
            "pages.common.non_compliance_rate",
        ),
        (
            "dialogue",
            "measure",
            "pages.provinces.sd_against_national",
            "pages.common.indicator",
            "pages.common.share",
        ),
    )
    for key, dim, title, label_title, value_title in charts:
        if key == "clusters":
            here = cached_non_compliance(ctx.engine, ctx.scope, inside, by=("cluster",))
            there = cached_non_compliance(ctx.engine, ctx.scope, national, by=("cluster",))
            columns = {"value": "rate", "numerator": "non_compliant", "denominator": "assessed"}
        else:
            here = cached_social_dialogue(ctx.engine, ctx.scope, inside)
            there = cached_social_dialogue(ctx.engine, ctx.scope, national)
            columns = {}
        label = name_column(dim, lang)
        rows = pd.concat(
            [
                viewer_rows(
                    ctx,
                    frame,
                    {"label": label},
                    constants={"series": series},
                    **columns,
                )
                for frame, series in ((here, name), (there, everywhere))
            ],
            ignore_index=True,
        )
        if rows.empty:
            continue
        built = paired_dots(
            rows,
            lang=lang,
            title=t(title, lang, name=name),
            label_title=t(label_title, lang),
            series_title=t("pages.common.where", lang),
            value_title=t(value_title, lang),
            series_order=[name, everywhere],
            label_order=list(dict.fromkeys(there[label])),
        )
        chart_with_table(
            built,
            ctx,
            f"provinces_profile_{key}",
            source=here,
            what=f"{key}_province",
        )


def _profile_trends(ctx: PageContext, name: str, inside: Filters) -> None:
    lang = ctx.lang
    st.markdown("**" + t("pages.provinces.sectors_trend", lang, name=name) + "**")
    by_year = cached_programme_size(ctx.engine, ctx.scope, inside, by=("year", "sector"))
    sector = name_column("sector", lang)
    rows = viewer_rows(
        ctx,
        by_year,
        {"year": "year", "series": sector},
        kind="count",
        value="factories",
    )
    if not rows.empty:
        totals = cached_programme_size(ctx.engine, ctx.scope, inside, by="year")
        total_rows = viewer_rows(
            ctx,
            totals,
            {"year": "year"},
            kind="count",
            value="factories",
        )
        if rows["hidden"].any():
            st.caption(t("pages.overview.growth_hint", lang))
        built = stacked_by_year(
            rows,
            totals=total_rows,
            lang=lang,
            title=t("pages.provinces.factories_by_year", lang, name=name),
            series_title=t("pages.common.sector", lang),
            value_title=t("pages.overview.card.factories", lang),
            series_order=list(dict.fromkeys(by_year[sector])),
            name="profile_growth",
        )
        chart_with_table(
            built,
            ctx,
            "provinces_profile_growth",
            source=by_year,
            what="programme_province_by-year-sector",
        )
    trend = cached_non_compliance(ctx.engine, ctx.scope, inside, by=("year", "cluster"))
    cluster = name_column("cluster", lang)
    rows = viewer_rows(
        ctx,
        trend,
        {"year": "year", "series": cluster},
        value="rate",
        numerator="non_compliant",
        denominator="assessed",
    )
    rows = rows[rows["value"].notna()]
    if not rows.empty:
        built = trend_lines(
            rows,
            lang=lang,
            title=t("pages.provinces.nc_trend", lang, name=name),
            series_title=t("pages.common.cluster", lang),
            value_title=t("pages.common.non_compliance_rate", lang),
            series_order=list(dict.fromkeys(rows["series"])),
            name="profile_trend",
        )
        chart_with_table(
            built,
            ctx,
            "provinces_profile_trend",
            source=trend,
            what="non-compliance_province_by-year-cluster",
        )


def _size_comparison(
    ctx: PageContext, here: pd.DataFrame, everywhere: pd.DataFrame, name: str
) -> pd.DataFrame:
    """Programme size of the province beside the national figure, formatted."""
    lang = ctx.lang
    rows = []
    for measure, kind in (
        ("factories", "count"),
        ("workers", "count"),
        ("women_share", "share"),
        ("sectors", "count"),
        ("assessments", "count"),
    ):
        cells = []
        for frame in (here, everywhere):
            prepared = viewer_rows(
                ctx,
                worker_figures(frame) if measure in WORKER_DOMINANCE.columns else frame,
                {},
                kind=kind,
                value=measure,
            )  # type: ignore[arg-type]
            cells.append(prepared["value_text"].iloc[0] if len(prepared) else "–")
        rows.append(
            {
                t("pages.common.indicator", lang): t(f"pages.overview.card.{measure}", lang),
                name: cells[0],
                t("pages.common.national", lang): cells[1],
            }
        )
    return pd.DataFrame(rows)


def _made_of(ctx: PageContext, ref: Reference, code: str, inside: Filters) -> None:
    """The former units the province was made of, with the factories registered in each."""
    lang = ctx.lang
    parts = [legacy for legacy in ref.legacy_provinces.values() if legacy.parent == code]
    st.markdown("**" + t("pages.provinces.made_of", lang, n=len(parts)) + "**")
    frame = cached_programme_size(ctx.engine, ctx.scope, inside, by="legacy_province")
    rows = viewer_rows(
        ctx,
        frame,
        {"code": "legacy_province", "label": name_column("legacy_province", lang)},
        kind="count",
        value="factories",
    )
    listed = {str(c) for c in rows["code"].dropna()}
    missing = pd.DataFrame(
        [
            {
                "code": legacy.code,
                "label": legacy.name(lang),
                "value": None,
                "value_text": "0",
                "fraction_text": "",
                "note": "",
                "hidden": False,
            }
            for legacy in parts
            if legacy.code not in listed
        ]
    )
    table = pd.concat([rows, missing], ignore_index=True) if len(missing) else rows
    data_table(
        table_of(table, {"label": t("pages.common.legacy_province", lang)}, lang).rename(
            columns={t("pages.charts.col.value", lang): t("pages.overview.card.factories", lang)}
        )
    )
    if not frame.empty:
        download_buttons(
            frame, ctx, what="programme_province_by-former-province", key="profile_made_of"
        )
