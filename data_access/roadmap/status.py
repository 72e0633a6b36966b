"""The one rule that says how a roadmap target stands, stated so anyone can check it.

The path a target promises is the straight line from its baseline (value, date) to its
target (value, deadline). The latest year with data after the baseline's year is
compared with where that line stands at the end of that year (or at the deadline, if
earlier):

- **no data yet**: no year after the baseline's year has figures in the target's area;
- **hidden** (`suppressed`): that latest year's figure is hidden for the viewer, so its
  status is too (a status would tell something about the hidden figure);
- **met**: the figure has reached the target (at or below it for a target below its
  baseline, at or above it for a target above);
- **on track**: not met, the deadline has not passed by that year's end, and the
  figure is no more than `TOLERANCE` (2 percentage points) on the wrong side of the line;
- **off track**: otherwise, including a deadline passed without the target met.

Whether lower or higher is better is read from the target itself (below or above its
baseline), so the rule serves non-compliance rates and social-dialogue shares alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

MET = "met"
ON_TRACK = "on_track"
OFF_TRACK = "off_track"
NO_DATA = "no_data"
SUPPRESSED = "suppressed"
STATUSES: tuple[str, ...] = (OFF_TRACK, ON_TRACK, MET, NO_DATA, SUPPRESSED)

#: How far (in the indicator's 0..1 units) a figure may lag the path and still be on track.
TOLERANCE = 0.02


@dataclass(frozen=True)
class Path:
    """A target's promise: from `baseline` on `baseline_on` to `target` by `deadline`."""

    baseline: float
    baseline_on: date
    target: float
    deadline: date

    @property
    def lower_is_better(self) -> bool:
        return self.target < self.baseline

    def expected(self, on: date) -> float:
        """Where the straight line stands on a day (the baseline before it starts, the
        target after the deadline)."""
        span = (self.deadline - self.baseline_on).days
        done = min(max((on - self.baseline_on).days / span, 0.0), 1.0) if span > 0 else 1.0
        return self.baseline + done * (self.target - self.baseline)

    def reached(self, value: float) -> bool:
        return value <= self.target if self.lower_is_better else value >= self.target


@dataclass(frozen=True)
class YearFigure:
    """One year's figure as the viewer receives it: `value` None when hidden or absent."""

    year: int
    value: float | None
    hidden: bool = False


def year_end(year: int) -> date:
    return date(year, 12, 31)


def status(path: Path, figures: list[YearFigure]) -> str:
    """The target's status from the viewer's yearly figures (see the module docstring)."""
    later = [figure for figure in figures if figure.year > path.baseline_on.year]
    if not later:
        return NO_DATA
    latest = max(later, key=lambda figure: figure.year)
    if latest.hidden:
        return SUPPRESSED
    if latest.value is None:
        return NO_DATA
    if path.reached(latest.value):
        return MET
    if year_end(latest.year) >= path.deadline:
        return OFF_TRACK
    expected = path.expected(year_end(latest.year))
    lag = latest.value - expected if path.lower_is_better else expected - latest.value
    # Rounded as shares are stored (6 decimals), so a lag of exactly 2 points is on track.
    return ON_TRACK if round(lag, 6) <= TOLERANCE else OFF_TRACK
