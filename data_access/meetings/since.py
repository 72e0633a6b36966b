"""Today's figures against the figures a meeting was shown.

One rule for every surface (the Meetings page's "changed since", the Overview's "since
our last meeting", a new briefing's section): values are today's minus the frozen
ones, computed by neither side but read from `figures.headline_figures` frames, and a
figure hidden on either side stays hidden. A difference also stays hidden where the
factories under the figure moved by fewer than the disclosure threshold (rule 7,
`disclosure.change_isolates`): the difference would then be those few factories'
contribution. What moved most comes first: rates and shares by their change in points,
counts by their change relative to the frozen count, so that a tenth more factories
weighs as much as ten points.
"""

from __future__ import annotations

import pandas as pd

from data_access.disclosure import PROTECTED, change_isolates

CHANGE_REASON = "change"


def _moved(row: pd.Series) -> object:
    change = row["change"]
    if pd.isna(change):
        return pd.NA
    if row["kind"] == "count":
        frozen = row["frozen"]
        return abs(change) / frozen if not pd.isna(frozen) and frozen > 0 else pd.NA
    return abs(change)


def compare(today: pd.DataFrame, frozen: pd.DataFrame, *, suppresses: bool) -> pd.DataFrame:
    """One row per figure present on either side: `frozen`, `today`, `change` (today −
    frozen), `suppressed` and `suppression_reason` (a constituent's neutral reason
    when `suppresses`), `moved`; the largest moves first, hidden ones last."""
    left = frozen.rename(
        columns={
            "value": "frozen",
            "factories": "factories_frozen",
            "suppressed": "hidden_frozen",
            "suppression_reason": "reason_frozen",
        }
    )
    right = today.rename(
        columns={
            "value": "today",
            "factories": "factories_today",
            "suppressed": "hidden_today",
            "suppression_reason": "reason_today",
        }
    )
    merged = left.merge(
        right,
        on=["key", "group", "code", "kind"],
        how="outer",
        suffixes=("_frozen", "_today"),
        sort=False,
    )
    for lang in ("vi", "en"):
        merged[f"name_{lang}"] = merged[f"name_{lang}_today"].fillna(merged[f"name_{lang}_frozen"])
    moved_factories = (merged["factories_today"] - merged["factories_frozen"]).abs()
    isolates = moved_factories.map(change_isolates).astype(bool)
    hidden_frozen = merged["hidden_frozen"].fillna(False).astype(bool)
    hidden_today = merged["hidden_today"].fillna(False).astype(bool)
    merged["suppressed"] = hidden_frozen | hidden_today | isolates
    reason = (
        merged["reason_today"]
        .where(hidden_today, merged["reason_frozen"].where(hidden_frozen, CHANGE_REASON))
        .where(merged["suppressed"], "")
        .astype("string")
    )
    merged["suppression_reason"] = reason.where(
        ~(merged["suppressed"] & suppresses) | reason.eq("crossing"), PROTECTED
    )
    merged["change"] = (merged["today"] - merged["frozen"]).astype("Float64")
    if suppresses:
        merged.loc[merged["suppressed"], "change"] = pd.NA
    merged["moved"] = merged.apply(_moved, axis=1).astype("Float64")
    merged["_order"] = range(len(merged))
    ordered = merged.sort_values(
        ["suppressed", "moved", "_order"], ascending=[True, False, True], na_position="last"
    )
    return ordered[
        [
            "key",
            "group",
            "code",
            "kind",
            "name_vi",
            "name_en",
            "frozen",
            "today",
            "change",
            "suppressed",
            "suppression_reason",
            "moved",
        ]
    ].reset_index(drop=True)
