"""The roadmap: agreed targets, their owners, action points and their dated updates.

Revision ID: 0006_roadmap
Revises: 0005_meetings
Create Date: 2026-12-01 23:30:00

Additive only. Targets and actions hang off meetings (a target may have been agreed
outside one; an action always belongs to its meeting and goes with it).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_roadmap"
down_revision = "0005_meetings"
branch_labels = None
depends_on = None

ORGANISATION_CHECK = "organisation IN ('molisa', 'vcci', 'vgcl', 'ilo')"
STATUS_CHECK = "status IN ('open', 'in_progress', 'done', 'dropped')"


def upgrade() -> None:
    op.create_table(
        "roadmap_targets",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("indicator_kind", sa.String(length=10), nullable=False),
        sa.Column("indicator_code", sa.String(length=30), nullable=False),
        sa.Column("area_kind", sa.String(length=10), nullable=False),
        sa.Column("area_code", sa.String(length=30), nullable=True),
        sa.Column("baseline_value", sa.Float(), nullable=False),
        sa.Column("baseline_on", sa.Date(), nullable=False),
        sa.Column("target_value", sa.Float(), nullable=False),
        sa.Column("deadline", sa.Date(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=80), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "indicator_kind IN ('point', 'cluster', 'social')",
            name=op.f("ck_roadmap_targets_indicator_kind"),
        ),
        sa.CheckConstraint(
            "area_kind IN ('national', 'sector', 'province')",
            name=op.f("ck_roadmap_targets_area_kind"),
        ),
        sa.CheckConstraint(
            "baseline_value BETWEEN 0 AND 1", name=op.f("ck_roadmap_targets_baseline_value")
        ),
        sa.CheckConstraint(
            "target_value BETWEEN 0 AND 1", name=op.f("ck_roadmap_targets_target_value")
        ),
        sa.CheckConstraint(
            "target_value <> baseline_value", name=op.f("ck_roadmap_targets_target_differs")
        ),
        sa.CheckConstraint(
            "deadline > baseline_on", name=op.f("ck_roadmap_targets_deadline_after_baseline")
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meetings.id"],
            name=op.f("fk_roadmap_targets_meeting_id_meetings"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_roadmap_targets")),
        sa.UniqueConstraint(
            "indicator_kind",
            "indicator_code",
            "area_kind",
            "area_code",
            "deadline",
            name="target_key",
        ),
    )
    with op.batch_alter_table("roadmap_targets", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_roadmap_targets_meeting_id"), ["meeting_id"], unique=False
        )
    op.create_table(
        "roadmap_target_owners",
        sa.Column("target_id", sa.Integer(), nullable=False),
        sa.Column("organisation", sa.String(length=10), nullable=False),
        sa.CheckConstraint(ORGANISATION_CHECK, name=op.f("ck_roadmap_target_owners_organisation")),
        sa.ForeignKeyConstraint(
            ["target_id"],
            ["roadmap_targets.id"],
            name=op.f("fk_roadmap_target_owners_target_id_roadmap_targets"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("target_id", "organisation", name=op.f("pk_roadmap_target_owners")),
    )
    op.create_table(
        "action_points",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("organisation", sa.String(length=10), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=80), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(ORGANISATION_CHECK, name=op.f("ck_action_points_organisation")),
        sa.CheckConstraint(STATUS_CHECK, name=op.f("ck_action_points_status")),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meetings.id"],
            name=op.f("fk_action_points_meeting_id_meetings"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_action_points")),
    )
    with op.batch_alter_table("action_points", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_action_points_meeting_id"), ["meeting_id"])
        batch_op.create_index(batch_op.f("ix_action_points_organisation"), ["organisation"])
    op.create_table(
        "action_updates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("action_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("username", sa.String(length=80), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.CheckConstraint(STATUS_CHECK, name=op.f("ck_action_updates_status")),
        sa.ForeignKeyConstraint(
            ["action_id"],
            ["action_points.id"],
            name=op.f("fk_action_updates_action_id_action_points"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_action_updates")),
    )
    with op.batch_alter_table("action_updates", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_action_updates_action_id"), ["action_id"])


def downgrade() -> None:
    op.drop_table("action_updates")
    op.drop_table("action_points")
    op.drop_table("roadmap_target_owners")
    op.drop_table("roadmap_targets")
