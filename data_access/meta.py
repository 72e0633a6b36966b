"""Database-wide facts: the data version (bumped by every import, read by every app
process to know its caches are stale) and whether synthetic data is present."""

from __future__ import annotations

from sqlalchemy import Connection, Engine, exists, select, text

from data_access.models import AppMeta, Dataset, Factory

DATA_VERSION_KEY = "data_version"


def data_version(engine: Engine) -> int:
    with engine.connect() as connection:
        value = connection.scalar(select(AppMeta.value).where(AppMeta.key == DATA_VERSION_KEY))
    return int(value) if value is not None else 0


def bump_data_version(connection: Connection) -> None:
    """Called inside the import's own transaction, so the bump lands with the data or not at all.

    The summaries that depend on more than one assessment (`point_counts`) are rebuilt
    here, in the same transaction, because this is the one call every writer makes."""
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

    refresh_point_counts(connection)


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
