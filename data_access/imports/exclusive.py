"""One import at a time, and the second person told who is importing and since when.

Two imports at once used to race: on SQLite the later one waited for the write lock
and failed with "database is locked", on PostgreSQL it could fail on a unique key
half-way through its own transaction. Both rolled back, so nothing was half-written,
but the person saw a raw database error. Now an import claims the database first and
the second one is refused before it starts, with who holds it and since when.

- PostgreSQL: a session advisory lock on a connection held for the import. The
  server releases it if the process dies, so it can never be left behind.
- SQLite (one machine): a row in `app_meta` inserted in its own transaction (the
  primary key lets only one insert win), naming the process that holds it; a row left
  by a process that no longer runs on this machine is taken over.

In both cases the `app_meta` row (`import_running`) says who and since when; it is
written in its own committed transaction so the other person can read it while the
import's own transaction is still open.
"""

from __future__ import annotations

import json
import os
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, Engine, delete, insert, select, text
from sqlalchemy.exc import IntegrityError

from data_access.models import AppMeta
from data_access.users import now

HOLDER_KEY = "import_running"
#: Any constant the application uses for nothing else ("tdim", as an integer).
ADVISORY_KEY = 0x7464696D


@dataclass(frozen=True)
class ImportHolder:
    """Who is importing, since when (UTC), and which process on which machine."""

    username: str
    started: datetime
    pid: int
    host: str

    def to_json(self) -> str:
        return json.dumps(
            {
                "username": self.username,
                "started": self.started.isoformat(),
                "pid": self.pid,
                "host": self.host,
            }
        )

    @classmethod
    def from_json(cls, value: str) -> ImportHolder | None:
        try:
            data = json.loads(value)
            return cls(
                str(data["username"]),
                datetime.fromisoformat(data["started"]),
                int(data["pid"]),
                str(data["host"]),
            )
        except (ValueError, KeyError, TypeError):
            return None

    def gone(self) -> bool:
        """True when this holder was a process on this machine that no longer runs."""
        if self.host != socket.gethostname():
            return False
        try:
            os.kill(self.pid, 0)
        except ProcessLookupError:
            return True
        except PermissionError:
            return False
        return False


class ImportBusy(Exception):
    """Another import holds the database; `holder` says whose, when it could be read."""

    def __init__(self, holder: ImportHolder | None) -> None:
        super().__init__("Another import is running.")
        self.holder = holder


def _read_holder(connection: Connection) -> tuple[str | None, ImportHolder | None]:
    raw = connection.scalar(select(AppMeta.value).where(AppMeta.key == HOLDER_KEY))
    return raw, (ImportHolder.from_json(raw) if raw is not None else None)


def current_holder(engine: Engine) -> ImportHolder | None:
    with engine.connect() as connection:
        return _read_holder(connection)[1]


def _write_holder(engine: Engine, holder: ImportHolder) -> None:
    with engine.begin() as connection:
        connection.execute(delete(AppMeta).where(AppMeta.key == HOLDER_KEY))
        connection.execute(insert(AppMeta).values(key=HOLDER_KEY, value=holder.to_json()))


def _clear_holder(engine: Engine, holder: ImportHolder) -> None:
    with engine.begin() as connection:
        connection.execute(
            delete(AppMeta).where(AppMeta.key == HOLDER_KEY, AppMeta.value == holder.to_json())
        )


def _claim_sqlite(engine: Engine, holder: ImportHolder) -> None:
    """Insert the holder row, or raise ImportBusy naming whoever has it. Read first:
    while another import writes, an insert would wait for SQLite's write lock."""
    for _ in range(3):
        with engine.connect() as connection:
            raw, found = _read_holder(connection)
        if raw is not None:
            if found is not None and not found.gone():
                raise ImportBusy(found)
            with engine.begin() as connection:  # left by a process that died
                connection.execute(
                    delete(AppMeta).where(AppMeta.key == HOLDER_KEY, AppMeta.value == raw)
                )
            continue
        try:
            with engine.begin() as connection:
                connection.execute(insert(AppMeta).values(key=HOLDER_KEY, value=holder.to_json()))
        except IntegrityError:
            continue  # another import inserted first: read who it is
        return
    raise ImportBusy(current_holder(engine))


@contextmanager
def one_import_at_a_time(engine: Engine, username: str | None) -> Iterator[ImportHolder]:
    """Hold the database's import slot for the body; ImportBusy if another import has it."""
    holder = ImportHolder((username or "unknown")[:100], now(), os.getpid(), socket.gethostname())
    if engine.dialect.name != "postgresql":
        _claim_sqlite(engine, holder)
        try:
            yield holder
        finally:
            _clear_holder(engine, holder)
        return
    with engine.connect() as lock:
        got = bool(lock.scalar(text("SELECT pg_try_advisory_lock(:key)"), {"key": ADVISORY_KEY}))
        lock.commit()
        if not got:
            raise ImportBusy(current_holder(engine))
        try:
            _write_holder(engine, holder)
            try:
                yield holder
            finally:
                _clear_holder(engine, holder)
        finally:
            lock.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": ADVISORY_KEY})
            lock.commit()
