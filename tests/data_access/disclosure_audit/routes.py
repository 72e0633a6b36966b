"""The six routes of issue 11, each as the few requests an attacker needs for it, so each
route is proved closed (or shown open) on its own.

1. Totals minus the visible parts (national minus the provinces shown).
2. The 34-province view against the 63-unit view.
3. The published reason ("small" beside "complementary") inside one province.
4. One selection minus another (a province minus its garment factories), and the
   refused union asked for directly.
5. A span of years minus its last year (the leaver); two date windows one day apart
   (the lone assessment day).
6. The app's own differences: the Overview's headline change and the sector page's
   same-factories comparison beside the later year's figures.
"""

from __future__ import annotations

from datetime import date, timedelta

from data_access.filters import Filters
from data_access.indicators import non_compliance, non_compliance_change, programme_size
from data_access.indicators.change import change
from data_access.periods import Comparison, comparison
from data_access.refdata import Reference
from tests.data_access.disclosure_audit.dataset import LONE_DAY, YEARS
from tests.data_access.disclosure_audit.selections import Request, breakdown_requests, one

LATEST = Filters(year_from=YEARS[-1], year_to=YEARS[-1])
POINT = ("compliance_point",)


def _size_and_points(filters: Filters, label: str, *dims: str) -> list[Request]:
    return [
        Request(f"{label} size", one(programme_size, filters)),
        Request(f"{label} points", one(non_compliance, filters, POINT)),
        *breakdown_requests(filters, label, dims),
    ]


def totals_minus_visible_parts(ref: Reference) -> list[Request]:
    return _size_and_points(LATEST, "latest", "province") + _size_and_points(
        Filters(), "all years", "province"
    )


def two_province_views(ref: Reference) -> list[Request]:
    return _size_and_points(LATEST, "latest", "province", "legacy_province")


def published_reason(ref: Reference) -> list[Request]:
    return _size_and_points(
        Filters(year_from=YEARS[-1], year_to=YEARS[-1], provinces=("79",)), "79", "legacy_province"
    )


def one_selection_minus_another(ref: Reference) -> list[Request]:
    city = Filters(year_from=YEARS[-1], year_to=YEARS[-1], provinces=("79",))
    return (
        _size_and_points(city, "79")
        + _size_and_points(Filters(**{**_fields(city), "sectors": ("garment",)}), "79 garment")
        + _size_and_points(
            Filters(**{**_fields(city), "sectors": ("footwear", "travel_goods")}),
            "79 footwear+travel goods",
        )
    )


def periods_and_date_windows(ref: Reference) -> list[Request]:
    start = date(LONE_DAY.year, 1, 1)
    return (
        _size_and_points(Filters(year_from=YEARS[-2], year_to=YEARS[-1]), "last two years")
        + _size_and_points(LATEST, "latest")
        + _size_and_points(
            Filters(date_from=start, date_to=LONE_DAY - timedelta(days=1)), "to the eve"
        )
        + _size_and_points(Filters(date_from=start, date_to=LONE_DAY), "to the day")
    )


def change_figures(ref: Reference) -> list[Request]:
    compared = comparison(Filters(), ref) or Comparison(LATEST, LATEST)
    previous = Filters(year_from=YEARS[-2], year_to=YEARS[-2])
    return [
        Request("overview headline", one(change, compared, "programme_size")),
        Request(
            "sector comparison, same factories",
            one(non_compliance_change, previous, LATEST, POINT, same_factories=True),
        ),
        *_size_and_points(LATEST, "latest"),
        *_size_and_points(previous, "previous"),
    ]


def _fields(filters: Filters) -> dict[str, object]:
    return {name: getattr(filters, name) for name in filters.__dataclass_fields__}


#: route → (its requests, whether the attacker reads the published reasons)
ROUTES = {
    "1-totals-minus-visible-parts": (totals_minus_visible_parts, False),
    "2-two-province-views": (two_province_views, False),
    "3-published-reason": (published_reason, True),
    "4-one-selection-minus-another": (one_selection_minus_another, False),
    "5-periods-and-date-windows": (periods_and_date_windows, False),
    "6-change-figures": (change_figures, False),
}
