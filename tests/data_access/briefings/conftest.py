"""A small programme with everything a briefing draws on: two years, four provinces
(Ho Chi Minh City across two former provinces, Huế as former Thừa Thiên Huế, and Đắk
Lắk with two factories only, so that its cells are suppressed for constituents),
four compliance points whose rates move between the years, and social dialogue."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine

from tests.data_access.fixtures import Builder

FACTORY_NAMES = [
    '=HYPERLINK("http://x","y")',
    "+1",
    "-2+3",
    "@SUM(A1)",
    "\tTab Garment",
    "Công ty TNHH May Sông Hồng",
]
LAYOUT = [("79", "79", 6), ("79", "74", 6), ("46", "46", 5), ("66", "66", 2)]


def results(year: int, index: int) -> dict[str, bool]:
    if year == 2024:
        return {
            "WT-OVT": index % 5 != 0,
            "OS-EME": index % 2 == 0,
            "CO-MIN": index % 4 == 0,
            "FA-CBA": index % 3 == 0,
        }
    return {
        "WT-OVT": index % 3 != 0,
        "OS-EME": index % 5 == 0,
        "CO-MIN": index % 4 == 0,
        "FA-CBA": index % 2 == 0,
    }


def seed(engine: Engine) -> Engine:
    build = Builder(engine)
    index = 0
    for province, legacy, count in LAYOUT:
        for _ in range(count):
            name = FACTORY_NAMES[index] if index < len(FACTORY_NAMES) else None
            factory = build.factory(
                province=province,
                legacy=legacy,
                name=name,
                workers=800 + 10 * index,
                women=600,
            )
            for year in (2024, 2025):
                build.assessment(
                    factory,
                    f"{year}-05-0{1 + index % 9}",
                    points=results(year, index),
                    dialogue={
                        "union_present": index % 7 != 0,
                        "cba_in_force": (index + year) % 2 == 0,
                        "cba_workers_covered": 500,
                        "picc_members": 10,
                        "picc_women_members": 4 if year == 2024 else 5,
                    },
                )
            index += 1
    return engine


@pytest.fixture
def programme(engine: Engine) -> Engine:
    """On both backends."""
    return seed(engine)


@pytest.fixture
def programme_sqlite(sqlite_engine: Engine) -> Engine:
    """On SQLite only, for tests about the documents rather than the queries."""
    return seed(sqlite_engine)
