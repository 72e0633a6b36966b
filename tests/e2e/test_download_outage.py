"""A download during a database outage, in a real browser: the app reaches PostgreSQL
through a TCP proxy the test stops (outage) and starts again (recovery). Clicked in
the outage, the download gives no file and says so in Vietnamese; after recovery the
same app process, never restarted, hands over the file."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect
from sqlalchemy.engine import make_url

from data_access.db import make_engine, session_scope
from data_access.demo.generator import generate_demo_data
from data_access.exports.writers import read_csv_export
from data_access.i18n import t
from data_access.users import add_user
from tests.conftest import PostgresServer
from tests.e2e.app_process import AppProcess, environment
from tests.e2e.helpers import ERROR_ALERT, assert_no_exception, sign_in, wait_for_app
from tests.e2e.tcp_proxy import TcpProxy

pytestmark = [pytest.mark.postgres]

ANALYST, PASSWORD = "outage.analyst", "outage-" + secrets.token_urlsafe(12)
CSV_BUTTON = "[data-testid='stDownloadButton']"


@pytest.fixture
def proxied_app(postgres_server: PostgresServer, tmp_path: Path) -> Iterator[tuple[str, TcpProxy]]:
    url = postgres_server.fresh_url()
    engine = make_engine(url)
    generate_demo_data(engine, factories=12, years=1, seed=43)
    with session_scope(engine) as session:
        add_user(session, ANALYST, PASSWORD, "ilo", "Outage analyst")
    engine.dispose()
    parsed = make_url(url)
    proxy = TcpProxy((parsed.host or "127.0.0.1", parsed.port or 5432)).start()
    proxied = parsed.set(port=proxy.port).render_as_string(hide_password=False)
    try:
        env = environment(proxied, secrets.token_urlsafe(48))
        with AppProcess(env, tmp_path / "app.log") as app:
            yield app.url, proxy
    finally:
        proxy.stop()


def _csv_button(page: Any) -> Any:
    button = page.locator(CSV_BUTTON).filter(has_text=t("exports.button.csv", "vi")).first
    button.wait_for(timeout=120_000)
    wait_for_app(page)
    return button


def test_a_download_in_an_outage_says_so_and_works_after_recovery(
    proxied_app, browser_page: Any, artifacts_dir: Path
) -> None:
    base, proxy = proxied_app
    page = browser_page
    assert sign_in(page, base, ANALYST, PASSWORD, path="/downloads")
    assert_no_exception(page)
    button = _csv_button(page)
    downloads: list[Any] = []
    page.on("download", lambda download: downloads.append(download))

    proxy.stop()
    button.click()
    alert = page.locator(ERROR_ALERT).filter(has_text="Không tạo được tệp")
    expect(alert).to_be_visible(timeout=60_000)
    wait_for_app(page)
    text = alert.inner_text()
    assert "hiện không kết nối được với cơ sở dữ liệu. Chưa có gì được tải xuống." in text
    assert ".csv" in text, "names the file"
    assert t("shell.db_down.title", "vi") in page.inner_text("body")
    page.screenshot(path=str(artifacts_dir / "download-outage-vi.png"), full_page=True)
    assert downloads == [], "no file in the outage"

    proxy.start()
    page.reload()
    wait_for_app(page)
    with page.expect_download(timeout=120_000) as info:
        _csv_button(page).click()
    meta, header, rows = read_csv_export(Path(info.value.path()).read_bytes())
    assert info.value.suggested_filename.endswith(".csv")
    assert header and rows and meta
    assert page.locator(ERROR_ALERT).filter(has_text="Không tạo được tệp").count() == 0
