"""Chart builders: what reaches the browser (the Vega-Lite spec and its inline data) holds
only the drawn columns, never a suppressed value for a constituent, and reads in the
viewer's language."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from ui.charts import (
    OKABE_ITO,
    grouped_bars,
    heatmap,
    linked_bars_and_trend,
    paired_dots,
    prepare_rows,
    ranked_bars,
    stacked_by_year,
    trend_lines,
)

SECRETS = ["918273", "918.273", "918,273", "0.734219", "73,4", "73.4"]


def _frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "name": ["Giờ làm việc", "Lương", "Phân biệt đối xử"],
            "group": ["national", "national", "core"],
            "sector": ["Giày dép", "May mặc", "Giày dép"],
            "year": [2024, 2024, 2025],
            "factory_name": ["Công ty Bí Mật", "X", "Y"],
            "rate": [0.5, 0.25, 0.734219],
            "numerator": [20, 10, 918273],
            "denominator": [40, 40, 1250000],
            "suppressed": [False, False, True],
            "suppression_reason": ["", "", "protected"],
        }
    )


def _rows(staff: bool = False, lang: str = "vi") -> pd.DataFrame:
    return prepare_rows(
        _frame(),
        {
            "label": "name",
            "group": "group",
            "series": "sector",
            "year": "year",
            "row": "name",
            "column": "sector",
        },
        lang=lang,
        staff=staff,
        min_factories=5,
        value="rate",
    )


def _spec_text(built) -> str:
    return json.dumps(built.spec, ensure_ascii=False)


def test_prepare_rows_hides_suppressed_values_for_constituents() -> None:
    rows = _rows(staff=False)
    hidden = rows[rows["hidden"]].iloc[0]
    assert hidden["value"] is None or pd.isna(hidden["value"])
    assert hidden["value_text"] == "Ẩn" and hidden["fraction_text"] == ""
    assert hidden["note"] == "Ẩn để bảo mật: ô này hoặc một ô liên quan có dưới 5 nhà máy"
    assert "factory_name" not in rows.columns
    shown = rows[~rows["hidden"]].iloc[0]
    assert shown["value_text"] == "50,0%" and shown["fraction_text"] == "20 trên 40 nhà máy"


def test_staff_keep_values_with_a_note() -> None:
    rows = _rows(staff=True, lang="en")
    flagged = rows.iloc[2]
    assert flagged["value"] == pytest.approx(0.734219) and not flagged["hidden"]
    assert "Constituents see this as suppressed" in flagged["note"]
    assert flagged["value_text"] == "73.4%"


def _all_builders(rows: pd.DataFrame) -> list:
    common = {"lang": "vi", "title": "Tiêu đề", "value_title": "Tỷ lệ"}
    return [
        ranked_bars(rows, label_title="Điểm", **common),
        heatmap(rows, row_title="Điểm", column_title="Ngành", **common),
        trend_lines(rows, series_title="Ngành", **common),
        stacked_by_year(rows, series_title="Ngành", **common),
        paired_dots(
            rows,
            label_title="Điểm",
            series_title="Ngành",
            series_order=["Giày dép", "May mặc"],
            **common,
        ),
        grouped_bars(
            rows,
            label_title="Điểm",
            series_title="Ngành",
            series_order=["Giày dép", "May mặc"],
            **common,
        ),
        linked_bars_and_trend(
            rows.drop_duplicates("label"),
            rows,
            bar_title="a",
            trend_title="b",
            label_title="Ngành",
            **common,
        ),
    ]


def test_no_builder_embeds_a_suppressed_value_or_an_undrawn_column() -> None:
    for built in _all_builders(_rows(staff=False)):
        text = _spec_text(built)
        for secret in SECRETS:
            assert secret not in text, (secret, built.alt)
        assert "Bí Mật" not in text and "factory_name" not in text
        table_text = built.table.to_string()
        for secret in SECRETS:
            assert secret not in table_text


def test_every_chart_has_alt_text_description_and_a_table() -> None:
    for built in _all_builders(_rows()):
        assert len(built.alt) > 20
        assert not built.table.empty
        assert "Giá trị" in built.table.columns


def test_numbers_follow_the_viewer_language() -> None:
    spec = ranked_bars(_rows(), lang="vi", title="t", label_title="l", value_title="v").spec
    assert spec["config"]["locale"]["number"]["decimal"] == ","
    spec_en = ranked_bars(
        _rows(lang="en"), lang="en", title="t", label_title="l", value_title="v"
    ).spec
    assert spec_en["config"]["locale"]["number"]["decimal"] == "."


def test_tooltips_carry_numerator_and_denominator() -> None:
    built = ranked_bars(_rows(), lang="vi", title="t", label_title="Điểm", value_title="v")
    text = _spec_text(built)
    assert "fraction_text" in text and "Tử số / mẫu số" in text
    assert "20 trên 40 nhà máy" in text


def test_core_and_national_are_coloured_apart() -> None:
    built = ranked_bars(_rows(), lang="en", title="t", label_title="Point", value_title="v")
    text = _spec_text(built)
    assert "Core labour standards" in text and "National labour law" in text


def test_categorical_palette_is_okabe_ito() -> None:
    built = trend_lines(_rows(), lang="vi", title="t", series_title="s", value_title="v")
    text = _spec_text(built)
    assert OKABE_ITO[0] in text and OKABE_ITO[1] in text
    assert "strokeDash" in text


def test_legend_selection_is_named_and_bound() -> None:
    spec = trend_lines(
        _rows(), lang="vi", title="t", series_title="s", value_title="v", name="x"
    ).spec
    params = json.dumps(spec)
    assert '"x_pick"' in params and '"legend"' in params


def _x_domains(spec: object) -> list[list[int]]:
    found: list[list[int]] = []
    if isinstance(spec, dict):
        x = spec.get("encoding", {}).get("x", {}) if isinstance(spec.get("encoding"), dict) else {}
        if isinstance(x, dict) and "domain" in x.get("scale", {}):
            found.append(x["scale"]["domain"])
        for value in spec.values():
            found += _x_domains(value)
    elif isinstance(spec, list):
        for value in spec:
            found += _x_domains(value)
    return found


def test_a_hidden_middle_year_and_an_empty_year_stay_on_the_axis() -> None:
    """Footwear 2018, 2019 (hidden), 2020, 2022 (2021: no factory): every year from 2018
    to 2022 is on the axis of the trend and of the stacked bars, the line breaks at the
    hidden year, and the gap's tooltip says why."""
    frame = pd.DataFrame(
        {
            "year": [2018, 2019, 2020, 2022],
            "sector_name_vi": ["Giày dép"] * 4,
            "value": [0.3, 0.4, 0.2, 0.5],
            "numerator": [3, 4, 2, 5],
            "denominator": [10] * 4,
            "suppressed": [False, True, False, False],
            "suppression_reason": ["", "protected", "", ""],
        }
    )
    rows = prepare_rows(
        frame, {"year": "year", "series": "sector_name_vi"}, lang="vi", staff=False, min_factories=5
    )
    every_year = [2018, 2019, 2020, 2021, 2022]
    for built in (
        trend_lines(rows, lang="vi", title="t", series_title="s", value_title="v"),
        stacked_by_year(rows, lang="vi", title="t", series_title="s", value_title="v"),
    ):
        spec = built.spec
        domains = _x_domains(spec)
        assert domains and all(domain == every_year for domain in domains)
        text = json.dumps(spec, ensure_ascii=False)
        assert "Ẩn để bảo mật: ô này hoặc một ô liên quan có dưới 5 nhà máy" in text
        assert "Không có nhà máy nào được đánh giá trong năm này" in text
    line = trend_lines(rows, lang="vi", title="t", series_title="s", value_title="v")
    assert '"invalid": null' in json.dumps(line.spec)


