"""Drawing the roadmap: a target's card and path chart, the action list and its forms.

Everything shown comes from `data_access.roadmap` under the viewer's scope; this module
only lays it out and collects what people type. Forms keep what was typed when it is
refused (`clear_on_submit=False`), and say why in the viewer's language.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

import pandas as pd
import streamlit as st

from data_access.auth.organisations import ORGANISATIONS, organisation
from data_access.i18n import fmt_date, fmt_datetime, fmt_percent, t, today_in_vietnam
from data_access.refdata import Reference
from data_access.roadmap import actions as action_points
from data_access.roadmap.attended import MeetingLabel
from data_access.roadmap.indicators import Area, UnknownIndicator, choices
from data_access.roadmap.kinds import NATIONAL, PROVINCE, SECTOR
from data_access.roadmap.status import (
    MET,
    NO_DATA,
    OFF_TRACK,
    ON_TRACK,
    STATUSES,
    SUPPRESSED,
    Path,
    year_end,
)
from data_access.roadmap.targets import (
    InvalidTarget,
    StoredTarget,
    TargetInput,
    TargetProgress,
    add_target,
    remove_target,
)
from data_access.scope import AccessDenied
from ui.charts import BuiltChart, trend_lines
from ui.context import PageContext
from ui.widgets import chart_with_table, viewer_rows

#: Badge colours: the status a meeting acts on stands out.
STATUS_COLOURS: dict[str, str] = {
    OFF_TRACK: "red",
    ON_TRACK: "blue",
    MET: "green",
    NO_DATA: "gray",
    SUPPRESSED: "gray",
}
STATUS_ICONS: dict[str, str] = {
    OFF_TRACK: ":material/trending_down:",
    ON_TRACK: ":material/trending_flat:",
    MET: ":material/check_circle:",
    NO_DATA: ":material/hourglass_empty:",
    SUPPRESSED: ":material/visibility_off:",
}


#: The message of a change just saved, shown after the rerun that draws it (so the
#: counts, the targets and the lists above already include it).
SAVED_KEY = "roadmap_saved"


def saved(message_key: str) -> None:
    st.session_state[SAVED_KEY] = message_key
    st.rerun()


def saved_notice(message_key: str, lang: str) -> None:
    """The success message of this form's last save, once."""
    if st.session_state.get(SAVED_KEY) == message_key:
        del st.session_state[SAVED_KEY]
        st.success(t(message_key, lang))


def org_name(key: str, lang: str) -> str:
    return organisation(key).name(lang)


def meeting_text(meeting: MeetingLabel, lang: str) -> str:
    return f"#{meeting.id} · {fmt_date(meeting.held_on, lang)} · {meeting.title}"


def target_title(found: TargetProgress, ref: Reference, lang: str) -> str:
    target = found.stored.target
    return f"{target.indicator.name(ref, lang)} — {target.area.name(ref, lang)}"


def status_counts(found: Sequence[TargetProgress], lang: str) -> None:
    """How many targets stand where: one line a meeting reads first."""
    counts = {status: sum(1 for item in found if item.status == status) for status in STATUSES}
    row = st.container(horizontal=True, gap="small")
    for status in STATUSES:
        if counts[status]:
            with row:
                st.badge(
                    t(
                        "roadmap.status.count",
                        lang,
                        status=t(f"roadmap.status.{status}", lang),
                        count=counts[status],
                    ),
                    icon=STATUS_ICONS[status],
                    color=STATUS_COLOURS[status],
                )


def target_card(ctx: PageContext, found: TargetProgress, ref: Reference, index: int) -> None:
    """One target: its status, its promise in words, and its path as a chart."""
    lang = ctx.lang
    target = found.stored.target
    with st.container(border=True):
        st.subheader(target_title(found, ref, lang))
        st.badge(
            t(f"roadmap.status.{found.status}", lang),
            icon=STATUS_ICONS[found.status],
            color=STATUS_COLOURS[found.status],
        )
        baseline = (
            fmt_percent(found.baseline, lang, decimals=1)
            if found.baseline is not None
            else t("common.suppressed", lang)
        )
        st.markdown(
            t(
                "roadmap.target.promise",
                lang,
                baseline=baseline,
                baseline_on=fmt_date(target.baseline_on, lang),
                target=fmt_percent(target.target_value, lang, decimals=1),
                deadline=fmt_date(target.deadline, lang),
            )
        )
        owners = ", ".join(org_name(owner, lang) for owner in target.owners)
        agreed = (
            meeting_text(found.stored.meeting, lang)
            if found.stored.meeting
            else t("roadmap.target.no_meeting", lang)
        )
        st.caption(t("roadmap.target.owners_and_meeting", lang, owners=owners, meeting=agreed))
        if found.status == SUPPRESSED:
            st.caption(t("roadmap.target.suppressed_note", lang))
        built = path_chart(ctx, found, ref)
        chart_with_table(
            built, ctx, f"roadmap_target_{index}", source=found.series, what="roadmap-target"
        )


