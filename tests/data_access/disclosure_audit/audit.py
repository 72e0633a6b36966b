"""The attack as linear programming: everything a constituent was shown, as equations and
inequalities over the atoms (`model.py`), and the feasible range of every protected cell.

Known to the attacker: every visible figure (an equation), every hidden row (that cell
holds at least one factory), the published reason when `reasons` (``small``: 1 to
`min_factories − 1`; ``complementary``: a cell that is not small, so at least
`min_factories`; each reading used only while every label of its kind bears it out),
every absent row of a frame that has rows (no factory there), and non-negativity; for
non-compliance also 0 ≤ non-compliant ≤ factories in every atom. Relaxed to real
numbers, so a range is at least as wide as the attacker's integer one.

Protected cells: (a) every hidden cell resting on 1 to `min_factories − 1` factories;
(b) every difference of two published cells, one inside the other (a selection minus a
narrower one, a period minus a shorter one, a period minus its same-factories panel),
that rests on 1 to `min_factories − 1` factories: what subtraction isolates.

Criteria. Factory count: the feasible range must reach `min_factories` and be at least
as wide as [1, `min_factories`] (otherwise the cell is pinned or shown to be small).
Non-compliant count of each audited compliance point: the range must hold at least two
whole numbers (otherwise the cell's findings are pinned). Both are checked for every
protected cell.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import linprog
from scipy.sparse import csr_matrix, hstack, identity, vstack

from data_access.disclosure import COMPLEMENTARY, SMALL
from data_access.refdata import Reference
from tests.data_access.disclosure_audit.dataset import POINTS, FactoryTruth
from tests.data_access.disclosure_audit.figures import COUNT, Figure
from tests.data_access.disclosure_audit.model import Atoms, CellSpec, Timeline

EPS = 1e-6
POINT_FAMILIES = tuple(frozenset({point}) for point in POINTS)


@dataclass(frozen=True)
class Leak:
    cell: str
    measure: str
    true: float
    low: float
    high: float

    def __str__(self) -> str:
        return (
            f"{self.cell} — {self.measure}: true {self.true:g}, "
            f"feasible [{self.low + 0.0:.4g}, {self.high + 0.0:.4g}]"
        )


@dataclass
class AuditResult:
    requests: int = 0
    refused: list[str] = field(default_factory=list)
    figures: int = 0
    hidden: int = 0
    protected: int = 0
    solves: int = 0
    leaks: list[Leak] = field(default_factory=list)
    mismatches: list[str] = field(default_factory=list)
    #: (asking the data layer, solving), printed for the record, never asserted.
    seconds: tuple[float, float] = (0.0, 0.0)

    def summary(self) -> str:
        return (
            f"{self.requests} requests ({len(self.refused)} refused), {self.figures} figures, "
            f"{self.hidden} hidden cells, {self.protected} protected cells, "
            f"{self.solves} LPs, {len(self.leaks)} leaks; "
            f"asked in {self.seconds[0]:.1f} s, solved in {self.seconds[1]:.1f} s"
        )


@dataclass
class _Target:
    label: str
    count: np.ndarray  # 1 for the classes of atoms in the cell
    slots: np.ndarray  # per class, the slot whose findings the cell counts (-1: outside)


class Audit:
    """One attacker's knowledge (`figures`) against the ground truth (`truth`)."""

    def __init__(
        self,
        figures: Sequence[Figure],
        truth: Sequence[FactoryTruth],
        ref: Reference,
        min_factories: int,
        *,
        reasons: bool = True,
    ) -> None:
        self.figures = list(figures)
        self.m = min_factories
        self.reasons = reasons
        periods = {f.spec.period for f in self.figures}
        periods |= {f.spec.panel for f in self.figures if f.spec.panel is not None}
        families = {f.family for f in self.figures if f.family is not COUNT}
        families |= set(POINT_FAMILIES)
        self.atoms = Atoms(ref, Timeline(periods), truth, families)
        self._members: dict[CellSpec, np.ndarray] = {}
        self._slots: dict[CellSpec, np.ndarray] = {}

    def members(self, spec: CellSpec) -> np.ndarray:
        if spec not in self._members:
            self._members[spec] = self.atoms.members(spec)
        return self._members[spec]

    def slots(self, spec: CellSpec) -> np.ndarray:
        if spec not in self._slots:
            self._slots[spec] = self.atoms.latest_slot(spec)
        return self._slots[spec]

    def true_value(self, figure: Figure) -> float:
        if figure.family is COUNT:
            return float(self.atoms.true_x[self.members(figure.spec)].sum())
        slots = self.slots(figure.spec)
        inside = np.flatnonzero(slots >= 0)
        return float(self.atoms.true_n[figure.family][inside, slots[inside]].sum())

    # --- the attacker's system -----------------------------------------------------------

    def run(self, result: AuditResult) -> AuditResult:
        result.figures = len(self.figures)
        result.hidden = sum(1 for f in self.figures if f.hidden and f.family is COUNT)
        for figure in self.figures:
            if figure.value is not None and abs(self.true_value(figure) - figure.value) > EPS:
                result.mismatches.append(
                    f"{figure.source} [{figure.spec.describe()}]: published {figure.value:g}, "
                    f"the audit's model says {self.true_value(figure):g}"
                )
        if result.mismatches:
            return result
        self._build_counts()
        targets = self._targets()
        result.protected = len(targets)
        for target in targets:
            self._check(target, result)
        return result

    def _build_counts(self) -> None:
        zero = np.zeros(self.atoms.count, dtype=bool)
        for figure in self.figures:
            if figure.family is COUNT and figure.value == 0:
                zero |= self.members(figure.spec)
        self._merge(np.flatnonzero(~zero))
        rows: dict[bytes, tuple[np.ndarray, float]] = {}
        lower: dict[bytes, tuple[np.ndarray, float]] = {}
        upper: dict[bytes, tuple[np.ndarray, float]] = {}
        readable = self._readable_reasons()
        for figure in self.figures:
            if figure.family is not COUNT:
                continue
            vector = self.members(figure.spec)[self.live]
            key = vector.tobytes()
            if figure.value is not None:
                if figure.value != 0:
                    rows[key] = (vector, figure.value)
                continue
            if figure.exists:
                _tighten(lower, key, vector, 1.0, max)
            if figure.reason == SMALL and SMALL in readable:
                _tighten(upper, key, vector, self.m - 1.0, min)
            if figure.reason == COMPLEMENTARY and COMPLEMENTARY in readable:
                _tighten(lower, key, vector, float(self.m), max)
        size = len(self.live)
        self.eq = _matrix([v for v, _ in rows.values()], size)
        self.eq_rhs = np.array([b for _, b in rows.values()])
        ub = [v for v, _ in upper.values()] + [-v.astype(float) for v, _ in lower.values()]
        self.ub = _matrix(ub, size)
        self.ub_rhs = np.array([b for _, b in upper.values()] + [-b for _, b in lower.values()])
        self.counts = _System(self.eq, self.eq_rhs, self.ub, self.ub_rhs)
        self.nc: dict[frozenset[str], _Family] = {}

    def _readable_reasons(self) -> set[str]:
        """The reasons whose reading holds for every cell labelled with it (``small``: 1
        to `min_factories − 1`; ``complementary``: at least `min_factories`): a label
        the data layer uses otherwise tells the attacker nothing certain."""
        if not self.reasons:
            return set()
        holds = {
            SMALL: lambda true: 1 <= true < self.m,
            COMPLEMENTARY: lambda true: true >= self.m,
        }
        readable = set(holds)
        for figure in self.figures:
            labelled = figure.family is COUNT and figure.value is None and figure.reason in holds
            if labelled and not holds[figure.reason](self.true_value(figure)):
                readable.discard(figure.reason)
        return readable

    def _merge(self, live: np.ndarray) -> None:
        """One unknown per class of atoms that no figure tells apart (same cells, same
        counted slot in each): the system is the same, and much smaller."""
        specs = list(dict.fromkeys(figure.spec for figure in self.figures))
        members = np.array([self.members(spec)[live] for spec in specs], dtype=np.int64)
        slots = np.array([self.slots(spec)[live] for spec in specs], dtype=np.int64)
        signature = np.vstack([members, slots]).T
        _, first, inverse = np.unique(signature, axis=0, return_index=True, return_inverse=True)
        inverse = np.asarray(inverse).reshape(-1)
        classes = len(first)
        self.live = live[first]
        self.class_x = np.bincount(inverse, weights=self.atoms.true_x[live], minlength=classes)
        self.class_n: dict[frozenset[str], np.ndarray] = {}
        for family, counts in self.atoms.true_n.items():
            summed = np.zeros((classes, counts.shape[1]))
            np.add.at(summed, inverse, counts[live])
            self.class_n[family] = summed
        self.class_slots = [sorted({int(v) for v in slots[:, j]} - {-1}) for j in first]

    def _family(self, family: frozenset[str]) -> _Family:
        if family not in self.nc:
            self.nc[family] = _Family(self, family)
        return self.nc[family]

    # --- what must stay protected ----------------------------------------------------------

    def _targets(self) -> list[_Target]:
        true_x = self.class_x
        targets: dict[bytes, _Target] = {}
        cells: dict[bytes, CellSpec] = {}
        for figure in self.figures:
            if figure.family is not COUNT or figure.value == 0:
                continue
            vector = self.members(figure.spec)[self.live]
            cells.setdefault(vector.tobytes(), figure.spec)
            true = float(true_x[vector].sum())
            if figure.hidden and 1 <= true < self.m:
                key = vector.tobytes()
                if key not in targets:
                    targets[key] = self._target(
                        f"hidden {figure.source} [{figure.spec.describe()}]", figure.spec, None
                    )
        specs = list(cells.values())
        matrix = np.array([self.members(spec)[self.live] for spec in specs], dtype=float)
        sizes = matrix @ true_x
        outside = matrix @ (1.0 - matrix).T  # [a, b]: atoms of a not in b
        gap = sizes[None, :] - sizes[:, None]
        nested = (outside < 0.5) & (gap >= 1) & (gap < self.m)
        for a, b in zip(*np.nonzero(nested), strict=True):
            difference = (matrix[b] > 0) & ~(matrix[a] > 0)
            key = difference.tobytes()
            if key in targets:
                continue
            targets[key] = self._target(
                f"difference [{specs[b].describe()}] minus [{specs[a].describe()}]",
                specs[b],
                specs[a],
            )
        return list(targets.values())

    def _target(self, label: str, spec: CellSpec, minus: CellSpec | None) -> _Target:
        """The factories of `spec` not in `minus`, and the slot whose findings count for
        each (the group's own findings, whether or not the two figures' difference is
        exactly them)."""
        inside = self.members(spec)[self.live]
        slots = self.slots(spec)[self.live]
        if minus is not None:
            inside = inside & ~self.members(minus)[self.live]
            slots = np.where(inside, slots, -1)
        return _Target(label, inside.astype(float), slots)

    # --- solving -------------------------------------------------------------------------

    def _check(self, target: _Target, result: AuditResult) -> None:
        """Maximise first: a cell that can reach `min_factories − 1` above its true value
        (a count), or one above it (findings), passes whatever its minimum."""
        true = float(target.count @ self.class_x)
        high = self.counts.highest(target.count, true + self.m - 1, result)
        if high < true + self.m - 1 - EPS:
            low = self.counts.lowest(target.count, result)
            if high < self.m - EPS or high - low < self.m - 1 - EPS:
                result.leaks.append(Leak(target.label, "factories", true, low, high))
        slots = target.slots
        for family in POINT_FAMILIES:
            system = self._family(family)
            objective = system.objective(slots)
            truth = system.truth(slots)
            high = system.equations.highest(objective, truth + 1, result)
            if high >= truth + 1 - EPS:
                continue
            low = system.equations.lowest(objective, result)
            if math.floor(high + EPS) - math.ceil(low - EPS) < 1:
                point = next(iter(family))
                result.leaks.append(
                    Leak(target.label, f"non-compliant on {point}", truth, low, high)
                )


