"""The shared schema, as SQLAlchemy 2.x declarative models.

One schema serves SQLite (the embedded laptop default) and PostgreSQL (the
shared server), so only portable column types are used and every constraint is
declared here, where Alembic can see it. Current (2025) and legacy (pre-2025)
provinces live in separate tables because their GSO code spaces overlap: code
15 is Yên Bái among the legacy units and the new Lào Cai among the current ones.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from data_access.scope import ROLE_NAMES, role_check_sql

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Declarative base with a naming convention so migrations name constraints alike on
    SQLite and PostgreSQL (batch migrations on SQLite need stable names)."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


# --- reference data -------------------------------------------------------------------


class Province(Base):
    """A current (from 1 July 2025) provincial unit: 6 cities and 28 provinces."""

    __tablename__ = "provinces"

    code: Mapped[str] = mapped_column(String(2), primary_key=True)
    name_vi: Mapped[str] = mapped_column(String(100))
    name_en: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(10))

    __table_args__ = (CheckConstraint("kind IN ('city', 'province')", name="kind"),)


class LegacyProvince(Base):
    """A provincial unit as it existed until 30 June 2025, with the current unit it joined."""

    __tablename__ = "legacy_provinces"

    code: Mapped[str] = mapped_column(String(2), primary_key=True)
    iso_3166_2: Mapped[str] = mapped_column(String(6), unique=True)
    name_vi: Mapped[str] = mapped_column(String(100))
    name_en: Mapped[str] = mapped_column(String(100))
    province_code: Mapped[str] = mapped_column(ForeignKey("provinces.code"), index=True)


class Sector(Base):
    __tablename__ = "sectors"

    code: Mapped[str] = mapped_column(String(30), primary_key=True)
    name_en: Mapped[str] = mapped_column(String(100))
    name_vi: Mapped[str] = mapped_column(String(100))
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class Cluster(Base):
    """A CAT cluster: four core labour standards and four national-law working conditions."""

    __tablename__ = "clusters"

    code: Mapped[str] = mapped_column(String(4), primary_key=True)
    name_en: Mapped[str] = mapped_column(String(120))
    name_vi: Mapped[str] = mapped_column(String(120))
    cluster_group: Mapped[str] = mapped_column(String(10))
    sort_order: Mapped[int] = mapped_column(Integer, default=0)

    __table_args__ = (
        CheckConstraint("cluster_group IN ('core', 'national')", name="cluster_group"),
    )


class CompliancePoint(Base):
    __tablename__ = "compliance_points"

    code: Mapped[str] = mapped_column(String(12), primary_key=True)
    cluster_code: Mapped[str] = mapped_column(ForeignKey("clusters.code"), index=True)
    name_en: Mapped[str] = mapped_column(String(200))
    name_vi: Mapped[str] = mapped_column(String(200))
    confirmed: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class Question(Base):
    """A CAT question. Fact-gathering questions are stored but never count towards a rate."""

    __tablename__ = "questions"

    code: Mapped[str] = mapped_column(String(20), primary_key=True)
    cp_code: Mapped[str] = mapped_column(ForeignKey("compliance_points.code"), index=True)
    text_en: Mapped[str] = mapped_column(Text)
    text_vi: Mapped[str] = mapped_column(Text)
    fact_gathering: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class CodeMapping(Base):
    """A renamed, merged or retired taxonomy code and where its history now belongs.

    A time series reads old findings through this table so that, e.g., the former
    "Unconditional Worst Forms" point counts under "Hazardous Work and other Worst Forms".
    `new_code` is NULL for a code retired without a successor.
    """

    __tablename__ = "code_mappings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    level: Mapped[str] = mapped_column(String(16))
    old_code: Mapped[str] = mapped_column(String(20))
    new_code: Mapped[str | None] = mapped_column(String(20), nullable=True)
    effective_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    note: Mapped[str | None] = mapped_column(Text, nullable=True)

    __table_args__ = (
        UniqueConstraint("level", "old_code", name="level_old_code"),
        CheckConstraint("level IN ('compliance_point', 'question')", name="level"),
    )


# --- provenance -----------------------------------------------------------------------


class Dataset(Base):
    """A body of data loaded together; `synthetic` marks demonstration data on screen."""

    __tablename__ = "datasets"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    synthetic: Mapped[bool] = mapped_column(Boolean, default=False)
    description: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class ImportBatch(Base):
    """One file loaded (or refused): what every figure's "data as of" is dated by."""

    __tablename__ = "import_batches"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    dataset_id: Mapped[int | None] = mapped_column(ForeignKey("datasets.id"), nullable=True)
    kind: Mapped[str] = mapped_column(String(30))
    file_name: Mapped[str] = mapped_column(String(300))
    checksum: Mapped[str] = mapped_column(String(64), index=True)
    rows: Mapped[int] = mapped_column(Integer, default=0)
    imported_by: Mapped[str] = mapped_column(String(100))
    imported_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    status: Mapped[str] = mapped_column(String(20))
    message: Mapped[str | None] = mapped_column(Text, nullable=True)

    __table_args__ = (
        CheckConstraint(
            "status IN ('committed', 'failed', 'replaced', 'no_change')", name="status"
        ),
    )


