"""Signing in and out in a real browser against a real server: a wrong then a right
password, the organisation's landing page, sign-out, and an old cookie that no longer
opens anything. Then new users, made with the CLI as an operator would, as a
constituent and as ILO staff, in both languages, each seeing exactly their pages."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from urllib.parse import urlparse

import pytest

from data_access.i18n import t
from tests.e2e.app_process import REPO_ROOT
from tests.e2e.helpers import (
    ERROR_ALERT,
    USERNAME_INPUT,
    assert_no_exception,
    browser_cookie,
    menu_pages,
    new_context,
    sign_in,
    sign_out,
    wait_for_app,
)
from ui.auth import COOKIE_NAME
from ui.navigation import PAGES, pages_for

COOKIE = COOKIE_NAME


def page_path(page) -> str:
    return urlparse(page.url).path.strip("/")


def test_wrong_then_right_password_then_sign_out_and_the_old_cookie_is_dead(
    app_server, browser_page, artifacts_dir: Path
):
    page = browser_page
    page.goto(app_server)
    wait_for_app(page)
    page.wait_for_selector(USERNAME_INPUT)
    page.screenshot(path=str(artifacts_dir / "login-page.png"), full_page=True)

    assert not sign_in(page, app_server, "molisa.demo", "not-the-password")
    assert page.locator(ERROR_ALERT).inner_text().strip().endswith(t("shell.login.failed", "vi"))
    assert not any(cookie["name"] == COOKIE for cookie in page.context.cookies())

    assert sign_in(page, app_server, "molisa.demo", "demo-molisa-2026")
    assert page_path(page) == "provinces", "MOLISA lands on the provinces page"
    assert_no_exception(page)
    assert t("common.synthetic_banner", "vi") in page.inner_text("body")
    assert t("shell.as_of.prefix", "vi") in page.inner_text("body")
    page.screenshot(path=str(artifacts_dir / "landing-molisa.png"), full_page=True)

    cookie = browser_cookie(page, COOKIE, present=True)
    assert cookie["sameSite"] == "Strict"
    page.reload()
    wait_for_app(page)
    assert page_path(page) == "provinces" and page.locator(USERNAME_INPUT).count() == 0, (
        "the cookie brings the person back after a reload"
    )

    sign_out(page)
    browser_cookie(page, COOKIE, present=False)

    page.context.add_cookies([cookie])
    page.goto(f"{app_server}/provinces")
    wait_for_app(page)
    page.wait_for_selector(USERNAME_INPUT)
    assert page_path(page) == "provinces", "the link is kept for after sign-in"
    assert t("common.synthetic_banner", "vi") in page.inner_text("body")
    assert page.locator("[data-testid='stSidebarNavLink']").count() == 0


def test_old_cookie_is_dead_in_a_fresh_browser_too(app_server, browser, browser_page):
    page = browser_page
    assert sign_in(page, app_server, "vcci.demo", "demo-vcci-2026")
    assert page_path(page) == "sector_compliance", "VCCI lands on sector compliance"
    stolen = [browser_cookie(page, COOKIE, present=True)]
    sign_out(page)

    thief = new_context(browser, locale="vi-VN")
    try:
        other = thief.new_page()
        thief.add_cookies(stolen)
        other.goto(f"{app_server}/overview")
        wait_for_app(other)
        other.wait_for_selector(USERNAME_INPUT, timeout=60_000)
        assert other.locator("[data-testid='stSidebarNavLink']").count() == 0
    finally:
        thief.close()


def _add_user(env: dict[str, str], username: str, role: str, password: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "data_access.cli", "add-user", username, "--role", role,
         "--password-stdin"],
        input=password + "\n",
        text=True,
        cwd=REPO_ROOT,
        env=env,
        check=True,
        capture_output=True,
    )  # fmt: skip


@pytest.fixture(scope="module")
def new_users(e2e_env) -> dict[str, tuple[str, str]]:
    users = {
        "vgcl": ("new.union.analyst", "Công-đoàn-2026!"),
        "ilo": ("new.ilo.staff", "BWV-staff-2026!"),
    }
    for role, (username, password) in users.items():
        _add_user(e2e_env, username, role, password)
    return users


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("role", ["vgcl", "ilo"])
def test_a_new_user_sees_exactly_their_pages(
    app_server, browser_page, artifacts_dir, new_users, role, lang
):
    page = browser_page
    username, password = new_users[role]
    assert sign_in(page, app_server, username, password, path=f"/?lang={lang}")
    assert_no_exception(page)
    expected = [p.title(lang) for p in PAGES if p in pages_for(role) and p.file.is_file()]
    assert sorted(menu_pages(page)) == sorted(expected)
    landing = {"vgcl": "social_dialogue", "ilo": "overview"}[role]
    assert page_path(page) == landing
    assert t("shell.session.sign_out", lang) in page.inner_text("section[data-testid='stSidebar']")
    page.screenshot(path=str(artifacts_dir / f"landing-new-{role}-{lang}.png"), full_page=True)

    refused = [p for p in PAGES if p not in pages_for(role) and p.file.is_file()]
    for spec in refused:
        page.goto(f"{app_server}/{spec.key}?lang={lang}")
        wait_for_app(page)
        body = page.inner_text("body")
        assert t("shell.not_for_role.title", lang, page=spec.title(lang)) in body
        assert_no_exception(page)
    sign_out(page)
