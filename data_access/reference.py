"""Reference data every database starts with: provinces, sectors, the CAT taxonomy.

Loaded from the copies in `assets/reference/` (provenance in its README) and
written idempotently, so `init-db` can run on every start and after upgrades.
"""

from __future__ import annotations

import csv
from pathlib import Path

from sqlalchemy.orm import Session

from data_access.config import REPO_ROOT
from data_access.models import Cluster, CompliancePoint, LegacyProvince, Province, Sector

REFERENCE_DIR = REPO_ROOT / "assets" / "reference"
PROVINCES_CSV = REFERENCE_DIR / "provinces_2025.csv"
TAXONOMY_CSV = REFERENCE_DIR / "compliance_taxonomy.csv"

SECTORS: tuple[tuple[str, str, str], ...] = (
    ("garment", "Garment", "May mặc"),
    ("footwear", "Footwear", "Giày dép"),
    ("travel_goods", "Travel goods and bags", "Túi xách và đồ du lịch"),
)


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def province_rows() -> list[dict[str, str]]:
    return read_csv(PROVINCES_CSV)


def taxonomy_rows() -> list[dict[str, str]]:
    return read_csv(TAXONOMY_CSV)


def load_reference_data(session: Session) -> None:
    rows = province_rows()
    current: dict[str, dict[str, str]] = {}
    for row in rows:
        current.setdefault(row["province_code"], row)
    for code, row in sorted(current.items()):
        session.merge(
            Province(
                code=code,
                name_vi=row["province_name_vi"],
                name_en=row["province_name_en"],
                kind=row["province_kind"],
            )
        )
    session.flush()
    for row in rows:
        session.merge(
            LegacyProvince(
                code=row["legacy_code"],
                iso_3166_2=row["legacy_iso_3166_2"],
                name_vi=row["legacy_name_vi"],
                name_en=row["legacy_name_en"],
                province_code=row["province_code"],
            )
        )
    for order, (code, name_en, name_vi) in enumerate(SECTORS):
        if session.get(Sector, code) is None:
            session.add(Sector(code=code, name_en=name_en, name_vi=name_vi, sort_order=order))
    load_taxonomy(session, taxonomy_rows())


def load_taxonomy(session: Session, rows: list[dict[str, str]]) -> None:
    """Clusters and compliance points; labels already in the database are left alone, since
    the programme's own labels (loaded by a taxonomy import) replace the working ones."""
    cluster_order: dict[str, int] = {}
    for order, row in enumerate(rows):
        if row["cluster_code"] not in cluster_order:
            cluster_order[row["cluster_code"]] = len(cluster_order)
            if session.get(Cluster, row["cluster_code"]) is None:
                session.add(
                    Cluster(
                        code=row["cluster_code"],
                        name_en=row["cluster_en"],
                        name_vi=row["cluster_vi"],
                        cluster_group=row["cluster_group"],
                        sort_order=cluster_order[row["cluster_code"]],
                    )
                )
                session.flush()
        if session.get(CompliancePoint, row["cp_code"]) is None:
            session.add(
                CompliancePoint(
                    code=row["cp_code"],
                    cluster_code=row["cluster_code"],
                    name_en=row["compliance_point_en"],
                    name_vi=row["compliance_point_vi"],
                    confirmed=row["confirmed"] == "yes",
                    active=True,
                    sort_order=order,
                )
            )
    session.flush()
