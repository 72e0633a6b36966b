"""`programme_counts` gives exactly the figures the SQL path of `programme_size` gives,
is used where it can be and not where it cannot, and follows every data change in the
writer's own transaction (imports, corrections, the removal of the demo data)."""

from __future__ import annotations

import csv
import dataclasses
import io
from datetime import date

import pandas as pd
import pytest
from sqlalchemy import Engine, text

from data_access import disclosure
from data_access.db import session_scope
from data_access.demo.generator import generate_demo_data
from data_access.filters import Filters
from data_access.imports import remove_demo_data, template_file
from data_access.indicators import programme, programme_size, programme_summary
from data_access.indicators.programme_summary import FIGURES, refresh_if_stale, summary_counts
from data_access.meta import bump_data_version
from data_access.refdata import reference
from data_access.scope import Scope
from data_access.users import add_user
from tests.data_access.fixtures import Builder
from tests.data_access.imports.helpers import ADMIN, load_ok, with_examples

ILO = Scope("ilo", "ilo", "tester")
MOLISA = Scope("molisa", "molisa", "tester")

#: (filters, grouping) the summary must answer, and answer exactly.
ANSWERED: list[tuple[Filters, tuple[str, ...]]] = [
    (Filters(), ()),
    (Filters(), ("year",)),
    (Filters(), ("sector",)),
    (Filters(), ("province", "legacy_province")),
    (Filters(), ("year", "size_band")),
    (Filters(), ("year", "province", "legacy_province", "sector", "size_band")),
    (Filters(), ("province", "legacy_province", "sector", "size_band")),
    (Filters(year_from=2025, year_to=2025), ()),
    (Filters(year_from=2025, year_to=2025), ("province",)),
    (Filters(year_from=2025), ()),
    (Filters(year_from=2025), ("sector",)),
    (Filters(year_from=2024, year_to=2026), ("size_band",)),
    (Filters(year_from=2024, year_to=2025), ("year", "sector")),
    (Filters(year_to=2025), ("year",)),
    (Filters(sectors=("footwear",)), ("year",)),
    (Filters(provinces=("79", "01")), ("province",)),
    (Filters(legacy_provinces=("79",), size_bands=("1000-2999",)), ()),
    (Filters(date_from=date(2025, 1, 1), date_to=date(2025, 12, 31)), ("sector",)),
    # Points and clusters choose points, not factories: the size ignores them.
    (Filters(clusters=("CO",), compliance_points=("CO-MIN",)), ("year",)),
]
#: Requests only the SQL path can answer exactly.
DECLINED: list[tuple[Filters, tuple[str, ...]]] = [
    (Filters(date_from=date(2025, 3, 1)), ()),
    (Filters(date_to=date(2025, 6, 30)), ("year",)),
    (Filters(year_from=2024, year_to=2025), ()),
    (Filters(year_to=2025), ("sector",)),
]


def _comparable(frame: pd.DataFrame, dims: tuple[str, ...]) -> pd.DataFrame:
    frame = frame[[*dims, *FIGURES]].copy()
    for column in dims:
        frame[column] = frame[column].astype("Int64" if column == "year" else "string")
    for column in FIGURES:
        frame[column] = pd.to_numeric(frame[column]).astype("Int64")
    return frame.sort_values(list(dims) or ["factories"]).reset_index(drop=True)


def _assert_both_paths_equal(engine: Engine, *, every_request_has_rows: bool = False) -> None:
    latest_year = reference(engine).latest_year
    for filters, dims in ANSWERED:
        fast = summary_counts(engine, filters, dims, latest_year)
        assert fast is not None, (filters, dims)
        expected = programme._counts_from_assessments(engine, filters, dims)
        assert not (every_request_has_rows and expected.empty), (filters, dims)
        pd.testing.assert_frame_equal(
            _comparable(fast, dims), _comparable(expected, dims), obj=f"{filters} by {dims}"
        )


@pytest.fixture
def varied(engine: Engine) -> Engine:
    """Scale data (every factory once a year, 2024–2026) plus what it lacks: two full
    assessments in one year, a follow-up that must not count, a factory with only a
    follow-up, one with no legacy province, one that left before the last year."""
    generate_demo_data(engine, factories=30, years=3, seed=11)
    build = Builder(engine)
    twice = build.factory(province="01", legacy="01", workers=4000, women=1000)
    build.assessment(twice, "2025-02-01", points={"CO-MIN": True})
    build.assessment(twice, "2025-09-01", points={"CO-MIN": False})
    new = build.factory(province="79", legacy=None, workers=300, women=200)
    build.assessment(new, "2026-03-01", points={"CO-MIN": True})
    build.assessment(new, "2026-04-01", points={"CO-MIN": False}, kind="follow_up")
    only_follow_up = build.factory(province="48", legacy="48")
    build.assessment(only_follow_up, "2025-05-05", kind="follow_up")
    gone = build.factory(province="79", legacy="79", sector="footwear")
    build.assessment(gone, "2024-06-01", points={"CO-MIN": True})
    return engine


def test_the_summary_gives_the_sql_path_figures(varied: Engine) -> None:
    assert reference(varied).latest_year == 2026
    _assert_both_paths_equal(varied, every_request_has_rows=True)


