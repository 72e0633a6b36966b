"""About page: the method texts the exports cite, the sources, the suppression rule, the
province reform table and whether the data are synthetic, in both languages."""

from __future__ import annotations

import pytest

from data_access.config import settings
from data_access.i18n import t
from data_access.indicators import METHODS
from tests.pages.dashboard_fixtures import ROLES
from tests.pages.harness import all_text, run_page

PAGE = "pages/about.py"


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_method_text_is_shown(role: str, lang: str, demo_db_url: str) -> None:
    at = run_page(PAGE, role, lang=lang, db_url=demo_db_url)
    assert not at.exception
    text = all_text(at)
    config = settings()
    for key in METHODS:
        method = t(
            f"indicators.method.{key}",
            lang,
            n=config.min_factories,
            meetings=config.picc_min_meetings,
        )
        assert method in text, key
    assert t("pages.about.synthetic_present", lang) in [w.value for w in at.warning]


@pytest.mark.parametrize("role", ROLES)
def test_empty_database(role: str, empty_db_url: str) -> None:
    at = run_page(PAGE, role, db_url=empty_db_url)
    assert not at.exception
    assert t("pages.about.synthetic_absent", "vi") in [s.value for s in at.success]


def test_reform_table_lists_the_34_units_and_what_they_were_made_of(empty_db_url: str) -> None:
    at = run_page(PAGE, "molisa", db_url=empty_db_url)
    table = at.dataframe[0].value
    assert len(table) == 34
    assert table[t("pages.about.col.count", "vi")].sum() == 63
    hcm = table[table[t("pages.about.col.province", "vi")] == "Hồ Chí Minh"].iloc[0]
    assert {"Bình Dương", "Bà Rịa - Vũng Tàu", "Hồ Chí Minh"} == set(
        hcm[t("pages.about.col.former", "vi")].split(", ")
    )
    assert "Quần đảo Hoàng Sa" in all_text(at) and "Quần đảo Trường Sa" in all_text(at)
