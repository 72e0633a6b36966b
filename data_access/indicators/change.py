"""Every "change" in the app, from one function: cards, the sector comparison, social
dialogue, the Downloads file of changes, briefings and their talking points.

`change(engine, scope, comparison, indicator, ...)` takes a `periods.Comparison` (the
one rule: like-for-like spans, see `data_access.periods`), computes the indicator's
change frame and stamps it with the comparison in words, so a caption, a file's
metadata and a briefing's method note say the same sentence. Two surfaces that ask
for the same comparison therefore get the same frame, figure for figure.

Which change figures a viewer may not see is decided where each change frame is made,
inside the data layer, so that no caller can skip it: `headline._changes` for the
headline rows and `compliance.non_compliance_change` for rates (either side hidden, or
the change rule of `data_access.disclosure`, `change_isolates`).
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
from sqlalchemy import Engine

from data_access.i18n import LANGUAGES
from data_access.indicators.compliance import non_compliance_change
from data_access.indicators.headline import programme_size_change, social_dialogue_change
from data_access.periods import BASIS_ALL, BASIS_SAME, Comparison
from data_access.scope import Scope, require_known

INDICATORS: tuple[str, ...] = ("programme_size", "social_dialogue", "non_compliance")


def change(
    engine: Engine,
    scope: Scope,
    comparison: Comparison,
    indicator: str,
    by: Sequence[str] = (),
    *,
    same_factories: bool = False,
    min_factories: int | None = None,
) -> pd.DataFrame:
    """The change frame of `indicator` over `comparison`.

    `programme_size` and `social_dialogue`: national headline rows
    (`indicators.headline`); `non_compliance`: rates by `by` (default by compliance
    point), optionally on the same factories only. `attrs` add `comparison` (the
    `Comparison`), `basis` and `comparison_vi`/`comparison_en` (its sentence)."""
    require_known(scope)
    before, after = comparison.before, comparison.after
    if indicator == "non_compliance":
        frame = non_compliance_change(
            engine,
            scope,
            before,
            after,
            tuple(by) or ("compliance_point",),
            same_factories=same_factories,
            min_factories=min_factories,
        )
    elif same_factories:
        raise ValueError(f"{indicator} has no same-factories comparison.")
    elif indicator == "programme_size":
        frame = programme_size_change(engine, scope, before, after, min_factories=min_factories)
    elif indicator == "social_dialogue":
        frame = social_dialogue_change(engine, scope, before, after, min_factories=min_factories)
    else:
        raise ValueError(f"Unknown indicator {indicator!r}; expected one of {INDICATORS}.")
    basis = BASIS_SAME if same_factories else BASIS_ALL
    frame.attrs.update(
        comparison=comparison,
        basis=basis,
        **{f"comparison_{lang}": comparison.describe(lang, basis) for lang in LANGUAGES},
    )
    return frame
