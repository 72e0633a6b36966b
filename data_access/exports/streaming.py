"""The question-level findings export for ILO staff: hundreds of thousands of rows,
streamed from the database to a file in chunks, with progress and flat memory.

Rows are read through a server-side cursor (`stream_results`) in partitions of
`chunk_size`, labelled from small in-memory lookups (provinces, points, questions),
written, and dropped; no DataFrame of the whole export ever exists. The same rows
feed CSV or XLSX (xlsxwriter's `constant_memory` mode flushes each row to disk).

Each row is one answer of one assessment, as recorded. The compliance point is the
point the answer counts under today (renamed codes mapped, as the indicators count
them); `counted` says whether it enters the rates (fact-gathering questions and
points retired without successor do not).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import IO

from sqlalchemy import Engine, and_, func, select
from sqlalchemy.sql import Select, Subquery

from data_access.exports.filenames import export_filename
from data_access.exports.files import data_as_of_text, describe_filters
from data_access.exports.metadata import ExportMetadata, make_metadata
from data_access.exports.writers import (
    XLSX_MAX_ROWS,
    ExportTooLarge,
    Row,
    csv_fields,
    csv_preamble,
    write_xlsx,
)
from data_access.filters import Filters
from data_access.i18n import normalise_language, t
from data_access.meta import has_synthetic_data
from data_access.models import Assessment, CodeMapping, Factory, Finding, Question
from data_access.refdata import reference
from data_access.scope import Scope, require, require_known

DEFAULT_CHUNK = 5_000
WHAT = "findings_question-level"

Progress = Callable[[int, int], None]
"""Called after each chunk with (rows written, rows in total)."""

COLUMNS: tuple[str, ...] = (
    "factory_code",
    "factory_name",
    "sector",
    "province",
    "province_name",
    "legacy_province",
    "legacy_province_name",
    "size_band",
    "assessment_id",
    "assessed_on",
    "cycle",
    "assessment_type",
    "cluster",
    "compliance_point",
    "compliance_point_name",
    "question",
    "question_text",
    "fact_gathering",
    "counted",
    "non_compliant",
)


def _mapped_questions() -> Subquery:
    """Each question with the point it counts under today and whether that point was
    retired without successor."""
    q, cm = Question.__table__.alias("q"), CodeMapping.__table__.alias("cm")
    return (
        select(
            q.c.code,
            q.c.fact_gathering,
            func.coalesce(cm.c.new_code, q.c.cp_code).label("cp_code"),
            (cm.c.id.is_not(None) & cm.c.new_code.is_(None)).label("retired"),
        )
        .select_from(
            q.outerjoin(cm, and_(cm.c.level == "compliance_point", cm.c.old_code == q.c.cp_code))
        )
        .subquery("mq")
    )


def _statement(filters: Filters, *, ordered: bool = False) -> Select:
    """The findings selected, as (assessment id, question, non-compliant): everything
    else on a row repeats per assessment or per question and comes from small lookups
    (`_assessment_columns`, `_question_columns`), so a million rows carry three values
    each instead of fifteen. Kept to these three tables so that, ordered by factory
    code, date, id and question, the database can walk the indexes in that order
    (factories by code, assessments by factory and date, findings by primary key)
    instead of sorting a million rows before sending the first."""
    f, a = Factory.__table__.alias("f"), Assessment.__table__.alias("a")
    fi = Finding.__table__.alias("fi")
    conditions = [*filters.assessment_conditions(a), *filters.factory_conditions(f)]
    if filters.compliance_points or filters.clusters:
        mapped = _mapped_questions()
        conditions.append(
            fi.c.question_code.in_(select(mapped.c.code).where(*filters.point_conditions(mapped)))
        )
    statement = (
        select(fi.c.assessment_id, fi.c.question_code, fi.c.non_compliant)
        .select_from(fi.join(a, a.c.id == fi.c.assessment_id).join(f, f.c.id == a.c.factory_id))
        .where(*conditions)
    )
    if ordered:
        statement = statement.order_by(f.c.code, a.c.assessed_on, a.c.id, fi.c.question_code)
    return statement


def _question_facts(engine: Engine) -> dict[str, tuple[str, bool, bool]]:
    """question code → (current point code, fact-gathering, point retired)."""
    mapped = _mapped_questions()
    with engine.connect() as connection:
        return {
            code: (cp_code, bool(fact_gathering), bool(retired))
            for code, fact_gathering, cp_code, retired in connection.execute(select(mapped))
        }


def _assessment_columns(
    engine: Engine, filters: Filters, lang: str
) -> dict[int, tuple[object, ...]]:
    """assessment id → the row's factory and assessment columns, for the selection."""
    ref = reference(engine)
    f, a = Factory.__table__.alias("f"), Assessment.__table__.alias("a")
    statement = (
        select(
            a.c.id,
            f.c.code,
            f.c.name,
            f.c.sector_code,
            f.c.province_code,
            f.c.legacy_province_code,
            f.c.size_band,
            a.c.assessed_on,
            a.c.cycle,
            a.c.assessment_type,
        )
        .select_from(a.join(f, f.c.id == a.c.factory_id))
        .where(*filters.assessment_conditions(a), *filters.factory_conditions(f))
    )
    provinces = {code: ref.name("provinces", code, lang) for code in ref.provinces}
    legacy_units = {code: ref.name("legacy_provinces", code, lang) for code in ref.legacy_provinces}
    columns: dict[int, tuple[object, ...]] = {}
    with engine.connect() as connection:
        for row in connection.execute(statement):
            assessment_id, code, name, sector, province, legacy, size, on, cycle, kind = row
            columns[assessment_id] = (
                code,
                name,
                sector,
                province,
                provinces.get(province, province),
                legacy,
                legacy_units.get(legacy, legacy) if legacy else None,
                size,
                assessment_id,
                on,
                cycle,
                kind,
            )
    return columns


