"""A stranger's failed sign-ins, in a real browser: two browsers on two addresses (a
server behind one trusted proxy, so each browser's X-Forwarded-For is its address).
The owner signed in from the office two days ago; a stranger has failed 100 times
since and is told, in Vietnamese, when they may try again; the owner signs in from the
office at once; an administrator sees what is watched and the alerts."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import expect

from data_access import audit
from data_access.auth import throttle
from data_access.auth.throttle import PAIR_RULE
from data_access.db import make_engine
from data_access.i18n import VIETNAM_TIME, t
from data_access.users import now
from tests.e2e.app_process import AppProcess
from tests.e2e.helpers import (
    ERROR_ALERT,
    assert_no_exception,
    new_context,
    sign_in,
    sign_out,
    wait_for_app,
)
from tests.e2e.test_login import _add_user

OWNER, PASSWORD = "molisa.vice.minister", "Thứ-trưởng-2026!"
SECOND = timedelta(seconds=1)
OFFICE, STRANGER = "198.51.100.20", "203.0.113.66"


@pytest.fixture(scope="module")
def proxied_server(e2e_env: dict[str, str], tmp_path_factory) -> Iterator[str]:
    """The app as deployed behind one reverse proxy, on the shared test database."""
    _add_user(e2e_env, OWNER, "molisa", PASSWORD)
    log = tmp_path_factory.mktemp("e2e-proxied") / "streamlit.log"
    with AppProcess({**e2e_env, "TD_TRUSTED_PROXIES": "1"}, log) as server:
        yield server.url


def _browser_at(browser, address: str):
    context = new_context(
        browser,
        viewport={"width": 1366, "height": 768},
        locale="vi-VN",
        extra_http_headers={"X-Forwarded-For": address},
    )
    page = context.new_page()
    page.set_default_timeout(30_000)
    return context, page


def test_a_strangers_hundred_failures_do_not_keep_the_owner_out(
    proxied_server, browser, e2e_env, artifacts_dir: Path
):
    office, office_page = _browser_at(browser, OFFICE)
    stranger, stranger_page = _browser_at(browser, STRANGER)
    engine = make_engine(e2e_env["DATABASE_URL"])
    try:
        start = now() - timedelta(hours=1)
        throttle.record(engine, OWNER, OFFICE, success=True, at=start - timedelta(days=2))
        for n in range(99):
            throttle.record(engine, OWNER, STRANGER, success=False, at=start + 25 * n * SECOND)
        assert not sign_in(stranger_page, proxied_server, OWNER, "đoán-lần-100")
        assert (
            stranger_page.locator(ERROR_ALERT)
            .inner_text()
            .strip()
            .endswith(t("shell.login.failed", "vi"))
        )
        assert not sign_in(stranger_page, proxied_server, OWNER, "đoán-lần-101")
        latest = max(watch.latest for watch in throttle.watched(engine, OWNER, STRANGER))
        retry_at = (latest + PAIR_RULE.max_delay).replace(tzinfo=UTC).astimezone(VIETNAM_TIME)
        message = stranger_page.locator(ERROR_ALERT).inner_text()
        assert f"lúc {retry_at:%H:%M:%S}, giờ Việt Nam" in message, message
        assert re.search(r"thử lại sau 1[45] phút", message), message
        stranger_page.screenshot(path=str(artifacts_dir / "sign-in-slowed-vi.png"), full_page=True)

        assert sign_in(office_page, proxied_server, OWNER, PASSWORD), "not stopped by a stranger"
        assert_no_exception(office_page)
        sign_out(office_page)

        assert sign_in(office_page, proxied_server, "admin.demo", "demo-admin-2026")
        office_page.goto(f"{proxied_server}/admin_users")
        wait_for_app(office_page)
        expect(office_page.get_by_text(t("admin.users.watch.title", "vi"))).to_be_visible()
        expect(office_page.get_by_text(t("admin.users.alerts.title", "vi"))).to_be_visible()
        picked = office_page.locator(".st-key-admin_users_watch_pick input")
        expect(picked).to_have_value(f"{t('admin.users.watch.kind.address', 'vi')}: {STRANGER}")
        office_page.screenshot(path=str(artifacts_dir / "admin-watch-vi.png"), full_page=True)
        alerts = audit.entries(engine, "login_alert", start)
        assert {(a.detail["kind"], a.username or a.client_address) for a in alerts} == {
            ("username", OWNER),
            ("address", STRANGER),
        }
    finally:
        engine.dispose()
        office.close()
        stranger.close()
