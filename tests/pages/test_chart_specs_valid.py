"""Every Vega-Lite spec the pages send is valid against the Vega-Lite schema.

The app does not validate specs at run time (`ui.charts.spec`: Altair's validation was
about a quarter of a warm rerun), so this test does it for every chart every page
draws: each page as a constituent and as staff, in Vietnamese and in English, and again
after each chooser that changes a chart (a heat map's level, a chart's measure, a
compliance point, the same-factories comparison, a province's profile, a factory's
record). It validates the spec exactly as it reached the browser (the proto Streamlit
sends), so nothing between the builder and the browser escapes it.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import cache
from typing import Any

import jsonschema
import pytest
from altair.vegalite.v6.schema import load_schema
from streamlit.testing.v1 import AppTest

from data_access.db import engine_for
from data_access.filters import Filters
from data_access.indicators import factory_listing
from tests.pages.harness import page_scope, run_page
from ui.charts.spec_cache import SPECS

Chooser = Callable[[AppTest, str], None]


def _radio(key: str, value: str) -> Chooser:
    return lambda at, _db_url: at.radio(key=key).set_value(value).run()


def _last_option(key: str) -> Chooser:
    """The chooser's last option (Sector compliance: a compliance point, after the
    clusters)."""
    return lambda at, _db_url: at.selectbox(key=key).select_index(-1).run()


def _province_profile(at: AppTest, _db_url: str) -> None:
    at.selectbox(key="provinces_profile").set_value("79").run()


def _same_factories(at: AppTest, _db_url: str) -> None:
    at.checkbox(key="sector_compare_same").check().run()


def _assessed_factory(at: AppTest, db_url: str) -> None:
    listing = factory_listing(engine_for(db_url), page_scope("ilo"), Filters())
    assessed = listing[listing["latest_assessment_id"].notna()]
    at.selectbox(key="factories_pick").set_value(int(assessed["factory_id"].iloc[0])).run()


#: Each page with charts, the roles to see it as, and the choosers that change a chart.
PAGES: dict[str, tuple[tuple[str, ...], tuple[Chooser, ...]]] = {
    "overview": (("molisa", "ilo"), (_radio("overview_growth_measure", "workers"),)),
    "provinces": (("molisa", "ilo"), (_province_profile,)),
    "sector_compliance": (
        ("molisa", "ilo"),
        (
            _radio("sector_heatmap_level", "compliance_point"),
            _last_option("sector_linked_choice"),
            _same_factories,
        ),
    ),
    "social_dialogue": (("molisa", "ilo"), (_radio("dialogue_women_by", "province"),)),
    "factories": (("ilo",), (_assessed_factory,)),
}


@cache
def _validator() -> jsonschema.protocols.Validator:
    schema = load_schema()
    return jsonschema.validators.validator_for(schema)(schema)


def _problems(spec: dict[str, Any]) -> list[str]:
    error = jsonschema.exceptions.best_match(_validator().iter_errors(spec))
    return [] if error is None else [f"{error.json_path}: {error.message[:300]}"]


def _check_new(at: AppTest, seen: set[str], where: tuple[str, ...]) -> None:
    """Validate the page's specs not validated before (a chooser redraws some charts
    and leaves the others as they were)."""
    for node in at.get("vega_lite_chart"):
        if node.proto.spec in seen:
            continue
        seen.add(node.proto.spec)
        spec = json.loads(node.proto.spec)
        assert not _problems(spec), (*where, spec.get("title"), _problems(spec))


def test_the_validator_rejects_an_invalid_spec() -> None:
    """The check below can fail: a spec with a mark Vega-Lite does not have is refused."""
    assert _problems({"mark": "pie-in-the-sky", "data": {"values": []}})
    assert not _problems({"mark": "bar", "data": {"values": []}})


@pytest.mark.parametrize("page", list(PAGES))
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_chart_spec_a_page_sends_is_valid(page: str, lang: str, demo_db_url: str) -> None:
    roles, choosers = PAGES[page]
    seen: set[str] = set()
    for role in roles:
        at = run_page(f"pages/{page}.py", role, lang=lang, db_url=demo_db_url, timeout=300)
        assert not at.exception, (role, at.exception)
        _check_new(at, seen, (page, role, lang))
        for choose in choosers:
            choose(at, demo_db_url)
            assert not at.exception, (role, choose, at.exception)
            _check_new(at, seen, (page, role, lang, "after a chooser"))
    assert seen, f"{page} drew no chart"


def test_a_warm_rerun_builds_no_chart_again(demo_db_url: str) -> None:
    """The point of the spec cache: a rerun with the same figures (a click elsewhere)
    reuses every chart, for a constituent and for staff alike."""
    for role in ("molisa", "ilo"):
        at = run_page("pages/sector_compliance.py", role, db_url=demo_db_url, timeout=300)
        drawn = len(at.get("vega_lite_chart"))
        built, reused = SPECS.misses, SPECS.hits
        at.run()
        assert not at.exception
        assert SPECS.misses == built, role
        assert SPECS.hits - reused == drawn > 0, role
