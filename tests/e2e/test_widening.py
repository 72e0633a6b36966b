"""The mostly-hidden VCCI case in chromium: footwear in Đồng Nai, 2024–2025 rests on
three factories, so every figure of Sector compliance is hidden. The page says why in
Vietnamese and offers, in one click, the nearest wider selection with figures; after
the click the figures are there and the link says what is shown. Screenshots of both
states (desktop and phone) are kept in test-artifacts/ for a person to look at."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from playwright.sync_api import expect

from data_access.bootstrap import DEMO_USERS
from data_access.i18n import t
from data_access.reasons import reason_text
from tests.e2e.helpers import (
    assert_no_exception,
    rerun_after,
    sign_in,
    wait_for_app,
    wait_for_charts,
)

PASSWORDS = {role: (username, password) for username, role, _name, password in DEMO_USERS}
CASE = "year_from=2024&year_to=2025&province=75&sector=footwear&lang=vi"
VIEWPORTS = {"desktop": (1366, 768), "phone": (390, 844)}


PHONE_WIDTH = 640
SIDEBAR = "[data-testid='stSidebar']"


def _shot(page: Any, path: Path) -> None:
    wait_for_app(page)
    page.screenshot(path=str(path))


def test_the_mostly_hidden_case_explains_itself_and_widens_in_one_click(
    app_server: str, browser_page: Any, artifacts_dir: Path
) -> None:
    page = browser_page
    username, password = PASSWORDS["vcci"]
    assert sign_in(page, app_server, username, password, path=f"/sector_compliance?{CASE}")
    for name, (width, height) in VIEWPORTS.items():
        page.set_viewport_size({"width": width, "height": height})
        page.goto(f"{app_server}/sector_compliance?{CASE}")
        wait_for_app(page)
        assert_no_exception(page)
        if width < PHONE_WIDTH:
            # The sidebar starts closed on a phone, so the notice is what a person sees.
            expect(page.locator(SIDEBAR)).to_have_attribute("data-collapsed", "true")
        # Footwear in one province crosses two breakdowns, which constituents are not given.
        notice = page.get_by_text(reason_text("crossing", "vi"), exact=False).first
        notice.wait_for()
        button = page.get_by_role("button", name=t("pages.widgets.widen", "vi", what="")[:20])
        button.first.wait_for()
        assert "tất cả tỉnh, thành phố" in button.first.inner_text()
        button.first.scroll_into_view_if_needed()
        _shot(page, artifacts_dir / f"widening_before_{name}.png")

        rerun_after(page, button.first.click)
        page.wait_for_function("() => !window.location.search.includes('province=75')")
        assert_no_exception(page)
        assert (
            page.get_by_role("button", name=t("pages.widgets.widen", "vi", what="")[:20]).count()
            == 0
        )
        assert "sector=footwear" in page.url and "year_from=2024" in page.url
        wait_for_charts(page)
        _shot(page, artifacts_dir / f"widening_after_{name}.png")