@dataclass
class _System:
    """Equalities and upper-bound inequalities over non-negative unknowns, with the
    solutions found so far: one of them reaching a threshold settles a maximum without
    another solve (any feasible point is a lower bound on the maximum)."""

    eq: csr_matrix
    eq_rhs: np.ndarray
    ub: csr_matrix
    ub_rhs: np.ndarray
    witnesses: list[np.ndarray] = field(default_factory=list)

    def highest(self, objective: np.ndarray, enough: float, result: AuditResult) -> float:
        """The maximum, or a feasible value of at least `enough`."""
        if self.witnesses:
            reached = float(np.max(np.vstack(self.witnesses) @ objective))
            if reached >= enough - EPS:
                return reached
        return self._solve(objective, maximise=True, result=result)

    def lowest(self, objective: np.ndarray, result: AuditResult) -> float:
        return self._solve(objective, maximise=False, result=result)

    def _solve(self, objective: np.ndarray, *, maximise: bool, result: AuditResult) -> float:
        sign = -1.0 if maximise else 1.0
        solved = linprog(
            sign * objective,
            A_ub=self.ub if self.ub.shape[0] else None,
            b_ub=self.ub_rhs if self.ub.shape[0] else None,
            A_eq=self.eq if self.eq.shape[0] else None,
            b_eq=self.eq_rhs if self.eq.shape[0] else None,
            bounds=(0, None),
            method="highs",
            # Small systems solved hundreds of times: presolve costs more than it saves.
            options={"presolve": False},
        )
        result.solves += 1
        if solved.status == 3:  # unbounded
            return math.inf if maximise else -math.inf
        if solved.status != 0:
            raise AssertionError(f"the attacker's system cannot be solved: {solved.message}")
        self.witnesses.append(np.asarray(solved.x))
        return float(sign * solved.fun)


