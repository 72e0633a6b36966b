"""Reading the app as its users do: axe-core on every page a constituent and a staff
member may open, in both languages (no serious or critical violation); at 1366×768
each page's heading, headline figures and main chart in the first screen; at 390×844
(a phone) the sidebar collapsed and closing after a tap in the menu, nothing wider
than the screen in any tab, and a screenshot of each tab kept for a person to look at;
signing in and reaching the filters by keyboard alone.

One signed-in browser context serves every page of a role and language, so the whole
file costs a few page loads per page, not a sign-in each. Reports (axe's violations,
each page's height and where its headline and chart sit) are written under
`test-artifacts/reading/` before anything is asserted, so a failing run still says
what it saw.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from data_access.bootstrap import DEMO_USERS
from tests.e2e.app_process import REPO_ROOT
from tests.e2e.conftest import ARTIFACTS
from tests.e2e.helpers import (
    NAV_LINK,
    PASSWORD_INPUT,
    SIGN_OUT_BUTTON,
    USERNAME_INPUT,
    browser_cookie,
    new_context,
    rerun_after,
    sign_in,
    wait_for_app,
    wait_for_charts,
)
from ui.auth import COOKIE_NAME
from ui.navigation import PAGES_BY_KEY, pages_for

AXE_SCRIPT = REPO_ROOT / ".tools" / "npm" / "node_modules" / "axe-core" / "axe.min.js"
REPORTS = ARTIFACTS / "reading"
PASSWORDS = {role: (username, password) for username, role, _name, password in DEMO_USERS}
#: A constituent, and the staff role that sees every page (admin pages included).
ROLES: tuple[str, ...] = ("molisa", "admin")
LAPTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}
#: An Android phone's user agent: Streamlit closes its sidebar after a menu tap only on
#: a device it takes for a phone.
PHONE_AGENT = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Mobile Safari/537.36"
)
#: Pages whose question is answered by a chart (or the map): it must start in the
#: first screen at 1366×768, under the headline figures.
CHART_PAGES: frozenset[str] = frozenset(
    {"overview", "provinces", "sector_compliance", "social_dialogue"}
)
SERIOUS = ("serious", "critical")
#: Where the page's heading, first visible metric and first visible chart sit, and how
#: tall the page is (Streamlit scrolls its main block, not the document).
MEASURE = """() => {
    const main = document.querySelector("[data-testid='stMain']");
    const shown = el => el.offsetParent !== null && el.getBoundingClientRect().height > 0;
    const box = selector => {
        const el = Array.from(document.querySelectorAll(selector)).find(shown);
        if (!el) return null;
        const r = el.getBoundingClientRect();
        return {top: r.top, bottom: r.bottom, width: r.width, text: el.innerText.trim()};
    };
    return {
        height: main ? main.scrollHeight : null,
        heading: box("[data-testid='stMain'] h1"),
        metric: box("[data-testid='stMain'] [data-testid='stMetric']"),
        chart: box("[data-testid='stMain'] [data-testid='stVegaLiteChart'], "
                   + "[data-testid='stMain'] [data-testid='stDeckGlJsonChart']"),
    };
}"""
#: Elements sticking out of the screen's right edge, unless a scrolling box of their
#: own (a table) holds them; and whether the main block scrolls sideways.
OVERFLOW = """(width) => {
    const main = document.querySelector("[data-testid='stMain']");
    const clipped = el => {
        for (let p = el.parentElement; p && p !== main; p = p.parentElement) {
            const style = getComputedStyle(p);
            if (["auto", "scroll", "hidden"].includes(style.overflowX)
                && p.getBoundingClientRect().right <= width + 1) return true;
        }
        return false;
    };
    const wide = Array.from(main.querySelectorAll("*"))
        .filter(el => el.offsetParent !== null)
        .filter(el => el.getBoundingClientRect().right > width + 1 && !clipped(el))
        .map(el => (el.getAttribute("data-testid") || el.tagName) + " "
                   + Math.round(el.getBoundingClientRect().right));
    return {scrollWidth: main.scrollWidth, clientWidth: main.clientWidth,
            wide: wide.slice(0, 10)};
}"""


def _pages(role: str) -> list[str]:
    return [spec.key for spec in pages_for(role) if spec.exists()]


def _open(page: Any, base: str, key: str, lang: str) -> None:
    page.goto(f"{base}/{key}?lang={lang}")
    wait_for_app(page)
    wait_for_charts(page)


def _axe(page: Any) -> list[dict[str, Any]]:
    """Serious and critical violations, each with the markup of its first few nodes."""
    page.add_script_tag(path=str(AXE_SCRIPT))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        {
            "id": violation["id"],
            "impact": violation["impact"],
            "help": violation["help"],
            "nodes": [node["html"][:300] for node in violation["nodes"][:5]],
            "count": len(violation["nodes"]),
        }
        for violation in result["violations"]
        if violation["impact"] in SERIOUS
    ]


def _write(name: str, report: object) -> None:
    REPORTS.mkdir(parents=True, exist_ok=True)
    (REPORTS / name).write_text(json.dumps(report, ensure_ascii=False, indent=1))


@pytest.fixture(scope="module")
def signed_in(browser: Any, app_server: str) -> Iterator[Any]:
    """One browser context per (role, language, screen), signed in once and reused."""
    contexts: dict[tuple[str, str, str], Any] = {}

    def context_for(role: str, lang: str, screen: str) -> Any:
        key = (role, lang, screen)
        if key not in contexts:
            options: dict[str, Any] = {"viewport": LAPTOP, "locale": f"{lang}-VN"}
            if screen == "phone":
                options = {
                    "viewport": PHONE,
                    "locale": f"{lang}-VN",
                    "user_agent": PHONE_AGENT,
                    "is_mobile": True,
                    "has_touch": True,
                }
            context = new_context(browser, **options)
            page = context.new_page()
            page.set_default_timeout(30_000)
            username, password = PASSWORDS[role]
            assert sign_in(page, app_server, username, password, path=f"?lang={lang}")
            contexts[key] = page
        return contexts[key]

    yield context_for
    for page in contexts.values():
        page.context.close()


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("role", ROLES)
def test_every_page_passes_axe_and_answers_in_the_first_screen(
    role: str, lang: str, app_server: str, signed_in: Any
) -> None:
    page = signed_in(role, lang, "laptop")
    violations: dict[str, list[dict[str, Any]]] = {}
    layout: dict[str, dict[str, Any]] = {}
    for key in _pages(role):
        _open(page, app_server, key, lang)
        violations[key] = _axe(page)
        layout[key] = page.evaluate(MEASURE)
    _write(f"axe_{role}_{lang}.json", violations)
    _write(f"laptop_{role}_{lang}.json", layout)

    found = {key: [v["id"] for v in found] for key, found in violations.items() if found}
    assert found == {}, json.dumps(violations, ensure_ascii=False, indent=1)
    fold = LAPTOP["height"]
    for key, where in layout.items():
        assert where["heading"] and where["heading"]["bottom"] <= fold, (key, where)
        # The heading says what the menu said: one name per page.
        assert where["heading"]["text"] == PAGES_BY_KEY[key].title(lang), (key, where)
        if where["metric"]:
            assert where["metric"]["bottom"] <= fold, (key, where)
        if key in CHART_PAGES:
            chart = where["chart"]
            # The main chart starts in the first screen: its title and first bars show.
            assert chart and chart["top"] < fold - 120, (key, where)


def test_signed_out_page_passes_axe(browser: Any, app_server: str) -> None:
    context = new_context(browser, viewport=LAPTOP, locale="vi-VN")
    page = context.new_page()
    try:
        page.goto(f"{app_server}/?lang=vi")
        wait_for_app(page)
        found = _axe(page)
        _write("axe_signed_out_vi.json", found)
        assert found == [], json.dumps(found, ensure_ascii=False, indent=1)
    finally:
        context.close()


def _tabs_fit(page: Any, key: str, shots: Path, role: str) -> dict[str, Any]:
    """Every tab of the page's sections, each opened as a person would, measured and
    photographed: a chart too wide for a phone may sit in any of them."""
    seen: dict[str, Any] = {}
    tabs = page.locator("[data-testid='stMain'] [data-testid='stTabs']").first
    count = tabs.locator("[data-testid='stTab']").count() if tabs.count() else 0
    for index in range(max(count, 1)):
        if count:
            tabs.locator("[data-testid='stTab']").nth(index).click()
            wait_for_charts(page)
        seen[f"{key}#{index}"] = page.evaluate(OVERFLOW, PHONE["width"])
        page.screenshot(path=str(shots / f"phone_{role}_{key}_{index}.png"))
    return seen


@pytest.mark.parametrize("role", ROLES)
def test_every_page_fits_a_phone(role: str, app_server: str, signed_in: Any) -> None:
    page = signed_in(role, "vi", "phone")
    shots = ARTIFACTS / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    report: dict[str, Any] = {}
    sidebar = page.locator("[data-testid='stSidebar']")
    for key in _pages(role):
        _open(page, app_server, key, "vi")
        report[key] = {"sidebar_collapsed": sidebar.get_attribute("data-collapsed")}
        report.update(_tabs_fit(page, key, shots, role))
    # The filters are one tap away, and a tap on a page in the menu closes the sidebar.
    page.locator("[data-testid='stExpandSidebarButton']").click()
    expect(sidebar).to_have_attribute("data-collapsed", "false")
    expect(sidebar.locator("[data-testid='stSelectbox']").first).to_be_visible()
    page.screenshot(path=str(shots / f"phone_{role}_sidebar_open.png"))
    rerun_after(page, page.locator(NAV_LINK).first.click)
    expect(sidebar).to_have_attribute("data-collapsed", "true")
    _write(f"phone_{role}.json", report)
    for key, seen in report.items():
        if "sidebar_collapsed" in seen:
            assert seen["sidebar_collapsed"] == "true", (key, seen)
        else:
            assert seen["scrollWidth"] <= seen["clientWidth"], (key, seen)
            assert seen["wide"] == [], (key, seen)


def _tab_to(page: Any, selector: str, presses: int = 25) -> int:
    """Press Tab until the element matching `selector` has the focus; how many presses."""
    for count in range(1, presses + 1):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement?.matches(s) ?? false", selector):
            return count
    raise AssertionError(f"{selector} never got the focus by keyboard")


def test_signing_in_and_filtering_by_keyboard(browser: Any, app_server: str) -> None:
    """Tab reaches the user name, then the password, Enter signs in; from there Tab
    reaches the sidebar's filters, and a filter can be opened from the keyboard."""
    context = new_context(browser, viewport=LAPTOP, locale="vi-VN")
    page = context.new_page()
    try:
        page.goto(f"{app_server}/?lang=vi")
        wait_for_app(page)
        username, password = PASSWORDS["molisa"]
        _tab_to(page, USERNAME_INPUT)
        page.keyboard.type(username)
        assert _tab_to(page, PASSWORD_INPUT, presses=1) == 1
        page.keyboard.type(password)
        page.keyboard.press("Enter")
        page.wait_for_selector(SIGN_OUT_BUTTON, timeout=60_000)
        browser_cookie(page, COOKIE_NAME, present=True)
        page.reload()
        wait_for_app(page)
        _tab_to(page, "[data-testid='stSidebar'] [data-testid='stSelectbox'] input", 60)
        page.keyboard.press("ArrowDown")
        # The list opens in the browser once the focused widget reacts; on a loaded
        # machine that can take longer than expect's 5 s default.
        expect(page.locator("[role='listbox']").first).to_be_visible(timeout=30_000)
    finally:
        context.close()