def _question_columns(engine: Engine, lang: str) -> dict[str, tuple[object, ...]]:
    """question code → the row's point and question columns."""
    points = reference(engine).compliance_points
    texts = _question_texts(engine, lang)
    columns: dict[str, tuple[object, ...]] = {}
    for question, (cp_code, fact_gathering, retired) in _question_facts(engine).items():
        point = points.get(cp_code)
        columns[question] = (
            point.parent if point else None,
            cp_code,
            point.name(lang) if point else None,
            question,
            texts.get(question),
            fact_gathering,
            not fact_gathering and not retired,
        )
    return columns


def count_findings(engine: Engine, scope: Scope, filters: Filters) -> int:
    require_known(scope)
    require(scope, "see_factories")
    counted = select(func.count()).select_from(_statement(filters).subquery("rows"))
    with engine.connect() as connection:
        return int(connection.scalar(counted) or 0)


def _question_texts(engine: Engine, lang: str) -> dict[str, str]:
    column = Question.text_vi if normalise_language(lang) == "vi" else Question.text_en
    with engine.connect() as connection:
        return {code: text for code, text in connection.execute(select(Question.code, column))}


def _partitions(
    engine: Engine,
    scope: Scope,
    filters: Filters,
    *,
    chunk_size: int,
    progress: Progress | None,
    total: int | None,
) -> Iterator[Sequence[Row]]:
    """The selected (assessment id, question, non-compliant) rows in export order, a
    chunk at a time through a server-side cursor, with progress after each chunk."""
    require_known(scope)
    require(scope, "see_factories")
    if total is None:
        total = count_findings(engine, scope, filters)
    statement = _statement(filters, ordered=True)
    written = 0
    if progress is not None:
        progress(0, total)
    with engine.connect().execution_options(stream_results=True, yield_per=chunk_size) as conn:
        for partition in conn.execute(statement).partitions(chunk_size):
            written += len(partition)
            yield partition
            if progress is not None:
                progress(written, total)


