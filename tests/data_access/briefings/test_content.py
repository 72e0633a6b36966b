"""Briefings read back from Word and PDF hold the figures `data_access` gives the
audience for the same filter, nothing a constituent may not see, and Vietnamese names
intact. Figures run on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime

import pandas as pd
import pytest
from sqlalchemy import Engine, select

from data_access.briefings.content import build_briefing
from data_access.briefings.generate import generate
from data_access.briefings.request import AUDIENCES, BriefingRequest
from data_access.i18n import VIETNAM_TIME, fmt_number, fmt_percent
from data_access.indicators import non_compliance, programme_size, top_non_compliance
from data_access.indicators.headline import programme_size_change
from data_access.models import AuditEntry
from data_access.scope import AccessDenied, Scope, audience_scope
from tests.data_access.briefings.conftest import FACTORY_NAMES
from tests.data_access.briefings.readers import docx_tables, docx_text, pdf_text

AUTHOR = Scope("ilo", "ilo", "ilo.test")
#: Factory names long enough not to occur by chance in a briefing's text.
DISTINCTIVE_NAMES = [name.strip() for name in FACTORY_NAMES if len(name.strip()) > 6]


def request(audience: str = "vgcl", lang: str = "vi", **changes: object) -> BriefingRequest:
    options = {
        "audience": audience,
        "year_from": 2025,
        "year_to": 2025,
        "compare_from": 2024,
        "compare_to": 2024,
        "lang": lang,
        "sectors": ("garment",),
        **changes,
    }
    return BriefingRequest(**options)  # type: ignore[arg-type]


def _table(tables: list[list[list[str]]], first_header: str) -> list[list[str]]:
    return next(table for table in tables if table[0] and table[0][0] == first_header)


def test_figures_equal_data_access_and_nothing_hidden_leaks(programme: Engine) -> None:
    """One VGCL briefing, read back: its figures are the audience's `data_access`
    figures, and it names no factory and shows no cell hidden from VGCL."""
    wanted = request()
    files = generate(programme, AUTHOR, wanted)
    scope = audience_scope("vgcl")
    tables = docx_tables(files.docx)
    texts = (docx_text(files.docx), pdf_text(files.pdf))

    top = top_non_compliance(programme, scope, wanted.after, n=5)
    issues = _table(tables, "#")
    assert len(issues) - 1 == len(top) == 4
    for row, (_, expected) in zip(issues[1:], top.iterrows(), strict=True):
        assert row[1] == expected["compliance_point_name_vi"]
        assert row[3] == fmt_percent(float(expected["rate"]), "vi")
        assert row[3] in texts[1]

    headline = programme_size_change(programme, scope, wanted.before, wanted.after)
    factories = headline.set_index("measure").loc["factories", "value_after"]
    assert files.briefing.document.key_figures[0].value == fmt_number(float(factories), "vi")
    assert fmt_number(float(factories), "vi") == "19"

    sizes = programme_size(programme, scope, wanted.after, by="province")
    provinces = _table(tables, "Tỉnh, thành phố")
    by_name = {row[0]: row for row in provinces[1:]}
    for _, expected in sizes.iterrows():
        row = by_name[expected["province_name_vi"]]
        shown = "–" if expected["suppressed"] else fmt_number(int(expected["factories"]), "vi")
        assert row[1] == shown

    # Staff would see Đắk Lắk's overtime rate; the audience must not.
    staff_view = non_compliance(
        programme, AUTHOR, replace(wanted.after, compliance_points=("WT-OVT",)), ("province",)
    )
    dak_lak = staff_view[staff_view["province"] == "66"].iloc[0]
    assert dak_lak["suppressed"] and pd.notna(dak_lak["rate"])
    assert set(by_name["Đắk Lắk"][1:]) == {"–"}
    for text in texts:
        assert "Đắk Lắk" in text and "Hồ Chí Minh" in text
        for name in [*DISTINCTIVE_NAMES, "Factory F0"]:
            assert name not in text


def test_one_province_shows_its_former_provinces(programme: Engine) -> None:
    files = generate(programme, AUTHOR, request(provinces=("46",)))
    text = pdf_text(files.pdf)
    assert "Thừa Thiên Huế (cũ)" in text
    assert "Thừa Thiên Huế" in docx_text(files.docx)


def test_generation_is_audited(programme: Engine) -> None:
    generate(programme, AUTHOR, request(audience="molisa", lang="en"))
    with programme.connect() as connection:
        entry = connection.execute(select(AuditEntry).where(AuditEntry.action == "briefing")).one()
    detail = json.loads(entry.detail)
    assert entry.username == "ilo.test"
    assert detail["audience"] == "molisa" and detail["lang"] == "en"
    assert detail["filters"]["sector"] == ["garment"]


def test_only_staff_prepare_briefings(programme_sqlite: Engine) -> None:
    for role in ("molisa", "vcci", "vgcl", None):
        with pytest.raises(AccessDenied):
            build_briefing(programme_sqlite, Scope(role), request())
    with pytest.raises(AccessDenied):
        request(audience="ilo")


@pytest.mark.parametrize("audience", AUDIENCES)
def test_every_audience_in_english(programme_sqlite: Engine, audience: str) -> None:
    files = generate(programme_sqlite, AUTHOR, request(audience=audience, lang="en"))
    document = files.briefing.document
    points = document.sections[0].bullets
    assert document.sections[0].heading == "Talking points"
    assert len(points) >= 3
    text = pdf_text(files.pdf)
    assert "Ho Chi Minh City" in text and "Dak Lak" in text
    assert "Synthetic demonstration data" in text
    assert files.pdf_name.startswith(f"briefing-{audience}_garment_2025_vs-2024_en")


def test_a_selection_too_small_for_the_audience_says_so(programme_sqlite: Engine) -> None:
    files = generate(programme_sqlite, AUTHOR, request(provinces=("66",), lang="en"))
    assert files.briefing.says_little
    assert {figure.value for figure in files.briefing.document.key_figures} == {"–"}
    assert "No talking point can be drawn for this audience" in pdf_text(files.pdf)


def test_the_cover_is_dated_in_viet_nam_time(
    programme_sqlite: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At 00:28 on 2 December in Ha Noi the server's UTC clock still says 1 December; the
    cover and footer give the day the reader lives in, like the import stamp beside it."""
    from data_access.briefings import content

    just_after_midnight = datetime(2026, 12, 2, 0, 28, tzinfo=VIETNAM_TIME)
    monkeypatch.setattr(content, "now_in_vietnam", lambda: just_after_midnight)
    document = build_briefing(programme_sqlite, AUTHOR, request()).document
    assert "Ngày lập: 02/12/2026" in document.date_line
    assert document.footer.endswith("02/12/2026")
