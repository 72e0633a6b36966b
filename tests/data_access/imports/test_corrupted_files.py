"""Property: a valid file corrupted in any of many ways is refused with at least one
precise problem, and the database is left exactly as it was (every table's rows
fingerprinted before and after; the only trace is the refusal itself, one `failed`
row in the import history and one audit entry, which the brief requires)."""

from __future__ import annotations

import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook
from sqlalchemy import Engine, func, select

from data_access.imports import template_file
from data_access.imports.formats import FORMATS
from data_access.models import ImportBatch
from tests.data_access.imports.helpers import load, table_fingerprints, with_examples

LOG_TABLES = ("import_batches", "audit_log")
# Columns whose type any wrong value breaks (text columns accept any text).
TYPED = {
    "factories": ("workers_total", "workers_women", "joined_on", "sector", "province"),
    "assessments": (
        "assessed_on",
        "assessment_type",
        "cycle",
        "question_code",
        "non_compliant",
        "factory_code",
    ),
    "social_dialogue": (
        "assessed_on",
        "union_present",
        "picc_members",
        "cba_in_force",
        "union_membership_share",
    ),
}
WRONG = ("abc", "12.5", "2024-02-30", "-1", "=1+1", "yes please", "99999999999")
CORRUPTIONS = (
    "drop_column",
    "swap_type",
    "duplicate_row",
    "bad_bytes",
    "truncate",
    "huge_cell",
    "utf16_damaged",
    "extra_cells",
)


def _rows(data: bytes) -> list[list[str]]:
    import csv

    return [row for row in csv.reader(io.StringIO(data.decode("utf-8-sig"))) if row]


def _csv(rows: list[list[str]]) -> bytes:
    import csv

    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode("utf-8")


def corrupt(kind: str, data: bytes, fmt: str, draw: st.DrawFn) -> bytes:
    rows = _rows(data)
    header, body = rows[0], rows[1:]
    spec = FORMATS[fmt]
    row = draw(st.integers(0, len(body) - 1))
    if kind == "drop_column":
        name = draw(st.sampled_from([c.name for c in spec.required]))
        at = header.index(name)
        return _csv([[cell for i, cell in enumerate(r) if i != at] for r in rows])
    if kind == "swap_type":
        at = header.index(draw(st.sampled_from(TYPED[fmt])))
        body[row][at] = draw(st.sampled_from(WRONG))
        return _csv([header, *body])
    if kind == "duplicate_row":
        body.insert(draw(st.integers(0, len(body))), list(body[row]))
        return _csv([header, *body])
    if kind == "extra_cells":
        body[row] = [*body[row], "surplus"]
        return _csv([header, *body])
    if kind == "huge_cell":
        at = draw(st.integers(0, len(header) - 1))
        body[row][at] = body[row][at] + "x" * draw(st.integers(3_000, 400_000))
        return _csv([header, *body])
    raw = _csv([header, *body])
    if kind == "bad_bytes":
        # Vietnamese text stays valid UTF-8 elsewhere; a few bytes are damaged inside a row.
        lines = raw.split(b"\r\n")
        target = 1 + row
        cut = draw(st.integers(0, max(len(lines[target]) - 1, 0)))
        junk = draw(st.sampled_from([b"\xff", b"\xc3", b"\xe1\xba", b"\x80\x80", b"\xfe\xff"]))
        lines[target] = lines[target][:cut] + junk + lines[target][cut:]
        return b"\r\n".join(lines)
    if kind == "utf16_damaged":
        encoded = raw.decode("utf-8").encode("utf-16")
        return encoded[: len(encoded) - 1 - draw(st.integers(0, 2)) * 2]  # odd length
    if kind == "truncate":
        # Cut inside a row, before its last separator: the cut row loses cells. (A cut
        # exactly at a line end leaves a shorter but valid file: nothing to detect.)
        lines = raw.split(b"\r\n")
        target = 1 + row
        last_comma = lines[target].rfind(b",")
        cut = draw(st.integers(1, last_comma - 1))
        return b"\r\n".join([*lines[:target], lines[target][:cut]])
    raise AssertionError(kind)


def corrupt_xlsx(data: bytes, draw: st.DrawFn) -> bytes:
    """XLSX-specific damage: a cut-off archive, or a wrong type typed into a cell."""
    if draw(st.booleans()):
        return data[: int(len(data) * draw(st.floats(0.01, 0.99)))]
    book = load_workbook(io.BytesIO(data))
    sheet = book.worksheets[0]
    header = [cell.value for cell in sheet[1]]
    at = header.index(draw(st.sampled_from(TYPED["factories"][:3]))) + 1
    sheet.cell(row=draw(st.integers(2, sheet.max_row)), column=at, value="not a value")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def loaded(engine: Engine) -> Engine:
    with_examples(engine)
    return engine


def _batches(engine: Engine) -> int:
    with engine.connect() as connection:
        return int(connection.scalar(select(func.count()).select_from(ImportBatch)) or 0)


def _assert_refused(engine: Engine, name: str, data: bytes) -> None:
    before = table_fingerprints(engine, skip=LOG_TABLES)
    batches = _batches(engine)
    report = load(engine, name, data)
    errors = [p for p in report.problems if p.severity == "error"]
    assert report.status == "invalid", (report.status, report.failure)
    assert errors, "refused without a reason"
    for problem in errors:
        assert problem.file == name
        assert problem.message("vi") and problem.expected("en")
    # Precise: a row-level problem names its row; file-level ones say what the file lacks.
    assert any(p.row is not None or p.key in FILE_LEVEL for p in errors)
    assert table_fingerprints(engine, skip=LOG_TABLES) == before
    assert _batches(engine) == batches + 1


FILE_LEVEL = {"not_utf8", "bad_text_encoding", "bad_xlsx", "nul_bytes", "empty_file"}


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_corrupted_csv_files_are_refused_and_change_nothing(
    loaded: Engine, data: st.DataObject
) -> None:
    fmt = data.draw(st.sampled_from(sorted(TYPED)))
    kind = data.draw(st.sampled_from(CORRUPTIONS))
    name, valid = template_file(fmt, "csv", loaded, example=True)
    broken = corrupt(kind, valid, fmt, data.draw)
    _assert_refused(loaded, f"{kind}-{name}", broken)


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_corrupted_xlsx_files_are_refused_and_change_nothing(
    loaded: Engine, data: st.DataObject
) -> None:
    name, valid = template_file("factories", "xlsx", loaded, example=True)
    _assert_refused(loaded, name, corrupt_xlsx(valid, data.draw))


def test_an_empty_workbook_and_an_empty_file_are_refused(loaded: Engine) -> None:
    buffer = io.BytesIO()
    Workbook().save(buffer)
    _assert_refused(loaded, "empty.xlsx", buffer.getvalue())
    _assert_refused(loaded, "empty.csv", b"")
    _assert_refused(loaded, "header-only.csv", b"factory_code,name\r\n")
