"""The import history: every file loaded, refused or found to change nothing."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, select

from data_access.models import ImportBatch
from data_access.scope import Scope, require


@dataclass(frozen=True)
class HistoryEntry:
    batch_id: int
    imported_at: datetime
    file_name: str
    kind: str
    format_name: str | None
    rows: int
    status: str
    imported_by: str
    checksum: str
    counts: dict[str, int]
    errors: int
    failure: str | None
    first_problems: list[str]


def _details(message: str | None) -> dict[str, Any]:
    if not message:
        return {}
    try:
        found = json.loads(message)
    except ValueError:
        return {"failure": message}
    return found if isinstance(found, dict) else {}


def import_history(engine: Engine, scope: Scope, limit: int = 200) -> list[HistoryEntry]:
    """Newest first."""
    require(scope, "import_data")
    with engine.connect() as connection:
        rows = connection.execute(
            select(ImportBatch)
            .order_by(ImportBatch.imported_at.desc(), ImportBatch.id.desc())
            .limit(limit)
        ).all()
    entries = []
    for row in rows:
        details = _details(row.message)
        entries.append(
            HistoryEntry(
                batch_id=row.id,
                imported_at=row.imported_at,
                file_name=row.file_name,
                kind=row.kind,
                format_name=details.get("format"),
                rows=row.rows,
                status=row.status,
                imported_by=row.imported_by,
                checksum=row.checksum,
                counts=details.get("counts") or {},
                errors=int(details.get("errors") or 0),
                failure=details.get("failure"),
                first_problems=list(details.get("first_problems") or []),
            )
        )
    return entries
