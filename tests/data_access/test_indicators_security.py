"""Default deny, and hostile filter values treated as plain values in every indicator."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import func, inspect, select

from data_access import cache
from data_access.filters import Filters
from data_access.freshness import data_as_of
from data_access.indicators import (
    fa_cb_non_compliance,
    factory_history,
    factory_listing,
    most_improved,
    non_compliance,
    non_compliance_change,
    programme_size,
    social_dialogue,
    top_non_compliance,
)
from data_access.models import Factory
from data_access.scope import AccessDenied, Scope
from tests.data_access.fixtures import Builder

ILO = Scope("ilo", "ilo", "staff")
INJECTIONS = (
    "'; DROP TABLE factories; --",
    "1 OR 1=1",
    "garment' OR '1'='1",
    '"); DELETE FROM assessments; --',
    "79\\",
    "Hồ Chí Minh 🏭",
    "%",
    "_",
)
CODE_FIELDS = (
    "sectors",
    "provinces",
    "legacy_provinces",
    "clusters",
    "compliance_points",
    "size_bands",
)

CALLS = {
    "programme_size": lambda engine, scope, filters: programme_size(
        engine, scope, filters, "province"
    ),
    "non_compliance": lambda engine, scope, filters: non_compliance(
        engine, scope, filters, ("province", "compliance_point")
    ),
    "non_compliance_change": lambda engine, scope, filters: non_compliance_change(
        engine,
        scope,
        replace(filters, year_from=2023, year_to=2023),
        replace(filters, year_from=2024, year_to=2024),
    ),
    "social_dialogue": lambda engine, scope, filters: social_dialogue(
        engine, scope, filters, "sector"
    ),
    "fa_cb_non_compliance": fa_cb_non_compliance,
    "top_non_compliance": top_non_compliance,
    "most_improved": most_improved,
    "data_as_of": data_as_of,
    "factory_listing": factory_listing,
    "cached_non_compliance": cache.cached_non_compliance,
    "cached_programme_size": cache.cached_programme_size,
    "cached_social_dialogue": cache.cached_social_dialogue,
    "cached_data_as_of": cache.cached_data_as_of,
}


@pytest.fixture
def populated(engine):
    build = Builder(engine, summaries=False)
    for index in range(6):
        factory = build.factory(province="79", legacy="79")
        build.assessment(
            factory, "2023-05-01", points={"CO-MIN": index < 2, "FA-FRE": False}, dialogue={}
        )
        build.assessment(
            factory, "2024-05-01", points={"CO-MIN": index < 1, "FA-FRE": True}, dialogue={}
        )
    return engine


@pytest.mark.parametrize("name", sorted(CALLS))
def test_unknown_roles_see_nothing(engine, name):
    for scope in (Scope(None), Scope("guest"), Scope(""), Scope("ILO"), Scope("admin ")):
        with pytest.raises(AccessDenied):
            CALLS[name](engine, scope, Filters())


def test_factory_history_denied_including_through_the_cache(engine):
    for scope in (Scope(None), Scope("guest"), Scope("molisa"), Scope("vcci"), Scope("vgcl")):
        with pytest.raises(AccessDenied):
            factory_history(engine, scope, 1)
        with pytest.raises(AccessDenied):
            cache.cached_factory_history(engine, scope, 1)
        with pytest.raises(AccessDenied):
            cache.cached_factory_listing(engine, scope, Filters())


FACTORY_FIELDS = ("sectors", "provinces", "legacy_provinces", "size_bands")
POINT_FIELDS = ("clusters", "compliance_points")
RATE_CALLS = (
    "non_compliance",
    "non_compliance_change",
    "top_non_compliance",
    "most_improved",
    "cached_non_compliance",
)


def test_hostile_values_in_every_filter_field_match_nothing(populated):
    """Each hostile string is just a code no factory or point has: nothing matches,
    nothing fails, nothing is dropped. All of them go in at once (one IN list)."""
    value = INJECTIONS
    for field in FACTORY_FIELDS:
        filters = replace(Filters(), **{field: value})
        for name, call in CALLS.items():
            result = call(populated, ILO, filters)
            if name.endswith("data_as_of"):
                assert result.latest_assessment is None, (field, name)
            else:
                assert result.empty, (field, name)
    for field in POINT_FIELDS:
        filters = replace(Filters(), **{field: value})
        for name in RATE_CALLS:
            assert CALLS[name](populated, ILO, filters).empty, (field, name)
    points_only = fa_cb_non_compliance(populated, ILO, Filters(compliance_points=value))
    assert set(points_only["level"]) == {"cluster"}
    assert _factory_count(populated) == 6
    assert "factories" in inspect(populated).get_table_names()


def test_hostile_search_text_is_a_plain_substring(populated):
    for value in INJECTIONS:
        assert factory_listing(populated, ILO, Filters(), search=value).empty, value
    assert _factory_count(populated) == 6


def _factory_count(engine) -> int:
    with engine.connect() as connection:
        return connection.scalar(select(func.count()).select_from(Factory))
