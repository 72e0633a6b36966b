"""Which invented factories exist, where, how big, and when they join and leave.

Two rosters: the calibrated one walks the programme's history year by year so that the
number of factories assessed each year, by sector and place, follows the published
figures; the scale one spreads any number of factories over every region and sector
for a fixed window of years, built one factory at a time so memory stays flat.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from data_access.demo import calibration as cal
from data_access.demo.names import weighted_choice
from data_access.demo.streams import stream

SECTORS: tuple[str, ...] = tuple(cal.FACTORY_TARGETS)


@dataclass(frozen=True)
class FactoryPlan:
    """One factory's fixed facts and timeline; assessments follow from `first_assessment`
    (one a year near its anniversary) until `last_year`."""

    number: int
    sector: str
    legacy_code: str | None
    province_code: str
    workers_total: int
    workers_women: int
    joined_on: date
    first_assessment: date
    left_on: date | None
    last_year: int
    jitter_days: int
    propensity: float  # log-odds shift of its non-compliance chances (negative: better)

    @property
    def join_year(self) -> int:
        return self.first_assessment.year

    def assessed_in(self, year: int) -> bool:
        return self.join_year <= year <= self.last_year


def _days(start: date, end: date) -> int:
    return (end - start).days


def _headcount(rng: random.Random, sector: str) -> int:
    median, spread = cal.HEADCOUNT[sector]
    return max(cal.MIN_HEADCOUNT, round(rng.lognormvariate(math.log(median), spread)))


def _women_share(rng: random.Random, sector: str) -> float:
    mean, spread = cal.WOMEN_SHARE[sector]
    return min(0.95, max(0.45, rng.gauss(mean, spread)))


def _pick_legacy_unit(
    rng: random.Random, region: str, opened: list[tuple[str, str, int, float]]
) -> str:
    entries = [entry for entry in opened if entry[1] == region]
    return rng.choices([e[0] for e in entries], weights=[e[3] for e in entries])[0]


def _registration(
    legacy_code: str, joined_on: date, legacy_to_current: Mapping[str, str]
) -> tuple[str | None, str]:
    """Legacy unit as registered, and the current unit it rolls up to; a factory that
    joined after the reform is registered in the current unit only."""
    current = legacy_to_current[legacy_code]
    return (None if joined_on >= cal.PROVINCE_REFORM else legacy_code), current


@dataclass
class _Draft:
    number: int
    sector: str
    legacy_code: str
    anchor: bool
    joined_on: date
    first_assessment: date
    headcount: int
    women_share: float
    propensity: float
    leave_year: int | None = None
    left_on: date | None = None


def _join_dates(rng: random.Random, year: int) -> tuple[date, date]:
    """A joining day in the year and a first assessment 1-3 months later, still in the
    year (in 2009 from the programme's start; in 2026 before the data ends)."""
    if year == cal.FIRST_YEAR:
        joined = cal.PROGRAMME_START + timedelta(days=rng.randint(0, 60))
    else:
        latest = 200 if year == cal.LAST_YEAR else 262
        joined = date(year, 1, 1) + timedelta(days=rng.randint(0, latest))
    return joined, joined + timedelta(days=rng.randint(30, 100))


def calibrated_roster(seed: int, legacy_to_current: Mapping[str, str]) -> list[FactoryPlan]:
    rng = stream("demo-roster", seed)
    drafts: list[_Draft] = []
    active: list[_Draft] = []
    for year in range(cal.FIRST_YEAR, cal.LAST_YEAR + 1):
        if year > cal.FIRST_YEAR:
            active = _depart(rng, active, year)
        opening = [entry for entry in cal.PROVINCE_POOL if entry[2] == year]
        opened = [entry for entry in cal.PROVINCE_POOL if entry[2] <= year]
        targets = cal.factory_targets(year)
        joiners = [
            sector
            for sector in SECTORS
            for _ in range(max(0, targets[sector] - sum(d.sector == sector for d in active)))
        ]
        rng.shuffle(joiners)
        regions = {
            region: weight
            for region, weight in cal.step_lookup(cal.REGION_WEIGHTS, year).items()
            if any(entry[1] == region for entry in opened)
        }
        for position, sector in enumerate(joiners):
            joined, first = _join_dates(rng, year)
            anchor = position < len(opening)
            legacy = (
                opening[position][0]
                if anchor
                else _pick_legacy_unit(rng, weighted_choice(rng, regions), opened)
            )
            draft = _Draft(
                number=len(drafts) + 1,
                sector=sector,
                legacy_code=legacy,
                anchor=anchor,
                joined_on=joined,
                first_assessment=first,
                headcount=_headcount(rng, sector),
                women_share=_women_share(rng, sector),
                propensity=rng.gauss(0.0, cal.FACTORY_EFFECT_SD),
            )
            drafts.append(draft)
            active.append(draft)
    return _finish(drafts, legacy_to_current)


def _depart(rng: random.Random, active: list[_Draft], year: int) -> list[_Draft]:
    """Last year's factories minus this year's leavers. The first factory in each province
    never leaves, so every place the programme reached stays on the map."""
    leaving: set[int] = set()
    for sector in SECTORS:
        members = [d for d in active if d.sector == sector]
        movable = [d for d in members if not d.anchor]
        count = min(len(movable), round(cal.attrition(sector, year) * len(members)))
        leaving.update(d.number for d in rng.sample(movable, count))
    for draft in active:
        if draft.number in leaving:
            draft.leave_year = year
            day_of_year = _days(date(draft.first_assessment.year, 1, 1), draft.first_assessment)
            left = date(year, 1, 2) + timedelta(days=rng.randint(0, max(0, day_of_year - 45)))
            draft.left_on = min(left, cal.DATA_END)
    return [d for d in active if d.number not in leaving]


def _finish(drafts: list[_Draft], legacy_to_current: Mapping[str, str]) -> list[FactoryPlan]:
    """Scales headcounts so the target year's workforce and women's share land on the
    published figures, then freezes the drafts into plans."""

    def in_target_year(d: _Draft) -> bool:
        left = d.leave_year or cal.LAST_YEAR + 1
        return d.first_assessment.year <= cal.WORKERS_TARGET_YEAR < left

    counted = [d for d in drafts if in_target_year(d)]
    factor = cal.WORKERS_TARGET / sum(d.headcount for d in counted)
    totals = {d.number: max(cal.MIN_HEADCOUNT, round(d.headcount * factor)) for d in drafts}
    workforce = sum(totals[d.number] for d in counted)
    share = sum(totals[d.number] * d.women_share for d in counted) / workforce
    shift = cal.WOMEN_SHARE_TARGET - share
    plans = []
    for d in drafts:
        total = totals[d.number]
        women = round(total * min(0.97, max(0.3, d.women_share + shift)))
        legacy, current = _registration(d.legacy_code, d.joined_on, legacy_to_current)
        plans.append(
            FactoryPlan(
                number=d.number,
                sector=d.sector,
                legacy_code=legacy,
                province_code=current,
                workers_total=total,
                workers_women=women,
                joined_on=d.joined_on,
                first_assessment=d.first_assessment,
                left_on=d.left_on,
                last_year=(d.leave_year - 1) if d.leave_year else cal.LAST_YEAR,
                jitter_days=21,
                propensity=d.propensity,
            )
        )
    return plans


def scale_roster(
    seed: int, count: int, years: int, legacy_to_current: Mapping[str, str]
) -> Iterator[FactoryPlan]:
    """`count` factories, each assessed every year of the last `years` years. Each is
    drawn from its own seeded stream, so factory 17 is the same whatever the count."""
    first_year = cal.LAST_YEAR - years + 1
    earliest = max(date(first_year, 2, 15), cal.PROGRAMME_START + timedelta(days=45))
    window = _days(earliest, date(first_year, 10, 20))
    for number in range(1, count + 1):
        rng = stream("demo-scale", seed, number)
        region = weighted_choice(rng, cal.SCALE_REGION_WEIGHTS)
        legacy_code = _pick_legacy_unit(rng, region, list(cal.PROVINCE_POOL))
        sector = weighted_choice(rng, cal.SCALE_SECTOR_WEIGHTS)
        total = _headcount(rng, sector)
        women = round(total * _women_share(rng, sector))
        propensity = rng.gauss(0.0, cal.FACTORY_EFFECT_SD)
        first = earliest + timedelta(days=rng.randint(0, window))
        joined = max(cal.PROGRAMME_START, first - timedelta(days=rng.randint(30, 45)))
        legacy, current = _registration(legacy_code, joined, legacy_to_current)
        yield FactoryPlan(
            number=number,
            sector=sector,
            legacy_code=legacy,
            province_code=current,
            workers_total=total,
            workers_women=women,
            joined_on=joined,
            first_assessment=first,
            left_on=None,
            last_year=cal.LAST_YEAR,
            jitter_days=10,
            propensity=propensity,
        )
