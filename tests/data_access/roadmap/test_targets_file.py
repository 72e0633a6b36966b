"""Loading roadmap targets from a file: a good CSV or XLSX stores every row (audited,
and loading it again changes nothing); a file with any wrong row stores nothing and
says, per row and column, what is wrong, in Vietnamese and English; formulas and text
that would run as one are refused."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook
from sqlalchemy import Engine, func, select

from data_access.models import AuditEntry, RoadmapTarget
from data_access.roadmap.targets import targets
from data_access.roadmap.targets_file import load_targets
from data_access.scope import AccessDenied, Scope

ILO = Scope("ilo", "ilo", "ilo.test")
HEADER = (
    "indicator_kind,indicator_code,area_kind,area_code,baseline_value,baseline_on,"
    "target_value,deadline,owners,meeting_id"
)


def csv(*rows: str, header: str = HEADER) -> bytes:
    return ("\ufeff" + "\r\n".join((header, *rows)) + "\r\n").encode("utf-8")


def count(engine: Engine, model: object) -> int:
    with engine.connect() as connection:
        return int(connection.scalar(select(func.count()).select_from(model)) or 0)


def test_a_good_file_stores_every_target_once(engine: Engine, meetings: dict[str, int]) -> None:
    data = csv(
        "point,OS-MGT,national,,41%,31/12/2024,25%,31/12/2027,molisa; vcci,"
        f"{meetings['tripartite']}",
        'social,cba_in_force,province,79,0.2,2024-12-31,0.35,2027-12-31,"vgcl, vcci",',
        "cluster,OS,sector,garment,40 %,31/12/2024,0.3,31/12/2027,ilo,",
    )
    report = load_targets(engine, ILO, "targets.csv", data)
    assert report.stored, report.messages("en")
    assert (report.added, report.changed, report.unchanged) == (3, 0, 0)
    stored = {item.target.indicator.code: item.target for item in targets(engine, ILO)}
    assert stored["OS-MGT"].baseline_value == 0.41
    assert stored["OS-MGT"].owners == ("molisa", "vcci")
    assert stored["OS-MGT"].meeting_id == meetings["tripartite"]
    assert stored["cba_in_force"].owners == ("vcci", "vgcl")
    assert stored["OS"].baseline_value == 0.4
    again = load_targets(engine, ILO, "targets.csv", data)
    assert (again.added, again.changed, again.unchanged) == (0, 0, 3)
    assert count(engine, RoadmapTarget) == 3
    with engine.connect() as connection:
        sources = connection.scalars(
            select(AuditEntry.detail).where(AuditEntry.action == "roadmap_target_add")
        ).all()
    assert len(sources) == 3 and all('"source": "file:targets.csv"' in s for s in sources)


def test_a_semicolon_xlsx_style_file_is_read_too(engine: Engine) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER.split(","))
    sheet.append(["Điểm tuân thủ", "OS-MGT", "Toàn quốc", None, 0.41, "31/12/2024", 0.25,
                  "31/12/2027", "MOLISA;VGCL", None])  # fmt: skip
    buffer = io.BytesIO()
    book.save(buffer)
    report = load_targets(engine, ILO, "targets.xlsx", buffer.getvalue())
    assert report.stored, report.messages("en")
    assert targets(engine, ILO)[0].target.owners == ("molisa", "vgcl")
    semicolons = csv(
        "point;OS-MGT;national;;41%;31/12/2024;25%;31/12/2027;vcci;",
        header=HEADER.replace(",", ";"),
    )
    assert load_targets(engine, ILO, "semi.csv", semicolons).stored


def test_a_file_with_any_wrong_row_stores_nothing_and_says_why_per_row(
    engine: Engine,
) -> None:
    data = csv(
        "point,OS-MGT,national,,41%,31/12/2024,25%,31/12/2027,molisa,",
        "point,XX-NOPE,national,,41%,31/12/2024,25%,31/12/2027,molisa,",
        "point,OS-MGT,sector,garment,30%,31/12/2024,30%,31/12/2027,vcci,",
        "point,OS-MGT,national,,41%,31/12/2024,25%,31/12/2027,vgcl,",
        "point,OS-MGT,province,79,41%,31/12/2024,25%,31/12/2027,unicef,",
        'point,OS-MGT,province,48,41%,31/12/2024,25%,31/12/2027,"=HYPERLINK(""http://x"")",',
        "point,OS-MGT,province,01,41%,31/12/2024,25%,31/12/2023,molisa,",
        "point,OS-MGT,province,01,41%,31/12/2024,25%,31/12/2027,molisa,999",
    )
    report = load_targets(engine, ILO, "bad.csv", data)
    assert not report.stored
    assert count(engine, RoadmapTarget) == 0
    found = {(problem.row, problem.key) for problem in report.problems}
    assert found == {
        (3, "unknown_indicator"),
        (4, "target_equals_baseline"),
        (5, "duplicate_row"),
        (6, "unknown_owner"),
        (7, "formula"),
        (8, "deadline_before_baseline"),
        (9, "unknown_meeting"),
    }
    english = "\n".join(report.messages("en"))
    vietnamese = "\n".join(report.messages("vi"))
    assert 'bad.csv, row 3, column indicator_code: "XX-NOPE" No such indicator.' in english
    assert "dòng 4" in vietnamese and "Giá trị mục tiêu bằng giá trị cơ sở." in vietnamese
    assert "This record is already in row 2." in english


def test_a_missing_column_or_an_empty_file_is_said_plainly(engine: Engine) -> None:
    report = load_targets(
        engine, ILO, "short.csv", csv("point,OS-MGT", header="indicator_kind,indicator_code")
    )
    assert not report.stored
    assert {problem.key for problem in report.problems} == {"missing_column"}
    empty = load_targets(engine, ILO, "empty.csv", b"")
    assert [problem.key for problem in empty.problems] == ["empty_file"]


def test_only_staff_load_targets(engine: Engine) -> None:
    with pytest.raises(AccessDenied):
        load_targets(engine, Scope("vcci", "vcci", "v"), "t.csv", csv())
