"""Social dialogue and the Freedom of Association and Collective Bargaining cluster."""

from __future__ import annotations

import pandas as pd
import pytest

from data_access.filters import Filters
from data_access.indicators import fa_cb_non_compliance, social_dialogue
from data_access.scope import Scope
from tests.data_access.fixtures import Builder

ILO = Scope("ilo", "ilo", "staff")
MOLISA = Scope("molisa", "molisa", "viewer")

RECORDS = [
    # workers, women, record
    (
        1000,
        600,
        {
            "union_present": True,
            "union_leaders_freely_elected": True,
            "cba_in_force": True,
            "cba_workers_covered": 800,
            "picc_present": True,
            "picc_members": 10,
            "picc_women_members": 6,
            "picc_meetings_12m": 12,
            "grievance_mechanism": True,
            "work_stoppages_12m": 0,
        },
    ),
    (
        1000,
        700,
        {
            "union_present": True,
            "union_leaders_freely_elected": False,
            "cba_in_force": False,
            "cba_workers_covered": 0,
            "picc_present": True,
            "picc_members": 8,
            "picc_women_members": 2,
            "picc_meetings_12m": 4,
            "grievance_mechanism": True,
            "work_stoppages_12m": 1,
        },
    ),
    (
        500,
        400,
        {
            "union_present": False,
            "union_leaders_freely_elected": False,
            "cba_in_force": False,
            "cba_workers_covered": 0,
            "picc_present": False,
            "picc_members": 0,
            "picc_women_members": 0,
            "picc_meetings_12m": 0,
            "grievance_mechanism": False,
            "work_stoppages_12m": 0,
        },
    ),
    (
        2000,
        1500,
        {
            "union_present": True,
            "union_leaders_freely_elected": True,
            "cba_in_force": True,
            "cba_workers_covered": 5000,
            "picc_present": True,
            "picc_members": 6,
            "picc_women_members": 3,
            "picc_meetings_12m": 6,
            "grievance_mechanism": True,
            "work_stoppages_12m": 2,
        },
    ),
    (
        1500,
        1000,
        {
            "union_present": True,
            "union_leaders_freely_elected": True,
            "cba_in_force": False,
            "cba_workers_covered": 0,
            "picc_present": True,
            "picc_members": 4,
            "picc_women_members": 1,
            "picc_meetings_12m": 7,
            "grievance_mechanism": False,
            "work_stoppages_12m": 0,
        },
    ),
]


def build_dialogue(build: Builder) -> None:
    for index, (workers, women, record) in enumerate(RECORDS):
        factory = build.factory(workers=workers, women=women)
        if index == 0:
            # An older record (no union) is replaced by the 2024 one; a later follow-up
            # without a record does not hide it.
            build.assessment(factory, "2023-05-01", dialogue={"union_present": False})
        build.assessment(factory, "2024-05-01", dialogue=record)
        if index == 0:
            build.assessment(factory, "2024-11-01", kind="follow_up", points={"CO-MIN": False})


def measures(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.set_index("measure")


def test_each_measure_with_numerator_and_denominator(engine):
    build_dialogue(Builder(engine, summaries=False))
    frame = measures(
        social_dialogue(engine, ILO, Filters(year_from=2024, year_to=2024), picc_min_meetings=6)
    )
    expected = {
        "union_present": (4, 5),
        "union_leaders_freely_elected": (3, 5),
        "cba_in_force": (2, 5),
        # 800 + min(5000, 2000) covered, of 6000 workers.
        "cba_workers_covered": (2800, 6000),
        # PICCs meeting at least 6 times: factories 1, 4 and 5.
        "picc_functioning": (3, 5),
        "picc_women_share": (6 + 2 + 3 + 1, 10 + 8 + 6 + 4),
        "workforce_women_share": (4200, 6000),
        "grievance_mechanism": (3, 5),
        "work_stoppage": (2, 5),
    }
    for measure, (numerator, denominator) in expected.items():
        cell = frame.loc[measure]
        assert (cell.numerator, cell.denominator) == (numerator, denominator), measure
        assert cell.value == pytest.approx(numerator / denominator), measure
    assert frame.loc["picc_women_share", "factories"] == 4
    assert frame.loc["cba_workers_covered", "unit"] == "workers"
    assert frame.loc["union_present", "measure_name_vi"] == "Nhà máy có công đoàn"


def test_functioning_committee_threshold_is_a_parameter(engine):
    build_dialogue(Builder(engine, summaries=False))
    frame = social_dialogue(engine, ILO, Filters(), picc_min_meetings=7)
    cell = measures(frame).loc["picc_functioning"]
    assert (cell.numerator, cell.denominator) == (2, 5)  # 12 and 7 meetings
    assert frame.attrs["picc_min_meetings"] == 7


def test_latest_record_per_year(engine):
    build_dialogue(Builder(engine, summaries=False))
    frame = social_dialogue(engine, ILO, Filters(), by="year")
    union = frame[frame["measure"] == "union_present"].set_index("year")
    assert (union.loc[2023, "numerator"], union.loc[2023, "denominator"]) == (0, 1)
    assert (union.loc[2024, "numerator"], union.loc[2024, "denominator"]) == (4, 5)


def test_committee_women_share_rests_on_committees_and_is_suppressed_alone(engine):
    build_dialogue(Builder(engine, summaries=False))
    frame = measures(social_dialogue(engine, MOLISA, Filters(), min_factories=5))
    # Five factories with a record, but only four with a committee.
    assert frame.loc["picc_women_share", "suppressed"]
    assert pd.isna(frame.loc["picc_women_share", "value"])
    staff = measures(social_dialogue(engine, ILO, Filters(), min_factories=5))
    assert staff.loc["picc_women_share", "factories"] == 4
    assert staff.loc["picc_women_share", "suppression_reason"] == "small"
    # The five factories fall in size bands of 1 to 4 factories each: with the national
    # figure shown, every band would be known to be small, so it is hidden too (the
    # group rule); staff see it exactly, flagged.
    assert frame.loc["union_present", "suppressed"]
    assert staff.loc["union_present", "numerator"] == 4
    assert staff.loc["union_present", "suppression_reason"] == "complementary"


def test_fa_cb_cluster_and_points_by_year(engine):
    build = Builder(engine, summaries=False)
    for index in range(5):
        factory = build.factory()
        build.assessment(
            factory, "2023-05-01", points={"FA-FRE": index == 0, "FA-CBA": False, "CO-MIN": True}
        )
        build.assessment(
            factory,
            "2024-05-01",
            points={"FA-FRE": index in (0, 1), "FA-CBA": index in (1, 2), "CO-MIN": True},
        )
    frame = fa_cb_non_compliance(engine, ILO, Filters())
    cells = {(row.year, row.code): (row.non_compliant, row.assessed) for row in frame.itertuples()}
    assert cells[(2023, "FA")] == (1, 5)
    assert cells[(2024, "FA")] == (3, 5)  # factories 1, 2, 3
    assert cells[(2024, "FA-FRE")] == (2, 5)
    assert cells[(2024, "FA-CBA")] == (2, 5)
    assert not any(code.startswith("CO") for _, code in cells)
    assert list(frame["level"][:3]) == ["cluster", "compliance_point", "compliance_point"]
    assert frame.iloc[0].name_en == "Freedom of Association and Collective Bargaining"
