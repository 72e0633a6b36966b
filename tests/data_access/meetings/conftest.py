"""The briefing tests' small programme (`tests/data_access/briefings/conftest.py`), and
an import that changes its figures: six more garment factories in Hồ Chí Minh City
assessed in 2025, all non-compliant on emergency preparedness, and two more in Đắk
Lắk, whose own two factories are hidden from constituents until then."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine

from data_access.scope import Scope
from tests.data_access.briefings.conftest import programme, programme_sqlite  # noqa: F401
from tests.data_access.fixtures import Builder

ILO = Scope(role="ilo", organisation="ilo", username="ilo.officer")
VGCL = Scope(role="vgcl", organisation="vgcl", username="vgcl.viewer")
VCCI = Scope(role="vcci", organisation="vcci", username="vcci.viewer")
MOLISA = Scope(role="molisa", organisation="molisa", username="molisa.viewer")


def import_more(engine: Engine, *, province: str = "79", count: int = 6) -> None:
    build = Builder(engine, dataset=f"later import {province}")
    for index in range(count):
        factory = build.factory(
            code=f"NEW-{province}-{index}", province=province, legacy=province, workers=900
        )
        build.assessment(
            factory,
            "2025-07-01",
            points={"WT-OVT": True, "OS-EME": True, "CO-MIN": False, "FA-CBA": False},
            dialogue={"union_present": True, "cba_in_force": True, "cba_workers_covered": 900},
        )


@pytest.fixture
def ilo() -> Scope:
    return ILO
