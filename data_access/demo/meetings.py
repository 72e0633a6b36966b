"""A synthetic history of meetings with the constituents, with their frozen briefings,
for the demo database: two tripartite meetings a year apart (the later one's briefing
opens on what moved since the earlier), a meeting with VGCL and one with VCCI still to
be prepared. Titles say they are synthetic, like every figure of the demo data.

The briefings go through `meetings.frozen.attach_briefing`, as an ILO officer's would:
audited, computed for their audience, nothing written past the data layer's rules.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Engine, func, select

from data_access.briefings.content import BriefingRequest
from data_access.demo import calibration as cal
from data_access.meetings.frozen import attach_briefing
from data_access.meetings.records import MeetingDraft, create_meeting
from data_access.models import Meeting
from data_access.refdata import reference
from data_access.scope import Scope

AUTHOR = Scope(role="ilo", organisation="ilo", username="ilo.demo")
EVERY_ORGANISATION = ("molisa", "vcci", "vgcl", "ilo")


@dataclass(frozen=True)
class DemoMeeting:
    held_on: date
    kind: str
    organisations: tuple[str, ...]
    title: str
    agenda: str
    #: (audience, figures year): the briefing, compared with the year before; None: none yet.
    briefing: tuple[str, int] | None


def history(last_year: int = cal.LAST_YEAR) -> tuple[DemoMeeting, ...]:
    return (
        DemoMeeting(
            date(last_year - 1, 3, 18),
            "tripartite",
            EVERY_ORGANISATION,
            f"Họp ba bên: kết quả năm {last_year - 2} (mô phỏng)",
            "1. Kết quả tuân thủ năm trước\n2. Đối thoại xã hội tại nhà máy\n3. Lộ trình 2027",
            ("constituents", last_year - 2),
        ),
        DemoMeeting(
            date(last_year - 1, 9, 23),
            "bilateral",
            ("vgcl", "ilo"),
            "Làm việc với Tổng LĐLĐVN về đối thoại xã hội (mô phỏng)",
            "1. Công đoàn cơ sở và thỏa ước lao động tập thể\n2. Phụ nữ trong ban đối thoại",
            ("vgcl", last_year - 2),
        ),
        DemoMeeting(
            date(last_year, 3, 17),
            "tripartite",
            EVERY_ORGANISATION,
            f"Họp ba bên: kết quả năm {last_year - 1} (mô phỏng)",
            "1. Những gì đã thay đổi kể từ cuộc họp trước\n2. Giờ làm thêm\n3. Lộ trình 2027",
            ("constituents", last_year - 1),
        ),
        DemoMeeting(
            date(last_year, 11, 4),
            "bilateral",
            ("vcci", "ilo"),
            "Làm việc với VCCI về tuân thủ trong ngành da giày (mô phỏng)",
            "1. Tuân thủ theo ngành\n2. Doanh nghiệp nhỏ và vừa",
            None,
        ),
    )


def seed_demo_meetings(
    engine: Engine,
    progress: Callable[[str], None] | None = None,
    last_year: int = cal.LAST_YEAR,
) -> int:
    """Record the history once (a database that has meetings keeps its own), with the
    briefings whose years have data; returns the number of meetings recorded."""
    with engine.connect() as connection:
        if connection.scalar(select(func.count()).select_from(Meeting)):
            return 0
    years = set(reference(engine).years)
    report = progress or (lambda _message: None)
    recorded = 0
    for planned in history(last_year):
        held = create_meeting(
            engine,
            AUTHOR,
            MeetingDraft(
                planned.held_on,
                planned.kind,
                planned.organisations,
                planned.title,
                planned.agenda,
            ),
        )
        recorded += 1
        if planned.briefing is not None and {planned.briefing[1], planned.briefing[1] - 1} <= years:
            audience, year = planned.briefing
            attach_briefing(
                engine, AUTHOR, held.id, BriefingRequest(audience, year, year, year - 1, year - 1)
            )
            report(f"Meeting of {planned.held_on.isoformat()}: briefing kept.")
    return recorded
