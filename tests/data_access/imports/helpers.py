"""Shared by the import tests: a loaded database, files as bytes, table fingerprints."""

from __future__ import annotations

import hashlib

from sqlalchemy import Engine, select

from bench.import_files import factories_csv, questions_csv
from data_access.imports import ImportReport, ImportSource, run_import, template_file
from data_access.models import Base
from data_access.scope import Scope

ADMIN = Scope(role="admin", organisation="ilo", username="admin.test")
QUESTIONS = 12


def load(engine: Engine, name: str, data: bytes | str, **options: object) -> ImportReport:
    body = data.encode("utf-8") if isinstance(data, str) else data
    return run_import(engine, ADMIN, ImportSource.from_bytes(name, body), **options)  # type: ignore[arg-type]


def load_ok(engine: Engine, name: str, data: bytes | str, **options: object) -> ImportReport:
    report = load(engine, name, data, **options)
    assert report.status in {"committed", "no_change", "preview"}, [
        p.as_text("en") for p in report.problems[:10]
    ] + [report.failure]
    return report


def with_questions_and_factories(engine: Engine, factories: int = 6) -> None:
    load_ok(engine, "questions.csv", questions_csv(QUESTIONS))
    load_ok(engine, "factories.csv", factories_csv(factories))


def with_examples(engine: Engine, *names: str) -> None:
    """The downloadable examples, loaded in the documented order."""
    load_ok(engine, "questions.csv", questions_csv(QUESTIONS))
    for name in names or ("factories", "assessments", "social_dialogue"):
        file_name, data = template_file(name, "csv", engine, example=True)
        load_ok(engine, file_name, data)


def table_fingerprints(engine: Engine, skip: tuple[str, ...] = ()) -> dict[str, str]:
    """A digest of every row of every table, in primary-key order: equal fingerprints
    mean the tables hold exactly the same data."""
    digests: dict[str, str] = {}
    with engine.connect() as connection:
        for table in Base.metadata.sorted_tables:
            if table.name in skip:
                continue
            order = list(table.primary_key.columns) or list(table.columns)
            digest = hashlib.sha256()
            for row in connection.execute(select(table).order_by(*order)):
                digest.update(repr(tuple(row)).encode())
            digests[table.name] = digest.hexdigest()
    return digests


def problem_keys(report: ImportReport) -> set[str]:
    return {problem.key for problem in report.problems if problem.severity == "error"}