# --- programme data -------------------------------------------------------------------


class Factory(Base):
    """A participating factory. Its name and address are confidential (ILO and admin only)."""

    __tablename__ = "factories"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(30), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    sector_code: Mapped[str] = mapped_column(ForeignKey("sectors.code"), index=True)
    legacy_province_code: Mapped[str | None] = mapped_column(
        ForeignKey("legacy_provinces.code"), nullable=True, index=True
    )
    province_code: Mapped[str] = mapped_column(ForeignKey("provinces.code"), index=True)
    address: Mapped[str | None] = mapped_column(Text, nullable=True)
    size_band: Mapped[str] = mapped_column(String(12), index=True)
    workers_total: Mapped[int] = mapped_column(Integer)
    workers_women: Mapped[int] = mapped_column(Integer)
    investor_country: Mapped[str | None] = mapped_column(String(60), nullable=True)
    joined_on: Mapped[date] = mapped_column(Date)
    left_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    dataset_id: Mapped[int] = mapped_column(ForeignKey("datasets.id"), index=True)
    import_batch_id: Mapped[int | None] = mapped_column(
        ForeignKey("import_batches.id"), nullable=True
    )

    __table_args__ = (
        CheckConstraint("workers_women >= 0 AND workers_women <= workers_total", name="women"),
        CheckConstraint("workers_total >= 0", name="workers_total"),
        CheckConstraint(
            "size_band IN ('lt500', '500-999', '1000-2999', 'ge3000')", name="size_band"
        ),
    )


SIZE_BANDS: tuple[str, ...] = ("lt500", "500-999", "1000-2999", "ge3000")


def size_band_for(workers_total: int) -> str:
    """The size band a headcount falls in; bands are what filters and imports agree on."""
    if workers_total < 500:
        return "lt500"
    if workers_total < 1000:
        return "500-999"
    if workers_total < 3000:
        return "1000-2999"
    return "ge3000"


class Assessment(Base):
    __tablename__ = "assessments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    factory_id: Mapped[int] = mapped_column(ForeignKey("factories.id"))
    assessed_on: Mapped[date] = mapped_column(Date, index=True)
    cycle: Mapped[int] = mapped_column(Integer)
    assessment_type: Mapped[str] = mapped_column(String(20))
    dataset_id: Mapped[int] = mapped_column(ForeignKey("datasets.id"), index=True)
    import_batch_id: Mapped[int | None] = mapped_column(
        ForeignKey("import_batches.id"), nullable=True
    )

    __table_args__ = (
        UniqueConstraint("factory_id", "assessed_on", "assessment_type", name="natural_key"),
        Index("ix_assessments_factory_date", "factory_id", "assessed_on"),
        CheckConstraint(
            "assessment_type IN ('initial', 'annual', 'follow_up')", name="assessment_type"
        ),
    )


class Finding(Base):
    """One question's answer in one assessment: the question-level result (large table)."""

    __tablename__ = "findings"

    assessment_id: Mapped[int] = mapped_column(
        ForeignKey("assessments.id", ondelete="CASCADE"), primary_key=True
    )
    question_code: Mapped[str] = mapped_column(ForeignKey("questions.code"), primary_key=True)
    non_compliant: Mapped[bool] = mapped_column(Boolean)


