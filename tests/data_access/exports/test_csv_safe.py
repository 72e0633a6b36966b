"""Formula neutralisation: every way a spreadsheet could start a formula is caught, and
ordinary Vietnamese text is left exactly as it was."""

from __future__ import annotations

import pytest

from data_access.exports.csv_safe import is_formula_like, neutralise

DANGEROUS = [
    '=HYPERLINK("http://x","y")',
    "+1",
    "-2+3",
    "@SUM(A1)",
    "\tcmd",
    "\r=1+1",
    "\n=1+1",
    "＝1+1",  # full-width equals
    "＋1",
    "－2+3",
    "＠SUM(A1)",
    "﹦1+1",  # small form
    "   =1+1",  # leading blanks some spreadsheets strip
    "\u00a0@SUM(A1)",
]
HARMLESS = ["Hồ Chí Minh", "Đắk Lắk", "Thừa Thiên Huế", "a=b", "1+1", "", " ", "Nhà máy số 7"]


@pytest.mark.parametrize("text", DANGEROUS)
def test_formula_starts_are_neutralised(text: str) -> None:
    assert is_formula_like(text)
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("text", HARMLESS)
def test_ordinary_text_is_untouched(text: str) -> None:
    assert not is_formula_like(text)
    assert neutralise(text) == text
