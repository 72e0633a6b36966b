"""The operator's sign-in commands: lift a lock, end a person's sessions, and ask whether
the app would start."""

from __future__ import annotations

from datetime import timedelta

import pytest

from data_access.auth import throttle
from data_access.auth.sessions import current_user
from data_access.auth.throttle import USERNAME_RULE
from data_access.bootstrap import create_demo_users
from data_access.cli import main
from data_access.config import settings
from data_access.users import now

GOOD_KEY = "Zq3v9Xw2LmT8pR4sN6yB1cK7hJ5gF0dA-_eUoIiQ"


@pytest.fixture
def cli_engine(engine, monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_URL", engine.url.render_as_string(hide_password=False))
    monkeypatch.setenv("TD_SECRETS_FILE", str(tmp_path / "none.toml"))
    monkeypatch.delenv("TD_PRODUCTION", raising=False)
    monkeypatch.delenv("TD_COOKIE_KEY", raising=False)
    settings.cache_clear()
    create_demo_users(engine)
    yield engine
    settings.cache_clear()


def test_unlock_lifts_the_slowdown(cli_engine, capsys):
    moment = now()
    for n in range(USERNAME_RULE.free_failures):
        throttle.record(
            cli_engine, "vcci.demo", "192.0.2.1", False, at=moment - timedelta(seconds=n)
        )
    assert not throttle.check(cli_engine, "vcci.demo", "192.0.2.5").allowed
    assert main(["unlock", "vcci.demo"]) == 0
    assert throttle.check(cli_engine, "vcci.demo", "192.0.2.5").allowed
    assert f"Cleared {USERNAME_RULE.free_failures}" in capsys.readouterr().out
    assert main(["unlock"]) == 2


def test_revoke_sessions_ends_them(cli_engine):
    assert current_user(cli_engine, "ilo.demo", 1) is not None
    assert main(["revoke-sessions", "ilo.demo"]) == 0
    assert current_user(cli_engine, "ilo.demo", 1) is None
    assert main(["revoke-sessions", "nobody"]) == 2


def test_check_startup_exit_codes(cli_engine, monkeypatch, capsys):
    assert main(["check-startup"]) == 0
    assert "demo mode (random per-process cookie key)" in capsys.readouterr().out
    monkeypatch.setenv("TD_PRODUCTION", "1")
    monkeypatch.setenv("TD_COOKIE_KEY", GOOD_KEY)
    settings.cache_clear()
    assert main(["check-startup"]) == 1
    assert "demonstration accounts are active" in capsys.readouterr().err
