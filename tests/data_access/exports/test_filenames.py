"""File names say what is inside, in ASCII that every mail gateway and file system keeps."""

from __future__ import annotations

from datetime import date

from data_access.exports.filenames import export_filename, slug
from data_access.filters import Filters
from data_access.refdata import Label, Reference

REF = Reference(
    sectors={"garment": Label("garment", "May mặc", "Garment")},
    provinces={
        "79": Label("79", "Thành phố Hồ Chí Minh", "Ho Chi Minh City"),
        "66": Label("66", "Đắk Lắk", "Dak Lak"),
        "46": Label("46", "Thành phố Huế", "Hue City"),
        "01": Label("01", "Hà Nội", "Ha Noi"),
    },
)


def test_the_example_from_the_issue() -> None:
    filters = Filters(sectors=("garment",), year_from=2023, year_to=2025)
    assert (
        export_filename("non-compliance_by-province", filters, REF, "csv")
        == "non-compliance_by-province_garment_2023-2025.csv"
    )


def test_provinces_are_named_then_counted() -> None:
    two = Filters(provinces=("79", "66"), year_from=2024, year_to=2024)
    assert export_filename("kpis", two, REF, "xlsx") == "kpis_dak-lak+ho-chi-minh-city_2024.xlsx"
    many = Filters(provinces=("79", "66", "46"))
    assert export_filename("kpis", many, REF, ".csv") == "kpis_3-provinces.csv"


def test_dates_and_open_periods() -> None:
    ranged = Filters(date_from=date(2024, 3, 1), date_to=date(2024, 6, 30))
    assert export_filename("x", ranged, REF, "csv") == "x_2024-03-01_2024-06-30.csv"
    assert export_filename("x", Filters(year_from=2022), REF, "csv") == "x_from-2022.csv"


def test_slug_folds_vietnamese() -> None:
    assert slug("Thừa Thiên Huế") == "thua-thien-hue"
    assert slug("Đắk Lắk") == "dak-lak"
    assert slug('=HYPERLINK("x")') == "hyperlink-x"
    assert export_filename("", Filters(), REF, "csv") == "export.csv"
