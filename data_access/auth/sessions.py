"""Sessions that the server can end.

streamlit-authenticator's cookie is a JWT holding only a username and an expiry;
its logout deletes the cookie in the browser, so a copied cookie keeps working until
it expires. Here every token also carries the user's `session_version`, and every
rerun compares it with the database: signing out, a password or role change and
deactivation all bump the version, which ends every open session of that person at
once, on every device, including any copy of the cookie.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import jwt
from sqlalchemy import Engine, update

from data_access.db import session_scope
from data_access.models import User
from data_access.users import get_user

ALGORITHM = "HS256"
ISSUER = "tripartite-dashboard"
#: Leeway for clocks of a load balancer's workers that disagree by a few seconds.
LEEWAY_SECONDS = 10


@dataclass(frozen=True)
class SessionUser:
    """Who is signed in, as the database says right now."""

    username: str
    display_name: str
    role: str
    session_version: int
    is_demo: bool = False


@dataclass(frozen=True)
class TokenClaims:
    username: str
    session_version: int
    issued_at: datetime
    expires_at: datetime


def _as_session_user(user: User) -> SessionUser:
    return SessionUser(
        username=user.username,
        display_name=user.display_name,
        role=user.role,
        session_version=user.session_version,
        is_demo=bool(user.is_demo),
    )


def current_user(engine: Engine, username: str, session_version: int) -> SessionUser | None:
    """The user if the session is still good: the account exists, is active, and the
    session was opened under its current session version. None ends the session."""
    with session_scope(engine) as session:
        user = get_user(session, username)
        if user is None or not user.active or user.session_version != session_version:
            return None
        return _as_session_user(user)


def end_sessions(engine: Engine, username: str) -> None:
    """Sign-out: every session and cookie of this user stops working on its next rerun."""
    with engine.begin() as connection:
        connection.execute(
            update(User)
            .where(User.username == username)
            .values(session_version=User.session_version + 1)
        )


def active_user(engine: Engine, username: str) -> SessionUser | None:
    """The active user of this name, for a sign-in whose password has been checked."""
    with session_scope(engine) as session:
        user = get_user(session, username)
        return _as_session_user(user) if user is not None and user.active else None


def issue_token(
    user: SessionUser, key: str, lifetime: timedelta, at: datetime | None = None
) -> tuple[str, datetime]:
    """A signed token for the cookie and when it expires.

    `username` and `exp_date` keep the claim names streamlit-authenticator writes, so
    its cookie model reads ours; `sv` is the session version checked on every rerun,
    `jti` makes two sign-ins in the same second produce different cookies."""
    issued = at or datetime.now(UTC)
    expires = issued + lifetime
    payload = {
        "username": user.username,
        "sv": user.session_version,
        "iat": int(issued.timestamp()),
        "exp": int(expires.timestamp()),
        "exp_date": expires.timestamp(),
        "iss": ISSUER,
        "jti": secrets.token_urlsafe(12),
    }
    return jwt.encode(payload, key, algorithm=ALGORITHM), expires


def read_token(token: str | None, key: str, at: datetime | None = None) -> TokenClaims | None:
    """The claims of a valid, unexpired token signed with our key; None for anything else
    (tampered, expired, signed with another key, missing the session version)."""
    if not token:
        return None
    try:
        payload = jwt.decode(
            token,
            key,
            algorithms=[ALGORITHM],
            issuer=ISSUER,
            leeway=LEEWAY_SECONDS,
            options={"require": ["exp", "iat", "iss"], "verify_exp": at is None},
        )
    except jwt.PyJWTError:
        return None
    username, version = payload.get("username"), payload.get("sv")
    if not isinstance(username, str) or not isinstance(version, int):
        return None
    expires_at = datetime.fromtimestamp(payload["exp"], UTC)
    if at is not None and expires_at + timedelta(seconds=LEEWAY_SECONDS) <= at:
        return None
    return TokenClaims(
        username=username,
        session_version=version,
        issued_at=datetime.fromtimestamp(payload["iat"], UTC),
        expires_at=expires_at,
    )
