"""Sign-in, the session cookie, sign-out and the who-am-I box: streamlit-authenticator,
hardened.

What we take from streamlit-authenticator is its cookie model: a JWT in a browser
cookie, written through its cookie manager component, that brings a person back
without a password after a reload. What we change, and why:
- the key is ours (secrets or environment, refused when missing or a default, see
  `data_access.auth.startup`), never the library's public default;
- the token carries the user's session version and every rerun checks it, with
  the account's `active` flag, against the database, so signing out (or a
  password, role or status change) ends the session on the server, not just in
  the browser that clicked "sign out";
- the password check is ours (`data_access.auth.login`): the library's login form
  does not tell us which username failed, so it cannot throttle per username, it
  skips bcrypt for unknown usernames (a timing oracle) and keeps its lockout
  counter in memory. Users come from the database, so `auto_hash` never applies;
- none of the library's cloud, e-mail, guest or OAuth features is used: no call
  leaves the server.
"""

from __future__ import annotations

import html
import logging
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import extra_streamlit_components as stx
import streamlit as st
from extra_streamlit_components.CookieManager import _component_func as cookie_component
from sqlalchemy import Engine, select
from streamlit_authenticator.models.cookie_model import CookieModel

from data_access import audit
from data_access.auth.addresses import client_address
from data_access.auth.login import Outcome, sign_in
from data_access.auth.oidc import OidcConfig, oidc_config, role_from_claims, username_from_claims
from data_access.auth.organisations import scope_for
from data_access.auth.sessions import (
    SessionUser,
    current_user,
    end_sessions,
    issue_token,
    read_token,
)
from data_access.auth.startup import StartupReport
from data_access.bootstrap import DEMO_USERS
from data_access.config import settings
from data_access.i18n import VIETNAM_TIME, t
from data_access.models import User
from data_access.scope import Scope
from ui.shell import organisation_name, organisation_note
from ui.sidebar import language_switch

LOG = logging.getLogger(__name__)

COOKIE_NAME = "td_session"
AUTH_KEY = "td_auth"
COOKIE_ACTION_KEY = "td_cookie_action"
NOTICE_KEY = "td_auth_notice"
RETRY_KEY = "td_auth_retry"  # (retry_at as UTC timestamp, throttle rule) of a slowed attempt
OIDC_LOGOUT_KEY = "td_oidc_logout"
SIGNED_OUT_KEY = "td_signed_out"
W_USERNAME = "td_login_username"
W_PASSWORD = "td_login_password"  # noqa: S105 - a widget key, not a password


@dataclass(frozen=True)
class Viewer:
    """The person this rerun is for, as the database (or the identity provider) says."""

    username: str
    display_name: str
    role: str
    method: str  # "password" or "oidc"

    @property
    def scope(self) -> Scope:
        return scope_for(self.role, self.username)


def request_address() -> str:
    """This request's client address, believing X-Forwarded-For only as far as configured."""
    headers = st.context.headers
    forwarded = headers.get("X-Forwarded-For") if headers is not None else None
    return client_address(st.context.ip_address, forwarded, settings().trusted_proxies)


def _lifetime() -> timedelta:
    return timedelta(minutes=max(1, settings().cookie_expiry_minutes))


class WriteOnlyCookieManager(stx.CookieManager):
    """extra-streamlit-components' cookie component, used to write and delete only.

    Its own constructor mounts a "read every cookie" copy of the component on every
    rerun; that copy answers once its frame has loaded, which reruns the script by
    itself a moment after each page load, and a sign-in click landing in that rerun
    can be lost. We read the cookie from the request (`st.context.cookies`), so the
    reading copy is never mounted."""

    def __init__(self) -> None:  # not the parent's: it would mount the reading copy
        self.cookie_manager = cookie_component
        self.cookies: dict[str, object] = {}

    def delete(self, cookie: str, key: str = "td_cookie_delete") -> None:
        self.cookie_manager(method="delete", cookie=cookie, key=key, default=False)


