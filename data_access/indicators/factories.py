"""Factory-level views, for ILO programme staff and administrators only.

Names, addresses and individual results are confidential: every function here
checks the scope before touching the database and raises `AccessDenied` for any
constituent or unknown role, whatever the page does.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from datetime import date

import pandas as pd
from sqlalchemy import Engine, Select, case, func, select

from data_access.config import settings
from data_access.filters import Filters
from data_access.indicators.frames import add_labels, counts_as_int, order_rows, stamp
from data_access.indicators.query import (
    ASSESSMENTS,
    COUNTED_TYPES,
    FACTORIES,
    POINT_RESULTS,
    SOCIAL_DIALOGUE,
    counted_assessments,
    year_of,
)
from data_access.refdata import Reference, reference
from data_access.scope import Scope, require, require_known

LISTING_DIMENSIONS: tuple[str, ...] = ("sector", "province", "legacy_province", "size_band")
SEARCH_MAX_LENGTH = 100


class FactoryNotFound(LookupError):
    """No factory has this id."""


def fold(text: str) -> str:
    """Lower case without diacritics, so "nha may" finds "Nhà máy" and "đồng" finds
    "Dong" — how people type on a keyboard without a Vietnamese layout."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def _listing_statement(filters: Filters) -> Select:
    """Each factory matching the filters with its latest counted assessment, the number
    of full assessments in the period and the point counts of the latest one."""
    f = FACTORIES.alias("f")
    counted = counted_assessments(filters, per_year=False)
    r = POINT_RESULTS.alias("r")
    points = (
        select(
            r.c.assessment_id,
            func.count().label("points_assessed"),
            func.sum(case((r.c.non_compliant, 1), else_=0)).label("points_non_compliant"),
        )
        # Only the listed assessments: grouping every result in the table costs a
        # second at national scale.
        .where(
            *filters.point_conditions(r),
            r.c.assessment_id.in_(select(counted.c.assessment_id)),
        )
        .group_by(r.c.assessment_id)
        .subquery("points")
    )
    a = ASSESSMENTS.alias("a")
    in_period = (
        select(a.c.factory_id, func.count().label("assessments"))
        .where(*filters.assessment_conditions(a), a.c.assessment_type.in_(COUNTED_TYPES))
        .group_by(a.c.factory_id)
        .subquery("in_period")
    )
    period_restricted = filters.period_start is not None or filters.period_end is not None
    return (
        select(
            f.c.id.label("factory_id"),
            f.c.code,
            f.c.name,
            f.c.sector_code.label("sector"),
            f.c.province_code.label("province"),
            f.c.legacy_province_code.label("legacy_province"),
            f.c.size_band,
            f.c.workers_total,
            f.c.workers_women,
            f.c.joined_on,
            f.c.left_on,
            func.coalesce(in_period.c.assessments, 0).label("assessments"),
            counted.c.assessment_id.label("latest_assessment_id"),
            counted.c.assessed_on.label("latest_assessed_on"),
            points.c.points_assessed,
            points.c.points_non_compliant,
        )
        .select_from(
            f.join(counted, counted.c.factory_id == f.c.id, isouter=not period_restricted)
            .join(in_period, in_period.c.factory_id == f.c.id, isouter=True)
            .join(points, points.c.assessment_id == counted.c.assessment_id, isouter=True)
        )
        .where(*filters.factory_conditions(f))
        .order_by(f.c.code)
    )


def _matching(frame: pd.DataFrame, search: str) -> pd.DataFrame:
    """The rows whose code or name contains `search`, ignoring case and diacritics."""
    needle = fold(search.strip()[:SEARCH_MAX_LENGTH])
    keep = [
        needle in fold(str(code)) or needle in fold(str(name))
        for code, name in zip(frame["code"], frame["name"], strict=True)
    ]
    return frame[pd.Series(keep, index=frame.index, dtype=bool)] if len(frame) else frame


