"""Action points: what each meeting agreed, who does it, by when, and how it stands.

An action belongs to one meeting and has one responsible organisation (MOLISA, VCCI,
VGCL or ILO). Its status is `open`, `in_progress`, `done` or `dropped` (agreed no
longer worth doing: kept, not deleted, so the record of the meeting stays whole);
each change of status is a dated update with a note. Who may do what:

- see: staff everything; a constituent the actions of the meetings its organisation
  took part in (and any action it is responsible for);
- update the status of an action: its own organisation (`update_own_actions`), or
  ILO staff and administrators (`manage_meetings`), who also add and edit actions.

Every change is written to the audit log in the same transaction as the change.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import pandas as pd
from sqlalchemy import Connection, Engine, insert, or_, select, update

from data_access import audit
from data_access.auth import organisations
from data_access.auth.organisations import ORGANISATIONS
from data_access.filters import Filters
from data_access.i18n import fmt_date, nfc, normalise_language, t
from data_access.models import ActionPoint, ActionUpdate
from data_access.roadmap.attended import MeetingLabel, attended, meeting_labels
from data_access.scope import AccessDenied, Scope, require, require_known
from data_access.users import now

OPEN = "open"
IN_PROGRESS = "in_progress"
DONE = "done"
DROPPED = "dropped"
STATUSES: tuple[str, ...] = (OPEN, IN_PROGRESS, DONE, DROPPED)
#: Still to be done: the statuses an action can be overdue in.
UNFINISHED: tuple[str, ...] = (OPEN, IN_PROGRESS)
MAX_TEXT = 1000
MAX_NOTE = 1000


class InvalidAction(ValueError):
    """An action or update that cannot be stored; `key` names `roadmap.problem.<key>`."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


@dataclass(frozen=True)
class ActionInput:
    meeting_id: int
    text: str
    organisation: str
    due_on: date

    def checked(self) -> ActionInput:
        text = nfc(self.text).strip()
        if not text:
            raise InvalidAction("action_text_empty")
        if len(text) > MAX_TEXT:
            raise InvalidAction("action_text_too_long")
        if self.organisation not in ORGANISATIONS:
            raise InvalidAction("unknown_owner")
        return ActionInput(self.meeting_id, text, self.organisation, self.due_on)


@dataclass(frozen=True)
class Action:
    """A stored action; `meeting` names its meeting for a viewer who attended it (None
    for a constituent shown its own action from a meeting it did not attend)."""

    id: int
    meeting_id: int
    text: str
    organisation: str
    due_on: date
    status: str
    updated_at: datetime
    meeting: MeetingLabel | None = None

    def overdue(self, today: date) -> bool:
        return self.status in UNFINISHED and self.due_on < today


@dataclass(frozen=True)
class Update:
    at: datetime
    username: str
    status: str
    note: str


def may_update(scope: Scope, action: Action) -> bool:
    """Whether this viewer may change the action's status (the rule in the docstring)."""
    return scope.may("manage_meetings") or (
        scope.may("update_own_actions") and action.organisation == scope.organisation
    )


def add_action(engine: Engine, scope: Scope, action: ActionInput) -> int:
    require(scope, "manage_meetings")
    checked = action.checked()
    at = now()
    with engine.begin() as connection:
        action_id = connection.execute(
            insert(ActionPoint)
            .values(
                meeting_id=checked.meeting_id,
                text=checked.text,
                organisation=checked.organisation,
                due_on=checked.due_on,
                status=OPEN,
                created_at=at,
                created_by=scope.username or "",
                updated_at=at,
            )
            .returning(ActionPoint.id)
        ).scalar_one()
        audit.record_with(
            connection,
            "action_add",
            scope.username,
            {"action_id": action_id, **_detail(checked)},
            at=at,
        )
    return action_id


def edit_action(engine: Engine, scope: Scope, action_id: int, action: ActionInput) -> None:
    """Change what an action says, who is responsible, or when it is due (staff)."""
    require(scope, "manage_meetings")
    checked = action.checked()
    at = now()
    with engine.begin() as connection:
        before = _one(connection, action_id)
        connection.execute(
            update(ActionPoint)
            .where(ActionPoint.id == action_id)
            .values(
                meeting_id=checked.meeting_id,
                text=checked.text,
                organisation=checked.organisation,
                due_on=checked.due_on,
                updated_at=at,
            )
        )
        audit.record_with(
            connection,
            "action_edit",
            scope.username,
            {
                "action_id": action_id,
                **_detail(checked),
                "before": {
                    "text": before.text,
                    "organisation": before.organisation,
                    "due_on": before.due_on.isoformat(),
                },
            },
            at=at,
        )


