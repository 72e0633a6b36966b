"""The Meetings page's pieces and the Overview's "since our last meeting" tab.

Forms collect; `data_access.meetings` decides who may do what and writes the audit
log. A refused draft keeps every value in the form (Streamlit keeps widget state) and
lists every problem at once in the viewer's language.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pandas as pd
import streamlit as st

from data_access import audit
from data_access.auth.organisations import organisation
from data_access.briefings.generate import DOCX_MIME, PDF_MIME
from data_access.briefings.request import AUDIENCES, BriefingRequest, audience_label
from data_access.cache import cached_headline_figures
from data_access.i18n import LANGUAGES, fmt_date, fmt_datetime, t
from data_access.meetings import wording
from data_access.meetings.frozen import (
    KeptBriefing,
    attach_briefing,
    changed_since,
    kept_name,
    render_kept,
)
from data_access.meetings.latest import since_last_meeting
from data_access.meetings.records import (
    InvalidMeeting,
    MeetingDraft,
    MeetingRecord,
    create_meeting,
)
from data_access.models import MEETING_KINDS, MEETING_ORGANISATIONS
from data_access.refdata import Reference
from data_access.users import now
from ui.auth import request_address
from ui.context import PageContext

CREATED_KEY = "meetings_created"


def plain(text: str) -> str:
    """Titles and names come from people: shown as text, never read as Markdown."""
    escaped = text
    for char in "\\`*_{}[]()#+-.!|>~<$":
        escaped = escaped.replace(char, "\\" + char)
    return escaped


def organisations_text(held: MeetingRecord, lang: str) -> str:
    return ", ".join(organisation(org).name(lang) for org in held.organisations)


def meeting_option(held: MeetingRecord, lang: str) -> str:
    return t("meetings.page.option", lang, date=fmt_date(held.held_on, lang), title=held.title)


def meeting_form(ctx: PageContext) -> None:
    """Record a meeting; on success the new meeting is the one the page opens."""
    lang = ctx.lang
    with (
        st.expander(t("meetings.form.title", lang), icon=":material/event:"),
        st.form("meetings_new", border=False),
    ):
        left, right = st.columns(2)
        held_on = left.date_input(
            t("meetings.form.date", lang),
            value=None,
            format="DD/MM/YYYY",
            key="meetings_new_date",
        )
        kind = right.radio(
            t("meetings.form.kind", lang),
            MEETING_KINDS,
            format_func=lambda key: t(f"meetings.kind.{key}", lang),
            horizontal=True,
            key="meetings_new_kind",
        )
        organisations = st.multiselect(
            t("meetings.form.organisations", lang),
            MEETING_ORGANISATIONS,
            format_func=lambda key: organisation(key).name(lang),
            key="meetings_new_organisations",
        )
        title = st.text_input(
            t("meetings.form.meeting_title", lang), max_chars=200, key="meetings_new_title"
        )
        agenda = st.text_area(
            t("meetings.form.agenda", lang), max_chars=4000, key="meetings_new_agenda"
        )
        submitted = st.form_submit_button(
            t("meetings.form.save", lang), type="primary", icon=":material/save:"
        )
    if not submitted:
        return
    draft = MeetingDraft(
        held_on=held_on if isinstance(held_on, date) else None,
        kind=str(kind),
        organisations=tuple(organisations),
        title=title,
        agenda=agenda,
    )
    try:
        held = create_meeting(ctx.engine, ctx.scope, draft, client_address=request_address())
    except InvalidMeeting as refused:
        st.error(
            "\n".join(
                [t("meetings.problem.intro", lang)]
                + [f"- {t(problem, lang)}" for problem in refused.problems]
            )
        )
        return
    st.session_state[CREATED_KEY] = held.id
    st.success(t("meetings.form.saved", lang, title=held.title))


def _default_audience(held: MeetingRecord) -> str:
    """A meeting with one constituent gets its note; a tripartite one the shared note."""
    constituents = sorted(held.constituents)
    return constituents[0] if len(constituents) == 1 else "constituents"


def attach_form(ctx: PageContext, held: MeetingRecord, ref: Reference) -> None:
    lang = ctx.lang
    if not ref.years:
        return
    years = list(range(ref.years[0], ref.years[-1] + 1))
    latest = years[-1]
    with (
        st.expander(t("meetings.form.attach_title", lang), icon=":material/attach_file:"),
        st.form(f"meetings_attach_{held.id}", border=False),
    ):
        audience = st.radio(
            t("briefings.page.audience", lang),
            AUDIENCES,
            index=AUDIENCES.index(_default_audience(held)),
            format_func=lambda key: audience_label(key, lang),
            horizontal=True,
        )
        left, right = st.columns(2)
        provinces = left.multiselect(
            t("briefings.page.provinces", lang),
            list(ref.provinces),
            format_func=_namer(ref, "provinces", lang),
            placeholder=t("briefings.page.national", lang),
        )
        sectors = right.multiselect(
            t("briefings.page.sectors", lang),
            list(ref.sectors),
            format_func=_namer(ref, "sectors", lang),
            placeholder=t("briefings.page.all_sectors", lang),
        )
        left, right = st.columns(2)
        period = left.select_slider(t("briefings.page.period", lang), years, value=(latest, latest))
        earlier = right.select_slider(
            t("briefings.page.comparison", lang),
            years,
            value=(max(latest - 1, years[0]),) * 2,
        )
        output_lang = st.radio(
            t("briefings.page.language", lang),
            LANGUAGES,
            index=LANGUAGES.index(lang),
            format_func=lambda code: t(f"briefings.page.language.{code}", lang),
            horizontal=True,
        )
        submitted = st.form_submit_button(
            t("meetings.form.attach", lang), type="primary", icon=":material/description:"
        )
    if not submitted:
        return
    if tuple(period) == tuple(earlier):
        st.warning(t("briefings.page.same_periods", lang))
        return
    request = BriefingRequest(
        audience=str(audience),
        year_from=period[0],
        year_to=period[1],
        compare_from=earlier[0],
        compare_to=earlier[1],
        lang=str(output_lang),
        provinces=tuple(provinces),
        sectors=tuple(sectors),
    )
    with st.spinner(t("meetings.form.working", lang)):
        kept = attach_briefing(
            ctx.engine, ctx.scope, held.id, request, client_address=request_address()
        )
    st.success(t("meetings.form.attached", lang, date=fmt_date(kept.as_of, lang)))


def _namer(ref: Reference, kind: str, lang: str) -> Callable[[str], str]:
    return lambda code: ref.name(kind, code, lang)


def since_table(compared: pd.DataFrame, lang: str, key: str) -> None:
    """The comparison's rows as `wording.rows` words them: the same on every surface."""
    table = pd.DataFrame(wording.rows(compared, lang), columns=list(wording.columns(lang)))
    st.dataframe(table, hide_index=True, width="stretch", key=key)


