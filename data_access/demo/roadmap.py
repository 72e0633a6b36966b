"""Synthetic roadmap for the demonstration database: targets agreed at the demo
meetings and their action points, in various states (labelled synthetic like the rest,
by the banner every page shows while demo data are present).

Baselines are the demo data's own 2024 figures (computed as staff see them), so each
target's path starts where its chart does; targets are set as a tripartite meeting
would set them (a few points down for a non-compliance rate, up for a dialogue
measure), and the statuses then follow from the data by the rule.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import Engine, insert, select

from data_access.models import ActionPoint, ActionUpdate, Meeting, MeetingParticipant
from data_access.refdata import reference
from data_access.roadmap.indicators import Area, Indicator, yearly_values
from data_access.roadmap.kinds import CLUSTER, NATIONAL, POINT, PROVINCE, SECTOR, SOCIAL
from data_access.roadmap.targets import TargetInput, save_targets
from data_access.scope import Scope

BASELINE_ON = date(2024, 12, 31)
DEADLINE = date(2027, 12, 31)
AUTHOR = "ilo.demo"
SEEDER = Scope(role="admin", organisation="ilo", username=AUTHOR)


@dataclass(frozen=True)
class DemoTarget:
    indicator: Indicator
    area: Area
    change: float  # target − baseline
    owners: tuple[str, ...]
    baseline_on: date = BASELINE_ON


TARGETS: tuple[DemoTarget, ...] = (
    DemoTarget(Indicator(CLUSTER, "OS"), Area(NATIONAL), -0.03, ("molisa", "vcci", "vgcl")),
    DemoTarget(Indicator(POINT, "WT-OVT"), Area(SECTOR, "garment"), -0.03, ("vcci", "molisa")),
    DemoTarget(Indicator(SOCIAL, "cba_in_force"), Area(NATIONAL), 0.15, ("vgcl", "vcci")),
    DemoTarget(Indicator(SOCIAL, "picc_women_share"), Area(PROVINCE, "79"), 0.10, ("vgcl",)),
    DemoTarget(Indicator(CLUSTER, "CO"), Area(PROVINCE, "01"), -0.10, ("molisa", "ilo")),
    # Agreed on this year's figure: nothing to follow it with until next year's.
    DemoTarget(
        Indicator(SOCIAL, "grievance_mechanism"),
        Area(NATIONAL),
        0.05,
        ("vgcl", "vcci", "molisa"),
        date(2026, 12, 31),
    ),
)

#: (days after the meeting it is due, responsible, status, text, [(days after, status, note)])
ACTIONS: tuple[tuple[int, str, str, str, tuple[tuple[int, str, str], ...]], ...] = (
    (
        60,
        "molisa",
        "in_progress",
        "Hướng dẫn thanh tra lao động các tỉnh ưu tiên an toàn, vệ sinh lao động ở nhà máy may.",
        ((20, "in_progress", "Dự thảo hướng dẫn đã gửi lấy ý kiến."),),
    ),
    (
        45,
        "vcci",
        "open",
        "Tổ chức hội thảo cho doanh nghiệp về giới hạn làm thêm giờ.",
        (),
    ),
    (
        90,
        "vgcl",
        "open",
        "Tập huấn cán bộ công đoàn cơ sở về thương lượng tập thể tại các khu công nghiệp.",
        (),
    ),
    (
        30,
        "ilo",
        "done",
        "Gửi các bên số liệu tỷ lệ không tuân thủ theo ngành trước cuộc họp sau.",
        ((25, "done", "Đã gửi kèm tài liệu họp."),),
    ),
    (
        120,
        "vgcl",
        "in_progress",
        "Vận động tăng tỷ lệ nữ trong ủy ban hai bên (PICC) tại Hồ Chí Minh.",
        ((40, "in_progress", "Đã làm việc với 12 công đoàn cơ sở."),),
    ),
    (
        75,
        "vcci",
        "dropped",
        "Khảo sát chi phí tuân thủ của doanh nghiệp nhỏ.",
        ((50, "dropped", "Gộp vào khảo sát chung của VCCI năm sau."),),
    ),
)


def _meetings(engine: Engine) -> list[tuple[int, date, frozenset[str]]]:
    with engine.connect() as connection:
        rows = connection.execute(select(Meeting.id, Meeting.held_on).order_by(Meeting.held_on))
        found = [(row.id, row.held_on) for row in rows]
        taking_part: dict[int, set[str]] = {}
        for meeting_id, organisation in connection.execute(
            select(MeetingParticipant.meeting_id, MeetingParticipant.organisation)
        ):
            taking_part.setdefault(meeting_id, set()).add(organisation)
    return [(id_, held_on, frozenset(taking_part.get(id_, ()))) for id_, held_on in found]


def seed_roadmap(engine: Engine) -> int:
    """Write the demo targets and actions; the number of targets written (0 when the
    database has no 2024 figures to start them from)."""
    ref = reference(engine)
    meetings = _meetings(engine)
    agreed_at = next((m for m in meetings if len(m[2]) >= 3), meetings[0] if meetings else None)
    targets: list[TargetInput] = []
    for demo in TARGETS:
        year = demo.baseline_on.year
        series = yearly_values(engine, SEEDER, demo.indicator, demo.area, year)
        baseline = series.loc[series["year"] == year, "value"]
        if baseline.empty or baseline.isna().all():
            continue
        value = round(float(baseline.iloc[0]), 3)
        target = min(max(value + demo.change, 0.0), 1.0)
        if round(target, 6) == round(value, 6):
            continue
        targets.append(
            TargetInput(
                demo.indicator,
                demo.area,
                value,
                demo.baseline_on,
                round(target, 3),
                DEADLINE,
                demo.owners,
                agreed_at[0] if agreed_at else None,
            ).checked(ref)
        )
    with engine.begin() as connection:
        save_targets(connection, SEEDER, targets, "demo")
        for index, (due_in, responsible, status, text, updates) in enumerate(ACTIONS):
            candidates = [m for m in meetings if responsible in m[2] or responsible == "ilo"]
            if not candidates:
                continue
            meeting_id, held_on, _ = candidates[index % len(candidates)]
            at = datetime.combine(held_on, datetime.min.time()) + timedelta(hours=9)
            action_id = connection.execute(
                insert(ActionPoint)
                .values(
                    meeting_id=meeting_id,
                    text=text,
                    organisation=responsible,
                    due_on=held_on + timedelta(days=due_in),
                    status=status,
                    created_at=at,
                    created_by=AUTHOR,
                    updated_at=at + timedelta(days=max((u[0] for u in updates), default=0)),
                )
                .returning(ActionPoint.id)
            ).scalar_one()
            for after, new_status, note in updates:
                connection.execute(
                    insert(ActionUpdate).values(
                        action_id=action_id,
                        at=at + timedelta(days=after),
                        username=f"{responsible}.demo",
                        status=new_status,
                        note=note,
                    )
                )
    return len(targets)