def _axes_and_legends(node: object) -> list[dict]:
    """Every axis or legend object with a number format anywhere in a spec."""
    found: list[dict] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("axis", "legend") and isinstance(value, dict) and "format" in value:
                found.append(value)
            found.extend(_axes_and_legends(value))
    elif isinstance(node, list):
        for value in node:
            found.extend(_axes_and_legends(value))
    return found


def _decimals(pattern: str) -> int:
    return int(pattern.split(".")[-1][0]) if "." in pattern else 0


def test_tick_labels_never_repeat() -> None:
    """A tick step no finer than what the format shows: on a 0–2 % axis ".0%" ticks
    0.5 points apart read "0% 1% 1% 2% 2%"; whole points apart each label is new."""
    small = _rows(staff=True).assign(value=[0.004, 0.012, 0.019])
    for built in _all_builders(small):
        found = _axes_and_legends(built.spec)
        assert found, built.alt
        for axis in found:
            shown = 10 ** -_decimals(axis["format"])
            step = shown / 100 if axis["format"].endswith("%") else shown
            assert axis.get("tickMinStep", 0) >= step - 1e-12, (axis, built.alt)


def test_no_chart_is_wider_than_its_column() -> None:
    """Fixed widths and side-by-side views overflow a phone; every view takes the width
    of the column it is drawn in (Streamlit stretches each part of a vertical stack)."""
    for built in _all_builders(_rows()):
        spec = built.spec
        assert "hconcat" not in spec and "concat" not in spec, built.alt
        views = spec.get("vconcat", [spec])
        for view in views:
            assert view.get("width", "container") == "container", built.alt
