"""Databases and inspection helpers shared by the dashboard page tests.

Three SQLite databases, each built once per test session: the synthetic demo data (what
a new user sees), a migrated database with reference data only (the "no data" state),
and a small hand-built one with planted secrets: two provinces whose figures rest on
fewer than five factories, with factory names and worker counts that appear nowhere
else, so a test can search everything a constituent's browser receives for them.

`browser_payload` gathers that "everything": the text of every element, the Vega-Lite
specs with their Arrow datasets decoded, and the pydeck JSON, i.e. what would reach the
browser, not only what is visible.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

from data_access.bootstrap import seed_demo
from data_access.db import make_engine
from tests.data_access.fixtures import Builder
from tests.pages.harness import all_text

ROLES: tuple[str, ...] = ("molisa", "vcci", "vgcl", "ilo", "admin")
CONSTITUENTS: tuple[str, ...] = ("molisa", "vcci", "vgcl")
STAFF: tuple[str, ...] = ("ilo", "admin")

#: Planted in the leak database: names of factories in small cells, and worker totals
#: of the two small provinces (Hà Nội: 6,173 + 6,174; Đà Nẵng: 3 × 2,111).
SECRET_NAMES: tuple[str, ...] = ("Bí Mật Một", "Bí Mật Hai", "Kín Đáo")
SECRET_NUMBERS: tuple[str, ...] = (
    "12347", "12.347", "12,347", "6333", "6.333", "6,333",
    "6173", "6.173", "6,173", "6174", "6.174", "6,174",
)  # fmt: skip
SMALL_PROVINCES: tuple[str, ...] = ("01", "48")


def _copy(template: Path, target: Path) -> str:
    shutil.copyfile(template, target)
    return f"sqlite:///{target}"


@pytest.fixture(scope="session")
def demo_db_url(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    url = _copy(sqlite_template, tmp_path_factory.mktemp("pages-demo") / "demo.db")
    engine = make_engine(url)
    seed_demo(engine)
    engine.dispose()
    return url


@pytest.fixture(scope="session")
def empty_db_url(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    return _copy(sqlite_template, tmp_path_factory.mktemp("pages-empty") / "empty.db")


@pytest.fixture(scope="session")
def leak_db_url(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    url = _copy(sqlite_template, tmp_path_factory.mktemp("pages-leak") / "leak.db")
    engine = make_engine(url)
    build = Builder(engine)
    factories: list[int] = []
    for index in range(12):
        factories.append(
            build.factory(
                province="79",
                legacy="79",
                workers=1000,
                women=800,
                name=f"Công ty May Sài Gòn {index}",
            )
        )
    factories.append(
        build.factory(
            province="01",
            legacy="01",
            sector="footwear",
            workers=6173,
            women=3001,
            name="Công ty Giày Bí Mật Một",
        )
    )
    factories.append(
        build.factory(
            province="01",
            legacy="01",
            sector="footwear",
            workers=6174,
            women=3002,
            name="Công ty Giày Bí Mật Hai",
        )
    )
    for index in range(3):
        factories.append(
            build.factory(
                province="48",
                legacy="48",
                workers=2111,
                women=1500,
                name=f"Công ty Kín Đáo {index}",
            )
        )
    for position, factory in enumerate(factories):
        for year in (2024, 2025):
            build.assessment(
                factory,
                f"{year}-0{1 + position % 9}-15",
                points={
                    "FA-CBA": position % 2 == 0,
                    "WT-OVT": position % 3 == 0,
                    "CL-CHL": False,
                    "OS-CHE": position % 4 == 0,
                },
                dialogue={"cba_in_force": position % 2 == 1, "picc_women_members": 4},
            )
    engine.dispose()
    return url


# --- what reached the browser -------------------------------------------------------


def vega_charts(at: AppTest) -> list[tuple[dict[str, Any], list[pd.DataFrame]]]:
    """Each Altair chart's spec and its datasets (Streamlit ships them as Arrow)."""
    charts = []
    for node in at.get("vega_lite_chart"):
        spec = json.loads(node.proto.spec)
        frames = [
            pa.ipc.open_stream(dataset.data.data).read_all().to_pandas()
            for dataset in node.proto.datasets
        ]
        charts.append((spec, frames))
    return charts


def chart_alts(at: AppTest) -> list[str]:
    return [node.proto.alt for node in at.get("vega_lite_chart")]


def decks(at: AppTest) -> list[dict[str, Any]]:
    return [json.loads(node.proto.json) for node in at.get("deck_gl_json_chart")]


def deck_features(at: AppTest, layer_id: str = "provinces") -> list[dict[str, Any]]:
    for deck in decks(at):
        for layer in deck["layers"]:
            if layer.get("id") == layer_id:
                return layer["data"]
    return []


def browser_payload(at: AppTest) -> str:
    """Every string the page sent: element text, chart specs and data, deck JSON, the
    alt texts and tooltips' source strings."""
    parts = [all_text(at)]
    for spec, frames in vega_charts(at):
        parts.append(json.dumps(spec, ensure_ascii=False))
        parts.extend(frame.to_json(force_ascii=False) for frame in frames)
    parts.extend(json.dumps(_without_coordinates(deck), ensure_ascii=False) for deck in decks(at))
    parts.extend(chart_alts(at))
    parts.extend(str(node.proto.alt) for node in at.get("deck_gl_json_chart"))
    for element in at.selectbox:
        parts.extend(str(option) for option in element.options)
    return "\n".join(parts)


def _without_coordinates(node: Any) -> Any:
    """The deck minus boundary and label coordinates: digits such as "17.6333" in a
    longitude are geometry, not figures, and would make the number search meaningless."""
    if isinstance(node, dict):
        return {
            key: _without_coordinates(value)
            for key, value in node.items()
            if key not in {"geometry", "position", "initialViewState"}
        }
    if isinstance(node, list):
        return [_without_coordinates(item) for item in node]
    return node


def assert_no_secrets(payload: str) -> None:
    for secret in SECRET_NAMES + SECRET_NUMBERS:
        assert secret not in payload, f"{secret!r} reached a constituent's browser"


def hidden_rows_are_empty(at: AppTest) -> int:
    """Every chart row marked hidden carries no value and no numerator/denominator;
    returns how many hidden rows were checked."""
    checked = 0
    for _spec, frames in vega_charts(at):
        for frame in frames:
            if "hidden" not in frame:
                continue
            hidden = frame[frame["hidden"]]
            assert hidden["value"].isna().all()
            assert (hidden["fraction_text"] == "").all()
            checked += len(hidden)
    return checked
