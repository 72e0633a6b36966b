"""CSV and XLSX read back with the ordinary tools: the csv module and openpyxl."""

from __future__ import annotations

import csv
import io
import math
import zipfile

import openpyxl
import pandas as pd

from data_access.exports.metadata import ExportMetadata
from data_access.exports.writers import (
    BOM,
    csv_bytes,
    iter_csv_chunks,
    read_csv_export,
    xlsx_bytes,
)
from tests.data_access.exports.conftest import INJECTIONS, VIETNAMESE


def test_csv_starts_with_bom_and_uses_crlf(metadata: ExportMetadata) -> None:
    data = csv_bytes(pd.DataFrame({"name": ["Hồ Chí Minh", "Huế"], "n": [1, 2]}), metadata)
    assert data.startswith(BOM.encode("utf-8"))
    assert data.endswith(b"\r\n")
    assert data.count(b"\n") == data.count(b"\r\n")  # every record ends in CRLF


def test_csv_round_trip_keeps_numbers_and_neutralises_text(
    hostile_frame: pd.DataFrame, metadata: ExportMetadata
) -> None:
    pairs, header, rows = read_csv_export(csv_bytes(hostile_frame, metadata))
    assert header == list(hostile_frame.columns)
    assert len(rows) == len(hostile_frame)
    for row, expected in zip(rows, hostile_frame.itertuples(index=False), strict=True):
        factory, province, assessed, factories, rate, suppressed = row
        assert factory.lstrip("'") == expected.factory
        assert province.lstrip("'") == expected.province
        assert assessed == expected.assessed.isoformat()
        assert int(factories) == expected.factories  # "-2" is a number, not neutralised
        if math.isnan(expected.rate):
            assert rate == ""
        else:
            assert float(rate) == expected.rate
        assert suppressed == ("TRUE" if expected.suppressed else "FALSE")
    labels = dict(pairs)
    assert labels["Bộ lọc"] == "May mặc, Hồ Chí Minh, 2023–2025"
    assert "Dữ liệu minh họa tổng hợp" in labels["CẢNH BÁO"]


def test_csv_injection_is_inert(hostile_frame: pd.DataFrame, metadata: ExportMetadata) -> None:
    _, header, rows = read_csv_export(csv_bytes(hostile_frame, metadata))
    cells = [cell for row in rows for cell in row] + header
    for payload in INJECTIONS:
        assert payload not in cells
        assert "'" + payload in cells
    every_text_cell = [c for c in cells if c and not _is_number(c)]
    assert not any(cell[0] in "=+-@\t\r\n" for cell in every_text_cell)


def test_csv_metadata_is_neutralised_too(metadata: ExportMetadata) -> None:
    pairs, _, _ = read_csv_export(csv_bytes(pd.DataFrame({"a": [1]}), metadata))
    assert ("Phương pháp", "'=1+1 method note that starts like a formula") in pairs


def test_csv_vietnamese_round_trip_through_plain_csv_module(
    hostile_frame: pd.DataFrame, metadata: ExportMetadata
) -> None:
    text = csv_bytes(hostile_frame, metadata).decode("utf-8-sig")
    cells = {cell for record in csv.reader(io.StringIO(text, newline="")) for cell in record}
    for name in VIETNAMESE:
        assert name in cells


def test_csv_quotes_commas_quotes_and_line_breaks(metadata: ExportMetadata) -> None:
    value = 'Nhà máy "Sông Hồng", Hà Nội\nxưởng 2'
    data = csv_bytes(pd.DataFrame({"name": [value]}), metadata)
    assert b'"Nh\xc3\xa0 m\xc3\xa1y ""S\xc3\xb4ng H\xe1\xbb\x93ng"", ' in data
    _, _, rows = read_csv_export(data)
    assert rows == [[value]]


def test_csv_chunks_concatenate_to_one_file(metadata: ExportMetadata) -> None:
    chunks = list(iter_csv_chunks(["n"], [[(1,), (2,)], [], [(3,)]], metadata))
    assert len(chunks) == 3  # preamble, two non-empty chunks
    _, header, rows = read_csv_export(b"".join(chunks))
    assert header == ["n"]
    assert rows == [["1"], ["2"], ["3"]]


def test_xlsx_round_trip_values_and_types(
    hostile_frame: pd.DataFrame, metadata: ExportMetadata
) -> None:
    workbook = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(hostile_frame, metadata)))
    assert workbook.sheetnames == ["Dữ liệu", "Thông tin tệp"]
    sheet = workbook["Dữ liệu"]
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == list(hostile_frame.columns)
    for row, expected in zip(rows[1:], hostile_frame.itertuples(index=False), strict=True):
        assert row[0] == expected.factory  # exact text: the cell type keeps it inert
        assert row[1] == expected.province
        assert row[2].date() == expected.assessed
        assert row[3] == expected.factories
        assert (row[4] is None) if math.isnan(expected.rate) else (row[4] == expected.rate)
        assert row[5] is expected.suppressed


def test_xlsx_injection_is_inert(hostile_frame: pd.DataFrame, metadata: ExportMetadata) -> None:
    data = xlsx_bytes(hostile_frame, metadata)
    sheet = openpyxl.load_workbook(io.BytesIO(data))["Dữ liệu"]
    for row in sheet.iter_rows(min_row=2):
        for cell in row[:2]:
            assert cell.data_type == "s"
            if cell.value in INJECTIONS:
                assert cell.quotePrefix
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                xml = archive.read(name).decode("utf-8")
                assert "<f>" not in xml and "<f " not in xml
                assert "hyperlink" not in xml.lower()
        assert not any("externalLink" in name for name in archive.namelist())


def test_xlsx_metadata_sheet(hostile_frame: pd.DataFrame, metadata: ExportMetadata) -> None:
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(hostile_frame, metadata)))["Thông tin tệp"]
    values = {row[0]: row[1] for row in sheet.iter_rows(min_row=3, values_only=True) if row[0]}
    assert values["Bộ lọc"] == "May mặc, Hồ Chí Minh, 2023–2025"
    assert values["Dữ liệu tính đến"] == "30/06/2025"
    assert values["Phương pháp"] == "=1+1 method note that starts like a formula"
    assert "Dữ liệu minh họa tổng hợp" in values["CẢNH BÁO"]


def test_xlsx_vietnamese_round_trip(hostile_frame: pd.DataFrame, metadata) -> None:
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(hostile_frame, metadata)))["Dữ liệu"]
    cells = {cell for row in sheet.iter_rows(values_only=True) for cell in row}
    for name in VIETNAMESE:
        assert name in cells


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True
