"""The roadmap status rule at its boundaries: met, on track, off track, no data yet,
hidden; for a target to lower (a non-compliance rate) and one to raise (a dialogue
share)."""

from __future__ import annotations

from datetime import date

import pytest

from data_access.roadmap.status import (
    MET,
    NO_DATA,
    OFF_TRACK,
    ON_TRACK,
    SUPPRESSED,
    TOLERANCE,
    Path,
    YearFigure,
    status,
)

#: From 40 % at the end of 2024 to 28 % at the end of 2027: 4 points a year.
LOWER = Path(
    baseline=0.40, baseline_on=date(2024, 12, 31), target=0.28, deadline=date(2027, 12, 31)
)
#: From 30 % to 45 % over the same three years: 5 points a year.
RAISE = Path(
    baseline=0.30, baseline_on=date(2024, 12, 31), target=0.45, deadline=date(2027, 12, 31)
)


def figures(*pairs: tuple[int, float | None]) -> list[YearFigure]:
    return [YearFigure(year, value) for year, value in pairs]


def test_the_path_is_a_straight_line_from_baseline_to_target() -> None:
    assert LOWER.expected(date(2024, 12, 31)) == pytest.approx(0.40)
    assert LOWER.expected(date(2025, 12, 31)) == pytest.approx(0.36, abs=1e-3)
    assert LOWER.expected(date(2027, 12, 31)) == pytest.approx(0.28)
    assert LOWER.expected(date(2030, 1, 1)) == pytest.approx(0.28)
    assert LOWER.expected(date(2020, 1, 1)) == pytest.approx(0.40)


def test_no_data_yet_when_no_year_after_the_baseline_has_a_figure() -> None:
    assert status(LOWER, []) == NO_DATA
    # The baseline's own year does not count as progress.
    assert status(LOWER, figures((2023, 0.45), (2024, 0.40))) == NO_DATA


def test_met_exactly_at_the_target_and_beyond_it() -> None:
    assert status(LOWER, figures((2025, 0.28))) == MET
    assert status(LOWER, figures((2025, 0.20))) == MET
    assert status(RAISE, figures((2026, 0.45))) == MET
    assert status(LOWER, figures((2027, 0.28))) == MET


def test_on_track_up_to_the_tolerance_off_track_just_beyond() -> None:
    expected_2025 = LOWER.expected(date(2025, 12, 31))
    assert status(LOWER, figures((2025, round(expected_2025 + TOLERANCE, 6)))) == ON_TRACK
    assert status(LOWER, figures((2025, round(expected_2025 + TOLERANCE + 0.001, 6)))) == OFF_TRACK
    raise_2026 = RAISE.expected(date(2026, 12, 31))
    assert status(RAISE, figures((2026, round(raise_2026 - TOLERANCE, 6)))) == ON_TRACK
    assert status(RAISE, figures((2026, round(raise_2026 - TOLERANCE - 0.001, 6)))) == OFF_TRACK


def test_the_latest_year_decides() -> None:
    # Good in 2025, slipping back in 2026.
    assert status(LOWER, figures((2025, 0.35), (2026, 0.40))) == OFF_TRACK
    assert status(LOWER, figures((2026, 0.40), (2025, 0.35))) == OFF_TRACK
    assert status(LOWER, figures((2025, 0.45), (2026, 0.33))) == ON_TRACK


def test_a_deadline_passed_without_the_target_is_off_track_even_within_tolerance() -> None:
    assert status(LOWER, figures((2027, 0.29))) == OFF_TRACK
    assert status(LOWER, figures((2028, 0.29))) == OFF_TRACK


def test_hidden_when_the_latest_year_is_hidden_for_the_viewer() -> None:
    assert (
        status(LOWER, [YearFigure(2025, 0.30), YearFigure(2026, None, hidden=True)]) == SUPPRESSED
    )
    # An earlier hidden year does not hide the status of a later visible one.
    assert status(LOWER, [YearFigure(2025, None, hidden=True), YearFigure(2026, 0.30)]) == ON_TRACK
