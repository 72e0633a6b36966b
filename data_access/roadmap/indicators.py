"""What a roadmap target can follow: any rate or share the app computes, named once.

An indicator is a kind and a code: `point` (a compliance point's non-compliance rate),
`cluster` (a cluster's non-compliance rate) or `social` (a social-dialogue measure). An
area is `national`, a `sector` or a `province` (current code). The yearly values come
from the same indicator functions every page calls, under the viewer's scope, so a
Roadmap figure is the figure the viewer sees on Sector compliance or Social dialogue,
hidden where it is hidden there.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from sqlalchemy import Engine

from data_access.filters import Filters
from data_access.i18n import t
from data_access.indicators import MEASURES, non_compliance, social_dialogue
from data_access.refdata import Reference
from data_access.roadmap.kinds import CLUSTER, NATIONAL, POINT, PROVINCE, SECTOR, SOCIAL
from data_access.scope import Scope

#: The columns of a yearly series, whatever the indicator.
SERIES_COLUMNS: tuple[str, ...] = (
    "year",
    "value",
    "numerator",
    "denominator",
    "suppressed",
    "suppression_reason",
)


class UnknownIndicator(ValueError):
    """An indicator or area code the reference data does not know; `key` names the
    catalogue message (`roadmap.problem.<key>`)."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


@dataclass(frozen=True)
class Indicator:
    kind: str
    code: str

    def check(self, ref: Reference) -> Indicator:
        known = {
            POINT: ref.compliance_points,
            CLUSTER: ref.clusters,
            SOCIAL: MEASURES,
        }.get(self.kind)
        if known is None:
            raise UnknownIndicator("unknown_indicator_kind")
        if self.code not in known:
            raise UnknownIndicator("unknown_indicator")
        return self

    def name(self, ref: Reference, lang: str) -> str:
        if self.kind == SOCIAL:
            return t(f"indicators.measure.{self.code}", lang)
        what = ref.name("compliance_points" if self.kind == POINT else "clusters", self.code, lang)
        return t(f"roadmap.indicator.{self.kind}", lang, name=what)


@dataclass(frozen=True)
class Area:
    kind: str
    code: str | None = None

    def check(self, ref: Reference) -> Area:
        if self.kind == NATIONAL:
            if self.code:
                raise UnknownIndicator("national_has_code")
            return self
        known = {SECTOR: ref.sectors, PROVINCE: ref.provinces}.get(self.kind)
        if known is None:
            raise UnknownIndicator("unknown_area_kind")
        if self.code not in known:
            raise UnknownIndicator("unknown_area")
        return self

    def name(self, ref: Reference, lang: str) -> str:
        if self.kind == NATIONAL:
            return t("roadmap.area.national", lang)
        return ref.name("sectors" if self.kind == SECTOR else "provinces", self.code or "", lang)

    def filters(self) -> Filters:
        if self.kind == SECTOR:
            return Filters(sectors=(self.code,))
        if self.kind == PROVINCE:
            return Filters(provinces=(self.code,))
        return Filters()


def choices(ref: Reference, lang: str) -> dict[Indicator, str]:
    """Every indicator a target may follow, named in the language, in display order."""
    found: dict[Indicator, str] = {}
    for cluster in ref.clusters:
        found[Indicator(CLUSTER, cluster)] = Indicator(CLUSTER, cluster).name(ref, lang)
        for point, label in ref.compliance_points.items():
            if label.parent == cluster and label.active:
                found[Indicator(POINT, point)] = Indicator(POINT, point).name(ref, lang)
    for measure in MEASURES:
        found[Indicator(SOCIAL, measure)] = Indicator(SOCIAL, measure).name(ref, lang)
    return found


def yearly_values(
    engine: Engine, scope: Scope, indicator: Indicator, area: Area, year_from: int
) -> pd.DataFrame:
    """The indicator's value for each year from `year_from` with data in the area, as the
    viewer may see it (hidden cells NA for a constituent, flagged for staff)."""
    filters = area.filters()
    filters = Filters(
        year_from=year_from,
        sectors=filters.sectors,
        provinces=filters.provinces,
        compliance_points=(indicator.code,) if indicator.kind == POINT else (),
        clusters=(indicator.code,) if indicator.kind == CLUSTER else (),
    )
    if indicator.kind == SOCIAL:
        frame = social_dialogue(engine, scope, filters, by="year")
        frame = frame[frame["measure"] == indicator.code]
    else:
        by = ("compliance_point" if indicator.kind == POINT else "cluster", "year")
        frame = non_compliance(engine, scope, filters, by=by).rename(
            columns={"rate": "value", "non_compliant": "numerator", "assessed": "denominator"}
        )
    series = frame[list(SERIES_COLUMNS)].sort_values("year").reset_index(drop=True)
    series.attrs = dict(frame.attrs)
    return series
