"""Steps many browser tests share: waiting for a rerun to finish, signing in and out.

Every wait is on a condition the page reports (the rerun counter, the cookie, an
element), never on a fixed time.

Widgets are found by their keys (Streamlit gives each keyed widget the class
`st-key-<key>`), so the steps work whatever language the page is in.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from playwright.sync_api import expect

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


#: How long any wait may take before the test fails: generous, because a wait ends as
#: soon as its condition holds, and a first visit on a loaded machine computes a lot.
WAIT_MS = 120_000
#: Installed in every page before the app's own scripts: counts the app's reruns by the
#: script-state attribute Streamlit keeps on its root, so a test can wait for "the rerun
#: my click started has finished" instead of for a fixed time.
RUN_OBSERVER = """
(() => {
  window.__td = {runs: 0, state: null};
  const watch = () => {
    const app = document.querySelector("[data-testid='stApp']");
    if (!app) { requestAnimationFrame(watch); return; }
    const note = () => {
      const state = app.getAttribute("data-test-script-state");
      if (state === "running" && window.__td.state !== "running") window.__td.runs += 1;
      window.__td.state = state;
    };
    note();
    new MutationObserver(note).observe(app, {attributeFilter: ["data-test-script-state"]});
  };
  document.addEventListener("DOMContentLoaded", watch);
})();
"""
#: The app has connected, its latest rerun has finished, and every element that rerun
#: sent is drawn: Streamlit loads an element's code on first use and shows a skeleton
#: (`stSkeleton`) until it has, so a page can be "not running" before its buttons,
#: metrics or charts exist.
APP_SETTLED = (
    "() => window.__td?.state === 'notRunning'"
    " && document.querySelector(\"[data-testid='stApp']\")"
    "?.getAttribute('data-test-connection-state') === 'CONNECTED'"
    " && !document.querySelector(\"[data-testid='stSkeleton'], [data-testid='stAppSkeleton']\")"
)


def new_context(browser: Any, **options: Any) -> Any:
    """A browser context whose pages carry the rerun observer; every browser test makes
    its contexts here."""
    context = browser.new_context(**options)
    context.add_init_script(RUN_OBSERVER)
    return context


def wait_for_app(page: Any) -> None:
    """Until the app is connected and not running: after `goto`, once the first run has
    drawn the page. After a click, use `rerun_after`: the click's rerun may not have
    started yet."""
    page.wait_for_function(APP_SETTLED, timeout=WAIT_MS)


#: Every chart on the page has drawn: each Vega-Lite chart has its marks, and a map's
#: canvas is there (deck.gl paints it on the next frame).
CHARTS_DRAWN = """() => {
  const charts = [...document.querySelectorAll(".vega-embed")];
  const maps = [...document.querySelectorAll("[data-testid='stDeckGlJsonChart']")];
  return charts.every(c => c.querySelector("svg, canvas"))
    && maps.every(m => m.querySelector("canvas"));
}"""


def wait_for_charts(page: Any) -> None:
    """Until every chart and map on the page has drawn (they draw after the rerun)."""
    page.wait_for_function(CHARTS_DRAWN, timeout=WAIT_MS)


def runs(page: Any) -> int:
    """How many reruns this page has seen start since it loaded."""
    return int(page.evaluate("window.__td?.runs ?? 0"))


def rerun_after(page: Any, action: Callable[[], object], reruns: int = 1) -> None:
    """Do `action` and wait until the `reruns` reruns it starts have finished."""
    before = runs(page)
    action()
    wait_for_reruns(page, before + reruns)


def wait_for_reruns(page: Any, total: int) -> None:
    """Until the page has seen `total` reruns start and the last one has finished."""
    page.wait_for_function(
        f"() => window.__td.runs >= {total} && ({APP_SETTLED})()", timeout=WAIT_MS
    )


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
    page.wait_for_selector(USERNAME_INPUT, timeout=WAIT_MS)
    page.locator(USERNAME_INPUT).fill(username)
    page.locator(PASSWORD_INPUT).fill(password)
    rerun_after(page, page.locator(SIGN_IN_BUTTON).click)
    # The form's callback empties the password field, so until it is empty an error on
    # screen may still be the previous attempt's.
    page.wait_for_function(SIGN_IN_ANSWERED, timeout=WAIT_MS)
    if page.locator(SIGN_OUT_BUTTON).count() == 0:
        return False
    # A test that opens another address next must carry the cookie, as a person would.
    browser_cookie(page, COOKIE_NAME, present=True)
    # The cookie component answers the server once it has written, which reruns the
    # script at a moment the page cannot tell; opening the page afresh, with the cookie,
    # leaves it settled, so the test's next click is not cut off by that rerun.
    page.reload()
    wait_for_app(page)
    return True


def sign_out(page: Any) -> None:
    """Sign out and wait until the browser has dropped the cookie."""
    page.locator(SIGN_OUT_BUTTON).click()
    page.wait_for_selector(USERNAME_INPUT, timeout=WAIT_MS)
    browser_cookie(page, COOKIE_NAME, present=False)


def browser_cookie(page: Any, name: str, *, present: bool) -> dict | None:
    """The cookie once the browser holds it (or None once it is gone).

    The session cookie is written and deleted by a component running in the browser after
    the rerun has drawn, so it can land a moment after the page looks settled; the page
    sees it in `document.cookie` (it is written by script, so never HttpOnly)."""
    page.wait_for_function(
        "([name, present]) => document.cookie.split('; ')"
        ".some(pair => pair.startsWith(name + '=')) === present",
        arg=[name, present],
        timeout=20_000,
    )
    return next((c for c in page.context.cookies() if c["name"] == name), None)


def open_expander(page: Any, expander: Any) -> None:
    """Open an expander and wait until its content shows (opening one reruns nothing)."""
    expander.locator("summary").first.click()
    expect(expander.locator("details").first).to_have_attribute("open", "")
    expect(expander.locator(EXPANDER_CONTENT).first).to_be_visible()


def tap(page: Any, x: float, y: float) -> None:
    """A click deck.gl's gesture recogniser cannot miss, for maps.

    deck.gl counts a press as a click only when the button comes up within 250 ms of
    going down, timed with `Date.now()` as its handlers run; it picks the object under
    the pointer on the way down, which on a software-rendered, loaded test machine can
    take longer than that, and the click is then silently not one. With the page's
    clock held still for the press and then let run past its double-click window, the
    press takes no time, as a person's does on a real screen. The page must have called
    `page.clock.install()` before it loaded."""
    # Holding the clock jumps it to a moment ahead of the page's: a few seconds, so that
    # the moment is still ahead when the command arrives on a slow machine.
    now_ms = page.evaluate("Date.now()")
    page.clock.pause_at(datetime.fromtimestamp((now_ms + 5_000) / 1000, tz=UTC))
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.up()
    page.clock.run_for(1_000)
    page.clock.resume()


def menu_pages(page: Any) -> list[str]:
    """The page titles in the sidebar menu (each link's text ends with its title)."""
    return [text.splitlines()[-1].strip() for text in page.locator(NAV_LINK).all_inner_texts()]
