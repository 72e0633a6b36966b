"""Loading roadmap targets from a file (CSV or XLSX, `roadmap_targets` in
docs/IMPORT_FORMATS.md): all or nothing, every problem at once, per row, in both
languages.

The file is read by the imports' own readers and cell rules (encodings, separators,
header spellings, dates as written in Viet Nam, percentages, formula cells and text
starting with `=` refused), so a clerk meets one set of rules. Then each row is
checked as a target (known indicator and area, target not equal to its baseline,
deadline after the baseline date, known owners, an existing meeting); a row naming
the same target as another row is refused. Nothing is stored unless every row is
right; then all rows are stored in one transaction with one audit entry per target.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from sqlalchemy import Connection, Engine, select

from data_access.auth.organisations import ORGANISATIONS
from data_access.imports.encoding import inspect_file
from data_access.imports.formats import ROADMAP_TARGETS
from data_access.imports.problems import Problem, ProblemLog
from data_access.imports.readers import open_table
from data_access.imports.validate import INVALID, References, RowParser, map_headers
from data_access.models import Meeting
from data_access.refdata import reference
from data_access.roadmap.indicators import Area, Indicator, UnknownIndicator
from data_access.roadmap.kinds import NATIONAL
from data_access.roadmap.targets import InvalidTarget, TargetInput, save_targets
from data_access.scope import Scope, require

OWNER_SEPARATORS = (";", ",", "/", "|")


@dataclass
class TargetsReport:
    """What a load did: `stored` False when anything was wrong (then nothing changed)."""

    file_name: str
    stored: bool = False
    rows: int = 0
    added: int = 0
    changed: int = 0
    unchanged: int = 0
    problems: list[Problem] = field(default_factory=list)

    def messages(self, lang: str) -> list[str]:
        return [problem.as_text(lang) for problem in self.problems]


def split_owners(text: str) -> tuple[str, ...]:
    """ "molisa; vcci, VGCL" → ("molisa", "vcci", "vgcl")."""
    for separator in OWNER_SEPARATORS[1:]:
        text = text.replace(separator, OWNER_SEPARATORS[0])
    return tuple(part.strip().lower() for part in text.split(OWNER_SEPARATORS[0]) if part.strip())


def load_targets(engine: Engine, scope: Scope, name: str, data: bytes) -> TargetsReport:
    """Check the whole file, then store every target or none (see the module docstring)."""
    require(scope, "manage_meetings")
    report = TargetsReport(file_name=name)
    log = ProblemLog(name)

    def open_stream() -> BinaryIO:
        return io.BytesIO(data)

    facts = inspect_file(open_stream)
    for key, params in facts.warnings:
        log.warning(key, **params)
    if facts.fatal is not None:
        key, params = facts.fatal
        log.error(key, **params)
    else:
        with engine.begin() as connection:
            targets = _read(connection, open_stream, facts, log, report)
            if targets is not None and log.ok:
                report.added, report.changed, report.unchanged = save_targets(
                    connection, scope, targets, f"file:{name}"
                )
                report.stored = True
    report.problems = log.problems()
    return report


def _read(
    connection: Connection,
    open_stream: Callable[[], BinaryIO],
    facts: Any,
    log: ProblemLog,
    report: TargetsReport,
) -> list[TargetInput] | None:
    table = open_table(open_stream, facts, log)
    if table is None:
        return None
    refs = References(connection)
    header_map = map_headers(ROADMAP_TARGETS, table.headers, refs, log)
    if header_map is None:
        table.close()
        return None
    parser = RowParser(ROADMAP_TARGETS, header_map, refs, log)

    def header_of(name: str) -> str:
        """The column as the file heads it (an optional column may be absent)."""
        return header_map.header(name) if name in header_map.positions else name

    ref = reference(connection.engine)
    meetings = set(connection.scalars(select(Meeting.id)))
    seen: dict[tuple[object, ...], int] = {}
    found: list[TargetInput] = []
    for row, values in table.rows:
        report.rows += 1
        record, ok = parser.parse(row, values)
        if record is None or not ok:
            continue
        target = _target(record, row, header_of, ref, meetings, log)
        if target is None:
            continue
        if target.key in seen:
            log.error("duplicate_row", row=row, first=seen[target.key])
            continue
        seen[target.key] = row
        found.append(target)
    if report.rows == 0:
        log.error("no_rows", row=2)
    return found


def _target(
    record: dict[str, Any],
    row: int,
    header: Callable[[str], str],
    ref: Any,
    meetings: set[int],
    log: ProblemLog,
) -> TargetInput | None:
    owners = split_owners(record["owners"])
    unknown = [owner for owner in owners if owner not in ORGANISATIONS]
    if unknown:
        log.error(
            "unknown_owner",
            row=row,
            column=header("owners"),
            value=record["owners"],
        )
        return None
    meeting_id = record.get("meeting_id")
    if meeting_id not in (None, INVALID) and meeting_id not in meetings:
        log.error("unknown_meeting", row=row, column=header("meeting_id"), value=meeting_id)
        return None
    area_code = record.get("area_code") or None
    target = TargetInput(
        indicator=Indicator(record["indicator_kind"], record["indicator_code"]),
        area=Area(record["area_kind"], None if record["area_kind"] == NATIONAL else area_code),
        baseline_value=record["baseline_value"],
        baseline_on=record["baseline_on"],
        target_value=record["target_value"],
        deadline=record["deadline"],
        owners=owners,
        meeting_id=meeting_id,
    )
    if record["area_kind"] == NATIONAL and area_code:
        log.error("national_has_code", row=row, column=header("area_code"), value=area_code)
        return None
    try:
        return target.checked(ref)
    except (InvalidTarget, UnknownIndicator) as problem:
        column = COLUMN_OF_PROBLEM.get(problem.key)
        log.error(
            problem.key,
            row=row,
            column=header(column) if column else None,
            value=record.get(column) if column else None,
        )
        return None


#: The column each target problem is about, so a report points at the cell to fix.
COLUMN_OF_PROBLEM: dict[str, str] = {
    "unknown_indicator": "indicator_code",
    "unknown_indicator_kind": "indicator_kind",
    "unknown_area": "area_code",
    "unknown_area_kind": "area_kind",
    "national_has_code": "area_code",
    "value_out_of_range": "target_value",
    "target_equals_baseline": "target_value",
    "deadline_before_baseline": "deadline",
    "deadline_too_late": "deadline",
    "no_owner": "owners",
    "unknown_owner": "owners",
}
