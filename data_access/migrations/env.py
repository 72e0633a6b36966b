"""Alembic environment: runs against the connection `data_access.migrate` hands it.

Batch mode is on so that later ALTERs also work on SQLite, which cannot alter
constraints in place.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from data_access.db import make_engine
from data_access.models import Base

config = context.config


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=True,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    engine = make_engine(config.get_main_option("sqlalchemy.url"))
    with engine.connect() as fresh:
        _run(fresh)
