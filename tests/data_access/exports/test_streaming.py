"""The staff-only question-level export: every finding once, in chunks, with progress,
readable back as CSV and XLSX; refused to constituents. Both backends."""

from __future__ import annotations

import io

import openpyxl
import pytest
from sqlalchemy import Engine, func, select

from data_access.exports.streaming import COLUMNS, count_findings, iter_findings, write_findings
from data_access.exports.writers import read_csv_export
from data_access.filters import Filters
from data_access.models import Finding
from data_access.scope import AccessDenied, Scope
from tests.data_access.fixtures import Builder

ILO = Scope("ilo", "ilo", "ilo.test")


@pytest.fixture
def findings(engine: Engine) -> Engine:
    build = Builder(engine)
    build.question("FG-1", "WT-OVT", fact_gathering=True)
    names = ['=HYPERLINK("http://x","y")', "Nhà máy Đắk Lắk"]
    for index, (province, legacy) in enumerate([("79", "79"), ("66", "66"), ("46", "46")]):
        factory = build.factory(province=province, legacy=legacy, name=names[index % 2])
        for year in (2023, 2024):
            build.assessment(
                factory,
                f"{year}-06-01",
                points={"WT-OVT": index == 0, "OS-EME": year == 2024},
                findings={"FG-1": True},
            )
    return engine


def test_every_finding_once_with_progress(findings: Engine) -> None:
    with findings.connect() as connection:
        expected = connection.scalar(select(func.count()).select_from(Finding))
    assert count_findings(findings, ILO, Filters()) == expected == 18
    calls: list[tuple[int, int]] = []
    chunks = list(
        iter_findings(
            findings,
            ILO,
            Filters(),
            "vi",
            chunk_size=4,
            progress=lambda done, total: calls.append((done, total)),
        )
    )
    assert [len(chunk) for chunk in chunks] == [4, 4, 4, 4, 2]
    assert calls[0] == (0, 18) and calls[-1] == (18, 18)
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)
    rows = [dict(zip(COLUMNS, row, strict=True)) for chunk in chunks for row in chunk]
    fact = [row for row in rows if row["question"] == "FG-1"]
    assert len(fact) == 6 and not any(row["counted"] for row in fact)
    assert all(row["counted"] for row in rows if row["question"] != "FG-1")


def test_filters_apply(findings: Engine) -> None:
    filters = Filters(provinces=("66",), year_from=2024, year_to=2024)
    assert count_findings(findings, ILO, filters) == 3
    chunks = list(iter_findings(findings, ILO, filters, "en"))
    assert {row[3] for chunk in chunks for row in chunk} == {"66"}


def test_csv_and_xlsx_round_trip(findings: Engine) -> None:
    buffer = io.BytesIO()
    assert write_findings(findings, ILO, Filters(), buffer, fmt="csv", lang="vi") == 18
    meta, header, rows = read_csv_export(buffer.getvalue())
    assert header == list(COLUMNS)
    assert len(rows) == 18
    names = {row[1] for row in rows}
    assert '\'=HYPERLINK("http://x","y")' in names and "Nhà máy Đắk Lắk" in names
    provinces = {row[4] for row in rows}
    assert {"Hồ Chí Minh", "Đắk Lắk", "Huế"} <= provinces
    assert "Thừa Thiên Huế" in {row[6] for row in rows}
    assert "MẬT" in dict(meta)

    buffer = io.BytesIO()
    assert write_findings(findings, ILO, Filters(), buffer, fmt="xlsx", lang="en") == 18
    sheet = openpyxl.load_workbook(io.BytesIO(buffer.getvalue()))["Data"]
    values = list(sheet.iter_rows(values_only=True))
    assert list(values[0]) == list(COLUMNS)
    assert len(values) == 19
    assert '=HYPERLINK("http://x","y")' in {row[1] for row in values[1:]}
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_refused_to_constituents(findings: Engine) -> None:
    for role in ("molisa", "vcci", "vgcl", None):
        with pytest.raises(AccessDenied):
            count_findings(findings, Scope(role), Filters())
        with pytest.raises(AccessDenied):
            next(iter_findings(findings, Scope(role), Filters(), "vi"))
