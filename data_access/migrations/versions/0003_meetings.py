"""Meetings: who met, when, and the briefings handed out there, frozen.

Revision ID: 0003_meetings
Revises: 0003
Create Date: 2026-12-01 23:30:00

Additive only: three new tables. Roadmap targets and action points (0004) refer to
`meetings.id`.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_meetings"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "meetings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("agenda", sa.Text(), nullable=False),
        sa.Column("created_by", sa.String(length=80), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("kind IN ('tripartite', 'bilateral')", name=op.f("ck_meetings_kind")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meetings")),
    )
    with op.batch_alter_table("meetings", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_meetings_held_on"), ["held_on"], unique=False)

    op.create_table(
        "meeting_participants",
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("organisation", sa.String(length=10), nullable=False),
        sa.CheckConstraint(
            "organisation IN ('molisa', 'vcci', 'vgcl', 'ilo')",
            name=op.f("ck_meeting_participants_organisation"),
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meetings.id"],
            name=op.f("fk_meeting_participants_meeting_id_meetings"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("meeting_id", "organisation", name=op.f("pk_meeting_participants")),
    )
    with op.batch_alter_table("meeting_participants", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_meeting_participants_organisation"), ["organisation"], unique=False
        )

    op.create_table(
        "frozen_briefings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("audience", sa.String(length=20), nullable=False),
        sa.Column("lang", sa.String(length=2), nullable=False),
        sa.Column("request", sa.Text(), nullable=False),
        sa.Column("document", sa.Text(), nullable=False),
        sa.Column("figures", sa.Text(), nullable=False),
        sa.Column("data_version", sa.Integer(), nullable=False),
        sa.Column("created_by", sa.String(length=80), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("lang IN ('vi', 'en')", name=op.f("ck_frozen_briefings_lang")),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meetings.id"],
            name=op.f("fk_frozen_briefings_meeting_id_meetings"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_frozen_briefings")),
    )
    with op.batch_alter_table("frozen_briefings", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_frozen_briefings_meeting_id"), ["meeting_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("frozen_briefings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_frozen_briefings_meeting_id"))
    op.drop_table("frozen_briefings")
    with op.batch_alter_table("meeting_participants", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_meeting_participants_organisation"))
    op.drop_table("meeting_participants")
    with op.batch_alter_table("meetings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_meetings_held_on"))
    op.drop_table("meetings")
