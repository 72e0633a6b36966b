"""Conditions under which the app refuses to start, decided before anyone can sign in.

The session cookie is signed with a key. streamlit-authenticator's default key is a
public string, so anyone could forge a cookie for any username; a missing, short,
repetitive or well-known key is therefore refused outside demo mode. A demo
database (synthetic data, demo accounts with published passwords) may run with a
random key generated for the process: sessions then end when the process restarts,
which is acceptable for a demonstration and never uses a guessable key.

Production mode also refuses while any demo account is active, because their
passwords are printed in the documentation.
"""

from __future__ import annotations

import importlib.util
import logging
import secrets
from dataclasses import dataclass, field

from sqlalchemy import Engine, select

from data_access.auth.oidc import oidc_config
from data_access.config import Settings
from data_access.meta import has_synthetic_data
from data_access.models import User

LOG = logging.getLogger(__name__)

MIN_KEY_BYTES = 32
MIN_DISTINCT_CHARACTERS = 8
#: Placeholders seen in streamlit-authenticator's code and docs and in tutorials.
KNOWN_DEFAULT_KEYS: frozenset[str] = frozenset(
    {
        "some_key",
        "some_signature_key",
        "random_signature_key",
        "some_cookie_name",
        "abcdef",
        "key",
        "secret",
        "secret_key",
        "cookie_key",
        "changeme",
        "change-me",
        "change_me",
        "replace-me",
        "your-secret-key",
        "your_secret_key",
    }
)


class StartupRefused(RuntimeError):
    """The app must not serve anyone in this configuration. `reason` is a catalogue
    key suffix (`shell.startup.<reason>`), `detail` fills its placeholders."""

    def __init__(self, reason: str, **detail: str) -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


@dataclass(frozen=True)
class StartupReport:
    cookie_key: str
    key_generated: bool
    demo_mode: bool
    warnings: tuple[str, ...] = field(default_factory=tuple)


def key_problem(key: str | None) -> str | None:
    """Why this key may not sign cookies, or None if it may."""
    if key is None or not key.strip():
        return "missing"
    text = key.strip()
    if text.lower() in KNOWN_DEFAULT_KEYS:
        return "default"
    if len(text.encode("utf-8")) < MIN_KEY_BYTES:
        return "short"
    if len(set(text)) < MIN_DISTINCT_CHARACTERS:
        return "weak"
    return None


def active_demo_users(engine: Engine) -> list[str]:
    with engine.connect() as connection:
        return list(
            connection.scalars(
                select(User.username)
                .where(User.is_demo.is_(True), User.active.is_(True))
                .order_by(User.username)
            )
        )


def is_demo_database(engine: Engine) -> bool:
    """A database that exists to be shown: synthetic data or active demo accounts."""
    return has_synthetic_data(engine) or bool(active_demo_users(engine))


def check_oidc() -> None:
    """Identity-provider sign-in, when configured, must be usable and unambiguous."""
    try:
        config = oidc_config()
    except ValueError as error:
        raise StartupRefused("oidc_config", problem=str(error)) from error
    if config is not None and importlib.util.find_spec("authlib") is None:
        raise StartupRefused("oidc_authlib")


def check_startup(engine: Engine, config: Settings) -> StartupReport:
    """The key to sign cookies with, or `StartupRefused` saying why the app must not run."""
    check_oidc()
    if config.production:
        demo_users = active_demo_users(engine)
        if demo_users:
            raise StartupRefused("demo_users", users=", ".join(demo_users))
    demo_mode = not config.production and is_demo_database(engine)
    key = (config.cookie_key or "").strip()
    problem = key_problem(key)
    if problem is None:
        return StartupReport(cookie_key=key, key_generated=False, demo_mode=demo_mode)
    if not demo_mode:
        raise StartupRefused(f"key_{problem}", min_bytes=str(MIN_KEY_BYTES))
    LOG.warning(
        "Demo mode: the cookie key is %s, so a random key was generated for this process; "
        "sessions end when it restarts. Set TD_COOKIE_KEY (>= %d random bytes) to keep them.",
        problem,
        MIN_KEY_BYTES,
    )
    return StartupReport(
        cookie_key=secrets.token_urlsafe(48),
        key_generated=True,
        demo_mode=True,
        warnings=(f"key_{problem}",),
    )
