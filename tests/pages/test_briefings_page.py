"""Briefing page: staff choose audience, scope, periods and language and get both files;
the figures are the audience's; constituents cannot open it."""

from __future__ import annotations

import json

from sqlalchemy import select

from data_access.briefings.generate import BriefingFiles
from data_access.db import engine_for
from data_access.models import AuditEntry
from tests.data_access.briefings.readers import docx_text, pdf_text
from tests.pages.dashboard_fixtures import SECRET_NAMES, leak_db_url  # noqa: F401 - fixture
from tests.pages.harness import all_text, run_page

PAGE = "pages/briefings.py"
RESULT_KEY = "briefings_result"


def _prepare(db_url: str, audience: str, provinces: list[str], lang: str = "vi"):
    at = run_page(PAGE, "ilo", lang="vi", db_url=db_url, username="ilo.page", timeout=180)
    assert not at.exception
    at.radio(key="briefings_audience").set_value(audience)
    at.multiselect(key="briefings_provinces").set_value(provinces)
    at.multiselect(key="briefings_sectors").set_value([])
    at.select_slider(key="briefings_period").set_value((2025, 2025))
    at.select_slider(key="briefings_comparison").set_value((2024, 2024))
    at.radio(key="briefings_language").set_value(lang)
    at.button[0].click().run(timeout=180)
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_staff_prepare_a_vietnamese_vgcl_briefing(leak_db_url: str) -> None:  # noqa: F811
    at = _prepare(leak_db_url, "vgcl", ["79"])
    files = at.session_state[RESULT_KEY]
    assert isinstance(files, BriefingFiles)
    assert files.briefing.scope.role == "vgcl"
    assert [button.label for button in at.get("download_button")] == [
        "Word (DOCX, chỉnh sửa được)",
        "PDF",
    ]
    assert at.success[0].value.startswith("Đã xong: Tài liệu phục vụ cuộc họp với")
    assert "giây" in at.success[0].value
    assert files.docx_name == "briefing-vgcl_ho-chi-minh-city_2025_vs-2024_vi.docx"
    shown = all_text(at)
    # Hà Nội's 2 and Đà Nẵng's 3 factories can only be hidden together with Hồ Chí Minh
    # here (the group rule), so the city's union figures, and the talking point on
    # them, are withheld from a VGCL briefing; the national one has it, on screen too.
    assert "Công đoàn cơ sở" not in shown
    assert "Công đoàn cơ sở" in all_text(_prepare(leak_db_url, "vgcl", []))
    for text in (docx_text(files.docx), pdf_text(files.pdf)):
        assert "Hồ Chí Minh" in text
        for secret in SECRET_NAMES:
            assert secret not in text
    with engine_for(leak_db_url).connect() as connection:
        entry = connection.execute(
            select(AuditEntry)
            .where(AuditEntry.action == "briefing", AuditEntry.username == "ilo.page")
            .order_by(AuditEntry.id.desc())
        ).first()
    assert entry is not None and json.loads(entry.detail)["audience"] == "vgcl"


def test_national_briefing_hides_small_provinces_for_the_ministry(
    leak_db_url: str,  # noqa: F811
) -> None:
    at = _prepare(leak_db_url, "molisa", [], lang="en")
    files = at.session_state[RESULT_KEY]
    text = pdf_text(files.pdf)
    assert "Ho Chi Minh City" in text
    for secret in SECRET_NAMES:
        assert secret not in text
    tables = files.briefing.document.sections
    province_rows = next(
        table.rows
        for section in tables
        for table in section.tables
        if table.columns[0] == "Province"
    )
    small = [row for row in province_rows if row[0] in {"Ha Noi", "Da Nang"}]
    assert small and all(set(row[1:]) == {"–"} for row in small)


def test_same_periods_are_refused(leak_db_url: str) -> None:  # noqa: F811
    at = run_page(PAGE, "ilo", lang="en", db_url=leak_db_url)
    at.select_slider(key="briefings_period").set_value((2025, 2025))
    at.select_slider(key="briefings_comparison").set_value((2025, 2025))
    at.button[0].click().run()
    assert at.warning[0].value == "Choose a comparison period different from the period."
    assert RESULT_KEY not in at.session_state


def test_constituents_cannot_open_it(leak_db_url: str) -> None:  # noqa: F811
    for role in ("molisa", "vcci", "vgcl"):
        at = run_page(PAGE, role, lang="en", db_url=leak_db_url)
        assert at.error[0].value == "Briefings are prepared by ILO programme staff."
        assert not at.get("form")
    assert "Please sign in" in run_page(PAGE, None, db_url=leak_db_url).error[0].value
