"""Headline figures with their change against an earlier period, for metric cards.

Built on `programme_size` and `social_dialogue` (no SQL of their own), so a card's
figure is the figure of the full table. The change is computed here, not in a page,
and is withheld whenever either period's figure is hidden from the viewer: the later
figure and the change together would give away the earlier one, and whenever the
factories that joined or left between the periods are a small group (the change rule
of `data_access.disclosure`): the change would be exactly their figure.
"""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Engine

from data_access.disclosure import change_isolates, constituent_period, worker_figures
from data_access.filters import Filters
from data_access.indicators.frames import stamp
from data_access.indicators.programme import WORKER_DOMINANCE, programme_size
from data_access.indicators.query import moved_factories
from data_access.indicators.social_dialogue import social_dialogue
from data_access.scope import Scope, require_known

#: Programme-size columns a card can show, in card order.
PROGRAMME_HEADLINES: tuple[str, ...] = (
    "factories",
    "workers",
    "women_share",
    "provinces",
    "sectors",
    "assessments",
)
CHANGE_COLUMNS: tuple[str, ...] = (
    "measure",
    "value_before",
    "value_after",
    "change",
    "suppressed",
    "suppression_reason",
    "change_suppressed",
)


def programme_size_change(
    engine: Engine,
    scope: Scope,
    before: Filters,
    after: Filters,
    *,
    min_factories: int | None = None,
) -> pd.DataFrame:
    """National programme size in `after` and its change since `before`.

    One row per measure of `PROGRAMME_HEADLINES`: `value_before`, `value_after`,
    `change` (after − before; a share's change is a share, ×100 for percentage
    points), `suppressed`/`suppression_reason` (the later figure), `change_suppressed`
    (either figure hidden, or the change isolates a small group of factories that joined
    or left, so the change is hidden: NA for constituents). A period with no
    factory has NA values and no change. `attrs` carry `before` and `after`."""
    require_known(scope)
    frames = [
        programme_size(engine, scope, period, min_factories=min_factories)
        for period in (before, after)
    ]
    cells = [_national_cells(frame, PROGRAMME_HEADLINES) for frame in frames]
    isolating = _isolating(engine, scope, before, after, min_factories=min_factories)
    frame = _changes(cells[0], cells[1], PROGRAMME_HEADLINES, scope, isolating)
    before, after = (frame.attrs["filters"] for frame in frames)
    return stamp(
        frame, "programme_size_change", "programme_size", after, before=before, after=after
    )


def social_dialogue_change(
    engine: Engine,
    scope: Scope,
    before: Filters,
    after: Filters,
    *,
    picc_min_meetings: int | None = None,
    min_factories: int | None = None,
) -> pd.DataFrame:
    """Each national social-dialogue share in `after` and its change since `before`.

    One row per measure of `social_dialogue` (same order), with `measure_name_vi`,
    `measure_name_en`, `unit`, `numerator`, `denominator` (of the later period) and the
    columns of `programme_size_change`. `attrs` carry `before` and `after`."""
    require_known(scope)
    frames = [
        social_dialogue(
            engine,
            scope,
            period,
            picc_min_meetings=picc_min_meetings,
            min_factories=min_factories,
        )
        for period in (before, after)
    ]
    later = frames[1]
    measures = tuple(later["measure"]) if len(later) else tuple(frames[0]["measure"])
    cells = [_measure_cells(frame) for frame in frames]
    isolating = _isolating(
        engine, scope, before, after, with_social_dialogue=True, min_factories=min_factories
    )
    frame = _changes(cells[0], cells[1], measures, scope, isolating)
    before, after = (frame.attrs["filters"] for frame in frames)
    labels = (later if len(later) else frames[0]).set_index("measure")
    for column in ("measure_name_vi", "measure_name_en", "unit"):
        frame[column] = frame["measure"].map(labels[column]).astype("string")
    for column in ("numerator", "denominator"):
        source = later.set_index("measure")[column] if len(later) else pd.Series(dtype="Int64")
        frame[column] = frame["measure"].map(source).astype("Int64")
    return stamp(
        frame,
        "social_dialogue_change",
        "social_dialogue",
        after,
        before=before,
        after=after,
        picc_min_meetings=later.attrs.get("picc_min_meetings"),
    )


#: (value, suppressed, reason) of one figure in one period.
Cell = tuple[object, bool, str]


def _national_cells(frame: pd.DataFrame, measures: tuple[str, ...]) -> dict[str, Cell]:
    if frame.empty:
        return {}
    rows = {False: frame.iloc[0], True: worker_figures(frame).iloc[0]}
    cells = {}
    for measure in measures:
        row = rows[measure in WORKER_DOMINANCE.columns]
        cells[measure] = (
            row[measure],
            bool(row["suppressed"]),
            str(row["suppression_reason"] or ""),
        )
    return cells


def _measure_cells(frame: pd.DataFrame) -> dict[str, Cell]:
    return {
        str(row["measure"]): (
            row["value"],
            bool(row["suppressed"]),
            str(row["suppression_reason"] or ""),
        )
        for _, row in frame.iterrows()
    }


def _isolating(
    engine: Engine,
    scope: Scope,
    before: Filters,
    after: Filters,
    *,
    with_social_dialogue: bool = False,
    min_factories: int | None = None,
) -> bool:
    """The change rule (`disclosure.change_isolates`) on the periods the viewer's figures
    are computed for."""
    if scope.suppresses:
        before, after = (constituent_period(period, (), engine) for period in (before, after))
    moved = moved_factories(engine, before, after, with_social_dialogue=with_social_dialogue)
    return change_isolates(moved, min_factories)


def _changes(
    before: dict[str, Cell],
    after: dict[str, Cell],
    measures: tuple[str, ...],
    scope: Scope,
    isolating: bool,
) -> pd.DataFrame:
    rows = []
    for measure in measures:
        value_before, hidden_before, _ = before.get(measure, (pd.NA, False, ""))
        value_after, hidden_after, reason_after = after.get(measure, (pd.NA, False, ""))
        change_hidden = hidden_before or hidden_after or isolating
        change: object = pd.NA
        if not pd.isna(value_before) and not pd.isna(value_after):
            change = float(value_after) - float(value_before)  # type: ignore[arg-type]
        if change_hidden and scope.suppresses:
            change = pd.NA
        rows.append(
            {
                "measure": measure,
                "value_before": value_before,
                "value_after": value_after,
                "change": change,
                "suppressed": hidden_after,
                "suppression_reason": reason_after if hidden_after else "",
                "change_suppressed": change_hidden,
            }
        )
    frame = pd.DataFrame(rows, columns=list(CHANGE_COLUMNS))
    for column in ("value_before", "value_after", "change"):
        frame[column] = pd.to_numeric(frame[column]).astype("Float64")
    frame["measure"] = frame["measure"].astype("string")
    frame["suppression_reason"] = frame["suppression_reason"].astype("string")
    frame["suppressed"] = frame["suppressed"].astype(bool)
    frame["change_suppressed"] = frame["change_suppressed"].astype(bool)
    return frame
