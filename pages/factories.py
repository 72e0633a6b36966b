"""Question: How is this one factory doing, and where does it fall short?

Factories (ILO programme staff and administrators only): find a factory, see its
latest assessment, the points it was non-compliant on, its social-dialogue record and
its history.

The router never runs this page for a constituent; the page checks again before any
query, and the data layer checks a third time (`require(scope, "see_factories")`).
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from data_access.cache import cached_factory_history, cached_factory_listing
from data_access.i18n import fmt_date, fmt_number, fmt_percent, t
from data_access.indicators import FactoryHistory
from data_access.refdata import reference
from ui.charts import assessment_history, prepare_rows
from ui.context import PageContext, page_context
from ui.downloads import download_buttons
from ui.widgets import chart_with_table, data_table, name_column, no_data, page_header

PICK_KEY = "factories_pick"
LAST_ROW_KEY = "factories_last_row"
#: The social-dialogue record's fields, in the order a programme officer reads them.
DIALOGUE_FIELDS: tuple[str, ...] = (
    "union_present",
    "union_leaders_freely_elected",
    "union_membership_share",
    "cba_in_force",
    "cba_workers_covered",
    "picc_present",
    "picc_members",
    "picc_women_members",
    "picc_meetings_12m",
    "picc_functioning",
    "grievance_mechanism",
    "work_stoppages_12m",
)


def main() -> None:
    ctx = page_context()
    lang = ctx.lang
    if not ctx.scope.may("see_factories"):
        st.error(t("pages.factories.staff_only", lang))
        st.stop()
    ref = reference(ctx.engine)
    page_header(ctx, ref, "pages.factories.title")
    st.caption(t("pages.factories.confidential", lang))

    search = st.text_input(
        t("pages.factories.search", lang),
        max_chars=100,
        placeholder=t("pages.factories.search_placeholder", lang),
        key="factories_search",
    )
    listing = cached_factory_listing(ctx.engine, ctx.scope, ctx.filters, search or None)
    if listing.empty:
        no_data(lang)
        return
    st.caption(t("pages.factories.count", lang, n=fmt_number(len(listing), lang)))
    table = _listing_table(listing, lang)
    event = st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        on_select="rerun",
        selection_mode="single-row",
        key="factories_table",
    )
    _follow_row(event, listing)
    download_buttons(listing, ctx, what="factories", key="factories_listing")

    ids = [int(value) for value in listing["factory_id"]]
    names = dict(zip(ids, listing["code"] + " — " + listing["name"], strict=True))
    if st.session_state.get(PICK_KEY) not in names:
        st.session_state.pop(PICK_KEY, None)
    factory_id = st.selectbox(
        t("pages.factories.pick", lang),
        ids,
        index=None,
        format_func=lambda value: names[value],
        placeholder=t("pages.factories.pick_placeholder", lang),
        key=PICK_KEY,
    )
    if factory_id is None:
        st.info(t("pages.factories.pick_hint", lang))
        return
    _history(ctx, cached_factory_history(ctx.engine, ctx.scope, factory_id))


def _listing_table(listing: pd.DataFrame, lang: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            t("pages.factories.col.code", lang): listing["code"],
            t("pages.factories.col.name", lang): listing["name"],
            t("pages.common.sector", lang): listing[name_column("sector", lang)],
            t("pages.common.province", lang): listing[name_column("province", lang)],
            t("pages.factories.col.workers", lang): listing["workers_total"],
            t("pages.factories.col.latest", lang): listing["latest_assessed_on"],
            t("pages.factories.col.non_compliant", lang): listing["points_non_compliant"],
            t("pages.factories.col.assessed", lang): listing["points_assessed"],
        }
    )


def _follow_row(event: Any, listing: pd.DataFrame) -> None:
    """A newly selected table row opens that factory, like choosing it in the select box."""
    try:
        rows = list(event.selection.rows)
    except AttributeError:
        rows = []
    row = rows[0] if rows else None
    if row == st.session_state.get(LAST_ROW_KEY):
        return
    st.session_state[LAST_ROW_KEY] = row
    if row is not None and row < len(listing):
        st.session_state[PICK_KEY] = int(listing["factory_id"].iloc[row])


def _yes_no(value: Any, lang: str) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return "–"
    return t("pages.factories.yes" if bool(value) else "pages.factories.no", lang)


def _history(ctx: PageContext, history: FactoryHistory) -> None:
    """One factory: its facts, its latest assessment's findings, its social dialogue
    and every assessment over time."""
    st.header(f"{history.factory['code']} — {history.factory['name']}")
    _factory_facts(history.factory, ctx.lang)
    if history.assessments.empty:
        st.info(t("pages.factories.never_assessed", ctx.lang))
        return
    _latest_findings(ctx, history)
    _dialogue(history, ctx.lang)
    _assessment_chart(ctx, history)


def _factory_facts(factory: dict[str, Any], lang: str) -> None:
    suffix = "vi" if lang == "vi" else "en"
    facts = {
        t("pages.common.sector", lang): factory.get(f"sector_name_{suffix}"),
        t("pages.common.province", lang): factory.get(f"province_name_{suffix}"),
        t("pages.common.legacy_province", lang): factory.get(f"legacy_province_name_{suffix}")
        or "–",
        t("pages.factories.col.size", lang): factory.get(f"size_band_name_{suffix}"),
        t("pages.factories.col.workers", lang): fmt_number(factory["workers_total"], lang),
        t("pages.factories.col.women", lang): fmt_number(factory["workers_women"], lang),
        t("pages.factories.col.joined", lang): fmt_date(factory["joined_on"], lang),
        t("pages.factories.col.address", lang): factory.get("address") or "–",
    }
    data_table(
        pd.DataFrame(
            {
                t("pages.factories.col.fact", lang): list(facts),
                t("pages.charts.col.value", lang): [str(v) for v in facts.values()],
            }
        )
    )


def _latest_findings(ctx: PageContext, history: FactoryHistory) -> None:
    """The latest assessment's non-compliant points, or that there were none."""
    lang = ctx.lang
    latest = history.assessments.iloc[-1]
    st.subheader(
        t(
            "pages.factories.latest",
            lang,
            date=fmt_date(latest["assessed_on"], lang),
            kind=t(f"pages.factories.type.{latest['assessment_type']}", lang),
        )
    )
    failing = history.latest_non_compliant_points
    if failing.empty:
        st.success(t("pages.factories.all_compliant", lang))
        return
    ref = reference(ctx.engine)
    data_table(
        pd.DataFrame(
            {
                t("pages.common.compliance_point", lang): failing[
                    name_column("compliance_point", lang)
                ],
                t("pages.common.cluster", lang): [
                    ref.name("clusters", c, lang) for c in failing["cluster"]
                ],
                t("pages.charts.col.group", lang): [
                    t(f"pages.charts.group.{g}", lang) for g in failing["cluster_group"]
                ],
            }
        )
    )


