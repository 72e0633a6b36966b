"""Names and codes of everything a filter or a table can mention, in both languages.

Filters validate URL parameters against it, `Filters.describe` and the indicator
frames take their labels from it, and the sidebar offers its choices from it. It is
read from the database (a taxonomy import may replace the working labels) and kept
per engine URL and data version, so an import in any process makes every process
read it again, while ordinary reruns cost one tiny `app_meta` query.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import Engine, func, select

from data_access.i18n import normalise_language, t
from data_access.meta import data_version
from data_access.models import (
    SIZE_BANDS,
    Assessment,
    Cluster,
    CompliancePoint,
    LegacyProvince,
    Province,
    Sector,
)


@dataclass(frozen=True)
class Label:
    """A code with its Vietnamese and English names; `parent` links a legacy province to
    its current province and a compliance point to its cluster; `group` is a cluster's
    core/national group (and its points'); `active` is False for a retired point, which
    keeps its label for history but is no longer offered as a choice."""

    code: str
    name_vi: str
    name_en: str
    parent: str | None = None
    group: str | None = None
    active: bool = True

    def name(self, lang: str) -> str:
        return self.name_vi if normalise_language(lang) == "vi" else self.name_en


@dataclass(frozen=True)
class Reference:
    """Every code a viewer can pick, in display order."""

    sectors: dict[str, Label] = field(default_factory=dict)
    provinces: dict[str, Label] = field(default_factory=dict)
    legacy_provinces: dict[str, Label] = field(default_factory=dict)
    clusters: dict[str, Label] = field(default_factory=dict)
    compliance_points: dict[str, Label] = field(default_factory=dict)
    size_bands: dict[str, Label] = field(default_factory=dict)
    years: tuple[int, ...] = ()
    data_version: int = 0
    #: The latest assessment date in the data: where a period still running stops.
    last_assessed_on: date | None = None

    def name(self, kind: str, code: str, lang: str) -> str:
        """The name of a code of the given kind (an attribute name above), or the code
        itself when unknown, so a label never fails a page."""
        label = getattr(self, kind).get(code)
        return label.name(lang) if label is not None else code

    @property
    def latest_year(self) -> int | None:
        return self.years[-1] if self.years else None


def size_band_labels() -> dict[str, Label]:
    return {
        band: Label(
            band, t(f"filters.size_band.{band}", "vi"), t(f"filters.size_band.{band}", "en")
        )
        for band in SIZE_BANDS
    }


def load_reference(engine: Engine) -> Reference:
    """Read the reference tables now, without caching (tests and imports use this)."""
    version = data_version(engine)
    with engine.connect() as connection:
        sectors = {
            row.code: Label(row.code, row.name_vi, row.name_en)
            for row in connection.execute(
                select(Sector.code, Sector.name_vi, Sector.name_en).order_by(
                    Sector.sort_order, Sector.code
                )
            )
        }
        provinces = {
            row.code: Label(row.code, row.name_vi, row.name_en)
            for row in connection.execute(
                select(Province.code, Province.name_vi, Province.name_en).order_by(Province.code)
            )
        }
        legacy = {
            row.code: Label(row.code, row.name_vi, row.name_en, parent=row.province_code)
            for row in connection.execute(
                select(
                    LegacyProvince.code,
                    LegacyProvince.name_vi,
                    LegacyProvince.name_en,
                    LegacyProvince.province_code,
                ).order_by(LegacyProvince.code)
            )
        }
        clusters = {
            row.code: Label(row.code, row.name_vi, row.name_en, group=row.cluster_group)
            for row in connection.execute(
                select(
                    Cluster.code, Cluster.name_vi, Cluster.name_en, Cluster.cluster_group
                ).order_by(Cluster.sort_order, Cluster.code)
            )
        }
        points = {
            row.code: Label(
                row.code,
                row.name_vi,
                row.name_en,
                parent=row.cluster_code,
                group=clusters[row.cluster_code].group if row.cluster_code in clusters else None,
                active=bool(row.active),
            )
            for row in connection.execute(
                select(
                    CompliancePoint.code,
                    CompliancePoint.name_vi,
                    CompliancePoint.name_en,
                    CompliancePoint.cluster_code,
                    CompliancePoint.active,
                )
                .join(Cluster, Cluster.code == CompliancePoint.cluster_code)
                .order_by(Cluster.sort_order, CompliancePoint.sort_order, CompliancePoint.code)
            )
        }
        year = func.extract("year", Assessment.assessed_on)
        years = tuple(
            int(value)
            for value in connection.scalars(select(year).distinct().order_by(year))
            if value is not None
        )
        last_assessed_on = connection.scalar(select(func.max(Assessment.assessed_on)))
    return Reference(
        sectors=sectors,
        provinces=provinces,
        legacy_provinces=legacy,
        clusters=clusters,
        compliance_points=points,
        size_bands=size_band_labels(),
        years=years,
        data_version=version,
        last_assessed_on=last_assessed_on,
    )


_LOCK = threading.Lock()
_CACHE: dict[str, Reference] = {}


def reference(engine: Engine) -> Reference:
    """The reference data of this database, re-read only when its data version moved."""
    url = engine.url.render_as_string(hide_password=True)
    version = data_version(engine)
    cached = _CACHE.get(url)
    if cached is not None and cached.data_version == version:
        return cached
    loaded = load_reference(engine)
    with _LOCK:
        _CACHE[url] = loaded
    return loaded
