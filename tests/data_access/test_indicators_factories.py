"""Factory-level listing and history: staff only, and what they contain."""

from __future__ import annotations

from datetime import date

import pytest

from data_access.filters import Filters
from data_access.indicators import FactoryNotFound, factory_history, factory_listing
from data_access.scope import AccessDenied, Scope
from tests.data_access.fixtures import Builder

ILO = Scope("ilo", "ilo", "staff")
ADMIN = Scope("admin", "ilo", "admin")
REFUSED = [Scope("molisa"), Scope("vcci"), Scope("vgcl"), Scope(None), Scope("guest")]


@pytest.fixture
def factories(engine):
    build = Builder(engine, summaries=False)
    dong_nai = build.factory("VN-001", name="Công ty May Đồng Nai", province="75", legacy="75")
    hanoi = build.factory(
        "VN-002", name="Giày Hà Nội", sector="footwear", province="01", legacy="01"
    )
    build.factory("VN-003", name="Túi xách Sài Gòn")  # never assessed
    build.assessment(dong_nai, "2023-04-01", points={"CO-MIN": True, "FA-FRE": True})
    build.assessment(
        dong_nai,
        "2024-04-01",
        points={"CO-MIN": True, "FA-FRE": False, "OS-CHE": True},
        dialogue={"picc_meetings_12m": 3},
    )
    build.assessment(hanoi, "2024-08-01", points={"CO-MIN": False})
    return {"dong_nai": dong_nai, "hanoi": hanoi}


@pytest.mark.parametrize("scope", REFUSED, ids=lambda scope: str(scope.role))
def test_factory_level_data_is_refused_to_everyone_but_staff(engine, factories, scope):
    with pytest.raises(AccessDenied):
        factory_listing(engine, scope, Filters())
    with pytest.raises(AccessDenied):
        factory_history(engine, scope, factories["dong_nai"])


def test_listing_shows_each_factory_with_its_latest_assessment(engine, factories):
    frame = factory_listing(engine, ILO, Filters()).set_index("code")
    assert list(frame.index) == ["VN-001", "VN-002", "VN-003"]
    dong_nai = frame.loc["VN-001"]
    assert dong_nai.latest_assessed_on == date(2024, 4, 1)
    assert (dong_nai.points_assessed, dong_nai.points_non_compliant) == (3, 2)
    assert dong_nai.assessments == 2
    assert dong_nai.province_name_vi == "Đồng Nai"
    never = frame.loc["VN-003"]
    assert never.assessments == 0 and never.latest_assessed_on is None


def test_listing_for_a_period_keeps_only_factories_assessed_in_it(engine, factories):
    frame = factory_listing(engine, ADMIN, Filters(year_from=2023, year_to=2023))
    assert list(frame["code"]) == ["VN-001"]
    assert frame.iloc[0].latest_assessed_on == date(2023, 4, 1)
    assert frame.iloc[0].points_non_compliant == 2


@pytest.mark.parametrize("search", ["dong nai", "ĐỒNG NAI", "Đồng", "vn-001", "may đồng"])
def test_search_ignores_case_and_diacritics(engine, factories, search):
    frame = factory_listing(engine, ILO, Filters(), search=search)
    assert list(frame["code"]) == ["VN-001"]


def test_history_has_assessments_points_and_dialogue(engine, factories):
    history = factory_history(engine, ILO, factories["dong_nai"], picc_min_meetings=6)
    assert history.factory["name"] == "Công ty May Đồng Nai"
    assert history.factory["province_name_en"] == "Dong Nai"
    assert list(history.assessments["assessed_on"]) == [date(2023, 4, 1), date(2024, 4, 1)]
    assert list(history.assessments["points_non_compliant"]) == [2, 2]
    latest = history.latest_non_compliant_points
    assert sorted(latest["compliance_point"]) == ["CO-MIN", "OS-CHE"]
    assert len(history.points) == 5
    record = history.social_dialogue.iloc[0]
    assert record.picc_meetings_12m == 3 and not record.picc_functioning


def test_history_of_an_unknown_factory(engine, factories):
    with pytest.raises(FactoryNotFound):
        factory_history(engine, ILO, 999_999)
