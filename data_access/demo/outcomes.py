"""What each invented assessment finds, decided the way the published figures are read.

Per assessment and compliance point, the factory is first found non-compliant or not
with probability p(point, year, cycle, factory) (see `decisions`); only then do 1-3 of
the point's counted questions get a finding. Calibrating at point level is what makes
the programme-level rates ("share of factories non-compliant on the point") land on
their targets, however many questions a point has. Social dialogue is drawn afterwards
so it moves with what was found (interference goes with unfree union elections, and so
on)."""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Protocol

from data_access.demo import calibration as cal
from data_access.demo.questions import QuestionSet
from data_access.demo.roster import FactoryPlan


@dataclass(frozen=True)
class PlannedAssessment:
    assessed_on: date
    cycle: int
    flagged: frozenset[str]
    social: Mapping[str, object]

    @property
    def assessment_type(self) -> str:
        return "initial" if self.cycle == 1 else "annual"


class Decisions(Protocol):
    def failed(self, rng: random.Random, plan: FactoryPlan, year: int) -> list[int]: ...


class OutcomeModel:
    """Turns point-level decisions into question-level findings and a social-dialogue
    record, for every visit of a factory."""

    def __init__(self, questions: QuestionSet, decisions: Decisions) -> None:
        self.questions = questions
        self.decisions = decisions
        self.points = questions.points
        self.k_values = [k for k, _ in cal.FINDINGS_PER_POINT]
        self.k_weights = [w for _, w in cal.FINDINGS_PER_POINT]

    def assessments(self, plan: FactoryPlan, rng: random.Random) -> list[PlannedAssessment]:
        women_share = plan.workers_women / plan.workers_total if plan.workers_total else 0.0
        planned = []
        for assessed_on, cycle in _visits(plan, rng):
            flagged, failed = self._findings(rng, plan, assessed_on)
            social = _social_dialogue(rng, assessed_on.year, plan, women_share, failed)
            planned.append(PlannedAssessment(assessed_on, cycle, frozenset(flagged), social))
        return planned

    def _findings(
        self, rng: random.Random, plan: FactoryPlan, assessed_on: date
    ) -> tuple[set[str], set[str]]:
        flagged: set[str] = set()
        failed: set[str] = set()
        for point in self.decisions.failed(rng, plan, assessed_on.year):
            cp = self.points[point]
            failed.add(cp)
            pool = self.questions.pool(cp, assessed_on)
            k = min(len(pool), rng.choices(self.k_values, weights=self.k_weights)[0])
            flagged.update(rng.sample(pool, k))
        for code, rate in self.questions.fact_gathering:
            if rng.random() < rate:
                flagged.add(code)
        return flagged, failed


def _visits(plan: FactoryPlan, rng: random.Random) -> list[tuple[date, int]]:
    """One visit a year near the first visit's anniversary, until the factory leaves or
    the data ends."""
    day_of_year = (plan.first_assessment - date(plan.join_year, 1, 1)).days
    visits = [(plan.first_assessment, 1)]
    for year in range(plan.join_year + 1, plan.last_year + 1):
        offset = day_of_year + rng.randint(-plan.jitter_days, plan.jitter_days)
        day = date(year, 1, 1) + timedelta(days=offset)
        day = min(max(day, date(year, 1, 2)), date(year, 12, 30))
        if day > cal.DATA_END:
            break
        visits.append((day, year - plan.join_year + 1))
    return visits


def _chance(rng: random.Random, p: float) -> bool:
    return rng.random() < p


def _conditional(target: float, cp: str, multiplier: float, year: int, failed: set[str]) -> float:
    """The chance given this assessment's result on `cp`, such that across the year's
    factories (failing `cp` at its target rate) the share still comes out at `target`."""
    failing = cal.non_compliance_target(cp, year)
    compliant_p = min(1.0, target / (1 - failing + failing * multiplier))
    return compliant_p * multiplier if cp in failed else compliant_p


def _social_dialogue(
    rng: random.Random, year: int, plan: FactoryPlan, women_share: float, failed: set[str]
) -> dict[str, object]:
    at = cal.interpolate
    union_p = at(cal.UNION_PRESENT, year)
    union = _chance(rng, union_p)
    elected_p = _conditional(
        at(cal.LEADERS_FREELY_ELECTED, year), "FA-INT", cal.ELECTED_WHEN_INTERFERED, year, failed
    )
    elected = union and _chance(rng, elected_p)
    membership = None
    if union:
        share = rng.gauss(at(cal.UNION_MEMBERSHIP, year), 0.1)
        membership = round(min(1.0, max(0.05, share)), 3)
    cba_p = _conditional(
        at(cal.CBA_IN_FORCE, year) / union_p, "FA-CBA", cal.CBA_WHEN_BARGAINING_FAILS, year, failed
    )
    cba = union and _chance(rng, cba_p)
    covered = round(plan.workers_total * rng.uniform(0.85, 1.0)) if cba else 0
    picc = _chance(rng, at(cal.PICC_PRESENT, year))
    members = women = meetings = 0
    if picc:
        members = rng.choice(cal.PICC_SIZES)
        women_p = max(0.0, women_share - at(cal.PICC_WOMEN_GAP, year))
        women = sum(_chance(rng, women_p) for _ in range(members))
        mean = at(cal.PICC_MEETINGS_MEAN, year) - (2.0 if "CH-DDD" in failed else 0.0)
        meetings = min(12, max(0, round(rng.gauss(mean, cal.PICC_MEETINGS_SD))))
    grievance_p = at(cal.GRIEVANCE_MECHANISM, year) * (0.7 if "CH-DDD" in failed else 1.0)
    grievance = _chance(rng, grievance_p)
    stoppage_p = at(cal.WORK_STOPPAGE, year)
    if {"WT-OVT", "CO-MIN"} <= failed:
        stoppage_p *= cal.STOPPAGE_WHEN_OVERTIME_AND_PAY_FAIL
    stoppages = 0
    if _chance(rng, stoppage_p):
        stoppages = 1 if _chance(rng, 0.8) else 2
    return {
        "union_present": union,
        "union_leaders_freely_elected": elected,
        "union_membership_share": membership,
        "cba_in_force": cba,
        "cba_workers_covered": covered,
        "picc_present": picc,
        "picc_members": members,
        "picc_women_members": women,
        "picc_meetings_12m": meetings,
        "grievance_mechanism": grievance,
        "work_stoppages_12m": stoppages,
    }
