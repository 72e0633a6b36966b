"""The download buttons' file builder writes the same file as the data layer and an
audit entry; Streamlit's own table export is switched off app-wide."""

from __future__ import annotations

import json
import tomllib

from sqlalchemy import Engine, select

from data_access.config import REPO_ROOT
from data_access.exports.columns import column_header
from data_access.exports.writers import read_csv_export
from data_access.filters import Filters
from data_access.indicators import non_compliance
from data_access.models import AuditEntry
from data_access.scope import Scope
from tests.data_access.fixtures import Builder
from ui.downloads import build_download, export_title

VGCL = Scope("vgcl", "vgcl", "vgcl.test")


def test_a_click_writes_the_file_and_the_audit_entry(engine: Engine) -> None:
    build = Builder(engine)
    for index in range(6):
        factory = build.factory(name=f"Nhà máy {index}")
        build.assessment(factory, "2025-03-01", points={"WT-OVT": index % 2 == 0})
    filters = Filters(year_from=2025, year_to=2025)
    frame = non_compliance(engine, VGCL, filters)
    data = build_download(
        engine,
        VGCL,
        filters,
        frame,
        what="non-compliance_by-point",
        title=export_title(frame, "non-compliance_by-point", "vi"),
        lang="vi",
        fmt="csv",
        client_address="10.0.0.7",
    )
    meta, header, rows = read_csv_export(data)
    assert dict(meta)["Nội dung"] == "Tỷ lệ không tuân thủ"
    rate = header.index(column_header("rate", "vi"))
    assert len(rows) == len(frame) == 1 and rows[0][rate] == "0.5"
    with engine.connect() as connection:
        entry = connection.execute(select(AuditEntry).where(AuditEntry.action == "download")).one()
    detail = json.loads(entry.detail)
    assert (entry.username, entry.client_address) == ("vgcl.test", "10.0.0.7")
    assert detail == {
        "kind": "non-compliance_by-point",
        "format": "csv",
        "file": "non-compliance_by-point_2025.csv",
        "rows": 1,
        "filters": {"year_from": "2025", "year_to": "2025"},
        "role": "vgcl",
    }


def test_streamlit_table_export_is_off() -> None:
    config = tomllib.loads((REPO_ROOT / ".streamlit" / "config.toml").read_text("utf-8"))
    assert config["client"]["disableDataExport"] is True
