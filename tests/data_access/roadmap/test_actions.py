"""Action points in the data layer: who sees which, who may update which (VCCI never
VGCL's), dated updates, overdue ones for the organisation responsible, and an audit
entry for every change."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import Engine, select

from data_access.models import AuditEntry
from data_access.roadmap import actions as points
from data_access.scope import AccessDenied, Scope

ILO = Scope("ilo", "ilo", "ilo.test")
ADMIN = Scope("admin", "ilo", "admin.test")
VCCI = Scope("vcci", "vcci", "vcci.test")
VGCL = Scope("vgcl", "vgcl", "vgcl.test")
MOLISA = Scope("molisa", "molisa", "molisa.test")


def add(engine: Engine, meeting_id: int, organisation: str, due_on: date, text: str) -> int:
    return points.add_action(
        engine, ILO, points.ActionInput(meeting_id, text, organisation, due_on)
    )


@pytest.fixture
def three_actions(engine: Engine, meetings: dict[str, int]) -> dict[str, int]:
    return {
        "vgcl": add(engine, meetings["tripartite"], "vgcl", date(2025, 5, 1), "Tập huấn"),
        "vcci": add(engine, meetings["tripartite"], "vcci", date(2099, 1, 1), "Hội thảo"),
        "unions_only": add(engine, meetings["unions"], "vgcl", date(2099, 1, 1), "Khảo sát"),
    }


def audit(engine: Engine, action: str) -> list[dict[str, object]]:
    with engine.connect() as connection:
        rows = connection.execute(
            select(AuditEntry.username, AuditEntry.detail)
            .where(AuditEntry.action == action)
            .order_by(AuditEntry.id)
        ).all()
    return [{"username": row.username, **json.loads(row.detail)} for row in rows]


def test_each_constituent_sees_the_actions_of_the_meetings_it_attended(
    engine: Engine, three_actions: dict[str, int]
) -> None:
    seen = {
        scope.role: {action.id for action in points.actions(engine, scope)}
        for scope in (ILO, VCCI, VGCL, MOLISA)
    }
    assert seen["ilo"] == set(three_actions.values())
    assert seen["vgcl"] == set(three_actions.values())
    assert seen["vcci"] == seen["molisa"] == {three_actions["vgcl"], three_actions["vcci"]}
    with pytest.raises(AccessDenied):
        points.actions(engine, Scope(None))


def test_vcci_cannot_update_vgcls_action_but_vgcl_and_staff_can(
    engine: Engine, three_actions: dict[str, int]
) -> None:
    with pytest.raises(AccessDenied):
        points.update_status(engine, VCCI, three_actions["vgcl"], points.DONE, "xong")
    assert audit(engine, "action_status") == []
    points.update_status(engine, VGCL, three_actions["vgcl"], points.IN_PROGRESS, "Đã mời")
    points.update_status(engine, ADMIN, three_actions["vgcl"], points.DONE, "Đã xong")
    points.update_status(engine, VCCI, three_actions["vcci"], points.IN_PROGRESS)
    [vgcl_action] = [a for a in points.actions(engine, VGCL) if a.id == three_actions["vgcl"]]
    assert vgcl_action.status == points.DONE
    history = points.updates(engine, VGCL, three_actions["vgcl"])
    assert [(u.username, u.status, u.note) for u in history] == [
        ("admin.test", "done", "Đã xong"),
        ("vgcl.test", "in_progress", "Đã mời"),
    ]
    entries = audit(engine, "action_status")
    assert [(e["username"], e["from"], e["to"]) for e in entries] == [
        ("vgcl.test", "open", "in_progress"),
        ("admin.test", "in_progress", "done"),
        ("vcci.test", "open", "in_progress"),
    ]


def test_only_staff_add_or_edit_actions_and_each_is_audited(
    engine: Engine, meetings: dict[str, int]
) -> None:
    entered = points.ActionInput(meetings["tripartite"], "  Hội thảo  ", "vcci", date(2026, 1, 1))
    with pytest.raises(AccessDenied):
        points.add_action(engine, VCCI, entered)
    action_id = points.add_action(engine, ILO, entered)
    with pytest.raises(AccessDenied):
        points.edit_action(engine, VGCL, action_id, entered)
    moved = points.ActionInput(meetings["tripartite"], "Hội thảo", "molisa", date(2026, 2, 1))
    points.edit_action(engine, ILO, action_id, moved)
    [added] = audit(engine, "action_add")
    [edited] = audit(engine, "action_edit")
    assert added["text"] == "Hội thảo" and added["organisation"] == "vcci"
    assert edited["organisation"] == "molisa" and edited["before"]["organisation"] == "vcci"


@pytest.mark.parametrize(
    ("text", "organisation", "problem"),
    [("   ", "vgcl", "action_text_empty"), ("x" * 1001, "vgcl", "action_text_too_long"),
     ("Tập huấn", "unicef", "unknown_owner")],
)  # fmt: skip
def test_a_wrong_action_is_refused_with_its_reason(
    engine: Engine, meetings: dict[str, int], text: str, organisation: str, problem: str
) -> None:
    with pytest.raises(points.InvalidAction) as refused:
        add(engine, meetings["tripartite"], organisation, date(2026, 1, 1), text)
    assert refused.value.key == problem
    assert points.actions(engine, ILO) == []


def test_an_unknown_status_is_refused(engine: Engine, three_actions: dict[str, int]) -> None:
    with pytest.raises(points.InvalidAction):
        points.update_status(engine, VGCL, three_actions["vgcl"], "finished")


def test_overdue_actions_are_the_responsible_organisations_unfinished_past_due(
    engine: Engine, three_actions: dict[str, int]
) -> None:
    today = date(2026, 6, 1)
    assert [a.id for a in points.overdue(engine, VGCL, today)] == [three_actions["vgcl"]]
    assert points.overdue(engine, VCCI, today) == []
    points.update_status(engine, VGCL, three_actions["vgcl"], points.DROPPED)
    assert points.overdue(engine, VGCL, today) == []


def test_a_constituents_open_actions_as_a_table_in_its_language(
    engine: Engine, three_actions: dict[str, int]
) -> None:
    mine = points.actions(engine, VGCL, organisation="vgcl", unfinished_only=True)
    table = points.as_frame(mine, "vi", date(2026, 6, 1))
    assert list(table.columns) == [
        "Cuộc họp", "Việc cần làm", "Đơn vị thực hiện", "Hạn", "Tình trạng", "Quá hạn?",
    ]  # fmt: skip
    assert table["Việc cần làm"].tolist() == ["Tập huấn", "Khảo sát"]
    assert table["Quá hạn?"].tolist() == ["Quá hạn", ""]
    assert table["Cuộc họp"].iloc[0] == "01/03/2025 · Họp ba bên quý I"
    english = points.as_frame(mine, "en", date(2026, 6, 1))
    assert english["Status"].tolist() == ["Open", "Open"]
