"""Streaming readers: a header and then one row at a time, from CSV or XLSX.

Neither reader holds the file in memory, so a million-row findings file is read in
flat memory. Row numbers are the ones Excel shows (header = 1), counting blank rows,
so a clerk can go straight to the row a problem names. A reader that meets damage
(a cut-off XLSX, an over-long CSV cell from an unclosed quote) stops with a fatal
problem at the row it reached; everything before is still validated.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import BinaryIO

from data_access.imports.cells import Cell, Formula
from data_access.imports.encoding import XLSX, FileFacts
from data_access.imports.formats import DOCUMENTED, header_key
from data_access.imports.problems import ProblemLog

#: Far above any legitimate cell; a longer one means a broken quote, and stops the read.
FIELD_LIMIT = 10 * 1024 * 1024
DELIMITERS = (",", ";", "\t", "|")
Row = tuple[int, list[Cell]]

csv.field_size_limit(FIELD_LIMIT)


@dataclass
class Table:
    headers: list[str]
    rows: Iterator[Row]
    done: Callable[[], float]  # share of the file read so far, for progress bars
    close: Callable[[], None]  # idempotent; for a read abandoned before its rows


class _CountingReader(io.RawIOBase):
    """A binary stream that counts what has been read from it, for progress."""

    def __init__(self, inner: BinaryIO) -> None:
        self.inner = inner
        self.count = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        data = self.inner.read(len(buffer))
        buffer[: len(data)] = data
        self.count += len(data)
        return len(data)


def _known_header_keys() -> set[str]:
    keys: set[str] = set()
    for fmt in DOCUMENTED.values():
        for column in fmt.columns:
            keys |= column.header_keys()
    return keys


def sniff_delimiter(first_line: str) -> str:
    """The separator that splits the header into the most recognised column names
    (Excel in some locales writes ";"); "," when none is recognised."""
    known = _known_header_keys()
    best, best_score = ",", 0
    for delimiter in DELIMITERS:
        cells = next(csv.reader([first_line], delimiter=delimiter), [])
        score = sum(1 for cell in cells if header_key(cell) in known)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _csv_rows(reader: Iterator[list[str]], log: ProblemLog) -> Iterator[Row]:
    row_number = 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            log.error("csv_damaged", row=row_number + 1, detail=str(error))
            return
        except UnicodeDecodeError:
            log.error("not_utf8", row=row_number + 1, line=row_number + 1)
            return
        row_number += 1
        if any(cells):
            yield row_number, cells


def read_csv(
    open_stream: Callable[[], BinaryIO], facts: FileFacts, log: ProblemLog
) -> Table | None:
    with open_stream() as probe:
        sample = probe.read(64 * 1024).decode(facts.encoding, errors="replace")
    first_line = sample.lstrip("\ufeff").splitlines()[0] if sample.strip() else ""
    delimiter = sniff_delimiter(first_line)
    raw = open_stream()
    counter = _CountingReader(raw)
    text = io.TextIOWrapper(
        io.BufferedReader(counter), encoding=facts.encoding, errors="strict", newline=""
    )
    reader = csv.reader(text, delimiter=delimiter, strict=False)
    try:
        headers = next(reader)
    except (StopIteration, csv.Error):
        raw.close()
        log.error("no_header", row=1)
        return None
    if headers and headers[0].startswith("\ufeff"):
        headers[0] = headers[0][1:]

    def rows() -> Iterator[Row]:
        try:
            yield from _csv_rows(reader, log)
        finally:
            raw.close()

    size = max(facts.size, 1)
    return Table(
        [cell.strip() for cell in headers], rows(), lambda: counter.count / size, raw.close
    )


def _xlsx_cell(value: object) -> Cell:
    if isinstance(value, str):
        return Formula(value) if value.startswith("=") else value
    if hasattr(value, "ref"):  # openpyxl's ArrayFormula and DataTableFormula
        return Formula(getattr(value, "text", None) or "=")
    if isinstance(value, datetime) and value.time() == datetime.min.time():
        return value.date()
    return value  # type: ignore[return-value]


def read_xlsx(open_stream: Callable[[], BinaryIO], log: ProblemLog) -> Table | None:
    """The first worksheet (templates put the data there, and the column help after it).

    Read with formulas, not the values Excel cached for them, so a formula cell arrives
    as `Formula` (refused with its row and column) instead of passing as its value."""
    from openpyxl import load_workbook  # slow to import; CSV-only runs never need it
    from openpyxl.utils.exceptions import InvalidFileException

    stream = open_stream()
    try:
        book = load_workbook(stream, read_only=True, data_only=False)
        sheet = book.worksheets[0]
        rows_iter = sheet.iter_rows(values_only=True)
        header_row = next(rows_iter, None)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError, EOFError):
        stream.close()
        log.error("bad_xlsx")
        return None
    if header_row is None:
        stream.close()
        log.error("no_header", row=1)
        return None
    headers = ["" if value is None else str(value).strip() for value in header_row]
    while headers and not headers[-1]:
        headers.pop()
    total = max(sheet.max_row or 1, 1)
    position = {"row": 1}

    def rows() -> Iterator[Row]:
        try:
            for number, values in enumerate(rows_iter, start=2):
                position["row"] = number
                cells = [_xlsx_cell(value) for value in values]
                if any(cell is not None and str(cell).strip() for cell in cells):
                    yield number, cells
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, KeyError) as error:
            log.error("xlsx_damaged", row=position["row"] + 1, detail=type(error).__name__)
        finally:
            book.close()
            stream.close()

    def close() -> None:
        book.close()
        stream.close()

    return Table(headers, rows(), lambda: position["row"] / total, close)


def open_table(
    open_stream: Callable[[], BinaryIO], facts: FileFacts, log: ProblemLog
) -> Table | None:
    if facts.container == XLSX:
        return read_xlsx(open_stream, log)
    return read_csv(open_stream, facts, log)
