"""CSV and XLSX files that open safely in Excel and carry their metadata with them.

Both writers take the columns and rows of a frame the caller already has (the frame a
page drew, or chunks of a streamed query): nothing is computed here, so a file can never
disagree with the screen.

CSV: UTF-8 with a byte-order mark (without it, Excel on Windows reads Vietnamese as
mojibake), RFC 4180 quoting and CRLF line ends. The metadata comes first, one
label/value pair per row, then one empty row, then the header and the data; the empty
row lets Excel's "Format as Table" and `read_csv_export` find the table on their own.
Text is formula-neutralised (`csv_safe`); numbers are written as plain numbers with a
decimal point, dates as ISO 8601, missing values as empty cells.

XLSX: strings are written as strings with formula and URL detection off, and a string a
spreadsheet could mistake for a formula also gets the "quote prefix" style, so it stays
text even after someone edits the cell; unlike the CSV, its text is therefore kept
exactly, without an apostrophe. The metadata goes on a second sheet.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import IO, Any

import pandas as pd
import xlsxwriter

from data_access.exports.csv_safe import is_formula_like, neutralise
from data_access.exports.metadata import ExportMetadata
from data_access.i18n import VIETNAM_TIME, t

BOM = "\ufeff"
CSV_DIALECT: dict[str, Any] = {
    "delimiter": ",",
    "quotechar": '"',
    "quoting": csv.QUOTE_MINIMAL,
    "lineterminator": "\r\n",
    "doublequote": True,
}
CSV_MIME = "text/csv"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
XLSX_MAX_ROWS = 1_048_576
#: Rows sampled to size the XLSX columns: enough to be representative, cheap to scan.
WIDTH_SAMPLE_ROWS = 200
MAX_COLUMN_WIDTH = 60

Row = Sequence[object]


class ExportTooLarge(ValueError):
    """The rows do not fit the format (an XLSX sheet holds 1,048,576 rows)."""


def _is_missing(value: object) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and math.isnan(value)


def _naive(value: datetime) -> datetime:
    """Spreadsheets have no time zones: an aware time is shown as Viet Nam's clock time."""
    return value if value.tzinfo is None else value.astimezone(VIETNAM_TIME).replace(tzinfo=None)


def frame_columns(frame: pd.DataFrame) -> list[str]:
    return [str(column) for column in frame.columns]


def frame_rows(frame: pd.DataFrame) -> Iterator[tuple[object, ...]]:
    """The frame's rows as Python values (numpy scalars unwrapped), in order."""
    columns = [frame[column].tolist() for column in frame.columns]
    return zip(*columns, strict=True) if columns else iter(())


# --- CSV ----------------------------------------------------------------------------------


