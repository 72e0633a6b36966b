"""What the attacker reasons about: the finest cells ("atoms") every published figure is
a sum of, and which atoms a figure covers.

An atom is (current province, legacy unit or none, sector, size band, pattern), where
the pattern is the set of *time slots* in which a factory of the atom was assessed. The
slots are the pieces the published periods cut the calendar into (whole years when
constituents can only ask for years; finer when date windows are published), so every
published period is a union of slots. Unknowns are the number of factories in each atom
(`x`, ≥ 0) and, per compliance point, the number of them non-compliant at their latest
assessment in each slot of their pattern (`n`, 0 ≤ n ≤ x): a figure over a period
counts each factory at its latest slot inside the period, as the indicators count each
factory at its latest assessment.

Patterns: every non-empty set of slots that hold an assessment when there are at most
`ALL_PATTERNS_UP_TO` such slots; beyond that only the patterns the data hold (which
tells the attacker more than they know, so the audit errs on the side of failing).
Slots without any assessment carry no pattern, for the same reason.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from itertools import combinations

import numpy as np

from data_access.filters import Filters
from data_access.refdata import Reference
from tests.data_access.disclosure_audit.dataset import YEARS, FactoryTruth

ALL_PATTERNS_UP_TO = 4


@dataclass(frozen=True)
class Period:
    start: date | None
    end: date | None

    @classmethod
    def of(cls, filters: Filters) -> Period:
        return cls(filters.period_start, filters.period_end)

    def describe(self) -> str:
        if self.start is None and self.end is None:
            return "all years"
        if (
            self.start is not None
            and self.end is not None
            and (self.start.month, self.start.day, self.end.month, self.end.day) == (1, 1, 12, 31)
        ):
            years = sorted({self.start.year, self.end.year})
            return "–".join(str(year) for year in years)
        return f"{self.start or '…'}..{self.end or '…'}"


Codes = frozenset[str | None] | None


@dataclass(frozen=True)
class CellSpec:
    """A set of factories as a published figure defines it (None: no restriction)."""

    period: Period
    year: int | None = None
    provinces: Codes = None
    legacy: Codes = None
    sectors: Codes = None
    size_bands: Codes = None
    panel: Period | None = None

    @classmethod
    def of(cls, filters: Filters, panel: Filters | None = None) -> CellSpec:
        def codes(values: Sequence[str]) -> Codes:
            return frozenset(values) if values else None

        return cls(
            period=Period.of(filters),
            provinces=codes(filters.provinces),
            legacy=codes(filters.legacy_provinces),
            sectors=codes(filters.sectors),
            size_bands=codes(filters.size_bands),
            panel=Period.of(panel) if panel is not None else None,
        )

    def narrowed(self, field: str, value: object) -> CellSpec:
        """This cell restricted to one group value of a row (`field` a CellSpec field)."""
        if field == "year":
            return replace(self, year=int(value))  # type: ignore[call-overload]
        current: Codes = getattr(self, field)
        values = frozenset({value})  # type: ignore[arg-type]
        return replace(self, **{field: values if current is None else current & values})

    def restrictions(self) -> list[tuple[str, frozenset[str | None]]]:
        """(atom attribute, allowed codes) for each factory attribute the cell narrows."""
        return [
            (name, values)
            for name, values in (
                ("province", self.provinces),
                ("legacy", self.legacy),
                ("sector", self.sectors),
                ("size_band", self.size_bands),
            )
            if values is not None
        ]

    def describe(self) -> str:
        parts = [self.period.describe() if self.year is None else str(self.year)]
        for name, values in self.restrictions():
            parts.append(f"{name}={'+'.join(sorted(str(v) for v in values))}")
        if self.panel is not None:
            parts.append(f"also assessed {self.panel.describe()}")
        return " ".join(parts)


class Timeline:
    """The slots the published periods cut the fixture's years into."""

    def __init__(self, periods: Iterable[Period]) -> None:
        bounds = {date(year, 1, 1) for year in (*YEARS, YEARS[-1] + 1)}
        for period in periods:
            if period.start is not None:
                bounds.add(period.start)
            if period.end is not None:
                bounds.add(period.end + timedelta(days=1))
        self.bounds = sorted(bounds)
        self.slots = len(self.bounds) - 1

    def slot(self, day: date) -> int:
        index = bisect_right(self.bounds, day) - 1
        if not 0 <= index < self.slots:
            raise ValueError(f"{day} is outside the audited years")
        return index

    def mask(self, period: Period, year: int | None = None, panel: Period | None = None) -> int:
        bits = 0
        for index in range(self.slots):
            first, last = self.bounds[index], self.bounds[index + 1] - timedelta(days=1)
            if period.start is not None and first < period.start:
                continue
            if period.end is not None and last > period.end:
                continue
            if year is not None and first.year != year:
                continue
            bits |= 1 << index
        return bits


