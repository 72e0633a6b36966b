"""Roadmap targets: stored, checked, shown to whom, and followed year by year.

Only ILO staff and administrators (`manage_meetings`) add or remove targets; every
change is written to the audit log in the same transaction. A constituent sees the
targets its organisation owns or agreed at a meeting it took part in. What a target
shows is computed under the viewer's scope: its yearly figures come from the
indicator functions (hidden where they are hidden on every other page), and its
baseline value is withheld from a constituent when that year's figure is hidden for
them, since a hand-entered baseline is usually that very figure (and so is the
status, which measures the figures against a line drawn from it).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime

import pandas as pd
from sqlalchemy import Connection, Engine, delete, insert, or_, select

from data_access import audit
from data_access.auth.organisations import ORGANISATIONS
from data_access.models import RoadmapTarget, RoadmapTargetOwner
from data_access.refdata import Reference
from data_access.roadmap.attended import MeetingLabel, attended, meeting_labels
from data_access.roadmap.indicators import Area, Indicator, yearly_values
from data_access.roadmap.status import SUPPRESSED, Path, YearFigure, status
from data_access.scope import Scope, require, require_known
from data_access.users import now

#: Deadlines the roadmap can carry (the 2023–2027 phase and the one after it).
LATEST_DEADLINE = date(2040, 12, 31)


class InvalidTarget(ValueError):
    """A target that cannot be stored; `key` names the message `roadmap.problem.<key>`."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


@dataclass(frozen=True)
class TargetInput:
    indicator: Indicator
    area: Area
    baseline_value: float
    baseline_on: date
    target_value: float
    deadline: date
    owners: tuple[str, ...]
    meeting_id: int | None = None

    def checked(self, ref: Reference) -> TargetInput:
        """This target, or `InvalidTarget` / `UnknownIndicator` saying what is wrong."""
        self.indicator.check(ref)
        self.area.check(ref)
        for value in (self.baseline_value, self.target_value):
            if not 0 <= value <= 1:
                raise InvalidTarget("value_out_of_range")
        if round(self.target_value, 6) == round(self.baseline_value, 6):
            raise InvalidTarget("target_equals_baseline")
        if self.deadline <= self.baseline_on:
            raise InvalidTarget("deadline_before_baseline")
        if self.deadline > LATEST_DEADLINE:
            raise InvalidTarget("deadline_too_late")
        if not self.owners:
            raise InvalidTarget("no_owner")
        if any(owner not in ORGANISATIONS for owner in self.owners):
            raise InvalidTarget("unknown_owner")
        # As stored, so that a target read back compares equal to the one entered.
        return replace(
            self,
            baseline_value=round(self.baseline_value, 6),
            target_value=round(self.target_value, 6),
            owners=tuple(sorted(set(self.owners))),
        )

    @property
    def key(self) -> tuple[str, str, str, str | None, date]:
        """What makes two targets the same one: a file loaded twice changes nothing."""
        return (
            self.indicator.kind,
            self.indicator.code,
            self.area.kind,
            self.area.code,
            self.deadline,
        )


@dataclass(frozen=True)
class StoredTarget:
    """A stored target; `meeting` is where it was agreed, None when there is none or the
    viewer did not take part in it."""

    id: int
    target: TargetInput
    created_by: str
    updated_at: datetime
    meeting: MeetingLabel | None = None


@dataclass(frozen=True)
class TargetProgress:
    """A target as one viewer may see it: `baseline` is None when withheld; `series` the
    yearly figures from the baseline's year (`SERIES_COLUMNS`); `status` the rule's."""

    stored: StoredTarget
    baseline: float | None
    series: pd.DataFrame
    status: str


def _values(target: TargetInput, at: datetime) -> dict[str, object]:
    return {
        "indicator_kind": target.indicator.kind,
        "indicator_code": target.indicator.code,
        "area_kind": target.area.kind,
        "area_code": target.area.code,
        "baseline_value": target.baseline_value,
        "baseline_on": target.baseline_on,
        "target_value": target.target_value,
        "deadline": target.deadline,
        "meeting_id": target.meeting_id,
        "updated_at": at,
    }


def audit_detail(target: TargetInput) -> dict[str, object]:
    return {
        "indicator": f"{target.indicator.kind}:{target.indicator.code}",
        "area": f"{target.area.kind}:{target.area.code or ''}",
        "baseline": target.baseline_value,
        "baseline_on": target.baseline_on.isoformat(),
        "target": target.target_value,
        "deadline": target.deadline.isoformat(),
        "owners": list(target.owners),
        "meeting_id": target.meeting_id,
    }


def save_targets(
    connection: Connection, scope: Scope, targets: Iterable[TargetInput], source: str
) -> tuple[int, int, int]:
    """Add each (checked) target, or bring the stored one with its key up to date;
    returns (added, changed, unchanged). Runs in the caller's transaction, audited there."""
    require(scope, "manage_meetings")
    username = scope.username or scope.role or ""
    at = now()
    added = changed = unchanged = 0
    for target in targets:
        stored_id = _id_for(connection, target)
        if stored_id is None:
            stored_id = connection.execute(
                insert(RoadmapTarget)
                .values(**_values(target, at), created_at=at, created_by=username)
                .returning(RoadmapTarget.id)
            ).scalar_one()
            added += 1
            action = "roadmap_target_add"
        else:
            if _load(connection, [stored_id])[0].target == target:
                unchanged += 1
                continue
            connection.execute(
                RoadmapTarget.__table__.update()
                .where(RoadmapTarget.id == stored_id)
                .values(**_values(target, at))
            )
            connection.execute(
                delete(RoadmapTargetOwner).where(RoadmapTargetOwner.target_id == stored_id)
            )
            changed += 1
            action = "roadmap_target_change"
        connection.execute(
            insert(RoadmapTargetOwner),
            [{"target_id": stored_id, "organisation": owner} for owner in sorted(target.owners)],
        )
        audit.record_with(
            connection,
            action,
            username,
            {"target_id": stored_id, "source": source, **audit_detail(target)},
        )
    return added, changed, unchanged


