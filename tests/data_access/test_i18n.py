"""Numbers, dates and times as each audience writes them, and in the programme's time."""

from __future__ import annotations

from datetime import UTC, date, datetime

from data_access.i18n import fmt_date, fmt_datetime, fmt_number, fmt_percent, fmt_points


def test_numbers_use_each_languages_separators() -> None:
    assert fmt_number(1234.5, "vi", decimals=1) == "1.234,5"
    assert fmt_number(1234.5, "en", decimals=1) == "1,234.5"
    assert fmt_percent(0.655, "vi", decimals=1) == "65,5%"
    assert fmt_points(-0.12, "vi") == "−12 điểm %"
    assert fmt_points(0.034, "en", decimals=1) == "+3.4 pp"


def test_dates_read_as_in_a_vietnamese_office() -> None:
    assert fmt_date(date(2025, 6, 30), "vi") == "30/06/2025"
    assert fmt_date(date(2025, 6, 30), "en") == "30 Jun 2025"
    assert fmt_date(None, "vi") == "–"


def test_times_are_shown_in_viet_nam_time() -> None:
    """The database keeps UTC (naive); an import at 20:30 UTC happened the next morning."""
    stored = datetime(2026, 11, 23, 20, 30)
    assert fmt_datetime(stored, "vi") == "03:30 24/11/2026"
    assert fmt_datetime(stored, "en") == "24 Nov 2026, 03:30"
    assert fmt_datetime(stored.replace(tzinfo=UTC), "vi") == "03:30 24/11/2026"
