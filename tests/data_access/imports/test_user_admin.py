"""User management for the admin page: administrators only, audited, with guard rails."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, select

from data_access import user_admin
from data_access.db import session_scope
from data_access.models import AuditEntry, User
from data_access.scope import AccessDenied, Scope
from data_access.users import UserError, add_user, check_password

ME = Scope("admin", "ilo", "boss")


@pytest.fixture
def accounts(engine: Engine) -> Engine:
    with session_scope(engine) as session:
        add_user(session, "boss", "boss-password-1", "admin")
        add_user(session, "demo.viewer", "demo-password-1", "vcci", is_demo=True)
    return engine


def _user(engine: Engine, username: str) -> User:
    with engine.connect() as connection:
        return connection.execute(select(User).where(User.username == username)).one()


def test_create_reset_role_deactivate_reactivate(accounts: Engine) -> None:
    account, password = user_admin.create_account(
        accounts, ME, "Lan.Nguyen", "molisa", "Nguyễn Thị Lan", "lan@example.org"
    )
    assert (account.username, account.role, account.active) == ("lan.nguyen", "molisa", True)
    assert len(password) >= 16 and check_password(
        password, _user(accounts, "lan.nguyen").password_hash
    )
    sessions = _user(accounts, "lan.nguyen").session_version
    new_password = user_admin.reset_password(accounts, ME, "lan.nguyen")
    assert new_password != password
    assert check_password(new_password, _user(accounts, "lan.nguyen").password_hash)
    assert user_admin.change_role(accounts, ME, "lan.nguyen", "vgcl").role == "vgcl"
    assert not user_admin.deactivate(accounts, ME, "lan.nguyen").active
    assert _user(accounts, "lan.nguyen").session_version == sessions + 3
    assert user_admin.reactivate(accounts, ME, "lan.nguyen").active
    names = [a.username for a in user_admin.list_accounts(accounts, ME)]
    assert names == ["boss", "demo.viewer", "lan.nguyen"]
    with accounts.connect() as connection:
        actions = list(connection.scalars(select(AuditEntry.action).order_by(AuditEntry.id)))
    assert actions == [
        "user_create",
        "user_reset_password",
        "user_change_role",
        "user_deactivate",
        "user_reactivate",
    ]


def test_guard_rails(accounts: Engine) -> None:
    with pytest.raises(UserError):
        user_admin.deactivate(accounts, ME, "boss")
    with pytest.raises(UserError):
        user_admin.change_role(accounts, ME, "boss", "ilo")
    with pytest.raises(UserError):
        user_admin.change_role(accounts, Scope("admin", "ilo", "cli:root"), "boss", "ilo")
    with pytest.raises(UserError):
        user_admin.create_account(accounts, ME, "boss", "ilo")
    with pytest.raises(UserError):
        user_admin.change_role(accounts, ME, "demo.viewer", "superuser")
    user_admin.deactivate(accounts, ME, "demo.viewer")
    with pytest.raises(UserError):
        user_admin.reactivate(accounts, ME, "demo.viewer")
    assert _user(accounts, "boss").role == "admin"


@pytest.mark.parametrize("role", ["ilo", "molisa", "vcci", "vgcl", None])
def test_only_administrators_manage_users(accounts: Engine, role: str | None) -> None:
    scope = Scope(role, None, "someone")
    for call in (
        lambda: user_admin.list_accounts(accounts, scope),
        lambda: user_admin.create_account(accounts, scope, "x.y", "admin"),
        lambda: user_admin.reset_password(accounts, scope, "boss"),
        lambda: user_admin.change_role(accounts, scope, "demo.viewer", "admin"),
        lambda: user_admin.deactivate(accounts, scope, "boss"),
    ):
        with pytest.raises(AccessDenied):
            call()
    assert _user(accounts, "demo.viewer").role == "vcci"
