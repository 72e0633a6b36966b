"""Scale-out: two app processes on ONE PostgreSQL database behave as one application.

The deployment in docs/DEPLOYMENT.md runs several `streamlit run app.py` processes
behind a sticky proxy, sharing only the database. What makes that safe is that no
process keeps anything of its own that another must know about: figures are cached
per process but keyed by the database's `data_version`, which every import moves in
its own transaction. This test runs that set-up for real — two servers on two
loopback ports, one fresh PostgreSQL database, a browser on each — and shows:

1. the viewer's process serves its cache (a row written behind the app's back, with
   no import and no version bump, is not on screen after a rerun), so what follows is
   not merely "nothing is cached";
2. an administrator's import through the *other* process is on the viewer's screen at
   the viewer's next rerun, with no restart and no message between the processes;
3. one sign-in cookie key serves both processes (each signs its own users in here).
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, insert, select

from data_access.db import make_engine, session_scope
from data_access.demo.generator import generate_demo_data
from data_access.i18n import fmt_number, t
from data_access.imports.formats import FACTORIES
from data_access.imports.templates import EXAMPLE_FACTORIES, csv_bytes
from data_access.models import Dataset, Factory, ImportBatch
from data_access.users import add_user
from tests.conftest import PostgresServer
from tests.e2e.app_process import AppProcess, environment
from tests.e2e.helpers import (
    NAV_LINK,
    assert_no_exception,
    new_context,
    rerun_after,
    sign_in,
    wait_for_app,
)
from ui.navigation import PAGES_BY_KEY

pytestmark = [pytest.mark.postgres]

LANG = "vi"
ADMIN = ("scale.admin", "admin", "Scale-out administrator")
ANALYST = ("scale.analyst", "ilo", "Scale-out analyst")
PASSWORD = "scale-out-" + secrets.token_urlsafe(12)
FILE_INPUT = "[data-testid='stFileUploader'] input[type='file']"
SCALE_FACTORIES = 12


@pytest.fixture
def shared_database(postgres_server: PostgresServer) -> str:
    """A fresh, migrated PostgreSQL database with a little data and two real (non-demo)
    accounts, so the processes can run in production mode."""
    url = postgres_server.fresh_url()
    engine = make_engine(url)
    generate_demo_data(engine, factories=SCALE_FACTORIES, years=1, seed=41)
    with session_scope(engine) as session:
        for username, role, name in (ADMIN, ANALYST):
            add_user(session, username, PASSWORD, role, name)
    engine.dispose()
    return url


@pytest.fixture
def two_processes(shared_database: str, tmp_path: Path) -> Iterator[tuple[str, str]]:
    """Two app processes, A and B, with the same configuration a farm gives them."""
    env = environment(shared_database, secrets.token_urlsafe(48), TD_PRODUCTION="1")
    servers = [AppProcess(env, tmp_path / f"app-{name}.log") for name in ("a", "b")]
    try:
        for server in servers:
            server.start()
        for server in servers:
            server.wait_healthy()
        yield servers[0].url, servers[1].url
    finally:
        for server in servers:
            server.stop()


def _open(page, title_key: str) -> None:
    """Go to a page through the sidebar menu: a rerun in the same browser session."""
    title = PAGES_BY_KEY[title_key].title(LANG)
    rerun_after(page, page.locator(NAV_LINK).filter(has_text=title).first.click)


def _factory_count_shown(page) -> str:
    _open(page, "overview")
    _open(page, "factories")
    assert_no_exception(page)
    return page.inner_text("[data-testid='stMain']")


def _count_text(count: int) -> str:
    return t("pages.factories.count", LANG, n=fmt_number(count, LANG))


def _write_behind_the_apps_back(url: str) -> None:
    """A factory inserted directly, without an import and without moving the data
    version: what a process that trusts its cache must not notice."""
    engine = make_engine(url)
    with engine.begin() as connection:
        dataset = connection.scalar(select(func.min(Dataset.id)))
        connection.execute(
            insert(Factory).values(
                code="BEHIND-THE-BACK",
                name="Written without an import",
                sector_code="garment",
                province_code="79",
                legacy_province_code="79",
                size_band="500-999",
                workers_total=600,
                workers_women=400,
                joined_on=date(2024, 1, 1),
                dataset_id=dataset,
            )
        )
    engine.dispose()


def _committed_imports(url: str) -> list[datetime]:
    engine = make_engine(url)
    with engine.connect() as connection:
        times = list(
            connection.scalars(
                select(ImportBatch.imported_at).where(
                    ImportBatch.status == "committed", ImportBatch.kind == "factories"
                )
            )
        )
    engine.dispose()
    return times


def test_an_import_through_one_process_is_seen_by_the_other(
    two_processes: tuple[str, str], shared_database: str, browser: Any
) -> None:
    app_a, app_b = two_processes
    example = csv_bytes(
        [column.name for column in FACTORIES.columns], [[*row, ""] for row in EXAMPLE_FACTORIES]
    )
    # The session's one Playwright instance (tests/e2e/conftest.py): a second sync
    # instance in the same worker would refuse to start inside the first one's loop.
    contexts = [new_context(browser, locale="vi-VN") for _ in range(2)]
    try:
        analyst = contexts[0].new_page()
        admin = contexts[1].new_page()
        for page in (analyst, admin):
            page.set_default_timeout(60_000)

        # The analyst works on B and sees the 12 factories.
        # Every year: the listing then counts factories with no assessment yet, as the
        # imported ones are.
        assert sign_in(analyst, app_b, ANALYST[0], PASSWORD, path="/overview?period=all")
        assert _count_text(SCALE_FACTORIES) in _factory_count_shown(analyst)

        # A change without an import: B keeps serving what it cached (still 12).
        _write_behind_the_apps_back(shared_database)
        assert _count_text(SCALE_FACTORIES) in _factory_count_shown(analyst)

        # The administrator imports six factories through A.
        assert sign_in(admin, app_a, ADMIN[0], PASSWORD, path="/admin_data")
        admin.goto(f"{app_a}/admin_data")
        wait_for_app(admin)
        rerun_after(
            admin,
            lambda: admin.locator(FILE_INPUT).set_input_files(
                files=[{"name": "factories.csv", "mimeType": "text/csv", "buffer": example}]
            ),
        )
        confirm = admin.get_by_role("button", name=t("admin.import.confirm", LANG))
        rerun_after(admin, confirm.click)
        admin.get_by_text(t("admin.status.committed", LANG, file="factories.csv")).wait_for()
        assert len(_committed_imports(shared_database)) == 1

        # B's next rerun reads the new data version and recomputes: 12 + 1 + 6.
        shown = _factory_count_shown(analyst)
        assert _count_text(SCALE_FACTORIES + 1 + len(EXAMPLE_FACTORIES)) in shown
    finally:
        for context in contexts:
            context.close()
