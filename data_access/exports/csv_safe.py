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

A CSV cell can also begin inside a field. Excel splits a CSV file on the list separator
of the reader's Windows locale: "," in English, but ";" in Vietnamese and most of
Europe, and such an Excel honours quotes only at the start of a ";"-field, so it also
breaks rows at line ends inside our quoted fields. `Xưởng Giày Bà Rịa;=1+1` would there
become two cells, the second a formula. So a trigger after any of `CELL_BREAKS` (and
blanks) gets the apostrophe too: every locale then reads every piece as text. The
alternative, a `sep=,` first line, makes Excel ignore the byte-order mark and show
Vietnamese as mojibake, and quoting every field does not help where quotes are
ignored; the apostrophe costs one visible character in the rare text that needs it.
"""

from __future__ import annotations

import re
import unicodedata

#: What makes a spreadsheet read a cell as a formula (or start a DDE payload).
FORMULA_TRIGGERS: frozenset[str] = frozenset("=+-@\t\r\n")
#: The prefix that makes a spreadsheet read the cell as text.
TEXT_PREFIX = "'"
#: Where a spreadsheet may start a new cell inside one of our fields: the list
#: separators Windows locales use (",", ";"), tab (Excel's own text default), line ends.
CELL_BREAKS = ",;\t\r\n"
#: A cell break, the blanks after it, and (looked at, not taken, since it may be the
#: next break) the first character of the piece it starts, when that can be a trigger:
#: ASCII `= + - @`, or any non-ASCII character (checked by `_is_trigger`), so ordinary
#: text after a separator costs no per-match work.
_PIECE_START = re.compile(
    rf"([{re.escape(CELL_BREAKS)}])([^\S{re.escape(CELL_BREAKS)}]*)(?=([=+\-@]|[^\x00-\x7f]))"
)


def _is_trigger(char: str) -> bool:
    return char in FORMULA_TRIGGERS or unicodedata.normalize("NFKC", char) in FORMULA_TRIGGERS


def is_formula_like(text: str) -> bool:
    """True when a spreadsheet could read `text` as a formula: its first character, or
    its first character after leading blanks, is a trigger."""
    if not text:
        return False
    stripped = text.lstrip()
    return _is_trigger(text[0]) or (bool(stripped) and _is_trigger(stripped[0]))


def _guard_piece(found: re.Match[str]) -> str:
    brk, blanks, first = found.groups()
    return f"{brk}{TEXT_PREFIX}{blanks}" if _is_trigger(first) else found[0]


def neutralise(text: str) -> str:
    """`text` as a spreadsheet will show it but never evaluate it, in any locale."""
    guarded = TEXT_PREFIX + text if is_formula_like(text) else text
    return _PIECE_START.sub(_guard_piece, guarded)