def iter_findings(
    engine: Engine,
    scope: Scope,
    filters: Filters,
    lang: str,
    *,
    chunk_size: int = DEFAULT_CHUNK,
    progress: Progress | None = None,
    total: int | None = None,
) -> Iterator[list[tuple[object, ...]]]:
    """Chunks of export rows (tuples in `COLUMNS` order), in factory, date, question
    order. Staff only: the rows name factories."""
    require_known(scope)
    require(scope, "see_factories")
    # Everything that depends only on the assessment or the question is looked up,
    # not read again for each of the million rows that repeat it.
    per_assessment = _assessment_columns(engine, filters, lang)
    per_question = _question_columns(engine, lang)
    for partition in _partitions(
        engine, scope, filters, chunk_size=chunk_size, progress=progress, total=total
    ):
        yield [
            (*per_assessment[assessment_id], *per_question[question], bool(non_compliant))
            for assessment_id, question, non_compliant in partition
        ]


def _iter_csv_lines(
    engine: Engine,
    scope: Scope,
    filters: Filters,
    lang: str,
    *,
    chunk_size: int,
    progress: Progress | None,
    total: int,
) -> Iterator[bytes]:
    """The CSV data lines of `iter_findings`, byte for byte, built without a CSV writer.

    CSV quotes each field on its own, so a row's text is the text of its assessment's
    fields, a comma, the text of its question's fields and its result: each assessment
    and each question is rendered (and formula-neutralised) once, and a row costs one
    string concatenation instead of twenty cell conversions."""
    require_known(scope)
    require(scope, "see_factories")
    per_assessment = _assessment_columns(engine, filters, lang)
    questions = {
        question: "," + csv_fields(columns) + ","
        for question, columns in _question_columns(engine, lang).items()
    }
    results = {True: csv_fields([True]) + "\r\n", False: csv_fields([False]) + "\r\n"}
    assessments: dict[int, str] = {}
    for partition in _partitions(
        engine, scope, filters, chunk_size=chunk_size, progress=progress, total=total
    ):
        lines = []
        for assessment_id, question, non_compliant in partition:
            head = assessments.get(assessment_id)
            if head is None:
                head = assessments[assessment_id] = csv_fields(per_assessment[assessment_id])
            lines.append(head + questions[question] + results[bool(non_compliant)])
        yield "".join(lines).encode("utf-8")


def findings_metadata(
    engine: Engine, scope: Scope, filters: Filters, lang: str, rows: int
) -> ExportMetadata:
    lang = normalise_language(lang)
    return make_metadata(
        scope,
        title=t("exports.findings.title", lang),
        filter_description=describe_filters(engine, filters, {}, lang),
        lang=lang,
        data_as_of=data_as_of_text(engine, scope, filters, lang),
        synthetic=has_synthetic_data(engine),
        method_notes=[t("exports.findings.method", lang)],
        confidential=True,
        row_count=rows,
    )


def findings_filename(engine: Engine, filters: Filters, fmt: str) -> str:
    return export_filename(WHAT, filters, reference(engine), fmt)


def write_findings(
    engine: Engine,
    scope: Scope,
    filters: Filters,
    target: IO[bytes],
    *,
    fmt: str,
    lang: str,
    chunk_size: int = DEFAULT_CHUNK,
    progress: Progress | None = None,
) -> int:
    """Write the export to a binary file; returns the number of data rows."""
    total = count_findings(engine, scope, filters)
    if fmt == "xlsx" and total >= XLSX_MAX_ROWS:
        raise ExportTooLarge(t("exports.error.xlsx_too_large", lang))
    metadata = findings_metadata(engine, scope, filters, lang, total)
    if fmt == "csv":
        target.write(csv_preamble(metadata, COLUMNS))
        for piece in _iter_csv_lines(
            engine, scope, filters, lang, chunk_size=chunk_size, progress=progress, total=total
        ):
            target.write(piece)
        return total
    if fmt == "xlsx":
        chunks = iter_findings(
            engine, scope, filters, lang, chunk_size=chunk_size, progress=progress, total=total
        )
        return write_xlsx(target, COLUMNS, chunks, metadata, constant_memory=True)
    raise ValueError(f"Unknown export format {fmt!r}.")
