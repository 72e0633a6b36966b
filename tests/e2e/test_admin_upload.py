"""A data clerk in a real browser: signs in as the administrator, uploads the example
factories file broken in three ways, reads the validation report (and downloads it),
uploads the corrected file, sees the preview, confirms, and the factories are there."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from sqlalchemy import func, select

from data_access.db import make_engine
from data_access.i18n import t
from data_access.imports.formats import FACTORIES
from data_access.imports.templates import EXAMPLE_FACTORIES, csv_bytes
from data_access.models import Factory
from tests.e2e.helpers import assert_no_exception, rerun_after, sign_in, wait_for_app

FILE_INPUT = "[data-testid='stFileUploader'] input[type='file']"


def _example() -> bytes:
    return csv_bytes([c.name for c in FACTORIES.columns], [[*row, ""] for row in EXAMPLE_FACTORIES])


def _upload(page, name: str, data: bytes) -> None:
    rerun_after(
        page,
        lambda: page.locator(FILE_INPUT).set_input_files(
            files=[{"name": name, "mimeType": "text/csv", "buffer": data}]
        ),
    )


def test_upload_broken_file_read_report_fix_and_load(
    app_server, browser_page, e2e_env, artifacts_dir: Path
):
    page = browser_page
    assert sign_in(page, app_server, "admin.demo", "demo-admin-2026", path="/admin_data")
    page.goto(f"{app_server}/admin_data")
    wait_for_app(page)
    page.wait_for_selector(FILE_INPUT, state="attached")
    assert_no_exception(page)

    example = _example().decode("utf-8-sig")
    broken = (
        example.replace("1250,980", "1250,1980")
        .replace("2021-01-11", "2021-13-11")
        .replace("Dong Nai", "Dong Naai")
    )
    _upload(page, "nha_may.csv", broken.encode("utf-8-sig"))
    refused = t("admin.status.invalid", "vi", file="nha_may.csv")
    page.get_by_text(refused).wait_for()
    body = page.inner_text("body")
    assert t("admin.report.title", "vi") in body
    assert t("admin.import.problem_counts", "vi", errors="3", warnings="0") in body
    assert page.locator("[data-testid='stDataFrame']").count() >= 1
    assert page.get_by_role("button", name=t("admin.import.confirm", "vi")).count() == 0
    page.screenshot(path=str(artifacts_dir / "admin-upload-report.png"), full_page=True)

    with page.expect_download() as download:
        page.get_by_role("button", name=t("admin.report.download", "vi")).click()
    rows = list(csv.reader(io.StringIO(Path(download.value.path()).read_text("utf-8-sig"))))
    cells = {(row[2], row[3], row[4]) for row in rows[1:]}
    assert cells == {
        ("2", "workers_women", "1980"),
        ("5", "joined_on", "2021-13-11"),
        ("5", "province", "Dong Naai"),
    }

    _upload(page, "nha_may.csv", _example())
    page.get_by_text(t("admin.status.preview", "vi", file="nha_may.csv")).wait_for()
    confirm = page.get_by_role("button", name=t("admin.import.confirm", "vi"))
    page.screenshot(path=str(artifacts_dir / "admin-upload-preview.png"), full_page=True)
    rerun_after(page, confirm.click)
    page.get_by_text(t("admin.status.committed", "vi", file="nha_may.csv")).wait_for()
    assert_no_exception(page)
    page.screenshot(path=str(artifacts_dir / "admin-upload-loaded.png"), full_page=True)

    engine = make_engine(e2e_env["DATABASE_URL"])
    with engine.connect() as connection:
        loaded = connection.scalar(
            select(func.count()).select_from(Factory).where(Factory.code.like("EXAMPLE-%"))
        )
    engine.dispose()
    assert loaded == len(EXAMPLE_FACTORIES)