class DashboardCookie(CookieModel):
    """streamlit-authenticator's cookie model with our key, our claims (session version,
    issuer, token id) and a strict SameSite cookie, Secure when served over HTTPS."""

    def __init__(self, key: str) -> None:
        # Not the parent's constructor either: it builds the library's full manager.
        self.cookie_name, self.cookie_key = COOKIE_NAME, key
        self.cookie_expiry_days = _lifetime().total_seconds() / 86400
        self.cookie_manager = WriteOnlyCookieManager()
        self.token = self.exp_date = None

    def write(self, user: SessionUser) -> datetime:
        token, expires = issue_token(user, self.cookie_key, _lifetime())
        url = st.context.url or ""
        self.cookie_manager.set(
            COOKIE_NAME,
            token,
            key="td_cookie_set",
            expires_at=expires,
            same_site="strict",
            secure=url.startswith("https://") or None,
        )
        return expires


# --- the session ------------------------------------------------------------------------


def _remember(user: SessionUser, expires_at: datetime, method: str) -> None:
    st.session_state[AUTH_KEY] = {
        "username": user.username,
        "display_name": user.display_name,
        "role": user.role,
        "sv": user.session_version,
        "expires_at": expires_at.timestamp(),
        "method": method,
    }


def _forget(notice: str | None) -> None:
    st.session_state.pop(AUTH_KEY, None)
    st.session_state[COOKIE_ACTION_KEY] = "delete"
    if notice:
        st.session_state[NOTICE_KEY] = notice


def _cookie_token() -> str | None:
    """The cookie as the browser sent it when this session's connection opened."""
    cookies = st.context.cookies
    return cookies.get(COOKIE_NAME) if cookies is not None else None


def _password_viewer(engine: Engine, key: str) -> Viewer | None:
    auth = st.session_state.get(AUTH_KEY)
    if auth is not None and auth.get("method") != "password":
        st.session_state.pop(AUTH_KEY, None)
        auth = None
    if auth is None:
        claims = read_token(_cookie_token(), key)
        if claims is None:
            return None
        user = current_user(engine, claims.username, claims.session_version)
        if user is None:
            return None
        _remember(user, claims.expires_at, "password")
        auth = st.session_state[AUTH_KEY]
    now = datetime.now(UTC)
    if now.timestamp() >= auth["expires_at"]:
        _forget("shell.login.expired")
        return None
    user = current_user(engine, auth["username"], auth["sv"])
    if user is None:
        _forget("shell.login.ended")
        return None
    remaining = timedelta(seconds=auth["expires_at"] - now.timestamp())
    if remaining < _lifetime() / 2:
        # Active people stay signed in; an idle cookie still runs out.
        _remember(user, now + _lifetime(), "password")
        st.session_state[COOKIE_ACTION_KEY] = "set"
    elif user.role != auth["role"] or user.display_name != auth["display_name"]:
        _remember(user, datetime.fromtimestamp(auth["expires_at"], UTC), "password")
    return Viewer(user.username, user.display_name, user.role, "password")


def _oidc_viewer(engine: Engine, config: OidcConfig) -> Viewer | None:
    claims: dict[str, Any] = st.user.to_dict()
    if not claims.get("is_logged_in"):
        return None
    username, role = username_from_claims(claims, config), role_from_claims(claims, config)
    if username is None or role is None or _deactivated(engine, username):
        # Kept signed in with the identity provider, so the notice stays on screen (a
        # Streamlit logout starts a new session and would take the explanation with it).
        st.session_state[NOTICE_KEY] = "shell.login.oidc_no_role"
        return None
    auth = st.session_state.get(AUTH_KEY)
    if auth is None or auth.get("method") != "oidc" or auth.get("username") != username:
        audit.record(
            engine,
            "login",
            username,
            {"role": role, "method": "oidc", "provider": config.provider},
            client_address=request_address(),
        )
        st.session_state[AUTH_KEY] = {"username": username, "role": role, "method": "oidc"}
    name = str(claims.get("name") or username)
    return Viewer(username, name, role, "oidc")


