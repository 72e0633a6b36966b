"""One import, start to finish, all or nothing.

    report = run_import(engine, scope, ImportSource.from_path(path), dry_run=True)

Order of work, all on one connection and in one transaction:
1. one pass over the bytes: checksum and encoding (`encoding.inspect_file`);
2. the header decides the format (or the caller names it) and is matched to columns;
3. rows stream through the validator into the kind's loader (findings into a
   temporary staging table, so memory stays flat);
4. whole-file checks; if any error was found the transaction is rolled back and the
   report lists every problem;
5. the loader compares the file with what is stored: new, updated, unchanged;
6. a dry run (the admin page's preview) stops here and rolls back; an import that
   would change nothing rolls back and is recorded as `no_change`;
7. otherwise: the batch row, the writes, superseded batches marked `replaced`, the
   compliance-point summaries refreshed and the data version bumped, then COMMIT.

Any exception rolls the transaction back; the failure is then recorded in
`import_batches` and the audit log in a transaction of its own. A real import (not a
preview) first takes the database's one import slot (`exclusive`); while another
import holds it the file is not read at all and the report says whose import is
running (`BUSY`, not recorded: nothing was attempted).
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, BinaryIO

from sqlalchemy import Connection, Engine, insert, select, update
from sqlalchemy.exc import SQLAlchemyError

from data_access.audit import record as audit
from data_access.i18n import fmt_datetime, t
from data_access.imports.encoding import FileFacts, inspect_file
from data_access.imports.exclusive import ImportBusy, ImportHolder, one_import_at_a_time
from data_access.imports.formats import FORMATS, ImportFormat, detect_format
from data_access.imports.load_findings import FindingsLoader
from data_access.imports.load_records import (
    CodeMappingsLoader,
    CompliancePointsLoader,
    FactoriesLoader,
    QuestionsLoader,
    SocialDialogueLoader,
)
from data_access.imports.loaders import Counts, Loader
from data_access.imports.problems import Problem, ProblemLog
from data_access.imports.readers import open_table
from data_access.imports.validate import References, RowParser, map_headers
from data_access.meta import bump_data_version
from data_access.models import (
    Assessment,
    AssessmentPointResult,
    Dataset,
    Factory,
    Finding,
    ImportBatch,
    SocialDialogue,
    User,
)
from data_access.scope import Scope, require
from data_access.users import now

PROGRAMME_DATASET = "Better Work Viet Nam programme data"
PROGRESS_EVERY = 10_000

# Outcomes. The first three are what `import_batches.status` can record.
COMMITTED = "committed"
NO_CHANGE = "no_change"
FAILED = "failed"
INVALID = "invalid"
PREVIEW = "preview"
BUSY = "busy"

LOADERS: dict[str, type[Loader]] = {
    "factories": FactoriesLoader,
    "assessments": FindingsLoader,
    "assessments_wide": FindingsLoader,
    "social_dialogue": SocialDialogueLoader,
    "compliance_points": CompliancePointsLoader,
    "questions": QuestionsLoader,
    "code_mappings": CodeMappingsLoader,
}

Progress = Callable[[int, float], None]


@dataclass(frozen=True)
class ImportSource:
    """A file to import: a path on disk (CLI) or the bytes of an upload (admin page)."""

    name: str
    path: Path | None = None
    data: bytes | None = None

    @classmethod
    def from_path(cls, path: str | Path) -> ImportSource:
        path = Path(path)
        return cls(name=path.name, path=path)

    @classmethod
    def from_bytes(cls, name: str, data: bytes) -> ImportSource:
        return cls(name=name, data=data)

    def open(self) -> BinaryIO:
        if self.path is not None:
            return self.path.open("rb")
        return io.BytesIO(self.data or b"")


@dataclass(frozen=True)
class EarlierImport:
    batch_id: int
    imported_at: datetime
    imported_by: str
    status: str


@dataclass
class ImportReport:
    file_name: str
    status: str
    checksum: str = ""
    format_name: str | None = None
    kind: str | None = None
    rows: int = 0
    counts: Counts | None = None
    problems: list[Problem] = field(default_factory=list)
    errors: int = 0
    warnings: int = 0
    batch_id: int | None = None
    earlier: EarlierImport | None = None
    failure: str | None = None
    busy_with: ImportHolder | None = None  # the import that was running, when BUSY

    @property
    def unit(self) -> str:
        loader = LOADERS.get(self.format_name or "")
        return loader.unit if loader else "rows"

    def status_text(self, lang: str) -> str:
        """The outcome in one sentence, for the admin page and the command line."""
        text = t(f"admin.status.{self.status}", lang, file=self.file_name)
        if self.status != BUSY:
            return text
        if self.busy_with is None:
            return text + " " + t("admin.import.busy_unknown", lang)
        detail = t(
            "admin.import.busy",
            lang,
            when=fmt_datetime(self.busy_with.started, lang),
            user=self.busy_with.username,
        )
        return text + " " + detail

    @property
    def accepted(self) -> bool:
        return self.status in {PREVIEW, COMMITTED, NO_CHANGE}

    def summary(self) -> dict[str, Any]:
        """What the history row and the audit entry keep of this report."""
        return {
            "format": self.format_name,
            "status": self.status,
            "rows": self.rows,
            "counts": self.counts.as_dict() if self.counts else None,
            "unit": self.unit,
            "errors": self.errors,
            "warnings": self.warnings,
            "failure": self.failure,
            "first_problems": [p.as_text("en") for p in self.problems[:5] if p.severity == "error"],
        }


class _Refused(Exception):
    """The file has errors: roll back, report, and record the refusal."""


class _RolledBack(Exception):
    """A preview, or an import that changes nothing: roll back, nothing to undo."""


def _earlier_import(engine: Engine, checksum: str) -> EarlierImport | None:
    with engine.connect() as connection:
        row = connection.execute(
            select(ImportBatch)
            .where(
                ImportBatch.checksum == checksum,
                ImportBatch.status.in_((COMMITTED, NO_CHANGE, "replaced")),
            )
            .order_by(ImportBatch.imported_at.desc(), ImportBatch.id.desc())
            .limit(1)
        ).first()
    if row is None:
        return None
    return EarlierImport(row.id, row.imported_at, row.imported_by, row.status)


def programme_dataset(connection: Connection) -> int:
    """The dataset real imports belong to (created by the first one); never synthetic."""
    found = connection.scalar(select(Dataset.id).where(Dataset.name == PROGRAMME_DATASET))
    if found is not None:
        return int(found)
    result = connection.execute(
        insert(Dataset).values(
            name=PROGRAMME_DATASET,
            synthetic=False,
            description="Loaded from the programme's files through the import.",
            created_at=now(),
        )
    )
    return int(result.inserted_primary_key[0])


def _begin_sqlite(connection: Connection) -> None:
    """pysqlite opens its transaction only at the first INSERT/UPDATE/DELETE; the staging
    DDL and the reads must be inside it too, so that a rollback undoes everything."""
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql("BEGIN")


def _batch_values(report: ImportReport, scope: Scope, status: str) -> dict[str, Any]:
    return {
        "kind": (report.kind or "unknown")[:30],
        "file_name": report.file_name[:300],
        "checksum": report.checksum,
        "rows": report.rows,
        "imported_by": (scope.username or "unknown")[:100],
        "imported_at": now(),
        "status": status,
        "message": json.dumps(report.summary(), ensure_ascii=False, default=str),
    }


def _record_outside(engine: Engine, report: ImportReport, scope: Scope, status: str) -> int:
    """A refused or failed import, recorded after its own transaction was rolled back."""
    with engine.begin() as connection:
        result = connection.execute(
            insert(ImportBatch).values(**_batch_values(report, scope, status))
        )
        return int(result.inserted_primary_key[0])


def _demo_accounts_active(connection: Connection) -> bool:
    return (
        connection.scalar(
            select(User.id).where(User.is_demo.is_(True), User.active.is_(True)).limit(1)
        )
        is not None
    )


def _synthetic_present(connection: Connection) -> bool:
    return (
        connection.scalar(
            select(Factory.id)
            .join(Dataset, Dataset.id == Factory.dataset_id)
            .where(Dataset.synthetic.is_(True))
            .limit(1)
        )
        is not None
    )


def _read_rows(
    connection: Connection,
    source: ImportSource,
    facts: FileFacts,
    format_name: str | None,
    report: ImportReport,
    log: ProblemLog,
    progress: Progress | None,
) -> Loader | None:
    table = open_table(source.open, facts, log)
    if table is None:
        return None
    fmt: ImportFormat | None = FORMATS[format_name] if format_name else detect_format(table.headers)
    if fmt is None:
        log.error("unknown_format", row=1, found=", ".join(h for h in table.headers[:8] if h))
        table.close()
        return None
    report.format_name, report.kind = fmt.name, fmt.kind
    refs = References(connection)
    header_map = map_headers(fmt, table.headers, refs, log)
    if header_map is None:
        table.close()
        return None
    loader = LOADERS[fmt.name](connection, fmt, header_map, refs, log)
    parser = RowParser(fmt, header_map, refs, log)
    for row, values in table.rows:
        record, ok = parser.parse(row, values)
        if record is not None:
            loader.add(row, record, ok)
        report.rows += 1
        if progress is not None and report.rows % PROGRESS_EVERY == 0:
            progress(report.rows, table.done())
    if progress is not None:
        progress(report.rows, 1.0)
    if report.rows == 0:
        log.error("no_rows", row=2)
    return loader


def _transaction(
    connection: Connection,
    source: ImportSource,
    facts: FileFacts,
    format_name: str | None,
    report: ImportReport,
    log: ProblemLog,
    scope: Scope,
    dry_run: bool,
    progress: Progress | None,
) -> None:
    with connection.begin():
        _begin_sqlite(connection)
        loader = _read_rows(connection, source, facts, format_name, report, log, progress)
        if loader is not None and log.ok:
            loader.check()
        if loader is None or not log.ok:
            raise _Refused
        report.counts = loader.diff()
        if _synthetic_present(connection) and _demo_accounts_active(connection):
            log.warning("demo_accounts_active")
        if dry_run:
            report.status = PREVIEW
            raise _RolledBack
        if report.counts.changed == 0:
            report.status = NO_CHANGE
            raise _RolledBack
        report.status = COMMITTED
        batch = connection.execute(
            insert(ImportBatch).values(**_batch_values(report, scope, COMMITTED))
        )
        report.batch_id = int(batch.inserted_primary_key[0])
        dataset = programme_dataset(connection)
        connection.execute(
            update(ImportBatch).where(ImportBatch.id == report.batch_id).values(dataset_id=dataset)
        )
        applied = loader.apply(report.batch_id, dataset)
        _mark_superseded(connection, applied.superseded_batches - {report.batch_id})
        bump_data_version(connection)
        loader.close()


#: From this many rows an import refreshes PostgreSQL's statistics itself (small files
#: change too little for the planner to notice).
ANALYZE_FROM_ROWS = 10_000
WRITTEN_TABLES = (Factory, Assessment, Finding, AssessmentPointResult, SocialDialogue)


def _mark_superseded(connection: Connection, batches: set[int]) -> None:
    """An earlier batch none of whose rows are still its own was replaced by later files."""
    for batch in sorted(batches):
        still_owned = connection.scalar(
            select(Assessment.id).where(Assessment.import_batch_id == batch).limit(1)
        ) or connection.scalar(select(Factory.id).where(Factory.import_batch_id == batch).limit(1))
        if still_owned is None:
            connection.execute(
                update(ImportBatch)
                .where(ImportBatch.id == batch, ImportBatch.status == COMMITTED)
                .values(status="replaced")
            )


def run_import(
    engine: Engine,
    scope: Scope,
    source: ImportSource,
    *,
    format_name: str | None = None,
    dry_run: bool = False,
    progress: Progress | None = None,
    client_address: str | None = None,
) -> ImportReport:
    """Validate and (unless `dry_run`) load one file. Never raises for a bad file or a
    failed write: the report says what happened. Only administrators may import."""
    require(scope, "import_data")
    if format_name is not None and format_name not in FORMATS:
        raise ValueError(f"Unknown import format {format_name!r}.")
    log = ProblemLog(source.name)
    facts = inspect_file(source.open)
    report = ImportReport(file_name=source.name, status=INVALID, checksum=facts.checksum)
    report.earlier = _earlier_import(engine, facts.checksum)
    for key, params in facts.warnings:
        log.warning(key, **params)
    try:
        if facts.fatal is not None:
            key, params = facts.fatal
            log.error(key, **params)
            raise _Refused
        slot: AbstractContextManager[object] = (
            nullcontext() if dry_run else one_import_at_a_time(engine, scope.username)
        )
        with slot, engine.connect() as connection:
            _transaction(
                connection, source, facts, format_name, report, log, scope, dry_run, progress
            )
    except _Refused:
        report.status = INVALID
    except _RolledBack:
        pass
    except ImportBusy as busy:
        report.status, report.busy_with = BUSY, busy.holder
    except Exception as error:
        report.status = FAILED
        report.failure = f"{type(error).__name__}: {error}".splitlines()[0][:500]
        report.batch_id = None
    report.problems, report.errors, report.warnings = log.problems(), log.errors, log.warnings
    _record(engine, scope, report, dry_run, client_address)
    if report.status == COMMITTED and report.rows >= ANALYZE_FROM_ROWS:
        refresh_planner_statistics(engine)
    return report


def refresh_planner_statistics(engine: Engine) -> bool:
    """ANALYZE the tables imports write, on PostgreSQL, once the import has committed.

    Autovacuum would get there within a minute or so; until it does, PostgreSQL plans
    the pages' queries as if the new rows were not there (measured: the same-factories
    comparison took a slow plan on a freshly loaded database). Outside the import's
    transaction, so it never lengthens it; a failure here loses nothing and is not an
    import failure. True when statistics were refreshed."""
    if engine.dialect.name != "postgresql":
        return False
    try:
        with engine.connect() as connection, connection.begin():
            for model in WRITTEN_TABLES:
                connection.exec_driver_sql(f"ANALYZE {model.__tablename__}")
    except SQLAlchemyError:
        return False
    return True


def _record(
    engine: Engine, scope: Scope, report: ImportReport, dry_run: bool, client_address: str | None
) -> None:
    """History and audit: every real attempt, whatever its outcome. Previews are not
    imports and leave no trace."""
    if dry_run or report.status == BUSY:
        return
    if report.status in {INVALID, FAILED}:
        report.batch_id = _record_outside(engine, report, scope, FAILED)
    elif report.status == NO_CHANGE:
        report.batch_id = _record_outside(engine, report, scope, NO_CHANGE)
    audit(
        engine,
        "import",
        scope.username,
        {
            "file": report.file_name,
            "checksum": report.checksum,
            "batch": report.batch_id,
            **report.summary(),
        },
        client_address,
    )
