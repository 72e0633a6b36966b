"""Formula cells in XLSX files are refused with their row and column, even when Excel
saved the value it computed beside the formula (which a values-only read would load).

The workbooks are built as Excel saves them: a formula cell carries `<f>` and its cached
value in `<v>` (`t="str"` for text), filled-down formulas are shared (`t="shared"`), and
a file from a tool that never calculates has `<f>` with no value at all.
"""

from __future__ import annotations

import io
import re
import zipfile

from openpyxl import load_workbook
from sqlalchemy import Engine

from data_access.imports import template_file
from data_access.imports.console import report_text
from tests.data_access.imports.helpers import load, table_fingerprints, with_examples

LOG_TABLES = ("import_batches", "audit_log")
SHEET = "xl/worksheets/sheet1.xml"


def with_cells(workbook: bytes, replacements: dict[str, str]) -> bytes:
    """The workbook with each named cell's XML (`<c r="G2" …>…</c>`) replaced."""
    source = zipfile.ZipFile(io.BytesIO(workbook))
    sheet = source.read(SHEET).decode("utf-8")
    for ref, cell in replacements.items():
        pattern = re.compile(rf'<c r="{ref}"(?: [^>]*)?(?:/>|>.*?</c>)')
        sheet, count = pattern.subn(cell, sheet, count=1)
        if not count:  # an empty cell is not written: add it at the end of its row
            row = re.sub(r"\D", "", ref)
            sheet, count = re.subn(rf'(<row r="{row}"[^>]*>.*?)(</row>)', rf"\g<1>{cell}\2", sheet)
        assert count == 1, ref
    target = io.BytesIO()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            out.writestr(item, sheet if item.filename == SHEET else source.read(item))
    return target.getvalue()


# factories: A code, B name, …, G workers_total, H workers_women, …, J joined_on.
FORMULA_CELLS = {
    "G2": '<c r="G2"><f>1000+250</f><v>1250</v></c>',
    "B3": '<c r="B3" t="str"><f>"Example "&amp;"Footwear JSC"</f><v>Example Footwear JSC</v></c>',
    "H4": '<c r="H4"><f t="shared" ref="H4:H5" si="0">G4*0.8</f><v>1680</v></c>',
    "H5": '<c r="H5"><f t="shared" si="0"/><v>688</v></c>',
    "J6": '<c r="J6"><f>DATE(2022,6,20)</f></c>',
}


def test_formula_cells_are_refused_with_row_and_column_whatever_excel_cached(
    engine: Engine,
) -> None:
    with_examples(engine, "factories")
    _, example = template_file("factories", "xlsx", engine, example=True)
    workbook = with_cells(example, FORMULA_CELLS)
    cached = load_workbook(io.BytesIO(workbook), data_only=True).worksheets[0]
    # The file is what Excel saves: a values-only reader sees plain data (and one blank).
    assert (cached["G2"].value, cached["B3"].value, cached["H4"].value, cached["J6"].value) == (
        1250,
        "Example Footwear JSC",
        1680,
        None,
    )
    before = table_fingerprints(engine, skip=LOG_TABLES)

    report = load(engine, "factories.xlsx", workbook)

    assert report.status == "invalid"
    errors = [p for p in report.problems if p.severity == "error"]
    assert {(p.row, p.column, p.key) for p in errors} == {
        (2, "workers_total", "formula"),
        (3, "name", "formula"),
        (4, "workers_women", "formula"),
        (5, "workers_women", "formula"),
        (6, "joined_on", "formula"),
    }
    shown = {p.row: p.value for p in errors}
    assert shown[2] == "=1000+250" and shown[5] == "=G5*0.8" and shown[6] == "=DATE(2022,6,20)"
    first = min(errors, key=lambda p: p.row or 0)
    assert first.as_text("en") == (
        'factories.xlsx, row 2, column workers_total: "=1000+250" The value is a spreadsheet '
        "formula, not data. expected: The value itself (copy and Paste Values in Excel)."
    )
    assert "công thức" in first.as_text("vi")
    assert table_fingerprints(engine, skip=LOG_TABLES) == before


def test_a_formula_in_a_question_column_is_refused_as_a_formula(engine: Engine) -> None:
    with_examples(engine, "factories")
    _, example = template_file("assessments_wide", "xlsx", engine, example=True)
    # E2 is the first question column: a yes/no answer computed by a formula.
    workbook = with_cells(example, {"E2": '<c r="E2" t="b"><f>C2&gt;D2</f><v>1</v></c>'})

    report = load(engine, "wide.xlsx", workbook)

    assert report.status == "invalid"
    header = load_workbook(io.BytesIO(example), read_only=True).worksheets[0]
    question = next(header.iter_rows(max_row=1, values_only=True))[4]
    assert [(p.row, p.column, p.key) for p in report.problems if p.severity == "error"] == [
        (2, question, "formula")
    ]
    assert "  1 error, 0 warnings\n" in report_text(report, "en")
