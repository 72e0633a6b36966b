"""In the browser: a download button on a page and on the Downloads page hands over
the file a person would open, equal to the data layer's figures; the dataframe toolbar
offers no export of its own; the Briefing page produces a Vietnamese Word document and
PDF for a VGCL meeting on Ho Chi Minh City."""

from __future__ import annotations

import io
import time
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from data_access.db import make_engine
from data_access.exports.columns import column_header
from data_access.exports.writers import read_csv_export
from data_access.filters import Filters
from data_access.i18n import fmt_percent
from data_access.indicators import non_compliance, top_non_compliance
from data_access.periods import comparison
from data_access.refdata import reference
from data_access.scope import Scope, audience_scope
from tests.data_access.briefings.readers import docx_tables, docx_text, pdf_text
from tests.e2e.helpers import assert_no_exception, open_expander, wait_for_app
from tests.e2e.helpers import sign_in as sign_in_on

FILTERS = Filters(year_from=2025, year_to=2025)
QUERY = "year_from=2025&year_to=2025"
STAFF = Scope("ilo", "ilo", "ilo.demo")


def sign_in(page: Any, base: str, path: str, username: str, password: str) -> None:
    """Open a link, sign in on it, and land on the linked page with its filters."""
    assert sign_in_on(page, base, username, password, path=f"/{path}")
    assert_no_exception(page)


def download(page: Any, button: Any) -> tuple[str, bytes]:
    """Click a download button once the app is idle: a button drawn by a rerun that is
    still in flight may carry a file id the next rerun has already replaced."""
    button.wait_for(timeout=120_000)
    wait_for_app(page)
    with page.expect_download(timeout=120_000) as info:
        button.click()
    item = info.value
    return item.suggested_filename, Path(item.path()).read_bytes()


@pytest.fixture
def engine(e2e_env: dict[str, str]):  # the e2e app's own database
    engine = make_engine(e2e_env["DATABASE_URL"])
    yield engine
    engine.dispose()


def _codes(header: list[str], frame: Any) -> list[str]:
    """The file's Vietnamese headers back to the frame's column names."""
    names = {column_header(str(column), "vi"): str(column) for column in frame.columns}
    return [names.get(str(cell), str(cell)) for cell in header]


def test_page_table_download_equals_the_data_layer(
    app_server: str, browser_page: Any, engine: Any, artifacts_dir: Path
) -> None:
    page = browser_page
    sign_in(page, app_server, f"overview?{QUERY}", "ilo.demo", "demo-ilo-2026")
    tables = page.locator("[data-testid='stExpander']").filter(has_text="Bảng số liệu và tải xuống")
    top = tables.nth(0)  # the overview opens on the worst points, under the cards
    top.wait_for(timeout=120_000)  # the first visit computes every figure of the page
    open_expander(page, top)

    top.locator("[data-testid='stDataFrame']").first.hover()
    toolbar_buttons = page.locator("[data-testid='stElementToolbar'] button")
    labels = [button.get_attribute("aria-label") or "" for button in toolbar_buttons.all()]
    assert labels and not any("Download as CSV" in label for label in labels), labels

    name, data = download(
        page, top.locator("[data-testid='stDownloadButton']").filter(has_text="CSV")
    )
    page.screenshot(path=str(artifacts_dir / "downloads-overview.png"))
    assert name == "top-non-compliance_2025.csv"
    meta, header, rows = read_csv_export(data)
    header = _codes(header, expected := top_non_compliance(engine, STAFF, FILTERS, n=5))
    assert dict(meta)["Bộ lọc"] == "Tất cả ngành, tất cả tỉnh, thành phố, 2025"
    assert len(rows) == len(expected) == 5
    for row, (_, want) in zip(rows, expected.iterrows(), strict=True):
        record = dict(zip(header, row, strict=True))
        assert record["compliance_point"] == want["compliance_point"]
        assert record["compliance_point_name_vi"] == want["compliance_point_name_vi"]
        assert float(record["rate"]) == pytest.approx(float(want["rate"]), abs=1e-12)
        assert int(record["assessed"]) == int(want["assessed"])


