"""Issue 11's independent audit: can a constituent who combines everything the app shows
them pin down, or show to be small, any cell resting on fewer than `min_factories`
factories? Each test asks the data layer under a constituent scope, writes what it
was told as a linear system (`audit.py`) and bounds every protected cell with HiGHS.

The six route tests are the issue's attacks one at a time; the full audit is the
whole documented sample (`selections.py`) at once. Both run on SQLite and PostgreSQL.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from datetime import date

import numpy as np
import pytest
from sqlalchemy import Engine

from data_access.config import settings
from data_access.refdata import reference
from data_access.scope import Scope
from tests.data_access.disclosure_audit.audit import Audit, AuditResult
from tests.data_access.disclosure_audit.dataset import FactoryTruth, build
from tests.data_access.disclosure_audit.figures import COUNT, Figure, figures_of
from tests.data_access.disclosure_audit.model import CellSpec, Period
from tests.data_access.disclosure_audit.routes import ROUTES
from tests.data_access.disclosure_audit.selections import Request, ask, full_sample

CONSTITUENT = Scope(role="vcci", organisation="vcci", username="auditor")
STAFF = Scope(role="ilo", organisation="ilo", username="auditor")
SHOWN = 12


@pytest.fixture
def programme(engine: Engine) -> list[FactoryTruth]:
    return build(engine)


def run_audit(
    engine: Engine,
    truth: list[FactoryTruth],
    requests: Sequence[Request],
    *,
    reasons: bool,
    scope: Scope = CONSTITUENT,
) -> AuditResult:
    ref = reference(engine)
    started = time.perf_counter()
    published = ask(engine, scope, requests)
    figures = [figure for frame in published.frames for figure in figures_of(frame, ref)]
    result = AuditResult(requests=published.requests, refused=published.refused)
    asked = time.perf_counter()
    result = Audit(figures, truth, ref, settings().min_factories, reasons=reasons).run(result)
    result.seconds = (asked - started, time.perf_counter() - asked)
    return result


def explain(result: AuditResult) -> str:
    lines = [result.summary()]
    lines += [f"  model disagrees: {text}" for text in result.mismatches[:SHOWN]]
    lines += [f"  leak: {leak}" for leak in result.leaks[:SHOWN]]
    if len(result.leaks) > SHOWN:
        lines.append(f"  … and {len(result.leaks) - SHOWN} more")
    return "\n".join(lines)


def test_nothing_a_constituent_can_combine_pins_a_small_cell(
    engine: Engine, programme: list[FactoryTruth]
) -> None:
    result = run_audit(engine, programme, full_sample(reference(engine), programme), reasons=True)
    print(explain(result))
    assert not result.mismatches, explain(result)
    assert result.figures > 1000 and result.protected > 0, explain(result)
    assert not result.leaks, explain(result)


@pytest.mark.parametrize("route", list(ROUTES))
def test_route_is_closed(engine: Engine, programme: list[FactoryTruth], route: str) -> None:
    requests, reasons = ROUTES[route]
    result = run_audit(engine, programme, requests(reference(engine)), reasons=reasons)
    print(explain(result))
    assert not result.mismatches, explain(result)
    assert not result.leaks, explain(result)


def test_the_audit_counts_every_cell_as_the_data_layer_does(
    engine: Engine, programme: list[FactoryTruth]
) -> None:
    """Staff see every value, hidden ones included: each must be the audit's own count,
    so the true values and ranges the audit reports are about the cells the app
    computes."""
    ref = reference(engine)
    requests = [request for build_requests, _ in ROUTES.values() for request in build_requests(ref)]
    result = run_audit(engine, programme, requests, reasons=False, scope=STAFF)
    assert result.figures > 500 and result.hidden > 0  # flagged cells keep their values
    assert not result.mismatches, explain(result)


def test_the_auditor_finds_a_group_that_a_difference_isolates(sqlite_engine: Engine) -> None:
    """Two visible national figures, all years and the latest year, one inside the
    other: their difference is the leaver, 1 factory, with its findings."""
    truth = build(sqlite_engine)
    ref = reference(sqlite_engine)
    latest = Period(date(2025, 1, 1), date(2025, 12, 31))
    figures = [
        Figure(CellSpec(Period(None, None)), COUNT, float(len(truth)), source="all years"),
        Figure(CellSpec(latest), COUNT, float(len(truth) - 1), source="latest"),
    ]
    result = Audit(figures, truth, ref, 5, reasons=False).run(AuditResult())
    counts = [leak for leak in result.leaks if leak.measure == "factories"]
    assert [(leak.true, leak.low, leak.high) for leak in counts] == [(1, 1, 1)]
    assert counts[0].cell.startswith("difference [all years] minus [2025]")


def test_the_auditor_finds_a_cell_that_subtraction_pins(sqlite_engine: Engine) -> None:
    """The auditor itself, on figures written by hand: a national 44 beside every
    province but Cần Thơ shown leaves Cần Thơ's 1 factory pinned, which the audit must
    report; with Quảng Ninh hidden too, both are still shown to be small."""
    truth = build(sqlite_engine)
    ref = reference(sqlite_engine)
    everything = Period(None, None)
    national = CellSpec(everything)
    by_province: dict[str, int] = {}
    for factory in truth:
        by_province[factory.province] = by_province.get(factory.province, 0) + 1
    figures = [Figure(national, COUNT, float(len(truth)), source="national")]
    for province, count in by_province.items():
        spec = national.narrowed("provinces", province)
        hidden = province in {"92", "22"}
        figures.append(
            Figure(
                spec,
                COUNT,
                None if hidden else float(count),
                hidden=hidden,
                exists=True,
                source=f"province {province}",
            )
        )
    result = Audit(figures, truth, ref, 5, reasons=False).run(AuditResult())
    assert not result.mismatches
    pinned = {
        leak.cell.split(" [")[0]: leak for leak in result.leaks if leak.measure == "factories"
    }
    assert set(pinned) == {"hidden province 92", "hidden province 22"}
    assert np.isclose(pinned["hidden province 92"].low, 1)
    assert np.isclose(pinned["hidden province 92"].high, 3)  # 4 hidden between two cells
