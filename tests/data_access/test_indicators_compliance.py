"""Non-compliance rates on hand-built data; every expected rate is worked out by hand in
the test from the fixture rows it writes."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from data_access.filters import Filters
from data_access.indicators import non_compliance, non_compliance_change
from data_access.scope import Scope
from tests.data_access.fixtures import Builder

ILO = Scope("ilo", "ilo", "tester")
ALL = Filters()


def row(frame: pd.DataFrame, **keys: object) -> pd.Series:
    match = frame
    for column, value in keys.items():
        match = match[match[column] == value]
    assert len(match) == 1, f"expected one row for {keys}, got {len(match)}"
    return match.iloc[0]


def test_only_the_latest_assessment_in_the_period_counts(engine):
    build = Builder(engine, summaries=False)
    a = build.factory()
    build.assessment(a, "2023-02-01", points={"CO-MIN": True}, kind="initial")
    build.assessment(a, "2023-09-01", points={"CO-MIN": False}, kind="annual")
    for non_compliant in (True, False, False, False):
        build.assessment(build.factory(), "2023-05-01", points={"CO-MIN": non_compliant})

    whole_year = non_compliance(engine, ILO, Filters(year_from=2023, year_to=2023))
    # A's September assessment (compliant) replaces February: 1 of 5 non-compliant.
    cell = row(whole_year, compliance_point="CO-MIN")
    assert (cell.non_compliant, cell.assessed) == (1, 5)
    assert cell.rate == pytest.approx(1 / 5)

    first_half = non_compliance(
        engine, ILO, Filters(date_from=date(2023, 1, 1), date_to=date(2023, 6, 30))
    )
    # Up to June, A's latest is February (non-compliant): 2 of 5.
    cell = row(first_half, compliance_point="CO-MIN")
    assert (cell.non_compliant, cell.assessed) == (2, 5)


def test_same_day_assessments_count_the_later_recorded_one(engine):
    build = Builder(engine, summaries=False)
    a = build.factory()
    build.assessment(a, "2024-04-01", points={"CO-MIN": True}, kind="initial")
    build.assessment(a, "2024-04-01", points={"CO-MIN": False}, kind="annual")
    cell = row(non_compliance(engine, ILO, ALL), compliance_point="CO-MIN")
    assert (cell.non_compliant, cell.assessed) == (0, 1)


def test_follow_up_visits_do_not_replace_the_full_assessment(engine):
    build = Builder(engine, summaries=False)
    a = build.factory()
    build.assessment(a, "2024-03-01", points={"CO-MIN": True, "FA-FRE": True})
    # The follow-up checked only CO-MIN; FA-FRE must not vanish from the rates.
    build.assessment(a, "2024-06-01", points={"CO-MIN": False}, kind="follow_up")
    frame = non_compliance(engine, ILO, ALL).set_index("compliance_point")
    assert (frame.loc["CO-MIN", "non_compliant"], frame.loc["CO-MIN", "assessed"]) == (1, 1)
    assert (frame.loc["FA-FRE", "non_compliant"], frame.loc["FA-FRE", "assessed"]) == (1, 1)


def test_latest_assessment_per_year_when_grouping_by_year(engine):
    build = Builder(engine, summaries=False)
    a, b = build.factory(), build.factory()
    build.assessment(a, "2022-03-01", points={"CO-MIN": True})
    build.assessment(a, "2022-10-01", points={"CO-MIN": True})
    build.assessment(a, "2023-03-01", points={"CO-MIN": False})
    build.assessment(b, "2023-06-01", points={"CO-MIN": True})
    by_year = non_compliance(engine, ILO, ALL, by=("year", "compliance_point"))
    assert (row(by_year, year=2022).non_compliant, row(by_year, year=2022).assessed) == (1, 1)
    assert (row(by_year, year=2023).non_compliant, row(by_year, year=2023).assessed) == (1, 2)
    # Without a year grouping, each factory once: A's 2023 (compliant), B's (non-compliant).
    overall = row(non_compliance(engine, ILO, ALL), compliance_point="CO-MIN")
    assert (overall.non_compliant, overall.assessed) == (1, 2)


def test_any_counted_question_makes_the_point_non_compliant_fact_gathering_never(engine):
    build = Builder(engine, summaries=False)
    q1 = build.question("CO-MIN-Q1", "CO-MIN")
    q2 = build.question("CO-MIN-Q2", "CO-MIN")
    fact = build.question("CO-MIN-FG", "CO-MIN", fact_gathering=True)
    findings = [
        {q1: False, q2: True},  # one of two counted questions → non-compliant
        {q1: False, q2: False},  # compliant
        {q1: False, q2: False, fact: True},  # fact-gathering finding ignored → compliant
        {q1: True, q2: True},  # non-compliant
        {q1: True, q2: False},  # non-compliant
        {fact: True},  # only a fact-gathering question: not assessed on the point
    ]
    for answers in findings:
        build.assessment(build.factory(), "2024-05-01", findings=answers)
    cell = row(non_compliance(engine, ILO, ALL), compliance_point="CO-MIN")
    assert (cell.non_compliant, cell.assessed) == (3, 5)
    assert cell.rate == pytest.approx(3 / 5)


def test_cluster_rate_counts_a_factory_non_compliant_on_any_of_its_points(engine):
    build = Builder(engine, summaries=False)
    results = [
        {"FA-FRE": True, "FA-CBA": False},
        {"FA-FRE": False, "FA-CBA": True},
        {"FA-FRE": True, "FA-CBA": True},
        {"FA-FRE": False, "FA-CBA": False},
        {"FA-FRE": False, "FA-CBA": False},
    ]
    for points in results:
        build.assessment(build.factory(), "2024-05-01", points={**points, "CO-MIN": True})
    clusters = non_compliance(engine, ILO, ALL, by=("cluster",))
    fa = row(clusters, cluster="FA")
    # Factories 1, 2, 3 are non-compliant on at least one FA point: 3 of 5, not 4 of 10.
    assert (fa.non_compliant, fa.assessed) == (3, 5)
    assert fa.cluster_group == "core"
    assert row(clusters, cluster="CO").cluster_group == "national"
    # Restricting to one point: the unit becomes that point.
    only = non_compliance(engine, ILO, Filters(compliance_points=("FA-CBA",)), by=("cluster",))
    assert (row(only, cluster="FA").non_compliant, row(only, cluster="FA").assessed) == (2, 5)
    # No point grouping: any selected point; every factory has CO-MIN → 5 of 5.
    anything = non_compliance(engine, ILO, ALL, by=())
    assert (anything.iloc[0].non_compliant, anything.iloc[0].assessed) == (5, 5)


def test_points_carry_their_cluster_labels_in_both_languages(engine):
    build = Builder(engine, summaries=False)
    for _ in range(5):
        build.assessment(build.factory(), "2024-05-01", points={"FA-FRE": True})
    frame = non_compliance(engine, ILO, ALL, by=("cluster", "compliance_point"))
    cell = row(frame, compliance_point="FA-FRE")
    assert cell.cluster == "FA"
    assert cell.compliance_point_name_en == "Freedom to Associate"
    assert cell.compliance_point_name_vi == "Tự do hiệp hội"
    assert cell.cluster_name_en == "Freedom of Association and Collective Bargaining"
    assert frame.attrs["indicator"] == "non_compliance"
    assert frame.attrs["method"] == "non_compliance"


def test_legacy_provinces_roll_up_into_the_current_province(engine):
    build = Builder(engine, summaries=False)
    # Bình Dương (74) and Bà Rịa - Vũng Tàu (77) both joined Hồ Chí Minh (79) in 2025.
    for index in range(3):
        build.assessment(
            build.factory(province="79", legacy="74"), "2024-05-01", points={"CO-MIN": index < 2}
        )
    for index in range(3):
        build.assessment(
            build.factory(province="79", legacy="77"), "2024-05-01", points={"CO-MIN": index < 1}
        )
    staff_min = {"min_factories": 1}
    current = non_compliance(engine, ILO, ALL, by=("province",), **staff_min)
    assert len(current) == 1
    hcm = row(current, province="79")
    assert (hcm.non_compliant, hcm.assessed) == (3, 6)
    assert hcm.province_name_vi == "Hồ Chí Minh"

    legacy = non_compliance(engine, ILO, ALL, by=("legacy_province",), **staff_min)
    assert list(legacy["legacy_province"]) == ["74", "77"]
    assert set(legacy["province"]) == {"79"}
    assert (
        row(legacy, legacy_province="74").non_compliant,
        row(legacy, legacy_province="74").assessed,
    ) == (2, 3)
    assert row(legacy, legacy_province="77").legacy_province_name_vi == "Bà Rịa - Vũng Tàu"

    by_legacy_filter = non_compliance(
        engine, ILO, Filters(legacy_provinces=("77",)), by=("province",), **staff_min
    )
    assert (
        row(by_legacy_filter, province="79").non_compliant,
        row(by_legacy_filter, province="79").assessed,
    ) == (1, 3)
    by_current_filter = non_compliance(engine, ILO, Filters(provinces=("79",)), by=(), **staff_min)
    assert (by_current_filter.iloc[0].non_compliant, by_current_filter.iloc[0].assessed) == (3, 6)


def test_factories_registered_after_the_merger_are_labelled_not_lost(engine):
    build = Builder(engine, summaries=False)
    build.assessment(
        build.factory(province="79", legacy=None), "2025-09-01", points={"CO-MIN": True}
    )
    build.assessment(
        build.factory(province="79", legacy="79"), "2025-09-01", points={"CO-MIN": False}
    )
    legacy = non_compliance(engine, ILO, ALL, by=("legacy_province",), min_factories=1)
    assert len(legacy) == 2
    unregistered = legacy[legacy["legacy_province"].isna()].iloc[0]
    assert unregistered.non_compliant == 1
    assert unregistered.legacy_province_name_en == "Former province not recorded"


def test_change_between_periods_all_factories_and_same_factories(engine):
    build = Builder(engine, summaries=False)
    panel = [build.factory() for _ in range(5)]
    # 2023: panel factories 1-4 non-compliant (4/5); 2024: only factory 1 (1/5).
    for index, factory in enumerate(panel):
        build.assessment(factory, "2023-05-01", points={"CO-MIN": index < 4})
        build.assessment(factory, "2024-05-01", points={"CO-MIN": index < 1})
    # Five newcomers in 2024, all non-compliant: all-factories 2024 = 6/10.
    for _ in range(5):
        build.assessment(build.factory(), "2024-06-01", points={"CO-MIN": True})
    before, after = Filters(year_from=2023, year_to=2023), Filters(year_from=2024, year_to=2024)

    every = row(non_compliance_change(engine, ILO, before, after), compliance_point="CO-MIN")
    assert (every.non_compliant_before, every.assessed_before) == (4, 5)
    assert (every.non_compliant_after, every.assessed_after) == (6, 10)
    assert every.change == pytest.approx(6 / 10 - 4 / 5)
    assert every.basis == "all_factories"

    same = non_compliance_change(engine, ILO, before, after, same_factories=True)
    cell = row(same, compliance_point="CO-MIN")
    assert (cell.non_compliant_after, cell.assessed_after) == (1, 5)
    assert cell.change == pytest.approx(1 / 5 - 4 / 5)
    assert cell.basis == "same_factories"
    assert same.attrs["basis"] == "same_factories"
    assert same.attrs["before"] == before and same.attrs["after"] == after


def test_unknown_grouping_is_a_programming_error(engine):
    with pytest.raises(ValueError, match="Cannot group"):
        non_compliance(engine, ILO, ALL, by=("colour",))


def test_published_summary_gives_the_same_figures_as_the_point_results(engine):
    """After an import the pre-summed counts may answer; they must agree with the
    figures computed from the point results, which the tests above check by hand."""
    build = Builder(engine, summaries=False)
    layout = [("79", "74", "garment"), ("79", "77", "footwear"), ("01", "01", "garment")]
    for index in range(18):
        province, legacy, sector = layout[index % 3]
        factory = build.factory(province=province, legacy=legacy, sector=sector)
        build.assessment(
            factory, "2023-04-01", points={"CO-MIN": index % 2 == 0, "FA-FRE": index % 3 == 0}
        )
        if index % 4:
            build.assessment(
                factory, "2024-04-01", points={"CO-MIN": index % 5 == 0, "FA-CBA": index % 2 == 1}
            )
    requests = [
        (ALL, ("compliance_point",)),
        (ALL, ("year", "cluster")),
        (ALL, ()),
        (Filters(year_from=2024, year_to=2024), ("province", "compliance_point")),
        (Filters(year_from=2023, year_to=2024), ("legacy_province", "cluster")),
        (Filters(year_from=2023, year_to=2024, sectors=("garment",)), ("compliance_point",)),
        (Filters(clusters=("FA",)), ("year", "size_band")),
    ]
    before = [non_compliance(engine, ILO, filters, by) for filters, by in requests]
    build.publish()
    after = [non_compliance(engine, ILO, filters, by) for filters, by in requests]
    for (filters, by), first, second in zip(requests, before, after, strict=True):
        pd.testing.assert_frame_equal(first, second, obj=f"{filters} by {by}")
