"""Roadmap page under AppTest: ILO staff add targets and actions on screen (refused input
is explained and kept), each constituent updates only its own organisation's actions,
hidden figures never reach a constituent's browser, and the Overview flags overdue
actions to the organisation responsible."""

from __future__ import annotations

import json
import shutil
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from data_access import audit
from data_access.db import engine_for
from data_access.models import AuditEntry
from data_access.refdata import reference
from data_access.roadmap import actions as points
from data_access.roadmap.indicators import Area, Indicator
from data_access.roadmap.kinds import NATIONAL, POINT, PROVINCE
from data_access.roadmap.targets import TargetInput, add_target, targets
from data_access.scope import Scope
from tests.data_access.fixtures import Builder
from tests.data_access.roadmap.conftest import PROVINCES, add_meeting
from tests.pages.dashboard_fixtures import browser_payload, vega_charts
from tests.pages.harness import all_text, run_page

PAGE = "pages/roadmap.py"
ILO = Scope("ilo", "ilo", "ilo.page")
#: A baseline no figure of the dataset equals, to search the browser payload for.
HANOI_BASELINE = 0.437


@pytest.fixture
def roadmap_url(sqlite_template: Path, tmp_path: Path) -> str:
    target = tmp_path / "roadmap.db"
    shutil.copyfile(sqlite_template, target)
    url = f"sqlite:///{target}"
    engine = engine_for(url)
    build = Builder(engine, summaries=False)
    for province, (count, first, second) in PROVINCES.items():
        for index in range(count):
            factory = build.factory(province=province, legacy=province)
            build.assessment(factory, "2024-06-01", points={"OS-MGT": index < first})
            build.assessment(factory, "2025-06-01", points={"OS-MGT": index < second})
    build.publish()
    meeting = add_meeting(engine, date(2025, 3, 1), ("molisa", "vcci", "vgcl", "ilo"), "Họp ba bên")
    ref = reference(engine)
    for area, baseline in ((Area(NATIONAL), 0.41), (Area(PROVINCE, "01"), HANOI_BASELINE)):
        add_target(
            engine,
            ILO,
            TargetInput(
                Indicator(POINT, "OS-MGT"),
                area,
                baseline,
                date(2024, 12, 31),
                0.25,
                date(2027, 12, 31),
                ("molisa", "vcci", "vgcl"),
                meeting,
            ),
            ref,
        )
    for organisation, due_on in (("vgcl", date(2025, 5, 1)), ("vcci", date(2099, 1, 1))):
        points.add_action(
            engine,
            ILO,
            points.ActionInput(meeting, f"Việc của {organisation}", organisation, due_on),
        )
    return url


def test_a_union_viewer_updates_its_own_action_in_vietnamese(roadmap_url: str) -> None:
    at = run_page(PAGE, "vgcl", lang="vi", db_url=roadmap_url, username="vgcl.page")
    assert not at.exception, [e.value for e in at.exception]
    text = all_text(at)
    # Its own organisation's list first; every organisation's one click away.
    assert "Lộ trình 2027" in text and "Việc của vgcl" in text and "Việc của vcci" not in text
    at.selectbox(key="roadmap_actions_org").set_value("all").run()
    assert "Việc của vcci" in all_text(at)
    assert [tab.label for tab in at.tabs] == ["Mục tiêu", "Việc cần làm"]
    form = at.selectbox(key="roadmap_status_action")
    assert form.options == ["Tổng LĐLĐVN · 01/05/2025 · Việc của vgcl"]
    at.radio(key="roadmap_status_value").set_value("in_progress")
    at.text_area(key="roadmap_status_note").input("Đã mời 20 công đoàn cơ sở")
    at.button(key="FormSubmitter:roadmap_status_form-Lưu cập nhật").click().run()
    assert not at.exception
    assert "Đã lưu cập nhật." in [s.value for s in at.success]
    engine = engine_for(roadmap_url)
    mine = points.actions(engine, Scope("vgcl", "vgcl"), organisation="vgcl")
    assert [action.status for action in mine] == ["in_progress"]
    with engine.connect() as connection:
        detail = connection.scalar(
            select(AuditEntry.detail).where(
                AuditEntry.action == "action_status", AuditEntry.username == "vgcl.page"
            )
        )
    assert json.loads(detail)["to"] == "in_progress"


def test_vcci_is_never_offered_vgcls_action(roadmap_url: str) -> None:
    at = run_page(PAGE, "vcci", lang="en", db_url=roadmap_url, username="vcci.page")
    assert not at.exception
    form = at.selectbox(key="roadmap_status_action")
    assert form.options == ["VCCI · 1 Jan 2099 · Việc của vcci"]


def test_staff_add_a_target_on_screen_and_a_refused_one_is_explained_and_kept(
    roadmap_url: str,
) -> None:
    at = run_page(PAGE, "ilo", lang="en", db_url=roadmap_url, username="ilo.page")
    assert not at.exception
    assert [tab.label for tab in at.tabs] == ["Targets", "Action points", "Add targets"]
    at.selectbox(key="roadmap_form_indicator").set_value(Indicator("cluster", "OS"))
    at.selectbox(key="roadmap_form_area").set_value(Area("sector", "garment"))
    at.number_input(key="roadmap_form_baseline").set_value(40.0)
    at.number_input(key="roadmap_form_target").set_value(40.0)
    at.multiselect(key="roadmap_form_owners").set_value(["vcci"])
    at.button(key="FormSubmitter:roadmap_target_form-Save the target").click().run()
    assert "The target equals the baseline." in [e.value for e in at.error]
    assert at.number_input(key="roadmap_form_baseline").value == 40.0
    at.number_input(key="roadmap_form_target").set_value(30.0)
    at.button(key="FormSubmitter:roadmap_target_form-Save the target").click().run()
    assert "Target saved." in [s.value for s in at.success]
    stored = [t.target for t in targets(engine_for(roadmap_url), ILO)]
    garment = next(t for t in stored if t.area == Area("sector", "garment"))
    assert (garment.baseline_value, garment.target_value, garment.owners) == (0.4, 0.3, ("vcci",))


