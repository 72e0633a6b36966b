"""Meetings page: ILO staff record a meeting (a refused draft keeps its values and names
every problem), constituents read the meetings they took part in, in Vietnamese, with
the kept briefing and what changed since; the Overview's "since our last meeting" tab."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Engine

from data_access.briefings.content import BriefingRequest
from data_access.meetings.frozen import attach_briefing
from data_access.meetings.records import MeetingDraft, create_meeting, meetings_for
from tests.data_access.briefings.conftest import programme_sqlite  # noqa: F401 - fixture
from tests.data_access.meetings.conftest import ILO, import_more
from tests.pages.harness import all_text, run_page

PAGE = "pages/meetings.py"


def _submit(at, label: str):
    return next(button for button in at.button if button.label == label).click().run()


def test_staff_record_a_meeting_after_fixing_what_was_refused(sqlite_engine: Engine) -> None:
    at = run_page(PAGE, "ilo", lang="vi", engine=sqlite_engine, username="ilo.page")
    assert not at.exception
    assert "Chưa có cuộc họp nào được ghi lại." in all_text(at)
    at.multiselect(key="meetings_new_organisations").set_value(["vgcl", "ilo"])
    at.text_input(key="meetings_new_title").input("Họp ba bên quý I")
    at = _submit(at, "Ghi lại cuộc họp")
    assert not at.exception
    [error] = at.error
    assert "hãy chọn ngày họp." in error.value
    assert "cuộc họp ba bên cần có đủ cả ba đối tác tham dự." in error.value
    assert at.text_input(key="meetings_new_title").value == "Họp ba bên quý I"
    assert meetings_for(sqlite_engine, ILO) == []

    at.date_input(key="meetings_new_date").set_value(date(2026, 3, 12))
    at.multiselect(key="meetings_new_organisations").set_value(["molisa", "vcci", "vgcl", "ilo"])
    at = _submit(at, "Ghi lại cuộc họp")
    assert not at.exception and not at.error
    assert at.success[0].value == "Đã ghi lại cuộc họp: Họp ba bên quý I."
    [held] = meetings_for(sqlite_engine, ILO)
    assert held.created_by == "ilo.page"
    assert at.selectbox(key="meetings_choice").value == held.id
    assert "Họp ngày 12/03/2026, ba bên" in all_text(at)


def test_vgcl_reads_its_meeting_in_vietnamese_and_vcci_does_not(
    programme_sqlite: Engine,  # noqa: F811
) -> None:
    engine = programme_sqlite
    held = create_meeting(
        engine,
        ILO,
        MeetingDraft(date(2026, 4, 2), "bilateral", ("vgcl", "ilo"), "Họp với Tổng LĐLĐVN"),
    )
    attach_briefing(engine, ILO, held.id, BriefingRequest("vgcl", 2025, 2025, 2024, 2024))
    import_more(engine)

    at = run_page(PAGE, "vgcl", lang="vi", engine=engine)
    assert not at.exception
    shown = all_text(at).replace("\\", "")  # names are escaped for Markdown
    assert "Họp với Tổng LĐLĐVN" in shown
    assert "Tài liệu cho Tổng LĐLĐVN, Tiếng Việt, số liệu tính đến" in shown
    assert "số liệu của tài liệu nay đã khác" in shown
    assert "Nhà máy tham gia" in list(at.dataframe[0].value["Số liệu"])
    assert [button.label for button in at.get("download_button")] == ["Tải tệp Word", "Tải tệp PDF"]
    assert not [button for button in at.button if button.label == "Ghi lại cuộc họp"]

    at = run_page(PAGE, "vcci", lang="vi", engine=engine)
    assert not at.exception
    shown = all_text(at)
    assert "Chưa có cuộc họp nào mà tổ chức của bạn tham dự được ghi lại." in shown
    assert "Họp với Tổng LĐLĐVN" not in shown

    overview = run_page("pages/overview.py", "vgcl", lang="vi", engine=engine)
    assert not overview.exception
    assert "Kể từ cuộc họp trước" in [tab.label for tab in overview.tabs]
    assert "Hiện nay (" in all_text(overview)
