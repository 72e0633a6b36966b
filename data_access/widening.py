"""When most of a selection is hidden, the nearest wider selection that has figures.

A constituent who narrows to one sector in one province for a year or two can end up
with a page of "Ẩn": the selection rests on too few factories. Rather than leaving them
to guess which filter to drop, the page offers one click to the nearest selection that
can be shown. "Nearest" is the fewest filters dropped, in the order an official would
give up detail: first the period (every year keeps the place and the sector they
asked about), then the place (the whole country), then the sector and size band.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from itertools import combinations

import pandas as pd
from sqlalchemy import Engine

from data_access.filters import Filters
from data_access.indicators.programme import programme_size
from data_access.scope import Scope, require_known

#: The steps of widening, nearest first, each the filter fields it clears.
STEPS: tuple[tuple[str, dict[str, object]], ...] = (
    ("period", {"year_from": None, "year_to": None, "date_from": None, "date_to": None}),
    ("geography", {"provinces": (), "legacy_provinces": ()}),
    ("sectors", {"sectors": (), "size_bands": ()}),
)
#: A selection counts as "mostly hidden" when at least this share of its rows is.
MOSTLY = 0.5


def mostly_hidden(frame: pd.DataFrame) -> bool:
    """At least half of the frame's rows are hidden (and there is a row at all)."""
    if frame is None or frame.empty or "suppressed" not in frame:
        return False
    return float(frame["suppressed"].fillna(False).astype(bool).mean()) >= MOSTLY


def _candidates(filters: Filters) -> Iterator[Filters]:
    steps = [changes for _, changes in STEPS if replace(filters, **changes) != filters]
    for count in range(1, len(steps) + 1):
        for chosen in combinations(steps, count):
            wider = filters
            for changes in chosen:
                wider = replace(wider, **changes)
            yield wider


def wider_selection(engine: Engine, scope: Scope, filters: Filters) -> Filters | None:
    """The nearest selection wider than `filters` whose national programme size the
    viewer may see (see the module docstring); None when no wider one has figures."""
    require_known(scope)
    for wider in _candidates(filters):
        frame = programme_size(engine, scope, wider)
        if len(frame) and not bool(frame["suppressed"].iloc[0]):
            return wider
    return None