def _dialogue(history: FactoryHistory, lang: str) -> None:
    st.subheader(t("pages.factories.dialogue", lang))
    if history.social_dialogue.empty:
        st.info(t("pages.factories.no_dialogue", lang))
    else:
        data_table(_dialogue_table(history.social_dialogue, lang), all_rows=True)


def _assessment_chart(ctx: PageContext, history: FactoryHistory) -> None:
    """Non-compliant points at each assessment, with the table and its downloads."""
    lang, assessments = ctx.lang, history.assessments
    st.subheader(t("pages.factories.history", lang))
    frame = assessments.assign(
        date=[fmt_date(d, lang) for d in assessments["assessed_on"]],
        type=[t(f"pages.factories.type.{k}", lang) for k in assessments["assessment_type"]],
        suppressed=False,
        suppression_reason="",
    )
    rows = prepare_rows(
        frame,
        {"date": "date", "type": "type"},
        lang=lang,
        staff=True,
        min_factories=0,
        kind="count",
        value="points_non_compliant",
        numerator="points_non_compliant",
        denominator="points_assessed",
        unit="points",
    )
    built = assessment_history(
        rows,
        lang=lang,
        title=t("pages.factories.history_title", lang),
        value_title=t("pages.factories.col.non_compliant", lang),
    )
    chart_with_table(
        built,
        ctx,
        "factories_history",
        source=assessments,
        what=f"factory-history_{history.factory['code']}",
    )


def _dialogue_table(records: pd.DataFrame, lang: str) -> pd.DataFrame:
    """One column per visit (newest first), one row per field."""
    columns: dict[str, list[str]] = {}
    for record in reversed(records.to_dict("records")):
        values = []
        for field in DIALOGUE_FIELDS:
            value = record.get(field)
            if field == "union_membership_share":
                values.append(
                    "–" if value is None or pd.isna(value) else fmt_percent(float(value), lang)
                )
            elif isinstance(value, bool) or field in {
                "union_present",
                "union_leaders_freely_elected",
                "cba_in_force",
                "picc_present",
                "picc_functioning",
                "grievance_mechanism",
            }:
                values.append(_yes_no(value, lang))
            else:
                values.append("–" if value is None or pd.isna(value) else fmt_number(value, lang))
        heading = fmt_date(record["assessed_on"], lang)
        while heading in columns:
            heading += " ′"
        columns[heading] = values
    return pd.DataFrame(
        {
            t("pages.factories.col.field", lang): [
                t(f"pages.factories.sd.{f}", lang) for f in DIALOGUE_FIELDS
            ],
            **columns,
        }
    )


main()
