"""Imports on both backends: examples load, a second import is a no-op, corrections
replace, bad files are refused with precise problems, only administrators import."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import Engine, func, select

from data_access.imports import ImportSource, import_history, run_import, template_file
from data_access.imports import load as load_module
from data_access.meta import data_version
from data_access.models import (
    Assessment,
    AssessmentPointResult,
    AuditEntry,
    Factory,
    Finding,
    ImportBatch,
    SocialDialogue,
)
from data_access.scope import AccessDenied, Scope
from tests.data_access.imports.helpers import (
    ADMIN,
    load,
    load_ok,
    problem_keys,
    table_fingerprints,
    with_examples,
    with_questions_and_factories,
)

LOG_TABLES = ("import_batches", "audit_log")


def count(engine: Engine, model: type) -> int:
    with engine.connect() as connection:
        return int(connection.scalar(select(func.count()).select_from(model)) or 0)


def test_the_examples_load_and_produce_summaries(engine: Engine) -> None:
    with_examples(engine)
    assert count(engine, Factory) == 6
    assert count(engine, Assessment) == 6
    assert count(engine, Finding) == 6 * 12
    assert count(engine, SocialDialogue) == 6
    assert count(engine, AssessmentPointResult) > 0
    with engine.connect() as connection:
        factory = connection.execute(select(Factory).where(Factory.code == "EXAMPLE-003")).one()
        assert (factory.province_code, factory.legacy_province_code) == ("79", "74")
        assert factory.size_band == "1000-2999"


def test_the_same_file_twice_changes_nothing_the_second_time(engine: Engine) -> None:
    with_examples(engine, "factories")
    name, data = template_file("assessments", "csv", engine, example=True)
    first = load_ok(engine, name, data)
    version = data_version(engine)
    before = table_fingerprints(engine, skip=LOG_TABLES)
    second = load_ok(engine, name, data)
    assert (first.status, second.status) == ("committed", "no_change")
    assert second.counts.as_dict() == {"new": 0, "updated": 0, "unchanged": 6, "findings": 72}
    assert second.earlier is not None and second.earlier.batch_id == first.batch_id
    assert table_fingerprints(engine, skip=LOG_TABLES) == before
    assert data_version(engine) == version
    statuses = [entry.status for entry in import_history(engine, ADMIN)]
    assert statuses[:2] == ["no_change", "committed"]


def test_the_same_data_in_the_other_layout_is_also_a_no_op(engine: Engine) -> None:
    with_examples(engine, "factories", "assessments")
    name, data = template_file("assessments_wide", "xlsx", engine, example=True)
    report = load_ok(engine, name, data)
    assert (report.format_name, report.status) == ("assessments_wide", "no_change")


def test_a_corrected_assessment_replaces_the_stored_one(engine: Engine) -> None:
    with_examples(engine, "factories", "assessments", "social_dialogue")
    name, data = template_file("assessments", "csv", engine, example=True)
    lines = data.decode("utf-8-sig").splitlines()
    header, rows = lines[0], lines[1:]
    target = next(i for i, row in enumerate(rows) if row.startswith("EXAMPLE-002"))
    cells = rows[target].split(",")
    cells[-1] = "no" if cells[-1] == "yes" else "yes"
    rows[target] = ",".join(cells)
    with engine.connect() as connection:
        kept_id = connection.scalar(
            select(Assessment.id).join(Factory).where(Factory.code == "EXAMPLE-002")
        )
    version = data_version(engine)
    report = load_ok(engine, "corrected.csv", "\n".join([header, *rows]) + "\n")
    assert report.status == "committed"
    assert report.counts.as_dict() == {"new": 0, "updated": 1, "unchanged": 5, "findings": 72}
    assert data_version(engine) == version + 1
    with engine.connect() as connection:
        stored = connection.execute(
            select(Finding.non_compliant).where(
                Finding.assessment_id == kept_id, Finding.question_code == cells[4]
            )
        ).scalar_one()
        batch = connection.scalar(
            select(Assessment.import_batch_id).where(Assessment.id == kept_id)
        )
    assert stored == (cells[-1] == "yes")
    assert batch == report.batch_id
    assert count(engine, SocialDialogue) == 6  # the replaced assessment kept its id
    history = import_history(engine, ADMIN)
    assert history[0].counts["updated"] == 1
    # Re-importing the original reverts the correction: natural keys, not checksums, decide.
    assert load_ok(engine, name, data).counts.updated == 1


def test_a_file_replacing_every_assessment_of_an_import_marks_it_replaced(engine: Engine) -> None:
    with_examples(engine, "factories")
    name, data = template_file("assessments", "csv", engine, example=True)
    first = load_ok(engine, name, data)
    flipped = data.decode("utf-8-sig").replace(",no\r\n", ",maybe\r\n")
    flipped = flipped.replace(",yes\r\n", ",no\r\n").replace(",maybe\r\n", ",yes\r\n")
    second = load_ok(engine, "all-corrected.csv", flipped)
    assert second.counts.updated == 6
    statuses = {entry.batch_id: entry.status for entry in import_history(engine, ADMIN)}
    assert statuses[first.batch_id] == "replaced"
    assert statuses[second.batch_id] == "committed"


def test_factories_are_updated_by_code_and_legacy_names_warned(engine: Engine) -> None:
    with_examples(engine, "factories")
    report = load_ok(
        engine,
        "factories-2.csv",
        "Mã nhà máy,Name,Sector,Province,workers_total,workers_women,joined_on\n"
        "example-001,Example Garment Co.,May mặc,Bắc Giang,1300,1000,2019-05-02\n"
        "NEW-1,New Factory,footwear,Bình Dương,500,400,02/09/2025\n",
    )
    assert report.counts.as_dict() == {"new": 1, "updated": 1, "unchanged": 0}
    warnings = [p for p in report.problems if p.severity == "warning"]
    assert [(p.key, p.row, p.column, p.value) for p in warnings] == [
        ("legacy_name_after_merger", 3, "Province", "Bình Dương")
    ]
    assert "Hồ Chí Minh" in warnings[0].message("vi")
    with engine.connect() as connection:
        rows = {
            row.code: row
            for row in connection.execute(
                select(Factory).where(Factory.code.in_(["EXAMPLE-001", "NEW-1"]))
            )
        }
    assert rows["EXAMPLE-001"].workers_total == 1300
    assert rows["EXAMPLE-001"].legacy_province_code == "24"  # Bắc Giang, before the merger
    assert rows["NEW-1"].province_code == "79"
    assert rows["NEW-1"].legacy_province_code == "74"


def test_every_problem_is_reported_at_once_with_row_column_value_expected(engine: Engine) -> None:
    with_questions_and_factories(engine)
    before = table_fingerprints(engine, skip=LOG_TABLES)
    report = load(
        engine,
        "factories-bad.csv",
        "factory_code,name,sector,province,workers_total,workers_women,joined_on\n"
        "B-1,One,garment,Atlantis,100,150,2020-01-01\n"
        "B-2,Two,shoes-ish,Hà Nội,abc,10,2020-13-01\n"
        "B-3,Three,garment,Hà Nội,100,10,2031-01-01\n"
        "B-1,One again,garment,Hà Nội,100,10,2020-01-01\n"
        "B-4,Four,garment,74,100,10,2020-01-01\n",
    )
    assert report.status == "invalid"
    found = {(p.key, p.row, p.column, p.value) for p in report.problems}
    assert found >= {
        ("unknown_province", 2, "province", "Atlantis"),
        ("women_above_total", 2, "workers_women", "150"),
        ("not_allowed", 3, "sector", "shoes-ish"),
        ("not_integer", 3, "workers_total", "abc"),
        ("not_date", 3, "joined_on", "2020-13-01"),
        ("date_out_of_range", 4, "joined_on", "2031-01-01"),
        ("duplicate_row", 5, "factory_code", "B-1"),
        ("province_code_is_legacy", 6, "province", "74"),
    }
    for problem in report.problems:
        assert problem.file == "factories-bad.csv"
        assert problem.message("vi") and problem.expected("en")
    assert table_fingerprints(engine, skip=LOG_TABLES) == before
    with engine.connect() as connection:
        batch = connection.execute(select(ImportBatch).order_by(ImportBatch.id.desc())).first()
        audit = connection.execute(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
    assert (batch.status, batch.file_name, batch.rows) == ("failed", "factories-bad.csv", 5)
    assert json.loads(batch.message)["errors"] == report.errors
    assert audit.action == "import" and json.loads(audit.detail)["status"] == "invalid"


def test_findings_problems_unknown_codes_duplicates_cycles(engine: Engine) -> None:
    with_questions_and_factories(engine)
    rows = [
        "factory_code,assessed_on,assessment_type,cycle,question_code,non_compliant",
        "F00000,2024-03-01,annual,2,CL-CHL-01,yes",
        "F00000,2024-03-01,annual,2,CL-CHL-01,no",
        "F00000,2024-03-01,annual,3,CL-HAZ-01,no",
        "NOPE,2024-03-01,annual,1,CL-HAZ-01,no",
        "F00001,2024-03-01,yearly,1,ZZ-99,perhaps",
    ]
    report = load(engine, "findings-bad.csv", "\n".join(rows) + "\n")
    found = {(p.key, p.row, p.column) for p in report.problems}
    assert found >= {
        ("unknown_factory", 5, "factory_code"),
        ("not_allowed", 6, "assessment_type"),
        ("unknown_question", 6, "question_code"),
        ("not_boolean", 6, "non_compliant"),
    }
    assert report.status == "invalid"
    # Whole-file checks run once the rows are clean.
    clean = load(engine, "findings-dup.csv", "\n".join(rows[:4]) + "\n")
    dup = next(p for p in clean.problems if p.key == "duplicate_finding")
    assert (dup.row, dup.params["first"], dup.value) == (3, 2, "CL-CHL-01")
    cycle = next(p for p in clean.problems if p.key == "cycle_differs")
    assert (cycle.row, cycle.column, cycle.value) == (4, "cycle", "3")
    assert count(engine, Assessment) == 0


def test_header_problems(engine: Engine) -> None:
    with_questions_and_factories(engine)
    missing = load(
        engine,
        "m.csv",
        "factory_code,assessed_on,assessment_type,question_code,"
        "non_compliant,colour\nF00000,2024-03-01,annual,CL-CHL-01,no,red\n",
    )
    assert ("missing_column", "cycle") in {(p.key, p.column) for p in missing.problems}
    assert ("unknown_column", "colour") in {(p.key, p.column) for p in missing.problems}
    unknown = load(engine, "u.csv", "colour,size\nred,big\n")
    assert problem_keys(unknown) == {"unknown_format"}
    wide = load(
        engine,
        "w.csv",
        "factory_code,assessed_on,assessment_type,cycle,CL-CHL-01,XX-1\n"
        "F00000,2024-03-01,annual,1,no,yes\n",
    )
    assert [(p.key, p.column) for p in wide.problems] == [("unknown_question_column", "XX-1")]


def test_social_dialogue_checks(engine: Engine) -> None:
    with_examples(engine, "factories", "assessments")
    header = (
        "factory_code,assessed_on,assessment_type,union_present,"
        "union_leaders_freely_elected,cba_in_force,picc_present,picc_members,"
        "picc_women_members,grievance_mechanism,cba_workers_covered\n"
    )
    report = load(
        engine,
        "sd.csv",
        header
        + "EXAMPLE-001,2025-09-16,annual,yes,yes,yes,yes,5,7,yes,10\n"
        + "EXAMPLE-001,2025-09-17,annual,yes,yes,yes,yes,5,2,yes,10\n"
        + "EXAMPLE-002,2025-10-07,annual,yes,yes,yes,yes,5,2,có,99999\n",
    )
    found = {(p.key, p.row, p.severity) for p in report.problems}
    assert found == {
        ("picc_women_above_members", 2, "error"),
        ("unknown_assessment", 3, "error"),
        ("cba_above_workers", 4, "warning"),
    }


def test_taxonomy_updates_labels_questions_and_renamed_codes(engine: Engine) -> None:
    with_examples(engine)
    points = load_ok(
        engine,
        "cp.csv",
        "cp_code,cluster_code,name_en,name_vi\n"
        "CL-CHL,CL,Child Labourers,Lao động là trẻ em\n"
        "CL-NEW,CL,A new point,Điểm mới\n",
    )
    assert points.counts.as_dict() == {"new": 1, "updated": 1, "unchanged": 0}
    before = count(engine, AssessmentPointResult)
    moved = load_ok(
        engine,
        "q.csv",
        "question_code,cp_code,text_en,text_vi\n"
        "CL-CHL-01,CL-NEW,Question CL-CHL-01,Câu hỏi CL-CHL-01\n",
    )
    assert moved.counts.updated == 1
    with engine.connect() as connection:
        new_points = connection.scalar(
            select(func.count())
            .select_from(AssessmentPointResult)
            .where(AssessmentPointResult.cp_code == "CL-NEW")
        )
    assert new_points == 6 and count(engine, AssessmentPointResult) >= before
    mapped = load_ok(
        engine, "map.csv", "level,old_code,new_code,note\ncompliance_point,CL-NEW,CL-HAZ,merged\n"
    )
    assert mapped.status == "committed"
    with engine.connect() as connection:
        assert not connection.scalar(
            select(func.count())
            .select_from(AssessmentPointResult)
            .where(AssessmentPointResult.cp_code == "CL-NEW")
        )
    chain = load(engine, "chain.csv", "level,old_code,new_code\ncompliance_point,CL-HAZ,CL-CHL\n")
    assert problem_keys(chain) == {"mapping_chain"}


def test_only_administrators_import(engine: Engine) -> None:
    source = ImportSource.from_bytes("x.csv", b"factory_code\nA\n")
    for role in ("molisa", "vcci", "vgcl", "ilo", None, "root"):
        with pytest.raises(AccessDenied):
            run_import(engine, Scope(role=role), source)
    with pytest.raises(AccessDenied):
        import_history(engine, Scope(role="ilo"))
    assert count(engine, ImportBatch) == 0


def test_preview_writes_nothing_at_all(engine: Engine) -> None:
    with_questions_and_factories(engine)
    before = table_fingerprints(engine)
    name, data = template_file("factories", "xlsx", engine, example=True)
    report = load_ok(engine, name, data, dry_run=True)
    assert (report.status, report.counts.new) == ("preview", 6)
    assert table_fingerprints(engine) == before


def _planner_rows(engine: Engine, table: str) -> float:
    """What PostgreSQL's planner believes a table holds (-1: never analysed)."""
    with engine.connect() as connection:
        return float(
            connection.exec_driver_sql(
                "SELECT reltuples FROM pg_class WHERE relname = %(table)s", {"table": table}
            ).scalar_one()
        )


def test_a_large_import_leaves_the_planner_statistics_fresh(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    if engine.dialect.name != "postgresql":
        assert load_module.refresh_planner_statistics(engine) is False
        return
    with_examples(engine, "factories")
    name, data = template_file("assessments", "csv", engine, example=True)
    monkeypatch.setattr(load_module, "ANALYZE_FROM_ROWS", 10**9)
    load_ok(engine, "small-" + name, data.replace(b"2025-", b"2024-"))
    assert _planner_rows(engine, "findings") == -1, "small files leave it to autovacuum"
    monkeypatch.setattr(load_module, "ANALYZE_FROM_ROWS", 1)
    load_ok(engine, name, data)
    assert _planner_rows(engine, "findings") == count(engine, Finding) > 0
    assert _planner_rows(engine, "assessments") == count(engine, Assessment)