class AssessmentPointResult(Base):
    """Per assessment and compliance point: non-compliant if any counted question is.

    A summary of `findings`, maintained whenever findings are written
    (`data_access.summaries`), so that indicator queries never scan question-level rows.
    """

    __tablename__ = "assessment_point_results"

    assessment_id: Mapped[int] = mapped_column(
        ForeignKey("assessments.id", ondelete="CASCADE"), primary_key=True
    )
    cp_code: Mapped[str] = mapped_column(ForeignKey("compliance_points.code"), primary_key=True)
    non_compliant: Mapped[bool] = mapped_column(Boolean)

    __table_args__ = (Index("ix_point_results_cp", "cp_code", "assessment_id"),)


class PointCount(Base):
    """Factories assessed and found non-compliant, per year, factory attributes and unit
    (a compliance point, a cluster or all points): `assessment_point_results` summed over
    factories, so that a national trend reads thousands of rows instead of millions.

    Derived data, rebuilt whole in the transaction of every data-version bump
    (`data_access.indicators.point_counts`), which is why it has no foreign keys. `basis`
    says which assessment of a factory counts: `year`, its latest in that calendar year;
    `latest`, its latest of all, filed under that assessment's year.
    """

    __tablename__ = "point_counts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    basis: Mapped[str] = mapped_column(String(6))
    year: Mapped[int] = mapped_column(Integer)
    sector_code: Mapped[str] = mapped_column(String(30))
    province_code: Mapped[str] = mapped_column(String(2))
    legacy_province_code: Mapped[str | None] = mapped_column(String(2), nullable=True)
    size_band: Mapped[str] = mapped_column(String(12))
    level: Mapped[str] = mapped_column(String(7))
    unit_code: Mapped[str] = mapped_column(String(12))
    cluster_code: Mapped[str | None] = mapped_column(String(4), nullable=True)
    assessed: Mapped[int] = mapped_column(Integer)
    non_compliant: Mapped[int] = mapped_column(Integer)

    __table_args__ = (
        Index("ix_point_counts_lookup", "basis", "level", "year"),
        CheckConstraint("basis IN ('year', 'latest')", name="basis"),
        CheckConstraint("level IN ('point', 'cluster', 'all')", name="level"),
    )


class ProgrammeCount(Base):
    """Participating factories, their workers and their full assessments, per cell of
    factory attributes (sector, province, legacy province, size band) and year: the
    programme size of a period read from a few thousand rows instead of grouping every
    assessment.

    Derived data, rebuilt whole in the transaction of every data-version bump
    (`data_access.indicators.programme_summary`), hence no foreign keys. `basis` says
    under which year a factory is filed: `year`, every calendar year it had a full
    assessment in (`assessments` = its full assessments that year); `latest`, the year
    of its latest full assessment only (`assessments` = all its full assessments).
    `largest` is the workforce of the cell's largest factory (the dominance rule).
    """

    __tablename__ = "programme_counts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    basis: Mapped[str] = mapped_column(String(6))
    year: Mapped[int] = mapped_column(Integer)
    sector_code: Mapped[str] = mapped_column(String(30))
    province_code: Mapped[str] = mapped_column(String(2))
    legacy_province_code: Mapped[str | None] = mapped_column(String(2), nullable=True)
    size_band: Mapped[str] = mapped_column(String(12))
    factories: Mapped[int] = mapped_column(Integer)
    workers: Mapped[int] = mapped_column(BigInteger)
    women: Mapped[int] = mapped_column(BigInteger)
    largest: Mapped[int] = mapped_column(Integer)
    assessments: Mapped[int] = mapped_column(Integer)

    __table_args__ = (
        Index("ix_programme_counts_lookup", "basis", "year"),
        CheckConstraint("basis IN ('year', 'latest')", name="basis"),
    )


