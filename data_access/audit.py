"""The audit log: who signed in, failed, signed out, downloaded or imported what, and when."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Engine, insert, select

from data_access.models import AuditEntry
from data_access.users import now


@dataclass(frozen=True)
class Entry:
    at: datetime
    username: str | None
    action: str
    detail: dict[str, Any]
    client_address: str | None


def record(
    engine: Engine,
    action: str,
    username: str | None,
    detail: dict[str, Any] | None = None,
    client_address: str | None = None,
    at: datetime | None = None,
) -> None:
    """Write one entry in its own transaction, so it survives a failure of the caller's."""
    with engine.begin() as connection:
        record_with(connection, action, username, detail, client_address, at)


def record_with(
    connection: Connection,
    action: str,
    username: str | None,
    detail: dict[str, Any] | None = None,
    client_address: str | None = None,
    at: datetime | None = None,
) -> None:
    """Write one entry in the caller's transaction: for a change of shared records
    (roadmap targets, action points), which is made and logged together or not at all."""
    connection.execute(
        insert(AuditEntry).values(
            at=at or now(),
            username=username,
            action=action,
            detail=json.dumps(detail, ensure_ascii=False, default=str) if detail else None,
            client_address=client_address,
        )
    )


def recorded_since(
    engine: Engine,
    action: str,
    since: datetime,
    username: str | None,
    client_address: str | None,
) -> bool:
    """Whether an entry of `action` for exactly this username and address (None
    matching only None) was written after `since`: to say a thing once, not at every
    repetition."""
    with engine.connect() as connection:
        found = connection.scalar(
            select(AuditEntry.id)
            .where(
                AuditEntry.action == action,
                AuditEntry.at > since,
                AuditEntry.username.is_(None)
                if username is None
                else AuditEntry.username == username,
                AuditEntry.client_address.is_(None)
                if client_address is None
                else AuditEntry.client_address == client_address,
            )
            .limit(1)
        )
    return found is not None


def entries(engine: Engine, action: str, since: datetime) -> list[Entry]:
    """The entries of `action` written after `since`, newest first."""
    with engine.connect() as connection:
        rows = connection.execute(
            select(AuditEntry)
            .where(AuditEntry.action == action, AuditEntry.at > since)
            .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
        ).all()
    return [
        Entry(
            row.at,
            row.username,
            row.action,
            json.loads(row.detail) if row.detail else {},
            row.client_address,
        )
        for row in rows
    ]
