"""Cells as spreadsheets really write them, and files in the encodings they come in."""

from __future__ import annotations

import codecs
import io
import unicodedata
from datetime import date, datetime

import pytest

from data_access.imports import cells
from data_access.imports.encoding import CSV, XLSX, inspect_file
from data_access.imports.problems import CellError

TODAY = date(2026, 1, 1)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1250", 1250),
        ("1,250", 1250),
        ("1.250", 1250),
        (" 980 ", 980),
        (1250.0, 1250),
        ("1250.0", 1250),
        (7, 7),
    ],
)
def test_integers_in_their_usual_spellings(value: object, expected: int) -> None:
    assert cells.as_integer(value, 0, 200_000) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("value", "key"),
    [
        ("12a", "not_integer"),
        ("1.5", "not_integer"),
        (2.5, "not_integer"),
        ("-3", "out_of_range"),
        (True, "not_integer"),
    ],
)
def test_bad_integers_are_named(value: object, key: str) -> None:
    with pytest.raises(CellError) as raised:
        cells.as_integer(value, 0, 100)  # type: ignore[arg-type]
    assert raised.value.key == key
    assert raised.value.params == {"minimum": 0, "maximum": 100}


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-03-14", date(2025, 3, 14)),
        ("14/03/2025", date(2025, 3, 14)),
        ("3/4/2024", date(2024, 4, 3)),
        ("14.03.2025", date(2025, 3, 14)),
        (datetime(2025, 3, 14), date(2025, 3, 14)),
        ("2025-03-14 00:00:00", date(2025, 3, 14)),
    ],
)
def test_dates_iso_and_vietnamese_order(value: object, expected: date) -> None:
    assert cells.as_date(value, date(2009, 1, 1), TODAY) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("value", "key"),
    [
        ("03/25/2024", "not_date"),
        ("2024-02-30", "not_date"),
        ("next week", "not_date"),
        (45123, "not_date"),
        ("2008-12-31", "date_out_of_range"),
        ("2030-01-01", "date_out_of_range"),
    ],
)
def test_dates_never_guessed(value: object, key: str) -> None:
    with pytest.raises(CellError) as raised:
        cells.as_date(value, date(2009, 1, 1), TODAY)  # type: ignore[arg-type]
    assert raised.value.key == key


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("yes", True),
        ("Có", True),
        ("co", True),
        ("X", True),
        ("1", True),
        ("không", False),
        ("Khong", False),
        ("FALSE", False),
        (0, False),
    ],
)
def test_yes_no_in_both_languages(value: object, expected: bool) -> None:
    assert cells.as_boolean(value) is expected  # type: ignore[arg-type]


@pytest.mark.parametrize("value", ["-1", "=1", "+1", "1.", "yes!", "c-o", -1, 2, "có không"])
def test_anything_else_is_no_yes_or_no(value: object) -> None:
    with pytest.raises(CellError):
        cells.as_boolean(value)  # type: ignore[arg-type]


def test_shares_percentages_and_decimal_commas() -> None:
    assert cells.as_share("45%") == 0.45
    assert cells.as_share("0,45") == 0.45
    assert cells.as_share(0.5) == 0.5
    for bad in ("45", "-0.1", "abc"):
        with pytest.raises(CellError):
            cells.as_share(bad)


def test_text_is_normalised_and_bounded() -> None:
    decomposed = "Ha\u0300 Nô\u0323i"
    assert cells.as_text(decomposed, 50) == "Hà Nội"
    with pytest.raises(CellError) as raised:
        cells.as_text("x" * 201, 200)
    assert raised.value.params == {"max_length": 200, "length": 201}
    with pytest.raises(CellError) as raised:
        cells.as_text('=HYPERLINK("http://x")', 200)
    assert raised.value.key == "formula"


# --- encodings ------------------------------------------------------------------------

CSV_TEXT = "factory_code,name,province\nEX-1,Công ty May Đức Thành,Bà Rịa - Vũng Tàu\n"


def facts_of(data: bytes):
    return inspect_file(lambda: io.BytesIO(data))


def test_utf8_with_and_without_bom() -> None:
    plain = facts_of(CSV_TEXT.encode("utf-8"))
    bom = facts_of(codecs.BOM_UTF8 + CSV_TEXT.encode("utf-8"))
    assert (plain.container, plain.encoding, plain.fatal, plain.warnings) == (
        CSV,
        "utf-8",
        None,
        [],
    )
    assert (bom.encoding, bom.fatal, bom.warnings) == ("utf-8-sig", None, [])
    assert plain.checksum != bom.checksum


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_or_without_bom(codec: str) -> None:
    facts = facts_of(CSV_TEXT.encode(codec))
    assert facts.fatal is None
    assert CSV_TEXT.encode(codec).decode(facts.encoding).lstrip("\ufeff") == CSV_TEXT
    assert bool(facts.warnings) == (codec != "utf-16")  # guessed only without a BOM


TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"


def windows_1258(text: str) -> bytes:
    """As Windows writes Vietnamese in code page 1258: letters with a circumflex, breve or
    horn are single characters, tone marks are combining characters after them."""
    out = []
    for char in unicodedata.normalize("NFD", text):
        if unicodedata.combining(char) and char not in TONE_MARKS:
            out[-1] = unicodedata.normalize("NFC", out[-1][0] + char) + out[-1][1:]
        elif char in TONE_MARKS:
            out[-1] += char
        else:
            out.append(char)
    return "".join(out).encode("cp1258")


def test_windows_1258_vietnamese_is_read_with_a_warning() -> None:
    data = windows_1258(CSV_TEXT)
    facts = facts_of(data)
    assert (facts.encoding, facts.fatal) == ("cp1258", None)
    assert facts.warnings == [("read_as_cp1258", {})]
    assert unicodedata.normalize("NFC", data.decode("cp1258")) == CSV_TEXT


def test_damaged_utf8_is_refused_with_its_line() -> None:
    data = CSV_TEXT.encode("utf-8") + "EX-2,Công ty Hòa\n".encode()[:-4] + b"\xff\xfe!\n"
    facts = facts_of(data)
    assert facts.fatal == ("not_utf8", {"line": 3})


def test_binary_and_old_excel_and_empty_files() -> None:
    assert facts_of(b"a,b\n1,\x00\x00\x002\n").fatal == ("nul_bytes", {"line": 2})
    assert facts_of(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64).fatal == ("old_excel", {})
    assert facts_of(b"").fatal == ("empty_file", {})
    assert facts_of(b"PK\x03\x04rest").container == XLSX
