"""Numbers, dates and times as each audience writes them, and in the programme's time."""

from __future__ import annotations

from datetime import UTC, date, datetime

from data_access.i18n import (
    fmt_date,
    fmt_datetime,
    fmt_number,
    fmt_percent,
    fmt_points,
    fmt_signed,
    t,
)


def test_numbers_use_each_languages_separators() -> None:
    assert fmt_number(1234.5, "vi", decimals=1) == "1.234,5"
    assert fmt_number(1234.5, "en", decimals=1) == "1,234.5"
    assert fmt_percent(0.655, "vi", decimals=1) == "65,5%"
    assert fmt_points(-0.12, "vi") == "−12 điểm %"
    assert fmt_points(0.034, "en", decimals=1) == "+3.4 pp"


def test_one_signed_formatter_for_every_change() -> None:
    assert fmt_signed(1234, "vi") == "+1.234"
    assert fmt_signed(-3, "en") == "−3"
    assert fmt_signed(0, "vi") == "±0"
    assert fmt_signed(-2.26, "vi", decimals=1) == "−2,3"
    assert fmt_signed(None, "en") == "–"


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


def test_english_counts_agree_with_their_noun_and_vietnamese_ones_stay_as_they_are() -> None:
    def counts(lang: str, errors: int, warnings: int) -> str:
        return t(
            "admin.import.problem_counts",
            lang,
            errors=fmt_number(errors, lang),
            warnings=fmt_number(warnings, lang),
        )

    assert counts("en", 1, 0) == "1 error, 0 warnings"
    assert counts("en", 2, 1) == "2 errors, 1 warning"
    assert counts("en", 1250, 11) == "1,250 errors, 11 warnings"
    assert counts("vi", 1, 1) == "1 lỗi, 1 cảnh báo"
    assert t("pages.factories.count", "en", n="1") == "1 factory matches."
    assert t("pages.factories.count", "en", n="3") == "3 factories match."
    assert t("exports.page.rows", "en", rows="1") == "1 row"