def add_target(engine: Engine, scope: Scope, target: TargetInput, ref: Reference) -> int:
    """Store one target entered on screen (or change the one with its key); its id."""
    require(scope, "manage_meetings")
    checked = target.checked(ref)
    with engine.begin() as connection:
        save_targets(connection, scope, [checked], "screen")
        stored_id = _id_for(connection, checked)
    assert stored_id is not None
    return stored_id


def remove_target(engine: Engine, scope: Scope, target_id: int) -> None:
    require(scope, "manage_meetings")
    with engine.begin() as connection:
        found = _load(connection, [target_id])
        if not found:
            raise InvalidTarget("target_not_found")
        connection.execute(
            delete(RoadmapTargetOwner).where(RoadmapTargetOwner.target_id == target_id)
        )
        connection.execute(delete(RoadmapTarget).where(RoadmapTarget.id == target_id))
        audit.record_with(
            connection,
            "roadmap_target_remove",
            scope.username,
            {"target_id": target_id, **audit_detail(found[0].target)},
        )


def _id_for(connection: Connection, target: TargetInput) -> int | None:
    kind, code, area_kind, area_code, deadline = target.key
    return connection.scalar(
        select(RoadmapTarget.id).where(
            RoadmapTarget.indicator_kind == kind,
            RoadmapTarget.indicator_code == code,
            RoadmapTarget.area_kind == area_kind,
            RoadmapTarget.area_code.is_(None)
            if area_code is None
            else RoadmapTarget.area_code == area_code,
            RoadmapTarget.deadline == deadline,
        )
    )


def _load(
    connection: Connection, ids: list[int] | None = None, scope: Scope | None = None
) -> list[StoredTarget]:
    query = select(RoadmapTarget).order_by(RoadmapTarget.deadline, RoadmapTarget.id)
    if ids is not None:
        query = query.where(RoadmapTarget.id.in_(ids))
    rows = connection.execute(query).all()
    owners: dict[int, list[str]] = {}
    for target_id, organisation in connection.execute(
        select(RoadmapTargetOwner.target_id, RoadmapTargetOwner.organisation).where(
            RoadmapTargetOwner.target_id.in_([row.id for row in rows])
        )
    ):
        owners.setdefault(target_id, []).append(organisation)
    labels = meeting_labels(connection, scope) if scope is not None else {}
    return [
        StoredTarget(
            id=row.id,
            target=TargetInput(
                indicator=Indicator(row.indicator_kind, row.indicator_code),
                area=Area(row.area_kind, row.area_code),
                baseline_value=row.baseline_value,
                baseline_on=row.baseline_on,
                target_value=row.target_value,
                deadline=row.deadline,
                owners=tuple(sorted(owners.get(row.id, []))),
                meeting_id=row.meeting_id,
            ),
            created_by=row.created_by,
            updated_at=row.updated_at,
            meeting=labels.get(row.meeting_id) if row.meeting_id is not None else None,
        )
        for row in rows
    ]


def targets(engine: Engine, scope: Scope) -> list[StoredTarget]:
    """The targets this viewer may see, nearest deadline first."""
    require_known(scope)
    with engine.connect() as connection:
        if scope.may("manage_meetings"):
            return _load(connection, scope=scope)
        meetings = attended(scope)
        ids = list(
            connection.scalars(
                select(RoadmapTarget.id)
                .outerjoin(RoadmapTargetOwner, RoadmapTargetOwner.target_id == RoadmapTarget.id)
                .where(
                    or_(
                        RoadmapTargetOwner.organisation == scope.organisation,
                        RoadmapTarget.meeting_id.in_(meetings),
                    )
                )
                .distinct()
            )
        )
        return _load(connection, ids, scope)


def progress(engine: Engine, scope: Scope, stored: StoredTarget) -> TargetProgress:
    """The target's yearly figures under the viewer's scope, and its status by the rule."""
    target = stored.target
    series = yearly_values(engine, scope, target.indicator, target.area, target.baseline_on.year)
    baseline_year = series[series["year"] == target.baseline_on.year]
    withheld = scope.suppresses and bool(baseline_year["suppressed"].any())
    figures = [
        YearFigure(
            int(row.year),
            None if pd.isna(row.value) else float(row.value),
            hidden=bool(row.suppressed) and scope.suppresses,
        )
        for row in series.itertuples()
    ]
    path = Path(target.baseline_value, target.baseline_on, target.target_value, target.deadline)
    return TargetProgress(
        stored=stored,
        baseline=None if withheld else target.baseline_value,
        series=series,
        # A status measures the hidden baseline against the line, so it is withheld too.
        status=SUPPRESSED if withheld else status(path, figures),
    )
