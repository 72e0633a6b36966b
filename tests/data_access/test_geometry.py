"""Checks on the committed boundary assets and their run-time loader.

The maps are the first thing ministries look at, and a wrong dissolve (a sliver between
two former provinces, a legacy unit assigned to the wrong new one) would be easy to miss
by eye, so the geometry is checked against the reference CSV rather than trusted.
"""

from __future__ import annotations

import csv
import subprocess
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
import shapely
from shapely.geometry import Point, shape
from shapely.geometry.base import BaseGeometry

from data_access.geo import (
    ARCHIPELAGOS_FILE,
    ASSETS_GEO_DIR,
    CURRENT_PROVINCES_FILE,
    LEGACY_PROVINCES_FILE,
    archipelagos_geojson,
    current_provinces_geojson,
    legacy_provinces_geojson,
)

REPO_ROOT = Path(__file__).resolve().parents[2]
BUILD_SCRIPT = REPO_ROOT / "scripts" / "build_geometry.py"
SOURCE_DIR = REPO_ROOT.parent / "shared" / "geo"
PROVINCES_CSV = REPO_ROOT / "assets" / "reference" / "provinces_2025.csv"
OUTPUT_FILES = (CURRENT_PROVINCES_FILE, LEGACY_PROVINCES_FILE, ARCHIPELAGOS_FILE)
# Relative to the smaller/legacy area: shared edges may differ by float noise, not by area.
AREA_TOLERANCE = 1e-6


@pytest.fixture(scope="module")
def csv_rows() -> list[dict[str, str]]:
    with PROVINCES_CSV.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def current() -> list[dict[str, Any]]:
    return current_provinces_geojson()["features"]


@pytest.fixture(scope="module")
def legacy() -> list[dict[str, Any]]:
    return legacy_provinces_geojson()["features"]


def geometries(features: list[dict[str, Any]]) -> list[BaseGeometry]:
    return [shape(feature["geometry"]) for feature in features]


def test_feature_counts(current: list[dict[str, Any]], legacy: list[dict[str, Any]]) -> None:
    assert len(current) == 34
    assert len(legacy) == 63
    assert len(archipelagos_geojson()["features"]) == 2


@pytest.mark.parametrize(
    "load", [current_provinces_geojson, legacy_provinces_geojson, archipelagos_geojson]
)
def test_all_geometries_valid(load: Any) -> None:
    features = load()["features"]
    invalid = {
        str(feature["properties"]): shapely.is_valid_reason(geom)
        for feature, geom in zip(features, geometries(features), strict=True)
        if not geom.is_valid
    }
    assert invalid == {}


def test_current_provinces_do_not_overlap(current: list[dict[str, Any]]) -> None:
    geoms = geometries(current)
    left, right = shapely.STRtree(geoms).query(geoms, predicate="intersects")
    overlaps = [
        (current[i]["properties"]["province_code"], current[j]["properties"]["province_code"])
        for i, j in zip(left, right, strict=True)
        if i < j
        and geoms[i].intersection(geoms[j]).area
        >= AREA_TOLERANCE * min(geoms[i].area, geoms[j].area)
    ]
    assert overlaps == []


def test_dissolve_leaves_no_slivers_or_holes(
    current: list[dict[str, Any]], legacy: list[dict[str, Any]]
) -> None:
    current_geoms = geometries(current)
    assert shapely.coverage_is_valid(current_geoms)
    assert all(
        not part.interiors for geom in current_geoms for part in getattr(geom, "geoms", [geom])
    )
    legacy_area = sum(geom.area for geom in geometries(legacy))
    assert sum(geom.area for geom in current_geoms) == pytest.approx(legacy_area, rel=1e-9)


