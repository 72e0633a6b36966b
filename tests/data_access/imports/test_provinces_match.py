"""Provinces are recognised by code or name, current or legacy, however spelled."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import Engine

from data_access.imports.folding import strip_diacritics
from data_access.imports.problems import CellError
from data_access.imports.provinces_match import ProvinceIndex
from data_access.reference import province_rows

BEFORE = date(2024, 5, 1)
AFTER = date(2025, 8, 1)


def _index(engine: Engine) -> ProvinceIndex:
    with engine.connect() as connection:
        return ProvinceIndex.from_connection(connection)


@pytest.fixture
def index(sqlite_engine: Engine) -> ProvinceIndex:
    """Single-backend: what is tested is matching, not reading the two tables."""
    return _index(sqlite_engine)


def test_every_legacy_name_maps_to_its_successor_in_every_spelling(engine: Engine) -> None:
    index = _index(engine)
    for row in province_rows():
        spellings = {
            row["legacy_name_vi"],
            row["legacy_name_en"],
            strip_diacritics(row["legacy_name_vi"]),
            row["legacy_name_vi"].upper(),
            f"Tỉnh {row['legacy_name_vi']}",
            row["legacy_iso_3166_2"],
        }
        for spelling in spellings:
            match = index.match_current(spelling, BEFORE)
            assert (match.province_code, match.legacy_code) == (
                row["province_code"],
                row["legacy_code"],
            ), spelling
            assert index.match_legacy(spelling).legacy_code == row["legacy_code"], spelling
        assert index.match_legacy(row["legacy_code"]).province_code == row["province_code"]


def test_every_current_name_and_code_is_recognised(engine: Engine) -> None:
    index = _index(engine)
    for row in province_rows():
        for spelling in (
            row["province_name_vi"],
            row["province_name_en"],
            row["province_code"],
            strip_diacritics(row["province_name_vi"]).lower(),
        ):
            assert index.match_current(spelling, AFTER).province_code == row["province_code"]


@pytest.mark.parametrize(
    ("spelling", "current", "legacy"),
    [
        ("TP HCM", "79", None),
        ("TP. Hồ Chí Minh", "79", None),
        ("Ho Chi Minh City", "79", None),
        ("Thành phố Hồ Chí Minh", "79", None),
        ("HCMC", "79", None),
        ("Sài Gòn", "79", None),
        ("Bà Rịa - Vũng Tàu", "79", "77"),
        ("Ba Ria–Vung Tau", "79", "77"),
        ("BR-VT", "79", "77"),
        ("Thừa Thiên - Huế", "46", "46"),
        ("TT Huế", "46", "46"),
        ("Huế", "46", "46"),
        ("Hanoi", "01", "01"),
        ("Đắc Lắc", "66", None),
        ("Dak Lak", "66", None),
        ("Hoà Bình", "25", "17"),
        ("Thanh Hoá", "38", "38"),
        ("Bac Can", "19", "06"),
        ("Kontum", "51", "62"),
        ("1", "01", "01"),
        ("15", "15", None),
    ],
)
def test_common_spellings_after_the_merger(
    index: ProvinceIndex, spelling: str, current: str, legacy: str | None
) -> None:
    match = index.match_current(spelling, AFTER)
    assert (match.province_code, match.legacy_code) == (current, legacy)


def test_a_legacy_name_after_the_merger_is_mapped_and_flagged(index: ProvinceIndex) -> None:
    after = index.match_current("Bình Dương", AFTER)
    before = index.match_current("Bình Dương", BEFORE)
    assert (after.province_code, after.legacy_code, after.renamed) == ("79", "74", True)
    assert (before.province_code, before.legacy_code, before.renamed) == ("79", "74", False)
    # A name both units share is the legacy unit before the merger, the new one after.
    assert index.match_current("Lào Cai", BEFORE).legacy_code == "10"
    assert index.match_current("Lào Cai", AFTER).legacy_code is None
    assert not index.match_current("Lào Cai", AFTER).renamed


def test_overlapping_codes_are_never_guessed(index: ProvinceIndex) -> None:
    # "15" is the current Lào Cai; the legacy Yên Bái's 15 must come through legacy_province.
    assert index.match_current("15", AFTER).province_code == "15"
    assert index.match_legacy("15").legacy_code == "15"
    assert index.match_legacy("15").province_code == "15"
    assert index.match_legacy("10").province_code == "15"
    with pytest.raises(CellError) as raised:
        index.match_current("74", AFTER)  # legacy Bình Dương's code, not a current one
    assert raised.value.key == "province_code_is_legacy"
    assert raised.value.params["iso"] == "VN-57"


@pytest.mark.parametrize(
    ("value", "key"),
    [
        ("Atlantis", "unknown_province"),
        ("Binh Duongg", "unknown_province_suggest"),
        ("99", "unknown_province_code"),
    ],
)
def test_unknown_provinces_are_refused_with_a_hint(
    index: ProvinceIndex, value: str, key: str
) -> None:
    with pytest.raises(CellError) as raised:
        index.match_current(value, AFTER)
    assert raised.value.key == key
    if key == "unknown_province_suggest":
        assert raised.value.params["suggestion"] == "Bình Dương"


def test_a_current_only_name_is_not_a_legacy_unit(index: ProvinceIndex) -> None:
    with pytest.raises(CellError) as raised:
        index.match_legacy("Atlantis")
    assert raised.value.key == "unknown_legacy_province"


@pytest.mark.parametrize(
    ("spelling", "current", "legacy"),
    [
        ("ÐỒNG NAI", "75", "75"),  # U+00D0, the eth of a badly converted file
        ("Ðà Nẵng", "48", "48"),
        ("Tỉnh Ðắk Lắk", "66", "66"),
        ("ðồng nai", "75", "75"),
        ("T. Bắc Ninh", "24", "27"),
        ("T.Tây Ninh", "80", "72"),
        ("T. Thái Bình", "33", "34"),
        ("T.P. Hải Phòng", "31", "31"),
    ],
)
def test_the_eth_look_alike_and_the_t_short_form_are_read(
    index: ProvinceIndex, spelling: str, current: str, legacy: str
) -> None:
    match = index.match_current(spelling, BEFORE)
    assert (match.province_code, match.legacy_code) == (current, legacy)
    assert index.match_legacy(spelling).legacy_code == legacy
