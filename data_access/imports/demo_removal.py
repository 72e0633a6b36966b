"""Switching from demonstration to real data: remove every synthetic row.

The "synthetic data" banner stays on while any factory of a synthetic dataset remains
(`meta.has_synthetic_data`), so real figures are never shown as invented, nor invented
ones as real. Removing the demonstration data also disables the demo sign-ins, whose
passwords are published: left active beside real data they would open it to anyone.
Because that could lock everyone out, the removal is refused until a personal, active
administrator account exists.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, Engine, delete, func, or_, select, update

from data_access.audit import record as audit
from data_access.meta import bump_data_version
from data_access.models import (
    Assessment,
    AssessmentPointResult,
    Dataset,
    Factory,
    Finding,
    ImportBatch,
    SocialDialogue,
    User,
)
from data_access.scope import Scope, require
from data_access.users import UserError


@dataclass(frozen=True)
class DemoData:
    """What the demonstration data amounts to, shown before it is removed."""

    factories: int
    assessments: int
    findings: int
    social_dialogue: int
    active_demo_users: int

    @property
    def present(self) -> bool:
        return bool(self.factories or self.assessments or self.active_demo_users)


def _synthetic_datasets() -> object:
    return select(Dataset.id).where(Dataset.synthetic.is_(True))


def _synthetic_assessments() -> object:
    synthetic = _synthetic_datasets()
    factories = select(Factory.id).where(Factory.dataset_id.in_(synthetic))
    return select(Assessment.id).where(
        or_(Assessment.dataset_id.in_(synthetic), Assessment.factory_id.in_(factories))
    )


def _count(connection: Connection, statement: object) -> int:
    return int(connection.scalar(statement) or 0)  # type: ignore[arg-type]


def demo_data(engine: Engine, scope: Scope) -> DemoData:
    require(scope, "import_data")
    assessments = _synthetic_assessments()
    with engine.connect() as c:
        return DemoData(
            factories=_count(
                c,
                select(func.count())
                .select_from(Factory)
                .where(Factory.dataset_id.in_(_synthetic_datasets())),
            ),
            assessments=_count(
                c,
                select(func.count()).select_from(Assessment).where(Assessment.id.in_(assessments)),
            ),
            findings=_count(
                c,
                select(func.count())
                .select_from(Finding)
                .where(Finding.assessment_id.in_(assessments)),
            ),
            social_dialogue=_count(
                c,
                select(func.count())
                .select_from(SocialDialogue)
                .where(SocialDialogue.assessment_id.in_(assessments)),
            ),
            active_demo_users=_count(
                c,
                select(func.count())
                .select_from(User)
                .where(User.is_demo.is_(True), User.active.is_(True)),
            ),
        )


def _personal_admin_exists(connection: Connection) -> bool:
    return (
        connection.scalar(
            select(User.id)
            .where(User.role == "admin", User.active.is_(True), User.is_demo.is_(False))
            .limit(1)
        )
        is not None
    )


def remove_demo_data(engine: Engine, scope: Scope, client_address: str | None = None) -> DemoData:
    """Delete every synthetic row and disable the demo sign-ins, in one transaction.
    Returns what was removed."""
    require(scope, "import_data")
    removed = demo_data(engine, scope)
    assessments = _synthetic_assessments()
    synthetic = _synthetic_datasets()
    with engine.begin() as c:
        if not _personal_admin_exists(c):
            raise UserError(
                "Create a personal administrator account first (Admin › Users, or "
                "`python -m data_access.cli add-user NAME --role admin`): removing the "
                "demonstration data disables the demo sign-ins."
            )
        for table, column in (
            (AssessmentPointResult, AssessmentPointResult.assessment_id),
            (Finding, Finding.assessment_id),
            (SocialDialogue, SocialDialogue.assessment_id),
        ):
            c.execute(delete(table).where(column.in_(assessments)))
        synthetic_factories = select(Factory.id).where(Factory.dataset_id.in_(synthetic))
        c.execute(delete(SocialDialogue).where(SocialDialogue.factory_id.in_(synthetic_factories)))
        ids = list(c.scalars(assessments))  # type: ignore[arg-type]
        for start in range(0, len(ids), 1000):
            c.execute(delete(Assessment).where(Assessment.id.in_(ids[start : start + 1000])))
        c.execute(delete(Factory).where(Factory.dataset_id.in_(synthetic)))
        c.execute(
            update(ImportBatch).where(ImportBatch.dataset_id.in_(synthetic)).values(dataset_id=None)
        )
        c.execute(delete(Dataset).where(Dataset.synthetic.is_(True)))
        c.execute(
            update(User)
            .where(User.is_demo.is_(True), User.active.is_(True))
            .values(active=False, session_version=User.session_version + 1)
        )
        bump_data_version(c)
    audit(engine, "remove_demo_data", scope.username, removed.__dict__, client_address)
    return removed
