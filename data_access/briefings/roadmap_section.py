"""The briefing's roadmap section: how the agreed targets stand, for the audience.

The targets are those the audience's organisation owns or agreed at a meeting it took
part in (a briefing for the three constituents together: any of theirs; donors get
none: the roadmap is the constituents' own). Every figure is the Roadmap page's, under
the audience's scope (`data_access.roadmap.targets.progress`), so a value hidden from
the audience is hidden here too, and so is a status that would measure it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from data_access.auth.organisations import ORGANISATIONS
from data_access.briefings.document import Section, Table
from data_access.i18n import fmt_date, fmt_number, fmt_percent, t
from data_access.roadmap.status import STATUSES, TOLERANCE
from data_access.roadmap.targets import StoredTarget, TargetProgress, progress, targets
from data_access.scope import CONSTITUENT_ROLES, Scope

if TYPE_CHECKING:  # sections.py lists this section, so it cannot be imported at run time
    from data_access.briefings.sections import Material

#: Whose targets a briefing for an audience that is not one organisation follows.
AUDIENCE_ORGANISATIONS: dict[str, tuple[str, ...]] = {
    "constituents": tuple(sorted(CONSTITUENT_ROLES)),
}


def audience_targets(material: Material) -> list[StoredTarget]:
    """The targets the audience may see, each once, nearest deadline first."""
    scope, audience = material.scope, material.request.audience
    organisations = AUDIENCE_ORGANISATIONS.get(
        audience, (scope.organisation,) if scope.organisation in ORGANISATIONS else ()
    )
    found: dict[int, StoredTarget] = {}
    for organisation in organisations:
        for stored in targets(material.engine, Scope(role=organisation, organisation=organisation)):
            found.setdefault(stored.id, stored)
    return sorted(found.values(), key=lambda stored: (stored.target.deadline, stored.id))


def _latest(found: TargetProgress, lang: str) -> str:
    later = found.series[found.series["year"] > found.stored.target.baseline_on.year]
    if later.empty:
        return "–"
    row = later.iloc[-1]
    if pd.isna(row["value"]):
        return f"{int(row['year'])}: {t('common.suppressed', lang)}"
    return f"{int(row['year'])}: {fmt_percent(float(row['value']), lang, decimals=1)}"


def _row(item: TargetProgress, material: Material) -> tuple[str, ...]:
    lang, target = material.lang, item.stored.target
    on = fmt_date(target.baseline_on, lang)
    baseline = (
        t("common.suppressed", lang)
        if item.baseline is None
        else f"{fmt_percent(item.baseline, lang, decimals=1)} ({on})"
    )
    return (
        f"{target.indicator.name(material.ref, lang)} — {target.area.name(material.ref, lang)}",
        baseline,
        _latest(item, lang),
        f"{fmt_percent(target.target_value, lang, decimals=1)} ({fmt_date(target.deadline, lang)})",
        t(f"roadmap.status.{item.status}", lang),
    )


def roadmap_section(material: Material) -> Section | None:
    """A table of the audience's targets, off track first, with the rule in one line."""
    lang = material.lang
    stored = audience_targets(material)
    if not stored:
        return None
    order = {status: rank for rank, status in enumerate(STATUSES)}
    found = sorted(
        (progress(material.engine, material.scope, item) for item in stored),
        key=lambda item: (order[item.status], item.stored.target.deadline),
    )
    rows = tuple(_row(item, material) for item in found)
    off = sum(1 for item in found if item.status == "off_track")
    return Section(
        heading=t("roadmap.briefing.heading", lang),
        paragraphs=(t("roadmap.briefing.summary", lang, targets=len(found), off=off),),
        tables=(
            Table(
                columns=tuple(
                    t(f"roadmap.briefing.column.{name}", lang)
                    for name in ("target", "baseline", "latest", "goal", "status")
                ),
                rows=rows,
                widths=(3.2, 1.4, 1.2, 1.4, 1.2),
            ),
        ),
        notes=(t("roadmap.briefing.rule", lang, tolerance=fmt_number(TOLERANCE * 100, lang)),),
    )
