"""Factories page: for ILO staff and administrators a searchable list and each factory's
latest assessment, non-compliant points, social-dialogue record and history; for a
constituent a refusal, with no factory name anywhere in what the browser receives."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from data_access.db import engine_for
from data_access.filters import Filters
from data_access.i18n import fmt_date, fmt_number, t
from data_access.indicators import factory_history, factory_listing
from data_access.models import Factory
from tests.pages.dashboard_fixtures import (
    CONSTITUENTS,
    STAFF,
    browser_payload,
    vega_charts,
)
from tests.pages.harness import all_text, page_scope, run_page

PAGE = "pages/factories.py"


def _some_names(url: str, n: int = 50) -> list[str]:
    with engine_for(url).connect() as connection:
        return list(connection.scalars(select(Factory.name).limit(n)))


@pytest.mark.parametrize("role", CONSTITUENTS)
@pytest.mark.parametrize("database", ["demo_db_url", "empty_db_url"])
def test_constituents_are_refused_and_see_no_factory(
    role: str, database: str, request: pytest.FixtureRequest
) -> None:
    url = request.getfixturevalue(database)
    at = run_page(PAGE, role, db_url=url)
    assert not at.exception
    assert [e.value for e in at.error] == [t("pages.factories.staff_only", "vi")]
    assert not at.dataframe and not at.selectbox and not at.text_input
    payload = browser_payload(at)
    assert all(name not in payload for name in _some_names(url))


@pytest.mark.parametrize("role", STAFF)
def test_staff_get_the_listing(role: str, demo_db_url: str) -> None:
    at = run_page(PAGE, role, db_url=demo_db_url)
    assert not at.exception
    expected = factory_listing(engine_for(demo_db_url), page_scope(role), Filters())
    table = at.dataframe[0].value
    assert len(table) == len(expected)
    assert list(table["Tên"]) == list(expected["name"])
    assert t("pages.factories.count", "vi", n=fmt_number(len(expected), "vi")) in all_text(at)


@pytest.mark.parametrize("role", STAFF)
def test_empty_database_says_there_is_no_data(role: str, empty_db_url: str) -> None:
    at = run_page(PAGE, role, db_url=empty_db_url)
    assert not at.exception
    assert any(t("common.no_data", "vi") in info.value for info in at.info)


def test_search_ignores_diacritics(leak_db_url: str) -> None:
    at = run_page(PAGE, "ilo", db_url=leak_db_url)
    at.text_input(key="factories_search").input("giay bi mat").run()
    assert not at.exception
    names = set(at.dataframe[0].value["Tên"])
    assert names == {"Công ty Giày Bí Mật Một", "Công ty Giày Bí Mật Hai"}


def test_choosing_a_factory_shows_its_record(demo_db_url: str) -> None:
    engine = engine_for(demo_db_url)
    listing = factory_listing(engine, page_scope("admin"), Filters())
    assessed = listing[listing["latest_assessment_id"].notna()]
    factory_id = int(assessed["factory_id"].iloc[0])
    history = factory_history(engine, page_scope("admin"), factory_id)
    at = run_page(PAGE, "admin", db_url=demo_db_url)
    at.selectbox(key="factories_pick").set_value(factory_id).run()
    assert not at.exception
    assert at.header[0].value == f"{history.factory['code']} — {history.factory['name']}"
    latest = history.assessments.iloc[-1]
    assert fmt_date(latest["assessed_on"], "vi") in all_text(at)
    failing = set(history.latest_non_compliant_points["compliance_point_name_vi"])
    if failing:
        shown = next(
            frame.value for frame in at.dataframe if "Điểm tuân thủ" in frame.value.columns
        )
        assert set(shown["Điểm tuân thủ"]) == failing
    _, frames = vega_charts(at)[0]
    assert len(frames[0]) == len(history.assessments)
    assert list(frames[0]["value"]) == list(history.assessments["points_non_compliant"])
    if not history.social_dialogue.empty:
        assert t("pages.factories.sd.cba_in_force", "vi") in all_text(at)


def test_english(demo_db_url: str) -> None:
    at = run_page(PAGE, "ilo", lang="en", db_url=demo_db_url)
    assert not at.exception
    assert at.title[0].value == "Factories"
