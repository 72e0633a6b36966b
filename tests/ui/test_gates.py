"""What the app shows instead of pages when it must not serve them: a database that is
down, a configuration it refuses to start with, and a page run without a context."""

from __future__ import annotations

import pytest

from data_access.i18n import t
from tests.pages.harness import all_text, run_page
from tests.ui.conftest import new_app, reset_caches


@pytest.fixture
def clean_env(monkeypatch, tmp_path):
    monkeypatch.setenv("TD_SECRETS_FILE", str(tmp_path / "none.toml"))
    for name in ("TD_PRODUCTION", "TD_COOKIE_KEY", "TD_OIDC_PROVIDER", "TD_OIDC_ROLES"):
        monkeypatch.delenv(name, raising=False)
    reset_caches()
    yield monkeypatch
    reset_caches()


def test_database_down_gives_a_clear_page(clean_env):
    clean_env.setenv("DATABASE_URL", "postgresql://nobody@127.0.0.1:9/nothing")
    at = new_app().run()
    assert not at.exception
    assert [str(e.value) for e in at.error] == [t("shell.db_down.title", "vi")]
    assert "nobody" not in all_text(at), "no connection detail reaches the browser"
    assert not at.text_input, "no sign-in form while the database is down"


def test_production_refuses_to_start_while_demo_users_are_active(clean_env, app_engine):
    clean_env.setenv("DATABASE_URL", app_engine.url.render_as_string(hide_password=False))
    clean_env.setenv("TD_PRODUCTION", "1")
    clean_env.setenv("TD_COOKIE_KEY", "T8o1Zr6Lq0Xw3Vb5Nc2Mk9Jh4Gf7Ds-_aPeUiYt")
    at = new_app({"lang": "en"}).run()
    assert not at.exception
    assert [str(e.value) for e in at.error] == [t("shell.startup.refused", "en")]
    assert "molisa.demo" in all_text(at)
    assert not at.text_input


@pytest.mark.parametrize("key", [None, "some_key"])
def test_a_real_database_refuses_a_missing_or_default_key(clean_env, sqlite_engine, key):
    clean_env.setenv("DATABASE_URL", sqlite_engine.url.render_as_string(hide_password=False))
    if key:
        clean_env.setenv("TD_COOKIE_KEY", key)
    at = new_app().run()
    assert [str(e.value) for e in at.error] == [t("shell.startup.refused", "vi")]
    assert not at.text_input


def test_demo_database_without_a_key_still_signs_in(clean_env, app_engine):
    clean_env.setenv("DATABASE_URL", app_engine.url.render_as_string(hide_password=False))
    at = new_app().run()
    assert not at.error and at.text_input(key="td_login_username")


def test_a_page_run_without_a_context_shows_only_the_sign_in_notice():
    at = run_page("pages/about.py", role=None)
    assert [str(e.value) for e in at.error] == [
        f"{t('shell.sign_in_first', 'vi')} / {t('shell.sign_in_first', 'en')}"
    ]
    assert not at.title and not at.dataframe
