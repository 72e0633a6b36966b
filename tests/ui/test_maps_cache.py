"""The built map is reused on a warm rerun (same frame content, metric, language, level,
outline and viewer) and rebuilt when any of them changes; a constituent never receives
the map built for staff from the same frame."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pandas as pd
import pydeck as pdk
import pytest
from streamlit.elements.deck_gl_json_chart import _get_pydeck_tooltip

import ui.maps as maps
from data_access.scope import Scope
from ui.maps import MapMetric, province_map

CONSTITUENT = Scope("molisa", "molisa", "molisa.demo")
OTHER_CONSTITUENT = Scope("vgcl", "vgcl", "vgcl.demo")
STAFF = Scope("ilo", "ilo", "ilo.demo")
SECRET_VALUE = 0.734219
METRIC = MapMetric("Rate", kind="share")


def _frame() -> pd.DataFrame:
    """A fresh frame each call: the cache must key on content, not on the object."""
    return pd.DataFrame(
        {
            "province_code": ["79", "01", "48"],
            "value": [0.25, 0.5, SECRET_VALUE],
            "numerator": [10, 20, 918273],
            "denominator": [40, 40, 987654],
            "suppressed": [False, False, True],
            "suppression_reason": ["", "", "small"],
        }
    )


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Every real build, by language, with an empty cache before and after."""
    calls: list[str] = []
    real = maps.build_province_map

    def counting(frame, metric, lang, **options):
        calls.append(lang)
        return real(frame, metric, lang, **options)

    maps._cached_map.clear()
    monkeypatch.setattr(maps, "build_province_map", counting)
    yield calls
    maps._cached_map.clear()


def test_a_warm_rerun_reuses_the_built_map(builds: list[str]) -> None:
    first = province_map(_frame(), METRIC, "vi", CONSTITUENT)
    again = province_map(_frame(), METRIC, "vi", CONSTITUENT, selected=())
    assert builds == ["vi"]
    assert again is first
    assert again.deck.to_json() == first.deck.to_json()


@pytest.mark.parametrize(
    "change",
    [
        {"lang": "en"},
        {"metric": MapMetric("Rate", kind="share", worse_when_high=True)},
        {"metric": MapMetric("Other label", kind="share")},
        {"selected": ("79",)},
        {"scope": OTHER_CONSTITUENT},
        {"frame": _frame().assign(value=[0.25, 0.5, 0.61])},
    ],
    ids=["language", "palette", "label", "outline", "scope", "frame"],
)
def test_any_change_builds_anew(builds: list[str], change: dict) -> None:
    base = {"frame": _frame(), "metric": METRIC, "lang": "vi", "scope": CONSTITUENT}
    first = province_map(base["frame"], base["metric"], base["lang"], base["scope"])
    changed = {**base, **change}
    options = {"selected": changed.pop("selected")} if "selected" in changed else {}
    second = province_map(
        changed["frame"], changed["metric"], changed["lang"], changed["scope"], **options
    )
    assert len(builds) == 2
    assert second is not first


def test_the_legacy_level_is_its_own_map(builds: list[str]) -> None:
    frame = _frame().rename(columns={"province_code": "legacy_code"})
    current = province_map(_frame(), METRIC, "vi", CONSTITUENT)
    legacy = province_map(frame, METRIC, "vi", CONSTITUENT, level="legacy")
    assert len(builds) == 2 and legacy is not current


def test_a_constituent_never_gets_the_staff_map_of_the_same_frame(builds: list[str]) -> None:
    staff = province_map(_frame(), METRIC, "en", STAFF)
    constituent = province_map(_frame(), METRIC, "en", CONSTITUENT)
    assert len(builds) == 2
    assert "73.4%" in staff.deck.to_json() and "918,273" in staff.deck.to_json()
    for secret in ("73.4", "918,273", "918273", "987,654", "0.734219"):
        assert secret not in constituent.deck.to_json(), secret
    # ... and the staff map, built second, is not the constituent's either.
    maps._cached_map.clear()
    province_map(_frame(), METRIC, "en", CONSTITUENT)
    assert "73.4%" in province_map(_frame(), METRIC, "en", STAFF).deck.to_json()


def test_the_deck_is_serialised_once_compact_with_its_tooltip() -> None:
    built = maps.build_province_map(_frame(), METRIC, "vi")
    spec = built.deck.to_json()
    assert spec is built.deck.to_json(), "made once, not on every call"
    assert spec == json.dumps(json.loads(spec), separators=(",", ":"), ensure_ascii=False)
    assert "Hồ Chí Minh" in spec, "plain UTF-8, not escaped"
    # What st.pydeck_chart reads besides the JSON.
    assert _get_pydeck_tooltip(built.deck) == maps.TOOLTIP
    assert built.deck.layers == [], "the features are not kept once serialised"


def test_the_spec_is_pydecks_own_serialisation_compacted() -> None:
    layers = maps._layers(
        [
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [106.7, 10.8]},
                "properties": {"code": "79", "fill": [1, 2, 3, 235], "tt_title": "Hồ Chí Minh"},
            }
        ],
        {},
        (),
        "vi",
    )
    deck = maps.SerializedDeck(list(layers))
    # The same deck as pydeck would serialise it (indented), with the layers kept.
    twin = object.__new__(pdk.Deck)
    twin.__dict__.update({k: v for k, v in vars(deck).items() if k != "_spec"}, layers=layers)
    assert json.loads(deck.to_json()) == json.loads(pdk.Deck.to_json(twin))
