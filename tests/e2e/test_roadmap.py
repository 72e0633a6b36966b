"""The roadmap in a real browser: an ILO officer adds two targets and three action
points for tomorrow's tripartite meeting; a VGCL viewer then sees them in Vietnamese
and updates VGCL's own action. Screenshots of the union's view at 1366×768 and 390×844
are kept under test-artifacts/roadmap/ for a person to look at."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from playwright.sync_api import expect

from data_access.db import make_engine
from data_access.meetings.records import MeetingDraft, create_meeting
from data_access.roadmap import actions as points
from data_access.scope import Scope
from tests.e2e.conftest import ARTIFACTS
from tests.e2e.helpers import (
    assert_no_exception,
    new_context,
    rerun_after,
    sign_in,
    sign_out,
    wait_for_app,
)

SHOTS = ARTIFACTS / "roadmap"
ACTIONS = (
    ("Bộ LĐTBXH (MOLISA)", "Hướng dẫn thanh tra về làm thêm giờ (thử nghiệm e2e)"),
    ("VCCI", "Hội thảo doanh nghiệp về làm thêm giờ (thử nghiệm e2e)"),
    ("Tổng LĐLĐVN", "Tập huấn công đoàn cơ sở về thương lượng (thử nghiệm e2e)"),
)
#: indicator, area, baseline %, target %, an owner added (the form keeps the last ones)
TARGETS = (
    ("Tỷ lệ không tuân thủ, nhóm tiêu chí: Lao động trẻ em", "Toàn quốc", "5", "1", "Tổng LĐLĐVN"),
    ("Tỷ lệ không tuân thủ, nhóm tiêu chí: Phân biệt đối xử", "May mặc", "40", "25", "VCCI"),
)


def choose(page: Any, key: str, text: str) -> None:
    """Pick an option of a select box (or add one to a multiselect) by typing it."""
    box = page.locator(f".st-key-{key} input").first
    box.click()
    box.fill(text)
    page.keyboard.press("Enter")


def submit(page: Any, label: str, done: str) -> None:
    rerun_after(page, page.get_by_role("button", name=label).click)
    expect(page.get_by_text(done).first).to_be_visible()
    assert_no_exception(page)


def open_tab(page: Any, name: str) -> None:
    page.get_by_role("tab", name=name).click()
    wait_for_app(page)


def test_ilo_adds_targets_and_actions_and_vgcl_updates_its_own(
    browser: Any, app_server: str, e2e_env: dict[str, str]
) -> None:
    engine = make_engine(e2e_env["DATABASE_URL"])
    tomorrow = date.today() + timedelta(days=1)
    create_meeting(
        engine,
        Scope("ilo", "ilo", "ilo.demo"),
        MeetingDraft(tomorrow, "tripartite", ("molisa", "vcci", "vgcl", "ilo"), "Họp ba bên (e2e)"),
    )
    context = new_context(browser, viewport={"width": 1366, "height": 768}, locale="vi-VN")
    page = context.new_page()
    page.set_default_timeout(60_000)
    try:
        assert sign_in(page, app_server, "ilo.demo", "demo-ilo-2026", "/roadmap")
        wait_for_app(page)
        open_tab(page, "Thêm mục tiêu")
        for indicator, area, baseline, target, owner in TARGETS:
            choose(page, "roadmap_form_indicator", indicator)
            choose(page, "roadmap_form_area", area)
            page.locator(".st-key-roadmap_form_baseline input").fill(baseline)
            page.locator(".st-key-roadmap_form_target input").fill(target)
            choose(page, "roadmap_form_owners", owner)
            page.keyboard.press("Escape")
            submit(page, "Lưu mục tiêu", "Đã lưu mục tiêu.")
        open_tab(page, "Việc cần làm")
        for organisation, text in ACTIONS:
            page.locator(".st-key-roadmap_action_text textarea").fill(text)
            choose(page, "roadmap_action_org", organisation)
            submit(page, "Lưu việc cần làm", "Đã lưu việc cần làm.")
        sign_out(page)

        assert sign_in(page, app_server, "vgcl.demo", "demo-vgcl-2026")
        page.goto(app_server + "/roadmap")
        wait_for_app(page)
        main = page.locator("[data-testid='stMain']")
        expect(
            main.get_by_text("Lộ trình 2027: mục tiêu đã thống nhất và việc cần làm")
        ).to_be_visible()
        for indicator, area, *_rest in TARGETS:
            expect(main.get_by_text(f"{indicator} — {area}").first).to_be_visible()
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "vgcl_targets_1366x768.png"))
        open_tab(page, "Việc cần làm")
        union_action = ACTIONS[2][1]
        # The list is a data grid (drawn on a canvas); the update form offers the action.
        box = page.locator(".st-key-roadmap_status_action input").first
        box.click()
        box.fill(union_action)
        expect(page.get_by_role("option").filter(has_text=union_action)).to_be_visible()
        page.keyboard.press("Enter")
        page.locator(".st-key-roadmap_status_value").get_by_text("Đang thực hiện").click()
        page.locator(".st-key-roadmap_status_note textarea").fill("Đã mời 20 công đoàn cơ sở")
        submit(page, "Lưu cập nhật", "Đã lưu cập nhật.")
        page.screenshot(path=str(SHOTS / "vgcl_actions_1366x768.png"), full_page=True)
        page.set_viewport_size({"width": 390, "height": 844})
        wait_for_app(page)
        page.screenshot(path=str(SHOTS / "vgcl_actions_390x844.png"))
        open_tab(page, "Mục tiêu")
        page.screenshot(path=str(SHOTS / "vgcl_targets_390x844.png"))
    except BaseException:
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "failure.png"), full_page=True)
        raise
    finally:
        context.close()
    union = [
        action
        for action in points.actions(engine, Scope("vgcl", "vgcl"), organisation="vgcl")
        if action.text == ACTIONS[2][1]
    ]
    assert [action.status for action in union] == ["in_progress"]
    others = points.actions(engine, Scope("ilo", "ilo"))
    assert {a.text for a in others} >= {text for _org, text in ACTIONS}
    engine.dispose()
