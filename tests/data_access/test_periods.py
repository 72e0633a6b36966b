"""Periods: the one comparison rule (like for like where the data end) and the default
period the app opens on."""

from __future__ import annotations

from datetime import date

import pytest

from data_access.filters import Filters
from data_access.periods import (
    comparison,
    default_period,
    previous_period,
    with_default_period,
    years_compared,
)
from data_access.refdata import Reference, load_reference


@pytest.fixture
def ref(engine):
    return load_reference(engine)


def _pair(filters: Filters, ref: Reference) -> tuple[Filters, Filters] | None:
    found = comparison(filters, ref)
    return None if found is None else (found.before, found.after)


def test_previous_period_of_years_and_dates():
    assert previous_period(Filters(year_from=2024, year_to=2025, sectors=("garment",))) == Filters(
        year_from=2022, year_to=2023, sectors=("garment",)
    )
    dated = previous_period(Filters(date_from=date(2024, 3, 1), date_to=date(2024, 3, 31)))
    assert dated == Filters(date_from=date(2024, 1, 30), date_to=date(2024, 2, 29))
    assert previous_period(Filters()) is None
    assert previous_period(Filters(year_from=2024)) is None


def test_comparison_periods_fall_back_to_the_latest_year(ref):
    closed = Filters(year_from=2024, year_to=2024)
    assert _pair(closed, ref) == (Filters(year_from=2023, year_to=2023), closed)
    # The fixture database has no assessment: an open period has nothing to compare.
    assert _pair(Filters(), ref) is None


def test_a_year_still_running_is_compared_with_the_same_months_of_the_year_before():
    running = Reference(years=(2024, 2025, 2026), last_assessed_on=date(2026, 10, 31))
    before, after = _pair(Filters(sectors=("footwear",)), running)
    assert (after.period_start, after.period_end) == (date(2026, 1, 1), date(2026, 10, 31))
    assert (before.period_start, before.period_end) == (date(2025, 1, 1), date(2025, 10, 31))
    assert before.sectors == after.sectors == ("footwear",)
    assert after.describe_period("en") != "2026", "the cut is said, not hidden"

    two_years = _pair(Filters(year_from=2025, year_to=2026), running)
    assert [(p.period_start, p.period_end) for p in two_years] == [
        (date(2023, 1, 1), date(2024, 10, 31)),
        (date(2025, 1, 1), date(2026, 10, 31)),
    ]
    leap = Reference(years=(2027, 2028), last_assessed_on=date(2028, 2, 29))
    before, _after = _pair(Filters(), leap)
    assert before.period_end == date(2027, 2, 28)


def test_a_date_range_the_data_stop_inside_moves_back_by_its_own_length():
    running = Reference(years=(2026,), last_assessed_on=date(2026, 10, 31))
    before, after = _pair(Filters(date_from=date(2026, 10, 1), date_to=date(2026, 11, 30)), running)
    assert (after.period_start, after.period_end) == (date(2026, 10, 1), date(2026, 10, 31))
    assert (before.period_start, before.period_end) == (date(2026, 8, 1), date(2026, 8, 31))


def test_finished_periods_are_compared_whole():
    done = Reference(years=(2024, 2025, 2026), last_assessed_on=date(2026, 10, 31))
    before, after = _pair(Filters(year_from=2025, year_to=2025), done)
    assert (before, after) == (
        Filters(year_from=2024, year_to=2024),
        Filters(year_from=2025, year_to=2025),
    )
    ended = Reference(years=(2024, 2025), last_assessed_on=date(2025, 12, 31))
    assert _pair(Filters(), ended) == (
        Filters(year_from=2024, year_to=2024),
        Filters(year_from=2025, year_to=2025),
    )


def test_hand_chosen_years_are_cut_like_the_default_comparison():
    """The sector page's two years and the briefing's two periods follow the same cut as
    the cards: 2026 so far against the same months of 2024."""
    running = Reference(years=(2024, 2025, 2026), last_assessed_on=date(2026, 10, 31))
    chosen = years_compared(Filters(sectors=("footwear",)), running, (2024, 2024), (2026, 2026))
    assert chosen.before.period_end == date(2024, 10, 31)
    assert chosen.after.period_end == date(2026, 10, 31)
    assert chosen.cut_at == date(2026, 10, 31)
    assert chosen.before.sectors == ("footwear",)
    whole = years_compared(Filters(), running, (2024, 2024), (2025, 2025))
    assert whole.cut_at is None and whole.after == Filters(year_from=2025, year_to=2025)


def test_the_comparison_is_said_in_words_with_its_cut_and_basis():
    running = Reference(years=(2025, 2026), last_assessed_on=date(2026, 10, 31))
    found = comparison(Filters(), running)
    vi = found.describe("vi")
    assert "31/10/2026" in vi and "31/10/2025" in vi and "cùng" in vi
    assert "same factories" in found.describe("en", "same_factories")


def test_the_default_period_is_the_latest_whole_year_with_data():
    running = Reference(years=(2024, 2025, 2026), last_assessed_on=date(2026, 10, 31))
    assert default_period(running) == Filters(year_from=2026, year_to=2026)
    assert default_period(Reference()) == Filters()
    chosen = Filters(year_from=2020, sectors=("garment",))
    assert with_default_period(chosen, running) == chosen
    assert with_default_period(Filters(sectors=("garment",)), running) == Filters(
        year_from=2026, year_to=2026, sectors=("garment",)
    )
