"""Every command on a database `init-db` has not prepared says what to run, exits
non-zero and creates nothing: no SQLite file (nor its folder), no PostgreSQL table."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, inspect, text
from sqlalchemy.engine import make_url

from data_access import cli, migrate
from data_access.db import make_engine
from tests.conftest import PostgresServer

#: One invocation of every command that needs the schema (the parser's own list is the
#: reference: a command added later without a line here fails the completeness test).
COMMANDS: dict[str, list[str]] = {
    "add-user": ["add-user", "someone", "--role", "admin", "--password-stdin"],
    "set-password": ["set-password", "someone", "--password-stdin"],
    "deactivate-user": ["deactivate-user", "someone"],
    "revoke-sessions": ["revoke-sessions", "someone"],
    "unlock": ["unlock", "someone"],
    "check-startup": ["check-startup"],
    "import": ["import", "FILE"],
    "import-template": ["import-template", "assessments", "--example", "-o", "OUT"],
    "import-history": ["import-history"],
    "remove-demo-data": ["remove-demo-data", "--yes"],
}
NOT_INITIALISED = "is not initialised: run `python -m data_access.cli init-db` first."


def _subcommands() -> set[str]:
    parser = cli.build_parser()
    action = next(a for a in parser._actions if a.dest == "command")
    return set(action.choices)  # type: ignore[arg-type]


def test_every_command_is_either_guarded_or_builds_the_schema_itself() -> None:
    assert set(COMMANDS) | cli.WITHOUT_SCHEMA == _subcommands()
    assert not set(COMMANDS) & cli.WITHOUT_SCHEMA


def _run(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> tuple[int, str, str, Path]:
    data = tmp_path / "findings.csv"
    data.write_text("factory_code\r\nX\r\n", encoding="utf-8")
    output = tmp_path / "out" / "template.csv"
    argv = [
        str(data) if arg == "FILE" else str(output) if arg == "OUT" else arg
        for arg in COMMANDS[name]
    ]
    code = cli.main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err, output


def _nothing_created(url: str) -> bool:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return not Path(parsed.database or "").parent.exists()  # neither file nor folder
    engine = make_engine(url)
    try:
        return inspect(engine).get_table_names() == []
    finally:
        engine.dispose()


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_on_a_database_init_db_never_prepared_each_command_says_run_init_db(
    name: str,
    blank_db_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("DATABASE_URL", blank_db_url)

    code, out, err, output = _run(name, tmp_path, capsys)

    shown = make_url(blank_db_url).render_as_string(hide_password=True)
    assert (code, out) == (2, "")
    assert err == f"error: The database {shown} {NOT_INITIALISED}\n"
    assert _nothing_created(blank_db_url)
    assert not output.parent.exists()


def test_a_database_at_an_older_schema_is_sent_to_init_db_and_left_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    database = tmp_path / "old.db"
    engine = make_engine(f"sqlite:///{database}")
    migrate.upgrade(engine, "0001")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{database}")

    assert cli.main(["import-history"]) == 2
    assert "has an older schema: run `python -m data_access.cli init-db` to upgrade it." in (
        capsys.readouterr().err
    )
    assert migrate.schema_state(f"sqlite:///{database}") == migrate.OUTDATED

    assert cli.main(["init-db"]) == 0
    assert migrate.schema_state(f"sqlite:///{database}") == migrate.CURRENT
    assert cli.main(["import-history"]) == 0
    engine.dispose()


def test_an_empty_sqlite_file_left_by_an_earlier_version_is_not_initialised(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    database = tmp_path / "tripartite.db"
    database.touch()
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{database}")

    assert cli.main(["import-template", "factories", "-o", str(tmp_path / "t.csv")]) == 2
    assert NOT_INITIALISED in capsys.readouterr().err
    assert database.stat().st_size == 0
    assert not (tmp_path / "t.csv").exists()


def test_a_postgresql_database_that_does_not_exist_is_named_not_a_traceback(
    postgres_server: PostgresServer,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    url = postgres_server.url_for(f"{postgres_server.prefix}_never_created")
    monkeypatch.setenv("DATABASE_URL", url)

    assert cli.main(["import-history"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: Cannot open the database {url}: ")
    assert "does not exist" in err and "Traceback" not in err


def test_a_database_migrated_by_a_newer_version_is_not_touched(
    sqlite_engine: Engine, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with sqlite_engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    url = sqlite_engine.url.render_as_string(hide_password=False)
    monkeypatch.setenv("DATABASE_URL", url)

    assert cli.main(["import-history"]) == 2
    assert capsys.readouterr().err == (
        f"error: The database {url} was upgraded by a newer version of the app: update this one.\n"
    )
    assert migrate.schema_state(url) == migrate.NEWER