def _deactivated(engine: Engine, username: str) -> bool:
    """An identity-provider account also known here as a deactivated user stays out."""
    with engine.connect() as connection:
        active = connection.scalar(select(User.active).where(User.username == username))
    return active is False


def current_viewer(engine: Engine, report: StartupReport) -> Viewer | None:
    """Who this rerun is for, re-checked against the database every time; None means the
    sign-in form."""
    if st.session_state.pop(OIDC_LOGOUT_KEY, False):
        st.logout()
    config = oidc_config()
    viewer = None
    if config is not None and (st.session_state.get(AUTH_KEY) or {}).get("method") != "password":
        viewer = _oidc_viewer(engine, config)
    if viewer is None:
        viewer = _password_viewer(engine, report.cookie_key)
    return viewer


def update_cookie(engine: Engine, report: StartupReport, viewer: Viewer | None) -> None:
    """Write or delete the cookie if a sign-in, renewal or sign-out asked for it.

    Called once the router has settled on the page (after any `st.switch_page`): the
    cookie manager writes from the browser, so a rerun started before its component
    was drawn would lose the write."""
    action = st.session_state.pop(COOKIE_ACTION_KEY, None)
    if action == "set" and viewer is not None and viewer.method == "password":
        user = current_user(engine, viewer.username, st.session_state[AUTH_KEY]["sv"])
        if user is not None:
            DashboardCookie(report.cookie_key).write(user)
    elif action == "delete":
        DashboardCookie(report.cookie_key).delete_cookie()


# --- signing in and out -----------------------------------------------------------------


def _submit_sign_in(engine: Engine) -> None:
    """Form callback: runs before the rerun, so the rerun already draws the signed-in
    app (no extra rerun that could cut off the cookie being written)."""
    username = str(st.session_state.get(W_USERNAME) or "")
    password = str(st.session_state.get(W_PASSWORD) or "")
    st.session_state[W_PASSWORD] = ""
    st.session_state.pop(NOTICE_KEY, None)
    if not username.strip() or not password:
        st.session_state[NOTICE_KEY] = "shell.login.missing"
        return
    result = sign_in(engine, username, password, request_address())
    if result.outcome is Outcome.THROTTLED and result.retry_at is not None:
        st.session_state[NOTICE_KEY] = "shell.login.throttled"
        retry_at = result.retry_at.replace(tzinfo=UTC).timestamp()
        st.session_state[RETRY_KEY] = (retry_at, result.reason or "pair")
        return
    if not result.ok or result.user is None:
        st.session_state[NOTICE_KEY] = "shell.login.failed"
        return
    _remember(result.user, datetime.now(UTC) + _lifetime(), "password")
    st.session_state[COOKIE_ACTION_KEY] = "set"
    st.session_state[W_USERNAME] = ""


def _sign_out(engine: Engine, viewer: Viewer) -> None:
    if viewer.method == "password":
        end_sessions(engine, viewer.username)
    else:
        st.session_state[OIDC_LOGOUT_KEY] = True
    audit.record(
        engine,
        "logout",
        viewer.username,
        {"method": viewer.method},
        client_address=request_address(),
    )
    _forget("shell.login.signed_out")
    st.session_state[SIGNED_OUT_KEY] = True


def _demo_sign_ins(engine: Engine) -> list[tuple[str, str, str]]:
    """The demo accounts still active in this (demo) database, with their published
    passwords, so a demonstration needs no hand-out."""
    with engine.connect() as connection:
        active = set(
            connection.scalars(
                select(User.username).where(User.is_demo.is_(True), User.active.is_(True))
            )
        )
    return [(name, role, password) for name, role, _, password in DEMO_USERS if name in active]


