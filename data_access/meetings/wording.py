"""A comparison with a meeting's figures, in words: the same rows on the Meetings page,
on the Overview and in a briefing, so the three can never say it differently."""

from __future__ import annotations

import pandas as pd

from data_access.i18n import fmt_number, fmt_percent, fmt_points, t
from data_access.reasons import reason_text

HIDDEN = "meetings.since.hidden"


def _number(value: object) -> float | None:
    return None if value is None or pd.isna(value) else float(value)  # type: ignore[arg-type]


def value_text(kind: str, value: object, lang: str) -> str:
    number = _number(value)
    if number is None:
        return "–"
    return fmt_number(number, lang) if kind == "count" else fmt_percent(number, lang)


def change_text(kind: str, change: object, lang: str) -> str:
    number = _number(change)
    if number is None:
        return "–"
    if kind == "count":
        sign = "+" if number > 0 else ("−" if number < 0 else "±")
        return f"{sign}{fmt_number(abs(number), lang)}"
    return fmt_points(number, lang)


def columns(lang: str) -> tuple[str, ...]:
    return tuple(
        t(f"meetings.since.column.{name}", lang) for name in ("figure", "then", "today", "change")
    )


def rows(compared: pd.DataFrame, lang: str) -> list[tuple[str, str, str, str]]:
    """(figure, at the meeting, today, change) per row of `since.compare`, in its order;
    a hidden change reads as hidden, with its reason."""
    found = []
    for _, row in compared.iterrows():
        kind = str(row["kind"])
        change = (
            t(HIDDEN, lang, reason=reason_text(row["suppression_reason"], lang))
            if row["suppressed"] and pd.isna(row["change"])
            else change_text(kind, row["change"], lang)
        )
        found.append(
            (
                str(row[f"name_{lang}"]),
                value_text(kind, row["frozen"], lang),
                value_text(kind, row["today"], lang),
                change,
            )
        )
    return found


def moved(compared: pd.DataFrame) -> pd.DataFrame:
    """The rows whose figure changed, or whose change is hidden: what "changed since"
    lists (an unchanged figure says nothing)."""
    changed = compared["change"].fillna(0) != 0
    return compared[changed | compared["suppressed"]]
