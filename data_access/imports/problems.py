"""What is wrong with a file, said precisely enough for a data clerk to fix it.

Every problem names the file, the row as Excel numbers it (the header is row 1),
the column, the offending value and what was expected. The wording lives in the
message catalogue (`admin.problem.<key>` and `admin.expected.<key>`), so the same
problem reads the same on the admin page, in the CLI and in a downloaded report.

A file with a million bad rows must not need a million messages in memory: the log
keeps the first few problems of each kind per column and counts the rest.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from data_access.exports.csv_safe import neutralise
from data_access.i18n import t

ERROR = "error"
WARNING = "warning"
SHOWN_PER_KIND = 25
SHOWN_IN_TOTAL = 1000
VALUE_PREVIEW = 60


class CellError(ValueError):
    """A value that cannot be read as its column's type; `key` names the catalogue message."""

    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


def show_value(value: object) -> str:
    """A bad value as a person can read it: bytes that are not text appear as \\xNN, and a
    huge cell is cut, with its length, so a report stays readable."""
    text = "" if value is None else str(value)
    text = text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    if len(text) > VALUE_PREVIEW:
        return f"{text[:VALUE_PREVIEW]}… ({len(text):,} characters)"
    return text


@dataclass(frozen=True)
class Problem:
    key: str
    severity: str
    file: str
    row: int | None = None
    column: str | None = None
    value: str | None = None
    params: Mapping[str, Any] = field(default_factory=dict)
    repeated: int = 0

    def message(self, lang: str) -> str:
        text = t(f"admin.problem.{self.key}", lang, **self.params)
        if self.repeated:
            return f"{t('admin.report.more_like_this', lang, count=self.repeated)} {text}"
        return text

    def expected(self, lang: str) -> str:
        return t(f"admin.expected.{self.key}", lang, **self.params)

    def as_row(self, lang: str) -> dict[str, object]:
        return {
            "severity": t(f"admin.severity.{self.severity}", lang),
            "file": self.file,
            "row": self.row,
            "column": self.column or "",
            "value": self.value or "",
            "problem": self.message(lang),
            "expected": self.expected(lang),
        }

    def as_text(self, lang: str) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(t("admin.report.row", lang, row=self.row))
        if self.column:
            where.append(t("admin.report.column", lang, column=self.column))
        shown = f' "{self.value}"' if self.value else ""
        return (
            f"{', '.join(where)}:{shown} {self.message(lang)} "
            f"{t('admin.report.expected', lang)}: {self.expected(lang)}"
        )


class ProblemLog:
    """Collects problems for one file, keeping a bounded sample of each kind."""

    def __init__(self, file: str) -> None:
        self.file = file
        self._shown: list[Problem] = []
        self._per_kind: Counter[tuple[str, str | None]] = Counter()
        self._hidden: dict[tuple[str, str | None, str], tuple[int, dict[str, Any]]] = {}
        self.errors = 0
        self.warnings = 0

    def add(
        self,
        key: str,
        *,
        row: int | None = None,
        column: str | None = None,
        value: object = None,
        severity: str = ERROR,
        **params: Any,
    ) -> None:
        if severity == ERROR:
            self.errors += 1
        else:
            self.warnings += 1
        kind = (key, column)
        self._per_kind[kind] += 1
        if self._per_kind[kind] > SHOWN_PER_KIND or len(self._shown) >= SHOWN_IN_TOTAL:
            count, first = self._hidden.get((key, column, severity), (0, params))
            self._hidden[(key, column, severity)] = (count + 1, first)
            return
        shown = None if value is None or value == "" else show_value(value)
        self._shown.append(Problem(key, severity, self.file, row, column, shown, params))

    def error(self, key: str, **kwargs: Any) -> None:
        self.add(key, severity=ERROR, **kwargs)

    def warning(self, key: str, **kwargs: Any) -> None:
        self.add(key, severity=WARNING, **kwargs)

    def count_more(
        self, key: str, count: int, column: str | None = None, severity: str = ERROR, **params: Any
    ) -> None:
        """Problems found by a set-level query beyond those it listed one by one."""
        if count <= 0:
            return
        if severity == ERROR:
            self.errors += count
        else:
            self.warnings += count
        previous, first = self._hidden.get((key, column, severity), (0, params))
        self._hidden[(key, column, severity)] = (previous + count, first)

    def cell(self, problem: CellError, row: int, column: str, value: object) -> None:
        self.add(problem.key, row=row, column=column, value=value, **problem.params)

    @property
    def ok(self) -> bool:
        return self.errors == 0

    def problems(self) -> list[Problem]:
        """The problems kept, errors first, then by row; plus one line per kind whose
        further occurrences were counted but not kept."""
        ordered = sorted(
            self._shown,
            key=lambda p: (p.severity != ERROR, p.row if p.row is not None else -1),
        )
        more = [
            Problem(key, severity, self.file, None, column, None, params, repeated=count)
            for (key, column, severity), (count, params) in sorted(self._hidden.items(), key=str)
        ]
        return ordered + more

    def __iter__(self) -> Iterator[Problem]:
        return iter(self.problems())


REPORT_COLUMNS = ("severity", "file", "row", "column", "value", "problem", "expected")


def problems_csv(problems: list[Problem], lang: str) -> bytes:
    """The report as a spreadsheet a clerk can sort and tick off. The bad values come
    from the uploaded file, so every text cell is formula-neutralised before Excel sees
    it; UTF-8 with a BOM so Excel shows Vietnamese."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([t(f"admin.report.header.{name}", lang) for name in REPORT_COLUMNS])
    for problem in problems:
        row = problem.as_row(lang)
        writer.writerow(
            [
                value if isinstance(value, int) else neutralise(str(value or ""))
                for value in (row[name] for name in REPORT_COLUMNS)
            ]
        )
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
