"""Shared fixtures: fresh, migrated databases on SQLite and on a real PostgreSQL server.

Each test gets its own database. SQLite databases are copies of one file migrated
once per worker; PostgreSQL databases are cloned from a template migrated once per
worker (`CREATE DATABASE ... TEMPLATE` is much faster than migrating again), and
every database this run created is dropped at the end.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

from data_access.bootstrap import prepare_schema
from data_access.db import make_engine, normalise_url

DEFAULT_SERVER_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
BACKENDS = ("sqlite", "postgresql")


def _server_url() -> str:
    return os.environ.get("TEST_DATABASE_URL") or DEFAULT_SERVER_URL


def _admin_engine(server_url: str) -> Engine:
    return create_engine(normalise_url(server_url), isolation_level="AUTOCOMMIT")


def _pg_reachable(server_url: str) -> str | None:
    try:
        engine = _admin_engine(server_url)
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        engine.dispose()
        return None
    except Exception as error:
        return f"{type(error).__name__}: {error}".splitlines()[0]


class PostgresServer:
    """Creates and drops this run's databases on the test server."""

    def __init__(self, server_url: str) -> None:
        self.server_url = server_url
        self.admin = _admin_engine(server_url)
        self.prefix = f"td_test_{uuid.uuid4().hex[:8]}"
        self.created: list[str] = []
        self.template: str | None = None

    def url_for(self, name: str) -> str:
        return (
            make_url(normalise_url(self.server_url))
            .set(database=name)
            .render_as_string(hide_password=False)
        )

    def create(self, template: str | None = None) -> str:
        name = f"{self.prefix}_{len(self.created)}"
        clause = f" TEMPLATE {template}" if template else ""
        with self.admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"{clause}'))
        self.created.append(name)
        return name

    def migrated_template(self) -> str:
        if self.template is None:
            name = self.create()
            engine = make_engine(self.url_for(name))
            prepare_schema(engine)
            engine.dispose()
            self.template = name
        return self.template

    def fresh_url(self) -> str:
        return self.url_for(self.create(template=self.migrated_template()))

    def drop_all(self) -> None:
        with self.admin.connect() as connection:
            for name in reversed(self.created):
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        self.admin.dispose()


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    server_url = _server_url()
    problem = _pg_reachable(server_url)
    if problem:
        message = f"PostgreSQL test server not reachable at {server_url}: {problem}"
        if os.environ.get("CI") == "true":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    server = PostgresServer(server_url)
    yield server
    server.drop_all()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("sqlite-template") / "template.db"
    engine = make_engine(f"sqlite:///{path}")
    prepare_schema(engine)
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return path


def fresh_database_url(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A migrated database holding reference data and nothing else."""
    if backend == "sqlite":
        template: Path = request.getfixturevalue("sqlite_template")
        target = tmp_path / f"test-{uuid.uuid4().hex[:6]}.db"
        shutil.copyfile(template, target)
        return f"sqlite:///{target}"
    server: PostgresServer = request.getfixturevalue("postgres_server")
    return server.fresh_url()


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Parametrised over both backends: every data-layer test runs on both."""
    return fresh_database_url(request.param, request, tmp_path)


@pytest.fixture(params=BACKENDS)
def blank_db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A database nothing has touched yet: on SQLite a file (and folder) that does not
    exist, on PostgreSQL an empty database. Parametrised over both backends."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'data' / 'tripartite.db'}"
    server: PostgresServer = request.getfixturevalue("postgres_server")
    return server.url_for(server.create())


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    engine = make_engine(db_url)
    yield engine
    engine.dispose()


@pytest.fixture
def sqlite_engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """SQLite only, for tests whose subject does not depend on the backend."""
    engine = make_engine(fresh_database_url("sqlite", request, tmp_path))
    yield engine
    engine.dispose()
