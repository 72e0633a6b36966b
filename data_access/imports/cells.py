"""Reading one cell as its column's type, accepting what spreadsheets really contain.

A cell arrives as text from a CSV file, or as a number, date or text from XLSX.
Converters accept both, plus the spellings data clerks use (dd/mm/yyyy dates as
written in Viet Nam, "1,234" headcounts, "45%" shares, "có"/"không" answers), and
raise `CellError` naming what was expected otherwise. They never guess between two
readings: "03/04/2024" is 3 April (Vietnamese order); "04/25/2024" is refused.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from data_access.i18n import nfc
from data_access.imports.folding import fold, strip_diacritics
from data_access.imports.problems import CellError

Cell = str | int | float | date | datetime | bool | None


class Formula(str):
    """A cell an XLSX file stores as a formula, holding its text ("=SUM(B2:B9)").

    Refused in every column, whatever value Excel cached beside it: a cached figure is
    whatever the sheet showed when last saved, not data a clerk typed and checked, and
    a formula saved without a cached value would otherwise read as an empty cell.
    """


_THOUSANDS = re.compile(r"^[+]?\d{1,3}([ ,.\u00a0]\d{3})+$")
_INTEGER = re.compile(r"^[+-]?\d+$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?$")
_DMY_DATE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_DECIMAL = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)$")
FORMULA_START = "="

TRUE_WORDS = frozenset({"yes", "y", "true", "t", "1", "co", "x"})
FALSE_WORDS = frozenset({"no", "n", "false", "f", "0", "khong"})


def is_blank(value: Cell) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def as_text(value: Cell, max_length: int) -> str:
    """Text as stored: NFC (so decomposed Vietnamese compares equal), trimmed, bounded."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime):
        value = value.date()
    text = nfc(str(value)).strip()
    if len(text) > max_length:
        raise CellError("too_long", max_length=max_length, length=len(text))
    if text.startswith(FORMULA_START):
        raise CellError("formula")
    if any(0xDC80 <= ord(char) <= 0xDCFF for char in text):
        raise CellError("bad_bytes")
    return text


def as_integer(value: Cell, minimum: int, maximum: int) -> int:
    number: int
    if isinstance(value, bool):
        raise CellError("not_integer", minimum=minimum, maximum=maximum)
    if isinstance(value, int):
        number = value
    elif isinstance(value, float):
        if not value.is_integer():
            raise CellError("not_integer", minimum=minimum, maximum=maximum)
        number = int(value)
    elif isinstance(value, str):
        text = value.strip()
        if _THOUSANDS.match(text):
            text = re.sub(r"[ ,.\u00a0]", "", text)
        elif text.endswith(".0") and _INTEGER.match(text[:-2]):
            text = text[:-2]
        if not _INTEGER.match(text):
            raise CellError("not_integer", minimum=minimum, maximum=maximum)
        number = int(text)
    else:
        raise CellError("not_integer", minimum=minimum, maximum=maximum)
    if not minimum <= number <= maximum:
        raise CellError("out_of_range", minimum=minimum, maximum=maximum)
    return number


def as_share(value: Cell) -> float:
    """A share in 0..1; "45%" and "45 %" are read as 0.45, a decimal comma is accepted."""
    if isinstance(value, bool):
        raise CellError("not_share")
    if isinstance(value, int | float):
        share = float(value)
    elif isinstance(value, str):
        text = value.strip().replace("\u00a0", " ")
        percent = text.endswith("%")
        text = text.rstrip("%").strip()
        if not _DECIMAL.match(text):
            raise CellError("not_share")
        share = float(text.replace(",", "."))
        if percent:
            share /= 100
    else:
        raise CellError("not_share")
    if not 0 <= share <= 1:
        raise CellError("not_share")
    return round(share, 6)


def as_boolean(value: Cell) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    text = strip_diacritics(str(value)).strip().lower()
    word = fold(text)
    if word != text:
        # Folding drops punctuation, which must not turn "-1" or "=1" into a yes.
        raise CellError("not_boolean")
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise CellError("not_boolean")


def _checked_date(year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise CellError("not_date") from None


def as_date(value: Cell, earliest: date, latest: date) -> date:
    if isinstance(value, datetime):
        found = value.date()
    elif isinstance(value, date):
        found = value
    elif isinstance(value, str):
        text = value.strip()
        iso = _ISO_DATE.match(text)
        dmy = _DMY_DATE.match(text)
        if iso:
            found = _checked_date(int(iso[1]), int(iso[2]), int(iso[3]))
        elif dmy:
            found = _checked_date(int(dmy[3]), int(dmy[2]), int(dmy[1]))
        else:
            raise CellError("not_date")
    else:
        raise CellError("not_date")
    if not earliest <= found <= latest:
        raise CellError(
            "date_out_of_range", earliest=earliest.isoformat(), latest=latest.isoformat()
        )
    return found


def as_choice(value: Cell, choices: dict[str, str], shown: str) -> str:
    """One of a closed list; `choices` maps folded spellings to the stored value."""
    found = choices.get(fold(str(value)))
    if found is None:
        raise CellError("not_allowed", allowed=shown)
    return found
