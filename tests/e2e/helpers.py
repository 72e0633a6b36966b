"""Steps many browser tests share: waiting for a rerun to finish, signing in and out.

Widgets are found by their keys (Streamlit gives each keyed widget the class
`st-key-<key>`), so the steps work whatever language the page is in.
"""

from __future__ import annotations

import time
from typing import Any

from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.e2e.app_process import APP_READY
from ui.auth import COOKIE_NAME

USERNAME_INPUT = ".st-key-td_login_username input"
PASSWORD_INPUT = ".st-key-td_login_password input"
SIGN_IN_BUTTON = ".st-key-td_sign_in_submit button"
SIGN_OUT_BUTTON = ".st-key-td_sign_out button"
ERROR_ALERT = "[data-testid='stAlertContentError']"
NAV_LINK = "[data-testid='stSidebarNavLink']"
EXPANDER_CONTENT = "[data-testid='stExpanderDetails']"
#: True in the page once the server has answered a sign-in: signed in, or the form's
#: callback has emptied the password field (it does on every attempt).
SIGN_IN_ANSWERED = (
    f"() => document.querySelector({SIGN_OUT_BUTTON!r}) !== null"
    f" || document.querySelector({PASSWORD_INPUT!r})?.value === ''"
)


def wait_for_app(page: Any) -> None:
    """Streamlit marks the app `notRunning` when a rerun has finished drawing."""
    page.wait_for_selector(APP_READY, timeout=60_000)
    page.wait_for_timeout(300)
    page.wait_for_selector(APP_READY, timeout=60_000)


def assert_no_exception(page: Any) -> None:
    assert page.locator("[data-testid='stException']").count() == 0, page.content()[:2000]


def sign_in(page: Any, base_url: str, username: str, password: str, path: str = "") -> bool:
    """Sign in through the form; True once the app shows the signed-in sidebar and the
    browser holds the session cookie, False when the form answers with its error. Opens
    `base_url + path` first unless the sign-in form is already on screen (a second
    attempt after a wrong password)."""
    if not page.url.startswith(base_url) or page.locator(USERNAME_INPUT).count() == 0:
        page.goto(base_url + path)
        wait_for_app(page)
    page.wait_for_selector(USERNAME_INPUT, timeout=60_000)
    page.locator(USERNAME_INPUT).fill(username)
    page.locator(PASSWORD_INPUT).fill(password)
    page.locator(SIGN_IN_BUTTON).click()
    # The form's callback empties the password field, so until it is empty an error on
    # screen may still be the previous attempt's.
    page.wait_for_function(SIGN_IN_ANSWERED, timeout=60_000)
    wait_for_app(page)
    if page.locator(SIGN_OUT_BUTTON).count() == 0:
        return False
    # A test that opens another address next must carry the cookie, as a person would.
    browser_cookie(page, COOKIE_NAME, present=True)
    return True


def sign_out(page: Any) -> None:
    page.locator(SIGN_OUT_BUTTON).click()
    page.wait_for_selector(USERNAME_INPUT, timeout=60_000)
    wait_for_app(page)


def browser_cookie(page: Any, name: str, *, present: bool, timeout_s: float = 20) -> dict | None:
    """The cookie once the browser holds it (or None once it is gone).

    The session cookie is written and deleted by a component running in the browser after
    the rerun has drawn, so it can land a moment after the page looks settled."""
    deadline = time.monotonic() + timeout_s
    while True:
        found = next((c for c in page.context.cookies() if c["name"] == name), None)
        if (found is not None) == present:
            return found
        if time.monotonic() > deadline:
            state = "written" if present else "deleted"
            raise AssertionError(f"cookie {name!r} was not {state} within {timeout_s:.0f} s")
        page.wait_for_timeout(200)


def open_expander(page: Any, expander: Any) -> None:
    """Open an expander and wait until its content shows. A rerun still in flight when
    it was clicked (the one that writes the cookie after sign-in, say) can draw it
    closed again, so the click is repeated, as a person would."""
    details = expander.locator("details").first
    for _ in range(3):
        wait_for_app(page)
        if details.get_attribute("open") is None:
            expander.locator("summary").first.click()
        try:
            expander.locator(EXPANDER_CONTENT).first.wait_for(state="visible", timeout=10_000)
        except PlaywrightTimeout:
            continue
        wait_for_app(page)
        if details.get_attribute("open") is not None:
            return
    raise AssertionError("the expander did not stay open")


def menu_pages(page: Any) -> list[str]:
    """The page titles in the sidebar menu (each link's text ends with its title)."""
    return [text.splitlines()[-1].strip() for text in page.locator(NAV_LINK).all_inner_texts()]
