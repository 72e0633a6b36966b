"""The audit log: who signed in, failed, signed out, downloaded or imported what, and when."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Engine, insert

from data_access.models import AuditEntry
from data_access.users import now


def record(
    engine: Engine,
    action: str,
    username: str | None,
    detail: dict[str, Any] | None = None,
    client_address: str | None = None,
) -> None:
    """Write one entry in its own transaction, so it survives a failure of the caller's."""
    with engine.begin() as connection:
        connection.execute(
            insert(AuditEntry).values(
                at=now(),
                username=username,
                action=action,
                detail=json.dumps(detail, ensure_ascii=False, default=str) if detail else None,
                client_address=client_address,
            )
        )
