"""Headline cards' figures and changes: equal to the indicator frames they are built on,
and the change withheld from constituents whenever either period is hidden."""

from __future__ import annotations

import pandas as pd
import pytest

from data_access.filters import Filters
from data_access.indicators import programme_size, social_dialogue
from data_access.indicators.change import change
from data_access.indicators.headline import programme_size_change, social_dialogue_change
from data_access.periods import Comparison
from data_access.scope import AccessDenied, Scope
from tests.data_access.fixtures import Builder

MOLISA = Scope(role="molisa", organisation="molisa")
ILO = Scope(role="ilo", organisation="ilo")
Y2024 = Filters(year_from=2024, year_to=2024)
Y2025 = Filters(year_from=2025, year_to=2025)


def _seed(engine, before: int, after: int) -> None:
    build = Builder(engine)
    for index in range(max(before, after)):
        factory = build.factory(workers=1000 + index, women=500)
        if index < before:
            build.assessment(
                factory,
                "2024-05-01",
                points={"CL-CHL": False},
                dialogue={"cba_in_force": index % 2 == 0},
            )
        if index < after:
            build.assessment(
                factory, "2025-05-01", points={"CL-CHL": False}, dialogue={"cba_in_force": True}
            )


def test_programme_change_equals_the_two_frames(engine) -> None:
    # Five factories join: a change resting on a group large enough to publish.
    _seed(engine, before=6, after=11)
    frame = programme_size_change(engine, MOLISA, Y2024, Y2025).set_index("measure")
    first = programme_size(engine, MOLISA, Y2024).iloc[0]
    last = programme_size(engine, MOLISA, Y2025).iloc[0]
    assert frame.loc["factories", "value_after"] == last["factories"] == 11
    assert frame.loc["factories", "change"] == last["factories"] - first["factories"] == 5
    assert frame.loc["workers", "change"] == last["workers"] - first["workers"]
    assert frame.loc["women_share", "change"] == pytest.approx(
        last["women_share"] - first["women_share"]
    )
    assert not frame["suppressed"].any() and not frame["change_suppressed"].any()


def test_change_is_withheld_when_the_earlier_period_is_hidden(engine) -> None:
    _seed(engine, before=3, after=7)
    frame = programme_size_change(engine, MOLISA, Y2024, Y2025).set_index("measure")
    assert frame.loc["factories", "value_after"] == 7
    assert pd.isna(frame.loc["factories", "change"])
    assert pd.isna(frame.loc["factories", "value_before"])
    assert frame.loc["factories", "change_suppressed"]
    staff = programme_size_change(engine, ILO, Y2024, Y2025).set_index("measure")
    assert staff.loc["factories", "change"] == 4 and staff.loc["factories", "change_suppressed"]


def test_social_dialogue_change_matches_social_dialogue(engine) -> None:
    _seed(engine, before=6, after=6)
    frame = social_dialogue_change(engine, MOLISA, Y2024, Y2025).set_index("measure")
    first = social_dialogue(engine, MOLISA, Y2024).set_index("measure")
    last = social_dialogue(engine, MOLISA, Y2025).set_index("measure")
    assert list(frame.index) == list(last.index)
    assert frame.loc["cba_in_force", "value_after"] == 1.0
    assert frame.loc["cba_in_force", "change"] == pytest.approx(
        last.loc["cba_in_force", "value"] - first.loc["cba_in_force", "value"]
    )
    assert frame.loc["cba_in_force", "numerator"] == last.loc["cba_in_force", "numerator"]
    assert (
        frame.loc["cba_in_force", "measure_name_vi"] == last.loc["cba_in_force", "measure_name_vi"]
    )


def test_empty_database_gives_no_values(engine) -> None:
    frame = programme_size_change(engine, MOLISA, Y2024, Y2025)
    assert list(frame["measure"])[:2] == ["factories", "workers"]
    assert frame["value_after"].isna().all() and frame["change"].isna().all()
    assert social_dialogue_change(engine, MOLISA, Y2024, Y2025).empty


def test_unknown_role_is_refused(engine) -> None:
    with pytest.raises(AccessDenied):
        programme_size_change(engine, Scope(role=None), Y2024, Y2025)


def test_one_change_function_says_its_comparison_and_hides_a_hidden_side(engine) -> None:
    """`indicators.change.change` is what every surface calls: it gives the indicator's
    own change frame, the comparison sentence for captions, files and briefings, and no
    change where either side is hidden from the viewer."""
    _seed(engine, before=3, after=7)
    compared = Comparison(Y2024, Y2025)
    frame = change(engine, MOLISA, compared, "programme_size").set_index("measure")
    direct = programme_size_change(engine, MOLISA, Y2024, Y2025).set_index("measure")
    assert frame["value_after"].equals(direct["value_after"])
    assert pd.isna(frame.loc["factories", "change"]), "the 2024 side rests on 3 factories"
    assert frame.attrs["comparison"] == compared
    assert frame.attrs["comparison_vi"] == compared.describe("vi")
    assert frame.attrs["comparison_en"].startswith("2025 compared with 2024")
    rates = change(engine, ILO, compared, "non_compliance", same_factories=True)
    assert (
        rates.attrs["basis"] == "same_factories"
        and "same factories" in rates.attrs["comparison_en"]
    )
    with pytest.raises(ValueError):
        change(engine, ILO, compared, "programme_size", same_factories=True)
    with pytest.raises(ValueError):
        change(engine, ILO, compared, "unknown")
