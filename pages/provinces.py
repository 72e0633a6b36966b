"""Question: Where in Viet Nam are the factories, and how does each province compare?
First screen: the map (with its ranked table one click away) under the metric choice.

Provinces: a choropleth of the 34 current provinces (or, for periods before the
1 July 2025 reform, the 63 former ones), and a profile of the province a viewer picks
on the map or in the select box (`ui.province_profile`).

The map is drawn without a basemap and every number in it comes from the indicator
frames (`ui.province_metrics`); `ui.maps` decides what each province's tooltip may say
for this viewer.
"""

from __future__ import annotations

import streamlit as st

from data_access.i18n import t
from data_access.refdata import Reference, reference
from ui.context import PageContext, page_context
from ui.downloads import download_buttons
from ui.maps import MapClick, province_map, show_province_map
from ui.province_metrics import (
    choose_metric,
    legacy_switch,
    map_table,
    map_values,
    metric_frame,
)
from ui.province_profile import PROFILE_KEY, province_profile
from ui.sections import section
from ui.widgets import data_table, mostly_hidden_notice, no_data, page_header

MAP_GENERATION_KEY = "provinces_map_generation"


def main() -> None:
    ctx = page_context()
    ref = reference(ctx.engine)
    page_header(ctx, ref, "pages.provinces.title")
    _map_section(ctx, ref)
    province_profile(ctx, ref)


@section
def _map_section(ctx: PageContext, ref: Reference) -> None:
    """The metric chooser, the map and its table.

    A fragment: choosing another metric or level reruns this section alone, not the
    province profile below it (its charts are most of a rerun once a province is
    open). A click on the map reruns the whole page (`_follow_click`), since it opens
    the profile; a province chosen in the profile's select box reruns the whole page
    too, which redraws this section with the new outline. Like every section, its own
    reruns re-check the sign-in first (`ui.sections`)."""
    lang = ctx.lang
    metric = choose_metric(ctx, ref)
    legacy = legacy_switch(ctx)
    level_dim = "legacy_province" if legacy else "province"
    data = metric_frame(ctx, metric, level_dim)

    if data.frame.empty:
        no_data(lang)
    mostly_hidden_notice(ctx, data.frame)
    built = province_map(
        map_values(data, level_dim),
        data.map_metric,
        lang,
        ctx.scope,
        level="legacy" if legacy else "current",
        selected=_outlined(st.session_state.get(PROFILE_KEY), legacy, ref),
    )
    st.caption(t("pages.provinces.map_hint", lang))
    generation = st.session_state.get(MAP_GENERATION_KEY, 0)
    click = show_province_map(built, data.label, key=f"provinces_map_{level_dim}_{generation}")
    _follow_click(click, legacy, ref)
    with st.expander(t("pages.widgets.show_table", lang)):
        data_table(map_table(ctx, data, level_dim))
        download_buttons(
            data.frame,
            ctx,
            what=f"{metric[0].replace('_', '-')}_by-{level_dim.replace('_', '-')}",
            key="provinces_map",
        )


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
    st.rerun(scope="app")


main()
