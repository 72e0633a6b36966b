"""Database-wide facts: the data version (bumped by every import, read by every app
process to know its caches are stale) and whether synthetic data is present.

A data function asks for the data version several times (the reference data, the
disclosure cube, the summary tables' stamps each check it): one round trip each, more
than the figure's own query costs. `pinned(engine)` reads every `app_meta` fact in one
query and answers those questions from it until the block ends, which also means one
request sees one data version throughout.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, exists, insert, select, text

from data_access.models import AppMeta, Dataset, Factory

DATA_VERSION_KEY = "data_version"


@dataclass(frozen=True)
class MetaSnapshot:
    """Every `app_meta` value of one database, read at one moment."""

    url: str
    values: Mapping[str, str]

    @property
    def data_version(self) -> int:
        value = self.values.get(DATA_VERSION_KEY)
        return int(value) if value is not None else 0


_PINNED: ContextVar[MetaSnapshot | None] = ContextVar("pinned_meta", default=None)


def _url(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=True)


def _read_meta(connection: Connection) -> dict[str, str]:
    return {key: value for key, value in connection.execute(select(AppMeta.key, AppMeta.value))}


@contextmanager
def pinned(engine: Engine) -> Iterator[MetaSnapshot]:
    """Answer `data_version` and `meta_values` for `engine` from one read for the
    duration of the block (read-only work only: a write inside would not be seen).
    Nested pins of the same database reuse the outer one."""
    url = _url(engine)
    current = _PINNED.get()
    if current is not None and current.url == url:
        yield current
        return
    with engine.connect() as connection:
        snapshot = MetaSnapshot(url, _read_meta(connection))
    token = _PINNED.set(snapshot)
    try:
        yield snapshot
    finally:
        _PINNED.reset(token)


def meta_values(connection: Connection) -> Mapping[str, str]:
    """The `app_meta` values: the pinned snapshot's when one is pinned for this
    database, else read now on `connection`."""
    current = _PINNED.get()
    if current is not None and current.url == _url(connection.engine):
        return current.values
    return _read_meta(connection)


def data_version(engine: Engine) -> int:
    current = _PINNED.get()
    if current is not None and current.url == _url(engine):
        return current.data_version
    with engine.connect() as connection:
        value = connection.scalar(select(AppMeta.value).where(AppMeta.key == DATA_VERSION_KEY))
    return int(value) if value is not None else 0


def set_meta(connection: Connection, key: str, value: str) -> None:
    """Insert or replace one `app_meta` value (in the caller's transaction)."""
    updated = connection.execute(
        text("UPDATE app_meta SET value = :value WHERE key = :key"), {"key": key, "value": value}
    )
    if updated.rowcount == 0:
        connection.execute(insert(AppMeta).values(key=key, value=value))


def bump_data_version(connection: Connection) -> None:
    """Called inside the import's own transaction, so the bump lands with the data or not at all.

    The summaries that depend on more than one assessment (`point_counts`,
    `programme_counts`) are rebuilt here, in the same transaction, because this is the
    one call every writer makes."""
    updated = connection.execute(
        text(
            "UPDATE app_meta SET value = CAST(CAST(value AS INTEGER) + 1 AS VARCHAR(20)) "
            "WHERE key = :key"
        ),
        {"key": DATA_VERSION_KEY},
    )
    if updated.rowcount == 0:
        connection.execute(
            text("INSERT INTO app_meta (key, value) VALUES (:key, '1')"), {"key": DATA_VERSION_KEY}
        )
    # Imported here: the indicators import this module.
    from data_access.indicators.point_counts import refresh_point_counts
    from data_access.indicators.programme_summary import refresh_programme_counts

    refresh_point_counts(connection)
    refresh_programme_counts(connection)


def has_synthetic_data(engine: Engine) -> bool:
    """True while any factory of a synthetic dataset remains: the banner's condition."""
    with engine.connect() as connection:
        return bool(
            connection.scalar(
                select(
                    exists().where(Factory.dataset_id == Dataset.id, Dataset.synthetic.is_(True))
                )
            )
        )
