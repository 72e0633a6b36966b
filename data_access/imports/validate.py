"""Row-by-row validation: headers to columns, cells to typed values, reference codes
to database ids, every problem logged with its row and column.

Nothing here writes. The loaders call `RowParser.parse` on each row as it streams
in and keep only what parsed cleanly; cross-row checks (duplicates, one cycle per
assessment) are the loaders' business because they need the whole file.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Connection, select

from data_access.imports import cells, formats
from data_access.imports.cells import Cell, CellError
from data_access.imports.folding import fold
from data_access.imports.formats import EARLIEST, SECTOR_SPELLINGS, Column, ImportFormat, header_key
from data_access.imports.problems import ProblemLog
from data_access.imports.provinces_match import ProvinceIndex
from data_access.models import Cluster, CompliancePoint, Dataset, Factory, Question, Sector

_CODE = re.compile(r"^[\w.\-/]+( [\w.\-/]+)*$")
_CACHE_LIMIT = 50_000
#: Longer values are not remembered: a file of huge cells must not fill the cache.
_CACHE_VALUE_LIMIT = 64
PROVINCE_TEXT_LIMIT = 100
#: Marks a cell that could not be read, so row rules skip it instead of failing again.
INVALID: Any = object()


@dataclass(frozen=True)
class FactoryRef:
    id: int
    code: str
    synthetic: bool
    workers_total: int


class References:
    """The codes a file may refer to, read once per import from the same transaction."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self._factories: dict[str, FactoryRef] | None = None
        self._questions: dict[str, str] | None = None
        self._points: dict[str, str] | None = None
        self._clusters: dict[str, str] | None = None
        self._sectors: dict[str, str] | None = None
        self._provinces: ProvinceIndex | None = None

    @property
    def factories(self) -> dict[str, FactoryRef]:
        """By code, exactly and upper-cased, so "ex-001" finds "EX-001"."""
        if self._factories is None:
            rows = self.connection.execute(
                select(Factory.id, Factory.code, Dataset.synthetic, Factory.workers_total).join(
                    Dataset, Dataset.id == Factory.dataset_id
                )
            )
            found: dict[str, FactoryRef] = {}
            for row in rows:
                ref = FactoryRef(row.id, row.code, bool(row.synthetic), row.workers_total)
                found.setdefault(row.code.upper(), ref)
                found[row.code] = ref
            self._factories = found
        return self._factories

    @staticmethod
    def _codes(rows: Sequence[Any]) -> dict[str, str]:
        found: dict[str, str] = {}
        for (code,) in rows:
            found.setdefault(code.upper(), code)
            found[code] = code
        return found

    @property
    def questions(self) -> dict[str, str]:
        if self._questions is None:
            self._questions = self._codes(self.connection.execute(select(Question.code)).all())
        return self._questions

    @property
    def compliance_points(self) -> dict[str, str]:
        if self._points is None:
            self._points = self._codes(self.connection.execute(select(CompliancePoint.code)).all())
        return self._points

    @property
    def clusters(self) -> dict[str, str]:
        if self._clusters is None:
            self._clusters = self._codes(self.connection.execute(select(Cluster.code)).all())
        return self._clusters

    @property
    def sectors(self) -> dict[str, str]:
        if self._sectors is None:
            found: dict[str, str] = {}
            for row in self.connection.execute(select(Sector)):
                for spelling in (row.code, row.name_en, row.name_vi):
                    found[fold(spelling)] = row.code
                for spelling in SECTOR_SPELLINGS.get(row.code, ()):
                    found[fold(spelling)] = row.code
            self._sectors = found
        return self._sectors

    @property
    def provinces(self) -> ProvinceIndex:
        if self._provinces is None:
            self._provinces = ProvinceIndex.from_connection(self.connection)
        return self._provinces


def lookup_code(codes: dict[str, str], value: Cell, missing_key: str) -> str:
    text = str(value).strip()
    found = codes.get(text) or codes.get(text.upper())
    if found is None:
        raise CellError(missing_key)
    return found


@dataclass
class HeaderMap:
    """Where each column of the format is in the file (by position)."""

    positions: dict[str, int] = field(default_factory=dict)
    questions: dict[str, int] = field(default_factory=dict)
    headers: list[str] = field(default_factory=list)

    def header(self, name: str) -> str:
        return self.headers[self.positions[name]]


def map_headers(
    fmt: ImportFormat, headers: list[str], refs: References, log: ProblemLog
) -> HeaderMap | None:
    """Match the header row to the format; None (with problems logged) when rows cannot
    be read against it."""
    by_key: dict[str, Column] = {}
    for column in fmt.columns:
        for key in column.header_keys():
            by_key.setdefault(key, column)
    mapped = HeaderMap(headers=headers)
    for position, header in enumerate(headers):
        if not header:
            continue
        column = by_key.get(header_key(header))
        if column is not None:
            if column.name in mapped.positions:
                log.error(
                    "duplicate_column", row=1, column=header, first=mapped.header(column.name)
                )
                continue
            mapped.positions[column.name] = position
        elif fmt.question_columns:
            code = refs.questions.get(header) or refs.questions.get(header.upper())
            if code is None:
                log.error("unknown_question_column", row=1, column=header, value=header)
            elif code in mapped.questions:
                log.error("duplicate_column", row=1, column=header, first=header)
            else:
                mapped.questions[code] = position
        else:
            log.warning("unknown_column", row=1, column=header, value=header)
    for column in fmt.required:
        if column.name not in mapped.positions:
            log.error(
                "missing_column", row=1, column=column.name, name=column.name, format=fmt.name
            )
    if fmt.question_columns and not mapped.questions and log.ok:
        log.error("no_question_columns", row=1)
    return mapped if log.ok else None


