"""The Streamlit cache wrappers: never shared across scopes, invalidated by imports, and
the indicator modules themselves free of Streamlit."""

from __future__ import annotations

import subprocess
import sys

import pandas as pd
import pytest
from sqlalchemy import event, update

from data_access import cache
from data_access.bootstrap import create_demo_users
from data_access.db import session_scope
from data_access.filters import Filters
from data_access.models import User
from data_access.scope import AccessDenied, Scope
from tests.data_access.fixtures import Builder

MOLISA = Scope("molisa", "molisa", "viewer")
ILO = Scope("ilo", "ilo", "staff")


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def build_small_and_large(build: Builder) -> None:
    for province, count in (("01", 3), ("79", 8), ("48", 2)):
        for index in range(count):
            factory = build.factory(province=province, legacy=province)
            build.assessment(factory, "2024-05-01", points={"CO-MIN": index == 0})


def test_staff_results_are_never_served_to_a_constituent(engine):
    build_small_and_large(Builder(engine, summaries=False))
    staff = cache.cached_non_compliance(engine, ILO, Filters(), ("province",), min_factories=5)
    seen = cache.cached_non_compliance(engine, MOLISA, Filters(), ("province",), min_factories=5)
    assert staff.set_index("province").loc["01", "assessed"] == 3
    assert pd.isna(seen.set_index("province").loc["01", "assessed"])
    again = cache.cached_non_compliance(engine, MOLISA, Filters(), ("province",), min_factories=5)
    assert pd.isna(again.set_index("province").loc["01", "assessed"])
    assert again.attrs["method"] == "non_compliance"


def test_an_import_invalidates_cached_results(engine):
    build = Builder(engine, summaries=False)
    build_small_and_large(build)
    first = cache.cached_programme_size(engine, ILO, Filters())
    assert first.iloc[0].factories == 13
    build.assessment(build.factory(), "2024-06-01", points={"CO-MIN": True})
    second = cache.cached_programme_size(engine, ILO, Filters())
    assert second.iloc[0].factories == 14


def test_equal_filters_share_one_entry_and_results_are_copies(engine):
    build_small_and_large(Builder(engine, summaries=False))
    one = cache.cached_non_compliance(engine, ILO, Filters(provinces=["79", "01"]))
    one.loc[:, "rate"] = 0.0
    two = cache.cached_non_compliance(engine, ILO, Filters(provinces=("01", "79")))
    assert two.iloc[0].rate == pytest.approx(2 / 11)


def test_indicator_modules_do_not_import_streamlit():
    code = (
        "import sys\n"
        "import data_access.indicators, data_access.filters, data_access.disclosure\n"
        "import data_access.refdata, data_access.freshness\n"
        "print('streamlit' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd="."
    )
    assert result.stdout.strip() == "False"


def test_admin_demo_counts_are_cached_per_data_version_and_sign_ins_counted_afresh(
    engine, monkeypatch
):
    """Admin › Data's counts over every finding run once per data version; the active
    demo sign-ins, which user administration changes without a new data version, are
    never served from the cache."""
    build = Builder(engine, summaries=False)
    build.assessment(build.factory(), "2024-05-01", points={"CO-MIN": True})
    create_demo_users(engine)
    admin = Scope("admin", "ilo", "admin.test")
    runs = []
    counted = cache.FUNCTIONS["demo_data"]
    monkeypatch.setitem(
        cache.FUNCTIONS, "demo_data", lambda *args: runs.append(args) or counted(*args)
    )
    first = cache.cached_demo_data(engine, admin)
    assert (first.factories, first.assessments, first.active_demo_users) == (1, 1, 5)
    with session_scope(engine) as session:
        session.execute(update(User).where(User.username == "vcci.demo").values(active=False))
    again = cache.cached_demo_data(engine, admin)
    assert (again.factories, again.active_demo_users, len(runs)) == (1, 4, 1)
    build.assessment(build.factory(), "2024-06-01", points={"CO-MIN": False})
    assert cache.cached_demo_data(engine, admin).factories == 2
    assert len(runs) == 2
    with pytest.raises(AccessDenied):
        cache.cached_demo_data(engine, ILO)
    assert len(runs) == 2


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("programme_size", (Filters(), ("year",))),
        ("non_compliance", (Filters(year_from=2024, year_to=2024), ("province",))),
        ("top_non_compliance", (Filters(), 10)),
    ],
)
def test_a_cached_call_reads_app_meta_once(engine, name, args):
    """The reference data, the disclosure cube and the summaries' stamps all ask for
    the data version; while a cached call runs they are answered from one read."""
    build_small_and_large(Builder(engine))
    cache.cached_programme_size(engine, MOLISA, Filters(year_from=2023))  # warm reference
    statements = []

    def record(_conn, _cursor, statement, *_rest):
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        frame = cache._call(name, engine, MOLISA, args)
    finally:
        event.remove(engine, "before_cursor_execute", record)
    assert not frame.empty
    assert sum("app_meta" in statement for statement in statements) == 1
