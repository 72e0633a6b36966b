"""The gathered frames as `talking_points.Facts`: ranked, picked and named, never
recomputed (the rules, the tables and the key figures all read these)."""

from __future__ import annotations

import pandas as pd

from data_access.briefings.gathering import FA_CLUSTER, TOP_N, Gathered
from data_access.briefings.request import BriefingRequest
from data_access.briefings.talking_points import Facts, Measure, Place, Rate
from data_access.briefings.values import name, number


def _first_before(change: pd.DataFrame) -> str | None:
    """The most frequent issue of the comparison period, among those it shows."""
    visible = change[change["rate_before"].notna()] if len(change) else change
    if not len(visible):
        return None
    ranked = visible.sort_values("rate_before", ascending=False, kind="stable")
    return str(ranked.iloc[0]["compliance_point"])


def _rates(gathered: Gathered, lang: str) -> tuple[list[Rate], list[Rate], list[Rate]]:
    """(most frequent, most improved, most worsened) as `Rate`s."""
    change = gathered.change
    by_code = {str(row["compliance_point"]): row for _, row in change.iterrows()}
    first_before = _first_before(change)

    def rate_of(row: pd.Series, after: object) -> Rate:
        code = str(row["compliance_point"])
        paired = by_code.get(code)
        return Rate(
            code=code,
            name=name(row, "compliance_point", lang),
            after=number(after),
            before=number(paired["rate_before"]) if paired is not None else None,
            change=number(paired["change"]) if paired is not None else None,
            national_law=row.get("cluster_group") == "national",
            rank_before=1 if code == first_before else None,
        )

    top = [rate_of(row, row["rate"]) for _, row in gathered.top.iterrows()]
    moved = change[change["change"].notna()] if len(change) else change
    improved = moved[moved["change"] < 0].sort_values("change", kind="stable").head(TOP_N)
    worsened = moved[moved["change"] > 0].sort_values("change", ascending=False, kind="stable")
    return (
        top,
        [rate_of(row, row["rate_after"]) for _, row in improved.iterrows()],
        [rate_of(row, row["rate_after"]) for _, row in worsened.head(TOP_N).iterrows()],
    )


def _places(frame: pd.DataFrame, dim: str, code: str | None, lang: str) -> list[Place]:
    """Places on one issue, highest rate first, hidden ones last."""
    if frame.empty or code is None:
        return []
    rows = frame[frame["compliance_point"] == code]
    ordered = rows.sort_values("rate", ascending=False, na_position="last", kind="stable")
    return [Place(name(row, dim, lang), number(row["rate"])) for _, row in ordered.iterrows()]


def _dialogue(gathered: Gathered, lang: str) -> dict[str, Measure]:
    return {
        str(row["measure"]): Measure(
            name=str(row[f"measure_name_{lang}"]),
            after=number(row["value_after"]),
            before=number(row["value_before"]),
            change=number(row["change"]),
        )
        for _, row in gathered.dialogue.iterrows()
    }


def _fa_cluster(gathered: Gathered, lang: str) -> Rate | None:
    if not len(gathered.fa):
        return None
    row = gathered.fa.iloc[0]
    return Rate(
        code=FA_CLUSTER,
        name=name(row, "cluster", lang),
        after=number(row["rate_after"]),
        before=number(row["rate_before"]),
        change=number(row["change"]),
    )


def _measure(gathered: Gathered, measure: str, column: str) -> float | None:
    row = gathered.headline_row(measure)
    return number(row[column]) if row is not None else None


def facts_from(gathered: Gathered, request: BriefingRequest) -> Facts:
    lang = request.lang
    top, improved, worsened = _rates(gathered, lang)
    moved = gathered.change["change"].dropna() if len(gathered.change) else pd.Series()
    first = top[0].code if top else None
    return Facts(
        lang=lang,
        period=gathered.comparison.after.describe_period(lang),
        comparison=gathered.comparison.before.describe_period(lang),
        factories=_measure(gathered, "factories", "value_after"),
        workers=_measure(gathered, "workers", "value_after"),
        women_share=_measure(gathered, "women_share", "value_after"),
        factories_change=_measure(gathered, "factories", "change"),
        top=tuple(top),
        improved=tuple(improved),
        worsened=tuple(worsened),
        points_compared=len(moved),
        points_improved=int((moved < 0).sum()),
        places=tuple(
            _places(gathered.legacy_places, "legacy_province", first, lang)
            if request.geography == "legacy_province"
            else _places(gathered.places, "province", first, lang)
        ),
        sectors=tuple(_places(gathered.sectors, "sector", first, lang)),
        dialogue=_dialogue(gathered, lang),
        fa_cluster=_fa_cluster(gathered, lang),
    )
