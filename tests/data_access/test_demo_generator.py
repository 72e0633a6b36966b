"""The synthetic demo data: deterministic, refused when duplicated, and calibrated.

Scale-mode tests run on both backends with a few dozen factories. The calibrated demo is
generated once per module on SQLite, and its figures are recomputed here with plain SQL
(Better Work's published method: each factory's latest assessment in the year; a factory
is non-compliant on a point if any counted question of the point has a finding) and held
against the targets in `data_access.demo.calibration`.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select, text

from data_access.db import make_engine
from data_access.demo import calibration as cal
from data_access.demo.checksum import dataset_checksum
from data_access.demo.decisions import CalibratedDecisions
from data_access.demo.generator import (
    DemoDataError,
    DemoDataExists,
    GenerationSummary,
    generate_demo_data,
    make_request,
)
from data_access.demo.questions import COUNTED, FACT_GATHERING, RETIRED_POINT
from data_access.demo.roster import calibrated_roster
from data_access.meta import data_version, has_synthetic_data
from data_access.models import (
    Assessment,
    AssessmentPointResult,
    CodeMapping,
    CompliancePoint,
    Dataset,
    Factory,
    Finding,
    ImportBatch,
    LegacyProvince,
    Question,
    SocialDialogue,
    size_band_for,
)
from data_access.reference import province_rows
from tests.conftest import fresh_database_url

SMALL = {"factories": 40, "years": 3}
ACTIVE_QUESTIONS = sum(len(texts) for texts in COUNTED.values()) + len(FACT_GATHERING)


def table_counts(engine: Engine) -> dict[str, int]:
    models = (Dataset, ImportBatch, Factory, Assessment, Finding, SocialDialogue, Question)
    with engine.connect() as connection:
        return {
            model.__tablename__: connection.scalar(select(func.count()).select_from(model))
            for model in models
        }


RECOMPUTED_POINT_RESULTS = """
SELECT f.assessment_id,
       COALESCE(m.new_code, q.cp_code) AS cp_code,
       MAX(CASE WHEN f.non_compliant THEN 1 ELSE 0 END) AS non_compliant
