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
    "\rcmd",
    "\ncmd",
    "＝1+1",  # full-width equals
    "＋1",
    "－2+3",
    "＠SUM(A1)",
    "﹦1+1",  # small form
    "   =1+1",  # leading blanks some spreadsheets strip
    "\u00a0@SUM(A1)",
]
HARMLESS = [
    "Hồ Chí Minh",
    "Đắk Lắk",
    "Thừa Thiên Huế",
    "a=b",
    "1+1",
    "",
    " ",
    "Nhà máy số 7",
    "Example Garment Co., Ltd.",
    "KCN Quang Châu; Việt Yên",
    "Ghi chú\r\nxưởng 2",
    "a;",
]
#: A cell an Excel could start inside the text (at a ";" in Vietnamese locales, at a line
#: end where that Excel ignores our quotes): each piece is neutralised as a cell would be.
PIECES = [
    ("Xưởng Giày Bà Rịa;=1+1", "Xưởng Giày Bà Rịa;'=1+1"),
    ("Xưởng Giày Bà Rịa; =1+1", "Xưởng Giày Bà Rịa;' =1+1"),
    ("a,-2+3", "a,'-2+3"),
    ("a;;@SUM(A1)", "a;;'@SUM(A1)"),
    ("a;\t=1", "a;\t'=1"),
    ("a;\n=1", "a;\n'=1"),
    ("Ghi chú\r\n+1", "Ghi chú\r\n'+1"),
    ("x;\u00a0＝1", "x;'\u00a0＝1"),
    ("=1;=2", "'=1;'=2"),
    ("\n=1+1", "'\n'=1+1"),
]


@pytest.mark.parametrize("text", DANGEROUS)
def test_formula_starts_are_neutralised(text: str) -> None:
    assert is_formula_like(text)
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("text", HARMLESS)
def test_ordinary_text_is_untouched(text: str) -> None:
    assert not is_formula_like(text)
    assert neutralise(text) == text


@pytest.mark.parametrize(("text", "written"), PIECES)
def test_formula_starts_after_a_cell_break_are_neutralised(text: str, written: str) -> None:
    assert neutralise(text) == written
