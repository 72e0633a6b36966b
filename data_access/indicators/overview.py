"""The Overview page's rankings, built on the indicator functions (no SQL of their own),
so a ranked figure is always the same figure as in the full table."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Engine

from data_access.filters import Filters
from data_access.indicators.change import change
from data_access.indicators.compliance import non_compliance
from data_access.indicators.frames import stamp
from data_access.periods import comparison
from data_access.refdata import reference
from data_access.scope import Scope, require_known

DEFAULT_TOP = 10


def top_non_compliance(
    engine: Engine,
    scope: Scope,
    filters: Filters,
    n: int = DEFAULT_TOP,
    *,
    min_factories: int | None = None,
) -> pd.DataFrame:
    """The `n` compliance points with the highest non-compliance rate.

    Columns: those of `non_compliance(by=("compliance_point",))` plus `rank` (1 = most
    non-compliant). Ties go to the point more factories were assessed on, then to
    taxonomy order. Cells a constituent may not see have no rate and are not ranked
    for them; staff see them ranked and flagged."""
    require_known(scope)
    frame = non_compliance(
        engine, scope, filters, ("compliance_point",), min_factories=min_factories
    )
    ranked = frame[frame["rate"].notna()].copy()
    ranked["_position"] = range(len(ranked))
    ranked = ranked.sort_values(
        ["rate", "assessed", "_position"], ascending=[False, False, True], kind="stable"
    ).head(max(int(n), 0))
    ranked = ranked.drop(columns="_position").reset_index(drop=True)
    ranked.insert(0, "rank", pd.Series(range(1, len(ranked) + 1), dtype="Int64"))
    return stamp(ranked, "top_non_compliance", "non_compliance", frame.attrs["filters"], n=int(n))


def most_improved(
    engine: Engine,
    scope: Scope,
    filters: Filters,
    n: int = DEFAULT_TOP,
    *,
    same_factories: bool = False,
    min_factories: int | None = None,
) -> pd.DataFrame:
    """The `n` compliance points whose non-compliance rate fell most against the
    previous period (`periods.comparison`, the app's one comparison rule).

    Columns: those of `non_compliance_change(by=("compliance_point",))` plus `rank`;
    only points whose rate fell (`change` < 0). Empty when there is no previous
    period. `attrs` carry `before` and `after`."""
    require_known(scope)
    compared = comparison(filters, reference(engine))
    if compared is None:
        empty = pd.DataFrame(columns=["rank", "compliance_point", "change"])
        return stamp(empty, "most_improved", "non_compliance_change", filters, n=int(n))
    frame = change(
        engine,
        scope,
        compared,
        "non_compliance",
        ("compliance_point",),
        same_factories=same_factories,
        min_factories=min_factories,
    )
    improved = frame[frame["change"].notna()]
    improved = improved[improved["change"] < 0].copy()
    improved["_position"] = range(len(improved))
    improved = improved.sort_values(["change", "_position"], kind="stable").head(max(int(n), 0))
    improved = improved.drop(columns="_position").reset_index(drop=True)
    improved.insert(0, "rank", pd.Series(range(1, len(improved) + 1), dtype="Int64"))
    return stamp(
        improved,
        "most_improved",
        "non_compliance_change",
        frame.attrs["after"],
        n=int(n),
        **{key: frame.attrs[key] for key in frame.attrs if key.startswith("comparison")},
        basis=frame.attrs.get("basis"),
        before=frame.attrs["before"],
        after=frame.attrs["after"],
    )
