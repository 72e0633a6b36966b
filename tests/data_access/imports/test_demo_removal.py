"""The switch to real data: demo rows removed, demo sign-ins disabled, banner off only
when no synthetic rows remain, and real data never mixed with synthetic factories."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, func, select

from data_access.bootstrap import create_demo_users
from data_access.db import session_scope
from data_access.demo.generator import generate_demo_data
from data_access.imports import demo_data, remove_demo_data, template_file
from data_access.meta import data_version, has_synthetic_data
from data_access.models import Assessment, Dataset, Factory, Finding, ImportBatch, User
from data_access.scope import AccessDenied, Scope
from data_access.users import UserError, add_user
from tests.data_access.imports.helpers import load, load_ok, problem_keys

PERSONAL_ADMIN = Scope("admin", "ilo", "real.admin")


@pytest.fixture
def demo(engine: Engine) -> Engine:
    generate_demo_data(engine, factories=12, years=2)
    create_demo_users(engine)
    return engine


def _synthetic_code(engine: Engine) -> str:
    with engine.connect() as connection:
        return connection.scalar(select(Factory.code).limit(1))


def test_imports_never_touch_synthetic_factories(demo: Engine) -> None:
    code = _synthetic_code(demo)
    clash = load(
        demo,
        "f.csv",
        "factory_code,name,sector,province,workers_total,"
        f"workers_women,joined_on\n{code},Real name,garment,Hà Nội,100,50,2020-01-01\n",
    )
    assert problem_keys(clash) == {"factory_code_in_demo"}
    with demo.connect() as connection:
        question = connection.scalar(select(Finding.question_code).limit(1))
    findings = load(
        demo,
        "a.csv",
        "factory_code,assessed_on,assessment_type,cycle,question_code,"
        f"non_compliant\n{code},2024-01-05,annual,1,{question},no\n",
    )
    assert problem_keys(findings) == {"synthetic_factory"}


def test_real_data_beside_demo_data_keeps_the_banner_and_warns(demo: Engine) -> None:
    name, data = template_file("factories", "csv", demo, example=True)
    report = load_ok(demo, name, data)
    assert "demo_accounts_active" in {p.key for p in report.problems}
    assert has_synthetic_data(demo)


def test_removal_needs_a_personal_administrator(demo: Engine) -> None:
    with pytest.raises(UserError):
        remove_demo_data(demo, PERSONAL_ADMIN)
    assert has_synthetic_data(demo)


def test_removal_deletes_every_synthetic_row_and_disables_demo_sign_ins(demo: Engine) -> None:
    name, data = template_file("factories", "csv", demo, example=True)
    load_ok(demo, name, data)
    with session_scope(demo) as session:
        add_user(session, "real.admin", "a-long-password-1", "admin")
    found = demo_data(demo, PERSONAL_ADMIN)
    assert found.factories == 12 and found.findings > 0 and found.active_demo_users == 5
    version = data_version(demo)
    removed = remove_demo_data(demo, PERSONAL_ADMIN)
    assert removed == found
    assert not has_synthetic_data(demo)
    assert not demo_data(demo, PERSONAL_ADMIN).present
    assert data_version(demo) == version + 1
    with demo.connect() as connection:
        assert (
            connection.scalar(
                select(func.count()).select_from(Dataset).where(Dataset.synthetic.is_(True))
            )
            == 0
        )
        assert {row.code for row in connection.execute(select(Factory.code))} == {
            f"EXAMPLE-00{n}" for n in range(1, 7)
        }
        assert connection.scalar(select(func.count()).select_from(Assessment)) == 0
        demo_users = connection.execute(select(User).where(User.is_demo.is_(True))).all()
        batches = connection.scalar(select(func.count()).select_from(ImportBatch))
    assert demo_users and not any(user.active for user in demo_users)
    assert all(user.session_version > 1 for user in demo_users)
    assert batches >= 2  # the history keeps the demo seeding and the real import
    # The demo codes are free now: real data may use them.
    assert load_ok(demo, "a.csv", data).status in {"no_change", "committed"}


def test_removal_is_for_administrators_only(demo: Engine) -> None:
    for role in ("ilo", "molisa", None):
        with pytest.raises(AccessDenied):
            remove_demo_data(demo, Scope(role))
        with pytest.raises(AccessDenied):
            demo_data(demo, Scope(role))
    assert has_synthetic_data(demo)
