"""One answer per question: for the same selection, every surface shows the same change.

For three selections on the demo data (national, all years; Hồ Chí Minh City in 2025;
footwear in 2026, a year still running), the change figures are read from
what each surface produces: the Overview, Social dialogue, Sector compliance and
Downloads pages through AppTest, the Downloads file read back, and the briefing's
document model. They must agree, figure for figure (at the precision each surface
prints). One province × one sector is a crossing, which constituents are not given
(`data_access.disclosure`): there every surface hides the change alike. This is the
test that caught the VGCL briefing comparing Jan–Oct 2026 with all of 2025, and the
sector page comparing whole years while the file cut them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest

from data_access.briefings.content import build_briefing
from data_access.briefings.request import BriefingRequest
from data_access.db import engine_for
from data_access.exports.columns import column_header
from data_access.exports.files import export_frame
from data_access.exports.writers import read_csv_export
from data_access.filters import Filters
from data_access.i18n import t
from data_access.indicators.change import change
from data_access.periods import comparison
from data_access.refdata import reference
from data_access.scope import Scope, audience_scope
from tests.pages.harness import run_page

ROLE = "vgcl"
AUTHOR = Scope("ilo", "ilo", "ilo.test")
SELECTIONS: dict[str, Filters] = {
    "national": Filters(),
    "hcmc-2025": Filters(year_from=2025, year_to=2025, provinces=("79",)),
    "footwear-2026-running": Filters(year_from=2026, year_to=2026, sectors=("footwear",)),
}


def number(text: str) -> float | None:
    """A displayed Vietnamese change as a number: "+5.705" → 5705, "−16,2 điểm %" →
    -16.2, "±0" → 0; None for a hidden or missing one (every change is printed signed,
    so a text without a leading sign is not a change)."""
    match = re.match(r"\s*([+\-−±])\s*(\d[\d.]*(?:,\d+)?)", text)
    if match is None:
        return None
    value = float(match.group(2).replace(".", "").replace(",", "."))
    return -value if match.group(1) in {"-", "−"} else value


@dataclass
class Seen:
    """The change figures one surface showed, by figure name, with their precision."""

    figures: dict[str, float | None]
    step: float


def _overview(db_url: str, filters: Filters) -> Seen:
    at = run_page("pages/overview.py", ROLE, db_url=db_url, filters=filters)
    assert not at.exception
    cards = {m.label: m.delta for m in at.metric}
    return Seen(
        {
            measure: number(cards[t(f"pages.overview.card.{measure}", "vi")] or "")
            for measure in ("factories", "workers")
        },
        1,
    )


def _dialogue(db_url: str, filters: Filters) -> Seen:
    at = run_page("pages/social_dialogue.py", ROLE, db_url=db_url, filters=filters)
    assert not at.exception
    cards = {m.label: m.delta for m in at.metric}
    delta = cards[t("pages.dialogue.card.union_present", "vi")]
    return Seen({"union_present": number(delta or "")}, 0.1)


def _sector_page(db_url: str, filters: Filters) -> Seen:
    at = run_page("pages/sector_compliance.py", ROLE, db_url=db_url, filters=filters)
    assert not at.exception
    point, moved = t("pages.common.compliance_point", "vi"), t("pages.common.change", "vi")
    figures: dict[str, float | None] = {}
    for element in at.dataframe:
        table = element.value
        if list(table.columns) == [point, moved]:
            figures.update({row[point]: number(row[moved]) for row in table.to_dict("records")})
    assert figures, "the two-period comparison is on the page"
    return Seen(figures, 0.1)


def _downloads(db_url: str, filters: Filters) -> tuple[Seen, Seen]:
    """The page's preview of the file of changes, and the CSV file itself."""
    at = run_page("pages/downloads.py", ROLE, db_url=db_url, filters=filters)
    at.selectbox(key="downloads_dataset").set_value("non_compliance_change").run()
    assert not at.exception
    name, moved = column_header("compliance_point_name_vi", "vi"), column_header("change", "vi")
    preview = at.dataframe[0].value
    shown = {row[name]: _points(row[moved]) for row in preview.to_dict("records")}
    engine = engine_for(db_url)
    scope = Scope(ROLE, ROLE)
    compared = comparison(filters, reference(engine))
    frame = change(engine, scope, compared, "non_compliance")
    file = export_frame(engine, scope, filters, frame, what="x", title="x", lang="vi", fmt="csv")
    _, header, rows = read_csv_export(file.data)
    named, changed = header.index(name), header.index(moved)
    written = {row[named]: _points(row[changed]) for row in rows}
    return Seen(shown, 0.0001), Seen(written, 0.0001)