def factory_listing(
    engine: Engine,
    scope: Scope,
    filters: Filters,
    search: str | None = None,
) -> pd.DataFrame:
    """Factories matching the filters, each with its latest assessment in the period.

    When the filters restrict the period, only factories assessed in it are listed
    (the programme population of `programme_size`); otherwise every registered factory,
    never-assessed ones with empty assessment columns. `search` matches the factory's
    code or name, ignoring case and Vietnamese diacritics. Columns: `factory_id`,
    `code`, `name`, `sector`/`province`/`legacy_province`/`size_band` with their
    `_name_vi`/`_name_en`, `workers_total`, `workers_women`, `joined_on`, `left_on`,
    `assessments` (full assessments in the period), `latest_assessment_id`,
    `latest_assessed_on`, `points_assessed`, `points_non_compliant` (on the latest
    full assessment; follow-up visits are in `factory_history`).
    """
    require_known(scope)
    require(scope, "see_factories")
    statement = _listing_statement(filters)
    with engine.connect() as connection:
        frame = pd.DataFrame(connection.execute(statement).mappings().all())
    if frame.empty:
        frame = pd.DataFrame(columns=[column.name for column in statement.selected_columns])
    if search:
        frame = _matching(frame, search)
    frame = counts_as_int(
        frame.reset_index(drop=True),
        (
            "workers_total",
            "workers_women",
            "assessments",
            "points_assessed",
            "points_non_compliant",
        ),
    )
    frame["latest_assessment_id"] = pd.to_numeric(frame["latest_assessment_id"]).astype("Int64")
    frame["factory_id"] = pd.to_numeric(frame["factory_id"]).astype("Int64")
    frame["latest_assessed_on"] = _dates(frame["latest_assessed_on"])
    frame = add_labels(frame, LISTING_DIMENSIONS, reference(engine))
    return stamp(frame, "factory_listing", "factory_listing", filters, search=search or "")


@dataclass(frozen=True)
class FactoryHistory:
    """Everything the programme knows about one factory, for staff only.

    `factory`: its attributes (with labels); `assessments`: one row per assessment
    (`assessment_id`, `assessed_on`, `year`, `cycle`, `assessment_type`,
    `points_assessed`, `points_non_compliant`), oldest first; `points`: one row per
    assessment and compliance point (`assessment_id`, `assessed_on`,
    `compliance_point` + labels, `cluster`, `cluster_group`, `non_compliant`);
    `social_dialogue`: one row per record (`assessment_id`, `assessed_on`, the
    record's fields and `picc_functioning`)."""

    factory: dict[str, object]
    assessments: pd.DataFrame
    points: pd.DataFrame
    social_dialogue: pd.DataFrame
    picc_min_meetings: int = field(default=6)

    @property
    def latest_assessment_id(self) -> int | None:
        if self.assessments.empty:
            return None
        return int(self.assessments["assessment_id"].iloc[-1])

    @property
    def latest_points(self) -> pd.DataFrame:
        """Compliance points of the latest assessment."""
        latest = self.latest_assessment_id
        return self.points[self.points["assessment_id"] == latest].reset_index(drop=True)

    @property
    def latest_non_compliant_points(self) -> pd.DataFrame:
        latest = self.latest_points
        return latest[latest["non_compliant"]].reset_index(drop=True)


ASSESSMENT_COLUMNS: tuple[str, ...] = (
    "assessment_id",
    "assessed_on",
    "year",
    "cycle",
    "assessment_type",
    "points_assessed",
    "points_non_compliant",
)
POINT_COLUMNS: tuple[str, ...] = (
    "assessment_id",
    "assessed_on",
    "compliance_point",
    "non_compliant",
)
#: The factory's own columns that name a reference dimension: (dimension, column, kind).
NAMED_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("sector", "sector_code", "sectors"),
    ("province", "province_code", "provinces"),
    ("legacy_province", "legacy_province_code", "legacy_provinces"),
    ("size_band", "size_band", "size_bands"),
)


