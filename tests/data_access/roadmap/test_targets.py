"""Roadmap targets in the data layer: their figures are the indicator functions', hidden
figures stay hidden for constituents, only staff manage them, every change is audited,
and a constituent sees only the targets it owns or agreed at a meeting it attended."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import Engine, select

from data_access.filters import Filters
from data_access.indicators import non_compliance
from data_access.models import AuditEntry
from data_access.refdata import reference
from data_access.roadmap.indicators import Area, Indicator, UnknownIndicator
from data_access.roadmap.kinds import NATIONAL, POINT, PROVINCE
from data_access.roadmap.status import OFF_TRACK, ON_TRACK, SUPPRESSED
from data_access.roadmap.targets import (
    InvalidTarget,
    TargetInput,
    add_target,
    progress,
    remove_target,
    targets,
)
from data_access.scope import AccessDenied, Scope
from tests.data_access.roadmap.conftest import NATIONAL_2024, NATIONAL_2025

ILO = Scope("ilo", "ilo", "ilo.test")
VCCI = Scope("vcci", "vcci", "vcci.test")
VGCL = Scope("vgcl", "vgcl", "vgcl.test")


def national(
    meeting_id: int | None = None, owners: tuple[str, ...] = ("molisa", "vcci")
) -> TargetInput:
    return TargetInput(
        Indicator(POINT, "OS-MGT"),
        Area(NATIONAL),
        round(NATIONAL_2024, 3),
        date(2024, 12, 31),
        0.25,
        date(2027, 12, 31),
        owners,
        meeting_id,
    )


def hanoi(meeting_id: int | None = None) -> TargetInput:
    return TargetInput(
        Indicator(POINT, "OS-MGT"),
        Area(PROVINCE, "01"),
        0.5,
        date(2024, 12, 31),
        0.3,
        date(2027, 12, 31),
        ("vgcl",),
        meeting_id,
    )


def audit_entries(engine: Engine, action: str) -> list[dict[str, object]]:
    with engine.connect() as connection:
        rows = connection.execute(
            select(AuditEntry.username, AuditEntry.detail).where(AuditEntry.action == action)
        ).all()
    return [{"username": row.username, **json.loads(row.detail)} for row in rows]


def test_a_targets_figures_are_the_indicator_functions_figures(roadmap_db: Engine) -> None:
    ref = reference(roadmap_db)
    target_id = add_target(roadmap_db, ILO, national(), ref)
    for scope in (ILO, VCCI):
        stored = next(item for item in targets(roadmap_db, ILO) if item.id == target_id)
        found = progress(roadmap_db, scope, stored)
        page = non_compliance(
            roadmap_db,
            scope,
            Filters(year_from=2024, compliance_points=("OS-MGT",)),
            by=("compliance_point", "year"),
        )
        assert found.series["value"].tolist() == pytest.approx(page["rate"].tolist())
        assert found.series["value"].tolist() == pytest.approx([NATIONAL_2024, NATIONAL_2025])
        # 2025: 29 % against a line at 36 % by the end of 2025: on track.
        assert found.status == ON_TRACK
        assert found.baseline == round(NATIONAL_2024, 3)


def test_hidden_figures_stay_hidden_in_a_constituents_target(roadmap_db: Engine) -> None:
    ref = reference(roadmap_db)
    add_target(roadmap_db, ILO, hanoi(), ref)
    stored = targets(roadmap_db, ILO)[0]
    for_union = progress(roadmap_db, VGCL, stored)
    assert for_union.status == SUPPRESSED
    assert for_union.baseline is None
    assert for_union.series["value"].isna().all()
    assert for_union.series["numerator"].isna().all()
    assert set(for_union.series["suppression_reason"]) == {"protected"}
    # Staff see the figures, flagged, and the status they give.
    for_staff = progress(roadmap_db, ILO, stored)
    assert for_staff.series["value"].tolist() == pytest.approx([0.5, 0.5])
    assert for_staff.series["suppressed"].all()
    assert for_staff.baseline == 0.5
    assert for_staff.status == OFF_TRACK


def test_only_staff_add_or_remove_targets_and_every_change_is_audited(roadmap_db: Engine) -> None:
    ref = reference(roadmap_db)
    with pytest.raises(AccessDenied):
        add_target(roadmap_db, VCCI, national(), ref)
    target_id = add_target(roadmap_db, ILO, national(), ref)
    # The same target again changes nothing and writes nothing.
    assert add_target(roadmap_db, ILO, national(), ref) == target_id
    changed = national(owners=("molisa", "vcci", "vgcl"))
    assert add_target(roadmap_db, ILO, changed, ref) == target_id
    with pytest.raises(AccessDenied):
        remove_target(roadmap_db, VGCL, target_id)
    remove_target(roadmap_db, ILO, target_id)
    assert targets(roadmap_db, ILO) == []
    [added] = audit_entries(roadmap_db, "roadmap_target_add")
    [change] = audit_entries(roadmap_db, "roadmap_target_change")
    [removed] = audit_entries(roadmap_db, "roadmap_target_remove")
    assert added["username"] == "ilo.test" and added["indicator"] == "point:OS-MGT"
    assert change["owners"] == ["molisa", "vcci", "vgcl"]
    assert removed["target_id"] == target_id


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"target_value": round(NATIONAL_2024, 3)}, "target_equals_baseline"),
        ({"deadline": date(2024, 6, 30)}, "deadline_before_baseline"),
        ({"owners": ()}, "no_owner"),
        ({"owners": ("unicef",)}, "unknown_owner"),
        ({"target_value": 1.5}, "value_out_of_range"),
        ({"indicator": Indicator(POINT, "XX-NOPE")}, "unknown_indicator"),
        ({"area": Area(PROVINCE, "99")}, "unknown_area"),
    ],
)
def test_a_wrong_target_is_refused_with_its_reason(
    roadmap_db: Engine, change: dict[str, object], problem: str
) -> None:
    with pytest.raises((InvalidTarget, UnknownIndicator)) as refused:
        add_target(roadmap_db, ILO, replace(national(), **change), reference(roadmap_db))
    assert refused.value.key == problem
    assert targets(roadmap_db, ILO) == []


def test_a_constituent_sees_the_targets_it_owns_or_agreed(
    roadmap_db: Engine, meetings: dict[str, int]
) -> None:
    ref = reference(roadmap_db)
    owned_by_vcci = add_target(roadmap_db, ILO, national(owners=("vcci",)), ref)
    agreed_with_unions = add_target(roadmap_db, ILO, hanoi(meetings["unions"]), ref)
    assert {item.id for item in targets(roadmap_db, ILO)} == {owned_by_vcci, agreed_with_unions}
    assert {item.id for item in targets(roadmap_db, VCCI)} == {owned_by_vcci}
    assert {item.id for item in targets(roadmap_db, VGCL)} == {agreed_with_unions}
    assert {item.id for item in targets(roadmap_db, Scope("molisa", "molisa"))} == set()
    union_view = targets(roadmap_db, VGCL)[0]
    assert union_view.meeting is not None and union_view.meeting.title == "Họp với VGCL"
    with pytest.raises(AccessDenied):
        targets(roadmap_db, Scope(None))
