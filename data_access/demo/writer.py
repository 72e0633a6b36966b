"""Bulk writes for the generator, each backend by its fastest safe path.

Findings are the bulk (about 250 rows per assessment, 12.5 million for 5,000 factories
over 10 years), so they are streamed: PostgreSQL receives them through COPY, SQLite
through the driver's executemany in chunks, and neither ever holds more than one chunk
in memory. Everything runs on the caller's connection, inside its single transaction,
so a failure leaves nothing behind.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import Connection, Table, insert

FINDINGS_CHUNK = 20_000

Findings = Iterable[tuple[int, Sequence[str], frozenset[str]]]

_COPY_FINDINGS = "COPY findings (assessment_id, question_code, non_compliant) FROM STDIN"
# COPY's text format gives backslash, tab and line breaks a meaning of their own.
_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})
_INSERT_FINDINGS = (
    "INSERT INTO findings (assessment_id, question_code, non_compliant) VALUES (?, ?, ?)"
)


class BulkWriter:
    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self.postgresql = connection.dialect.name == "postgresql"
        self._copy_tails: dict[str, tuple[str, str]] = {}

    def insert_returning_ids(self, table: Table, rows: list[dict[str, object]]) -> list[int]:
        """Ids in the order of `rows` (the assessments and findings that follow need them)."""
        if not rows:
            return []
        statement = insert(table).returning(table.c.id, sort_by_parameter_order=True)
        return list(self.connection.execute(statement, rows).scalars())

    def insert(self, table: Table, rows: list[dict[str, object]]) -> None:
        if rows:
            self.connection.execute(insert(table), rows)

    def write_findings(self, findings: Findings) -> int:
        """One row per (assessment, question), flagged when the question is in the set."""
        if self.postgresql:
            return self._copy_findings(findings)
        return self._executemany_findings(findings)

    def _executemany_findings(self, findings: Findings) -> int:
        written = 0
        chunk: list[tuple[int, str, bool]] = []
        for assessment_id, codes, flagged in findings:
            chunk.extend((assessment_id, code, code in flagged) for code in codes)
            if len(chunk) >= FINDINGS_CHUNK:
                self.connection.exec_driver_sql(_INSERT_FINDINGS, chunk)
                written += len(chunk)
                chunk = []
        if chunk:
            self.connection.exec_driver_sql(_INSERT_FINDINGS, chunk)
            written += len(chunk)
        return written

    def _copy_findings(self, findings: Findings) -> int:
        written = 0
        cursor = self.connection.connection.dbapi_connection.cursor()
        try:
            with cursor.copy(_COPY_FINDINGS) as copy:
                lines: list[str] = []
                for assessment_id, codes, flagged in findings:
                    head = str(assessment_id)
                    for code in codes:
                        compliant_tail, flagged_tail = self._tails(code)
                        lines.append(head + (flagged_tail if code in flagged else compliant_tail))
                    if len(lines) >= FINDINGS_CHUNK:
                        copy.write("".join(lines))
                        written += len(lines)
                        lines = []
                copy.write("".join(lines))
                written += len(lines)
        finally:
            cursor.close()
        return written

    def _tails(self, code: str) -> tuple[str, str]:
        """The constant part of a COPY line after the assessment id, built once per code."""
        tails = self._copy_tails.get(code)
        if tails is None:
            text = code.translate(_COPY_ESCAPES)
            tails = (f"\t{text}\tf\n", f"\t{text}\tt\n")
            self._copy_tails[code] = tails
        return tails
