"""Bringing a database to a usable state: migrate, load reference data, and, for the
embedded default only, seed the synthetic demonstration data on first run."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from sqlalchemy import Engine, func, select

from data_access import migrate
from data_access.config import database_url, default_database_url
from data_access.db import session_scope
from data_access.models import Factory
from data_access.reference import load_reference_data
from data_access.users import add_user, get_user

if TYPE_CHECKING:
    from data_access.demo.generator import GenerationSummary

DEMO_USERS: tuple[tuple[str, str, str, str], ...] = (
    ("molisa.demo", "molisa", "MOLISA demo viewer", "demo-molisa-2026"),
    ("vcci.demo", "vcci", "VCCI demo viewer", "demo-vcci-2026"),
    ("vgcl.demo", "vgcl", "VGCL demo viewer", "demo-vgcl-2026"),
    ("ilo.demo", "ilo", "ILO programme staff (demo)", "demo-ilo-2026"),
    ("admin.demo", "admin", "Data administrator (demo)", "demo-admin-2026"),
)


def prepare_schema(engine: Engine) -> None:
    migrate.upgrade(engine)
    with session_scope(engine) as session:
        load_reference_data(session)
    # A database that predates the summary tables gets them built once, here.
    # Imported here: the indicator package brings pandas (~1 s, ~90 MB), which the user
    # commands of the CLI (add-user, set-password, …) never need.
    from data_access.indicators import point_counts, programme_summary

    point_counts.refresh_if_stale(engine)
    programme_summary.refresh_if_stale(engine)


def factory_count(engine: Engine) -> int:
    with engine.connect() as connection:
        return int(connection.scalar(select(func.count()).select_from(Factory)) or 0)


def create_demo_users(engine: Engine) -> None:
    """Demo accounts live only in a demo database; production mode refuses to start
    while any of them is active."""
    with session_scope(engine) as session:
        for username, role, display_name, password in DEMO_USERS:
            if get_user(session, username) is None:
                add_user(session, username, password, role, display_name, is_demo=True)


def seed_demo(
    engine: Engine, progress: Callable[[str], None] | None = None, **options: int
) -> GenerationSummary:
    from data_access.demo.generator import generate_demo_data
    from data_access.demo.meetings import seed_demo_meetings
    from data_access.demo.roadmap import seed_roadmap

    summary = generate_demo_data(engine, progress=progress, **options)
    create_demo_users(engine)
    seed_demo_meetings(engine, progress=progress)
    seed_roadmap(engine)
    return summary


def ensure_database(
    engine: Engine,
    seed_demo_if_empty: bool | None = None,
    progress: Callable[[str], None] | None = None,
) -> None:
    """Idempotent start-up step. Seeding defaults to on only for the embedded SQLite file."""
    prepare_schema(engine)
    if seed_demo_if_empty is None:
        seed_demo_if_empty = database_url() == default_database_url()
    if seed_demo_if_empty and factory_count(engine) == 0:
        seed_demo(engine, progress=progress)