Converter = Callable[[Cell], Any]


def _cached(convert: Converter) -> Converter:
    """Findings files repeat the same dates, codes and answers a million times."""
    cache: dict[Any, Any] = {}

    def converted(value: Cell) -> Any:
        try:
            return cache[value]
        except KeyError:
            result = convert(value)
            if len(cache) < _CACHE_LIMIT and len(str(value)) <= _CACHE_VALUE_LIMIT:
                cache[value] = result
            return result
        except TypeError:
            return convert(value)

    return converted


def _as_code(value: Cell, max_length: int) -> str:
    text = cells.as_text(value, max_length)
    if not _CODE.match(text):
        raise CellError("bad_code")
    return text


def converter_for(column: Column, refs: References, today: date) -> Converter:
    max_length = column.max_length or 200
    match column.type:
        case formats.TEXT:
            return lambda value: cells.as_text(value, max_length)
        case formats.CODE:
            return lambda value: _as_code(value, max_length)
        case formats.INTEGER:
            low, high = column.minimum or 0, column.maximum or 10**9
            return _cached(lambda value: cells.as_integer(value, low, high))
        case formats.SHARE:
            return cells.as_share
        case formats.DATE:
            return _cached(lambda value: cells.as_date(value, EARLIEST, today))
        case formats.DEADLINE:
            return _cached(lambda value: cells.as_date(value, EARLIEST, formats.LATEST_DEADLINE))
        case formats.BOOLEAN:
            return _cached(cells.as_boolean)
        case formats.CHOICE:
            choices, shown = column.choice_map(), column.allowed_text()
            return _cached(lambda value: cells.as_choice(value, choices, shown))
        case formats.PROVINCE | formats.LEGACY_PROVINCE:
            return lambda value: cells.as_text(value, PROVINCE_TEXT_LIMIT)
        case formats.SECTOR:
            sectors = refs.sectors
            shown = ", ".join(sorted(set(sectors.values())))
            return _cached(lambda value: cells.as_choice(value, sectors, shown))
        case formats.FACTORY:
            return _cached(lambda value: _factory(refs, value))
        case formats.QUESTION:
            return _cached(lambda value: lookup_code(refs.questions, value, "unknown_question"))
        case formats.COMPLIANCE_POINT:
            return _cached(
                lambda value: lookup_code(refs.compliance_points, value, "unknown_compliance_point")
            )
        case formats.CLUSTER:
            return _cached(lambda value: lookup_code(refs.clusters, value, "unknown_cluster"))
    raise ValueError(f"No reader for column type {column.type!r}.")


def _factory(refs: References, value: Cell) -> FactoryRef:
    text = str(value).strip()
    found = refs.factories.get(text) or refs.factories.get(text.upper())
    if found is None:
        raise CellError("unknown_factory")
    if found.synthetic:
        raise CellError("synthetic_factory")
    return found


def _refuse_formula(value: Cell) -> None:
    """Checked before any conversion (and its cache), so a formula is called a formula
    in every column, not "not a whole number" or "empty"."""
    if isinstance(value, cells.Formula):
        raise CellError("formula")


def _blank_aware(column: Column, convert: Converter) -> Converter:
    """Blank cells: the column's default, or "required". Done inside the converter so a
    cached converter settles a blank once, not on every row."""
    required = column.required and column.type != formats.PROVINCE
    default = column.default

    def converted(value: Cell) -> Any:
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                raise CellError("required")
            return default
        return convert(value)

    return converted


class RowParser:
    """Turns one row of cells into a record (column name → typed value) and whether every
    cell was read; unreadable cells are `INVALID` and logged, so the loader's row rules
    can still check the rest and one pass reports every problem of the row. Blank
    optional cells take the column's default."""

    def __init__(
        self, fmt: ImportFormat, header_map: HeaderMap, refs: References, log: ProblemLog
    ) -> None:
        today = date.today()
        self.log = log
        self.width = len(header_map.headers)
        self.columns = [
            (
                column.name,
                position,
                header_map.headers[position],
                _cached(_blank_aware(column, converter_for(column, refs, today))),
            )
            for column in fmt.columns
            if (position := header_map.positions.get(column.name)) is not None
        ]
        self.optional_missing = {
            column.name: column.default
            for column in fmt.columns
            if column.name not in header_map.positions
        }
        boolean = _cached(cells.as_boolean)
        self.questions = [
            (code, position, header_map.headers[position], boolean)
            for code, position in header_map.questions.items()
        ]

    def _cells_fit(self, row: int, values: list[Cell]) -> bool:
        if len(values) < self.width:
            self.log.error("too_few_cells", row=row, found=len(values), expected=self.width)
            return False
        if any(not cells.is_blank(v) for v in values[self.width :]):
            self.log.error("too_many_cells", row=row, found=len(values), expected=self.width)
            return False
        return True

    def parse(self, row: int, values: list[Cell]) -> tuple[dict[str, Any] | None, bool]:
        if len(values) != self.width and not self._cells_fit(row, values):
            return None, False
        record: dict[str, Any] = self.optional_missing.copy()
        ok = True
        for name, position, header, convert in self.columns:
            value = values[position]
            try:
                _refuse_formula(value)
                record[name] = convert(value)
            except CellError as error:
                self.log.cell(error, row, header, value)
                record[name] = INVALID
                ok = False
        if self.questions:
            answers: dict[str, bool] = {}
            for code, position, header, convert in self.questions:
                value = values[position]
                if value is None or (isinstance(value, str) and not value.strip()):
                    continue
                try:
                    _refuse_formula(value)
                    answers[code] = convert(value)
                except CellError as error:
                    self.log.cell(error, row, header, value)
                    ok = False
            record["answers"] = answers
        return record, ok
