"""The audit's programme: 44 factories written through the fixture builder (the importer's
path: question-level findings, point results, then one summary rebuild), with small
cells in every place the issue's routes went through.

- Hồ Chí Minh (79) across three legacy units: Hồ Chí Minh 10, Bình Dương 5, Bà Rịa –
  Vũng Tàu 1 (a remainder of 6 split 5 + 1: the "small"/"complementary" route), and
  in the city 4 footwear and travel-goods factories beside 12 garment ones.
- Quảng Ninh (22), never merged, 3 factories; Cần Thơ (92) 1 factory.
- Đồng Nai (75): Đồng Nai 6, Bình Phước 2, and a joiner registered after the merger.
- Hải Phòng (31): Hải Dương 4 and Hải Phòng 4 (a visible province of two small units).
- Hà Nội (01) 7, one of them a leaver assessed last in February 2024.
- Travel goods is a sector of 4; 3,000 workers or more a size band of 2.
- 9 September 2025 is a day with exactly one assessment.

Every assessment records the three audited compliance points (one per cluster, so a
cluster's figure is its point's) and a social-dialogue record.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Engine

from data_access.models import size_band_for
from tests.data_access.fixtures import Builder

#: One compliance point per cluster: Compensation, Freedom of Association, OSH.
POINTS: tuple[str, ...] = ("CO-MIN", "FA-FRE", "OS-EME")
YEARS: tuple[int, ...] = (2023, 2024, 2025)
LONE_DAY = date(2025, 9, 9)
LEAVER_LAST_VISIT = date(2024, 2, 10)


@dataclass(frozen=True)
class Visit:
    on: date
    findings: dict[str, bool]


@dataclass(frozen=True)
class FactoryTruth:
    """A factory as the auditor knows it (and the attacker does not)."""

    province: str
    legacy: str | None
    sector: str
    size_band: str
    visits: tuple[Visit, ...]


#: (province, legacy unit, sector, how many)
LAYOUT: tuple[tuple[str, str | None, str, int], ...] = (
    ("79", "79", "garment", 6),
    ("79", "79", "footwear", 3),
    ("79", "79", "travel_goods", 1),
    ("79", "74", "garment", 5),
    ("79", "77", "garment", 1),
    ("01", "01", "garment", 4),
    ("01", "01", "footwear", 2),
    ("01", "01", "travel_goods", 1),
    ("75", "75", "garment", 6),
    ("75", "70", "garment", 2),
    ("22", "22", "garment", 3),
    ("92", "92", "garment", 1),
    ("31", "30", "garment", 2),
    ("31", "30", "travel_goods", 2),
    ("31", "31", "garment", 4),
)
WORKERS_CYCLE: tuple[int, ...] = (400, 800, 1500, 800, 1500, 400, 1500)
BIG = {3, 20}  # factory positions with 3,500 workers


def _findings(position: int, year: int) -> dict[str, bool]:
    return {
        point: (position * 7 + year * 3 + offset * 2) % 5 < 2 for offset, point in enumerate(POINTS)
    }


def _visit_dates(position: int) -> list[date]:
    spring = position % 2 == 0
    return [
        date(2023, 4, 12),
        date(2024, 2, 10) if spring else date(2024, 6, 18),
        date(2025, 3, 10) if spring else date(2025, 5, 20),
    ]


def truths() -> list[FactoryTruth]:
    """The programme, before it is written: also the auditor's ground truth."""
    factories: list[FactoryTruth] = []
    position = 0
    for province, legacy, sector, count in LAYOUT:
        for _ in range(count):
            workers = 3500 if position in BIG else WORKERS_CYCLE[position % len(WORKERS_CYCLE)]
            dates = _visit_dates(position)
            factories.append(
                FactoryTruth(
                    province=province,
                    legacy=legacy,
                    sector=sector,
                    size_band=size_band_for(workers),
                    visits=tuple(Visit(on, _findings(position, on.year)) for on in dates),
                )
            )
            position += 1
    return _with_movers(factories)


def _with_movers(factories: list[FactoryTruth]) -> list[FactoryTruth]:
    """The leaver (a Hà Nội garment factory last assessed in February 2024), the lone
    day (one Hồ Chí Minh garment factory's 2025 visit moved to 9 September) and the
    joiner (a footwear factory registered in Đồng Nai after the merger, 2025 only)."""
    leaver = next(i for i, f in enumerate(factories) if (f.province, f.sector) == ("01", "garment"))
    kept = factories[leaver].visits
    factories[leaver] = _replace_visits(
        factories[leaver], (kept[0], Visit(LEAVER_LAST_VISIT, kept[1].findings))
    )
    lone = next(i for i, f in enumerate(factories) if (f.legacy, f.sector) == ("79", "garment"))
    visits = factories[lone].visits
    factories[lone] = _replace_visits(
        factories[lone], (*visits[:2], Visit(LONE_DAY, visits[2].findings))
    )
    factories.append(
        FactoryTruth(
            province="75",
            legacy=None,
            sector="footwear",
            size_band=size_band_for(800),
            visits=(Visit(date(2025, 5, 20), _findings(99, 2025)),),
        )
    )
    return factories


def _replace_visits(factory: FactoryTruth, visits: tuple[Visit, ...]) -> FactoryTruth:
    return FactoryTruth(factory.province, factory.legacy, factory.sector, factory.size_band, visits)


WORKERS_OF_BAND = {"lt500": 400, "500-999": 800, "1000-2999": 1500, "ge3000": 3500}


def build(engine: Engine) -> list[FactoryTruth]:
    """Write the programme as an import would and return its ground truth."""
    build = Builder(engine, summaries=False)
    factories = truths()
    for factory in factories:
        first = factory.visits[0].on
        factory_id = build.factory(
            sector=factory.sector,
            province=factory.province,
            legacy=factory.legacy,
            workers=WORKERS_OF_BAND[factory.size_band],
            women=WORKERS_OF_BAND[factory.size_band] * 6 // 10,
            joined_on=date(first.year, 1, 1),
        )
        for visit in factory.visits:
            build.assessment(factory_id, visit.on, points=visit.findings, dialogue={})
    build.publish()
    return factories