def _history_statements(factory_id: int) -> tuple[Select, Select, Select]:
    """(assessments with their point counts, point results, social-dialogue records)
    of one factory, oldest first."""
    a, r, sd = ASSESSMENTS.alias("a"), POINT_RESULTS.alias("r"), SOCIAL_DIALOGUE.alias("sd")
    assessments = (
        select(
            a.c.id.label("assessment_id"),
            a.c.assessed_on,
            year_of(a.c.assessed_on).label("year"),
            a.c.cycle,
            a.c.assessment_type,
            func.count(r.c.cp_code).label("points_assessed"),
            func.sum(case((r.c.non_compliant, 1), else_=0)).label("points_non_compliant"),
        )
        .select_from(a.outerjoin(r, r.c.assessment_id == a.c.id))
        .where(a.c.factory_id == factory_id)
        .group_by(a.c.id, a.c.assessed_on, a.c.cycle, a.c.assessment_type)
        .order_by(a.c.assessed_on, a.c.id)
    )
    points = (
        select(
            a.c.id.label("assessment_id"),
            a.c.assessed_on,
            r.c.cp_code.label("compliance_point"),
            r.c.non_compliant,
        )
        .select_from(a.join(r, r.c.assessment_id == a.c.id))
        .where(a.c.factory_id == factory_id)
        .order_by(a.c.assessed_on, a.c.id)
    )
    dialogue = (
        select(a.c.assessed_on, sd)
        .select_from(sd.join(a, a.c.id == sd.c.assessment_id))
        .where(sd.c.factory_id == factory_id)
        .order_by(a.c.assessed_on, a.c.id)
    )
    return assessments, points, dialogue


def _labelled(factory: dict[str, object], ref: Reference) -> dict[str, object]:
    """The factory's attributes with each dimension's name in both languages."""
    for dim, column, kind in NAMED_COLUMNS:
        code = factory.get(column)
        for lang in ("vi", "en"):
            factory[f"{dim}_name_{lang}"] = ref.name(kind, code, lang) if code else None
    return factory


def _typed_assessments(assessments: pd.DataFrame) -> pd.DataFrame:
    if assessments.empty:
        assessments = pd.DataFrame(columns=list(ASSESSMENT_COLUMNS))
    assessments = counts_as_int(
        assessments, ("assessment_id", "year", "cycle", "points_assessed", "points_non_compliant")
    )
    assessments["assessed_on"] = _dates(assessments["assessed_on"])
    return assessments


def _typed_points(points: pd.DataFrame, ref: Reference) -> pd.DataFrame:
    if points.empty:
        points = pd.DataFrame(columns=list(POINT_COLUMNS))
    points["non_compliant"] = points["non_compliant"].astype(bool)
    points["assessed_on"] = _dates(points["assessed_on"])
    return order_rows(add_labels(points, ("compliance_point",), ref), (), ref)


def _typed_dialogue(dialogue: pd.DataFrame, meetings: int) -> pd.DataFrame:
    """Records with `picc_functioning` by the configured meeting count."""
    if dialogue.empty:
        return dialogue
    dialogue["picc_functioning"] = dialogue["picc_present"].astype(bool) & (
        dialogue["picc_meetings_12m"] >= meetings
    )
    dialogue = dialogue.drop(columns=["id", "factory_id"])
    dialogue["assessed_on"] = _dates(dialogue["assessed_on"])
    return dialogue


def factory_history(
    engine: Engine,
    scope: Scope,
    factory_id: int,
    *,
    picc_min_meetings: int | None = None,
) -> FactoryHistory:
    """One factory's assessments, compliance-point results and social-dialogue records.
    Raises `AccessDenied` for non-staff scopes and `FactoryNotFound` for an unknown id."""
    require_known(scope)
    require(scope, "see_factories")
    meetings = settings().picc_min_meetings if picc_min_meetings is None else picc_min_meetings
    ref = reference(engine)
    factory_id = int(factory_id)
    statements = _history_statements(factory_id)
    f = FACTORIES.alias("f")
    with engine.connect() as connection:
        row = connection.execute(select(f).where(f.c.id == factory_id)).mappings().first()
        if row is None:
            raise FactoryNotFound(f"No factory with id {factory_id}.")
        assessments, points, dialogue = (
            pd.DataFrame(connection.execute(statement).mappings().all()) for statement in statements
        )
    history = FactoryHistory(
        _labelled(dict(row), ref),
        _typed_assessments(assessments),
        _typed_points(points, ref),
        _typed_dialogue(dialogue, meetings),
        meetings,
    )
    for frame in (history.assessments, history.points, history.social_dialogue):
        stamp(frame, "factory_history", "factory_history", Filters(), factory_id=factory_id)
    return history


def _dates(values: pd.Series) -> pd.Series:
    """Dates as Python `date` objects on both backends (SQLite may hand back strings)."""
    return pd.Series(
        [
            value
            if isinstance(value, date) or value is None or value is pd.NA
            else date.fromisoformat(str(value)[:10])
            if isinstance(value, str)
            else None
            for value in values
        ],
        index=values.index,
        dtype=object,
    )
