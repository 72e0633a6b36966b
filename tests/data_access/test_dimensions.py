"""The dimension table is whole and coherent, and the old per-module tables follow it."""

from __future__ import annotations

from dataclasses import fields
from datetime import date

from data_access import disclosure, filters
from data_access.dimensions import BY_URL_KEY, DIMENSIONS, FACTORY_DIMENSIONS, phrases
from data_access.i18n import t
from data_access.indicators import query
from data_access.models import Factory
from data_access.refdata import Reference
from ui import sidebar


def test_every_filters_code_field_is_a_dimension_and_back():
    code_fields = [f.name for f in fields(filters.Filters) if f.type == "tuple[str, ...]"]
    assert sorted(code_fields) == sorted(dimension.field for dimension in DIMENSIONS)


def test_names_are_unique_and_point_at_real_things():
    for attribute in ("key", "field", "url_key", "widget"):
        values = [getattr(dimension, attribute) for dimension in DIMENSIONS]
        assert len(set(values)) == len(values), attribute
    reference_kinds = {f.name for f in fields(Reference)}
    for dimension in DIMENSIONS:
        assert dimension.reference_kind in reference_kinds
        assert t(dimension.label_key, "vi") != t(dimension.label_key, "en")
        if dimension.factory_column is not None:
            assert dimension.factory_column in Factory.__table__.c
        if dimension.name_key:
            assert "X" in t(dimension.name_key, "vi", name="X")


def test_additive_dimensions_are_read_from_the_factory():
    """Factories partition along a breakdown only if each factory has one value of it."""
    assert all(d.factory_column for d in DIMENSIONS if d.additive)


def test_every_phrase_can_say_everything_or_says_nothing_once():
    for members in phrases():
        assert sum(member.everything_key is not None for member in members) <= 1


def test_the_tables_other_modules_used_to_spell_out():
    """The values the hand-written tables held before dimensions.py (issue 17)."""
    assert filters.CODE_KEYS == {
        "sector": ("sectors", "sectors"),
        "province": ("provinces", "provinces"),
        "legacy_province": ("legacy_provinces", "legacy_provinces"),
        "cluster": ("clusters", "clusters"),
        "cp": ("compliance_points", "compliance_points"),
        "size": ("size_bands", "size_bands"),
    }
    assert disclosure.ADDITIVE_FILTERS == {
        "sector": "sectors",
        "province": "provinces",
        "legacy_province": "legacy_provinces",
        "size_band": "size_bands",
    }
    assert query.FACTORY_DIMENSIONS == {
        "sector": "sector_code",
        "province": "province_code",
        "legacy_province": "legacy_province_code",
        "size_band": "size_band",
    }
    assert list(query.FACTORY_DIMENSIONS) == [d.key for d in FACTORY_DIMENSIONS]
    assert query.REFERENCE_KIND == {
        "sector": "sectors",
        "province": "provinces",
        "legacy_province": "legacy_provinces",
        "size_band": "size_bands",
        "cluster": "clusters",
        "compliance_point": "compliance_points",
    }
    assert sidebar.CODE_WIDGETS == {
        "sectors": ("_td_w_sectors", "sectors", "shell.filters.sectors"),
        "provinces": ("_td_w_provinces", "provinces", "shell.filters.provinces"),
        "legacy_provinces": ("_td_w_legacy", "legacy_provinces", "shell.filters.legacy_provinces"),
        "size_bands": ("_td_w_sizes", "size_bands", "shell.filters.size_bands"),
        "clusters": ("_td_w_clusters", "clusters", "shell.filters.clusters"),
        "compliance_points": ("_td_w_cps", "compliance_points", "shell.filters.compliance_points"),
    }
    assert sidebar.MAIN_CODE_FIELDS == ("sectors", "provinces")
    assert sidebar.MORE_CODE_FIELDS == (
        "legacy_provinces",
        "size_bands",
        "clusters",
        "compliance_points",
    )


def test_a_link_keeps_its_parameter_order():
    params = filters.Filters(
        year_from=2023,
        date_to=date(2024, 6, 30),
        sectors=("garment",),
        clusters=("FA",),
        compliance_points=("CO-MIN",),
        size_bands=("lt500",),
    ).to_query_params()
    assert list(params) == ["year_from", "date_to", "sector", "cluster", "cp", "size"]
    assert set(BY_URL_KEY) <= set(filters.CODE_KEYS)