class SocialDialogue(Base):
    """The social-dialogue record gathered at one assessment of one factory."""

    __tablename__ = "social_dialogue"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    factory_id: Mapped[int] = mapped_column(ForeignKey("factories.id"), index=True)
    assessment_id: Mapped[int] = mapped_column(
        ForeignKey("assessments.id", ondelete="CASCADE"), unique=True
    )
    union_present: Mapped[bool] = mapped_column(Boolean)
    union_leaders_freely_elected: Mapped[bool] = mapped_column(Boolean)
    union_membership_share: Mapped[float | None] = mapped_column(Float, nullable=True)
    cba_in_force: Mapped[bool] = mapped_column(Boolean)
    cba_workers_covered: Mapped[int] = mapped_column(Integer, default=0)
    picc_present: Mapped[bool] = mapped_column(Boolean)
    picc_members: Mapped[int] = mapped_column(Integer, default=0)
    picc_women_members: Mapped[int] = mapped_column(Integer, default=0)
    picc_meetings_12m: Mapped[int] = mapped_column(Integer, default=0)
    grievance_mechanism: Mapped[bool] = mapped_column(Boolean)
    work_stoppages_12m: Mapped[int] = mapped_column(Integer, default=0)

    __table_args__ = (
        CheckConstraint(
            "picc_women_members >= 0 AND picc_women_members <= picc_members", name="picc_women"
        ),
        CheckConstraint(
            "union_membership_share IS NULL OR "
            "(union_membership_share >= 0 AND union_membership_share <= 1)",
            name="membership_share",
        ),
    )


# --- people and their traces ----------------------------------------------------------


ROLES: tuple[str, ...] = ROLE_NAMES


