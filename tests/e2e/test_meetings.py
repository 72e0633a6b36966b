"""In the browser: an ILO officer records tomorrow's tripartite meeting and attaches its
briefing; a VGCL viewer then reads it in Vietnamese, with the kept briefing's files,
at a laptop's 1366×768 and a phone's 390×844 (screenshots under test-artifacts/)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from data_access.db import make_engine
from data_access.meetings.frozen import briefings_of
from data_access.meetings.records import meetings_for
from data_access.scope import Scope
from tests.data_access.briefings.readers import docx_text
from tests.e2e.helpers import assert_no_exception, open_expander, sign_in, wait_for_app

TITLE = "Họp ba bên tháng 12: chuẩn bị lộ trình 2027"
STAFF = Scope("ilo", "ilo", "ilo.demo")
VGCL = Scope("vgcl", "vgcl", "vgcl.demo")
VIEWPORTS = {"desktop": {"width": 1366, "height": 768}, "phone": {"width": 390, "height": 844}}


def _context(browser: Any, viewport: dict[str, int]) -> Any:
    context = browser.new_context(accept_downloads=True, viewport=viewport, locale="vi-VN")
    context.set_default_timeout(30_000)
    return context


def _choose(page: Any, box: Any, option: str) -> None:
    box.locator("input").click()
    box.locator("input").fill(option)
    page.get_by_role("option", name=option, exact=True).first.click()
    page.keyboard.press("Escape")


def _record_meeting(page: Any) -> None:
    form = page.locator("[data-testid='stExpander']").filter(has_text="Ghi lại một cuộc họp")
    open_expander(page, form)
    # Streamlit's date field is three spin buttons (day, month, year) that move on as
    # digits are typed, as a person types a date.
    page.locator(".st-key-meetings_new_date [data-type='day']").click()
    page.keyboard.type("02122026")
    page.keyboard.press("Tab")
    organisations = page.locator(".st-key-meetings_new_organisations")
    for name in ("Bộ LĐTBXH (MOLISA)", "VCCI", "Tổng LĐLĐVN", "ILO / Better Work Việt Nam"):
        _choose(page, organisations, name)
    page.locator(".st-key-meetings_new_title input").fill(TITLE)
    page.locator(".st-key-meetings_new_agenda textarea").fill(
        "1. Số liệu kể từ cuộc họp trước\n2. Mục tiêu lộ trình"
    )
    form.get_by_role("button", name="Ghi lại cuộc họp").click()
    page.get_by_text(f"Đã ghi lại cuộc họp: {TITLE}.").wait_for(timeout=60_000)
    wait_for_app(page)
    assert_no_exception(page)


def _attach_briefing(page: Any) -> None:
    form = page.locator("[data-testid='stExpander']").filter(has_text="Đính kèm tài liệu họp")
    open_expander(page, form)
    form.get_by_role("button", name="Lập và đính kèm").click()
    page.get_by_text("Đã đính kèm tài liệu").wait_for(timeout=300_000)
    wait_for_app(page)
    assert_no_exception(page)


def test_ilo_records_a_meeting_with_a_briefing_and_vgcl_reads_it(
    app_server: str, browser: Any, e2e_env: dict[str, str], artifacts_dir: Path
) -> None:
    context = _context(browser, VIEWPORTS["desktop"])
    page = context.new_page()
    assert sign_in(page, app_server, "ilo.demo", "demo-ilo-2026", path="/meetings?lang=vi")
    wait_for_app(page)
    _record_meeting(page)
    _attach_briefing(page)
    page.screenshot(path=str(artifacts_dir / "meetings_ilo_1366.png"))
    context.close()

    engine = make_engine(e2e_env["DATABASE_URL"])
    held = next(m for m in meetings_for(engine, STAFF) if m.title == TITLE)
    assert held.organisations == ("molisa", "vcci", "vgcl", "ilo")
    [kept] = briefings_of(engine, VGCL, held.id)
    assert kept.audience == "constituents" and kept.lang == "vi"
    assert kept.document.sections[1].heading.startswith("Kể từ cuộc họp trước")
    engine.dispose()

    for name, viewport in VIEWPORTS.items():
        context = _context(browser, viewport)
        page = context.new_page()
        assert sign_in(page, app_server, "vgcl.demo", "demo-vgcl-2026", path="/meetings?lang=vi")
        wait_for_app(page)
        assert_no_exception(page)
        page.get_by_role("heading", name=TITLE).wait_for(timeout=60_000)
        page.get_by_text("Họp ngày 02/12/2026, ba bên").wait_for()
        page.get_by_text("Tài liệu cho các đối tác ba bên").first.wait_for()
        assert page.get_by_text("Ghi lại một cuộc họp").count() == 0
        if name == "desktop":
            with page.expect_download(timeout=120_000) as info:
                page.get_by_role("button", name="Tải tệp Word").first.click()
            text = docx_text(Path(info.value.path()).read_bytes())
            assert "Kể từ cuộc họp trước" in text
        page.screenshot(path=str(artifacts_dir / f"meetings_vgcl_{name}.png"), full_page=False)
        context.close()
