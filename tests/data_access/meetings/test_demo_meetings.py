"""The demo's meeting history: four meetings, a briefing kept for each one whose years
have data, every title saying it is synthetic, recorded once only."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Engine

from data_access import audit
from data_access.demo.meetings import AUTHOR, seed_demo_meetings
from data_access.meetings.frozen import briefings_of
from data_access.meetings.records import meetings_for
from tests.data_access.briefings.conftest import programme_sqlite  # noqa: F401 - fixture
from tests.data_access.meetings.conftest import VCCI, VGCL


def test_the_demo_history_is_recorded_once_and_labelled_synthetic(
    programme_sqlite: Engine,  # noqa: F811 - fixture
) -> None:
    engine = programme_sqlite
    # The fixture has 2024 and 2025: the briefings on 2025 against 2024 are kept.
    assert seed_demo_meetings(engine, last_year=2027) == 4
    held = meetings_for(engine, AUTHOR)
    assert [m.held_on.isoformat() for m in held] == [
        "2027-11-04",
        "2027-03-17",
        "2026-09-23",
        "2026-03-18",
    ]
    assert all(m.title.endswith("(mô phỏng)") for m in held)
    kept = {m.held_on.isoformat(): briefings_of(engine, AUTHOR, m.id) for m in held}
    assert [len(kept[day]) for day in sorted(kept)] == [1, 1, 0, 0]
    assert [m.kind for m in meetings_for(engine, VCCI)] == ["bilateral", "tripartite", "tripartite"]
    assert len(meetings_for(engine, VGCL)) == 3
    assert len(audit.entries(engine, "meeting_briefing", datetime(2000, 1, 1))) == 2
    assert seed_demo_meetings(engine, last_year=2027) == 0
    assert len(meetings_for(engine, AUTHOR)) == 4
