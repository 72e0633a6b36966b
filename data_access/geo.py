"""Province boundaries for the maps, read from the GeoJSON committed under `assets/geo/`.

The geometry is built offline by `scripts/build_geometry.py` (provenance in
`assets/README.md`), because dissolving the 63 legacy provinces into the 34 current
ones needs shapely and the app at run time must not: this module uses only `json`.

The file text is cached, not the parsed dict, and each call parses it again: callers add
colours and tooltips to the properties, and a shared dict would leak those between pages
and sessions. Parsing is about three times faster than `copy.deepcopy` of the same data.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

ASSETS_GEO_DIR = Path(__file__).resolve().parent.parent / "assets" / "geo"

CURRENT_PROVINCES_FILE = "provinces_current_34.geojson"
LEGACY_PROVINCES_FILE = "provinces_legacy_63.geojson"
ARCHIPELAGOS_FILE = "archipelagos.geojson"


@cache
def _read_text(name: str) -> str:
    return (ASSETS_GEO_DIR / name).read_text(encoding="utf-8")


def _load(name: str) -> dict[str, Any]:
    return json.loads(_read_text(name))


def current_provinces_geojson() -> dict[str, Any]:
    """The 34 units in force since 1 July 2025, keyed by `properties.province_code`."""
    return _load(CURRENT_PROVINCES_FILE)


def legacy_provinces_geojson() -> dict[str, Any]:
    """The 63 units before July 2025, for data recorded against the old codes."""
    return _load(LEGACY_PROVINCES_FILE)


def archipelagos_geojson() -> dict[str, Any]:
    """Hoàng Sa and Trường Sa, drawn as outline only: official maps of Viet Nam show them."""
    return _load(ARCHIPELAGOS_FILE)
