"""User accounts: bcrypt hashes in the database, managed by the CLI and the admin page.

Any change that should end a person's open sessions (password, role, deactivation)
bumps `session_version`; the app re-checks it on every rerun.
"""

from __future__ import annotations

from datetime import UTC, datetime

import bcrypt
from sqlalchemy import select
from sqlalchemy.orm import Session

from data_access.models import ROLES, User

MIN_PASSWORD_LENGTH = 10


class UserError(ValueError):
    """A user-management request that cannot be carried out, with a message for a person."""


def now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def hash_password(password: str) -> str:
    return bcrypt.hashpw(password.encode("utf-8"), bcrypt.gensalt(rounds=12)).decode("ascii")


def check_password(password: str, password_hash: str) -> bool:
    try:
        return bcrypt.checkpw(password.encode("utf-8"), password_hash.encode("ascii"))
    except ValueError:
        return False


def _validate_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise UserError(f"Password must have at least {MIN_PASSWORD_LENGTH} characters.")


def _validate_role(role: str) -> None:
    if role not in ROLES:
        raise UserError(f"Unknown role {role!r}; expected one of {', '.join(ROLES)}.")


def get_user(session: Session, username: str) -> User | None:
    return session.scalar(select(User).where(User.username == username.strip().lower()))


def require_user(session: Session, username: str) -> User:
    user = get_user(session, username)
    if user is None:
        raise UserError(f"No user {username!r}.")
    return user


def add_user(
    session: Session,
    username: str,
    password: str,
    role: str,
    display_name: str | None = None,
    email: str | None = None,
    is_demo: bool = False,
) -> User:
    username = username.strip().lower()
    if not username or not username.replace("_", "").replace(".", "").replace("-", "").isalnum():
        raise UserError("Username may contain letters, digits, '.', '-' and '_' only.")
    _validate_role(role)
    _validate_password(password)
    if get_user(session, username) is not None:
        raise UserError(f"User {username!r} exists already.")
    user = User(
        username=username,
        display_name=display_name or username,
        email=email,
        role=role,
        password_hash=hash_password(password),
        active=True,
        is_demo=is_demo,
        session_version=1,
        created_at=now(),
        password_changed_at=now(),
    )
    session.add(user)
    session.flush()
    return user


def set_password(session: Session, username: str, password: str) -> User:
    _validate_password(password)
    user = require_user(session, username)
    user.password_hash = hash_password(password)
    user.password_changed_at = now()
    user.session_version += 1
    return user


def set_role(session: Session, username: str, role: str) -> User:
    _validate_role(role)
    user = require_user(session, username)
    if user.role != role:
        user.role = role
        user.session_version += 1
    return user


def deactivate_user(session: Session, username: str) -> User:
    user = require_user(session, username)
    user.active = False
    user.session_version += 1
    return user


def reactivate_user(session: Session, username: str) -> User:
    user = require_user(session, username)
    user.active = True
    return user


def list_users(session: Session) -> list[User]:
    return list(session.scalars(select(User).order_by(User.username)))
