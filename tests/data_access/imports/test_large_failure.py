"""A failure late in a large import leaves nothing behind, on both backends.

A 1,000,000-row findings file (1,000 factories × 4 assessments × 250 questions) is
imported twice over: once with a row 900,000 that slips past validation and violates
a database constraint, once with the connection lost as row 900,000 is read. Either
way every programme table is exactly as before and the failure is in the history.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, select, text
from sqlalchemy.exc import OperationalError

from bench.import_files import (
    FINDINGS_HEADER,
    factories_csv,
    finding_rows,
    question_codes,
    questions_csv,
)
from data_access.imports import ImportSource, load_findings, run_import
from data_access.imports.validate import References
from data_access.models import ImportBatch
from tests.data_access.imports.helpers import ADMIN, load_ok, table_fingerprints

ROWS = 1_000_000
FACTORIES, PER_FACTORY, QUESTIONS = 1_000, 4, 250
FAILING_ROW = 900_000  # as Excel numbers it: the header is row 1
BOGUS = "ZZ-BOGUS-01"
LOG_TABLES = ("import_batches", "audit_log")


@pytest.fixture(scope="module")
def big_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("big") / "findings_1m.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(FINDINGS_HEADER)
        for row_number, row in enumerate(
            finding_rows(FACTORIES, PER_FACTORY, question_codes(QUESTIONS)), start=2
        ):
            if row_number == FAILING_ROW:
                row[4] = BOGUS
            writer.writerow(row)
    assert row_number == ROWS + 1
    return path


@pytest.fixture
def prepared(engine: Engine) -> Engine:
    load_ok(engine, "questions.csv", questions_csv(QUESTIONS))
    load_ok(engine, "factories.csv", factories_csv(FACTORIES))
    return engine


def _last_batch(engine: Engine) -> ImportBatch:
    with engine.connect() as connection:
        return connection.execute(select(ImportBatch).order_by(ImportBatch.id.desc())).first()


def test_constraint_violation_at_row_900000_leaves_nothing(
    prepared: Engine, big_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Let the bogus code through validation, so the database itself must refuse it.
    real = References.questions.fget
    monkeypatch.setattr(
        References, "questions", property(lambda self: {**real(self), BOGUS: BOGUS})
    )
    before = table_fingerprints(prepared, skip=LOG_TABLES)
    report = run_import(prepared, ADMIN, ImportSource.from_path(big_file))
    assert report.status == "failed"
    assert report.rows == ROWS
    assert "IntegrityError" in (report.failure or "")
    assert table_fingerprints(prepared, skip=LOG_TABLES) == before
    batch = _last_batch(prepared)
    assert (batch.status, batch.rows) == ("failed", ROWS)
    assert "IntegrityError" in json.loads(batch.message)["failure"]


def _drop_connection_at(prepared: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    """PostgreSQL: the server really ends the import's session. SQLite has no server to
    lose, so the next write to it fails as a broken disk or a killed process would."""
    flush = load_findings.StagingWriter.flush

    def failing_flush(self: load_findings.StagingWriter) -> None:
        if self.rows + len(self.buffer) >= FAILING_ROW:
            if prepared.dialect.name == "postgresql":
                killer = create_engine(prepared.url, isolation_level="AUTOCOMMIT")
                with killer.connect() as connection:
                    connection.execute(
                        text(
                            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                        )
                    )
                killer.dispose()
            else:
                raise OperationalError(
                    "INSERT INTO import_stage_findings", {}, Exception("disk I/O error")
                )
        flush(self)

    monkeypatch.setattr(load_findings.StagingWriter, "flush", failing_flush)


def test_connection_lost_at_row_900000_leaves_nothing(
    prepared: Engine, big_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = table_fingerprints(prepared, skip=LOG_TABLES)
    _drop_connection_at(prepared, monkeypatch)
    report = run_import(prepared, ADMIN, ImportSource.from_path(big_file))
    assert report.status == "failed"
    assert FAILING_ROW - 2 * load_findings.FLUSH_EVERY <= report.rows < ROWS
    assert "OperationalError" in (report.failure or "")
    assert table_fingerprints(prepared, skip=LOG_TABLES) == before
    assert _last_batch(prepared).status == "failed"
