"""The download buttons' file builder writes the same file as the data layer and an
audit entry, and the built file survives other sessions' reruns until the browser has
it; Streamlit's own table export is switched off app-wide."""

from __future__ import annotations

import json
import tomllib
from collections.abc import Callable

from sqlalchemy import Engine, select
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

from data_access.config import REPO_ROOT
from data_access.exports.columns import column_header
from data_access.exports.writers import read_csv_export
from data_access.filters import Filters
from data_access.indicators import non_compliance
from data_access.models import AuditEntry
from data_access.scope import Scope
from tests.data_access.fixtures import Builder
from ui import downloads
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


def _built_by_deferred(files: MediaFileManager, build: Callable[[], bytes]) -> str:
    """What Streamlit does when a deferred download button is clicked: register the
    callable (as the script run did), run it, store its bytes; the file's id."""
    placeholder = files.add_deferred(build, "text/csv", "1.(0.3).2", file_name="x.csv")
    return files.execute_deferred(placeholder).rsplit("/", 1)[1]


def _another_sessions_run_ends(files: MediaFileManager) -> None:
    files.remove_orphaned_files()


def test_a_built_file_waits_for_the_browser_while_other_sessions_rerun(monkeypatch) -> None:
    data = b"a,b\n1,2\n"
    files = MediaFileManager(MemoryMediaFileStorage("/media"))
    # Streamlit alone: two other sessions' runs ending before the browser fetches the
    # file delete it, and the browser reports the download cancelled.
    unheld = _built_by_deferred(files, lambda: data)
    for _ in range(2):
        _another_sessions_run_ends(files)
    assert files.read_file(unheld) is None

    monkeypatch.setattr(downloads, "_media_files", lambda: files)
    monkeypatch.setattr(downloads, "build_download", lambda **_arguments: data)
    session = "dontcare"  # the session id Streamlit's media files use outside a run
    build = downloads._deferred(session, "x.csv", fmt="csv")
    held = _built_by_deferred(files, build)
    for _ in range(5):
        _another_sessions_run_ends(files)
    stored = files.read_file(held)
    assert stored is not None and stored.content == data

    # Its own session's next run lets go of it: swept like any other file, no build-up.
    files.clear_session_refs(session)
    for _ in range(2):
        _another_sessions_run_ends(files)
    assert files.read_file(held) is None
