"""Session revocation: tokens carry the session version, and every change that should
end a person's sessions makes their old tokens worthless."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import jwt
import pytest

from data_access.auth.sessions import current_user, end_sessions, issue_token, read_token
from data_access.db import session_scope
from data_access.users import add_user, deactivate_user, set_password, set_role

KEY = "k3y-for-tests-0123456789-abcdefghijklmnop"
LIFETIME = timedelta(minutes=60)


@pytest.fixture
def user(engine):
    with session_scope(engine) as session:
        add_user(session, "vgcl.analyst", "a-long-password-1", "vgcl", "Union analyst")
    return current_user(engine, "vgcl.analyst", 1)


def test_a_fresh_token_opens_the_session(engine, user):
    token, expires = issue_token(user, KEY, LIFETIME)
    claims = read_token(token, KEY)
    assert claims is not None and claims.username == "vgcl.analyst"
    assert claims.expires_at == expires.replace(microsecond=0)
    assert current_user(engine, claims.username, claims.session_version) == user


def test_sign_out_revokes_every_copy_of_the_cookie(engine, user):
    token, _ = issue_token(user, KEY, LIFETIME)
    other_device, _ = issue_token(user, KEY, LIFETIME)
    end_sessions(engine, "vgcl.analyst")
    for copy in (token, other_device):
        claims = read_token(copy, KEY)
        assert claims is not None, "the token itself is still well formed"
        assert current_user(engine, claims.username, claims.session_version) is None


@pytest.mark.parametrize(
    "change",
    [
        lambda s: set_password(s, "vgcl.analyst", "another-password-2"),
        lambda s: set_role(s, "vgcl.analyst", "molisa"),
        lambda s: deactivate_user(s, "vgcl.analyst"),
    ],
    ids=["password", "role", "deactivation"],
)
def test_account_changes_end_open_sessions(engine, user, change):
    token, _ = issue_token(user, KEY, LIFETIME)
    with session_scope(engine) as session:
        change(session)
    claims = read_token(token, KEY)
    assert current_user(engine, claims.username, claims.session_version) is None


def test_a_deactivated_user_stays_out_even_with_the_current_version(engine, user):
    with session_scope(engine) as session:
        deactivate_user(session, "vgcl.analyst")
    assert current_user(engine, "vgcl.analyst", user.session_version + 1) is None


def test_tokens_signed_otherwise_or_expired_are_refused(user):
    token, expires = issue_token(user, KEY, LIFETIME)
    assert read_token(token, "another-key-of-the-same-length-0123456789") is None
    assert read_token(token, KEY, at=expires + timedelta(minutes=1)) is None
    assert read_token(token[:-3] + "abc", KEY) is None
    assert read_token("", KEY) is None and read_token(None, KEY) is None


def test_the_librarys_own_cookie_format_is_refused(user):
    """A token shaped like streamlit-authenticator's (no session version, no issuer) must
    not open a session even when signed with our key."""
    bare = jwt.encode(
        {"username": user.username, "exp_date": (datetime.now(UTC) + LIFETIME).timestamp()},
        KEY,
        algorithm="HS256",
    )
    assert read_token(bare, KEY) is None
    forged = {"username": user.username, "sv": 1, "iss": "tripartite-dashboard"}
    unsigned = jwt.encode({**forged, "iat": 1, "exp": 2**31}, None, algorithm="none")
    assert read_token(unsigned, KEY) is None
