"""A briefing's roadmap section: the audience's targets with the Roadmap page's figures
and statuses, hidden where the audience may not see them; none for donors."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Engine

from data_access.briefings.content import build_briefing
from data_access.briefings.request import BriefingRequest
from data_access.refdata import reference
from data_access.roadmap.indicators import Area, Indicator
from data_access.roadmap.kinds import NATIONAL, POINT, PROVINCE
from data_access.roadmap.targets import TargetInput, add_target
from data_access.scope import Scope

ILO = Scope("ilo", "ilo", "ilo.test")


def _target(area: Area, baseline: float, owners: tuple[str, ...]) -> TargetInput:
    return TargetInput(
        Indicator(POINT, "OS-MGT"),
        area,
        baseline,
        date(2024, 12, 31),
        0.25,
        date(2027, 12, 31),
        owners,
    )


def roadmap_of(engine: Engine, audience: str, lang: str = "vi"):
    request = BriefingRequest(audience, 2025, 2025, 2024, 2024, lang=lang)
    document = build_briefing(engine, ILO, request, today=date(2026, 1, 5)).document
    heading = (
        "Lộ trình 2027: các mục tiêu đã thống nhất"
        if lang == "vi"
        else "Roadmap 2027: the agreed targets"
    )
    return next((section for section in document.sections if section.heading == heading), None)


def test_the_briefing_shows_the_audiences_targets_hidden_where_hidden(roadmap_db: Engine) -> None:
    ref = reference(roadmap_db)
    add_target(roadmap_db, ILO, _target(Area(NATIONAL), 0.412, ("vgcl", "vcci")), ref)
    add_target(roadmap_db, ILO, _target(Area(PROVINCE, "01"), 0.437, ("vgcl",)), ref)
    union = roadmap_of(roadmap_db, "vgcl")
    assert union is not None
    rows = {row[0]: row for row in union.tables[0].rows}
    national = rows["Tỷ lệ không tuân thủ: Hệ thống quản lý an toàn vệ sinh lao động — Toàn quốc"]
    assert national[1:] == ("41,2% (31/12/2024)", "2025: 29,4%", "25,0% (31/12/2027)", "Đúng hướng")
    hanoi = rows["Tỷ lệ không tuân thủ: Hệ thống quản lý an toàn vệ sinh lao động — Hà Nội"]
    assert hanoi[1:] == ("Ẩn", "2025: Ẩn", "25,0% (31/12/2027)", "Ẩn (bảo vệ số liệu)")
    assert "43,7" not in repr(union)
    employers = roadmap_of(roadmap_db, "vcci", lang="en")
    assert employers is not None and len(employers.tables[0].rows) == 1
    assert roadmap_of(roadmap_db, "donors") is None
    together = roadmap_of(roadmap_db, "constituents")
    assert together is not None and len(together.tables[0].rows) == 2
