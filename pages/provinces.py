"""Question: Where in Viet Nam are the factories, and how does each province compare?
First screen: the map (with its ranked table one click away) under the metric choice.

Provinces: a choropleth of the 34 current provinces (or, for periods before the
1 July 2025 reform, the 63 former ones), and a profile of the province a viewer picks
on the map or in the select box.

The map is drawn without a basemap and every number in it comes from the indicator
frames; `ui.maps` decides what each province's tooltip may say for this viewer.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

import pandas as pd
import streamlit as st

from data_access.cache import (
    cached_non_compliance,
    cached_programme_size,
    cached_social_dialogue,
)
from data_access.config import settings
from data_access.disclosure import worker_figures
from data_access.filters import Filters
from data_access.i18n import t
from data_access.indicators import MEASURES
from data_access.indicators.programme import WORKER_DOMINANCE
from data_access.refdata import Reference, reference
from ui.charts import ValueKind, paired_dots, stacked_by_year, table_of, trend_lines
from ui.context import PageContext, page_context
from ui.downloads import download_buttons
from ui.maps import MapClick, MapMetric, build_province_map, show_province_map
from ui.widgets import (
    chart_with_table,
    data_table,
    mostly_hidden_notice,
    name_column,
    no_data,
    page_header,
    viewer_rows,
)

REFORM_DAY = date(2025, 7, 1)
PROFILE_KEY = "provinces_profile"
MAP_GENERATION_KEY = "provinces_map_generation"
#: Map metrics: programme size columns, or a family whose detail is chosen separately.
METRICS: tuple[str, ...] = (
    "factories",
    "workers",
    "women_share",
    "non_compliance",
    "social_dialogue",
)


@dataclass(frozen=True)
class MetricFrame:
    """One metric by province, with the column names a map and a table need."""

    frame: pd.DataFrame
    value: str
    numerator: str | None
    denominator: str | None
    kind: ValueKind
    unit: str
    label: str
    worse_when_high: bool = False


def main() -> None:
    ctx = page_context()
    lang = ctx.lang
    ref = reference(ctx.engine)
    page_header(ctx, ref, "pages.provinces.title")

    metric = _choose_metric(ctx, ref)
    legacy = _legacy_switch(ctx)
    level_dim = "legacy_province" if legacy else "province"
    data = _metric_frame(ctx, metric, level_dim)

    if data.frame.empty:
        no_data(lang)
    mostly_hidden_notice(ctx, data.frame)
    chosen = st.session_state.get(PROFILE_KEY)

    built = build_province_map(
        _map_values(data, level_dim),
        MapMetric(data.label, kind=data.kind, worse_when_high=data.worse_when_high),
        lang,
        level="legacy" if legacy else "current",
        staff=not ctx.scope.suppresses,
        min_factories=settings().min_factories,
        selected=_outlined(chosen, legacy, ref),
    )
    st.caption(t("pages.provinces.map_hint", lang))
    generation = st.session_state.get(MAP_GENERATION_KEY, 0)
    click = show_province_map(built, data.label, key=f"provinces_map_{level_dim}_{generation}")
    _follow_click(click, legacy, ref)
    with st.expander(t("pages.widgets.show_table", lang)):
        data_table(_map_table(ctx, data, level_dim))
        download_buttons(
            data.frame,
            ctx,
            what=f"{metric[0].replace('_', '-')}_by-{level_dim.replace('_', '-')}",
            key="provinces_map",
        )

    _profile(ctx, ref)


# --- metric ----------------------------------------------------------------------------


def _choose_metric(ctx: PageContext, ref: Reference) -> tuple[str, str | None]:
    """The metric family and, for non-compliance and social dialogue, which one."""
    lang = ctx.lang
    columns = st.columns([2, 3])
    family = columns[0].selectbox(
        t("pages.provinces.metric", lang),
        METRICS,
        format_func=lambda m: t(f"pages.provinces.metric.{m}", lang),
        key="provinces_metric",
    )
    detail: str | None = None
    if family == "non_compliance":
        options = [f"cluster:{code}" for code in ref.clusters] + [
            f"cp:{code}" for code in ref.compliance_points
        ]
        detail = columns[1].selectbox(
            t("pages.provinces.which_compliance", lang),
            options,
            format_func=lambda option: _compliance_label(option, ref, lang),
            key="provinces_compliance",
        )
    elif family == "social_dialogue":
        detail = columns[1].selectbox(
            t("pages.provinces.which_measure", lang),
            list(MEASURES),
            format_func=lambda m: t(f"indicators.measure.{m}", lang),
            index=list(MEASURES).index("cba_in_force"),
            key="provinces_measure",
        )
    return family, detail


def _compliance_label(option: str, ref: Reference, lang: str) -> str:
    kind, code = option.split(":", 1)
    if kind == "cluster":
        return t("pages.provinces.cluster_option", lang, name=ref.name("clusters", code, lang))
    cluster = ref.compliance_points[code].parent if code in ref.compliance_points else ""
    return t(
        "pages.provinces.point_option",
        lang,
        name=ref.name("compliance_points", code, lang),
        cluster=ref.name("clusters", cluster or "", lang),
    )


def _legacy_switch(ctx: PageContext) -> bool:
    """Offered only when the period reaches back before the reform."""
    start = ctx.filters.period_start
    if start is not None and start >= REFORM_DAY:
        return False
    return st.toggle(
        t("pages.provinces.legacy_switch", ctx.lang),
        key="provinces_legacy",
        help=t("pages.provinces.legacy_help", ctx.lang),
    )


def _metric_frame(
    ctx: PageContext, metric: tuple[str, str | None], dim: str, filters: Filters | None = None
) -> MetricFrame:
    lang = ctx.lang
    filters = filters or ctx.filters
    family, detail = metric
    if family in {"factories", "workers", "women_share"}:
        frame = cached_programme_size(ctx.engine, ctx.scope, filters, by=dim)
        if family != "factories":
            frame = worker_figures(frame)
        if family == "women_share":
            return MetricFrame(
                frame,
                "women_share",
                "women",
                "workers",
                "share",
                "workers",
                t("pages.provinces.metric.women_share", lang),
            )
        return MetricFrame(
            frame,
            family,
            None,
            None,
            "count",
            "factories",
            t(f"pages.provinces.metric.{family}", lang),
        )
    if family == "non_compliance":
        kind, code = (detail or "").split(":", 1)
        narrowed = (
            replace(filters, clusters=(code,), compliance_points=())
            if kind == "cluster"
            else replace(filters, clusters=(), compliance_points=(code,))
        )
        frame = cached_non_compliance(ctx.engine, ctx.scope, narrowed, by=(dim,))
        ref = reference(ctx.engine)
        label = t("pages.provinces.nc_label", lang, name=_compliance_label(detail or "", ref, lang))
        return MetricFrame(
            frame,
            "rate",
            "non_compliant",
            "assessed",
            "share",
            "factories",
            label,
            worse_when_high=True,
        )
    frame = cached_social_dialogue(ctx.engine, ctx.scope, filters, by=dim)
    frame = frame[frame["measure"] == detail].reset_index(drop=True)
    unit = str(MEASURES[detail or "union_present"][3])
    return MetricFrame(
        frame,
        "value",
        "numerator",
        "denominator",
        "share",
        unit,
        t(f"indicators.measure.{detail}", lang),
        worse_when_high=detail == "work_stoppage",
    )


def _map_values(data: MetricFrame, dim: str) -> pd.DataFrame:
    """The columns `ui.maps` reads, renamed from the indicator frame's."""
    code = "province_code" if dim == "province" else "legacy_code"
    frame = data.frame
    if frame.empty:
        return pd.DataFrame(columns=[code, "value", "suppressed", "suppression_reason"])
    mapped = pd.DataFrame(
        {
            code: frame[dim],
            "value": frame[data.value],
            "suppressed": frame["suppressed"],
            "suppression_reason": frame["suppression_reason"],
        }
    )
    if data.numerator and data.denominator:
        mapped["numerator"] = frame[data.numerator]
        mapped["denominator"] = frame[data.denominator]
    return mapped[mapped[code].notna()].reset_index(drop=True)