FROM findings f
JOIN questions q ON q.code = f.question_code
LEFT JOIN code_mappings m ON m.level = 'compliance_point' AND m.old_code = q.cp_code
WHERE q.fact_gathering = FALSE
GROUP BY f.assessment_id, COALESCE(m.new_code, q.cp_code)
"""


def assert_summary_matches_findings(engine: Engine) -> None:
    with engine.connect() as connection:
        recomputed = {
            (row[0], row[1], bool(row[2]))
            for row in connection.execute(text(RECOMPUTED_POINT_RESULTS))
        }
        stored = {
            (row[0], row[1], bool(row[2]))
            for row in connection.execute(
                select(
                    AssessmentPointResult.assessment_id,
                    AssessmentPointResult.cp_code,
                    AssessmentPointResult.non_compliant,
                )
            )
        }
        assessments = connection.scalar(select(func.count()).select_from(Assessment))
    assert stored == recomputed
    assert len(stored) == assessments * len(COUNTED)


# --- scale mode, both backends ---------------------------------------------------------


def test_scale_mode_writes_one_assessment_a_year_with_every_question(engine: Engine) -> None:
    messages: list[str] = []
    version_before = data_version(engine)
    summary = generate_demo_data(engine, seed=5, progress=messages.append, **SMALL)

    assert (summary.mode, summary.first_year, summary.last_year) == ("scale", 2024, 2026)
    assert (summary.factories, summary.assessments) == (40, 120)
    assert summary.findings == 120 * ACTIVE_QUESTIONS
    assert messages and messages[-1] == "Committing..."
    assert data_version(engine) == version_before + 1
    assert has_synthetic_data(engine)
    counts = table_counts(engine)
    assert counts["findings"] == summary.findings
    assert counts["social_dialogue"] == 120
    with engine.connect() as connection:
        dataset = connection.execute(select(Dataset)).one()
        batch = connection.execute(select(ImportBatch)).one()
        visits = connection.execute(
            select(
                Assessment.factory_id,
                Assessment.assessed_on,
                Assessment.cycle,
                Assessment.assessment_type,
                Assessment.import_batch_id,
            )
        ).all()
        factories = connection.execute(select(Factory)).all()
    assert dataset.synthetic
    assert dataset.name == "Synthetic demonstration data (seed 5, 40 factories, 3 years)"
    assert (batch.kind, batch.status, batch.imported_by) == (
        "demo_seed",
        "committed",
        "demo generator",
    )
    assert batch.rows == summary.findings and len(batch.checksum) == 64
    assert {row.import_batch_id for row in visits} == {batch.id}
    assert {row.import_batch_id for row in factories} == {batch.id}
    by_factory: dict[int, list[tuple[int, int, str]]] = {}
    for factory_id, assessed_on, cycle, kind, _batch in visits:
        assert assessed_on <= cal.DATA_END
        by_factory.setdefault(factory_id, []).append((assessed_on.year, cycle, kind))
    for years in by_factory.values():
        assert sorted(years) == [(2024, 1, "initial"), (2025, 2, "annual"), (2026, 3, "annual")]
    for factory in factories:
        assert factory.size_band == size_band_for(factory.workers_total)
        assert 0 <= factory.workers_women <= factory.workers_total
        assert factory.legacy_province_code is not None  # all joined before July 2025
    assert_summary_matches_findings(engine)


def test_same_seed_same_checksum_whatever_else_the_database_holds(
    engine: Engine, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    backend = engine.dialect.name
    first_seven = generate_demo_data(engine, seed=7, **SMALL)
    first_eight = generate_demo_data(engine, seed=8, **SMALL)
    other = make_engine(fresh_database_url(backend, request, tmp_path))
    try:
        second_eight = generate_demo_data(other, seed=8, **SMALL)
        second_seven = generate_demo_data(other, seed=7, **SMALL)
        seven = dataset_checksum(engine, first_seven.dataset_id)
        eight = dataset_checksum(engine, first_eight.dataset_id)
        assert dataset_checksum(other, second_seven.dataset_id) == seven
        assert dataset_checksum(other, second_eight.dataset_id) == eight
        assert seven != eight
        # The ids differ between the two databases; the whole-database checksums differ
        # only because the datasets were written in the other order.
        assert dataset_checksum(engine) != dataset_checksum(other)
    finally:
        other.dispose()


def test_checksum_is_the_same_on_sqlite_and_postgresql(
    request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    checksums = []
    for backend in ("sqlite", "postgresql"):
        engine = make_engine(fresh_database_url(backend, request, tmp_path))
        try:
            generate_demo_data(engine, seed=11, factories=30, years=2)
            checksums.append(dataset_checksum(engine))
        finally:
            engine.dispose()
    assert checksums[0] == checksums[1]


def test_generating_the_same_dataset_twice_is_refused_and_changes_nothing(
    engine: Engine,
) -> None:
    generate_demo_data(engine, seed=3, factories=10, years=2)
    before, version = table_counts(engine), data_version(engine)
    with pytest.raises(DemoDataExists, match="seed 3, 10 factories, 2 years"):
        generate_demo_data(engine, seed=3, factories=10, years=2)
    assert table_counts(engine) == before
    assert data_version(engine) == version


def test_a_second_seed_is_a_second_dataset_beside_the_first(engine: Engine) -> None:
    first = generate_demo_data(engine, seed=3, factories=10, years=2)
    second = generate_demo_data(engine, seed=4, factories=10, years=2)
    assert first.dataset_id != second.dataset_id
    counts = table_counts(engine)
    assert counts["factories"] == 20
    assert counts["questions"] == ACTIVE_QUESTIONS + 2  # the bank once, not twice
    assert_summary_matches_findings(engine)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"factories": 0}, "number of factories"),
        ({"factories": 10, "years": 0}, "number of years"),
        ({"years": 19}, "number of years"),
        ({"seed": -1}, "seed"),
        ({"seed": True}, "seed"),
    ],
)
def test_invalid_options_are_refused_with_a_message(options: dict, message: str) -> None:
    arguments = {"factories": None, "years": None, "seed": 2009, **options}
    with pytest.raises(DemoDataError, match=message):
        make_request(**arguments)


def test_giving_only_years_selects_scale_mode_with_default_factories() -> None:
    request = make_request(None, 4, 2009)
    assert (request.scale, request.factories, request.years, request.first_year) == (
        True,
        500,
        4,
        2023,
    )


def test_without_reference_data_the_generator_explains_what_to_run(
    engine: Engine,
) -> None:
    with engine.begin() as connection:
        connection.execute(text("DELETE FROM legacy_provinces"))
    with pytest.raises(DemoDataError, match="init-db"):
        generate_demo_data(engine, seed=1, factories=5, years=1)


# --- calibrated demo, SQLite, generated once ------------------------------------------


@pytest.fixture(scope="module")
def calibrated(
    sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Engine, GenerationSummary]]:
    target = tmp_path_factory.mktemp("calibrated-demo") / "demo.db"
    shutil.copyfile(sqlite_template, target)
    engine = make_engine(f"sqlite:///{target}")
    summary = generate_demo_data(engine)
    yield engine, summary
    engine.dispose()


YEAR = "CAST(strftime('%Y', a.assessed_on) AS INTEGER)"
LATEST_IN_YEAR = f"""
WITH dated AS (
    SELECT a.id, a.factory_id, a.assessed_on, {YEAR} AS year FROM assessments a
), latest AS (
    SELECT d.id, d.factory_id, d.year FROM dated d
    WHERE d.assessed_on = (
        SELECT MAX(o.assessed_on) FROM dated o
        WHERE o.factory_id = d.factory_id AND o.year = d.year
    )
)
"""


@pytest.fixture(scope="module")
def yearly(calibrated: tuple[Engine, GenerationSummary]) -> dict[int, dict[str, float]]:
    """Per year: factories, workers, women, legacy provinces, by the published method."""
    engine, _ = calibrated
    sql = (
        LATEST_IN_YEAR
        + """
    SELECT l.year, COUNT(*), SUM(f.workers_total), SUM(f.workers_women),
           COUNT(DISTINCT f.legacy_province_code),
           SUM(CASE WHEN f.sector_code = 'footwear' THEN 1 ELSE 0 END),
           SUM(CASE WHEN f.sector_code = 'travel_goods' THEN 1 ELSE 0 END)
    FROM latest l JOIN factories f ON f.id = l.factory_id
    GROUP BY l.year
    """
    )
    with engine.connect() as connection:
        rows = connection.execute(text(sql)).all()
    return {
        row[0]: {
            "factories": row[1],
            "workers": row[2],
            "women_share": row[3] / row[2],
            "legacy_provinces": row[4],
            "footwear": row[5],
            "travel_goods": row[6],
        }
        for row in rows
    }


@pytest.fixture(scope="module")
def rates(calibrated: tuple[Engine, GenerationSummary]) -> dict[tuple[int, str], tuple[int, int]]:
    """(year, point) -> (non-compliant factories, factories assessed), published method."""
    engine, _ = calibrated
    sql = (
        LATEST_IN_YEAR
        + """
    , flagged AS (
        SELECT DISTINCT f.assessment_id, COALESCE(m.new_code, q.cp_code) AS cp_code
        FROM findings f
        JOIN questions q ON q.code = f.question_code
        LEFT JOIN code_mappings m
               ON m.level = 'compliance_point' AND m.old_code = q.cp_code
        WHERE f.non_compliant AND q.fact_gathering = FALSE
    )
    SELECT l.year, fl.cp_code, COUNT(*) FROM latest l
    JOIN flagged fl ON fl.assessment_id = l.id
    GROUP BY l.year, fl.cp_code
    """
    )
    with engine.connect() as connection:
        failing = {(row[0], row[1]): row[2] for row in connection.execute(text(sql))}
        assessed = dict(
            connection.execute(
                text(LATEST_IN_YEAR + "SELECT year, COUNT(*) FROM latest GROUP BY year")
            ).all()
        )
    return {
        (year, cp): (failing.get((year, cp), 0), assessed[year])
        for year in assessed
        for cp in COUNTED
    }


def rate(rates: dict[tuple[int, str], tuple[int, int]], year: int, cp: str) -> float:
    failing, assessed = rates[(year, cp)]
    return failing / assessed


def test_factory_counts_follow_the_published_scale(yearly: dict) -> None:
    assert yearly[2009]["factories"] == 49
    assert abs(yearly[2014]["factories"] - 200) <= 5
    assert abs(yearly[2017]["factories"] - 331) <= 15
    assert abs(yearly[2019]["factories"] - 400) <= 10
    assert abs(yearly[2023]["factories"] - 450) <= 10
    assert min(yearly) == 2009 and max(yearly) == 2026
    assert yearly[2014]["footwear"] == 3
    assert yearly[2018]["footwear"] == 18
    assert yearly[2018]["travel_goods"] == 0 < yearly[2019]["travel_goods"]


def test_workforce_women_and_provinces_in_2023(yearly: dict) -> None:
    in_2023 = yearly[2023]
    assert abs(in_2023["workers"] - 750_000) <= 75_000
    assert abs(in_2023["women_share"] - 0.78) <= 0.02
    assert in_2023["legacy_provinces"] == 29
    assert yearly[2009]["legacy_provinces"] <= 6
    assert yearly[2018]["legacy_provinces"] == 22


def test_about_500_factories_enrolled_in_2024(calibrated: tuple[Engine, GenerationSummary]):
    engine, _ = calibrated
    end_2024 = date(2024, 12, 31)
    with engine.connect() as connection:
        enrolled = connection.scalar(
            select(func.count())
            .select_from(Factory)
            .where(Factory.joined_on <= end_2024)
            .where((Factory.left_on.is_(None)) | (Factory.left_on > end_2024))
        )
    assert 470 <= enrolled <= 520


def test_the_north_joins_from_2014(calibrated: tuple[Engine, GenerationSummary]) -> None:
    engine, _ = calibrated
    north = {"01", "30", "33", "34", "36", "35", "37", "38", "40", "24", "27", "26", "25", "31"}
    with engine.connect() as connection:
        first_year = dict(
            connection.execute(
                text(
                    "SELECT f.legacy_province_code, MIN(CAST(strftime('%Y', a.assessed_on) "
                    "AS INTEGER)) FROM factories f JOIN assessments a ON a.factory_id = f.id "
                    "WHERE f.legacy_province_code IS NOT NULL GROUP BY f.legacy_province_code"
                )
            ).all()
        )
        in_2014 = connection.scalar(
            text(
                "SELECT COUNT(DISTINCT a.factory_id) FROM assessments a JOIN factories f "
                "ON f.id = a.factory_id WHERE a.assessed_on BETWEEN '2014-01-01' AND "
                "'2014-12-31' AND f.legacy_province_code IN ("
                + ", ".join(f"'{code}'" for code in sorted(north))
                + ")"
            )
        )
    assert all(year >= 2014 for code, year in first_year.items() if code in north)
    assert all(first_year[code] == 2009 for code in ("79", "74", "75", "80", "72", "77"))
    assert 20 <= in_2014 <= 40


def test_headline_non_compliance_matches_the_published_shapes(rates: dict) -> None:
    assert abs(rate(rates, 2009, "WT-OVT") - 0.90) <= 0.04
    assert abs(rate(rates, 2023, "WT-OVT") - 0.65) <= 0.04
    assert abs(rate(rates, 2009, "FA-INT") - 0.72) <= 0.05
    assert rate(rates, 2023, "FA-INT") < 0.10
    assert rate(rates, 2014, "CO-PLV") >= 0.78
    assert abs(rate(rates, 2009, "CO-SOC") - 0.18) <= 0.04
    assert abs(rate(rates, 2019, "CO-SOC") - 0.06) <= 0.03
    assert rate(rates, 2009, "OS-WEL") >= 0.95
    assert abs(rate(rates, 2018, "OS-WEL") - 0.33) <= 0.04
    assert abs(rate(rates, 2011, "OS-MGT") - 0.52) <= 0.05
    assert abs(rate(rates, 2019, "OS-MGT") - 0.32) <= 0.04
    assert abs(rate(rates, 2014, "FA-CBA") - 0.50) <= 0.05
    assert abs(rate(rates, 2014, "CO-WID") - 0.50) <= 0.05


def test_forced_and_child_labour_stay_rare(rates: dict) -> None:
    rare = [cp for cp in COUNTED if cp.startswith(("FL-", "CL-"))]
    assert len(rare) == 7
    worst = max(rate(rates, year, cp) for (year, cp) in rates if cp in rare)
    assert worst <= 0.03


def test_every_point_lands_near_its_calibration_target(rates: dict) -> None:
    """Within one factory of the target (plus a point for rounding) in every full year."""
    misses = []
    for (year, cp), (failing, assessed) in rates.items():
        if year == cal.LAST_YEAR:
            continue  # a partial year: visits after 31 October are not in the data
        target = cal.non_compliance_target(cp, year)
        if abs(failing / assessed - target) > 1.5 / assessed + 0.01:
            misses.append((year, cp, failing, assessed, round(target, 3)))
    assert misses == []


def test_later_cycles_find_less_than_first_assessments(
    calibrated: tuple[Engine, GenerationSummary],
) -> None:
    engine, _ = calibrated
    sql = """
    SELECT a.cycle = 1, AVG(CASE WHEN p.non_compliant THEN 1.0 ELSE 0.0 END)
    FROM assessments a JOIN assessment_point_results p ON p.assessment_id = a.id
    WHERE a.assessed_on BETWEEN '2015-01-01' AND '2019-12-31'
    GROUP BY a.cycle = 1
    """
    with engine.connect() as connection:
        shares = {bool(first): share for first, share in connection.execute(text(sql))}
    assert shares[True] > shares[False] + 0.05


def test_only_factories_joining_after_the_reform_lack_a_legacy_province(
    calibrated: tuple[Engine, GenerationSummary],
) -> None:
    engine, _ = calibrated
    rolls_up = {row["legacy_code"]: row["province_code"] for row in province_rows()}
    with engine.connect() as connection:
        factories = connection.execute(
            select(Factory.joined_on, Factory.legacy_province_code, Factory.province_code)
        ).all()
        legacy_codes = set(connection.scalars(select(LegacyProvince.code)))
    late = [f for f in factories if f.joined_on >= date(2025, 7, 1)]
    assert late, "the demo should show factories registered under the new provinces"
    assert all(f.legacy_province_code is None for f in late)
    for factory in factories:
        if factory.joined_on < date(2025, 7, 1):
            assert factory.legacy_province_code in legacy_codes
            assert factory.province_code == rolls_up[factory.legacy_province_code]


def test_factory_and_dialogue_rows_are_consistent(
    calibrated: tuple[Engine, GenerationSummary],
) -> None:
    engine, summary = calibrated
    with engine.connect() as connection:
        factories = connection.execute(select(Factory)).all()
        bad_dialogue = connection.scalar(
            text(
                "SELECT COUNT(*) FROM social_dialogue s JOIN factories f ON f.id = s.factory_id "
                "WHERE s.cba_workers_covered > f.workers_total "
                "OR s.picc_women_members > s.picc_members "
                "OR s.picc_meetings_12m NOT BETWEEN 0 AND 12 "
                "OR s.work_stoppages_12m NOT BETWEEN 0 AND 2 "
                "OR (s.picc_present = FALSE AND s.picc_members > 0) "
                "OR (s.picc_present AND s.picc_members NOT BETWEEN 6 AND 14) "
                "OR (s.union_present = FALSE AND s.union_membership_share IS NOT NULL)"
            )
        )
        dialogue_rows = connection.scalar(select(func.count()).select_from(SocialDialogue))
        after_leaving = connection.scalar(
            text(
                "SELECT COUNT(*) FROM assessments a JOIN factories f ON f.id = a.factory_id "
                "WHERE a.assessed_on < f.joined_on OR a.assessed_on >= f.left_on "
                "OR a.assessed_on > '2026-10-31'"
            )
        )
    assert bad_dialogue == 0 and after_leaving == 0
    assert dialogue_rows == summary.assessments
    assert all(0 <= f.workers_women <= f.workers_total for f in factories)
    assert all(f.size_band == size_band_for(f.workers_total) for f in factories)
    assert len({f.name for f in factories}) == len(factories)
    assert any(f.left_on is not None for f in factories)


def test_social_dialogue_moves_with_the_findings(
    calibrated: tuple[Engine, GenerationSummary],
) -> None:
    engine, _ = calibrated
    by_year = f"""
    SELECT {YEAR},
           AVG(CASE WHEN s.picc_present THEN 1.0 ELSE 0.0 END),
           AVG(CASE WHEN s.cba_in_force THEN 1.0 ELSE 0.0 END),
           AVG(CASE WHEN s.union_present THEN 1.0 ELSE 0.0 END),
           1.0 * SUM(s.picc_women_members) / SUM(s.picc_members),
           1.0 * SUM(f.workers_women) / SUM(f.workers_total),
           AVG(CASE WHEN s.picc_meetings_12m >= 6 THEN 1.0 ELSE 0.0 END)
    FROM social_dialogue s JOIN assessments a ON a.id = s.assessment_id
    JOIN factories f ON f.id = s.factory_id
    GROUP BY 1
    """
    elected = """
    SELECT p.non_compliant, AVG(CASE WHEN s.union_leaders_freely_elected THEN 1.0 ELSE 0.0 END)
    FROM social_dialogue s JOIN assessment_point_results p
      ON p.assessment_id = s.assessment_id AND p.cp_code = 'FA-INT'
    WHERE s.union_present
    GROUP BY p.non_compliant
    """
    with engine.connect() as connection:
        years = {row[0]: row[1:] for row in connection.execute(text(by_year))}
        elected_share = {bool(nc): share for nc, share in connection.execute(text(elected))}
    assert years[2009][0] < 0.5 and all(years[y][0] >= 0.9 for y in range(2014, 2027))
    assert abs(years[2009][1] - 0.5) <= 0.12 and abs(years[2025][1] - 0.75) <= 0.08
    assert len(years) == 18
    assert all(0.85 <= union <= 1.0 for _picc, _cba, union, *_rest in years.values())
    gaps = {y: years[y][4] - years[y][3] for y in years}
    assert all(gap > 0 for gap in gaps.values())
    assert gaps[2010] > gaps[2024] + 0.1
    assert years[2024][5] > 0.75
    assert elected_share[False] > elected_share[True] + 0.2


def test_summary_table_equals_a_recomputation_from_findings(
    calibrated: tuple[Engine, GenerationSummary],
) -> None:
    engine, _ = calibrated
    assert_summary_matches_findings(engine)


def test_questions_and_the_renamed_code_are_exercised_by_real_rows(
    calibrated: tuple[Engine, GenerationSummary],
) -> None:
    engine, summary = calibrated
    with engine.connect() as connection:
        questions = connection.execute(select(Question)).all()
        mapping = connection.execute(
            select(CodeMapping).where(CodeMapping.old_code == RETIRED_POINT)
        ).one()
        retired_point = connection.execute(
            select(CompliancePoint).where(CompliancePoint.code == RETIRED_POINT)
        ).one()
        retired_findings = connection.execute(
            text(
                "SELECT MAX(a.assessed_on), SUM(CASE WHEN f.non_compliant THEN 1 ELSE 0 END) "
                "FROM findings f JOIN assessments a ON a.id = f.assessment_id "
                "JOIN questions q ON q.code = f.question_code WHERE q.cp_code = :cp"
            ),
            {"cp": RETIRED_POINT},
        ).one()
        retired_in_summary = connection.scalar(
            select(func.count())
            .select_from(AssessmentPointResult)
            .where(AssessmentPointResult.cp_code == RETIRED_POINT)
        )
        fact_gathering_flags = connection.scalar(
            text(
                "SELECT COUNT(*) FROM findings f JOIN questions q ON q.code = f.question_code "
                "WHERE q.fact_gathering AND f.non_compliant"
            )
        )
        findings = connection.scalar(select(func.count()).select_from(Finding))
    active = [q for q in questions if q.active]
    assert 240 <= len(active) <= 260
    assert sum(q.fact_gathering for q in active) == 10
    assert {q.cp_code for q in active} == set(COUNTED)
    assert all(q.text_en and q.text_vi and q.text_en != q.text_vi for q in questions)
    assert (mapping.new_code, mapping.effective_on) == ("CL-HAZ", date(2016, 1, 1))
    assert not retired_point.active
    last_asked, flagged = retired_findings
    assert str(last_asked) < "2016-01-01"
    assert flagged > 0  # so the mapping changes real results
    assert retired_in_summary == 0
    assert fact_gathering_flags > 0  # recorded, and still never counted (summary test)
    assert findings == summary.findings


def test_the_calibrated_roster_and_decisions_are_reproducible() -> None:
    rolls_up = {row["legacy_code"]: row["province_code"] for row in province_rows()}
    first = calibrated_roster(2009, rolls_up)
    assert first == calibrated_roster(2009, rolls_up)
    assert first != calibrated_roster(2010, rolls_up)
    points = list(COUNTED)
    assert (
        CalibratedDecisions(first, points, 2009).outcomes
        == CalibratedDecisions(first, points, 2009).outcomes
    )


def test_cli_seed_demo_reports_progress_and_refuses_a_duplicate(
    sqlite_engine: Engine, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    from data_access.cli import main

    monkeypatch.setenv("DATABASE_URL", sqlite_engine.url.render_as_string())
    arguments = ["seed-demo", "--factories", "6", "--years", "2", "--seed", "9"]
    assert main(arguments) == 0
    out = capsys.readouterr().out
    assert "Factories 6 of 6: 12 assessments" in out
    assert "Synthetic demonstration data (seed 9, 6 factories, 2 years)" in out
    assert table_counts(sqlite_engine)["assessments"] == 12
    assert main(arguments) == 2
    assert "already holds the synthetic dataset" in capsys.readouterr().err
    assert table_counts(sqlite_engine)["assessments"] == 12