def path_chart(ctx: PageContext, found: TargetProgress, ref: Reference) -> BuiltChart:
    """The agreed path (the rule's straight line, year end by year end) beside each
    year's figure. Without a baseline the viewer may see, the path is only the target:
    a line drawn from the hidden baseline would show it."""
    lang = ctx.lang
    target = found.stored.target
    figures_label = t("roadmap.chart.figures", lang)
    path_label = t("roadmap.chart.path", lang)
    figures = viewer_rows(ctx, found.series, {"year": "year"}, constants={"series": figures_label})
    path = Path(target.baseline_value, target.baseline_on, target.target_value, target.deadline)
    years = range(target.baseline_on.year, target.deadline.year + 1)
    promised = pd.DataFrame(
        {
            "year": list(years),
            "value": [
                target.baseline_value
                if year == target.baseline_on.year
                else path.expected(min(year_end(year), target.deadline))
                for year in years
            ],
            "suppressed": False,
        }
    )
    if found.baseline is None:
        promised = promised[promised["year"] == target.deadline.year]
    path_rows = viewer_rows(ctx, promised, {"year": "year"}, constants={"series": path_label})
    rows = pd.concat([figures, path_rows], ignore_index=True)
    return trend_lines(
        rows,
        lang=lang,
        title=target_title(found, ref, lang),
        series_title=t("roadmap.chart.series", lang),
        value_title=target.indicator.name(ref, lang),
        series_order=[figures_label, path_label],
        name="roadmap_path",
    )


# --- targets: entered on screen ---------------------------------------------------------


def _areas(ref: Reference) -> list[Area]:
    return [
        Area(NATIONAL),
        *(Area(SECTOR, code) for code in ref.sectors),
        *(Area(PROVINCE, code) for code in ref.provinces),
    ]


def target_form(ctx: PageContext, ref: Reference, meetings: dict[int, MeetingLabel]) -> None:
    """A target typed in by ILO staff; kept on screen and explained when refused."""
    lang = ctx.lang
    indicators = choices(ref, lang)
    latest = ref.latest_year or today_in_vietnam().year
    saved_notice("roadmap.form.target_added", lang)
    with st.form("roadmap_target_form", clear_on_submit=False, border=True):
        st.markdown(f"**{t('roadmap.form.target_title', lang)}**")
        indicator = st.selectbox(
            t("roadmap.form.indicator", lang),
            options=list(indicators),
            format_func=indicators.__getitem__,
            key="roadmap_form_indicator",
        )
        area = st.selectbox(
            t("roadmap.form.area", lang),
            options=_areas(ref),
            format_func=lambda found: found.name(ref, lang),
            key="roadmap_form_area",
        )
        baseline, baseline_on, target_value, deadline = _figures_and_dates(lang, latest)
        owners = st.multiselect(
            t("roadmap.form.owners", lang),
            options=list(ORGANISATIONS),
            format_func=lambda key: org_name(key, lang),
            key="roadmap_form_owners",
        )
        meeting = st.selectbox(
            t("roadmap.form.meeting", lang),
            options=[None, *meetings],
            format_func=lambda key: (
                t("roadmap.form.no_meeting", lang)
                if key is None
                else meeting_text(meetings[key], lang)
            ),
            key="roadmap_form_meeting",
        )
        submitted = st.form_submit_button(t("roadmap.form.add_target", lang), type="primary")
    if not submitted:
        return
    entered = TargetInput(
        indicator=indicator,
        area=area,
        baseline_value=baseline / 100,
        baseline_on=baseline_on,
        target_value=target_value / 100,
        deadline=deadline,
        owners=tuple(owners),
        meeting_id=meeting,
    )
    _save_target(ctx, ref, entered)


def _figures_and_dates(lang: str, latest: int) -> tuple[float, date, float, date]:
    """The baseline and the target, each a percentage with its date, side by side."""
    left, right = st.columns(2)
    baseline = left.number_input(
        t("roadmap.form.baseline_value", lang),
        min_value=0.0,
        max_value=100.0,
        step=0.1,
        key="roadmap_form_baseline",
    )
    baseline_on = right.date_input(
        t("roadmap.form.baseline_on", lang),
        value=date(latest, 12, 31),
        format="DD/MM/YYYY",
        key="roadmap_form_baseline_on",
    )
    target_value = left.number_input(
        t("roadmap.form.target_value", lang),
        min_value=0.0,
        max_value=100.0,
        step=0.1,
        key="roadmap_form_target",
    )
    deadline = right.date_input(
        t("roadmap.form.deadline", lang),
        value=date(2027, 12, 31),
        min_value=date(2009, 1, 1),
        max_value=date(2040, 12, 31),
        format="DD/MM/YYYY",
        key="roadmap_form_deadline",
    )
    return baseline, baseline_on, target_value, deadline


