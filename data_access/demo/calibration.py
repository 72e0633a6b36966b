"""The targets the demonstration data is calibrated to, kept as data so they can be read,
checked and changed without touching the generator.

Every figure below comes from `assets/reference/programme_facts.md` (Better Work Viet Nam's
published numbers, with sources) or is a plausible interpolation between them:

- Scale: 49 factories around Ho Chi Minh City in July 2009; 200+ in 2014 when Ha Noi, the
  north (about 30 factories) and footwear (3) joined; 257 assessed in 2015-16; 331 in
  2017-18; about 22 provinces and 18 footwear factories in late 2018; about 400 factories
  and 600,000 workers in 2019; 360+ in July 2020; 440+ factories, 750,000 workers in 29
  provinces and cities for the 2023-2027 phase; 78% women; about 500 enrolled in 2024.
- Non-compliance: overtime limits 92% (2009) -> 67% (2018); management interference in
  unions 74% -> 4%; social insurance 18% -> 6%; welfare facilities 100% -> 33% (2018); no
  functioning OSH unit 52% (2011) -> 32% (2019); inaccurate payrolls 42% -> 13% (2019);
  in 2014: forced labour none, union interference 62%, collective bargaining ~50%, paid
  leave >80%, wage information ~50%, 6 of 8 OSH points at or above 70%, contracts and HR
  from 47% upward.
- Social dialogue: PICCs in almost all factories by 2014, meeting monthly; worker members
  freely elected only where management does not interfere.

Rates are population targets per calendar year ("share of factories assessed in the year
found non-compliant"); years between anchors are interpolated linearly, years outside
them take the nearest anchor.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from itertools import pairwise

Anchors = Sequence[tuple[int, float]]

FIRST_YEAR = 2009
LAST_YEAR = 2026
PROGRAMME_START = date(2009, 7, 1)
# The demo history ends on a fixed day, never "today": the same seed gives the same data
# whenever it is run. 2026 is therefore a partial year (assessments up to 31 October).
DATA_END = date(2026, 10, 31)
# Factories joining from the day the 34 new provinces took office have no legacy unit.
PROVINCE_REFORM = date(2025, 7, 1)

# --- scale: factories assessed per year, by sector ------------------------------------

FACTORY_TARGETS: Mapping[str, Mapping[int, int]] = {
    "garment": {
        2009: 49, 2010: 85, 2011: 115, 2012: 145, 2013: 170, 2014: 197, 2015: 251,
        2016: 280, 2017: 306, 2018: 317, 2019: 376, 2020: 350, 2021: 367, 2022: 398,
        2023: 414, 2024: 449, 2025: 456, 2026: 459,
    },
    "footwear": {
        2014: 3, 2015: 6, 2016: 10, 2017: 14, 2018: 18, 2019: 22, 2020: 22, 2021: 24,
        2022: 27, 2023: 30, 2024: 33, 2025: 35, 2026: 36,
    },
    "travel_goods": {
        2019: 2, 2020: 3, 2021: 4, 2022: 5, 2023: 6, 2024: 8, 2025: 9, 2026: 10,
    },
}  # fmt: skip

# Share of last year's factories that leave the programme during the year (closures,
# buyers moving on); COVID-19 made 2020 a year of many departures and few arrivals.
ATTRITION: Mapping[str, Mapping[int, float]] = {
    "garment": {2020: 0.12, 2021: 0.06},
    "footwear": {2020: 0.05},
    "travel_goods": {},
}
DEFAULT_ATTRITION: Mapping[str, float] = {"garment": 0.05, "footwear": 0.02, "travel_goods": 0.03}

WORKERS_TARGET_YEAR = 2023
WORKERS_TARGET = 750_000
WOMEN_SHARE_TARGET = 0.78

# Headcount before scaling: median and log-spread of a lognormal, by sector.
HEADCOUNT: Mapping[str, tuple[float, float]] = {
    "garment": (1000.0, 0.75),
    "footwear": (3800.0, 0.55),
    "travel_goods": (1100.0, 0.6),
}
MIN_HEADCOUNT = 80
# Women's share of the workforce: mean and spread, by sector.
WOMEN_SHARE: Mapping[str, tuple[float, float]] = {
    "garment": (0.80, 0.07),
    "footwear": (0.76, 0.06),
    "travel_goods": (0.77, 0.07),
}

# --- where: legacy units, the year the programme reached them, and their weight ---------

# (legacy code, region, first year, weight within region). 29 units by 2023, 22 by 2018.
PROVINCE_POOL: tuple[tuple[str, str, int, float], ...] = (
    ("79", "south", 2009, 3.0), ("74", "south", 2009, 4.0), ("75", "south", 2009, 3.0),
    ("80", "south", 2009, 2.0), ("72", "south", 2009, 1.5), ("77", "south", 2009, 1.0),
    ("70", "south", 2011, 1.0), ("82", "south", 2012, 1.0),
    ("01", "north", 2014, 2.0), ("30", "north", 2014, 2.0), ("33", "north", 2014, 1.5),
    ("34", "north", 2014, 1.0), ("36", "north", 2014, 2.0), ("35", "north", 2014, 1.5),
    ("37", "north", 2014, 1.0), ("38", "north", 2014, 2.0), ("40", "north", 2014, 1.5),
    ("24", "north", 2014, 1.5),
    ("27", "north", 2015, 1.0), ("26", "north", 2015, 1.0),
    ("25", "north", 2016, 1.0), ("31", "north", 2017, 1.5),
    ("86", "south", 2019, 0.5), ("42", "central", 2019, 1.0),
    ("49", "central", 2020, 1.5),
    ("48", "central", 2021, 1.0), ("83", "south", 2021, 0.5),
    ("46", "central", 2022, 1.0),
    ("22", "north", 2023, 0.5),
    ("17", "north", 2024, 0.5), ("92", "south", 2024, 0.5),
)  # fmt: skip

# Where the year's new factories go (the north opened with the Ha Noi office, March 2014).
REGION_WEIGHTS: Mapping[int, Mapping[str, float]] = {
    2009: {"south": 1.0},
    2014: {"north": 0.8, "south": 0.2},
    2015: {"north": 0.5, "south": 0.45, "central": 0.05},
    2019: {"north": 0.5, "south": 0.35, "central": 0.15},
}
SCALE_REGION_WEIGHTS: Mapping[str, float] = {"south": 0.5, "north": 0.4, "central": 0.1}
SCALE_SECTOR_WEIGHTS: Mapping[str, float] = {
    "garment": 0.82,
    "footwear": 0.12,
    "travel_goods": 0.06,
}

INVESTOR_COUNTRIES: Mapping[str, Mapping[str, float]] = {
    "garment": {
        "Korea": 0.30, "Taiwan": 0.18, "Viet Nam": 0.17, "China": 0.14, "Hong Kong": 0.08,
        "Japan": 0.05, "Singapore": 0.03, "USA": 0.03, "Sri Lanka": 0.02,
    },
    "footwear": {"Taiwan": 0.45, "Korea": 0.25, "China": 0.15, "Hong Kong": 0.10, "Viet Nam": 0.05},
    "travel_goods": {"China": 0.35, "Korea": 0.25, "Taiwan": 0.2, "Viet Nam": 0.1, "Japan": 0.1},
}  # fmt: skip

# --- non-compliance: share of factories non-compliant on the point, by year ------------

NON_COMPLIANCE: Mapping[str, Anchors] = {
    # Child labour and forced labour: rare (programme_facts: forced labour none in 2014).
    "CL-CHL": ((2009, 0.012), (2016, 0.006), (2026, 0.003)),
    "CL-HAZ": ((2009, 0.015), (2016, 0.008), (2026, 0.004)),
    "CL-YNG": ((2009, 0.02), (2018, 0.012), (2026, 0.008)),
    "FL-COE": ((2009, 0.012), (2026, 0.005)),
    "FL-BON": ((2009, 0.006), (2026, 0.003)),
    "FL-OVT": ((2009, 0.015), (2026, 0.006)),
    "FL-PRI": ((2009, 0.002), (2026, 0.001)),
    # Discrimination.
    "DI-RAC": ((2009, 0.03), (2026, 0.015)),
    "DI-REL": ((2009, 0.015), (2026, 0.008)),
    "DI-GEN": ((2009, 0.30), (2014, 0.25), (2020, 0.15), (2026, 0.12)),
    "DI-OTH": ((2009, 0.10), (2026, 0.05)),
    # Freedom of association: interference 74% -> 4%; bargaining about half in 2014.
    "FA-FRE": ((2009, 0.12), (2018, 0.05), (2026, 0.04)),
    "FA-UOP": ((2009, 0.35), (2018, 0.15), (2026, 0.10)),
    "FA-INT": ((2009, 0.74), (2012, 0.68), (2014, 0.62), (2016, 0.35), (2018, 0.12),
               (2020, 0.06), (2026, 0.04)),
    "FA-CBA": ((2009, 0.55), (2014, 0.50), (2018, 0.36), (2026, 0.25)),
    "FA-STR": ((2009, 0.04), (2026, 0.015)),
    # Compensation: paid leave >80% in 2014; wage information ~50%; social insurance 18 -> 6.
    "CO-MIN": ((2009, 0.22), (2014, 0.15), (2026, 0.08)),
    "CO-OTW": ((2009, 0.40), (2014, 0.32), (2026, 0.15)),
    "CO-PRE": ((2009, 0.32), (2014, 0.27), (2026, 0.14)),
    "CO-MOP": ((2009, 0.12), (2026, 0.05)),
    "CO-WID": ((2009, 0.55), (2014, 0.50), (2019, 0.25), (2026, 0.18)),
    "CO-PLV": ((2009, 0.84), (2014, 0.82), (2018, 0.55), (2023, 0.40), (2026, 0.36)),
    "CO-SOC": ((2009, 0.18), (2014, 0.12), (2019, 0.06), (2026, 0.05)),
    # Contracts and human resources: from 47% upward in 2014.
    "CH-CON": ((2009, 0.55), (2014, 0.48), (2026, 0.28)),
    "CH-PRO": ((2009, 0.50), (2014, 0.47), (2026, 0.25)),
    "CH-TER": ((2009, 0.35), (2014, 0.30), (2026, 0.15)),
    "CH-DDD": ((2009, 0.60), (2014, 0.52), (2026, 0.30)),
    # OSH: six of eight points at or above 70% in 2014; welfare 100% -> 33% (2018);
    # no functioning OSH unit 52% (2011) -> 32% (2019).
    "OS-MGT": ((2009, 0.55), (2011, 0.52), (2019, 0.32), (2026, 0.27)),
    "OS-CHE": ((2009, 0.88), (2014, 0.78), (2026, 0.55)),
    "OS-PRO": ((2009, 0.90), (2014, 0.80), (2026, 0.55)),
    "OS-ENV": ((2009, 0.85), (2014, 0.75), (2026, 0.52)),
    "OS-HEA": ((2009, 0.80), (2014, 0.71), (2026, 0.45)),
    "OS-WEL": ((2009, 0.99), (2013, 0.78), (2018, 0.33), (2023, 0.28), (2026, 0.25)),
    "OS-ACC": ((2009, 0.15), (2026, 0.08)),
    "OS-EME": ((2009, 0.92), (2014, 0.82), (2026, 0.60)),
    # Working time: overtime limits 92% (2009) -> 67% (2018).
    "WT-REG": ((2009, 0.22), (2026, 0.10)),
    "WT-OVT": ((2009, 0.92), (2014, 0.82), (2018, 0.67), (2023, 0.65), (2026, 0.63)),
    "WT-LEA": ((2009, 0.25), (2026, 0.12)),
}  # fmt: skip
# A compliance point the database has but this table does not (a taxonomy import added it).
DEFAULT_NON_COMPLIANCE: Anchors = ((2009, 0.30), (2026, 0.15))

# How much better or worse a factory does than its year's population, in log-odds.
# Spread of a factory's lasting propensity (good factories are good on most points):
FACTORY_EFFECT_SD = 0.5
# First assessments find more; later cycles fewer. Centred per year on the mix of cycles
# actually assessed, so the year's population still lands on the targets above.
CYCLE_EFFECT: Mapping[int, float] = {1: 0.40, 2: 0.12, 3: 0.0, 4: -0.10}
LATE_CYCLE_EFFECT = -0.20
# Once a point is non-compliant, how many of its counted questions carry a finding.
FINDINGS_PER_POINT: tuple[tuple[int, float], ...] = ((1, 0.55), (2, 0.30), (3, 0.15))

# --- social dialogue -------------------------------------------------------------------

UNION_PRESENT: Anchors = ((2009, 0.90), (2014, 0.94), (2026, 0.97))
# Shares below are of all factories assessed in the year (leaders: of those with a union);
# the generator makes them rarer where the related point fails and commoner elsewhere,
# keeping the year's share on the anchor.
# Freely elected union leaders; far rarer where management interferes (FA-INT).
LEADERS_FREELY_ELECTED: Anchors = ((2009, 0.22), (2014, 0.38), (2018, 0.66), (2026, 0.82))
ELECTED_WHEN_INTERFERED = 0.35  # multiplier when the assessment found FA-INT non-compliance
UNION_MEMBERSHIP: Anchors = ((2009, 0.70), (2026, 0.88))  # mean share where a union exists
CBA_IN_FORCE: Anchors = ((2009, 0.50), (2014, 0.55), (2020, 0.70), (2026, 0.76))
CBA_WHEN_BARGAINING_FAILS = 0.6  # multiplier when FA-CBA is non-compliant
PICC_PRESENT: Anchors = ((2009, 0.30), (2012, 0.70), (2014, 0.96), (2026, 0.99))
PICC_SIZES: tuple[int, ...] = (6, 8, 10, 12, 14)
# Women's share of the committee trails their share of the workforce by this many points.
PICC_WOMEN_GAP: Anchors = ((2009, 0.30), (2014, 0.22), (2020, 0.14), (2026, 0.10))
PICC_MEETINGS_MEAN: Anchors = ((2009, 4.0), (2014, 7.0), (2018, 9.0), (2026, 10.0))
PICC_MEETINGS_SD = 2.5
GRIEVANCE_MECHANISM: Anchors = ((2009, 0.40), (2014, 0.65), (2026, 0.90))
WORK_STOPPAGE: Anchors = ((2009, 0.07), (2014, 0.04), (2026, 0.02))
STOPPAGE_WHEN_OVERTIME_AND_PAY_FAIL = 2.0  # multiplier when WT-OVT and CO-MIN both fail


def interpolate(anchors: Anchors, year: int) -> float:
    """Linear between anchor years, flat beyond them: the curves are drawn through the
    few published points, never extrapolated past them."""
    points = sorted(anchors)
    if year <= points[0][0]:
        return points[0][1]
    for (year_a, value_a), (year_b, value_b) in pairwise(points):
        if year <= year_b:
            return value_a + (value_b - value_a) * (year - year_a) / (year_b - year_a)
    return points[-1][1]


def step_lookup(table: Mapping[int, Mapping[str, float]], year: int) -> Mapping[str, float]:
    """The entry of the latest year not after `year` (a table of changes, not of years)."""
    return table[max(key for key in table if key <= year)]


def non_compliance_target(cp_code: str, year: int) -> float:
    return interpolate(NON_COMPLIANCE.get(cp_code, DEFAULT_NON_COMPLIANCE), year)


def cycle_effect(cycle: int) -> float:
    return CYCLE_EFFECT.get(cycle, LATE_CYCLE_EFFECT)


def factory_targets(year: int) -> dict[str, int]:
    return {sector: targets.get(year, 0) for sector, targets in FACTORY_TARGETS.items()}


def attrition(sector: str, year: int) -> float:
    return ATTRITION[sector].get(year, DEFAULT_ATTRITION[sector])
