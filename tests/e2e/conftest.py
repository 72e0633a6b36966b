"""A real server and a real browser: Streamlit started once per test session on a free
loopback port against its own demo database, health-checked, and driven by Debian's
chromium through Playwright.

All e2e tests share one xdist group so only one worker seeds a database and starts a
server. Screenshots go to `test-artifacts/` so a person can look at what was tested.
"""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.app_process import CHROMIUM, CHROMIUM_ARGS, REPO_ROOT, AppProcess, environment
from tests.e2e.helpers import new_context

ARTIFACTS = REPO_ROOT / "test-artifacts"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/e2e/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.e2e)
            item.add_marker(pytest.mark.xdist_group("e2e"))


@pytest.fixture(scope="session")
def e2e_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Environment of the app under test: its own seeded SQLite file and a fresh cookie key."""
    workdir = tmp_path_factory.mktemp("e2e")
    env = environment(
        os.environ.get("TD_E2E_DATABASE_URL") or f"sqlite:///{workdir / 'e2e.db'}",
        secrets.token_urlsafe(48),
        PYTHONPATH=str(REPO_ROOT),
    )
    subprocess.run(
        [sys.executable, "-m", "data_access.cli", "init-db", "--demo"],
        cwd=REPO_ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    return env


@pytest.fixture(scope="session")
def app_server(e2e_env: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of a running app, e.g. http://127.0.0.1:54321."""
    log = tmp_path_factory.mktemp("e2e-log") / "streamlit.log"
    with AppProcess(e2e_env, log) as server:
        yield server.url


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=list(CHROMIUM_ARGS))
        yield instance
        instance.close()


@pytest.fixture
def browser_page(browser: object) -> Iterator[object]:
    """A fresh browser context (no cookies) per test, downloads accepted."""
    context = new_context(
        browser, accept_downloads=True, viewport={"width": 1400, "height": 1000}, locale="vi-VN"
    )
    page = context.new_page()
    page.set_default_timeout(30_000)
    yield page
    context.close()


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    path = ARTIFACTS / "screenshots"
    path.mkdir(parents=True, exist_ok=True)
    return path
