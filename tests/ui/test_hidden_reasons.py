"""Why a cell is hidden: one neutral text for constituents on every surface, each rule's
own text for staff, and a generic text (never a crash) for a rule added later."""

from __future__ import annotations

import json

import pandas as pd

from data_access.exports.columns import column_header, for_reader
from data_access.exports.files import export_frame
from data_access.exports.writers import read_csv_export
from data_access.filters import Filters
from data_access.i18n import t
from data_access.indicators import non_compliance
from data_access.reasons import reason_text, shared_reason
from data_access.scope import Scope
from tests.data_access.fixtures import Builder
from ui.charts import prepare_rows, ranked_bars
from ui.maps import PROVINCE_LAYER, MapMetric, build_province_map

MOLISA = Scope("molisa", "molisa", "viewer")
ILO = Scope("ilo", "ilo", "staff")
NEUTRAL_VI = "Ẩn để bảo mật: ô này hoặc một ô liên quan có dưới 5 nhà máy"


def _three_provinces(engine) -> None:
    """01: 4 factories (small), 48: 6 (hidden to protect 01), 79: 10 (shown)."""
    build = Builder(engine, summaries=False)
    for province, count in (("01", 4), ("48", 6), ("79", 10)):
        for index in range(count):
            factory = build.factory(province=province, legacy=province)
            build.assessment(factory, "2024-05-01", points={"CO-MIN": index % 2 == 0})


def test_texts_in_both_languages_with_the_threshold_and_a_fallback() -> None:
    assert reason_text("protected", "vi", 5) == NEUTRAL_VI
    assert "fewer than 7 factories" in reason_text("protected", "en", 7)
    assert reason_text("small", "vi", 5) != reason_text("complementary", "vi", 5)
    assert "later_rule" in reason_text("later_rule", "en", 5), "a rule without a text reads"
    assert "80%" in reason_text("dominance", "en", 5), "the dominance share comes from settings"
    assert reason_text(None, "vi", 5) == NEUTRAL_VI
    assert reason_text(pd.NA, "vi", 5) == NEUTRAL_VI


def test_a_group_of_hidden_cells_is_explained_by_the_code_they_share() -> None:
    assert shared_reason(["crossing", "crossing"]) == "crossing"
    assert shared_reason(["crossing", "protected"]) == "protected"
    assert shared_reason([pd.NA, None, ""]) == "protected"


def test_a_constituent_cannot_tell_the_two_rules_apart_on_any_surface(engine) -> None:
    """The small cell (01) and the cell hidden to protect it (48) read the same in the
    frame, a table row, a chart tooltip, a map tooltip and a CSV row; staff are told
    which rule hid each."""
    _three_provinces(engine)
    seen = non_compliance(engine, MOLISA, Filters(), by=("province",), min_factories=5)
    staff = non_compliance(engine, ILO, Filters(), by=("province",), min_factories=5)
    by_code = seen.set_index("province")
    assert by_code.loc["01", "suppression_reason"] == by_code.loc["48", "suppression_reason"]
    assert set(staff["suppression_reason"]) == {"small", "complementary", ""}

    rows = prepare_rows(
        seen, {"label": "province"}, lang="vi", staff=False, min_factories=5, value="rate"
    )
    notes = dict(zip(rows["label"], rows["note"], strict=True))
    assert notes["01"] == notes["48"] == NEUTRAL_VI
    spec = json.dumps(
        ranked_bars(rows, lang="vi", title="x", label_title="x", value_title="x").spec,
        ensure_ascii=False,
    )
    assert NEUTRAL_VI in spec and "quy tắc" not in spec

    map_frame = seen.rename(columns={"province": "province_code", "rate": "value"})
    deck = json.loads(
        build_province_map(
            map_frame, MapMetric("x", kind="share"), "vi", staff=False
        ).deck.to_json()
    )
    layer = next(layer for layer in deck["layers"] if layer["id"] == PROVINCE_LAYER)
    bodies = {f["properties"]["code"]: f["properties"]["tt_body"] for f in layer["data"]}
    assert NEUTRAL_VI in bodies["01"] and NEUTRAL_VI in bodies["48"]
    assert "quy tắc" not in " ".join(bodies.values())

    exported = export_frame(
        engine, MOLISA, Filters(), seen, what="x", title="x", lang="vi", fmt="csv"
    )
    _, header, data = read_csv_export(exported.data)
    code, why = header.index(column_header("province", "vi")), header.index("Lý do ẩn")
    written = {row[code]: row[why] for row in data}
    assert written["01"] == written["48"] == NEUTRAL_VI
    assert written["79"] == "–"
    text = exported.data.decode("utf-8-sig")
    for word in ("small", "complementary", "None", "nan", "<NA>"):
        assert word not in text, word

    staff_rows = prepare_rows(
        staff, {"label": "province"}, lang="vi", staff=True, min_factories=5, value="rate"
    )
    staff_notes = dict(zip(staff_rows["label"], staff_rows["note"], strict=True))
    assert staff_notes["01"] != staff_notes["48"]
    assert reason_text("small", "vi", 5) in staff_notes["01"]
    assert reason_text("complementary", "vi", 5) in staff_notes["48"]
    staff_file = for_reader(staff, "vi")
    assert set(staff_file["Lý do ẩn"]) == {
        reason_text("small", "vi", 5),
        reason_text("complementary", "vi", 5),
        "–",
    }


def test_a_download_table_has_no_blank_none_or_nan(engine) -> None:
    _three_provinces(engine)
    seen = non_compliance(engine, MOLISA, Filters(), by=("province",), min_factories=5)
    table = for_reader(seen, "vi")
    cells = [str(value) for value in table.to_numpy().ravel()]
    assert not {"None", "nan", "NaN", "<NA>", ""} & set(cells)
    hidden = table[table[column_header("rate", "vi")] == t("common.suppressed", "vi")]
    assert len(hidden) == 2
    shown = table[table[column_header("province", "vi")] == "79"].iloc[0]
    assert isinstance(shown[column_header("rate", "vi")], float), "numbers stay numbers"
