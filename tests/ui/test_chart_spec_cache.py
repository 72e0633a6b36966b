"""The spec cache: a chart is built once per exact set of inputs and reused; any input
that changes the chart (the viewer's rows above all) changes the key; and the spec it
keeps is the one Altair itself would produce, built without Altair's process-wide
theme or data transformer (which Streamlit swaps while other sessions run)."""

from __future__ import annotations

import json
from collections.abc import Iterator

import altair as alt
import pandas as pd
import pyarrow as pa
import pytest

from tests.ui.test_charts import SECRETS, _all_builders, _rows
from ui.charts import ranked_bars
from ui.charts.spec import chart_spec, inline
from ui.charts.spec_cache import SPECS, SpecCache, digest


@pytest.fixture(autouse=True)
def empty_cache() -> Iterator[None]:
    SPECS.clear()
    yield
    SPECS.clear()


def _bars(rows: pd.DataFrame, **options: object):
    common: dict[str, object] = {"lang": "vi", "title": "t", "label_title": "l", "value_title": "v"}
    return ranked_bars(rows, **{**common, **options})


def test_the_same_inputs_reuse_the_built_chart() -> None:
    first = _bars(_rows())
    again = _bars(_rows())
    assert again is first
    assert (SPECS.misses, SPECS.hits) == (1, 1)


@pytest.mark.parametrize(
    "options",
    [{"lang": "en"}, {"title": "other"}, {"ascending": True}, {"kind": "count"}],
    ids=["language", "title", "order", "kind"],
)
def test_every_option_is_part_of_the_key(options: dict[str, object]) -> None:
    plain = _bars(_rows())
    changed = _bars(_rows(), **options)
    assert changed is not plain and changed.spec != plain.spec


def test_rows_differing_in_one_cell_or_in_order_are_different_charts() -> None:
    rows = _rows()
    plain = _bars(rows)
    one_cell = rows.copy()
    one_cell.loc[0, "value"] = 0.51
    reordered = rows.iloc[::-1].reset_index(drop=True)
    assert _bars(one_cell) is not plain
    assert _bars(reordered) is not plain
    assert SPECS.misses == 3


def test_a_constituent_never_gets_the_chart_built_for_staff() -> None:
    """Staff rows keep the values a constituent may not see; built first, their chart
    must not answer the constituent's call."""
    staff = _bars(_rows(staff=True))
    constituent = _bars(_rows(staff=False))
    assert constituent is not staff
    text = json.dumps(constituent.spec, ensure_ascii=False)
    assert "73,4" in json.dumps(staff.spec, ensure_ascii=False)
    for secret in SECRETS:
        assert secret not in text


def test_the_cache_keeps_at_most_its_capacity_least_recent_out() -> None:
    cache = SpecCache(capacity=2)
    built = {name: _bars(_rows(), title=name) for name in "abc"}
    cache.get_or_build(b"a", lambda: built["a"])
    cache.get_or_build(b"b", lambda: built["b"])
    cache.get_or_build(b"a", lambda: pytest.fail("a is kept"))
    cache.get_or_build(b"c", lambda: built["c"])
    assert cache.get_or_build(b"a", lambda: pytest.fail("a is kept")) is built["a"]
    assert cache.get_or_build(b"b", lambda: built["c"]) is built["c"]  # b was evicted


def test_the_key_tells_apart_what_equality_of_hashes_might_not() -> None:
    """Pickled arguments, not a hash of their text: None and "None", 1 and "1" differ."""
    assert digest("f", (), {"x": None}) != digest("f", (), {"x": "None"})
    assert digest("f", (), {"x": 1}) != digest("f", (), {"x": "1"})
    assert digest("f", ([1, 2],), {}) != digest("f", ([2, 1],), {})


def test_the_arrow_data_drawn_are_the_specs_own_rows() -> None:
    """What reaches the browser is the spec's inline rows, converted once: the same
    rows, values and hidden cells, and the spec itself untouched by drawing."""
    for built in _all_builders(_rows()):
        before = json.dumps(built.spec, sort_keys=True)
        drawn = built.drawn_spec()
        assert set(drawn["datasets"]) == set(built.spec["datasets"])
        for name, payload in drawn["datasets"].items():
            shipped = pa.ipc.open_stream(payload).read_all().to_pylist()
            assert shipped == built.spec["datasets"][name]
        assert json.dumps(built.spec, sort_keys=True) == before


def _sample_charts() -> list[alt.TopLevelMixin]:
    """A layer with a legend selection and a vertical pair with a filtered trend: the
    two shapes whose conversion moves data and parameters to the top."""
    rows = _rows(staff=True)
    data = inline(rows)
    pick = alt.selection_point(name="p", fields=["series"], bind="legend")
    base = alt.Chart(data).encode(
        x="year:O",
        y="value:Q",
        color="series:N",
        opacity=alt.condition(pick, alt.value(1), alt.value(0.2)),
    )
    layered = (base.mark_line() + base.mark_point()).add_params(pick).properties(title="t")
    click = alt.selection_point(name="c", fields=["label"], empty=True)
    bars = alt.Chart(data).mark_bar().encode(y="label:N", x="value:Q").add_params(click)
    trend = alt.Chart(data).transform_filter(click).mark_line().encode(x="year:O", y="value:Q")
    return [layered.configure(view=alt.ViewConfig(stroke=None)), alt.vconcat(bars, trend)]


def test_the_spec_is_altairs_own_validated_conversion() -> None:
    """`chart_spec` skips validation and the globals, and gives what Altair's own
    `to_dict()` gives under the "none" theme `st.altair_chart` draws with."""
    for chart in _sample_charts():
        with alt.theme.enable("none"):
            expected = chart.to_dict()
        assert chart_spec(chart) == expected


def test_building_ignores_altairs_global_theme_and_transformer() -> None:
    """Streamlit enables its own data transformer (and theme) process-wide while it
    draws an Altair chart for another session; a chart built meanwhile is unaffected."""
    expected = [built.spec for built in _all_builders(_rows())]
    SPECS.clear()

    def refuse(_data: object) -> dict:
        raise AssertionError("the global data transformer was used")

    alt.data_transformers.register("td_refuse", refuse)

    @alt.theme.register("td_loud", enable=False)
    def loud() -> alt.theme.ThemeConfig:
        return {"background": "red"}

    with alt.data_transformers.enable("td_refuse"), alt.theme.enable("td_loud"):
        built = [built.spec for built in _all_builders(_rows())]
    assert built == expected
    assert all("background" not in spec for spec in built)