def _map_table(ctx: PageContext, data: MetricFrame, dim: str) -> pd.DataFrame:
    lang = ctx.lang
    keep = {"label": name_column(dim, lang)}
    headers = {"label": t(f"pages.common.{dim}", lang)}
    if dim == "legacy_province":
        keep["parent"] = name_column("province", lang)
        headers["parent"] = t("pages.common.province", lang)
    rows = viewer_rows(
        ctx,
        data.frame,
        keep,
        kind=data.kind,
        unit=data.unit,
        value=data.value,
        numerator=data.numerator or "numerator",
        denominator=data.denominator or "denominator",
    )
    return table_of(rows, headers, lang)


# --- selection -------------------------------------------------------------------------


def _outlined(chosen: str | None, legacy: bool, ref: Reference) -> tuple[str, ...]:
    """The units to outline for the chosen province: itself, or in the legacy view the
    former units it was made of."""
    if chosen not in ref.provinces:
        return ()
    if legacy:
        return tuple(code for code, label in ref.legacy_provinces.items() if label.parent == chosen)
    return (chosen,)


def _follow_click(click: MapClick, legacy: bool, ref: Reference) -> None:
    """A click on the map opens that province's profile (a former province opens the
    current one it became part of) and the select box shows it too.

    The map is then redrawn under a new key, which drops Streamlit's own selection
    state: while a selection is active Streamlit fades every other province, and a
    choropleth read through a fade misleads. The chosen province keeps its outline."""
    if not click.anything:
        return
    code = click.code
    if legacy and code in ref.legacy_provinces:
        code = ref.legacy_provinces[code].parent
    if code in ref.provinces:
        st.session_state[PROFILE_KEY] = code
    st.session_state[MAP_GENERATION_KEY] = st.session_state.get(MAP_GENERATION_KEY, 0) + 1
    st.rerun()


# --- profile ---------------------------------------------------------------------------


def _profile(ctx: PageContext, ref: Reference) -> None:
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


main()
