"""The Provinces page's metrics: which figure the map shows, taken from the indicator
frames, and the same figure as the ranked table under the map.

A metric is a programme-size column (factories, workers, women's share), or a family
whose detail is chosen beside it (non-compliance on one cluster or point, one
social-dialogue measure). `metric_frame` is the one place that turns the choice into
an indicator call, so the map, its table and its download always show the same frame.
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
from data_access.disclosure import worker_figures
from data_access.i18n import t
from data_access.indicators import MEASURES
from data_access.refdata import Reference, reference
from ui.charts import ValueKind, table_of
from ui.context import PageContext
from ui.maps import MapMetric
from ui.widgets import name_column, viewer_rows

REFORM_DAY = date(2025, 7, 1)
#: Map metrics: programme size columns, or a family whose detail is chosen separately.
METRICS: tuple[str, ...] = (
    "factories",
    "workers",
    "women_share",
    "non_compliance",
    "social_dialogue",
)
#: A metric as chosen: the family and, for non-compliance and social dialogue, which one.
Metric = tuple[str, str | None]


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

    @property
    def map_metric(self) -> MapMetric:
        return MapMetric(self.label, kind=self.kind, worse_when_high=self.worse_when_high)


def choose_metric(ctx: PageContext, ref: Reference) -> Metric:
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
            format_func=lambda option: compliance_label(option, ref, lang),
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


def compliance_label(option: str, ref: Reference, lang: str) -> str:
    """A non-compliance option ("cluster:FA", "cp:<point>") in words; a point is named
    with its cluster."""
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


def legacy_switch(ctx: PageContext) -> bool:
    """Offered only when the period reaches back before the reform."""
    start = ctx.filters.period_start
    if start is not None and start >= REFORM_DAY:
        return False
    return st.toggle(
        t("pages.provinces.legacy_switch", ctx.lang),
        key="provinces_legacy",
        help=t("pages.provinces.legacy_help", ctx.lang),
    )


def metric_frame(ctx: PageContext, metric: Metric, dim: str) -> MetricFrame:
    """The chosen metric by `dim` (province or legacy_province) under the page filters."""
    lang = ctx.lang
    filters = ctx.filters
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
        label = t("pages.provinces.nc_label", lang, name=compliance_label(detail or "", ref, lang))
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


def map_values(data: MetricFrame, dim: str) -> pd.DataFrame:
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


def map_table(ctx: PageContext, data: MetricFrame, dim: str) -> pd.DataFrame:
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
