"""Performance: `programme_counts`, the programme size summed over factories.

Revision ID: 0004_programme_summary
Revises: 0003
Create Date: 2026-12-01 23:40:00

Additive only: a derived table `programme_size` reads instead of grouping every
assessment. It starts empty; `prepare_schema` (every start-up and `init-db`) builds it
when it lags the data version, and every data-version bump rebuilds it in the writer's
own transaction.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_programme_summary"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "programme_counts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("basis", sa.String(length=6), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("sector_code", sa.String(length=30), nullable=False),
        sa.Column("province_code", sa.String(length=2), nullable=False),
        sa.Column("legacy_province_code", sa.String(length=2), nullable=True),
        sa.Column("size_band", sa.String(length=12), nullable=False),
        sa.Column("factories", sa.Integer(), nullable=False),
        sa.Column("workers", sa.BigInteger(), nullable=False),
        sa.Column("women", sa.BigInteger(), nullable=False),
        sa.Column("largest", sa.Integer(), nullable=False),
        sa.Column("assessments", sa.Integer(), nullable=False),
        sa.CheckConstraint("basis IN ('year', 'latest')", name=op.f("ck_programme_counts_basis")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_programme_counts")),
    )
    with op.batch_alter_table("programme_counts", schema=None) as batch_op:
        batch_op.create_index("ix_programme_counts_lookup", ["basis", "year"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("programme_counts", schema=None) as batch_op:
        batch_op.drop_index("ix_programme_counts_lookup")
    op.drop_table("programme_counts")
