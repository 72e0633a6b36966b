"""Initial schema: reference data, programme data, provenance, users and audit.

Revision ID: 0001
Revises:
Create Date: 2026-11-23 00:55:39.161591
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "app_meta",
        sa.Column("key", sa.String(length=60), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_app_meta")),
    )
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("username", sa.String(length=80), nullable=True),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("detail", sa.Text(), nullable=True),
        sa.Column("client_address", sa.String(length=64), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
    )
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_log_action"), ["action"], unique=False)
        batch_op.create_index(batch_op.f("ix_audit_log_at"), ["at"], unique=False)
        batch_op.create_index(batch_op.f("ix_audit_log_username"), ["username"], unique=False)

    op.create_table(
        "clusters",
        sa.Column("code", sa.String(length=4), nullable=False),
        sa.Column("name_en", sa.String(length=120), nullable=False),
        sa.Column("name_vi", sa.String(length=120), nullable=False),
        sa.Column("cluster_group", sa.String(length=10), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "cluster_group IN ('core', 'national')", name=op.f("ck_clusters_cluster_group")
        ),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_clusters")),
    )
    op.create_table(
        "code_mappings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("level", sa.String(length=16), nullable=False),
        sa.Column("old_code", sa.String(length=20), nullable=False),
        sa.Column("new_code", sa.String(length=20), nullable=True),
        sa.Column("effective_on", sa.Date(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "level IN ('compliance_point', 'question')", name=op.f("ck_code_mappings_level")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_code_mappings")),
        sa.UniqueConstraint("level", "old_code", name="level_old_code"),
    )
    op.create_table(
        "datasets",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("synthetic", sa.Boolean(), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_datasets")),
        sa.UniqueConstraint("name", name=op.f("uq_datasets_name")),
    )
    op.create_table(
        "login_attempts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("attempted_at", sa.DateTime(), nullable=False),
        sa.Column("username", sa.String(length=80), nullable=False),
        sa.Column("client_address", sa.String(length=64), nullable=False),
        sa.Column("success", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_login_attempts")),
    )
    with op.batch_alter_table("login_attempts", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_login_attempts_attempted_at"), ["attempted_at"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_login_attempts_client_address"), ["client_address"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_login_attempts_username"), ["username"], unique=False)

    op.create_table(
        "provinces",
        sa.Column("code", sa.String(length=2), nullable=False),
        sa.Column("name_vi", sa.String(length=100), nullable=False),
        sa.Column("name_en", sa.String(length=100), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.CheckConstraint("kind IN ('city', 'province')", name=op.f("ck_provinces_kind")),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_provinces")),
    )
    op.create_table(
        "sectors",
        sa.Column("code", sa.String(length=30), nullable=False),
        sa.Column("name_en", sa.String(length=100), nullable=False),
        sa.Column("name_vi", sa.String(length=100), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_sectors")),
    )
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(length=80), nullable=False),
        sa.Column("display_name", sa.String(length=200), nullable=False),
        sa.Column("email", sa.String(length=200), nullable=True),
        sa.Column("role", sa.String(length=10), nullable=False),
        sa.Column("password_hash", sa.String(length=100), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("is_demo", sa.Boolean(), nullable=False),
        sa.Column("session_version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("password_changed_at", sa.DateTime(), nullable=True),
        sa.CheckConstraint(
            "role IN ('molisa', 'vcci', 'vgcl', 'ilo', 'admin')", name=op.f("ck_users_role")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("username", name=op.f("uq_users_username")),
    )
    op.create_table(
        "compliance_points",
        sa.Column("code", sa.String(length=12), nullable=False),
        sa.Column("cluster_code", sa.String(length=4), nullable=False),
        sa.Column("name_en", sa.String(length=200), nullable=False),
        sa.Column("name_vi", sa.String(length=200), nullable=False),
        sa.Column("confirmed", sa.Boolean(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["cluster_code"],
            ["clusters.code"],
            name=op.f("fk_compliance_points_cluster_code_clusters"),
        ),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_compliance_points")),
    )
    with op.batch_alter_table("compliance_points", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_compliance_points_cluster_code"), ["cluster_code"], unique=False
        )

    op.create_table(
        "import_batches",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("dataset_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("file_name", sa.String(length=300), nullable=False),
        sa.Column("checksum", sa.String(length=64), nullable=False),
        sa.Column("rows", sa.Integer(), nullable=False),
        sa.Column("imported_by", sa.String(length=100), nullable=False),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("message", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "status IN ('committed', 'failed', 'replaced', 'no_change')",
            name=op.f("ck_import_batches_status"),
        ),
        sa.ForeignKeyConstraint(
            ["dataset_id"], ["datasets.id"], name=op.f("fk_import_batches_dataset_id_datasets")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_batches")),
    )
    with op.batch_alter_table("import_batches", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_import_batches_checksum"), ["checksum"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_import_batches_imported_at"), ["imported_at"], unique=False
        )

    op.create_table(
        "legacy_provinces",
        sa.Column("code", sa.String(length=2), nullable=False),
        sa.Column("iso_3166_2", sa.String(length=6), nullable=False),
        sa.Column("name_vi", sa.String(length=100), nullable=False),
        sa.Column("name_en", sa.String(length=100), nullable=False),
        sa.Column("province_code", sa.String(length=2), nullable=False),
        sa.ForeignKeyConstraint(
            ["province_code"],
            ["provinces.code"],
            name=op.f("fk_legacy_provinces_province_code_provinces"),
        ),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_legacy_provinces")),
        sa.UniqueConstraint("iso_3166_2", name=op.f("uq_legacy_provinces_iso_3166_2")),
    )
    with op.batch_alter_table("legacy_provinces", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_legacy_provinces_province_code"), ["province_code"], unique=False
        )

    op.create_table(
        "factories",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=30), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("sector_code", sa.String(length=30), nullable=False),
        sa.Column("legacy_province_code", sa.String(length=2), nullable=True),
        sa.Column("province_code", sa.String(length=2), nullable=False),
        sa.Column("address", sa.Text(), nullable=True),
        sa.Column("size_band", sa.String(length=12), nullable=False),
        sa.Column("workers_total", sa.Integer(), nullable=False),
        sa.Column("workers_women", sa.Integer(), nullable=False),
        sa.Column("investor_country", sa.String(length=60), nullable=True),
        sa.Column("joined_on", sa.Date(), nullable=False),
        sa.Column("left_on", sa.Date(), nullable=True),
        sa.Column("dataset_id", sa.Integer(), nullable=False),
        sa.Column("import_batch_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "size_band IN ('lt500', '500-999', '1000-2999', 'ge3000')",
            name=op.f("ck_factories_size_band"),
        ),
        sa.CheckConstraint("workers_total >= 0", name=op.f("ck_factories_workers_total")),
        sa.CheckConstraint(
            "workers_women >= 0 AND workers_women <= workers_total", name=op.f("ck_factories_women")
        ),
        sa.ForeignKeyConstraint(
            ["dataset_id"], ["datasets.id"], name=op.f("fk_factories_dataset_id_datasets")
        ),
        sa.ForeignKeyConstraint(
            ["import_batch_id"],
            ["import_batches.id"],
            name=op.f("fk_factories_import_batch_id_import_batches"),
        ),
        sa.ForeignKeyConstraint(
            ["legacy_province_code"],
            ["legacy_provinces.code"],
            name=op.f("fk_factories_legacy_province_code_legacy_provinces"),
        ),
        sa.ForeignKeyConstraint(
            ["province_code"], ["provinces.code"], name=op.f("fk_factories_province_code_provinces")
        ),
        sa.ForeignKeyConstraint(
            ["sector_code"], ["sectors.code"], name=op.f("fk_factories_sector_code_sectors")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_factories")),
        sa.UniqueConstraint("code", name=op.f("uq_factories_code")),
    )
    with op.batch_alter_table("factories", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_factories_dataset_id"), ["dataset_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_factories_legacy_province_code"), ["legacy_province_code"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_factories_province_code"), ["province_code"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_factories_sector_code"), ["sector_code"], unique=False)
        batch_op.create_index(batch_op.f("ix_factories_size_band"), ["size_band"], unique=False)

    op.create_table(
        "questions",
        sa.Column("code", sa.String(length=20), nullable=False),
        sa.Column("cp_code", sa.String(length=12), nullable=False),
        sa.Column("text_en", sa.Text(), nullable=False),
        sa.Column("text_vi", sa.Text(), nullable=False),
        sa.Column("fact_gathering", sa.Boolean(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["cp_code"],
            ["compliance_points.code"],
            name=op.f("fk_questions_cp_code_compliance_points"),
        ),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_questions")),
    )
    with op.batch_alter_table("questions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_questions_cp_code"), ["cp_code"], unique=False)

    op.create_table(
        "assessments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("factory_id", sa.Integer(), nullable=False),
        sa.Column("assessed_on", sa.Date(), nullable=False),
        sa.Column("cycle", sa.Integer(), nullable=False),
        sa.Column("assessment_type", sa.String(length=20), nullable=False),
        sa.Column("dataset_id", sa.Integer(), nullable=False),
        sa.Column("import_batch_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "assessment_type IN ('initial', 'annual', 'follow_up')",
            name=op.f("ck_assessments_assessment_type"),
        ),
        sa.ForeignKeyConstraint(
            ["dataset_id"], ["datasets.id"], name=op.f("fk_assessments_dataset_id_datasets")
        ),
        sa.ForeignKeyConstraint(
            ["factory_id"], ["factories.id"], name=op.f("fk_assessments_factory_id_factories")
        ),
        sa.ForeignKeyConstraint(
            ["import_batch_id"],
            ["import_batches.id"],
            name=op.f("fk_assessments_import_batch_id_import_batches"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assessments")),
        sa.UniqueConstraint("factory_id", "assessed_on", "assessment_type", name="natural_key"),
    )
    with op.batch_alter_table("assessments", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_assessments_assessed_on"), ["assessed_on"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_assessments_dataset_id"), ["dataset_id"], unique=False)
        batch_op.create_index(
            "ix_assessments_factory_date", ["factory_id", "assessed_on"], unique=False
        )

    op.create_table(
        "assessment_point_results",
        sa.Column("assessment_id", sa.Integer(), nullable=False),
        sa.Column("cp_code", sa.String(length=12), nullable=False),
        sa.Column("non_compliant", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["assessment_id"],
            ["assessments.id"],
            name=op.f("fk_assessment_point_results_assessment_id_assessments"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["cp_code"],
            ["compliance_points.code"],
            name=op.f("fk_assessment_point_results_cp_code_compliance_points"),
        ),
        sa.PrimaryKeyConstraint(
            "assessment_id", "cp_code", name=op.f("pk_assessment_point_results")
        ),
    )
    with op.batch_alter_table("assessment_point_results", schema=None) as batch_op:
        batch_op.create_index("ix_point_results_cp", ["cp_code", "assessment_id"], unique=False)

    op.create_table(
        "findings",
        sa.Column("assessment_id", sa.Integer(), nullable=False),
        sa.Column("question_code", sa.String(length=20), nullable=False),
        sa.Column("non_compliant", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["assessment_id"],
            ["assessments.id"],
            name=op.f("fk_findings_assessment_id_assessments"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["question_code"], ["questions.code"], name=op.f("fk_findings_question_code_questions")
        ),
        sa.PrimaryKeyConstraint("assessment_id", "question_code", name=op.f("pk_findings")),
    )
    op.create_table(
        "social_dialogue",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("factory_id", sa.Integer(), nullable=False),
        sa.Column("assessment_id", sa.Integer(), nullable=False),
        sa.Column("union_present", sa.Boolean(), nullable=False),
        sa.Column("union_leaders_freely_elected", sa.Boolean(), nullable=False),
        sa.Column("union_membership_share", sa.Float(), nullable=True),
        sa.Column("cba_in_force", sa.Boolean(), nullable=False),
        sa.Column("cba_workers_covered", sa.Integer(), nullable=False),
        sa.Column("picc_present", sa.Boolean(), nullable=False),
        sa.Column("picc_members", sa.Integer(), nullable=False),
        sa.Column("picc_women_members", sa.Integer(), nullable=False),
        sa.Column("picc_meetings_12m", sa.Integer(), nullable=False),
        sa.Column("grievance_mechanism", sa.Boolean(), nullable=False),
        sa.Column("work_stoppages_12m", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "picc_women_members >= 0 AND picc_women_members <= picc_members",
            name=op.f("ck_social_dialogue_picc_women"),
        ),
        sa.CheckConstraint(
            "union_membership_share IS NULL OR (union_membership_share >= 0 AND union_membership_share <= 1)",
            name=op.f("ck_social_dialogue_membership_share"),
        ),
        sa.ForeignKeyConstraint(
            ["assessment_id"],
            ["assessments.id"],
            name=op.f("fk_social_dialogue_assessment_id_assessments"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["factory_id"], ["factories.id"], name=op.f("fk_social_dialogue_factory_id_factories")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_social_dialogue")),
        sa.UniqueConstraint("assessment_id", name=op.f("uq_social_dialogue_assessment_id")),
    )
    with op.batch_alter_table("social_dialogue", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_social_dialogue_factory_id"), ["factory_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("social_dialogue", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_social_dialogue_factory_id"))

    op.drop_table("social_dialogue")
    op.drop_table("findings")
    with op.batch_alter_table("assessment_point_results", schema=None) as batch_op:
        batch_op.drop_index("ix_point_results_cp")

    op.drop_table("assessment_point_results")
    with op.batch_alter_table("assessments", schema=None) as batch_op:
        batch_op.drop_index("ix_assessments_factory_date")
        batch_op.drop_index(batch_op.f("ix_assessments_dataset_id"))
        batch_op.drop_index(batch_op.f("ix_assessments_assessed_on"))

    op.drop_table("assessments")
    with op.batch_alter_table("questions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_questions_cp_code"))

    op.drop_table("questions")
    with op.batch_alter_table("factories", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_factories_size_band"))
        batch_op.drop_index(batch_op.f("ix_factories_sector_code"))
        batch_op.drop_index(batch_op.f("ix_factories_province_code"))
        batch_op.drop_index(batch_op.f("ix_factories_legacy_province_code"))
        batch_op.drop_index(batch_op.f("ix_factories_dataset_id"))

    op.drop_table("factories")
    with op.batch_alter_table("legacy_provinces", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_legacy_provinces_province_code"))

    op.drop_table("legacy_provinces")
    with op.batch_alter_table("import_batches", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_import_batches_imported_at"))
        batch_op.drop_index(batch_op.f("ix_import_batches_checksum"))

    op.drop_table("import_batches")
    with op.batch_alter_table("compliance_points", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_compliance_points_cluster_code"))

    op.drop_table("compliance_points")
    op.drop_table("users")
    op.drop_table("sectors")
    op.drop_table("provinces")
    with op.batch_alter_table("login_attempts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_login_attempts_username"))
        batch_op.drop_index(batch_op.f("ix_login_attempts_client_address"))
        batch_op.drop_index(batch_op.f("ix_login_attempts_attempted_at"))

    op.drop_table("login_attempts")
    op.drop_table("datasets")
    op.drop_table("code_mappings")
    op.drop_table("clusters")
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_log_username"))
        batch_op.drop_index(batch_op.f("ix_audit_log_at"))
        batch_op.drop_index(batch_op.f("ix_audit_log_action"))

    op.drop_table("audit_log")
    op.drop_table("app_meta")