def _points(cell: object) -> float | None:
    """A change as a share (0..1) in a file cell → percentage points; "Ẩn"/"–" → None."""
    try:
        return float(cell) * 100  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


def _briefing(db_url: str, filters: Filters) -> tuple[Seen, Seen, Seen]:
    """Key figures (counts, union presence) and the issue tables' changes."""
    engine = engine_for(db_url)
    compared = comparison(filters, reference(engine))
    after, before = compared.after, compared.before
    request = BriefingRequest(
        ROLE,
        after.period_start.year,
        after.period_end.year,
        before.period_start.year,
        before.period_end.year,
        provinces=filters.provinces,
        sectors=filters.sectors,
    )
    document = build_briefing(engine, AUTHOR, request).document
    figures = {figure.label: figure.change for figure in document.key_figures}
    counts = {
        measure: number(figures[t(f"briefings.figure.{measure}", "vi")])
        for measure in ("factories", "workers")
    }
    union = t("indicators.measure.union_present", "vi")
    points: dict[str, float | None] = {}
    change_label = t("briefings.table.change", "vi")
    for section in document.sections:
        for table in section.tables:
            if table.columns[-1] == change_label:
                points.update({row[1]: number(row[-1]) for row in table.rows})
    return Seen(counts, 1), Seen({"union_present": number(figures[union])}, 1), Seen(points, 1)


def _agree(name: str, surfaces: dict[str, Seen]) -> None:
    """Every figure any two surfaces both show is equal at the coarser precision; a
    figure one surface hides, the other hides too."""
    items = list(surfaces.items())
    for index, (left_name, left) in enumerate(items):
        for right_name, right in items[index + 1 :]:
            shared = set(left.figures) & set(right.figures)
            assert shared, f"{name}: {left_name} and {right_name} share no figure"
            for figure in shared:
                a, b = left.figures[figure], right.figures[figure]
                if a is None or b is None:
                    assert a is None and b is None, (name, figure, left_name, a, right_name, b)
                    continue
                step = max(left.step, right.step)
                assert abs(a - b) <= step / 2 + 1e-6, (name, figure, left_name, a, right_name, b)


@pytest.mark.parametrize("name", list(SELECTIONS))
def test_every_surface_gives_the_same_change(name: str, demo_db_url: str) -> None:
    filters = SELECTIONS[name]
    counts, union, briefing_points = _briefing(demo_db_url, filters)
    _agree(name, {"overview": _overview(demo_db_url, filters), "briefing": counts})
    _agree(name, {"social dialogue": _dialogue(demo_db_url, filters), "briefing": union})
    preview, file = _downloads(demo_db_url, filters)
    _agree(
        name, {"sector page": _sector_page(demo_db_url, filters), "preview": preview, "file": file}
    )
    _agree(name, {"file": file, "briefing": briefing_points})


def test_the_briefing_compares_a_running_year_like_the_overview(demo_db_url: str) -> None:
    """The issue's case: VGCL, Hồ Chí Minh City, garment, the year still running. The
    briefing's comparison is the Overview's (same months), and says so in its method
    note."""
    engine = engine_for(demo_db_url)
    ref = reference(engine)
    filters = Filters(
        year_from=ref.latest_year, year_to=ref.latest_year, provinces=("79",), sectors=("garment",)
    )
    compared = comparison(filters, ref)
    assert compared.cut_at == ref.last_assessed_on
    request = BriefingRequest(
        ROLE, ref.latest_year, ref.latest_year, ref.latest_year - 1, ref.latest_year - 1,
        provinces=("79",), sectors=("garment",),
    )  # fmt: skip
    briefing = build_briefing(engine, AUTHOR, request)
    assert briefing.gathered.comparison == compared
    notes = " ".join(note for section in briefing.document.sections for note in section.notes)
    assert compared.describe("vi") in notes
    expected = change(engine, audience_scope(ROLE), compared, "programme_size")
    assert briefing.gathered.headline["change"].tolist() == expected["change"].tolist()


def test_one_province_by_one_sector_is_hidden_alike_on_every_surface(demo_db_url: str) -> None:
    crossing = Filters(year_from=2025, year_to=2025, provinces=("79",), sectors=("garment",))
    counts, union, _points = _briefing(demo_db_url, crossing)
    assert set(_overview(demo_db_url, crossing).figures.values()) == {None}
    assert set(counts.figures.values()) == {None}
    assert _dialogue(demo_db_url, crossing).figures == union.figures == {"union_present": None}
