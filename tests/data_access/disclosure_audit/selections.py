"""The selections a constituent can make, as a documented, deterministic sample, and the
data-layer calls the surfaces make for each (the same functions the pages, downloads
and briefings call; see `docs/ARCHITECTURE.md`).

Periods: all years, each year, each span of years, and date windows in the latest year
from 1 January to the day before and the day of every assessment date that year (the
sidebar offers any dates; two windows one day apart are the sharpest pair). Every
period gets the national figures the pages draw (size, size by year, non-compliance by
point, social dialogue) and the Overview's headline change; all years, each year and
the latest two years also every one-way breakdown (provinces, legacy units, sectors,
size bands, years) of size and of non-compliance by point, clusters, and social
dialogue by province; date windows size, size by province and points.
Selections within the programme (the sidebar's multi-selects), in the latest year: each
sector and each pair of sectors, each size band and each pair of neighbouring bands,
each province (also by legacy unit, the province page), each pair of provinces and
each legacy unit holding factories, and each province × sector it has: size and
non-compliance by point.
Changes: the sector page's comparison by point (all factories and same factories) for
every pair of years, and a national briefing for a constituent audience. About 240
calls, the suite's time budget.

Downloads write the frame the page drew (plus metadata with no figure), and briefing
talking points and key figures are read off the gathered frames, so auditing the
frames audits them. Top-n rankings are row subsets of the frames audited here.

A call the data layer refuses (`AccessDenied`) contributes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, fields, replace
from datetime import date, timedelta
from itertools import combinations, pairwise

import pandas as pd
from sqlalchemy import Engine

from data_access.briefings.gathering import gather
from data_access.briefings.request import BriefingRequest
from data_access.filters import Filters
from data_access.indicators import (
    non_compliance,
    non_compliance_change,
    programme_size,
    social_dialogue,
)
from data_access.indicators.change import change
from data_access.periods import comparison
from data_access.refdata import Reference
from data_access.scope import AccessDenied, Scope, audience_scope
from tests.data_access.disclosure_audit.dataset import YEARS, FactoryTruth

Frames = Callable[[Engine, Scope], Iterable[pd.DataFrame]]


@dataclass(frozen=True)
class Request:
    """One thing a surface asks the data layer for."""

    label: str
    frames: Frames


@dataclass
class Published:
    frames: list[pd.DataFrame]
    requests: int
    refused: list[str]


def ask(engine: Engine, scope: Scope, requests: Sequence[Request]) -> Published:
    frames: list[pd.DataFrame] = []
    refused: list[str] = []
    for request in requests:
        try:
            frames.extend(request.frames(engine, scope))
        except AccessDenied:
            refused.append(request.label)
    return Published(frames, len(requests), refused)


def one(function: Callable[..., pd.DataFrame], *args: object, **options: object) -> Frames:
    return lambda engine, scope: [function(engine, scope, *args, **options)]


# --- the sample -------------------------------------------------------------------------

BASE_SIZE_BY: tuple[object, ...] = (None, "year")
BREAKDOWNS: tuple[str, ...] = ("province", "legacy_province", "sector", "size_band", "year")


def year_periods() -> list[Filters]:
    spans = [(first, last) for first in YEARS for last in YEARS if last >= first]
    return [Filters()] + [Filters(year_from=first, year_to=last) for first, last in spans]


def date_windows(truth: Sequence[FactoryTruth]) -> list[Filters]:
    latest = YEARS[-1]
    days = sorted({v.on for f in truth for v in f.visits if v.on.year == latest})
    start = date(latest, 1, 1)
    windows = []
    for day in days:
        for end in (day - timedelta(days=1), day):
            if end >= start:
                windows.append(Filters(date_from=start, date_to=end))
    return windows


def code_selections(ref: Reference, truth: Sequence[FactoryTruth]) -> list[dict[str, tuple]]:
    """Each sector and pair of sectors, each size band and pair of neighbouring bands,
    each province and pair of provinces and each legacy unit with factories, each
    province × sector it has."""
    provinces = sorted({f.province for f in truth})
    legacy = sorted({f.legacy for f in truth if f.legacy is not None})
    sectors, bands = list(ref.sectors), list(ref.size_bands)
    chosen: list[dict[str, tuple]] = [{"sectors": (code,)} for code in sectors]
    chosen += [{"sectors": pair} for pair in combinations(sectors, 2)]
    chosen += [{"size_bands": (code,)} for code in bands]
    chosen += [{"size_bands": pair} for pair in pairwise(bands)]
    chosen += [{"provinces": (code,)} for code in provinces]
    chosen += [{"provinces": pair} for pair in combinations(provinces, 2)]
    chosen += [{"legacy_provinces": (code,)} for code in legacy]
    pairs = sorted({(f.province, f.sector) for f in truth})
    chosen += [{"provinces": (p,), "sectors": (s,)} for p, s in pairs]
    return chosen


def base_requests(filters: Filters, label: str) -> list[Request]:
    requests = [
        Request(f"{label} size by {by}", one(programme_size, filters, by)) for by in BASE_SIZE_BY
    ]
    requests.append(Request(f"{label} points", one(non_compliance, filters, ("compliance_point",))))
    requests.append(Request(f"{label} dialogue", one(social_dialogue, filters)))
    return requests


def breakdown_requests(filters: Filters, label: str, dims: Iterable[str]) -> list[Request]:
    requests = []
    for dim in dims:
        requests.append(Request(f"{label} size by {dim}", one(programme_size, filters, dim)))
        requests.append(
            Request(
                f"{label} points by {dim}",
                one(non_compliance, filters, (dim, "compliance_point")),
            )
        )
    return requests


def change_requests(filters: Filters, label: str) -> list[Request]:
    requests = []
    for first, last in combinations(YEARS, 2):
        before = replace(filters, year_from=first, year_to=first)
        after = replace(filters, year_from=last, year_to=last)
        for same in (False, True):
            requests.append(
                Request(
                    f"{label} change {first}->{last} same={same}",
                    one(
                        non_compliance_change,
                        before,
                        after,
                        ("compliance_point",),
                        same_factories=same,
                    ),
                )
            )
    return requests


def headline_request(filters: Filters, ref: Reference, label: str) -> list[Request]:
    compared = comparison(filters, ref)
    if compared is None:
        return []
    return [Request(f"{label} headline", one(change, compared, "programme_size"))]


def briefing_request(audience: str, **choice: object) -> Request:
    request = BriefingRequest(
        audience=audience,
        year_from=YEARS[-1],
        year_to=YEARS[-1],
        compare_from=YEARS[-2],
        compare_to=YEARS[-2],
        **choice,  # type: ignore[arg-type]
    )

    def frames(engine: Engine, scope: Scope) -> Iterator[pd.DataFrame]:
        # A briefing is computed under its audience's scope, whoever asks for it.
        gathered = gather(engine, audience_scope(audience), request)
        for field in fields(gathered):
            frame = getattr(gathered, field.name)
            if isinstance(frame, pd.DataFrame) and frame.attrs.get("indicator"):
                yield frame

    return Request(f"briefing {audience} {choice}", frames)


def full_sample(ref: Reference, truth: Sequence[FactoryTruth]) -> list[Request]:
    """Every request of the documented sample."""
    requests: list[Request] = []
    latest = YEARS[-1]
    broken_down = [Filters(), *(Filters(year_from=y, year_to=y) for y in YEARS)]
    broken_down.append(Filters(year_from=latest - 1, year_to=latest))
    for period in year_periods():
        label = period.describe_period("en")
        requests += base_requests(period, label)
        requests += headline_request(period, ref, label)
        if period not in broken_down:
            continue
        requests += breakdown_requests(period, label, BREAKDOWNS)
        requests.append(Request(f"{label} clusters", one(non_compliance, period, ("cluster",))))
        requests.append(
            Request(f"{label} dialogue by province", one(social_dialogue, period, "province"))
        )
    for window in date_windows(truth):
        label = window.describe_period("en")
        requests.append(Request(f"{label} size", one(programme_size, window)))
        requests.append(
            Request(f"{label} points", one(non_compliance, window, ("compliance_point",)))
        )
        requests.append(
            Request(f"{label} size by province", one(programme_size, window, "province"))
        )
    for codes in code_selections(ref, truth):
        for period in (Filters(year_from=latest, year_to=latest),):
            selection = replace(period, **codes)
            label = f"{period.describe_period('en')} {codes}"
            requests.append(Request(f"{label} size", one(programme_size, selection)))
            requests.append(
                Request(f"{label} points", one(non_compliance, selection, ("compliance_point",)))
            )
            if set(codes) == {"provinces"} and len(codes["provinces"]) == 1:
                requests += breakdown_requests(selection, label, ("legacy_province",))[:1]
    requests += change_requests(Filters(), "national")
    requests.append(briefing_request("vcci"))
    return requests
