"""Neutralising spreadsheet formulas in exported text ("CSV injection").

Excel, LibreOffice and Google Sheets run a cell as a formula when its text begins with
`=`, `+`, `-` or `@` (and, through old DDE paths, with a tab, carriage return or line
feed before one). Factory names, addresses and even imported taxonomy labels reach our
files from outside, so a name like `=HYPERLINK("http://x","y")` must arrive as text.

The rule follows OWASP's advice: such a cell gets a leading apostrophe, which every
spreadsheet reads as "this is text" (and which a human reader understands). It is
applied to text only; numbers are written as numbers and are never prefixed, because
a number cannot carry a formula. Full-width and small-form variants (＝ ＋ － ＠, ﹦ ﹢ ﹣ ﹫)
are caught through Unicode compatibility folding, since some spreadsheet versions fold
them on input, and leading blanks are looked through, since some strip them.
"""

from __future__ import annotations

import unicodedata

#: What makes a spreadsheet read a cell as a formula (or start a DDE payload).
FORMULA_TRIGGERS: frozenset[str] = frozenset("=+-@\t\r\n")
#: The prefix that makes a spreadsheet read the cell as text.
TEXT_PREFIX = "'"


def _is_trigger(char: str) -> bool:
    return char in FORMULA_TRIGGERS or unicodedata.normalize("NFKC", char) in FORMULA_TRIGGERS


def is_formula_like(text: str) -> bool:
    """True when a spreadsheet could read `text` as a formula: its first character, or
    its first character after leading blanks, is a trigger."""
    if not text:
        return False
    stripped = text.lstrip()
    return _is_trigger(text[0]) or (bool(stripped) and _is_trigger(stripped[0]))


def neutralise(text: str) -> str:
    """`text` as a spreadsheet will show it but never evaluate it."""
    return TEXT_PREFIX + text if is_formula_like(text) else text
