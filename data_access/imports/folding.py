"""Folding text so that people's spellings of the same thing compare equal.

Spreadsheets exported from different tools spell one province or one header in
many ways: with or without Vietnamese diacritics, decomposed (macOS, Windows-1258)
or precomposed, with "-", "–", "." or "_" between words, upper or lower case.
Matching is done on the folded form; what is stored is always the canonical code.
"""

from __future__ import annotations

import re
import unicodedata

_NON_ALNUM = re.compile(r"[^0-9a-z]+")


#: Letters Unicode does not decompose, mapped by hand: đ/Đ, and the Icelandic eth ð/Ð
#: (U+00F0, U+00D0), which looks the same and is what badly converted Vietnamese files
#: (Windows-1258 or VNI read as Latin-1) carry instead of Đ.
_UNDECOMPOSED = str.maketrans({"đ": "d", "Đ": "D", "ð": "d", "Ð": "D"})


def strip_diacritics(text: str) -> str:
    """ "Đắk Lắk" → "Dak Lak": drop combining marks, and map the letters with a stroke."""
    decomposed = unicodedata.normalize("NFD", text)
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return bare.translate(_UNDECOMPOSED)


def fold(text: str) -> str:
    """Lower-case ASCII words, single spaces: "Bà Rịa - Vũng Tàu" → "ba ria vung tau"."""
    return _NON_ALNUM.sub(" ", strip_diacritics(text).lower()).strip()
