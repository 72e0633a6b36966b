"""Rows that try every formula trick, and names that need every Vietnamese diacritic."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from data_access.exports.metadata import ExportMetadata, make_metadata
from data_access.scope import Scope

INJECTIONS = ['=HYPERLINK("http://x","y")', "+1", "-2+3", "@SUM(A1)", "\tleading tab"]
VIETNAMESE = ["Hồ Chí Minh", "Đắk Lắk", "Thừa Thiên Huế"]


@pytest.fixture
def hostile_frame() -> pd.DataFrame:
    names = INJECTIONS + VIETNAMESE + ['Nhà máy "Sông Hồng", Hà Nội\nxưởng 2']
    count = len(names)
    return pd.DataFrame(
        {
            "factory": names,
            "province": list(reversed(names)),
            "assessed": [date(2024, 1, 1 + i) for i in range(count)],
            "factories": list(range(-2, count - 2)),
            "rate": [0.655, -0.25, 1.0, 0.0, 1e-6, float("nan"), 0.5, 0.125, 0.3],
            "suppressed": [False, True, False, False, True, False, False, False, True],
        }
    )


@pytest.fixture
def metadata() -> ExportMetadata:
    return make_metadata(
        Scope("ilo", "ilo", "ilo.demo"),
        title="Tỷ lệ không tuân thủ theo tỉnh",
        filter_description="May mặc, Hồ Chí Minh, 2023–2025",
        lang="vi",
        data_as_of="30/06/2025",
        synthetic=True,
        method_notes=["=1+1 method note that starts like a formula"],
    )
