"""The rows a chart may send to the browser: the one place a chart's data is decided.

Only the columns a chart draws are kept, and a cell suppressed for this viewer keeps its
label and the reason, never its value, numerator or denominator (even if a frame handed
in still held them): `data_access.viewer_cell` decides how each cell reaches the viewer.
Numbers are pre-formatted in the page language, so "45,5 %" reads as Vietnamese in a
tooltip whatever Vega's own locale does.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

import pandas as pd

from data_access.i18n import fmt_number, fmt_percent, normalise_language, t
from data_access.viewer_cell import is_missing, viewer_cell

ValueKind = Literal["count", "share", "number"]
#: The columns `prepare_rows` adds after the kept ones, in this order.
PREPARED_COLUMNS: tuple[str, ...] = ("value", "value_text", "fraction_text", "note", "hidden")


def format_value(value: Any, kind: ValueKind, lang: str) -> str:
    if is_missing(value):
        return "–"
    if kind == "share":
        return fmt_percent(float(value), lang, decimals=1)
    if kind == "number":
        return fmt_number(float(value), lang, decimals=1)
    return fmt_number(round(float(value)), lang)


def prepare_rows(
    frame: pd.DataFrame,
    keep: Mapping[str, str],
    *,
    lang: str,
    staff: bool,
    min_factories: int,
    kind: ValueKind = "share",
    unit: str = "factories",
    value: str = "value",
    numerator: str = "numerator",
    denominator: str = "denominator",
    constants: Mapping[str, Any] | None = None,
) -> pd.DataFrame:
    """The rows a chart may show, with only the columns it draws.

    `keep` maps output names to the frame's columns (labels, series, years). Adds
    `value` (None where this viewer may not see it), `value_text`, `fraction_text`,
    `note` and `hidden`. `numerator`/`denominator` name the frame's count columns;
    `constants` adds fixed columns (e.g. the period a row belongs to).
    """
    lang = normalise_language(lang)
    records: list[dict[str, Any]] = []
    source = frame.to_dict("records") if frame is not None else []
    for row in source:
        cell = viewer_cell(row, staff=staff)
        shown = cell.value(row.get(value))
        record = {out: _plain(row.get(src)) for out, src in keep.items()}
        record.update(constants or {})
        record.update(
            value=shown,
            value_text=cell.value_text(format_value(shown, kind, lang), lang),
            fraction_text=""
            if cell.hidden
            else _fraction(row.get(numerator), row.get(denominator), unit, lang),
            note=cell.note(lang, min_factories),
            hidden=cell.hidden,
        )
        records.append(record)
    columns = [*keep, *(constants or {}), *PREPARED_COLUMNS]
    return pd.DataFrame.from_records(records, columns=columns)


def _fraction(top: Any, bottom: Any, unit: str, lang: str) -> str:
    """ "20 of 40 factories": the counts behind a rate, "" when either is missing."""
    if is_missing(top) or is_missing(bottom):
        return ""
    return t(
        f"pages.charts.fraction.{unit}",
        lang,
        numerator=fmt_number(round(float(top)), lang),
        denominator=fmt_number(round(float(bottom)), lang),
    )


def _plain(value: Any) -> Any:
    """Python scalars only, so the chart's data holds exactly the shown values."""
    if is_missing(value):
        return None
    if hasattr(value, "item"):
        return value.item()
    return value


def table_of(
    rows: pd.DataFrame, headers: Mapping[str, str], lang: str, fraction: bool = True
) -> pd.DataFrame:
    """The chart's data as a readable table: formatted values, localised headers."""
    columns = {source: header for source, header in headers.items() if source in rows}
    table = rows[list(columns)].rename(columns=columns).copy()
    table[t("pages.charts.col.value", lang)] = rows["value_text"].to_numpy()
    if fraction and rows["fraction_text"].astype(bool).any():
        table[t("pages.charts.col.fraction", lang)] = rows["fraction_text"].to_numpy()
    if rows["note"].astype(bool).any():
        table[t("pages.charts.col.note", lang)] = rows["note"].to_numpy()
    return table.reset_index(drop=True)