class User(Base):
    """A person who may sign in. `session_version` is bumped to revoke every open session."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(200), nullable=True)
    role: Mapped[str] = mapped_column(String(10))
    password_hash: Mapped[str] = mapped_column(String(100))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)
    session_version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    password_changed_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)

    __table_args__ = (CheckConstraint(role_check_sql("role"), name="role"),)


class LoginAttempt(Base):
    __tablename__ = "login_attempts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    attempted_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    username: Mapped[str] = mapped_column(String(80), index=True)
    client_address: Mapped[str] = mapped_column(String(64), index=True)
    success: Mapped[bool] = mapped_column(Boolean)


class AuditEntry(Base):
    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, index=True)
    username: Mapped[str | None] = mapped_column(String(80), nullable=True, index=True)
    action: Mapped[str] = mapped_column(String(40), index=True)
    detail: Mapped[str | None] = mapped_column(Text, nullable=True)
    client_address: Mapped[str | None] = mapped_column(String(64), nullable=True)


class AppMeta(Base):
    """Small key/value facts about the database, e.g. `data_version`, bumped by every import
    so that each app process can tell its caches are stale."""

    __tablename__ = "app_meta"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


# --- meetings -------------------------------------------------------------------------


MEETING_KINDS: tuple[str, ...] = ("tripartite", "bilateral")
MEETING_ORGANISATIONS: tuple[str, ...] = ("molisa", "vcci", "vgcl", "ilo")


class Meeting(Base):
    """A meeting ILO staff held with the constituents: `tripartite` (all three) or
    `bilateral` (with one of them). Targets and action points agreed there refer to it."""

    __tablename__ = "meetings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    held_on: Mapped[date] = mapped_column(Date, index=True)
    kind: Mapped[str] = mapped_column(String(12))
    title: Mapped[str] = mapped_column(String(200))
    agenda: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[str] = mapped_column(String(80))
    created_at: Mapped[datetime] = mapped_column(DateTime)

    __table_args__ = (CheckConstraint("kind IN ('tripartite', 'bilateral')", name="kind"),)


class MeetingParticipant(Base):
    """An organisation taking part in a meeting: what a constituent's view of meetings is
    filtered by."""

    __tablename__ = "meeting_participants"

    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True
    )
    organisation: Mapped[str] = mapped_column(String(10), primary_key=True, index=True)

    __table_args__ = (
        CheckConstraint("organisation IN ('molisa', 'vcci', 'vgcl', 'ilo')", name="organisation"),
    )


class FrozenBriefing(Base):
    """A briefing as handed out at a meeting, kept so that it can be downloaded again with
    the same figures after any number of imports.

    `document` is the serialized document model both writers render from; `request`
    the selection it was made for; `figures` its headline figures as numbers (what
    "since our last meeting" and "changed since" compare against); `data_version` the
    database's data version it was computed on. Never updated: a new briefing is a new row.
    """

    __tablename__ = "frozen_briefings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), index=True
    )
    audience: Mapped[str] = mapped_column(String(20))
    lang: Mapped[str] = mapped_column(String(2))
    request: Mapped[str] = mapped_column(Text)
    document: Mapped[str] = mapped_column(Text)
    figures: Mapped[str] = mapped_column(Text)
    data_version: Mapped[int] = mapped_column(Integer)
    created_by: Mapped[str] = mapped_column(String(80))
    created_at: Mapped[datetime] = mapped_column(DateTime)

    __table_args__ = (CheckConstraint("lang IN ('vi', 'en')", name="lang"),)


# --- the roadmap: agreed targets and action points ------------------------------------


class RoadmapTarget(Base):
    """A target the constituents agreed: an indicator (`indicator_kind` point, cluster or
    social, and its code) in an area (national, a sector or a province), from a baseline
    to a target value by a deadline. Values are shares in 0..1, as the indicators."""

    __tablename__ = "roadmap_targets"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    indicator_kind: Mapped[str] = mapped_column(String(10))
    indicator_code: Mapped[str] = mapped_column(String(30))
    area_kind: Mapped[str] = mapped_column(String(10))
    area_code: Mapped[str | None] = mapped_column(String(30), nullable=True)
    baseline_value: Mapped[float] = mapped_column(Float)
    baseline_on: Mapped[date] = mapped_column(Date)
    target_value: Mapped[float] = mapped_column(Float)
    deadline: Mapped[date] = mapped_column(Date)
    meeting_id: Mapped[int | None] = mapped_column(
        ForeignKey("meetings.id", ondelete="SET NULL"), nullable=True, index=True
    )
    created_at: Mapped[datetime] = mapped_column(DateTime)
    created_by: Mapped[str] = mapped_column(String(80))
    updated_at: Mapped[datetime] = mapped_column(DateTime)

    __table_args__ = (
        CheckConstraint("indicator_kind IN ('point', 'cluster', 'social')", name="indicator_kind"),
        CheckConstraint("area_kind IN ('national', 'sector', 'province')", name="area_kind"),
        CheckConstraint("baseline_value BETWEEN 0 AND 1", name="baseline_value"),
        CheckConstraint("target_value BETWEEN 0 AND 1", name="target_value"),
        CheckConstraint("target_value <> baseline_value", name="target_differs"),
        CheckConstraint("deadline > baseline_on", name="deadline_after_baseline"),
        UniqueConstraint(
            "indicator_kind",
            "indicator_code",
            "area_kind",
            "area_code",
            "deadline",
            name="target_key",
        ),
    )


class RoadmapTargetOwner(Base):
    """An organisation that owns a target (one row each; a target has at least one)."""

    __tablename__ = "roadmap_target_owners"

    target_id: Mapped[int] = mapped_column(
        ForeignKey("roadmap_targets.id", ondelete="CASCADE"), primary_key=True
    )
    organisation: Mapped[str] = mapped_column(String(10), primary_key=True)

    __table_args__ = (
        CheckConstraint("organisation IN ('molisa', 'vcci', 'vgcl', 'ilo')", name="organisation"),
    )


class ActionPoint(Base):
    """An action agreed at a meeting, with the one organisation responsible for it."""

    __tablename__ = "action_points"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), index=True
    )
    text: Mapped[str] = mapped_column(Text)
    organisation: Mapped[str] = mapped_column(String(10), index=True)
    due_on: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(12), default="open")
    created_at: Mapped[datetime] = mapped_column(DateTime)
    created_by: Mapped[str] = mapped_column(String(80))
    updated_at: Mapped[datetime] = mapped_column(DateTime)

    __table_args__ = (
        CheckConstraint("organisation IN ('molisa', 'vcci', 'vgcl', 'ilo')", name="organisation"),
        CheckConstraint("status IN ('open', 'in_progress', 'done', 'dropped')", name="status"),
    )


class ActionUpdate(Base):
    """A dated update of an action point: its status from then on, and what was done."""

    __tablename__ = "action_updates"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    action_id: Mapped[int] = mapped_column(
        ForeignKey("action_points.id", ondelete="CASCADE"), index=True
    )
    at: Mapped[datetime] = mapped_column(DateTime)
    username: Mapped[str] = mapped_column(String(80))
    status: Mapped[str] = mapped_column(String(12))
    note: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (
        CheckConstraint("status IN ('open', 'in_progress', 'done', 'dropped')", name="status"),
    )
