"""A small hand-built dataset for the roadmap: one compliance point assessed in 2024 and
2025 in three provinces, one of them (Hà Nội, 2 factories) too small for constituents,
and two meetings (a tripartite one, and one VCCI did not attend)."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import Engine, insert

from data_access.models import Meeting, MeetingParticipant
from tests.data_access.fixtures import Builder

POINT = "OS-MGT"
#: province → (factories, non-compliant in 2024, non-compliant in 2025)
PROVINCES: dict[str, tuple[int, int, int]] = {"79": (10, 5, 3), "48": (5, 1, 1), "01": (2, 1, 1)}
NATIONAL_2024 = 7 / 17
NATIONAL_2025 = 5 / 17


def add_meeting(engine: Engine, held_on: date, organisations: tuple[str, ...], title: str) -> int:
    with engine.begin() as connection:
        meeting_id = connection.execute(
            insert(Meeting)
            .values(
                held_on=held_on,
                kind="tripartite" if len(organisations) > 2 else "bilateral",
                title=title,
                agenda="",
                created_by="ilo.test",
                created_at=datetime(2026, 1, 1),
            )
            .returning(Meeting.id)
        ).scalar_one()
        connection.execute(
            insert(MeetingParticipant),
            [{"meeting_id": meeting_id, "organisation": org} for org in organisations],
        )
    return meeting_id


@pytest.fixture
def roadmap_db(engine: Engine) -> Engine:
    build = Builder(engine, summaries=False)
    for province, (count, first, second) in PROVINCES.items():
        for index in range(count):
            factory = build.factory(province=province, legacy=province)
            build.assessment(factory, "2024-06-01", points={POINT: index < first})
            build.assessment(factory, "2025-06-01", points={POINT: index < second})
    build.publish()
    return engine


@pytest.fixture
def meetings(engine: Engine) -> dict[str, int]:
    """Two meetings; no figures (actions and files need none)."""
    return {
        "tripartite": add_meeting(
            engine, date(2025, 3, 1), ("molisa", "vcci", "vgcl", "ilo"), "Họp ba bên quý I"
        ),
        "unions": add_meeting(engine, date(2025, 9, 1), ("vgcl", "ilo"), "Họp với VGCL"),
    }
