"""Which meetings a viewer may name: those its organisation took part in, or every
meeting for those who record them (`manage_meetings`, as in `data_access.meetings`).
Targets and actions follow it, so that neither they nor their labels reveal a meeting
the viewer did not attend."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Connection, Select, select

from data_access.models import Meeting, MeetingParticipant
from data_access.scope import Scope


@dataclass(frozen=True)
class MeetingLabel:
    id: int
    held_on: date
    title: str


def attended(scope: Scope) -> Select[tuple[int]]:
    """The ids of the meetings the scope's organisation took part in, as a subquery."""
    return select(MeetingParticipant.meeting_id).where(
        MeetingParticipant.organisation == (scope.organisation or "")
    )


def meeting_labels(connection: Connection, scope: Scope) -> dict[int, MeetingLabel]:
    """The meetings the viewer may name, latest first."""
    query = select(Meeting.id, Meeting.held_on, Meeting.title).order_by(
        Meeting.held_on.desc(), Meeting.id.desc()
    )
    if not scope.may("manage_meetings"):
        query = query.where(Meeting.id.in_(attended(scope)))
    return {
        row.id: MeetingLabel(row.id, row.held_on, row.title) for row in connection.execute(query)
    }
