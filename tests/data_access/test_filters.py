"""Filters: normalisation, SQL with bound parameters only, descriptions, URL round trip."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest
from sqlalchemy import select

from data_access.filters import Filters, shown
from data_access.models import Factory
from data_access.refdata import load_reference

INJECTIONS = (
    "'; DROP TABLE factories; --",
    "1 OR 1=1",
    "garment' OR '1'='1",
    '"quoted"',
    "<script>alert(1)</script>",
    "**bold** [link](http://x)",
    "Hồ Chí Minh",
    "\u0000nul",
)


@pytest.fixture
def ref(engine):
    return load_reference(engine)


def test_codes_are_sorted_and_deduplicated_so_equal_filters_hash_alike():
    first = Filters(sectors=["garment", "footwear", "garment"], provinces=("79", "01"))
    second = Filters(sectors=("footwear", "garment"), provinces=["01", "79", "01"])
    assert first == second
    assert hash(first) == hash(second)
    assert first.sectors == ("footwear", "garment")
    assert first.provinces == ("01", "79")
    assert Filters(sectors="garment").sectors == ("garment",)


def test_year_and_date_bounds_combine_to_their_intersection():
    filters = Filters(year_from=2023, year_to=2025, date_from=date(2024, 3, 1))
    assert filters.period_start == date(2024, 3, 1)
    assert filters.period_end == date(2025, 12, 31)
    assert Filters().period_start is None and Filters().period_end is None


@pytest.mark.parametrize("value", INJECTIONS)
def test_sql_conditions_bind_every_value(value):
    filters = Filters(
        sectors=(value,),
        provinces=(value,),
        legacy_provinces=(value,),
        size_bands=(value,),
        clusters=(value,),
        compliance_points=(value,),
        year_from=2020,
        date_to=date(2024, 1, 1),
    )
    statement = select(Factory.id).where(
        *filters.factory_conditions(),
        *filters.assessment_conditions(),
        *filters.point_conditions(),
    )
    sql = str(statement.compile())
    assert value not in sql
    assert "2020" not in sql
    params = statement.compile().params
    assert any(
        value in (bound or ()) for bound in params.values() if isinstance(bound, list | tuple)
    )


def test_empty_filters_add_no_condition():
    filters = Filters()
    assert filters.factory_conditions() == []
    assert filters.assessment_conditions() == []
    assert filters.point_conditions() == []
    assert filters.is_unrestricted


def test_describe_in_both_languages_with_vietnamese_diacritics(ref):
    filters = Filters(sectors=("garment",), provinces=("79",), year_from=2023, year_to=2025)
    vi = filters.describe("vi", ref)
    assert vi == "May mặc, Hồ Chí Minh, 2023–2025"
    assert unicodedata.is_normalized("NFC", vi)
    assert filters.describe("en", ref) == "Garment, Ho Chi Minh City, 2023–2025"


def test_describe_without_restrictions_names_everything(ref):
    assert Filters().describe("vi", ref) == "Tất cả ngành, tất cả tỉnh, thành phố, mọi năm"
    assert Filters().describe("en", ref) == "All sectors, all provinces, all years"


def test_describe_single_year_legacy_province_open_period_and_long_lists(ref):
    assert Filters(year_from=2024, year_to=2024).describe_period("en") == "2024"
    assert Filters(year_from=2021).describe_period("vi") == "từ 2021"
    legacy = Filters(legacy_provinces=("74",)).describe("vi", ref)
    assert "Bình Dương (tỉnh cũ)" in legacy
    many = Filters(provinces=("01", "79", "48", "31")).describe("en", ref)
    assert "and 1 more" in many
    dated = Filters(date_from=date(2024, 3, 1), date_to=date(2024, 6, 30)).describe_period("en")
    assert "2024" in dated and "–" in dated


def test_url_round_trip(ref):
    filters = Filters(
        year_from=2022,
        year_to=2024,
        date_from=date(2022, 2, 1),
        date_to=date(2024, 11, 30),
        sectors=("footwear", "garment"),
        provinces=("79",),
        legacy_provinces=("74", "77"),
        clusters=("FA",),
        compliance_points=("CO-MIN", "FA-FRE"),
        size_bands=("lt500",),
    )
    params = filters.to_query_params()
    assert params["sector"] == ["footwear", "garment"]
    assert params["year_from"] == "2022"
    again, problems = Filters.from_query_params(params, ref)
    assert problems == []
    assert again == filters
    assert Filters().to_query_params() == {}


def test_comma_separated_and_repeated_values_are_both_read(ref):
    filters, problems = Filters.from_query_params(
        {"sector": ["garment,footwear"], "province": ["79", "01"]}, ref
    )
    assert problems == []
    assert filters.sectors == ("footwear", "garment")
    assert filters.provinces == ("01", "79")


def test_unknown_keys_and_values_are_dropped_and_reported(ref):
    filters, problems = Filters.from_query_params(
        {
            "sector": ["garment", "weapons"],
            "colour": "red",
            "lang": "en",
            "page": "overview",
        },
        ref,
        extra_allowed={"lang", "page"},
        lang="en",
    )
    assert filters == Filters(sectors=("garment",))
    assert len(problems) == 2
    assert any("weapons" in problem and "sector" in problem for problem in problems)
    assert any("colour" in problem for problem in problems)


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"year_from": "20x4"}, Filters()),
        ({"year_from": "1899"}, Filters()),
        ({"year_to": "9999"}, Filters()),
        ({"year_from": "2025", "year_to": "2023"}, Filters()),
        ({"date_from": "2024-02-30"}, Filters()),
        ({"date_from": "2024-06-01", "date_to": "2024-01-01"}, Filters()),
        ({"year_from": ["2023", "2024"]}, Filters()),
        (
            {"year_from": "2023", "year_to": "2023", "date_from": "2024-01-01"},
            Filters(year_from=2023, year_to=2023),
        ),
    ],
)
def test_malformed_reversed_and_absurd_periods_are_dropped(ref, params, expected):
    filters, problems = Filters.from_query_params(params, ref, lang="en")
    assert filters == expected
    assert problems


def test_too_many_values_are_refused(ref):
    filters, problems = Filters.from_query_params({"sector": ["garment"] * 500}, ref)
    assert filters.sectors == ()
    assert len(problems) == 1


@pytest.mark.parametrize("value", INJECTIONS)
def test_hostile_url_values_are_dropped_and_never_echoed_raw(ref, value):
    keys = (
        "sector",
        "province",
        "legacy_province",
        "cluster",
        "cp",
        "size",
        "year_from",
        "date_to",
    )
    params = dict.fromkeys(keys, value)
    params[value] = "x"
    filters, problems = Filters.from_query_params(params, ref, lang="vi")
    assert filters == Filters()
    assert len(problems) == len(params)
    for problem in problems:
        assert shown(value) in problem
        for dangerous in ("'", '"', ";", "<", ">", "*", "[", "`", "&", "\u0000", "="):
            assert dangerous not in problem


def test_shown_keeps_letters_digits_and_spaces_only():
    assert shown("CO-MIN") == "CO-MIN"
    assert shown("'; DROP TABLE factories; --") == "DROP TABLE factories --…"
    assert shown("<b>") == "b…"
    assert len(shown("A" * 200)) == 25


def test_shown_keeps_vietnamese_letters_in_nfc():
    assert shown("Hồ Chí Minh") == "Hồ Chí Minh"
    decomposed = unicodedata.normalize("NFD", "Đà Nẵng")
    assert shown(decomposed) == "Đà Nẵng"
    assert shown("**Bà Rịa** [Vũng Tàu](http://x)") == "Bà Rịa Vũng Tàuhttpx…"
    assert shown("Hà\u202eNội<img src=x onerror=alert(1)>") == "HàNộiimg srcx onerrorale…"
    assert shown("Thành phố Hồ Chí Minh và các tỉnh") == "Thành phố Hồ Chí Minh và…"


def test_link_notice_quotes_a_vietnamese_province_name(ref):
    _, problems = Filters.from_query_params({"province": "Hồ Chí Minh"}, ref, lang="vi")
    assert problems == ["“Hồ Chí Minh” không phải giá trị hợp lệ của “province” và đã bị bỏ qua."]
