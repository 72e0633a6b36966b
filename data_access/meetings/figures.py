"""A briefing's headline figures as numbers: what a meeting was shown, kept beside its
document so that later figures can be set against it.

Every figure comes from the indicator functions (suppression applied inside them), one
row per figure: the programme's size, each compliance point's non-compliance rate and
each social-dialogue measure. `factories` is the number of factories a figure rests
on; comparing two figures compares it too (`since.compare`).
"""

from __future__ import annotations

import json

import pandas as pd
from sqlalchemy import Engine

from data_access.disclosure import worker_figures
from data_access.filters import Filters
from data_access.i18n import t
from data_access.indicators import non_compliance, programme_size, social_dialogue
from data_access.scope import Scope

COLUMNS: tuple[str, ...] = (
    "key",
    "group",
    "code",
    "kind",
    "name_vi",
    "name_en",
    "value",
    "factories",
    "suppressed",
    "suppression_reason",
)
#: The programme's size as the Overview's headline cards show it.
PROGRAMME_MEASURES: dict[str, str] = {
    "factories": "count",
    "workers": "count",
    "women_share": "share",
}


def _row(
    group: str,
    code: str,
    kind: str,
    names: tuple[str, str],
    value: object,
    factories: object,
    suppressed: bool,
    reason: str,
) -> dict[str, object]:
    return {
        "key": f"{group}:{code}",
        "group": group,
        "code": code,
        "kind": kind,
        "name_vi": names[0],
        "name_en": names[1],
        "value": value,
        "factories": factories,
        "suppressed": bool(suppressed),
        "suppression_reason": str(reason or ""),
    }


def _programme(engine: Engine, scope: Scope, filters: Filters) -> list[dict[str, object]]:
    frame = programme_size(engine, scope, filters)
    if frame.empty:
        return []
    rows = []
    for measure, kind in PROGRAMME_MEASURES.items():
        cells = frame if measure == "factories" else worker_figures(frame)
        cell = cells.iloc[0]
        names = tuple(t(f"pages.overview.card.{measure}", lang) for lang in ("vi", "en"))
        rows.append(
            _row(
                "programme",
                measure,
                kind,
                names,  # type: ignore[arg-type]
                cell[measure],
                frame.iloc[0]["factories"],
                cell["suppressed"],
                cell["suppression_reason"],
            )
        )
    return rows


def _points(engine: Engine, scope: Scope, filters: Filters) -> list[dict[str, object]]:
    frame = non_compliance(engine, scope, filters, by=("compliance_point",))
    return [
        _row(
            "compliance_point",
            str(cell["compliance_point"]),
            "rate",
            (str(cell["compliance_point_name_vi"]), str(cell["compliance_point_name_en"])),
            cell["rate"],
            cell["assessed"],
            cell["suppressed"],
            cell["suppression_reason"],
        )
        for _, cell in frame.iterrows()
    ]


def _dialogue(engine: Engine, scope: Scope, filters: Filters) -> list[dict[str, object]]:
    frame = social_dialogue(engine, scope, filters)
    return [
        _row(
            "social_dialogue",
            str(cell["measure"]),
            "share",
            (str(cell["measure_name_vi"]), str(cell["measure_name_en"])),
            cell["value"],
            cell["factories"],
            cell["suppressed"],
            cell["suppression_reason"],
        )
        for _, cell in frame.iterrows()
    ]


def _typed(rows: list[dict[str, object]]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=list(COLUMNS))
    return frame.astype(
        {
            "value": "Float64",
            "factories": "Int64",
            "suppressed": "bool",
            "suppression_reason": "string",
        }
    )


def headline_figures(engine: Engine, scope: Scope, filters: Filters) -> pd.DataFrame:
    """The figures for `filters` under `scope`, one row per figure (`COLUMNS`); a hidden
    figure has its value as the indicator left it (NA for a constituent)."""
    return _typed(
        _programme(engine, scope, filters)
        + _points(engine, scope, filters)
        + _dialogue(engine, scope, filters)
    )


def to_json(frame: pd.DataFrame) -> str:
    """Stored with a frozen briefing; NA as null, so a hidden figure stays hidden."""
    records = [
        {
            column: (None if pd.isna(value) else value)
            if column in ("value", "factories")
            else value
            for column, value in row.items()
        }
        for row in frame[list(COLUMNS)].astype(object).to_dict("records")
    ]
    return json.dumps(records, ensure_ascii=False, default=float)


def from_json(text: str) -> pd.DataFrame:
    return _typed(json.loads(text))