def csv_cell(value: object) -> str:
    """One value as CSV text: numbers as numbers, everything textual neutralised."""
    if _is_missing(value):
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | Decimal):
        return str(value)
    if isinstance(value, float):
        return "" if math.isinf(value) else repr(value)
    if isinstance(value, datetime):
        value = _naive(value)
        if (value.hour, value.minute, value.second, value.microsecond) == (0, 0, 0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    return neutralise(str(value))


#: Types whose equal values can convert to different text (True == 1, 0.0 == -0.0,
#: Decimal("1.0") == Decimal("1")): converted value by value, never looked up.
_NOT_MEMOISED: frozenset[type] = frozenset({float, Decimal})


def _csv_column(values: Sequence[object]) -> Sequence[str]:
    """One column of a chunk as CSV text, each distinct value converted once.

    A chunk of the question-level export repeats the same few values over and over (a
    factory's name on each of its 250 answers, 38 point names, two booleans), and
    converting a million rows cell by cell costs more than reading them. Lookups are
    only used where equal values always give equal text."""
    kinds = set(map(type, values))
    if kinds & _NOT_MEMOISED or {bool, int} <= kinds:
        return [csv_cell(value) for value in values]
    try:
        text = {value: csv_cell(value) for value in set(values)}
    except TypeError:  # an unhashable value
        return [csv_cell(value) for value in values]
    return list(map(text.__getitem__, values))


def _csv_cells(rows: Iterable[Row]) -> Iterable[Sequence[str]]:
    rows = list(rows)
    if not rows or not rows[0] or len({len(row) for row in rows}) != 1:
        return [[csv_cell(value) for value in row] for row in rows]
    columns = [_csv_column(column) for column in zip(*rows, strict=True)]
    return zip(*columns, strict=True)


def csv_fields(values: Row) -> str:
    """One row's fields as CSV text, without the line end: the piece a streamed export
    joins with others (CSV quotes field by field, so pieces join exactly)."""
    return _csv_text([values])[: -len(CSV_DIALECT["lineterminator"])]


def _csv_text(rows: Iterable[Row]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, **CSV_DIALECT)
    writer.writerows(_csv_cells(rows))
    return buffer.getvalue()


def csv_preamble(metadata: ExportMetadata, columns: Sequence[str]) -> bytes:
    """BOM, metadata rows, the empty separator row and the header row."""
    width = max(len(columns), 2)
    block = [[label, value, *([""] * (width - 2))] for label, value in metadata.rows()]
    text = _csv_text([*block, [""] * width, list(columns)])
    return (BOM + text).encode("utf-8")


def iter_csv_chunks(
    columns: Sequence[str], row_chunks: Iterable[Iterable[Row]], metadata: ExportMetadata
) -> Iterator[bytes]:
    """The CSV file as a sequence of byte chunks, one per chunk of rows, so that a large
    export is written while it is read and never held whole."""
    yield csv_preamble(metadata, columns)
    for rows in row_chunks:
        text = _csv_text(rows)
        if text:
            yield text.encode("utf-8")


def csv_bytes(frame: pd.DataFrame, metadata: ExportMetadata) -> bytes:
    return b"".join(iter_csv_chunks(frame_columns(frame), [frame_rows(frame)], metadata))


def read_csv_export(data: bytes) -> tuple[list[tuple[str, str]], list[str], list[list[str]]]:
    """(metadata pairs, header, rows) of a file written by this module: what a test, or a
    script fed our files, needs to read one back."""
    text = data.decode("utf-8")
    if not text.startswith(BOM):
        raise ValueError("Not one of our CSV exports: no UTF-8 byte-order mark.")
    records = list(csv.reader(io.StringIO(text[len(BOM) :], newline="")))
    try:
        gap = next(i for i, record in enumerate(records) if not any(record))
    except StopIteration as error:
        raise ValueError("Not one of our CSV exports: no row separates metadata.") from error
    metadata = [(record[0], record[1]) for record in records[:gap]]
    header = records[gap + 1] if len(records) > gap + 1 else []
    return metadata, header, records[gap + 2 :]


# --- XLSX ---------------------------------------------------------------------------------


def _column_widths(columns: Sequence[str], sample: Sequence[Row]) -> list[float]:
    widths = [len(column) + 2 for column in columns]
    for row in sample:
        for index, value in enumerate(row):
            shown = len(csv_cell(value)) + 1
            widths[index] = max(widths[index], shown)
    return [min(width, MAX_COLUMN_WIDTH) for width in widths]


class _XlsxFormats:
    """The handful of cell formats a workbook needs, created once per workbook."""

    def __init__(self, workbook: xlsxwriter.Workbook) -> None:
        self.header = workbook.add_format({"bold": True, "bg_color": "#E8EEF4", "border": 1})
        self.text_guarded = workbook.add_format({"quote_prefix": True})
        self.date = workbook.add_format({"num_format": "yyyy-mm-dd"})
        self.datetime = workbook.add_format({"num_format": "yyyy-mm-dd hh:mm"})
        self.label = workbook.add_format({"bold": True, "valign": "top", "text_wrap": True})
        self.wrapped = workbook.add_format({"text_wrap": True, "valign": "top"})
        self.title = workbook.add_format({"bold": True, "font_size": 13})


def _write_cell(sheet: Any, row: int, col: int, value: object, formats: _XlsxFormats) -> None:
    if _is_missing(value):
        return
    if isinstance(value, bool):
        sheet.write_boolean(row, col, value)
    elif isinstance(value, int | float | Decimal):
        number = float(value)
        if not math.isinf(number):
            sheet.write_number(row, col, number)
    elif isinstance(value, datetime):
        naive = _naive(value)
        midnight = (naive.hour, naive.minute, naive.second) == (0, 0, 0)
        sheet.write_datetime(row, col, naive, formats.date if midnight else formats.datetime)
    elif isinstance(value, date):
        sheet.write_datetime(row, col, datetime(value.year, value.month, value.day), formats.date)
    else:
        text = str(value)
        sheet.write_string(row, col, text, formats.text_guarded if is_formula_like(text) else None)


def _write_metadata_sheet(sheet: Any, metadata: ExportMetadata, formats: _XlsxFormats) -> None:
    sheet.set_column(0, 0, 28)
    sheet.set_column(1, 1, 100)
    sheet.write_string(0, 0, metadata.title, formats.title)
    for index, (label, value) in enumerate(metadata.rows(), start=2):
        sheet.write_string(index, 0, label, formats.label)
        _write_cell(sheet, index, 1, value, formats)
        sheet.set_row(index, None, formats.wrapped)


def write_xlsx(
    target: IO[bytes] | str,
    columns: Sequence[str],
    row_chunks: Iterable[Iterable[Row]],
    metadata: ExportMetadata,
    *,
    constant_memory: bool = False,
) -> int:
    """Write the workbook to `target` (a path or a binary file); returns the data rows.

    With `constant_memory`, xlsxwriter flushes each row to disk as it goes, which keeps a
    question-level export of hundreds of thousands of rows flat in memory.
    """
    workbook = xlsxwriter.Workbook(
        target,
        {
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
            "constant_memory": constant_memory,
            "default_date_format": "yyyy-mm-dd",
        },
    )
    lang = metadata.lang
    workbook.set_properties(
        {
            "title": metadata.title,
            "subject": metadata.filter_description,
            "author": metadata.organisation,
            "company": t("exports.meta.source_value", lang),
            "comments": t("exports.meta.synthetic_value", lang) if metadata.synthetic else "",
        }
    )
    formats = _XlsxFormats(workbook)
    data_sheet = workbook.add_worksheet(t("exports.sheet.data", lang))
    about_sheet = workbook.add_worksheet(t("exports.sheet.about", lang))
    _write_metadata_sheet(about_sheet, metadata, formats)

    written = 0
    chunks = iter(row_chunks)
    first = list(next(chunks, []))
    for col, width in enumerate(_column_widths(columns, first[:WIDTH_SAMPLE_ROWS])):
        data_sheet.set_column(col, col, width)
    data_sheet.freeze_panes(1, 0)
    # Codes such as province "01" are text on purpose; spare the reader Excel's warnings.
    data_sheet.ignore_errors({"number_stored_as_text": "A1:XFD1048576"})
    for col, name in enumerate(columns):
        data_sheet.write_string(0, col, name, formats.header)
    try:
        for rows in _chain_first(first, chunks):
            for row in rows:
                written += 1
                if written >= XLSX_MAX_ROWS:
                    raise ExportTooLarge(t("exports.error.xlsx_too_large", lang))
                for col, value in enumerate(row):
                    _write_cell(data_sheet, written, col, value, formats)
        if columns:
            data_sheet.autofilter(0, 0, max(written, 1), len(columns) - 1)
    finally:
        workbook.close()
    return written


def _chain_first(first: list[Row], rest: Iterator[Iterable[Row]]) -> Iterator[Iterable[Row]]:
    yield first
    yield from rest


def xlsx_bytes(frame: pd.DataFrame, metadata: ExportMetadata) -> bytes:
    buffer = io.BytesIO()
    write_xlsx(buffer, frame_columns(frame), [frame_rows(frame)], metadata)
    return buffer.getvalue()