def _save_target(ctx: PageContext, ref: Reference, entered: TargetInput) -> None:
    """Store a target typed in; a refusal is explained and the form keeps what was typed."""
    try:
        add_target(ctx.engine, ctx.scope, entered, ref)
    except (InvalidTarget, UnknownIndicator) as problem:
        st.error(t(f"admin.problem.{problem.key}", ctx.lang))
        return
    except AccessDenied:
        st.error(t("roadmap.refused", ctx.lang))
        return
    saved("roadmap.form.target_added")


# --- action points ----------------------------------------------------------------------


def _action_fields(
    lang: str,
    meetings: dict[int, MeetingLabel],
    key: Callable[[str], str],
    current: action_points.Action | None = None,
) -> action_points.ActionInput:
    """An action's meeting, wording, organisation responsible and due date, as fields of
    the form being drawn: empty for a new action, else opening on `current`."""
    options, organisations = list(meetings), list(ORGANISATIONS)
    meeting = st.selectbox(
        t("roadmap.form.meeting", lang),
        options=options,
        index=options.index(current.meeting_id)
        if current and current.meeting_id in meetings
        else 0,
        format_func=lambda found: meeting_text(meetings[found], lang),
        key=key("meeting"),
    )
    text = st.text_area(
        t("roadmap.action.text", lang),
        value=current.text if current else "",
        max_chars=action_points.MAX_TEXT,
        key=key("text"),
    )
    left, right = st.columns(2)
    responsible = left.selectbox(
        t("roadmap.action.responsible", lang),
        options=organisations,
        index=organisations.index(current.organisation) if current else 0,
        format_func=lambda found: org_name(found, lang),
        key=key("org"),
    )
    due_on = right.date_input(
        t("roadmap.action.due_on", lang),
        value=current.due_on if current else "today",
        format="DD/MM/YYYY",
        key=key("due"),
    )
    return action_points.ActionInput(meeting, text, responsible, due_on)


def _save_action(ctx: PageContext, save: Callable[[], None], message_key: str) -> None:
    """Store an added or edited action; a refusal is explained and the form keeps what
    was typed."""
    try:
        save()
    except action_points.InvalidAction as problem:
        st.error(t(f"admin.problem.{problem.key}", ctx.lang))
        return
    except AccessDenied:
        st.error(t("roadmap.refused", ctx.lang))
        return
    saved(message_key)


def action_form(ctx: PageContext, meetings: dict[int, MeetingLabel]) -> None:
    """A new action of a meeting (ILO staff and administrators)."""
    lang = ctx.lang
    if not meetings:
        st.info(t("roadmap.action.no_meetings", lang))
        return
    saved_notice("roadmap.action.added", lang)
    with st.form("roadmap_action_form", clear_on_submit=False, border=True):
        st.markdown(f"**{t('roadmap.action.form_title', lang)}**")
        entered = _action_fields(lang, meetings, lambda field: f"roadmap_action_{field}")
        submitted = st.form_submit_button(t("roadmap.action.add", lang), type="primary")
    if submitted:
        _save_action(
            ctx,
            lambda: action_points.add_action(ctx.engine, ctx.scope, entered),
            "roadmap.action.added",
        )


def edit_form(
    ctx: PageContext, every: list[action_points.Action], meetings: dict[int, MeetingLabel]
) -> None:
    """Change what an action says, who is responsible, its meeting or its due date (ILO
    staff and administrators). The action is picked first, outside the form, so that
    the form opens on its current wording; its fields are keyed by the action, so
    picking another one starts from that one's values."""
    lang = ctx.lang
    saved_notice("roadmap.action.edited", lang)
    if not every or not meetings:
        return
    by_id = {action.id: action for action in every}
    chosen = st.selectbox(
        t("roadmap.action.edit_which", lang),
        options=list(by_id),
        format_func=lambda key: _action_label(by_id[key], lang),
        index=None,
        placeholder=t("roadmap.action.edit_pick", lang),
        key="roadmap_edit_action",
    )
    if chosen is None:
        return
    with st.form(f"roadmap_edit_form_{chosen}", clear_on_submit=False, border=True):
        st.markdown(f"**{t('roadmap.action.edit_title', lang)}**")
        entered = _action_fields(
            lang, meetings, lambda field: f"roadmap_edit_{field}_{chosen}", by_id[chosen]
        )
        submitted = st.form_submit_button(t("roadmap.action.save_edit", lang), type="primary")
    if submitted:
        _save_action(
            ctx,
            lambda: action_points.edit_action(ctx.engine, ctx.scope, chosen, entered),
            "roadmap.action.edited",
        )