def update_status(
    engine: Engine, scope: Scope, action_id: int, status: str, note: str = ""
) -> None:
    """Record a dated update: the action's status from now on, and what was done."""
    require_known(scope)
    if status not in STATUSES:
        raise InvalidAction("unknown_status")
    note = nfc(note).strip()
    if len(note) > MAX_NOTE:
        raise InvalidAction("note_too_long")
    at = now()
    with engine.begin() as connection:
        action = _one(connection, action_id)
        if not may_update(scope, action):
            raise AccessDenied("Only the organisation responsible, or ILO staff, update it.")
        connection.execute(
            update(ActionPoint)
            .where(ActionPoint.id == action_id)
            .values(status=status, updated_at=at)
        )
        connection.execute(
            insert(ActionUpdate).values(
                action_id=action_id,
                at=at,
                username=scope.username or "",
                status=status,
                note=note,
            )
        )
        audit.record_with(
            connection,
            "action_status",
            scope.username,
            {
                "action_id": action_id,
                "organisation": action.organisation,
                "from": action.status,
                "to": status,
                "note": note,
            },
            at=at,
        )


def actions(
    engine: Engine,
    scope: Scope,
    *,
    meeting_id: int | None = None,
    organisation: str | None = None,
    unfinished_only: bool = False,
) -> list[Action]:
    """The actions this viewer may see, earliest due first."""
    require_known(scope)
    query = select(ActionPoint).order_by(ActionPoint.due_on, ActionPoint.id)
    if meeting_id is not None:
        query = query.where(ActionPoint.meeting_id == meeting_id)
    if organisation is not None:
        query = query.where(ActionPoint.organisation == organisation)
    if unfinished_only:
        query = query.where(ActionPoint.status.in_(UNFINISHED))
    with engine.connect() as connection:
        if not scope.may("manage_meetings"):
            query = query.where(
                or_(
                    ActionPoint.meeting_id.in_(attended(scope)),
                    ActionPoint.organisation == scope.organisation,
                )
            )
        labels = meeting_labels(connection, scope)
        return [_action(row, labels) for row in connection.execute(query).all()]


def overdue(engine: Engine, scope: Scope, today: date) -> list[Action]:
    """The viewer's own organisation's actions past their due date and not finished:
    what the Overview flags to the organisation responsible."""
    return [
        action
        for action in actions(engine, scope, organisation=scope.organisation, unfinished_only=True)
        if action.overdue(today)
    ]


def updates(engine: Engine, scope: Scope, action_id: int) -> list[Update]:
    """An action's dated updates, newest first (only for an action the viewer sees)."""
    require_known(scope)
    with engine.connect() as connection:
        action = _one(connection, action_id)
        if not scope.may("manage_meetings") and not _visible(connection, scope, action):
            raise AccessDenied("Not an action of this organisation's meetings.")
        rows = connection.execute(
            select(ActionUpdate)
            .where(ActionUpdate.action_id == action_id)
            .order_by(ActionUpdate.at.desc(), ActionUpdate.id.desc())
        ).all()
        return [Update(row.at, row.username, row.status, row.note) for row in rows]


def _visible(connection: Connection, scope: Scope, action: Action) -> bool:
    return action.organisation == scope.organisation or action.meeting_id in set(
        connection.scalars(attended(scope))
    )


def _one(connection: Connection, action_id: int) -> Action:
    row = connection.execute(select(ActionPoint).where(ActionPoint.id == action_id)).one_or_none()
    if row is None:
        raise InvalidAction("action_not_found")
    return _action(row)


def _action(row: Any, labels: dict[int, MeetingLabel] | None = None) -> Action:
    return Action(
        id=row.id,
        meeting_id=row.meeting_id,
        text=row.text,
        organisation=row.organisation,
        due_on=row.due_on,
        status=row.status,
        updated_at=row.updated_at,
        meeting=(labels or {}).get(row.meeting_id),
    )


def as_frame(found: list[Action], lang: str, today: date) -> pd.DataFrame:
    """Actions as a reader gets them on screen and in a file: headers and statuses in
    the reader's language, the meeting by date and title, overdue ones marked."""
    lang = normalise_language(lang)
    columns = ("meeting", "text", "organisation", "due_on", "status", "overdue")
    rows = [
        (
            f"{fmt_date(action.meeting.held_on, lang)} · {action.meeting.title}"
            if action.meeting
            else "–",
            action.text,
            organisations.organisation(action.organisation).name(lang),
            fmt_date(action.due_on, lang),
            t(f"roadmap.action.status.{action.status}", lang),
            t("roadmap.action.overdue", lang) if action.overdue(today) else "",
        )
        for action in found
    ]
    frame = pd.DataFrame(
        rows, columns=[t(f"roadmap.action.column.{name}", lang) for name in columns]
    )
    frame.attrs = {"indicator": "action_points", "filters": Filters()}
    return frame


def _detail(action: ActionInput) -> dict[str, object]:
    return {
        "meeting_id": action.meeting_id,
        "text": action.text,
        "organisation": action.organisation,
        "due_on": action.due_on.isoformat(),
    }
