"""File names that say what is inside: `non-compliance_by-province_garment_2023-2025.csv`.

A downloads folder fills with files named `data (3).csv`; a name built from the content
and the filter lets a user find last month's garment figures without opening anything.
Names are ASCII (Vietnamese letters folded: "Đắk Lắk" → `dak-lak`), because e-mail
gateways, zip tools and some Windows shares still mangle anything else, and short enough
for every file system.
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from data_access.filters import Filters
    from data_access.refdata import Reference

#: Beyond this many codes a list is summarised as a count ("4-provinces").
MAX_NAMED = 2
MAX_STEM_LENGTH = 120
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slug(text: str) -> str:
    """Lower-case ASCII words joined by hyphens; Vietnamese diacritics folded."""
    folded = text.replace("Đ", "D").replace("đ", "d")
    ascii_text = (
        unicodedata.normalize("NFKD", folded).encode("ascii", "ignore").decode("ascii").lower()
    )
    return _NOT_SLUG.sub("-", ascii_text).strip("-")


def _named(kind: str, codes: tuple[str, ...], ref: Reference, plural: str) -> str | None:
    if not codes:
        return None
    if len(codes) > MAX_NAMED:
        return f"{len(codes)}-{plural}"
    return "+".join(slug(ref.name(kind, code, "en")) or slug(code) for code in codes)


def _period(filters: Filters) -> str | None:
    start, end = filters.period_start, filters.period_end
    if start is None and end is None:
        return None
    whole_years = (start is None or (start.month, start.day) == (1, 1)) and (
        end is None or (end.month, end.day) == (12, 31)
    )
    if whole_years:
        first = str(start.year) if start else ""
        last = str(end.year) if end else ""
        if first and last:
            return first if first == last else f"{first}-{last}"
        return f"from-{first}" if first else f"until-{last}"
    first = start.isoformat() if start else ""
    last = end.isoformat() if end else ""
    if first and last:
        return f"{first}_{last}"
    return f"from-{first}" if first else f"until-{last}"


def export_stem(what: str, filters: Filters, ref: Reference) -> str:
    """The name without extension: what, then sector, geography, other narrowing, period."""
    parts = ["_".join(filter(None, (slug(part) for part in what.split("_")))) or "export"]
    for kind, codes, plural in (
        ("sectors", filters.sectors, "sectors"),
        ("provinces", filters.provinces, "provinces"),
        ("legacy_provinces", filters.legacy_provinces, "former-provinces"),
        ("size_bands", filters.size_bands, "sizes"),
        ("clusters", filters.clusters, "clusters"),
        ("compliance_points", filters.compliance_points, "points"),
    ):
        named = _named(kind, codes, ref, plural)
        if named:
            parts.append(named)
    period = _period(filters)
    if period:
        parts.append(period)
    stem = "_".join(parts)
    return stem[:MAX_STEM_LENGTH].rstrip("-_+")


def export_filename(what: str, filters: Filters, ref: Reference, extension: str) -> str:
    return f"{export_stem(what, filters, ref)}.{extension.lstrip('.')}"