def test_downloads_page_xlsx_for_a_constituent(
    app_server: str, browser_page: Any, engine: Any
) -> None:
    page = browser_page
    sign_in(page, app_server, f"downloads?{QUERY}", "vgcl.demo", "demo-vgcl-2026")
    button = page.locator("[data-testid='stDownloadButton']").filter(has_text="Excel (XLSX)")
    name, data = download(page, button)
    assert name == "non-compliance_by-point_2025.xlsx"
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    assert workbook.sheetnames == ["Dữ liệu", "Thông tin tệp"]
    values = list(workbook["Dữ liệu"].iter_rows(values_only=True))
    expected = non_compliance(engine, audience_scope("vgcl"), FILTERS)
    header, rows = _codes(list(values[0]), expected), values[1:]
    assert len(rows) == len(expected)
    for row, (_, want) in zip(rows, expected.iterrows(), strict=True):
        record = dict(zip(header, row, strict=True))
        assert record["compliance_point"] == want["compliance_point"]
        if want["suppressed"]:
            assert record["rate"] == "Ẩn"
        else:
            assert record["rate"] == pytest.approx(float(want["rate"]), abs=1e-12)
    about = {row[0]: row[1] for row in workbook["Thông tin tệp"].iter_rows(values_only=True)}
    assert "Tổng" in about["Tổ chức"] or "VGCL" in about["Tổ chức"]


def test_vietnamese_vgcl_briefing_for_ho_chi_minh_city(
    app_server: str, browser_page: Any, engine: Any, artifacts_dir: Path
) -> None:
    page = browser_page
    started = time.monotonic()
    sign_in(page, app_server, "briefings", "ilo.demo", "demo-ilo-2026")
    form = page.locator("[data-testid='stForm']")
    form.wait_for(timeout=120_000)
    form.get_by_text("Tổng LĐLĐVN", exact=True).click()
    # One place, all sectors: a constituent audience gets one breakdown at a time, so a
    # province's garment factories alone would be withheld (the disclosure rule).
    _choose(page, form, "Tỉnh, thành phố (để trống: toàn quốc)", "Hồ Chí Minh")
    form.get_by_text("Tiếng Việt", exact=True).click()
    form.get_by_role("button", name="Tạo tài liệu").click()
    page.locator("[data-testid='stAlertContentSuccess']").wait_for(timeout=180_000)
    wait_for_app(page)
    assert_no_exception(page)
    page.screenshot(path=str(artifacts_dir / "briefing-page.png"), full_page=True)

    buttons = page.locator("[data-testid='stDownloadButton']")
    docx_name, docx_data = download(page, buttons.filter(has_text="Word"))
    pdf_name, pdf_data = download(page, buttons.filter(has_text="PDF"))
    elapsed = time.monotonic() - started
    print(f"\nSign-in to both files downloaded: {elapsed:.1f} s")
    assert docx_name.startswith("briefing-vgcl_ho-chi-minh-city_")
    assert docx_name.endswith("_vi.docx") and pdf_name == docx_name[:-5] + ".pdf"
    (artifacts_dir / pdf_name).write_bytes(pdf_data)

    words, text = docx_text(docx_data), pdf_text(pdf_data)
    for content in (words, text):
        assert "Tài liệu phục vụ cuộc họp với Tổng LĐLĐVN" in content
        assert "Hồ Chí Minh" in content and "Công đoàn cơ sở" in content
    issues = next(table for table in docx_tables(docx_data) if table[0][0] == "#")
    # The app opens on the latest year with data; a year still running is shown as the
    # months it covers, compared with the same months of the year before.
    ref = reference(engine)
    after = Filters(
        year_from=ref.latest_year,
        year_to=ref.latest_year,
        provinces=("79",),
    )
    compared = comparison(after, ref)
    assert issues[0][3] == compared.after.describe_period("vi")
    assert issues[0][4] == compared.before.describe_period("vi")
    expected = top_non_compliance(engine, audience_scope("vgcl"), after, n=5)
    for row, (_, want) in zip(issues[1:], expected.iterrows(), strict=True):
        assert row[1] == want["compliance_point_name_vi"]
        assert row[3] == fmt_percent(float(want["rate"]), "vi")
        assert row[3] in text


def _choose(page: Any, form: Any, label: str, option: str) -> None:
    box = form.locator("[data-testid='stMultiSelect']").filter(has_text=label)
    box.locator("input").click()
    box.locator("input").fill(option)
    page.get_by_role("option", name=option, exact=True).first.click()
    page.keyboard.press("Escape")
