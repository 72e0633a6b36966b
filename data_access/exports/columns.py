"""An indicator frame as a reader gets it in a file or a preview table: headers in the
reader's language, every hidden figure saying why, no `None`/`nan` anywhere.

Codes stay codes, in their own columns (`province` beside `province_name_vi`), so a
file can still be joined to other data; only the header above them is translated.
Figures stay numbers (a spreadsheet can sum them); a cell without a figure holds text:
"Ẩn" where the viewer may not see it (its row's reason column says why, in the words
of `reasons.reason_text`), "–" where there is simply nothing (no earlier period,
no former province). Booleans read as "Có"/"Không".
"""

from __future__ import annotations

import pandas as pd

from data_access.i18n import catalogue, normalise_language, t
from data_access.reasons import reason_text

COLUMN = "exports.column."
#: Suffixes a frame's columns carry, translated after the column they qualify.
SUFFIXES: tuple[str, ...] = ("_name_vi", "_name_en", "_before", "_after")
#: Columns holding a code whose names follow in `<column>_name_vi`/`_en`.
CODE_COLUMNS: frozenset[str] = frozenset(
    {"province", "legacy_province", "sector", "size_band", "cluster", "compliance_point", "measure"}
)


def column_header(column: str, lang: str) -> str:
    """The header of `column`: its catalogue text, or built from its parts
    (`province_name_vi` → "Tỉnh, thành phố — tên tiếng Việt", `rate_before` → "Tỷ lệ
    không tuân thủ (0–1) — kỳ trước"); the column's own name when the catalogue has
    nothing for it (staff-only factory columns)."""
    known = catalogue()
    if column in CODE_COLUMNS:
        return t(COLUMN + "suffix_code", lang, column=t(COLUMN + column, lang))
    if COLUMN + column in known:
        return t(COLUMN + column, lang)
    for suffix in SUFFIXES:
        if column.endswith(suffix) and column != suffix.lstrip("_"):
            base = column[: -len(suffix)]
            label = t(COLUMN + base, lang) if COLUMN + base in known else base
            return t(COLUMN + "suffix" + suffix, lang, column=label)
    return column


def for_reader(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """`frame` with translated headers and every empty cell explained (see the module
    docstring). The frame's `attrs` are kept."""
    lang = normalise_language(lang)
    hidden = (
        frame["suppressed"].fillna(False).astype(bool)
        if "suppressed" in frame
        else pd.Series(False, index=frame.index)
    )
    suppressed_text, nothing = t("common.suppressed", lang), t("exports.value.none", lang)
    yes, no = t("exports.value.yes", lang), t("exports.value.no", lang)
    out = pd.DataFrame(index=frame.index)
    for column in frame.columns:
        name = str(column)
        values = frame[column].astype(object)
        missing = values.isna()
        if name == "suppression_reason":
            cells = [
                reason_text(code, lang) if flag else nothing
                for code, flag in zip(values, hidden, strict=True)
            ]
        else:
            cells = [
                (suppressed_text if flag else nothing)
                if gone
                else (yes if value else no)
                if isinstance(value, bool)
                else value
                for value, gone, flag in zip(values, missing, hidden, strict=True)
            ]
        out[column_header(name, lang)] = pd.Series(cells, index=frame.index, dtype=object)
    out.attrs = dict(frame.attrs)
    return out.reset_index(drop=True)
