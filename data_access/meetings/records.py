"""Meetings: recorded by ILO staff, read by everyone who took part.

Who sees which meeting is decided here, in the query, never by a page: a constituent's
scope reads only the meetings its organisation took part in; staff, who record them,
read all. A meeting a scope may not see is reported as not found, so that its
existence says nothing either.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Engine, exists, insert, select

from data_access import audit
from data_access.i18n import nfc
from data_access.models import (
    MEETING_KINDS,
    MEETING_ORGANISATIONS,
    Meeting,
    MeetingParticipant,
)
from data_access.scope import Scope, require
from data_access.users import now

CONSTITUENTS: tuple[str, ...] = ("molisa", "vcci", "vgcl")
TITLE_MAX = 200
AGENDA_MAX = 4000
AUDIT_CREATE = "meeting_create"


class MeetingNotFound(LookupError):
    """No such meeting, or one the scope did not take part in."""


class InvalidMeeting(ValueError):
    """A draft that cannot be recorded; `problems` are catalogue keys (`meetings.problem.*`)."""

    def __init__(self, problems: tuple[str, ...]) -> None:
        super().__init__(", ".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class MeetingDraft:
    """What the Meetings page's form collects."""

    held_on: date | None
    kind: str
    organisations: tuple[str, ...]
    title: str
    agenda: str = ""

    def problems(self) -> tuple[str, ...]:
        """Every reason the draft cannot be recorded, so a person fixes all at once."""
        found = []
        if self.held_on is None:
            found.append("meetings.problem.date")
        if self.kind not in MEETING_KINDS:
            found.append("meetings.problem.kind")
        if not set(self.organisations) <= set(MEETING_ORGANISATIONS):
            found.append("meetings.problem.organisation")
        constituents = [org for org in self.organisations if org in CONSTITUENTS]
        if self.kind == "tripartite" and set(constituents) != set(CONSTITUENTS):
            found.append("meetings.problem.tripartite")
        if self.kind == "bilateral" and len(constituents) != 1:
            found.append("meetings.problem.bilateral")
        if not nfc(self.title).strip():
            found.append("meetings.problem.title")
        if len(self.title) > TITLE_MAX:
            found.append("meetings.problem.title_long")
        if len(self.agenda) > AGENDA_MAX:
            found.append("meetings.problem.agenda_long")
        return tuple(found)


@dataclass(frozen=True)
class MeetingRecord:
    id: int
    held_on: date
    kind: str
    title: str
    agenda: str
    organisations: tuple[str, ...]
    created_by: str
    created_at: datetime

    @property
    def constituents(self) -> frozenset[str]:
        """The constituent organisations present: what "the same organisations" compares."""
        return frozenset(org for org in self.organisations if org in CONSTITUENTS)


def _sees_all(scope: Scope) -> bool:
    return scope.may("manage_meetings")


def _visible(scope: Scope) -> Any:
    """The condition limiting meetings to those `scope` may see."""
    if _sees_all(scope):
        return Meeting.id.is_not(None)
    return exists().where(
        MeetingParticipant.meeting_id == Meeting.id,
        MeetingParticipant.organisation == (scope.organisation or ""),
    )


def _records(engine: Engine, condition: Any) -> list[MeetingRecord]:
    with engine.connect() as connection:
        meetings = connection.execute(
            select(Meeting).where(condition).order_by(Meeting.held_on.desc(), Meeting.id.desc())
        ).all()
        ids = [row.id for row in meetings]
        taking_part: dict[int, list[str]] = {meeting_id: [] for meeting_id in ids}
        if ids:
            for meeting_id, organisation in connection.execute(
                select(MeetingParticipant.meeting_id, MeetingParticipant.organisation).where(
                    MeetingParticipant.meeting_id.in_(ids)
                )
            ):
                taking_part[meeting_id].append(organisation)
    order = {org: index for index, org in enumerate(MEETING_ORGANISATIONS)}
    return [
        MeetingRecord(
            id=row.id,
            held_on=row.held_on,
            kind=row.kind,
            title=row.title,
            agenda=row.agenda,
            organisations=tuple(sorted(taking_part[row.id], key=order.__getitem__)),
            created_by=row.created_by,
            created_at=row.created_at,
        )
        for row in meetings
    ]


def meetings_for(engine: Engine, scope: Scope) -> list[MeetingRecord]:
    """The meetings `scope` may see, the latest first."""
    require(scope, "see_meetings")
    return _records(engine, _visible(scope))


def meeting(engine: Engine, scope: Scope, meeting_id: int) -> MeetingRecord:
    require(scope, "see_meetings")
    found = _records(engine, (Meeting.id == meeting_id) & _visible(scope))
    if not found:
        raise MeetingNotFound(meeting_id)
    return found[0]


def previous_meeting(engine: Engine, scope: Scope, before: MeetingRecord) -> MeetingRecord | None:
    """The latest meeting held before `before` with the same constituent organisations,
    as `scope` may see it."""
    return next(
        (
            earlier
            for earlier in meetings_for(engine, scope)
            if earlier.held_on < before.held_on and earlier.constituents == before.constituents
        ),
        None,
    )


def create_meeting(
    engine: Engine,
    scope: Scope,
    draft: MeetingDraft,
    *,
    client_address: str | None = None,
) -> MeetingRecord:
    """Record a meeting (staff only), audit-logged; `InvalidMeeting` loses nothing: the
    caller keeps the draft to show again."""
    require(scope, "manage_meetings")
    problems = draft.problems()
    if problems:
        raise InvalidMeeting(problems)
    with engine.begin() as connection:
        meeting_id = connection.execute(
            insert(Meeting)
            .values(
                held_on=draft.held_on,
                kind=draft.kind,
                title=nfc(draft.title).strip(),
                agenda=nfc(draft.agenda).strip(),
                created_by=scope.username or "",
                created_at=now(),
            )
            .returning(Meeting.id)
        ).scalar_one()
        connection.execute(
            insert(MeetingParticipant),
            [
                {"meeting_id": meeting_id, "organisation": org}
                for org in dict.fromkeys(draft.organisations)
            ],
        )
    audit.record(
        engine,
        AUDIT_CREATE,
        scope.username,
        {
            "meeting": meeting_id,
            "held_on": draft.held_on,
            "kind": draft.kind,
            "organisations": list(dict.fromkeys(draft.organisations)),
        },
        client_address=client_address,
    )
    return meeting(engine, scope, meeting_id)
