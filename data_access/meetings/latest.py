""" "Since our last meeting" for a page: the viewer's latest meeting that has a briefing,
and today's figures (the page's period, the briefing's places and sectors, the
viewer's scope) against the figures that briefing showed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd
from sqlalchemy import Engine

from data_access.filters import Filters
from data_access.meetings import figures
from data_access.meetings.frozen import FiguresOf, KeptBriefing, latest_briefing
from data_access.meetings.records import MeetingRecord, meetings_for
from data_access.meetings.since import compare
from data_access.scope import Scope


@dataclass(frozen=True)
class SinceLastMeeting:
    meeting: MeetingRecord
    briefing: KeptBriefing
    #: Today's selection: the page's period, the meeting briefing's places and sectors.
    today: Filters
    compared: pd.DataFrame


def last_meeting(
    engine: Engine, scope: Scope, on: date
) -> tuple[MeetingRecord, KeptBriefing] | None:
    """The latest meeting held by `on` that `scope` took part in (staff: any) with a
    briefing `scope` may read."""
    for held in meetings_for(engine, scope):
        if held.held_on > on:
            continue
        kept = latest_briefing(engine, scope, held.id)
        if kept is not None:
            return held, kept
    return None


def since_last_meeting(
    engine: Engine,
    scope: Scope,
    filters: Filters,
    on: date,
    figures_of: FiguresOf = figures.headline_figures,
) -> SinceLastMeeting | None:
    if not scope.may("see_meetings"):
        return None
    found = last_meeting(engine, scope, on)
    if found is None:
        return None
    held, kept = found
    today = Filters(
        year_from=filters.year_from,
        year_to=filters.year_to,
        date_from=filters.date_from,
        date_to=filters.date_to,
        provinces=kept.request.provinces,
        sectors=kept.request.sectors,
    )
    now = figures_of(engine, scope, today)
    return SinceLastMeeting(
        meeting=held,
        briefing=kept,
        today=today,
        compared=compare(now, kept.figures, suppresses=scope.suppresses),
    )
