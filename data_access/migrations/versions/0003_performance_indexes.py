"""Performance: `point_counts`, the non-compliance counts summed over factories.

Revision ID: 0003
Revises: 0001
Create Date: 2026-11-23 01:30:00

Additive only: a derived table the indicators read instead of scanning millions of
compliance-point results. It starts empty; `prepare_schema` (every start-up and
`init-db`) rebuilds it when it lags the data version, and every import rebuilds it in
its own transaction.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "point_counts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("basis", sa.String(length=6), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("sector_code", sa.String(length=30), nullable=False),
        sa.Column("province_code", sa.String(length=2), nullable=False),
        sa.Column("legacy_province_code", sa.String(length=2), nullable=True),
        sa.Column("size_band", sa.String(length=12), nullable=False),
        sa.Column("level", sa.String(length=7), nullable=False),
        sa.Column("unit_code", sa.String(length=12), nullable=False),
        sa.Column("cluster_code", sa.String(length=4), nullable=True),
        sa.Column("assessed", sa.Integer(), nullable=False),
        sa.Column("non_compliant", sa.Integer(), nullable=False),
        sa.CheckConstraint("basis IN ('year', 'latest')", name=op.f("ck_point_counts_basis")),
        sa.CheckConstraint(
            "level IN ('point', 'cluster', 'all')", name=op.f("ck_point_counts_level")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_point_counts")),
    )
    with op.batch_alter_table("point_counts", schema=None) as batch_op:
        batch_op.create_index("ix_point_counts_lookup", ["basis", "level", "year"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("point_counts", schema=None) as batch_op:
        batch_op.drop_index("ix_point_counts_lookup")
    op.drop_table("point_counts")
