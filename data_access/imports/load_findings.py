"""Assessments with their question-level findings: the large files.

Rows stream into a temporary staging table in the import's own transaction (COPY on
PostgreSQL, executemany on SQLite), so Python holds one batch at a time however
large the file. Duplicates, one cycle per assessment, and the comparison with what
is already stored are then set-based SQL over the staging table, and the write is
three INSERT … SELECT / DELETE statements. An assessment in the file replaces the
stored one with the same natural key (factory, date, type) only if its findings
differ; the replaced assessment keeps its id, so its social-dialogue record stays.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import Connection, text
from sqlalchemy.exc import IntegrityError

from data_access.imports.loaders import Applied, Counts, Loader
from data_access.imports.problems import WARNING
from data_access.summaries import refresh_point_results

STAGE = "import_stage_findings"
STAGE_ASSESSMENTS = "import_stage_assessments"
FLUSH_EVERY = 20_000
LISTED = 100
KEY = ("factory_id", "assessed_on", "assessment_type")
_JOIN_SA = " AND ".join(f"s.{name} = sa.{name}" for name in KEY)


class StagingWriter:
    """Bulk rows into a temporary table, the fastest way each backend offers."""

    def __init__(self, connection: Connection, table: str, columns: tuple[str, ...]) -> None:
        self.connection = connection
        self.table = table
        self.columns = columns
        self.sqlite = connection.dialect.name == "sqlite"
        self.buffer: list[tuple[Any, ...]] = []
        self.rows = 0

    def add(self, row: tuple[Any, ...]) -> None:
        self.buffer.append(row)
        if len(self.buffer) >= FLUSH_EVERY:
            self.flush()

    def flush(self) -> None:
        if not self.buffer:
            return
        if self.sqlite:
            marks = ", ".join("?" for _ in self.columns)
            self.connection.exec_driver_sql(
                f"INSERT INTO {self.table} ({', '.join(self.columns)}) VALUES ({marks})",
                self.buffer,
            )
        else:
            driver = self.connection.connection.driver_connection
            with (
                driver.cursor() as cursor,
                cursor.copy(  # type: ignore[union-attr]
                    f"COPY {self.table} ({', '.join(self.columns)}) FROM STDIN"
                ) as copy,
            ):
                for row in self.buffer:
                    copy.write_row(row)
        self.rows += len(self.buffer)
        self.buffer.clear()


class FindingsLoader(Loader):
    unit = "assessments"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.wide = self.fmt.question_columns
        self.sqlite = self.connection.dialect.name == "sqlite"
        self._drop()
        self.connection.exec_driver_sql(
            f"CREATE TEMPORARY TABLE {STAGE} (row_no INTEGER NOT NULL, "
            "factory_id INTEGER NOT NULL, assessed_on DATE NOT NULL, "
            "assessment_type VARCHAR(20) NOT NULL, cycle INTEGER NOT NULL, "
            "question_code VARCHAR(20) NOT NULL, non_compliant BOOLEAN NOT NULL)"
        )
        self.writer = StagingWriter(
            self.connection,
            STAGE,
            (
                "row_no",
                "factory_id",
                "assessed_on",
                "assessment_type",
                "cycle",
                "question_code",
                "non_compliant",
            ),
        )
        self.codes: dict[int, str] = {}

    def _drop(self) -> None:
        for table in (STAGE, STAGE_ASSESSMENTS):
            self.connection.exec_driver_sql(f"DROP TABLE IF EXISTS {table}")

    def close(self) -> None:
        self._drop()

    def add(self, row: int, record: dict[str, Any], ok: bool) -> None:
        if not ok:
            return
        if self.wide and not record["answers"]:
            self.log.error("no_answers", row=row)
            return
        factory = record["factory_code"]
        self.codes[factory.id] = factory.code
        day = record["assessed_on"]
        if self.sqlite:  # pysqlite's own date adapter is deprecated; SQLite stores ISO text
            day = day.isoformat()
        key = (row, factory.id, day, record["assessment_type"], record["cycle"])
        answers = (
            record["answers"].items()
            if self.wide
            else ((record["question_code"], record["non_compliant"]),)
        )
        for question, answer in answers:
            self.writer.add((*key, question, answer))

    # --- whole-file checks -----------------------------------------------------------

    def _rows_of(self, where: str, params: dict[str, Any]) -> list[int]:
        return list(
            self.connection.execute(
                text(f"SELECT DISTINCT row_no FROM {STAGE} WHERE {where} ORDER BY row_no LIMIT 6"),
                params,
            ).scalars()
        )

    def _where_key(self, with_question: bool) -> str:
        names = (*KEY, "question_code") if with_question else KEY
        return " AND ".join(f"{name} = :{name}" for name in names)

    def _assessment_label(self, group: Any) -> dict[str, Any]:
        return {
            "factory": self.codes.get(group.factory_id, "?"),
            "date": str(group.assessed_on)[:10],
            "type": group.assessment_type,
        }

    def check(self) -> None:
        """A unique index finds out in one sort whether anything is repeated (the usual
        answer is no, and the index serves the comparison afterwards); only if it cannot
        be built are the repeats looked for and listed."""
        self.writer.flush()
        try:
            with self.connection.begin_nested():
                self.connection.exec_driver_sql(
                    f"CREATE UNIQUE INDEX ix_{STAGE}_key ON {STAGE} "
                    "(factory_id, assessed_on, assessment_type, question_code)"
                )
        except IntegrityError:
            self._check_duplicates()
        self._group_assessments()
        if not self.wide:
            self._check_cycles()

    def _check_duplicates(self) -> None:
        group_by = ", ".join(KEY) if self.wide else ", ".join((*KEY, "question_code"))
        counted = "COUNT(DISTINCT row_no)" if self.wide else "COUNT(*)"
        groups = self.connection.execute(
            text(
                f"SELECT {group_by}, MIN(row_no) AS first_row FROM {STAGE} "
                f"GROUP BY {group_by} HAVING {counted} > 1"
            )
        )
        listed, total = [], 0
        for group in groups:
            total += 1
            if len(listed) < LISTED:
                listed.append(group)
        for group in sorted(listed, key=lambda found: found.first_row):
            params = {name: getattr(group, name) for name in KEY}
            if not self.wide:
                params["question_code"] = group.question_code
            rows = self._rows_of(self._where_key(not self.wide), params)
            label = self._assessment_label(group)
            column = self.header("factory_code" if self.wide else "question_code")
            value = label["factory"] if self.wide else group.question_code
            self.log.error(
                "duplicate_assessment" if self.wide else "duplicate_finding",
                row=rows[1],
                column=column,
                value=value,
                first=rows[0],
                rows=", ".join(map(str, rows)),
                **label,
            )
        self.log.count_more(
            "duplicate_assessment" if self.wide else "duplicate_finding",
            max(total - LISTED, 0),
            column=self.header("factory_code" if self.wide else "question_code"),
            first="…",
            rows="…",
            factory="…",
            date="…",
            type="…",
        )

    def _group_assessments(self) -> None:
        """One row per assessment in the file; the cycle check and the diff read it."""
        self.connection.exec_driver_sql(
            f"CREATE TEMPORARY TABLE {STAGE_ASSESSMENTS} (factory_id INTEGER NOT NULL, "
            "assessed_on DATE NOT NULL, assessment_type VARCHAR(20) NOT NULL, "
            "cycle INTEGER NOT NULL, max_cycle INTEGER NOT NULL, first_row INTEGER NOT NULL, "
            "findings INTEGER NOT NULL, assessment_id INTEGER, previous_batch INTEGER, "
            "state VARCHAR(10) NOT NULL)"
        )
        self.connection.exec_driver_sql(
            f"INSERT INTO {STAGE_ASSESSMENTS} (factory_id, assessed_on, assessment_type, cycle, "
            "max_cycle, first_row, findings, state) SELECT factory_id, assessed_on, "
            "assessment_type, MIN(cycle), MAX(cycle), MIN(row_no), COUNT(*), 'new' "
            f"FROM {STAGE} GROUP BY factory_id, assessed_on, assessment_type"
        )
        self._analyze(STAGE, STAGE_ASSESSMENTS)

    def _analyze(self, *tables: str) -> None:
        """PostgreSQL never auto-analyses temporary tables; without statistics it plans the
        million-row joins of the diff and the write as if the tables were tiny."""
        if not self.sqlite:
            for table in tables:
                self.connection.exec_driver_sql(f"ANALYZE {table}")

    def _check_cycles(self) -> None:
        for group in self.connection.execute(
            text(
                f"SELECT * FROM {STAGE_ASSESSMENTS} WHERE cycle <> max_cycle "
                f"ORDER BY first_row LIMIT {LISTED}"
            )
        ).all():
            params = {name: getattr(group, name) for name in KEY}
            row = self.connection.execute(
                text(
                    f"SELECT MIN(row_no) FROM {STAGE} WHERE {self._where_key(False)} "
                    "AND cycle <> :low"
                ),
                {**params, "low": group.cycle},
            ).scalar_one()
            self.log.error(
                "cycle_differs",
                row=row,
                column=self.header("cycle"),
                value=group.max_cycle,
                first=group.first_row,
                low=group.cycle,
                **self._assessment_label(group),
            )

    # --- comparison with what is stored ----------------------------------------------

    def diff(self) -> Counts:
        c = self.connection
        sa = STAGE_ASSESSMENTS
        matches = " AND ".join(f"a.{name} = {sa}.{name}" for name in KEY)
        c.exec_driver_sql(
            f"UPDATE {sa} SET assessment_id = (SELECT a.id FROM assessments a WHERE {matches}), "
            f"previous_batch = (SELECT a.import_batch_id FROM assessments a WHERE {matches})"
        )
        c.exec_driver_sql(
            f"CREATE INDEX ix_{sa}_key ON {sa} (factory_id, assessed_on, assessment_type)"
        )
        c.exec_driver_sql(f"UPDATE {sa} SET state = 'unchanged' WHERE assessment_id IS NOT NULL")
        same_key = " AND ".join(f"s.{name} = {sa}.{name}" for name in KEY)
        c.exec_driver_sql(
            f"UPDATE {sa} SET state = 'updated' WHERE assessment_id IS NOT NULL AND ("
            f" cycle <> (SELECT a.cycle FROM assessments a WHERE a.id = {sa}.assessment_id)"
            f" OR findings <> (SELECT COUNT(*) FROM findings f"
            f"                 WHERE f.assessment_id = {sa}.assessment_id)"
            f" OR EXISTS (SELECT 1 FROM {STAGE} s WHERE {same_key} AND NOT EXISTS ("
            f"   SELECT 1 FROM findings f WHERE f.assessment_id = {sa}.assessment_id"
            f"   AND f.question_code = s.question_code AND f.non_compliant = s.non_compliant)))"
        )
        self._warn_shrinking()
        states = dict(c.exec_driver_sql(f"SELECT state, COUNT(*) FROM {sa} GROUP BY state").all())
        return Counts(
            new=int(states.get("new", 0)),
            updated=int(states.get("updated", 0)),
            unchanged=int(states.get("unchanged", 0)),
            detail={"findings": self.writer.rows},
        )

    def _warn_shrinking(self) -> None:
        """A replacement with fewer findings than the stored assessment is legitimate (a
        correction) but is also what a file cut short at a line end looks like: say so in
        the preview, with the counts, before anyone confirms."""
        sa = STAGE_ASSESSMENTS
        shrinking = self.connection.execute(
            text(
                f"SELECT * FROM (SELECT {sa}.*, (SELECT COUNT(*) FROM findings f "
                f"WHERE f.assessment_id = {sa}.assessment_id) AS stored FROM {sa} "
                "WHERE state = 'updated') d WHERE findings < stored ORDER BY first_row"
            )
        ).all()
        for group in shrinking[:LISTED]:
            self.log.add(
                "replacement_removes_findings",
                severity=WARNING,
                row=group.first_row,
                column=self.header("factory_code"),
                value=self.codes.get(group.factory_id, "?"),
                stored=group.stored,
                found=group.findings,
                **self._assessment_label(group),
            )
        self.log.count_more(
            "replacement_removes_findings",
            max(len(shrinking) - LISTED, 0),
            column=self.header("factory_code"),
            severity=WARNING,
            stored="…",
            found="…",
            factory="…",
            date="…",
            type="…",
        )

    # --- writing ---------------------------------------------------------------------

    def _ids(self, state: str) -> Iterator[int]:
        yield from self.connection.execute(
            text(f"SELECT assessment_id FROM {STAGE_ASSESSMENTS} WHERE state = :state"),
            {"state": state},
        ).scalars()

    def apply(self, batch_id: int, dataset_id: int) -> Applied:
        c = self.connection
        sa = STAGE_ASSESSMENTS
        superseded = {
            int(batch)
            for batch in c.execute(
                text(
                    f"SELECT DISTINCT previous_batch FROM {sa} "
                    "WHERE state = 'updated' AND previous_batch IS NOT NULL"
                )
            ).scalars()
        }
        params = {"dataset": dataset_id, "batch": batch_id}
        c.execute(
            text(
                "INSERT INTO assessments (factory_id, assessed_on, cycle, assessment_type, "
                "dataset_id, import_batch_id) SELECT factory_id, assessed_on, cycle, "
                f"assessment_type, :dataset, :batch FROM {sa} WHERE state = 'new'"
            ),
            params,
        )
        matches = " AND ".join(f"a.{name} = {sa}.{name}" for name in KEY)
        c.exec_driver_sql(
            f"UPDATE {sa} SET assessment_id = (SELECT a.id FROM assessments a WHERE {matches}) "
            "WHERE state = 'new'"
        )
        c.exec_driver_sql(
            "DELETE FROM findings WHERE assessment_id IN "
            f"(SELECT assessment_id FROM {sa} WHERE state = 'updated')"
        )
        c.execute(
            text(
                f"UPDATE assessments SET import_batch_id = :batch, cycle = (SELECT {sa}.cycle "
                f"FROM {sa} WHERE {sa}.assessment_id = assessments.id) WHERE id IN "
                f"(SELECT assessment_id FROM {sa} WHERE state = 'updated')"
            ),
            params,
        )
        c.exec_driver_sql(
            "INSERT INTO findings (assessment_id, question_code, non_compliant) "
            f"SELECT sa.assessment_id, s.question_code, s.non_compliant FROM {STAGE} s "
            f"JOIN {sa} sa ON {_JOIN_SA} WHERE sa.state IN ('new', 'updated') "
            # In key order: the primary-key index is appended to, not split at random.
            "ORDER BY sa.assessment_id, s.question_code"
        )
        changed = [*self._ids("new"), *self._ids("updated")]
        refresh_point_results(c, changed)
        return Applied(superseded_batches=superseded)
