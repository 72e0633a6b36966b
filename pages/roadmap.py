"""Question: Which agreed roadmap targets are off track, and what has each organisation
still to do?
First screen: how many targets stand where, then each target (off track first) with
its path; the action points, per organisation with a download, in the next tab.

Roadmap (everyone): the targets the constituents agreed for 2027, followed with the
app's own figures under the viewer's scope, and the action points of their meetings.
ILO staff and administrators enter targets (on screen or from a file) and actions;
each organisation updates its own actions. The status rule is stated on the page.
"""

from __future__ import annotations

import streamlit as st

from data_access.auth.organisations import ORGANISATIONS
from data_access.cache import cached_roadmap_progress
from data_access.i18n import fmt_number, t, today_in_vietnam
from data_access.imports.templates import template_file
from data_access.refdata import Reference, reference
from data_access.roadmap import actions as action_points
from data_access.roadmap.attended import meeting_labels
from data_access.roadmap.status import STATUSES, TOLERANCE
from data_access.roadmap.targets import TargetProgress, targets
from data_access.roadmap.targets_file import load_targets
from ui.context import PageContext, page_context
from ui.downloads import download_buttons, show_table
from ui.roadmap import (
    action_form,
    edit_form,
    org_name,
    remove_form,
    status_counts,
    status_form,
    target_card,
    target_form,
    update_history,
)
from ui.widgets import page_caption, section_tabs

ALL = "all"


def main() -> None:
    ctx = page_context()
    lang = ctx.lang
    ref = reference(ctx.engine)
    # The heading is the menu's name for the page, as on every page; what it holds is
    # said in the line under it.
    st.title(t("shell.page.roadmap", lang))
    st.caption(t("roadmap.title", lang))
    page_caption(ctx, ref, with_filters=False)
    found = [
        cached_roadmap_progress(ctx.engine, ctx.scope, item)
        for item in targets(ctx.engine, ctx.scope)
    ]
    order = {status: rank for rank, status in enumerate(STATUSES)}
    found.sort(key=lambda item: (order[item.status], item.stored.target.deadline))
    status_counts(found, lang)
    sections = [
        (t("roadmap.tab.targets", lang), lambda: _targets(ctx, ref, found)),
        (t("roadmap.tab.actions", lang), lambda: _actions(ctx)),
    ]
    if ctx.scope.may("manage_meetings"):
        sections.append((t("roadmap.tab.manage", lang), lambda: _manage(ctx, ref)))
    section_tabs(sections)


def _targets(ctx: PageContext, ref: Reference, found: list[TargetProgress]) -> None:
    lang = ctx.lang
    with st.expander(t("roadmap.rule.title", lang)):
        st.markdown(t("roadmap.rule.text", lang, tolerance=fmt_number(TOLERANCE * 100, lang)))
    if not found:
        st.info(t("roadmap.no_targets", lang))
        return
    for index, item in enumerate(found):
        target_card(ctx, item, ref, index)


def _actions(ctx: PageContext) -> None:
    lang = ctx.lang
    today = today_in_vietnam()
    own = ctx.scope.organisation if ctx.scope.organisation in ORGANISATIONS else ALL
    left, right = st.columns([2, 1])
    # A select box, not a row of buttons: five organisations' names do not fit a phone.
    options = [ALL, *ORGANISATIONS]
    chosen = left.selectbox(
        t("roadmap.action.for_organisation", lang),
        options=options,
        format_func=lambda key: (
            t("roadmap.action.all", lang) if key == ALL else org_name(key, lang)
        ),
        index=options.index(own if ctx.scope.may("update_own_actions") else ALL),
        key="roadmap_actions_org",
    )
    unfinished = right.toggle(
        t("roadmap.action.unfinished_only", lang), value=True, key="roadmap_actions_open"
    )
    organisation = None if chosen == ALL else chosen
    shown = action_points.actions(
        ctx.engine, ctx.scope, organisation=organisation, unfinished_only=unfinished
    )
    if not shown:
        st.info(t("roadmap.action.none", lang))
    else:
        overdue = sum(1 for action in shown if action.overdue(today))
        if overdue:
            st.warning(t("roadmap.action.overdue_count", lang, count=overdue))
        table = action_points.as_frame(shown, lang, today)
        show_table(table, lang)
        download_buttons(
            table,
            ctx,
            what=f"actions_{organisation or ALL}",
            title=t(
                "roadmap.action.file_title",
                lang,
                who=org_name(organisation, lang) if organisation else t("roadmap.action.all", lang),
            ),
            key="roadmap_actions",
        )
    mine = [
        action
        for action in action_points.actions(ctx.engine, ctx.scope, unfinished_only=False)
        if action_points.may_update(ctx.scope, action)
    ]
    status_form(ctx, mine)
    with st.expander(t("roadmap.action.history", lang)):
        update_history(ctx, shown)
    if ctx.scope.may("manage_meetings"):
        with ctx.engine.connect() as connection:
            meetings = meeting_labels(connection, ctx.scope)
        action_form(ctx, meetings)
        edit_form(
            ctx, action_points.actions(ctx.engine, ctx.scope, unfinished_only=False), meetings
        )


def _manage(ctx: PageContext, ref: Reference) -> None:
    lang = ctx.lang
    with ctx.engine.connect() as connection:
        meetings = meeting_labels(connection, ctx.scope)
    target_form(ctx, ref, meetings)
    remove_form(ctx, ref, targets(ctx.engine, ctx.scope))
    with st.container(border=True):
        st.markdown(f"**{t('roadmap.file.title', lang)}**")
        st.caption(t("roadmap.file.help", lang))
        name, data = template_file("roadmap_targets", "xlsx", ctx.engine, example=False, lang=lang)
        st.download_button(
            t("roadmap.file.template", lang),
            data=data,
            file_name=name,
            icon=":material/download:",
            key="roadmap_file_template",
        )
        upload = st.file_uploader(
            t("roadmap.file.upload", lang), type=["csv", "xlsx"], key="roadmap_file"
        )
        if upload is not None and st.button(
            t("roadmap.file.load", lang), type="primary", key="roadmap_file_load"
        ):
            report = load_targets(ctx.engine, ctx.scope, upload.name, upload.getvalue())
            if report.stored:
                st.success(
                    t(
                        "roadmap.file.stored",
                        lang,
                        added=report.added,
                        changed=report.changed,
                        unchanged=report.unchanged,
                    )
                )
            else:
                st.error(t("roadmap.file.refused", lang, count=len(report.problems)))
            for line in report.messages(lang):
                st.text(line)


main()
