"""Reading indicator rows for a briefing: a hidden or missing figure becomes None (or an
empty code), so a document never prints "nan" or "<NA>" where a figure is withheld."""

from __future__ import annotations

import pandas as pd


def number(value: object) -> float | None:
    """The figure as a float, None when missing, hidden or not a number."""
    if value is None or value is pd.NA:
        return None
    try:
        result = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return None if pd.isna(result) else result


def name(row: pd.Series, dim: str, lang: str) -> str:
    """The label of dimension `dim` in a frame row, in the briefing's language."""
    return str(row[f"{dim}_name_{lang}"])


def code(value: object) -> str:
    """A group code, "" where the frame has none (a factory with no former province)."""
    return "" if value is None or value is pd.NA or pd.isna(value) else str(value)
