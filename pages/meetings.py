"""Question: What did we show at our meetings with the constituents, and what has changed
since?

Meetings: ILO staff record each meeting (date, kind, organisations, title, agenda) and
attach the briefing handed out there, kept as prepared; everyone who took part reads
the meeting, downloads the same files again and sees how far today's figures differ.
Who sees which meeting is decided in `data_access.meetings`.
"""

from __future__ import annotations

import streamlit as st

from data_access.i18n import fmt_date, t
from data_access.meetings.frozen import briefings_of
from data_access.meetings.records import meetings_for
from data_access.refdata import reference
from ui.context import page_context
from ui.meetings import (
    CREATED_KEY,
    attach_form,
    briefing_panel,
    meeting_form,
    meeting_option,
    organisations_text,
    plain,
)


def main() -> None:
    ctx = page_context()
    lang = ctx.lang
    manages = ctx.scope.may("manage_meetings")
    st.title(t("meetings.page.title", lang))
    st.caption(
        t("meetings.page.intro_staff" if manages else "meetings.page.intro_constituent", lang)
    )
    if manages:
        meeting_form(ctx)
    held_meetings = meetings_for(ctx.engine, ctx.scope)
    if not held_meetings:
        st.info(t("meetings.page.none" if manages else "meetings.page.none_constituent", lang))
        return
    ids = [held.id for held in held_meetings]
    created = st.session_state.pop(CREATED_KEY, None)
    if created in ids:
        st.session_state["meetings_choice"] = created
    chosen = st.selectbox(
        t("meetings.page.choose", lang),
        ids,
        format_func=lambda meeting_id: meeting_option(held_meetings[ids.index(meeting_id)], lang),
        key="meetings_choice",
    )
    held = held_meetings[ids.index(chosen)]
    st.header(plain(held.title), divider="gray")
    st.markdown(
        plain(
            t(
                "meetings.page.held",
                lang,
                date=fmt_date(held.held_on, lang),
                kind=t(f"meetings.kind.{held.kind}", lang),
                organisations=organisations_text(held, lang),
            )
        )
    )
    st.markdown(f"**{t('meetings.page.agenda', lang)}**")
    st.text(held.agenda or t("meetings.page.no_agenda", lang))
    st.subheader(t("meetings.page.briefings", lang))
    if manages:
        attach_form(ctx, held, reference(ctx.engine))
    kept = briefings_of(ctx.engine, ctx.scope, held.id)
    if not kept:
        st.info(t("meetings.page.no_briefing", lang))
    for briefing in kept:
        briefing_panel(ctx, held, briefing)


main()
