"""Signing in: one outcome for every refusal, the same bcrypt work for unknown users,
the throttle in front, and every attempt in the audit log."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from data_access.auth import login, throttle
from data_access.auth.login import Outcome, sign_in
from data_access.auth.throttle import PAIR_RULE, USERNAME_RULE
from data_access.db import session_scope
from data_access.models import AuditEntry, LoginAttempt
from data_access.users import add_user, deactivate_user

ADDRESS = "192.0.2.10"
PASSWORD = "correct-horse-42"


@pytest.fixture
def people(engine):
    with session_scope(engine) as session:
        add_user(session, "ilo.officer", PASSWORD, "ilo", "ILO officer")
        add_user(session, "gone.user", PASSWORD, "vcci", "Left the chamber")
        deactivate_user(session, "gone.user")
    return engine


def audit_actions(engine) -> list[tuple[str, str | None, dict]]:
    with engine.connect() as connection:
        rows = connection.execute(
            select(AuditEntry.action, AuditEntry.username, AuditEntry.detail).order_by(
                AuditEntry.id
            )
        ).all()
    return [(action, name, json.loads(detail) if detail else {}) for action, name, detail in rows]


def test_right_password_signs_in_and_is_audited(people):
    result = sign_in(people, " ILO.Officer ", PASSWORD, ADDRESS)
    assert result.ok and result.user.role == "ilo" and result.user.username == "ilo.officer"
    action, name, detail = audit_actions(people)[-1]
    assert (action, name, detail["method"]) == ("login", "ilo.officer", "password")


@pytest.mark.parametrize(
    ("username", "password"),
    [("ilo.officer", "wrong-password"), ("no.such.user", PASSWORD), ("gone.user", PASSWORD)],
    ids=["wrong password", "unknown user", "deactivated"],
)
def test_every_refusal_is_the_same_outcome(people, username, password):
    result = sign_in(people, username, password, ADDRESS)
    assert result.outcome is Outcome.REFUSED and result.user is None
    action, _, _ = audit_actions(people)[-1]
    assert action == "login_failed"


def test_unknown_usernames_are_not_written_to_the_audit_log(people):
    """A password typed into the username box must not end up in the permanent log."""
    sign_in(people, "correct-horse-42", "x" * 12, ADDRESS)
    _, name, detail = audit_actions(people)[-1]
    assert name is None and detail["known_user"] is False


def test_unknown_users_cost_a_real_bcrypt_check(people, monkeypatch):
    checked: list[str] = []
    real = login.check_password

    def spy(password: str, password_hash: str) -> bool:
        checked.append(password_hash)
        return real(password, password_hash)

    monkeypatch.setattr(login, "check_password", spy)
    sign_in(people, "no.such.user", PASSWORD, ADDRESS)
    assert checked == [login._dummy_hash()]
    assert checked[0].startswith("$2b$12$"), "same cost as real hashes"


def test_throttled_attempts_are_refused_without_checking_the_password(people):
    start = datetime(2026, 5, 4, 8, 0)
    for n in range(PAIR_RULE.free_failures):
        sign_in(people, "ilo.officer", "wrong", ADDRESS, at=start + timedelta(seconds=n))
    result = sign_in(people, "ilo.officer", PASSWORD, ADDRESS, at=start + timedelta(seconds=5))
    assert result.outcome is Outcome.THROTTLED and result.reason == "pair"
    assert result.retry_at == start + timedelta(seconds=4) + PAIR_RULE.base_delay
    assert audit_actions(people)[-1][0] == "login_throttled"
    with people.connect() as connection:
        counted = connection.scalar(
            select(LoginAttempt.id).where(LoginAttempt.success.is_(True)).limit(1)
        )
    assert counted is None, "the refused attempt was not checked, so it cannot succeed"
    later = start + timedelta(minutes=5)
    assert sign_in(people, "ilo.officer", PASSWORD, ADDRESS, at=later).ok


def test_a_strangers_failures_do_not_keep_the_owner_out(people):
    """Two addresses: the owner's office (signed in from there before) and a stranger's.
    The stranger's 100 failures slow the stranger only; the owner signs in at once."""
    office, stranger = "198.51.100.20", "203.0.113.66"
    start = datetime(2026, 5, 4, 8, 0)
    assert sign_in(people, "ilo.officer", PASSWORD, office, at=start - timedelta(days=2)).ok
    at = start
    for _ in range(99):
        throttle.record(people, "ilo.officer", stranger, success=False, at=at)
        at += timedelta(minutes=7)
    at += PAIR_RULE.max_delay - timedelta(minutes=7)  # the stranger's own delay is over
    refused = sign_in(people, "ilo.officer", "guess-100", stranger, at=at)
    assert refused.outcome is Outcome.REFUSED
    again = sign_in(people, "ilo.officer", "guess-101", stranger, at=at + timedelta(seconds=1))
    assert again.outcome is Outcome.THROTTLED and again.reason == "pair"

    owner = sign_in(people, "ilo.officer", PASSWORD, office, at=at + timedelta(seconds=2))
    assert owner.ok and owner.user.username == "ilo.officer"


def test_the_first_failure_at_the_alert_level_alerts_the_administrators_once(people):
    start = datetime(2026, 5, 4, 8, 0)
    for n in range(USERNAME_RULE.free_failures - 1):
        throttle.record(people, "ilo.officer", f"10.9.0.{n}", success=False, at=start)
    at = start + timedelta(seconds=1)
    assert sign_in(people, "ilo.officer", "wrong", "10.9.1.1", at=at).outcome is Outcome.REFUSED
    later = at + USERNAME_RULE.max_delay
    assert sign_in(people, "ilo.officer", "wrong", "10.9.1.2", at=later).outcome is Outcome.REFUSED
    alerts = [entry for entry in audit_actions(people) if entry[0] == "login_alert"]
    assert alerts == [
        (
            "login_alert",
            "ilo.officer",
            {"kind": "username", "failures": 10, "addresses": 10, "usernames": 1},
        )
    ]
    for n in range(USERNAME_RULE.free_failures):
        throttle.record(people, "no.such.user", f"10.8.0.{n}", success=False, at=start)
    sign_in(people, "no.such.user", "wrong", "10.8.1.1", at=later + timedelta(minutes=5))
    assert [entry[1] for entry in audit_actions(people) if entry[0] == "login_alert"] == [
        "ilo.officer"
    ], "an unknown username is never written"