def _deferred(ctx: PageContext, kept: KeptBriefing, fmt: str, name: str) -> Callable[[], bytes]:
    """The file, rendered from the kept model when the button is clicked (not at every
    rerun), with an audit entry then."""
    engine, username, address = ctx.engine, ctx.scope.username, request_address()

    def deliver() -> bytes:
        audit.record(
            engine,
            "download",
            username,
            {"kind": "meeting_briefing", "briefing": kept.id, "file": name},
            client_address=address,
        )
        return render_kept(kept, fmt)

    return deliver


def briefing_panel(ctx: PageContext, held: MeetingRecord, kept: KeptBriefing) -> None:
    """One kept briefing: figures as of, what changed since, and its two files."""
    lang = ctx.lang
    with st.container(border=True):
        st.markdown(
            "**"
            + plain(
                t(
                    "meetings.page.briefing_title",
                    lang,
                    audience=audience_label(kept.audience, lang),
                    language=t(f"briefings.page.language.{kept.lang}", lang),
                    date=fmt_date(kept.as_of, lang),
                )
            )
            + "**"
        )
        st.caption(
            t(
                "meetings.page.prepared_by",
                lang,
                who=kept.created_by,
                when=fmt_datetime(kept.created_at, lang),
            )
        )
        compared = changed_since(ctx.engine, kept, cached_headline_figures)
        if compared is None:
            st.caption(t("meetings.page.unchanged", lang))
        else:
            moved = wording.moved(compared)
            if moved.empty:
                st.caption(t("meetings.page.same_figures", lang))
            else:
                st.info(t("meetings.page.changed", lang, n=len(moved)))
                since_table(moved, lang, key=f"meetings_changed_{kept.id}")
        row = st.container(horizontal=True)
        for fmt, mime, icon in (
            ("docx", DOCX_MIME, ":material/description:"),
            ("pdf", PDF_MIME, ":material/picture_as_pdf:"),
        ):
            name = kept_name(ctx.engine, held, kept, fmt)
            row.download_button(
                t(f"meetings.page.download_{fmt}", lang),
                data=_deferred(ctx, kept, fmt, name),
                file_name=name,
                mime=mime,
                on_click="ignore",
                icon=icon,
                key=f"meetings_download_{kept.id}_{fmt}",
            )


def since_last_meeting_tab(ctx: PageContext) -> None:
    """The Overview's tab: the page's period today against the last meeting's figures."""
    lang = ctx.lang
    found = since_last_meeting(
        ctx.engine, ctx.scope, ctx.filters, now().date(), cached_headline_figures
    )
    if found is None:
        st.info(t("meetings.since.none", lang))
        return
    st.caption(
        t(
            "meetings.since.page_intro",
            lang,
            today=found.today.describe_period(lang),
            title=found.meeting.title,
            date=fmt_date(found.meeting.held_on, lang),
            then=found.briefing.request.after.describe_period(lang),
        )
    )
    since_table(found.compared, lang, key="overview_since_meeting")