def test_staff_add_an_action_and_a_constituent_cannot_see_the_form(roadmap_url: str) -> None:
    at = run_page(PAGE, "ilo", lang="vi", db_url=roadmap_url, username="ilo.page")
    at.text_area(key="roadmap_action_text").input("Gửi số liệu cho các bên")
    at.selectbox(key="roadmap_action_org").set_value("molisa")
    at.button(key="FormSubmitter:roadmap_action_form-Lưu việc cần làm").click().run()
    assert "Đã lưu việc cần làm." in [s.value for s in at.success]
    molisa = points.actions(
        engine_for(roadmap_url), Scope("molisa", "molisa"), organisation="molisa"
    )
    assert [action.text for action in molisa] == ["Gửi số liệu cho các bên"]
    union = run_page(PAGE, "vgcl", lang="vi", db_url=roadmap_url)
    assert not [box for box in union.text_area if box.key == "roadmap_action_text"]


def test_staff_edit_an_action_and_the_edit_is_audited(roadmap_url: str) -> None:
    at = run_page(PAGE, "ilo", lang="vi", db_url=roadmap_url, username="ilo.page")
    engine = engine_for(roadmap_url)
    union = points.actions(engine, Scope("vgcl", "vgcl"), organisation="vgcl")[0]
    at.selectbox(key="roadmap_edit_action").set_value(union.id).run()
    # The form opens on the action as it stands.
    assert at.text_area(key=f"roadmap_edit_text_{union.id}").value == union.text
    at.text_area(key=f"roadmap_edit_text_{union.id}").input("Tập huấn 30 công đoàn cơ sở")
    at.selectbox(key=f"roadmap_edit_org_{union.id}").set_value("molisa")
    at.button(key=f"FormSubmitter:roadmap_edit_form_{union.id}-Lưu thay đổi").click().run()
    assert not at.exception
    assert "Đã lưu thay đổi của việc cần làm." in [s.value for s in at.success]
    moved = points.actions(engine, Scope("molisa", "molisa"), organisation="molisa")
    assert [a.text for a in moved if a.id == union.id] == ["Tập huấn 30 công đoàn cơ sở"]
    edits = audit.entries(engine, "action_edit", datetime(2000, 1, 1))
    assert [(e.username, e.detail["before"]["text"]) for e in edits] == [("ilo.page", union.text)]
    # A constituent is offered no edit.
    viewer = run_page(PAGE, "vgcl", lang="vi", db_url=roadmap_url)
    assert not [box for box in viewer.selectbox if box.key == "roadmap_edit_action"]


def test_hidden_figures_never_reach_a_constituents_browser(roadmap_url: str) -> None:
    union = run_page(PAGE, "vgcl", lang="vi", db_url=roadmap_url)
    payload = browser_payload(union)
    assert "43,7" not in payload and "0.437" not in payload
    assert "Ẩn (bảo vệ số liệu)" in payload
    hanoi = [
        frames
        for spec, frames in vega_charts(union)
        if "Hà Nội" in json.dumps(spec, ensure_ascii=False)
    ]
    assert hanoi
    for frames in hanoi:
        for frame in frames:
            if "series" in frame:
                figures = frame[frame["series"] == "Số liệu từng năm"]
                assert figures["value"].isna().all()
                # The path is the target alone: a line from the hidden baseline would show it.
                assert frame[frame["series"] == "Lộ trình đã thống nhất"]["year"].tolist() == [2027]
    staff = run_page(PAGE, "ilo", lang="vi", db_url=roadmap_url)
    assert "43,7%" in all_text(staff)


def test_the_overview_flags_overdue_actions_to_the_organisation_responsible(
    roadmap_url: str,
) -> None:
    union = run_page("pages/overview.py", "vgcl", lang="vi", db_url=roadmap_url)
    assert not union.exception
    assert any("1 việc cần làm đã quá hạn" in w.value for w in union.warning)
    employers = run_page("pages/overview.py", "vcci", lang="en", db_url=roadmap_url)
    assert not any("overdue" in w.value for w in employers.warning)


def test_staff_remove_a_target_entered_by_mistake(roadmap_url: str) -> None:
    at = run_page(PAGE, "ilo", lang="en", db_url=roadmap_url, username="ilo.page")
    before = targets(engine_for(roadmap_url), ILO)
    at.selectbox(key="roadmap_remove_target").set_value(before[0].id)
    at.button(key="FormSubmitter:roadmap_remove_form-Remove the target").click().run()
    assert not at.exception
    assert "Target removed (the audit log keeps what it said)." in [s.value for s in at.success]
    assert [item.id for item in targets(engine_for(roadmap_url), ILO)] == [before[1].id]
