"""The "since our last meeting" section of a briefing prepared for a meeting: today's
figures against those the previous meeting with the same organisations was shown, the
largest moves first (`meetings.since.compare`; wording shared with the app)."""

from __future__ import annotations

from datetime import date

import pandas as pd

from data_access.briefings.content import BriefingRequest
from data_access.briefings.document import Section, Table
from data_access.i18n import fmt_date, t
from data_access.meetings import wording

#: Rows the document lists; the rest are on the Meetings page.
SHOWN = 10


def since_section(
    compared: pd.DataFrame, held_on: date, earlier: BriefingRequest, lang: str
) -> Section:
    listed = wording.moved(compared)
    rows = tuple(wording.rows(listed.head(SHOWN), lang))
    notes = (t("meetings.since.more", lang, n=len(listed) - SHOWN),) if len(listed) > SHOWN else ()
    return Section(
        heading=t("meetings.since.heading", lang, date=fmt_date(held_on, lang)),
        paragraphs=(
            t(
                "meetings.since.intro",
                lang,
                date=fmt_date(held_on, lang),
                period=earlier.after.describe_period(lang),
            ),
        )
        if rows
        else (t("meetings.since.nothing", lang, date=fmt_date(held_on, lang)),),
        tables=(
            Table(
                columns=wording.columns(lang),
                rows=rows,
                numeric=(1, 2, 3),
                widths=(3.6, 1.3, 1.3, 1.6),
            ),
        )
        if rows
        else (),
        notes=notes,
    )
