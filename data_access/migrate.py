"""Schema migrations, run from code so the app, the CLI and the tests share one path."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from data_access.db import normalise_url

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
CURRENT, OUTDATED, UNINITIALISED, NEWER = "current", "outdated", "uninitialised", "newer"


def alembic_config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option(
        "sqlalchemy.url", engine.url.render_as_string(hide_password=False).replace("%", "%%")
    )
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    with engine.begin() as connection:
        config = alembic_config(engine)
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def downgrade(engine: Engine, revision: str = "base") -> None:
    with engine.begin() as connection:
        config = alembic_config(engine)
        config.attributes["connection"] = connection
        command.downgrade(config, revision)


def schema_state(url: str) -> str:
    """`CURRENT`, `OUTDATED`, `UNINITIALISED` or `NEWER` (migrated by a later version of
    the app), found without creating anything: a SQLite file that does not exist is not
    opened, since opening it would create it (and `make_engine` its folder). Connection
    errors are the caller's to report."""
    parsed = make_url(normalise_url(url))
    if parsed.get_backend_name() == "sqlite":
        path = parsed.database
        if not path or path == ":memory:" or not Path(path).is_file():
            return UNINITIALISED
    engine = create_engine(parsed, poolclass=NullPool)
    try:
        with engine.connect() as connection:
            found = MigrationContext.configure(connection).get_current_revision()
    finally:
        engine.dispose()
    if found is None:
        return UNINITIALISED
    scripts = ScriptDirectory(str(MIGRATIONS_DIR))
    if found == scripts.get_current_head():
        return CURRENT
    known = {script.revision for script in scripts.walk_revisions()}
    return OUTDATED if found in known else NEWER
