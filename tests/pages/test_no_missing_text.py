"""No constituent surface prints `None`, `nan`, `NaN` or `<NA>`: every page, every
download (preview and file) and a briefing, on the demo data, for the national default
and for the VCCI case where every figure is hidden (footwear in Đồng Nai, 2024–2025).
Hidden figures say why instead (see tests/ui/test_hidden_reasons.py)."""

from __future__ import annotations

import re

import pytest

from data_access.briefings.generate import generate
from data_access.briefings.request import BriefingRequest
from data_access.db import engine_for
from data_access.exports.files import export_frame
from data_access.filters import Filters
from data_access.indicators import (
    fa_cb_non_compliance,
    non_compliance,
    programme_size,
    social_dialogue,
)
from data_access.indicators.change import change
from data_access.periods import comparison
from data_access.reasons import reason_text
from data_access.refdata import reference
from data_access.scope import Scope
from tests.data_access.briefings.readers import docx_text, pdf_text
from tests.pages.harness import all_text, run_page

MISSING = re.compile(r"(?<![\w<])(None|nan|NaN|<NA>)(?!\w)")
ROLE = "vcci"
DONG_NAI_FOOTWEAR = Filters(year_from=2024, year_to=2025, provinces=("75",), sectors=("footwear",))
SELECTIONS = {"national": Filters(year_from=2026, year_to=2026), "dong-nai": DONG_NAI_FOOTWEAR}
PAGES = (
    "pages/overview.py",
    "pages/sector_compliance.py",
    "pages/social_dialogue.py",
    "pages/provinces.py",
    "pages/about.py",
)


def _clean(text: str, where: str) -> None:
    found = MISSING.search(text)
    assert found is None, f"{where}: {text[max(found.start() - 80, 0) : found.end() + 40]!r}"


@pytest.mark.parametrize("selection", list(SELECTIONS))
def test_no_page_prints_a_missing_value(selection: str, demo_db_url: str) -> None:
    filters = SELECTIONS[selection]
    for page in PAGES:
        at = run_page(page, ROLE, db_url=demo_db_url, filters=filters)
        assert not at.exception, page
        _clean(all_text(at), page)


@pytest.mark.parametrize("selection", list(SELECTIONS))
def test_no_download_preview_or_file_prints_a_missing_value(
    selection: str, demo_db_url: str
) -> None:
    filters = SELECTIONS[selection]
    engine = engine_for(demo_db_url)
    at = run_page("pages/downloads.py", ROLE, db_url=demo_db_url, filters=filters)
    for index in range(len(at.selectbox(key="downloads_dataset").options)):
        at.selectbox(key="downloads_dataset").select_index(index).run()
        assert not at.exception
        _clean(all_text(at), f"downloads #{index}")
    scope = Scope(ROLE, ROLE)
    for key, frame in _datasets(engine, scope, filters):
        exported = export_frame(
            engine, scope, filters, frame, what=key, title=key, lang="vi", fmt="csv"
        )
        _clean(exported.data.decode("utf-8-sig"), key)


def _datasets(engine, scope: Scope, filters: Filters):
    """The Downloads page's datasets for a constituent, from the same functions."""
    yield "points", non_compliance(engine, scope, filters)
    yield "provinces", non_compliance(engine, scope, filters, ("province", "compliance_point"))
    yield "years", non_compliance(engine, scope, filters, ("year", "cluster"))
    yield "change", change(engine, scope, comparison(filters, reference(engine)), "non_compliance")
    yield "size", programme_size(engine, scope, filters, ("year", "sector"))
    yield "dialogue", social_dialogue(engine, scope, filters, ("province",))
    yield "fa_cb", fa_cb_non_compliance(engine, scope, filters)


def test_the_mostly_hidden_briefing_says_why_and_prints_no_missing_value(
    demo_db_url: str,
) -> None:
    engine = engine_for(demo_db_url)
    request = BriefingRequest(
        ROLE, 2024, 2025, 2022, 2023, provinces=("75",), sectors=("footwear",)
    )
    files = generate(engine, Scope("ilo", "ilo", "ilo.test"), request)
    for name, text in (("docx", docx_text(files.docx)), ("pdf", pdf_text(files.pdf))):
        _clean(text, name)
    assert reason_text("protected", "vi") in " ".join(docx_text(files.docx).split())
