"""User management for the admin page, on top of `data_access.users` (which the CLI uses).

Every function takes the acting `Scope` and refuses anyone but an administrator, so a
page reached without the role gets nothing even if its own check were bypassed. Every
change is written to the audit log. Passwords are generated here and shown once:
an administrator never needs to choose, type or know a person's lasting password, and
the person's open sessions end with every reset, role change or deactivation.
Guard rails: nobody can deactivate or demote themselves, the last active administrator
cannot be deactivated or demoted, and a disabled demo account (published password)
cannot be reactivated.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from data_access.audit import Entry, entries
from data_access.audit import record as audit
from data_access.auth import throttle
from data_access.db import session_scope
from data_access.models import User
from data_access.scope import Scope, require
from data_access.users import (
    UserError,
    add_user,
    deactivate_user,
    list_users,
    now,
    reactivate_user,
    require_user,
    set_password,
    set_role,
)

TEMPORARY_PASSWORD_BYTES = 12


@dataclass(frozen=True)
class Account:
    username: str
    display_name: str
    email: str | None
    role: str
    active: bool
    is_demo: bool
    created_at: datetime
    password_changed_at: datetime | None


def _account(user: User) -> Account:
    return Account(
        user.username,
        user.display_name,
        user.email,
        user.role,
        user.active,
        user.is_demo,
        user.created_at,
        user.password_changed_at,
    )


def temporary_password() -> str:
    """16 URL-safe characters (96 bits): well above the minimum length, easy to pass on."""
    return secrets.token_urlsafe(TEMPORARY_PASSWORD_BYTES)


def list_accounts(engine: Engine, scope: Scope) -> list[Account]:
    require(scope, "manage_users")
    with session_scope(engine) as session:
        return [_account(user) for user in list_users(session)]


def _active_admins(session: Session) -> int:
    return int(
        session.scalar(
            select(func.count())
            .select_from(User)
            .where(User.role == "admin", User.active.is_(True))
        )
        or 0
    )


def _not_self(scope: Scope, username: str) -> None:
    if scope.username and scope.username.strip().lower() == username.strip().lower():
        raise UserError("You cannot deactivate or demote your own account.")


def create_account(
    engine: Engine,
    scope: Scope,
    username: str,
    role: str,
    display_name: str | None = None,
    email: str | None = None,
) -> tuple[Account, str]:
    """The new account and its temporary password (shown once, never stored in clear)."""
    require(scope, "manage_users")
    password = temporary_password()
    with session_scope(engine) as session:
        account = _account(add_user(session, username, password, role, display_name, email))
    audit(engine, "user_create", scope.username, {"user": account.username, "role": role})
    return account, password


def reset_password(engine: Engine, scope: Scope, username: str) -> str:
    require(scope, "manage_users")
    password = temporary_password()
    with session_scope(engine) as session:
        set_password(session, username, password)
    audit(engine, "user_reset_password", scope.username, {"user": username})
    return password


def change_role(engine: Engine, scope: Scope, username: str, role: str) -> Account:
    require(scope, "manage_users")
    with session_scope(engine) as session:
        user = require_user(session, username)
        if user.role == "admin" and role != "admin":
            _not_self(scope, username)
            if user.active and _active_admins(session) <= 1:
                raise UserError("The last active administrator cannot be given another role.")
        previous = user.role
        account = _account(set_role(session, username, role))
    audit(
        engine, "user_change_role", scope.username, {"user": username, "from": previous, "to": role}
    )
    return account


def deactivate(engine: Engine, scope: Scope, username: str) -> Account:
    require(scope, "manage_users")
    _not_self(scope, username)
    with session_scope(engine) as session:
        user = require_user(session, username)
        if user.role == "admin" and user.active and _active_admins(session) <= 1:
            raise UserError("The last active administrator cannot be deactivated.")
        account = _account(deactivate_user(session, username))
    audit(engine, "user_deactivate", scope.username, {"user": username})
    return account


def reactivate(engine: Engine, scope: Scope, username: str) -> Account:
    require(scope, "manage_users")
    with session_scope(engine) as session:
        if require_user(session, username).is_demo:
            raise UserError("Demo accounts have published passwords; they stay disabled.")
        account = _account(reactivate_user(session, username))
    audit(engine, "user_reactivate", scope.username, {"user": username})
    return account


def sign_in_watches(engine: Engine, scope: Scope) -> list[throttle.Watch]:
    """The usernames and addresses with many failed sign-ins now (the alerts), for the
    administrators. Usernames nobody has are left out: they are often a password typed
    into the wrong box, and the address they came from is listed anyway."""
    require(scope, "manage_users")
    with session_scope(engine) as session:
        known = set(session.scalars(select(User.username)))
    return [
        watch for watch in throttle.watches(engine) if watch.kind == "address" or watch.key in known
    ]


def sign_in_alerts(engine: Engine, scope: Scope, days: int = 7) -> list[Entry]:
    """The `login_alert` entries of the audit log in the last `days`, newest first: an
    attack stays on record for the administrators after the person has signed in
    (which ends the username's watch) or the failures have been cleared."""
    require(scope, "manage_users")
    return entries(engine, "login_alert", now() - timedelta(days=days))


def clear_sign_in_failures(engine: Engine, scope: Scope, kind: str, key: str) -> int:
    """Clear a watched username's or address's failures (the person vouched for, or the
    attack over), so nothing slows it any more; written to the audit log."""
    require(scope, "manage_users")
    if kind not in {"username", "address"}:
        raise UserError("Say whether a username or an address is cleared.")
    username, address = (key, None) if kind == "username" else (None, key)
    cleared = throttle.unlock(engine, username=username, address=address)
    audit(
        engine,
        "unlock",
        scope.username,
        {"username": username, "address": address, "failures_cleared": cleared},
    )
    return cleared
