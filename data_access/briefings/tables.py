"""The briefing's tables: issues ranked with their two periods, and places (provinces,
former provinces, sectors) with their size and their rate on each tracked issue."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from data_access.briefings.document import Table
from data_access.briefings.hidden import hidden_reason
from data_access.briefings.talking_points import Rate, points
from data_access.briefings.values import code, name, number
from data_access.i18n import fmt_number, fmt_percent, t
from data_access.refdata import Reference


def _cluster_of(ref: Reference, point: str) -> str:
    label = ref.compliance_points.get(point)
    return label.parent if label is not None and label.parent else ""


def _rate_rows(
    rates: Sequence[Rate], lang: str, ref: Reference, *, latest_first: bool
) -> tuple[tuple[str, ...], ...]:
    """Numbered table rows. The most frequent issues read "now, then"; the improvements
    read "then, now", so each table's eye goes from the figure it is about."""
    rows = []
    for index, rate in enumerate(rates, start=1):
        then, now = fmt_percent(rate.before, lang), fmt_percent(rate.after, lang)
        cluster = ref.name("clusters", _cluster_of(ref, rate.code), lang)
        pair = (now, then) if latest_first else (then, now)
        rows.append((str(index), rate.name, cluster, *pair, points(rate.change, lang)))
    return tuple(rows)


def rate_table(
    rates: Sequence[Rate],
    lang: str,
    ref: Reference,
    periods: tuple[str, str],
    *,
    latest_first: bool,
    note: str = "",
) -> Table | None:
    """Issues with their rate in `periods` (the order the columns read), or None."""
    rows = _rate_rows(rates, lang, ref, latest_first=latest_first)
    if not rows:
        return None
    return Table(
        columns=(
            "#",
            t("briefings.table.compliance_point", lang),
            t("briefings.table.cluster", lang),
            *periods,
            t("briefings.table.change", lang),
        ),
        rows=rows,
        numeric=(0, 3, 4, 5),
        widths=(0.4, 3.2, 2.4, 1.2, 1.2, 1.3),
        note=note,
    )


def _former(row: pd.Series, lang: str) -> str:
    """A former province, set under its current one; factories registered after the
    merger have none and say so."""
    label = name(row, "legacy_province", lang)
    key = "briefings.table.former" if code(row["legacy_province"]) else "briefings.table.no_former"
    return t(key, lang, name=label)


def place_rows(
    rates: pd.DataFrame,
    sizes: pd.DataFrame,
    dim: str,
    tracked: Sequence[Rate],
    lang: str,
    former: bool = False,
) -> list[tuple[str, ...]]:
    """One row per place: factories, workers, and the rate on each tracked issue."""
    rates_by = {
        (code(row[dim]), str(row["compliance_point"])): number(row["rate"])
        for _, row in rates.iterrows()
    }
    return [
        (
            _former(row, lang) if former else name(row, dim, lang),
            fmt_number(number(row["factories"]), lang),
            fmt_number(number(row["workers"]), lang),
            *(fmt_percent(rates_by.get((code(row[dim]), rate.code)), lang) for rate in tracked),
        )
        for _, row in sizes.iterrows()
    ]


def place_table(
    rows: list[tuple[str, ...]], tracked: Sequence[Rate], lang: str, first_column: str
) -> Table | None:
    if not rows:
        return None
    columns = (
        first_column,
        t("briefings.table.factories", lang),
        t("briefings.table.workers", lang),
        *(rate.name for rate in tracked),
    )
    return Table(
        columns=columns,
        rows=tuple(rows),
        numeric=tuple(range(1, len(columns))),
        widths=(2.6, 1.1, 1.3, *(1.6 for _ in tracked)),
        note=t("briefings.table.places_note", lang, reason=hidden_reason(lang)),
    )
