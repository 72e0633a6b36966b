"""The kinds of indicator and area a roadmap target names, declared once here (and
light to import: the file format in `data_access.imports.formats` reads them too)."""

from __future__ import annotations

#: A compliance point's or a cluster's non-compliance rate, or a social-dialogue measure.
POINT = "point"
CLUSTER = "cluster"
SOCIAL = "social"
INDICATOR_KINDS: tuple[str, ...] = (POINT, CLUSTER, SOCIAL)

NATIONAL = "national"
SECTOR = "sector"
PROVINCE = "province"
AREA_KINDS: tuple[str, ...] = (NATIONAL, SECTOR, PROVINCE)