class _Family:
    """The system for one compliance point: unknowns x (atoms) then n (atom, slot)."""

    def __init__(self, audit: Audit, family: frozenset[str]) -> None:
        live = audit.live
        pairs = [
            (position, slot) for position, used in enumerate(audit.class_slots) for slot in used
        ]
        zero: set[tuple[int, int]] = set()
        equations: dict[bytes, tuple[np.ndarray, float]] = {}
        index = {pair: column for column, pair in enumerate(pairs)}
        self.index, self.live = index, live
        for figure in audit.figures:
            if figure.family != family or figure.value is None:
                continue
            vector = self._vector(audit.slots(figure.spec)[live])
            if figure.value == 0:
                zero |= {pairs[column] for column in np.flatnonzero(vector)}
            else:
                equations.setdefault(vector.tobytes(), (vector, figure.value))
        keep = [column for column, pair in enumerate(pairs) if pair not in zero]
        self.keep = np.array(keep, dtype=int)
        count = len(live)
        columns = len(keep)
        self.pairs = [pairs[column] for column in keep]
        self.true_n = np.array(
            [audit.class_n[family][position, slot] for position, slot in self.pairs]
        )
        eq_n = _matrix([v[self.keep] for v, _ in equations.values()], columns)
        self.eq = vstack(
            [
                hstack([audit.eq, csr_matrix((audit.eq.shape[0], columns))]),
                hstack([csr_matrix((eq_n.shape[0], count)), eq_n]),
            ]
        ).tocsr()
        self.eq_rhs = np.concatenate([audit.eq_rhs, [b for _, b in equations.values()]])
        owner = csr_matrix(
            (
                -np.ones(columns),
                ([i for i in range(columns)], [position for position, _ in self.pairs]),
            ),
            shape=(columns, count),
        )
        self.ub = vstack(
            [
                hstack([audit.ub, csr_matrix((audit.ub.shape[0], columns))]),
                hstack([owner, identity(columns, format="csr")]),
            ]
        ).tocsr()
        self.ub_rhs = np.concatenate([audit.ub_rhs, np.zeros(columns)])
        self.count = count
        self.equations = _System(self.eq, self.eq_rhs, self.ub, self.ub_rhs)

    def _vector(self, slots: np.ndarray) -> np.ndarray:
        vector = np.zeros(len(self.index))
        for position in np.flatnonzero(slots >= 0):
            column = self.index.get((position, int(slots[position])))
            if column is not None:
                vector[column] = 1.0
        return vector

    def objective(self, slots: np.ndarray) -> np.ndarray:
        return np.concatenate([np.zeros(self.count), self._vector(slots)[self.keep]])

    def truth(self, slots: np.ndarray) -> float:
        return float(self._vector(slots)[self.keep] @ self.true_n)


def _tighten(
    bounds: dict[bytes, tuple[np.ndarray, float]],
    key: bytes,
    vector: np.ndarray,
    value: float,
    pick: object,
) -> None:
    if key in bounds:
        value = pick(bounds[key][1], value)  # type: ignore[operator]
    bounds[key] = (vector.astype(float), value)


def _matrix(rows: Sequence[np.ndarray], columns: int) -> csr_matrix:
    if not rows:
        return csr_matrix((0, columns))
    return csr_matrix(np.vstack([np.asarray(row, dtype=float) for row in rows]))
