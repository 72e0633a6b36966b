"""Reference data: the 63 -> 34 province roll-up, its agreement with the `vietnam-provinces`
package, and the CAT taxonomy, loaded idempotently on both backends."""

from __future__ import annotations

import unicodedata

from sqlalchemy import Engine, func, select
from vietnam_provinces import Province as PackageProvince
from vietnam_provinces import VietNamDivisionType

from data_access.db import session_scope
from data_access.models import Cluster, CompliancePoint, LegacyProvince, Province, Sector
from data_access.reference import SECTORS, load_reference_data, province_rows, taxonomy_rows

NAME_PREFIXES = ("Thành phố ", "Tỉnh ")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def strip_prefix(name: str) -> str:
    name = nfc(name)
    for prefix in NAME_PREFIXES:
        if name.startswith(nfc(prefix)):
            return name[len(prefix) :]
    return name


def test_province_csv_lists_each_legacy_unit_once_with_one_current_unit() -> None:
    rows = province_rows()
    codes = [row["legacy_code"] for row in rows]
    assert len(codes) == 63
    assert len(set(codes)) == 63
    assert all(row["province_code"] for row in rows)


def test_every_legacy_unit_maps_to_exactly_one_existing_current_unit(engine: Engine) -> None:
    with engine.connect() as connection:
        legacy = dict(
            connection.execute(select(LegacyProvince.code, LegacyProvince.province_code)).all()
        )
        current = set(connection.scalars(select(Province.code)))
    expected = {row["legacy_code"]: row["province_code"] for row in province_rows()}
    assert legacy == expected
    assert set(legacy.values()) <= current


def test_every_current_unit_is_reached_by_some_legacy_unit(engine: Engine) -> None:
    with engine.connect() as connection:
        current = set(connection.scalars(select(Province.code)))
        reached = set(connection.scalars(select(LegacyProvince.province_code).distinct()))
        kinds = dict(
            connection.execute(select(Province.kind, func.count()).group_by(Province.kind)).all()
        )
    assert len(current) == 34
    assert reached == current
    assert kinds == {"city": 6, "province": 28}


def test_current_units_agree_with_the_vietnam_provinces_package(engine: Engine) -> None:
    package = {
        f"{unit.code.value:02d}": (
            strip_prefix(unit.name),
            "city"
            if unit.division_type == VietNamDivisionType.THANH_PHO_TRUNG_UONG
            else "province",
        )
        for unit in PackageProvince.iter_all()
    }
    with engine.connect() as connection:
        ours = {
            code: (nfc(name), kind)
            for code, name, kind in connection.execute(
                select(Province.code, Province.name_vi, Province.kind)
            )
        }
    assert len(package) == 34
    assert ours == package


def test_clusters_and_compliance_points_come_from_the_taxonomy_csv(engine: Engine) -> None:
    rows = taxonomy_rows()
    expected_clusters = {
        row["cluster_code"]: (row["cluster_en"], row["cluster_vi"], row["cluster_group"])
        for row in rows
    }
    expected_points = {
        row["cp_code"]: (
            row["cluster_code"],
            row["compliance_point_en"],
            row["compliance_point_vi"],
            row["confirmed"] == "yes",
        )
        for row in rows
    }
    with engine.connect() as connection:
        clusters = {
            code: (name_en, name_vi, group)
            for code, name_en, name_vi, group in connection.execute(
                select(Cluster.code, Cluster.name_en, Cluster.name_vi, Cluster.cluster_group)
            )
        }
        points = {
            code: (cluster, name_en, name_vi, confirmed)
            for code, cluster, name_en, name_vi, confirmed in connection.execute(
                select(
                    CompliancePoint.code,
                    CompliancePoint.cluster_code,
                    CompliancePoint.name_en,
                    CompliancePoint.name_vi,
                    CompliancePoint.confirmed,
                ).where(CompliancePoint.active.is_(True))
            )
        }
        cluster_order = list(connection.scalars(select(Cluster.code).order_by(Cluster.sort_order)))
    assert clusters == expected_clusters
    assert points == expected_points
    assert len(clusters) == 8
    assert sorted(group for _en, _vi, group in clusters.values()).count("core") == 4
    assert cluster_order == list(dict.fromkeys(row["cluster_code"] for row in rows))


def _counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as connection:
        return {
            model.__tablename__: connection.scalar(select(func.count()).select_from(model))
            for model in (Province, LegacyProvince, Sector, Cluster, CompliancePoint)
        }


def test_loading_reference_data_again_changes_nothing(engine: Engine) -> None:
    before = _counts(engine)
    with engine.connect() as connection:
        names_before = connection.execute(
            select(
                LegacyProvince.code, LegacyProvince.name_vi, LegacyProvince.province_code
            ).order_by(LegacyProvince.code)
        ).all()
    for _ in range(2):
        with session_scope(engine) as session:
            load_reference_data(session)
    assert _counts(engine) == before
    assert before == {
        "provinces": 34,
        "legacy_provinces": 63,
        "sectors": len(SECTORS),
        "clusters": 8,
        "compliance_points": len(taxonomy_rows()),
    }
    with engine.connect() as connection:
        names_after = connection.execute(
            select(
                LegacyProvince.code, LegacyProvince.name_vi, LegacyProvince.province_code
            ).order_by(LegacyProvince.code)
        ).all()
    assert names_after == names_before
