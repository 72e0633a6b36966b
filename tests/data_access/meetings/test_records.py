"""Meetings: staff record them, every write is audited, and a constituent reads only the
meetings its organisation took part in (a meeting it did not attend is not found)."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import Engine

from data_access import audit
from data_access.meetings.records import (
    InvalidMeeting,
    MeetingDraft,
    MeetingNotFound,
    create_meeting,
    meeting,
    meetings_for,
    previous_meeting,
)
from data_access.scope import AccessDenied, Scope
from tests.data_access.meetings.conftest import ILO, MOLISA, VCCI, VGCL

TRIPARTITE = MeetingDraft(
    held_on=date(2026, 3, 12),
    kind="tripartite",
    organisations=("molisa", "vcci", "vgcl", "ilo"),
    title="Họp ba bên quý I",
    agenda="1. Số liệu tuân thủ\n2. Lộ trình 2027",
)
WITH_VGCL = MeetingDraft(
    held_on=date(2026, 4, 2),
    kind="bilateral",
    organisations=("vgcl", "ilo"),
    title="Họp với Tổng LĐLĐVN",
)


def test_staff_record_a_meeting_and_the_audit_log_says_so(engine: Engine) -> None:
    started = datetime(2000, 1, 1)
    held = create_meeting(engine, ILO, TRIPARTITE, client_address="10.0.0.7")
    assert (held.held_on, held.kind, held.title) == (
        date(2026, 3, 12),
        "tripartite",
        "Họp ba bên quý I",
    )
    assert held.organisations == ("molisa", "vcci", "vgcl", "ilo")
    assert held.agenda.startswith("1. Số liệu")
    assert held.created_by == "ilo.officer"
    [entry] = audit.entries(engine, "meeting_create", started)
    assert entry.username == "ilo.officer"
    assert entry.client_address == "10.0.0.7"
    assert entry.detail["meeting"] == held.id
    assert entry.detail["organisations"] == ["molisa", "vcci", "vgcl", "ilo"]


def test_a_constituent_sees_only_the_meetings_it_took_part_in(engine: Engine) -> None:
    tripartite = create_meeting(engine, ILO, TRIPARTITE)
    with_vgcl = create_meeting(engine, ILO, WITH_VGCL)
    assert [m.id for m in meetings_for(engine, VGCL)] == [with_vgcl.id, tripartite.id]
    assert [m.id for m in meetings_for(engine, VCCI)] == [tripartite.id]
    assert [m.id for m in meetings_for(engine, ILO)] == [with_vgcl.id, tripartite.id]
    admin = Scope(role="admin", organisation="ilo", username="admin")
    assert len(meetings_for(engine, admin)) == 2
    with pytest.raises(MeetingNotFound):
        meeting(engine, VCCI, with_vgcl.id)
    assert meeting(engine, VGCL, with_vgcl.id).title == "Họp với Tổng LĐLĐVN"


def test_constituents_and_unknown_roles_cannot_record_or_read(engine: Engine) -> None:
    for scope in (VGCL, VCCI, MOLISA):
        with pytest.raises(AccessDenied):
            create_meeting(engine, scope, TRIPARTITE)
    with pytest.raises(AccessDenied):
        meetings_for(engine, Scope(role=None))
    assert meetings_for(engine, ILO) == []
    assert audit.entries(engine, "meeting_create", datetime(2000, 1, 1)) == []


def test_a_draft_with_problems_is_refused_with_every_problem_named(engine: Engine) -> None:
    draft = MeetingDraft(held_on=None, kind="tripartite", organisations=("vgcl", "ilo"), title="  ")
    with pytest.raises(InvalidMeeting) as refused:
        create_meeting(engine, ILO, draft)
    assert refused.value.problems == (
        "meetings.problem.date",
        "meetings.problem.tripartite",
        "meetings.problem.title",
    )
    two = MeetingDraft(
        held_on=date(2026, 1, 1), kind="bilateral", organisations=("vgcl", "vcci"), title="x"
    )
    assert two.problems() == ("meetings.problem.bilateral",)
    assert meetings_for(engine, ILO) == []


def test_the_previous_meeting_is_the_last_with_the_same_constituents(engine: Engine) -> None:
    first = create_meeting(engine, ILO, TRIPARTITE)
    create_meeting(engine, ILO, WITH_VGCL)
    later = create_meeting(
        engine,
        ILO,
        MeetingDraft(
            held_on=date(2026, 6, 1),
            kind="tripartite",
            organisations=("molisa", "vcci", "vgcl"),
            title="Họp ba bên quý II",
        ),
    )
    assert previous_meeting(engine, ILO, later) == first
    assert previous_meeting(engine, ILO, first) is None