class Atoms:
    """The unknowns' index: atom attributes as arrays, and the ground truth."""

    def __init__(
        self,
        ref: Reference,
        timeline: Timeline,
        truth: Sequence[FactoryTruth],
        families: Iterable[frozenset[str]],
    ) -> None:
        """`families`: the sets of compliance points whose non-compliance (on any of
        them) some figure counts; each gets its own unknowns."""
        families = set(families)
        self.timeline = timeline
        geo = [(label.parent, code) for code, label in ref.legacy_provinces.items()]
        geo += [(code, None) for code in ref.provinces]
        self.patterns = _patterns(timeline, truth)
        rows = [
            (province, legacy, sector, band, pattern)
            for province, legacy in geo
            for sector in ref.sectors
            for band in ref.size_bands
            for pattern in self.patterns
        ]
        self.province = np.array([row[0] for row in rows], dtype=object)
        self.legacy = np.array([row[1] for row in rows], dtype=object)
        self.sector = np.array([row[2] for row in rows], dtype=object)
        self.size_band = np.array([row[3] for row in rows], dtype=object)
        self.pattern = np.array([row[4] for row in rows], dtype=np.int64)
        self.count = len(rows)
        self._where: dict[tuple[str, object], np.ndarray] = {}
        position = {row: index for index, row in enumerate(rows)}
        self.true_x = np.zeros(self.count)
        # true_n[family][atom, slot]: factories non-compliant at their latest visit there.
        self.true_n = {family: np.zeros((self.count, timeline.slots)) for family in families}
        for factory in truth:
            latest: dict[int, dict[str, bool]] = {}
            for visit in sorted(factory.visits, key=lambda v: v.on):
                latest[timeline.slot(visit.on)] = visit.findings
            pattern = sum(1 << slot for slot in latest)
            atom = position[
                (factory.province, factory.legacy, factory.sector, factory.size_band, pattern)
            ]
            self.true_x[atom] += 1
            for family in families:
                for slot, findings in latest.items():
                    if any(findings.get(point, False) for point in family):
                        self.true_n[family][atom, slot] += 1

    def members(self, spec: CellSpec) -> np.ndarray:
        """Which atoms the cell covers."""
        inside = self.pattern & self._mask(spec) != 0
        if spec.panel is not None:
            inside &= self.pattern & self.timeline.mask(spec.panel) != 0
        for name, values in spec.restrictions():
            inside &= np.logical_or.reduce(
                [self._equal(name, value) for value in values], initial=False
            )
        return inside

    def _equal(self, name: str, value: object) -> np.ndarray:
        key = (name, value)
        if key not in self._where:
            self._where[key] = getattr(self, name) == value
        return self._where[key]

    def latest_slot(self, spec: CellSpec) -> np.ndarray:
        """Per atom, the slot whose assessment the cell counts (-1 outside the cell)."""
        covered = self.pattern & self._mask(spec)
        slots = np.full(self.count, -1)
        for value in np.unique(covered[covered != 0]):
            slots[covered == value] = int(value).bit_length() - 1
        slots[~self.members(spec)] = -1
        return slots

    def _mask(self, spec: CellSpec) -> int:
        return self.timeline.mask(spec.period, spec.year)


def _patterns(timeline: Timeline, truth: Sequence[FactoryTruth]) -> list[int]:
    present = {
        sum(1 << slot for slot in {timeline.slot(visit.on) for visit in factory.visits})
        for factory in truth
    }
    used = sorted(
        {slot for pattern in present for slot in range(timeline.slots) if pattern >> slot & 1}
    )
    if len(used) > ALL_PATTERNS_UP_TO:
        return sorted(present)
    return sorted(
        sum(1 << slot for slot in chosen)
        for size in range(1, len(used) + 1)
        for chosen in combinations(used, size)
    )
