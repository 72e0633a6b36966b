"""Labels and row order come from the reference data in one vectorised step, and read
exactly as they did code by code: names in both languages, the catalogue's words for a
missing code, an unknown code as itself (listed last), and the cluster of a point."""

from __future__ import annotations

import pandas as pd

from data_access.i18n import t
from data_access.indicators.frames import add_labels, order_rows
from data_access.refdata import Label, Reference

REF = Reference(
    provinces={
        "01": Label("01", "Hà Nội", "Ha Noi"),
        "79": Label("79", "Hồ Chí Minh", "Ho Chi Minh City"),
    },
    legacy_provinces={"74": Label("74", "Bình Dương", "Binh Duong", parent="79")},
    clusters={"CO": Label("CO", "Hợp đồng", "Contracts", group="core")},
    compliance_points={
        "CO-MIN": Label("CO-MIN", "Lương tối thiểu", "Minimum wage", parent="CO", group="core")
    },
)


def test_names_missing_and_unknown_codes_and_reference_order() -> None:
    frame = pd.DataFrame(
        {"province": ["99", "79", "01", "79"], "legacy_province": ["74", None, None, "74"]}
    )
    dims = ("province", "legacy_province")
    labelled = order_rows(add_labels(frame, dims, REF), dims, REF)
    assert list(labelled.columns) == [
        "province",
        "province_name_vi",
        "province_name_en",
        "legacy_province",
        "legacy_province_name_vi",
        "legacy_province_name_en",
    ]
    assert labelled["province"].tolist() == ["01", "79", "79", "99"]
    assert labelled["province_name_vi"].tolist() == ["Hà Nội", "Hồ Chí Minh", "Hồ Chí Minh", "99"]
    none = t("indicators.label.no_legacy_province", "en")
    # Within a province, a recorded former province before "not recorded".
    assert labelled["legacy_province_name_en"].tolist() == [none, "Binh Duong", none, "Binh Duong"]
    assert labelled["province_name_vi"].dtype == "string"


def test_points_get_their_cluster_and_group() -> None:
    frame = pd.DataFrame({"compliance_point": ["CO-MIN", "XX-NEW"], "rate": [0.5, 0.1]})
    labelled = add_labels(frame, ("compliance_point",), REF)
    assert labelled["cluster"].tolist()[0] == "CO"
    assert pd.isna(labelled["cluster"].iloc[1])
    assert labelled["cluster_group"].tolist()[0] == "core"
    assert labelled["compliance_point_name_en"].tolist() == ["Minimum wage", "XX-NEW"]
    assert list(labelled.columns)[-1] == "rate"