def test_each_legacy_province_lies_inside_its_current_province(
    current: list[dict[str, Any]], legacy: list[dict[str, Any]]
) -> None:
    by_code = {f["properties"]["province_code"]: shape(f["geometry"]) for f in current}
    outside = {}
    for feature in legacy:
        geom = shape(feature["geometry"])
        share = geom.difference(by_code[feature["properties"]["province_code"]]).area / geom.area
        if share >= AREA_TOLERANCE:
            outside[feature["properties"]["legacy_code"]] = share
    assert outside == {}


def test_legacy_codes_match_csv(
    current: list[dict[str, Any]], legacy: list[dict[str, Any]], csv_rows: list[dict[str, str]]
) -> None:
    expected: dict[str, list[str]] = defaultdict(list)
    for row in csv_rows:
        expected[row["province_code"]].append(row["legacy_code"])
    assert {f["properties"]["province_code"]: f["properties"]["legacy_codes"] for f in current} == {
        code: sorted(codes) for code, codes in expected.items()
    }
    assert [
        (
            p["legacy_code"],
            p["iso_3166_2"],
            p["name_vi"],
            p["name_en"],
            p["province_code"],
        )
        for p in (f["properties"] for f in legacy)
    ] == sorted(
        (
            row["legacy_code"],
            row["legacy_iso_3166_2"],
            row["legacy_name_vi"],
            row["legacy_name_en"],
            row["province_code"],
        )
        for row in csv_rows
    )


def test_current_codes_and_names_match_csv(
    current: list[dict[str, Any]], csv_rows: list[dict[str, str]]
) -> None:
    expected = sorted(
        {
            (
                row["province_code"],
                row["province_name_vi"],
                row["province_name_en"],
                row["province_kind"],
            )
            for row in csv_rows
        }
    )
    assert [
        (p["province_code"], p["name_vi"], p["name_en"], p["kind"])
        for p in (f["properties"] for f in current)
    ] == expected


@pytest.mark.parametrize(
    "load", [current_provinces_geojson, legacy_provinces_geojson, archipelagos_geojson]
)
def test_label_points_lie_inside_their_feature(load: Any) -> None:
    outside = [
        feature["properties"]
        for feature in load()["features"]
        if not shape(feature["geometry"]).contains(
            Point(feature["properties"]["label_lon"], feature["properties"]["label_lat"])
        )
    ]
    assert outside == []


def test_archipelagos_belong_to_da_nang_and_khanh_hoa() -> None:
    properties = [f["properties"] for f in archipelagos_geojson()["features"]]
    assert [(p["province_code"], p["name_vi"]) for p in properties] == [
        ("48", "Quần đảo Hoàng Sa"),
        ("56", "Quần đảo Trường Sa"),
    ]


@pytest.mark.parametrize(
    ("load", "count"),
    [(current_provinces_geojson, 34), (legacy_provinces_geojson, 63), (archipelagos_geojson, 2)],
)
def test_loader_returns_a_fresh_copy(load: Any, count: int) -> None:
    first = load()
    first["features"][0]["properties"]["fill"] = "#ff0000"
    first["features"].pop()
    second = load()
    assert len(second["features"]) == count
    assert "fill" not in second["features"][0]["properties"]


@pytest.mark.skipif(
    not SOURCE_DIR.is_dir(), reason=f"Natural Earth source not available at {SOURCE_DIR}"
)
def test_build_is_deterministic_and_committed_assets_are_current(tmp_path: Path) -> None:
    outputs = []
    for run in ("first", "second"):
        out = tmp_path / run
        subprocess.run(
            [sys.executable, str(BUILD_SCRIPT), "--source", str(SOURCE_DIR), "--out", str(out)],
            check=True,
            capture_output=True,
        )
        outputs.append({name: (out / name).read_bytes() for name in OUTPUT_FILES})
    committed = {name: (ASSETS_GEO_DIR / name).read_bytes() for name in OUTPUT_FILES}
    assert outputs[0] == outputs[1]
    assert outputs[0] == committed, "assets/geo is stale: run scripts/build_geometry.py"