def status_form(ctx: PageContext, mine: list[action_points.Action]) -> None:
    """A dated update of an action the viewer may update: its new status and a note."""
    lang = ctx.lang
    saved_notice("roadmap.action.updated", lang)
    if not mine:
        st.caption(t("roadmap.action.none_to_update", lang))
        return
    with st.form("roadmap_status_form", clear_on_submit=False, border=True):
        st.markdown(f"**{t('roadmap.action.update_title', lang)}**")
        by_id = {action.id: action for action in mine}
        chosen = st.selectbox(
            t("roadmap.action.which", lang),
            options=list(by_id),
            format_func=lambda key: _action_label(by_id[key], lang),
            key="roadmap_status_action",
        )
        status = st.radio(
            t("roadmap.action.new_status", lang),
            options=list(action_points.STATUSES),
            format_func=lambda key: t(f"roadmap.action.status.{key}", lang),
            horizontal=True,
            key="roadmap_status_value",
        )
        note = st.text_area(
            t("roadmap.action.note", lang),
            max_chars=action_points.MAX_NOTE,
            key="roadmap_status_note",
        )
        submitted = st.form_submit_button(t("roadmap.action.save_update", lang), type="primary")
    if not submitted:
        return
    try:
        action_points.update_status(ctx.engine, ctx.scope, chosen, status, note)
    except action_points.InvalidAction as problem:
        st.error(t(f"admin.problem.{problem.key}", lang))
        return
    except AccessDenied:
        st.error(t("roadmap.action.not_yours", lang))
        return
    saved("roadmap.action.updated")


def _action_label(action: action_points.Action, lang: str) -> str:
    text = action.text if len(action.text) <= 80 else action.text[:79] + "…"
    return f"{org_name(action.organisation, lang)} · {fmt_date(action.due_on, lang)} · {text}"


def update_history(ctx: PageContext, shown: list[action_points.Action]) -> None:
    """The dated updates of one chosen action, newest first."""
    lang = ctx.lang
    if not shown:
        return
    by_id = {action.id: action for action in shown}
    chosen = st.selectbox(
        t("roadmap.action.history_of", lang),
        options=list(by_id),
        format_func=lambda key: _action_label(by_id[key], lang),
        key="roadmap_history_action",
    )
    found = action_points.updates(ctx.engine, ctx.scope, chosen)
    if not found:
        st.caption(t("roadmap.action.no_updates", lang))
        return
    st.dataframe(
        pd.DataFrame(
            [
                (
                    fmt_datetime(update.at, lang),
                    update.username,
                    t(f"roadmap.action.status.{update.status}", lang),
                    update.note,
                )
                for update in found
            ],
            columns=[
                t(f"roadmap.action.update_column.{name}", lang)
                for name in ("on", "by", "status", "note")
            ],
        ),
        hide_index=True,
        width="stretch",
    )


def overdue_tab(ctx: PageContext) -> tuple[str, Callable[[], None]] | None:
    """The Overview's flag for the viewer's own organisation's actions past due: a tab
    whose label says how many, beside the page's sections, so the one responsible sees
    it in the first screen without pushing the page's chart below it (None when there
    are none). Its content lists them."""
    late = action_points.overdue(ctx.engine, ctx.scope, today_in_vietnam())
    if not late:
        return None
    lang = ctx.lang

    def draw() -> None:
        st.warning(t("roadmap.overview.overdue", lang, count=len(late)), icon=":material/alarm:")
        for action in late:
            st.markdown(f"- {_action_label(action, lang)}")

    return t("roadmap.overview.tab", lang, count=len(late)), draw


def remove_form(ctx: PageContext, ref: Reference, stored: list[StoredTarget]) -> None:
    """Remove a target entered by mistake (staff; audited with what it said)."""
    lang = ctx.lang
    saved_notice("roadmap.form.target_removed", lang)
    if not stored:
        return
    by_id = {item.id: item for item in stored}
    with st.form("roadmap_remove_form", clear_on_submit=False, border=True):
        st.markdown(f"**{t('roadmap.form.remove_title', lang)}**")
        chosen = st.selectbox(
            t("roadmap.form.which_target", lang),
            options=list(by_id),
            format_func=lambda key: (
                f"{by_id[key].target.indicator.name(ref, lang)} — "
                f"{by_id[key].target.area.name(ref, lang)} · "
                f"{fmt_date(by_id[key].target.deadline, lang)}"
            ),
            key="roadmap_remove_target",
        )
        submitted = st.form_submit_button(t("roadmap.form.remove", lang))
    if not submitted:
        return
    try:
        remove_target(ctx.engine, ctx.scope, chosen)
    except InvalidTarget as problem:
        st.error(t(f"admin.problem.{problem.key}", lang))
        return
    except AccessDenied:
        st.error(t("roadmap.refused", lang))
        return
    saved("roadmap.form.target_removed")
