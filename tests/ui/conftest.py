"""The whole app under AppTest: a small database (reference data, the demo accounts, one
synthetic factory with one assessment), the environment pointing at it, and a helper
that signs in through the real form.

`AppTest.from_string` runs `app.py`'s own source from a temporary folder: run from the
repository, Streamlit would see the `pages/` folder and (AppTest resets its mode on
every run) fall back to its legacy folder-based navigation instead of `st.navigation`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
import streamlit as st
from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest

from data_access.bootstrap import create_demo_users
from data_access.config import REPO_ROOT, settings
from data_access.db import session_scope
from data_access.models import Assessment, Dataset, Factory

COOKIE_KEY = "T8o1Zr6Lq0Xw3Vb5Nc2Mk9Jh4Gf7Ds-_aPeUiYt"
DEMO_PASSWORDS = {
    "molisa": ("molisa.demo", "demo-molisa-2026"),
    "vcci": ("vcci.demo", "demo-vcci-2026"),
    "vgcl": ("vgcl.demo", "demo-vgcl-2026"),
    "ilo": ("ilo.demo", "demo-ilo-2026"),
    "admin": ("admin.demo", "demo-admin-2026"),
}
LAST_ASSESSMENT = date(2025, 6, 30)


def add_synthetic_assessment(engine: Engine) -> None:
    with session_scope(engine) as session:
        dataset = Dataset(name="demo", synthetic=True, created_at=datetime(2026, 1, 1))
        session.add(dataset)
        session.flush()
        factory = Factory(
            code="F-DEMO-1",
            name="Invented Garment Co.",
            sector_code="garment",
            province_code="01",
            size_band="lt500",
            workers_total=320,
            workers_women=250,
            joined_on=date(2019, 1, 1),
            dataset_id=dataset.id,
        )
        session.add(factory)
        session.flush()
        session.add(
            Assessment(
                factory_id=factory.id,
                assessed_on=LAST_ASSESSMENT,
                cycle=1,
                assessment_type="annual",
                dataset_id=dataset.id,
            )
        )


@pytest.fixture
def app_engine(sqlite_engine: Engine) -> Engine:
    create_demo_users(sqlite_engine)
    add_synthetic_assessment(sqlite_engine)
    return sqlite_engine


def reset_caches() -> None:
    settings.cache_clear()
    st.cache_data.clear()
    st.cache_resource.clear()


@pytest.fixture
def app_env(app_engine: Engine, monkeypatch: pytest.MonkeyPatch) -> Iterator[Engine]:
    url = app_engine.url.render_as_string(hide_password=False)
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("TD_COOKIE_KEY", COOKIE_KEY)
    monkeypatch.setenv("TD_SECRETS_FILE", str(REPO_ROOT / "tests" / "no-such-secrets.toml"))
    for name in ("TD_PRODUCTION", "TD_OIDC_PROVIDER", "TD_OIDC_ROLES", "TD_OIDC_ROLE_CLAIM"):
        monkeypatch.delenv(name, raising=False)
    reset_caches()
    yield app_engine
    reset_caches()


def new_app(query: dict[str, str | list[str]] | None = None) -> AppTest:
    source = (REPO_ROOT / "app.py").read_text(encoding="utf-8")
    at = AppTest.from_string(source, default_timeout=120)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    return at


def submit_sign_in(at: AppTest, username: str, password: str) -> AppTest:
    at.text_input(key="td_login_username").input(username)
    at.text_input(key="td_login_password").input(password)
    return at.button(key="td_sign_in_submit").click().run()


@pytest.fixture
def signed_in(app_env: Engine) -> Callable[..., AppTest]:
    """`signed_in("vgcl", query={...})`: the app after a real sign-in through the form."""

    def sign_in(role: str, query: dict[str, str | list[str]] | None = None) -> AppTest:
        at = new_app(query).run()
        username, password = DEMO_PASSWORDS[role]
        return submit_sign_in(at, username, password)

    return sign_in


def page_file(key: str) -> Path:
    from ui.navigation import PAGES_BY_KEY

    return PAGES_BY_KEY[key].file
