"""Every indicator call a briefing makes, all under the audience's scope.

Suppression follows the audience, not the author: an ILO officer preparing a note for
VGCL gets exactly what VGCL may see (`audience_scope`), so nothing hidden from a
constituent can slip into a document handed to one. No figure is computed here or
later: the frames are the indicator functions' own, so a figure in the briefing is the
figure on the screen for the same filters.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd
from sqlalchemy import Engine

from data_access.briefings.request import BriefingRequest
from data_access.indicators import non_compliance, programme_size, top_non_compliance
from data_access.indicators.change import change
from data_access.periods import Comparison
from data_access.refdata import reference
from data_access.scope import Scope

#: Issues in the "most frequent" and "most improved" tables.
TOP_N = 5
#: Years the trend chart reaches back, at least.
TREND_YEARS = 5
#: The freedom-of-association cluster, whose change every audience hears about.
FA_CLUSTER = "FA"
#: Issues whose trend is drawn and whose province rates are tabled.
TRACKED_ISSUES = 3


@dataclass
class Gathered:
    """The indicator frames a briefing rests on, kept for the tests and the audit."""

    comparison: Comparison
    headline: pd.DataFrame
    change: pd.DataFrame
    top: pd.DataFrame
    dialogue: pd.DataFrame
    fa: pd.DataFrame
    places: pd.DataFrame
    place_sizes: pd.DataFrame
    legacy_places: pd.DataFrame
    legacy_sizes: pd.DataFrame
    sectors: pd.DataFrame
    sector_sizes: pd.DataFrame
    clusters: pd.DataFrame
    trend: pd.DataFrame

    def headline_row(self, measure: str) -> pd.Series | None:
        """One programme-size measure (factories, workers, …) in both periods."""
        rows = self.headline[self.headline["measure"] == measure]
        return rows.iloc[0] if len(rows) else None


def gather(engine: Engine, scope: Scope, request: BriefingRequest) -> Gathered:
    """Every indicator call the briefing makes, all under `scope` (the audience's)."""
    compared = request.comparison(reference(engine))
    before, after = compared.before, compared.after
    inside = request.geography == "legacy_province"
    top = top_non_compliance(engine, scope, after, n=TOP_N)
    tracked = tuple(str(code) for code in top["compliance_point"].head(TRACKED_ISSUES))
    on_tracked = replace(after, compliance_points=tracked)
    trend_from = min(request.compare_from, request.year_to - TREND_YEARS + 1)
    fa = {"clusters": (FA_CLUSTER,), "compliance_points": ()}
    empty = pd.DataFrame()
    fa_compared = Comparison(replace(before, **fa), replace(after, **fa), compared.cut_at)
    return Gathered(
        comparison=compared,
        headline=change(engine, scope, compared, "programme_size"),
        change=change(engine, scope, compared, "non_compliance", ("compliance_point",)),
        top=top,
        dialogue=change(engine, scope, compared, "social_dialogue"),
        fa=change(engine, scope, fa_compared, "non_compliance", ("cluster",)),
        places=non_compliance(engine, scope, on_tracked, ("province", "compliance_point"))
        if tracked
        else empty,
        place_sizes=programme_size(engine, scope, after, by="province"),
        legacy_places=non_compliance(
            engine, scope, on_tracked, ("legacy_province", "compliance_point")
        )
        if tracked and inside
        else empty,
        legacy_sizes=programme_size(engine, scope, after, by="legacy_province")
        if inside
        else empty,
        sectors=non_compliance(engine, scope, on_tracked, ("sector", "compliance_point"))
        if tracked
        else empty,
        sector_sizes=programme_size(engine, scope, after, by="sector"),
        clusters=change(engine, scope, compared, "non_compliance", ("cluster",)),
        trend=non_compliance(
            engine, scope, replace(on_tracked, year_from=trend_from), ("year", "compliance_point")
        )
        if tracked
        else empty,
    )