def sign_in_page(engine: Engine, report: StartupReport, lang: str) -> None:
    st.title(t("app.title", lang))
    st.caption(t("app.subtitle", lang))
    # Kept until the next attempt: a rerun of the form must not wipe the message.
    notice = st.session_state.get(NOTICE_KEY)
    if notice == "shell.login.throttled":
        st.error(_throttled_message(lang), icon=":material/hourglass_top:")
    elif notice in {"shell.login.failed", "shell.login.missing"}:
        st.error(t(notice, lang), icon=":material/error:")
    elif notice:
        st.info(t(notice, lang), icon=":material/logout:")
    left, _ = st.columns([2, 3])
    with left, st.form("td_sign_in", border=True):
        st.subheader(t("shell.login.title", lang))
        st.text_input(t("shell.login.username", lang), key=W_USERNAME, autocomplete="username")
        st.text_input(
            t("shell.login.password", lang),
            type="password",
            key=W_PASSWORD,
            autocomplete="current-password",
        )
        st.form_submit_button(
            t("shell.login.submit", lang),
            type="primary",
            on_click=_submit_sign_in,
            args=(engine,),
            icon=":material/login:",
            key="td_sign_in_submit",
        )
    config = oidc_config()
    if config is not None:
        with left:
            st.button(
                t("shell.login.oidc", lang),
                on_click=st.login,
                args=(config.provider,),
                icon=":material/badge:",
            )
    st.caption(t("shell.login.help", lang, minutes=settings().cookie_expiry_minutes))
    if report.demo_mode:
        demo = _demo_sign_ins(engine)
        if demo:
            with left, st.expander(t("shell.login.demo", lang)):
                roles = [t(f"shell.role.{role}", lang) for _, role, _ in demo]
                st.table(
                    {
                        t("shell.login.username", lang): [name for name, _, _ in demo],
                        t("shell.login.role", lang): roles,
                        t("shell.login.password", lang): [password for _, _, password in demo],
                    }
                )


def _throttled_message(lang: str) -> str:
    """Why this attempt was not checked and when the next one can be: the time in Viet
    Nam time, and how long that is from this rerun (the message stays on screen)."""
    retry_at, reason = st.session_state.get(RETRY_KEY, (0.0, "pair"))
    when = datetime.fromtimestamp(retry_at, UTC)
    seconds = max(0, int((when - datetime.now(UTC)).total_seconds() + 0.999))
    if seconds == 0:
        wait = t("shell.login.retry_now", lang)
    elif seconds < 120:
        wait = t("shell.login.retry_seconds", lang, seconds=seconds)
    else:
        wait = t("shell.login.retry_minutes", lang, minutes=(seconds + 59) // 60)
    at = when.astimezone(VIETNAM_TIME).strftime("%H:%M:%S")
    return t(f"shell.login.throttled.{reason}", lang, wait=wait, time=at)


def session_box(engine: Engine, viewer: Viewer, lang: str) -> None:
    """Who is signed in, for which organisation, the sign-out button, the language."""
    with st.sidebar.container(border=True):
        st.markdown(
            f"**{_escape(viewer.display_name)}**  \n"
            + t(
                "shell.session.as",
                lang,
                role=t(f"shell.role.{viewer.role}", lang),
                organisation=organisation_name(viewer.role, lang),
            ),
        )
        note = organisation_note(viewer.role, lang)
        if note:
            st.caption(note)
        st.caption(_escape(viewer.username))
        st.button(
            t("shell.session.sign_out", lang),
            on_click=_sign_out,
            args=(engine, viewer),
            icon=":material/logout:",
            key="td_sign_out",
            width="stretch",
        )
        language_switch()


def _escape(text: str) -> str:
    """Names come from the database; shown as text, never as Markdown or HTML."""
    escaped = html.escape(text)
    for char in "\\`*_{}[]()#+-.!|>~":
        escaped = escaped.replace(char, "\\" + char)
    return escaped
