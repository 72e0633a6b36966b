"""Start-up refusals: no default or weak cookie key outside demo mode, no active demo
account in production mode, and a random per-process key for a demo without one."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from data_access.auth.startup import (
    KNOWN_DEFAULT_KEYS,
    StartupRefused,
    check_startup,
    key_problem,
)
from data_access.bootstrap import create_demo_users
from data_access.config import Settings
from data_access.db import session_scope
from data_access.models import Dataset, Factory
from data_access.users import deactivate_user

GOOD_KEY = "Zq3v9Xw2LmT8pR4sN6yB1cK7hJ5gF0dA-_eUoIiQ"


def add_synthetic_factory(engine) -> None:
    with session_scope(engine) as session:
        dataset = Dataset(name="demo", synthetic=True, created_at=datetime(2026, 1, 1))
        session.add(dataset)
        session.flush()
        session.add(
            Factory(
                code="F1",
                name="Demo factory",
                sector_code="garment",
                province_code="01",
                size_band="lt500",
                workers_total=100,
                workers_women=60,
                joined_on=date(2020, 1, 1),
                dataset_id=dataset.id,
            )
        )


@pytest.mark.parametrize(
    ("key", "problem"),
    [
        (None, "missing"),
        ("   ", "missing"),
        ("some_key", "default"),
        ("SOME_SIGNATURE_KEY", "default"),
        ("short-but-random-9f3", "short"),
        ("a" * 40, "weak"),
        ("abababababababababababababababababab", "weak"),
        (GOOD_KEY, None),
    ],
)
def test_key_problems(key, problem):
    assert key_problem(key) == problem


def test_the_librarys_default_is_known():
    assert "some_key" in KNOWN_DEFAULT_KEYS


@pytest.mark.parametrize("key", [None, "some_key", "too-short", "x" * 64])
def test_production_refuses_a_missing_or_default_key(sqlite_engine, key):
    with pytest.raises(StartupRefused) as refusal:
        check_startup(sqlite_engine, Settings(cookie_key=key, production=True))
    assert refusal.value.reason.startswith("key_")


def test_a_real_database_outside_production_also_needs_a_key(engine):
    """No synthetic data and no demo accounts: not a demo, whatever TD_PRODUCTION says."""
    with pytest.raises(StartupRefused) as refusal:
        check_startup(engine, Settings(cookie_key=None, production=False))
    assert refusal.value.reason == "key_missing"


def test_production_refuses_while_a_demo_user_is_active(engine):
    create_demo_users(engine)
    with pytest.raises(StartupRefused) as refusal:
        check_startup(engine, Settings(cookie_key=GOOD_KEY, production=True))
    assert refusal.value.reason == "demo_users"
    assert "molisa.demo" in refusal.value.detail["users"]

    with session_scope(engine) as session:
        for name in ("molisa.demo", "vcci.demo", "vgcl.demo", "ilo.demo", "admin.demo"):
            deactivate_user(session, name)
    report = check_startup(engine, Settings(cookie_key=GOOD_KEY, production=True))
    assert report.cookie_key == GOOD_KEY and not report.demo_mode


def test_demo_mode_without_a_key_generates_a_random_one(sqlite_engine, caplog):
    add_synthetic_factory(sqlite_engine)
    first = check_startup(sqlite_engine, Settings(cookie_key=None))
    second = check_startup(sqlite_engine, Settings(cookie_key="some_key"))
    assert first.demo_mode and first.key_generated
    assert key_problem(first.cookie_key) is None
    assert first.cookie_key != second.cookie_key != "some_key"
    assert "random key was generated" in caplog.text


def test_demo_mode_with_a_good_key_uses_it(sqlite_engine):
    create_demo_users(sqlite_engine)
    report = check_startup(sqlite_engine, Settings(cookie_key=GOOD_KEY))
    assert report.demo_mode and not report.key_generated and report.cookie_key == GOOD_KEY


def test_oidc_mapping_to_a_role_that_does_not_exist_is_refused(sqlite_engine, monkeypatch):
    monkeypatch.setenv("TD_OIDC_PROVIDER", "ministry")
    monkeypatch.setenv("TD_OIDC_ROLES", "dashboard-admins=superuser")
    with pytest.raises(StartupRefused) as refusal:
        check_startup(sqlite_engine, Settings(cookie_key=GOOD_KEY))
    assert refusal.value.reason == "oidc_config"
