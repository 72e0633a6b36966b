"""From an indicator frame to a file and back: the numbers in the file are the numbers
`data_access` returns for the same filter, the viewer's suppression is kept, and a
constituent's file never names a factory. Runs on SQLite and PostgreSQL."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd
import pytest
from sqlalchemy import Engine

from data_access.auth.organisations import organisation
from data_access.exports.columns import column_header
from data_access.exports.files import check_disclosable, export_frame
from data_access.exports.writers import read_csv_export
from data_access.filters import Filters
from data_access.indicators import factory_listing, non_compliance
from data_access.reasons import reason_text
from data_access.scope import AccessDenied, Scope
from tests.data_access.exports.conftest import INJECTIONS
from tests.data_access.fixtures import Builder

MOLISA = Scope("molisa", "molisa", "molisa.test")
ILO = Scope("ilo", "ilo", "ilo.test")
FILTERS = Filters(sectors=("garment",), year_from=2024, year_to=2024)


@pytest.fixture
def seeded(engine: Engine) -> Engine:
    """HCM (two former provinces), Huế (Thừa Thiên Huế) and Đắk Lắk with two factories
    only, so that Đắk Lắk's cell is small; hostile names on the HCM factories."""
    build = Builder(engine)
    layout = [("79", "79", 6), ("79", "74", 5), ("46", "46", 5), ("66", "66", 2)]
    hostile = iter([*INJECTIONS, "Nhà máy Sài Gòn"])
    for province, legacy, count in layout:
        for index in range(count):
            name = next(hostile) if province == "79" and legacy == "79" else None
            factory = build.factory(province=province, legacy=legacy, name=name)
            build.assessment(
                factory,
                "2024-05-01",
                points={"WT-OVT": index % 2 == 0, "OS-EME": index % 3 == 0},
            )
    return engine


def _csv_table(data: bytes) -> tuple[dict[str, str], pd.DataFrame]:
    pairs, header, rows = read_csv_export(data)
    return dict(pairs), pd.DataFrame(rows, columns=header)


def test_constituent_csv_equals_data_access_and_hides_small_cells(seeded: Engine) -> None:
    frame = non_compliance(seeded, MOLISA, FILTERS, by=("province",))
    exported = export_frame(
        seeded,
        MOLISA,
        FILTERS,
        frame,
        what="non-compliance_by-province",
        title="Non-compliance by province",
        lang="en",
        fmt="csv",
    )
    assert exported.name == "non-compliance_by-province_garment_2024.csv"
    meta, table = _csv_table(exported.data)
    assert len(table) == len(frame)
    table = table.rename(columns={column_header(c, "en"): c for c in frame.columns})
    for (_, expected), (_, row) in zip(frame.iterrows(), table.iterrows(), strict=True):
        assert row["province"] == expected["province"]
        if expected["suppressed"]:
            assert row["rate"] == row["assessed"] == row["non_compliant"] == "Suppressed"
            assert row["suppressed"] == "Yes"
            assert row["suppression_reason"] == reason_text(expected["suppression_reason"], "en")
        else:
            assert float(row["rate"]) == pytest.approx(float(expected["rate"]))
            assert int(row["assessed"]) == int(expected["assessed"])
            assert int(row["non_compliant"]) == int(expected["non_compliant"])
    dak_lak = table[table["province"] == "66"].iloc[0]
    assert dak_lak["suppressed"] == "Yes" and dak_lak["rate"] == "Suppressed"
    assert meta["Filter"] == "Garment, all provinces, 2024"
    assert "fewer than 5 factories" in meta["Suppression rule"]
    assert meta["Organisation"] == organisation("molisa").name("en")
    assert "latest assessment" in meta["Data as of"]
    assert "WARNING" in meta  # the fixture's dataset is synthetic
    assert "CONFIDENTIAL" not in meta


def test_constituent_files_name_no_factory(seeded: Engine) -> None:
    frame = non_compliance(seeded, MOLISA, FILTERS, by=("legacy_province",))
    for fmt in ("csv", "xlsx"):
        exported = export_frame(
            seeded, MOLISA, FILTERS, frame, what="x", title="x", lang="vi", fmt=fmt
        )
        text = _all_text(exported.data, fmt)
        for name in [*INJECTIONS, "Nhà máy Sài Gòn", "Factory F"]:
            assert name not in text


def test_vietnamese_names_round_trip(seeded: Engine) -> None:
    frame = non_compliance(seeded, ILO, FILTERS, by=("legacy_province",))
    for fmt in ("csv", "xlsx"):
        exported = export_frame(
            seeded, ILO, FILTERS, frame, what="x", title="x", lang="vi", fmt=fmt
        )
        text = _all_text(exported.data, fmt)
        for name in ("Hồ Chí Minh", "Đắk Lắk", "Thừa Thiên Huế"):
            assert name in text


def test_staff_factory_listing_is_marked_and_inert(seeded: Engine) -> None:
    frame = factory_listing(seeded, ILO, FILTERS)
    csv_file = export_frame(
        seeded, ILO, FILTERS, frame, what="factories", title="Factories", lang="en", fmt="csv"
    )
    meta, table = _csv_table(csv_file.data)
    assert "CONFIDENTIAL" in meta
    names = set(table["name"])
    for payload in INJECTIONS:
        assert payload not in names and "'" + payload in names
    xlsx_file = export_frame(
        seeded, ILO, FILTERS, frame, what="factories", title="Factories", lang="en", fmt="xlsx"
    )
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx_file.data))["Data"]
    header = [cell.value for cell in sheet[1]]
    column = header.index("name") + 1
    cells = [row[column - 1] for row in sheet.iter_rows(min_row=2)]
    assert {cell.value for cell in cells} >= set(INJECTIONS)
    assert all(cell.data_type == "s" for cell in cells)
    assert all(cell.quotePrefix for cell in cells if cell.value in INJECTIONS)


def test_constituent_cannot_export_factory_columns(seeded: Engine) -> None:
    with pytest.raises(AccessDenied):
        factory_listing(seeded, MOLISA, FILTERS)
    leaked = pd.DataFrame({"factory_id": [7], "rate": [0.5]})
    with pytest.raises(AccessDenied):
        check_disclosable(leaked, MOLISA)
    with pytest.raises(AccessDenied):
        check_disclosable(leaked, Scope(None))
    check_disclosable(leaked, ILO)
    stamped = pd.DataFrame({"code": ["F1"], "name": ["Nhà máy A"]})
    stamped.attrs = {"indicator": "factory_listing"}
    with pytest.raises(AccessDenied):
        check_disclosable(stamped, MOLISA)
    # A compliance point's code and names are aggregates' labels, not identities.
    check_disclosable(pd.DataFrame({"code": ["FA-CBA"], "name_vi": ["x"]}), MOLISA)


def _all_text(data: bytes, fmt: str) -> str:
    if fmt == "csv":
        return data.decode("utf-8-sig")
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    return "\n".join(
        str(value)
        for sheet in workbook.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value is not None
    )
