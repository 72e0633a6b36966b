"""How one cell of an indicator frame reaches one viewer: the one rule behind every
table row, chart row, headline card and map province ("hide for constituents, flag for
staff").

The indicator functions already decide *which* cells a constituent may not see
(`disclosure.suppress`, the `suppressed` and `suppression_reason` columns). What each
surface then does with such a cell used to be written out in each of them, and a
surface that got it subtly wrong would send a hidden value to a constituent's browser.
Here it is decided once:

- a cell nobody suppressed shows its value;
- a suppressed cell for a constituent is **hidden**: no value, no numerator or
  denominator, the word "suppressed" and the reason in words;
- a suppressed cell for staff is **flagged**: its value, and a note that constituents
  see it as suppressed, with the rule's reason.

The words come from `data_access.reasons`, so every surface explains the same cell the
same way. Streamlit-free, so the rule is tested without a page and usable outside `ui/`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from data_access.i18n import t
from data_access.reasons import reason_text

#: The note a flagged cell carries: constituents see it as suppressed, and why.
FLAGGED_NOTE = "pages.charts.note.staff_suppressed"
#: The value text of a hidden cell.
HIDDEN_TEXT = "common.suppressed"


def is_missing(value: Any) -> bool:
    """True for None, NaN, NA and NaT; False for any text (even empty) and for values
    pandas cannot judge (lists), so a label is never taken for a gap."""
    if value is None:
        return True
    if isinstance(value, str):
        return False
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


@dataclass(frozen=True)
class ViewerCell:
    """One cell as one viewer receives it.

    `suppressed`: a constituent would not see this cell. `staff`: the viewer sees the
    values a constituent may not (its scope does not suppress). `reason_code`: the
    frame's `suppression_reason` (a rule's code for staff, `protected`/`crossing` for
    constituents)."""

    suppressed: bool
    staff: bool
    reason_code: str = ""

    @property
    def hidden(self) -> bool:
        """The viewer gets no value, numerator or denominator for this cell."""
        return self.suppressed and not self.staff

    @property
    def flagged(self) -> bool:
        """The viewer gets the value, told that a constituent would not."""
        return self.suppressed and self.staff

    def value(self, raw: Any) -> float | None:
        """The number this viewer may receive: None where hidden or missing."""
        return None if self.hidden or is_missing(raw) else float(raw)

    def reason(self, lang: str, min_factories: int | None = None) -> str:
        """Why the cell is suppressed, in words ("" for a cell nobody suppressed)."""
        if not self.suppressed:
            return ""
        return reason_text(self.reason_code, lang, min_factories)

    def note(self, lang: str, min_factories: int | None = None) -> str:
        """The line a table, tooltip or card adds: "" when shown, the reason when
        hidden, "constituents see this as suppressed (reason)" when flagged."""
        reason = self.reason(lang, min_factories)
        return t(FLAGGED_NOTE, lang, reason=reason) if self.flagged else reason

    def value_text(self, shown: str, lang: str) -> str:
        """The value as text: the word "suppressed" where hidden, else `shown` (the
        surface's own formatting of the value, which also says how a gap reads)."""
        return t(HIDDEN_TEXT, lang) if self.hidden else shown


def viewer_cell(
    row: Mapping[str, Any],
    *,
    staff: bool,
    flag: str = "suppressed",
    reason: str = "suppression_reason",
) -> ViewerCell:
    """The cell of a frame row (`flag` and `reason` name its columns; a row without
    them, or with a missing flag, is a cell nobody suppressed)."""
    marked = row.get(flag)
    code = row.get(reason)
    return ViewerCell(
        suppressed=not is_missing(marked) and bool(marked),
        staff=staff,
        reason_code="" if is_missing(code) else str(code),
    )