def test_requests_it_cannot_answer_exactly_take_the_sql_path(varied: Engine) -> None:
    latest_year = reference(varied).latest_year
    for filters, dims in DECLINED:
        assert summary_counts(varied, filters, dims, latest_year) is None, (filters, dims)
        assert not programme_size(varied, ILO, filters, dims).empty


@pytest.mark.parametrize("scope", [ILO, MOLISA], ids=["staff", "constituent"])
@pytest.mark.parametrize(
    ("filters", "by"),
    [
        (Filters(), "year"),
        (Filters(), "province"),
        (Filters(year_from=2025, year_to=2025), "sector"),
        (Filters(year_from=2024), None),
        (Filters(year_from=2024), "legacy_province"),
        (Filters(sectors=("garment",)), "size_band"),
    ],
)
def test_the_published_frame_is_the_same_on_both_paths(
    varied: Engine, monkeypatch, scope: Scope, filters: Filters, by: str | None
) -> None:
    """Every figure, hidden cell and reason, for staff and for a constituent: the
    disclosure cube is decided afresh on each path."""
    disclosure._CUBES.clear()
    fast = programme_size(varied, scope, filters, by)
    monkeypatch.setattr(programme, "summary_counts", lambda *args: None)
    disclosure._CUBES.clear()
    slow = programme_size(varied, scope, filters, by)
    pd.testing.assert_frame_equal(fast, slow)
    assert fast.attrs == slow.attrs


def test_the_indicator_reads_the_summary_when_it_can(varied: Engine, monkeypatch) -> None:
    expected = programme_size(varied, MOLISA, Filters(), "year")
    monkeypatch.setattr(
        programme,
        "_counts_from_assessments",
        lambda *args: pytest.fail("the SQL path ran although the summary could answer"),
    )
    disclosure._CUBES.clear()
    assert programme_size(varied, MOLISA, Filters(), "year").equals(expected)


def test_an_import_and_a_correction_keep_it_exact(engine: Engine) -> None:
    with_examples(engine)
    _assert_both_paths_equal(engine)
    # A factory file that changes a headcount (and so its size band) and a sector.
    _name, data = template_file("factories", "csv", engine, example=True)
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    workers, sector = rows[0].index("workers_total"), rows[0].index("sector")
    rows[1][workers] = str(int(rows[1][workers]) + 2500)
    rows[1][sector] = "footwear" if rows[1][sector] != "footwear" else "garment"
    corrected = io.StringIO()
    csv.writer(corrected).writerows(rows)
    assert load_ok(engine, "corrected.csv", corrected.getvalue()).status == "committed"
    _assert_both_paths_equal(engine)
    national = summary_counts(engine, Filters(), (), reference(engine).latest_year)
    assert national is not None
    assert int(national.loc[0, "largest"]) >= 2500


def test_removing_the_demo_data_keeps_it_exact(engine: Engine) -> None:
    generate_demo_data(engine, factories=12, years=3, seed=3)
    with_examples(engine)
    before = summary_counts(engine, Filters(), (), reference(engine).latest_year)
    with session_scope(engine) as session:  # the removal needs a personal administrator
        add_user(session, "real.admin", "a-long-password-1", "admin")
    remove_demo_data(engine, ADMIN)
    after = summary_counts(engine, Filters(), (), reference(engine).latest_year)
    assert before is not None and after is not None
    assert int(after.loc[0, "factories"]) == 6 < int(before.loc[0, "factories"])
    _assert_both_paths_equal(engine)


def test_a_failed_write_leaves_the_old_summary_current(varied: Engine) -> None:
    latest_year = reference(varied).latest_year
    before = summary_counts(varied, Filters(), ("year",), latest_year)
    with pytest.raises(RuntimeError), varied.begin() as connection:
        connection.execute(text("DELETE FROM social_dialogue"))
        connection.execute(text("DELETE FROM assessment_point_results"))
        connection.execute(text("DELETE FROM findings"))
        connection.execute(text("DELETE FROM assessments"))
        bump_data_version(connection)
        raise RuntimeError("the import fails after the rebuild")
    after = summary_counts(varied, Filters(), ("year",), latest_year)
    assert after is not None
    pd.testing.assert_frame_equal(before, after)


def test_a_summary_behind_the_data_is_never_read(engine: Engine) -> None:
    build = Builder(engine)
    build.assessment(build.factory(), "2025-04-01")
    with engine.begin() as connection:
        connection.execute(text("UPDATE app_meta SET value = '999' WHERE key = 'data_version'"))
    assert summary_counts(engine, Filters(), (), 2025) is None
    assert programme_size(engine, ILO, Filters(), None).loc[0, "factories"] == 1
    assert refresh_if_stale(engine) is True
    assert refresh_if_stale(engine) is False
    assert summary_counts(engine, Filters(), (), 2025) is not None


def test_counts_built_by_an_older_rule_are_never_read(engine: Engine, monkeypatch) -> None:
    build = Builder(engine)
    build.assessment(build.factory(), "2025-04-01")
    assert summary_counts(engine, Filters(), (), 2025) is not None
    newer = dataclasses.replace(programme_summary.STAMP, build=programme_summary.STAMP.build + 1)
    monkeypatch.setattr(programme_summary, "STAMP", newer)
    assert summary_counts(engine, Filters(), (), 2025) is None
    assert refresh_if_stale(engine) is True
    assert summary_counts(engine, Filters(), (), 2025) is not None
