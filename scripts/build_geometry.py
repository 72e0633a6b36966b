"""Build the province boundary assets the dashboard draws at run time.

Shapely is needed to dissolve the 63 legacy provinces into the 34 units created on
1 July 2025, but the app must not need it: this script runs once, offline, and its output
is committed under ``assets/geo``. The Natural Earth names are unreliable (see the shared
geo README), so features are joined to ``assets/reference/provinces_2025.csv`` by
ISO 3166-2 code only and every name comes from the CSV.

Output is byte-for-byte deterministic so a test can rebuild it and detect stale assets.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry import mapping, shape
from shapely.geometry.base import BaseGeometry

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = REPO_ROOT.parent / "shared" / "geo"
DEFAULT_OUT = REPO_ROOT / "assets" / "geo"
PROVINCES_CSV = REPO_ROOT / "assets" / "reference" / "provinces_2025.csv"

LEGACY_SOURCE = "vn_provinces_63_naturalearth.geojson"
ARCHIPELAGOS_SOURCE = "vn_archipelagos_naturalearth.geojson"
LEGACY_OUT = "provinces_legacy_63.geojson"
CURRENT_OUT = "provinces_current_34.geojson"
ARCHIPELAGOS_OUT = "archipelagos.geojson"

EXPECTED_LEGACY = 63
EXPECTED_CURRENT = 34
DECIMALS = 4
# Geometry is snapped to this grid with GEOS, whose set_precision keeps it valid; rounding
# only when writing the JSON could collapse a narrow part into an invalid ring unnoticed.
GRID = 10.0**-DECIMALS

Feature = dict[str, Any]


class BuildError(Exception):
    """Raised when inputs disagree, so a bad rebuild fails instead of committing wrong maps."""


def read_geojson(path: Path) -> list[Feature]:
    with path.open(encoding="utf-8") as fh:
        return json.load(fh)["features"]


def read_mapping(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def finish(geom: BaseGeometry) -> BaseGeometry:
    """Snap to the output grid and fix ring order and orientation.

    ``normalize`` makes part and vertex order independent of how GEOS happened to build
    the geometry; the source mixes ring orientations, and GeoJSON (RFC 7946) wants
    counter-clockwise exteriors, which some renderers rely on to tell holes from shells.
    """
    geom = shapely.normalize(shapely.set_precision(geom, GRID))
    return shapely.orient_polygons(geom, exterior_cw=False)


def label_point(geom: BaseGeometry) -> dict[str, float]:
    """Return a point guaranteed to lie inside the shape, unlike a centroid of a crescent."""
    point = geom.representative_point()
    return {"label_lon": round(point.x, DECIMALS), "label_lat": round(point.y, DECIMALS)}


def round_coords(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, DECIMALS)
    return [round_coords(item) for item in value]


def feature(properties: dict[str, Any], geom: BaseGeometry) -> Feature:
    geometry = mapping(geom)
    return {
        "type": "Feature",
        "properties": properties,
        "geometry": {
            "type": geometry["type"],
            "coordinates": round_coords(geometry["coordinates"]),
        },
    }


def polygon_parts(geom: BaseGeometry) -> list[BaseGeometry]:
    return list(getattr(geom, "geoms", [geom]))


def hole_count(geom: BaseGeometry) -> int:
    return sum(len(part.interiors) for part in polygon_parts(geom))


def build_legacy(
    source: list[Feature], rows: list[dict[str, str]]
) -> tuple[list[Feature], dict[str, BaseGeometry]]:
    by_iso = {row["legacy_iso_3166_2"]: row for row in rows}
    source_iso = [f["properties"]["iso_3166_2"] for f in source]
    if len(source_iso) != EXPECTED_LEGACY or set(source_iso) != set(by_iso):
        raise BuildError(
            f"geo file and CSV disagree on legacy units: only in geo "
            f"{sorted(set(source_iso) - set(by_iso))}, only in CSV "
            f"{sorted(set(by_iso) - set(source_iso))}, {len(source_iso)} features"
        )
    geoms = [shape(f["geometry"]) for f in source]
    # The dissolve below is only gap- and overlap-free if the input is a clean coverage.
    if not shapely.coverage_is_valid(geoms):
        raise BuildError("legacy provinces are not a valid coverage (gaps or overlaps)")

    features: list[Feature] = []
    by_code: dict[str, BaseGeometry] = {}
    for iso, raw in zip(source_iso, geoms, strict=True):
        row = by_iso[iso]
        geom = finish(raw)
        by_code[row["legacy_code"]] = geom
        properties = {
            "legacy_code": row["legacy_code"],
            "iso_3166_2": iso,
            "name_vi": row["legacy_name_vi"],
            "name_en": row["legacy_name_en"],
            "province_code": row["province_code"],
            **label_point(geom),
        }
        features.append(feature(properties, geom))
    features.sort(key=lambda f: f["properties"]["legacy_code"])
    return features, by_code


def build_current(
    rows: list[dict[str, str]], legacy_geoms: dict[str, BaseGeometry]
) -> list[Feature]:
    groups: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in rows:
        groups[row["province_code"]].append(row)
    if len(groups) != EXPECTED_CURRENT:
        raise BuildError(f"CSV maps to {len(groups)} current units, expected {EXPECTED_CURRENT}")

    features: list[Feature] = []
    for code in sorted(groups):
        members = sorted(groups[code], key=lambda row: row["legacy_code"])
        identity = {
            (row["province_name_vi"], row["province_name_en"], row["province_kind"])
            for row in members
        }
        if len(identity) != 1:
            raise BuildError(f"CSV gives current unit {code} several names/kinds: {identity}")
        name_vi, name_en, kind = identity.pop()
        parts = [legacy_geoms[row["legacy_code"]] for row in members]
        # coverage_union only drops the shared edges, so no new vertices, slivers or holes
        # appear where unary_union's overlay could leave them.
        geom = finish(shapely.coverage_union_all(parts))
        if hole_count(geom) > sum(hole_count(part) for part in parts):
            raise BuildError(f"dissolving current unit {code} left a hole between neighbours")
        properties = {
            "province_code": code,
            "name_vi": name_vi,
            "name_en": name_en,
            "kind": kind,
            "legacy_codes": [row["legacy_code"] for row in members],
            **label_point(geom),
        }
        features.append(feature(properties, geom))
    return features


def build_archipelagos(source: list[Feature], current_codes: set[str]) -> list[Feature]:
    features: list[Feature] = []
    for item in source:
        props = item["properties"]
        if props["province_code"] not in current_codes:
            raise BuildError(f"{props['name_en']}: unknown province {props['province_code']}")
        geom = finish(shape(item["geometry"]))
        properties = {
            "name_vi": props["name_vi"],
            "name_en": props["name_en"],
            "province_code": props["province_code"],
            **label_point(geom),
        }
        features.append(feature(properties, geom))
    features.sort(key=lambda f: f["properties"]["province_code"])
    return features


def write_collection(path: Path, features: list[Feature]) -> None:
    text = json.dumps(
        {"type": "FeatureCollection", "features": features},
        ensure_ascii=False,
        separators=(",", ":"),
    )
    path.write_bytes((text + "\n").encode("utf-8"))


def build(source_dir: Path, out_dir: Path) -> dict[str, int]:
    """Write the three assets; return feature counts per file for the console summary."""
    rows = read_mapping(PROVINCES_CSV)
    legacy, legacy_geoms = build_legacy(read_geojson(source_dir / LEGACY_SOURCE), rows)
    current = build_current(rows, legacy_geoms)
    archipelagos = build_archipelagos(
        read_geojson(source_dir / ARCHIPELAGOS_SOURCE),
        {f["properties"]["province_code"] for f in current},
    )
    out_dir.mkdir(parents=True, exist_ok=True)
    outputs = {LEGACY_OUT: legacy, CURRENT_OUT: current, ARCHIPELAGOS_OUT: archipelagos}
    for name, features in outputs.items():
        write_collection(out_dir / name, features)
    return {name: len(features) for name, features in outputs.items()}


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--source",
        type=Path,
        default=DEFAULT_SOURCE,
        help=f"directory with the Natural Earth GeoJSON files (default: {DEFAULT_SOURCE})",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=DEFAULT_OUT,
        help=f"directory to write the assets to (default: {DEFAULT_OUT})",
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    source = args.source.resolve()
    for name in (LEGACY_SOURCE, ARCHIPELAGOS_SOURCE):
        if not (source / name).is_file():
            print(f"error: {source / name} not found (see --source)", file=sys.stderr)
            return 2
    try:
        counts = build(source, args.out.resolve())
    except BuildError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for name, count in counts.items():
        print(f"{args.out / name}: {count} features")
    return 0


if __name__ == "__main__":
    sys.exit(main())
