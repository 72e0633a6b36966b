"""A content checksum of the programme data, equal on SQLite and PostgreSQL for equal data.

It hashes what the data says, not how the database stored it: factories by their codes,
assessments by their factory and date, findings in (assessment, question code) order
with the codes sorted here in Python (a database's collation could order them otherwise),
and surrogate ids replaced by the row's position. So the same seed on two fresh databases,
or on a database that already held other rows, gives the same checksum. Rows are streamed,
so a 12-million-finding database is hashed in constant memory.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from datetime import date
from itertools import groupby
from operator import itemgetter
from typing import Protocol

from sqlalchemy import Connection, Engine, Select, select

from data_access.models import Assessment, Factory, Finding, SocialDialogue

STREAM_ROWS = 20_000


class Digest(Protocol):
    def update(self, data: bytes, /) -> None: ...


def dataset_checksum(engine: Engine, dataset_id: int | None = None) -> str:
    """sha256 (hex) of factories, assessments, findings and social dialogue, of one dataset
    or (by default) of all of them."""
    digest = hashlib.sha256()
    with engine.connect() as connection:
        factory_codes = _hash_factories(connection, digest, dataset_id)
        positions = _hash_assessments(connection, digest, dataset_id, factory_codes)
        _hash_findings(connection, digest, dataset_id, positions)
        _hash_social_dialogue(connection, digest, dataset_id, positions)
    return digest.hexdigest()


def _field(value: object) -> str:
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return repr(value)
    return str(value)


def _line(values: Iterable[object]) -> str:
    return "\t".join(_field(value) for value in values) + "\n"


def _stream(connection: Connection, statement: Select) -> Iterator:
    """Rows in batches from a server-side cursor where the backend has one."""
    return iter(connection.execution_options(yield_per=STREAM_ROWS).execute(statement))


def _update(digest: Digest, section: str, lines: Iterable[str]) -> None:
    digest.update(f"== {section}\n".encode())
    chunk: list[str] = []
    for line in lines:
        chunk.append(line)
        if len(chunk) >= STREAM_ROWS:
            digest.update("".join(chunk).encode("utf-8"))
            chunk = []
    digest.update("".join(chunk).encode("utf-8"))


def _hash_factories(
    connection: Connection, digest: Digest, dataset_id: int | None
) -> dict[int, str]:
    statement = select(
        Factory.id,
        Factory.code,
        Factory.name,
        Factory.sector_code,
        Factory.legacy_province_code,
        Factory.province_code,
        Factory.address,
        Factory.size_band,
        Factory.workers_total,
        Factory.workers_women,
        Factory.investor_country,
        Factory.joined_on,
        Factory.left_on,
    ).order_by(Factory.id)
    if dataset_id is not None:
        statement = statement.where(Factory.dataset_id == dataset_id)
    codes: dict[int, str] = {}

    def lines() -> Iterator[str]:
        for row in _stream(connection, statement):
            codes[row[0]] = row[1]
            yield _line(row[1:])

    _update(digest, "factories", lines())
    return codes


def _hash_assessments(
    connection: Connection, digest: Digest, dataset_id: int | None, factory_codes: dict[int, str]
) -> dict[int, int]:
    statement = select(
        Assessment.id,
        Assessment.factory_id,
        Assessment.assessed_on,
        Assessment.cycle,
        Assessment.assessment_type,
    ).order_by(Assessment.id)
    if dataset_id is not None:
        statement = statement.where(Assessment.dataset_id == dataset_id)
    positions: dict[int, int] = {}

    def lines() -> Iterator[str]:
        for row in _stream(connection, statement):
            positions[row[0]] = len(positions)
            yield _line((factory_codes[row[1]], *row[2:]))

    _update(digest, "assessments", lines())
    return positions


def _hash_findings(
    connection: Connection, digest: Digest, dataset_id: int | None, positions: dict[int, int]
) -> None:
    statement = select(Finding.assessment_id, Finding.question_code, Finding.non_compliant)
    if dataset_id is not None:
        statement = statement.join(Assessment, Assessment.id == Finding.assessment_id).where(
            Assessment.dataset_id == dataset_id
        )
    statement = statement.order_by(Finding.assessment_id)

    def lines() -> Iterator[str]:
        rows = _stream(connection, statement)
        for assessment_id, group in groupby(rows, key=itemgetter(0)):
            position = positions[assessment_id]
            for _id, code, flagged in sorted(group, key=itemgetter(1)):
                yield f"{position}\t{code}\t{'1' if flagged else '0'}\n"

    _update(digest, "findings", lines())


def _hash_social_dialogue(
    connection: Connection, digest: Digest, dataset_id: int | None, positions: dict[int, int]
) -> None:
    columns = [
        column
        for column in SocialDialogue.__table__.columns
        if column.name not in {"id", "factory_id", "assessment_id"}
    ]
    statement = select(SocialDialogue.assessment_id, *columns).order_by(
        SocialDialogue.assessment_id
    )
    if dataset_id is not None:
        statement = statement.join(Assessment, Assessment.id == SocialDialogue.assessment_id).where(
            Assessment.dataset_id == dataset_id
        )

    def lines() -> Iterator[str]:
        for row in _stream(connection, statement):
            yield _line((positions[row[0]], *row[1:]))

    _update(digest, "social_dialogue", lines())
