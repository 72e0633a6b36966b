"""Checking a username and password, with the throttle and the audit log around it.

Every refusal takes the same: an unknown username, a wrong password, a deactivated
account and a throttled attempt all run one bcrypt check of the same cost. The first
three come back as one outcome the screen shows with one generic message, so neither
the words nor the timing tell whether an account exists; a throttled attempt says
when the next one is possible (the throttle counts unknown usernames alike, so that
tells nothing either). A failure that brings a known username, or an address, to its
alert level is written to the audit log as `login_alert`, once per rule window, for the
administrators (Admin › Users lists what is under watch now).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from functools import lru_cache

from sqlalchemy import Engine

from data_access import audit
from data_access.auth import throttle
from data_access.auth.sessions import SessionUser, active_user
from data_access.db import session_scope
from data_access.users import check_password, get_user, hash_password, now


class Outcome(StrEnum):
    SIGNED_IN = "signed_in"
    REFUSED = "refused"
    THROTTLED = "throttled"


@dataclass(frozen=True)
class SignInResult:
    outcome: Outcome
    user: SessionUser | None = None
    retry_at: datetime | None = None
    reason: str | None = None  # which throttle rule, when throttled

    @property
    def ok(self) -> bool:
        return self.outcome is Outcome.SIGNED_IN


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    """A hash of a random password at the cost real hashes use, checked when there is no
    real hash to check, so that an unknown username costs as long as a known one."""
    return hash_password(secrets.token_urlsafe(24))


def _stored_hash(engine: Engine, username: str) -> tuple[str | None, bool]:
    with session_scope(engine) as session:
        user = get_user(session, username)
        if user is None:
            return None, False
        return user.password_hash, bool(user.active)


def sign_in(
    engine: Engine,
    username: str,
    password: str,
    address: str | None,
    at: datetime | None = None,
) -> SignInResult:
    name = throttle.normalise_username(username)
    verdict = throttle.check(engine, name, address, at=at)
    if not verdict.allowed:
        check_password(password, _dummy_hash())
        audit.record(
            engine,
            "login_throttled",
            None,
            {"reason": verdict.reason, "retry_at": verdict.retry_at},
            client_address=throttle.normalise_address(address),
        )
        return SignInResult(Outcome.THROTTLED, retry_at=verdict.retry_at, reason=verdict.reason)

    stored, active = _stored_hash(engine, name)
    password_ok = check_password(password, stored or _dummy_hash())
    ok = stored is not None and active and password_ok
    throttle.record(engine, name, address, success=ok, at=at)
    user = active_user(engine, name) if ok else None
    if user is None:
        audit.record(
            engine,
            "login_failed",
            name if stored is not None else None,
            {"known_user": stored is not None, "inactive": stored is not None and not active},
            client_address=throttle.normalise_address(address),
        )
        _alert_admins(engine, name if stored is not None else None, address, at)
        return SignInResult(Outcome.REFUSED)
    audit.record(
        engine,
        "login",
        user.username,
        {"role": user.role, "method": "password"},
        client_address=throttle.normalise_address(address),
    )
    throttle.prune(engine, at=at)
    return SignInResult(Outcome.SIGNED_IN, user=user)


def _alert_admins(
    engine: Engine, username: str | None, address: str | None, at: datetime | None
) -> None:
    """Write `login_alert` for each watch this failure belongs to that has not been
    alerted within its rule's window. Unknown usernames are never written (they are
    often a password typed into the wrong box); their address still is."""
    at = at or now()
    for watch in throttle.watched(engine, username or "", address, at):
        if watch.kind == "username" and username is None:
            continue
        who = watch.key if watch.kind == "username" else None
        where = watch.key if watch.kind == "address" else None
        rule = throttle.USERNAME_RULE if watch.kind == "username" else throttle.ADDRESS_RULE
        if audit.recorded_since(engine, "login_alert", at - rule.window, who, where):
            continue
        audit.record(
            engine,
            "login_alert",
            who,
            {
                "kind": watch.kind,
                "failures": watch.failures,
                "addresses": watch.addresses,
                "usernames": watch.usernames,
            },
            client_address=where,
            at=at,
        )
