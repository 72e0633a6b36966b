"""Whether an assessment finds a factory non-compliant on a compliance point.

A factory's chance on a point in a year is expit(level + propensity + cycle effect):
its lasting propensity (good factories are good on most points) and its cycle in the
programme (first assessments find more) move it around its year's level.

The calibrated demo knows every factory of every year in advance, so it does two things
a survey statistician would: it solves each year's level so that the factories' mean
chance equals the published rate exactly, and it then picks the non-compliant factories
by systematic sampling over their chances in a random order. Each factory still fails
with exactly its own chance, but a 49-factory year lands within one factory of its target
instead of scattering by ten points. Scale mode, with thousands of factories a year, just
draws independently around the targets.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence

from data_access.demo import calibration as cal
from data_access.demo.roster import FactoryPlan
from data_access.demo.streams import stream

NEWTON_STEPS = 8


def logit(p: float) -> float:
    p = min(max(p, 1e-4), 1 - 1e-4)
    return math.log(p / (1 - p))


def expit(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))


class IndependentDecisions:
    """Scale mode: every factory of a year is in the same cycle, so only the year's level
    and the factory's propensity matter."""

    def __init__(self, points: Sequence[str]) -> None:
        self.levels = {
            year: [logit(cal.non_compliance_target(cp, year)) for cp in points]
            for year in range(cal.FIRST_YEAR, cal.LAST_YEAR + 1)
        }

    def failed(self, rng: random.Random, plan: FactoryPlan, year: int) -> list[int]:
        return [
            point
            for point, level in enumerate(self.levels[year])
            if rng.random() < expit(level + plan.propensity)
        ]


class CalibratedDecisions:
    """Calibrated mode: every (year, factory) outcome decided up front, as described in the
    module docstring. Small: one list of point indices per factory-year."""

    def __init__(self, plans: Sequence[FactoryPlan], points: Sequence[str], seed: int) -> None:
        rng = stream("demo-decisions", seed)
        self.outcomes: dict[tuple[int, int], list[int]] = {}
        for year in range(cal.FIRST_YEAR, cal.LAST_YEAR + 1):
            assessed = [plan for plan in plans if plan.assessed_in(year)]
            if not assessed:
                continue
            shifts = [
                plan.propensity + cal.cycle_effect(year - plan.join_year + 1) for plan in assessed
            ]
            for plan in assessed:
                self.outcomes[(year, plan.number)] = []
            for point, cp in enumerate(points):
                chances = _chances(cal.non_compliance_target(cp, year), shifts)
                for index in _systematic_sample(rng, chances):
                    self.outcomes[(year, assessed[index].number)].append(point)

    def failed(self, _rng: random.Random, plan: FactoryPlan, year: int) -> list[int]:
        return self.outcomes[(year, plan.number)]


def _chances(target: float, shifts: list[float]) -> list[float]:
    """Each factory's chance, with the year's level solved (Newton) so the mean is the
    target: the spread of propensities would otherwise pull rates towards one half."""
    level = logit(target)
    for _ in range(NEWTON_STEPS):
        chances = [expit(level + shift) for shift in shifts]
        slope = sum(p * (1 - p) for p in chances) / len(chances)
        if slope < 1e-12:
            break
        level -= (sum(chances) / len(chances) - target) / slope
    return [expit(level + shift) for shift in shifts]


def _systematic_sample(rng: random.Random, chances: list[float]) -> list[int]:
    """Indices picked by one random start stepped through the cumulated chances of the
    units in a random order: unit i is picked with probability chances[i], and the number
    picked is the sum of chances rounded up or down."""
    order = rng.sample(range(len(chances)), len(chances))
    point = rng.random()
    picked = []
    cumulated = 0.0
    for index in order:
        cumulated += chances[index]
        if point < cumulated:
            picked.append(index)
            point += 1.0
    return picked
