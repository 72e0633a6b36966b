"""Download buttons that hand over exactly the frame a page drew, as CSV and XLSX.

Every page calls `download_buttons(frame, context, what=...)` with the frame it drew
the table or chart from, so the file and the screen cannot drift apart. The files are
built lazily: Streamlit calls our function only
when the button is clicked, so a page with six tables does not write twelve files on
every rerun, and the audit entry is written at that moment, when a file really leaves.

A file is built after the script run, in a thread of Streamlit's own: if the database
is unreachable then, Streamlit has nothing to hand over and shows only a brief English
"Failed to generate file for download". So a failed build records the file for the
person's session and asks that session to rerun; the rerun (`failed_download_notice`,
called first thing by `app.py`) says in their language that nothing was downloaded and
to try again, above the app's own "database unavailable" page while the outage lasts.
Nothing is cached about the failure: the next click builds the file afresh, so once the
database is back the download works without a restart. A file that was built is held
for its session until that session's next run (`_hold_for_session`): Streamlit would
otherwise let any other session's run delete it before the browser has fetched it.

Streamlit's own table toolbar has a CSV export that would bypass all of this (no
formula neutralisation, no metadata, no audit). Streamlit 1.67 has no per-table switch
for it; the one control is the `client.disableDataExport` option, set in
`.streamlit/config.toml`. It is global, which is right here because every table shown
has our buttons, and it also turns off copying cells from read-only tables.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from typing import Any

import pandas as pd
import streamlit as st
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError
from streamlit import runtime
from streamlit.runtime.media_file_manager import MediaFileManager, MediaFileMetadata
from streamlit.runtime.media_file_storage import MediaFileKind
from streamlit.runtime.scriptrunner import get_script_run_ctx

from data_access import audit
from data_access.exports.columns import for_reader
from data_access.exports.filenames import export_filename
from data_access.exports.files import (
    FORMATS,
    MIME,
    Format,
    check_disclosable,
    export_frame,
    frame_filters,
)
from data_access.filters import Filters
from data_access.i18n import catalogue, t
from data_access.refdata import reference
from data_access.scope import AccessDenied, Scope
from ui.auth import request_address
from ui.context import PageContext

AUDIT_ACTION = "download"
LOG = logging.getLogger(__name__)

#: Where a built file is held in Streamlit's media files (see `_hold_for_session`); not
#: an element position, so it never collides with one.
HOLD_PREFIX = "td_download:"
#: Session id → the file name whose build failed, until that session's next rerun.
_failed: dict[str, str] = {}
_failed_lock = threading.Lock()


def export_title(frame: pd.DataFrame, what: str, lang: str) -> str:
    """The indicator's name in words, when the catalogue has one; else `what`."""
    key = f"exports.indicator.{frame.attrs.get('indicator', '')}"
    return t(key, lang) if key in catalogue() else what.replace("_", " ").replace("-", " ")


def build_download(
    engine: Engine,
    scope: Scope,
    filters: Filters,
    frame: pd.DataFrame,
    *,
    what: str,
    title: str,
    lang: str,
    fmt: Format,
    client_address: str | None,
    extra_notes: Sequence[str] = (),
) -> bytes:
    """The file's bytes, audit-logged. Runs when the button is clicked (outside the
    script run), so it takes everything it needs as arguments, nothing from the session."""
    exported = export_frame(
        engine,
        scope,
        filters,
        frame,
        what=what,
        title=title,
        lang=lang,
        fmt=fmt,
        extra_notes=extra_notes,
    )
    audit.record(
        engine,
        AUDIT_ACTION,
        scope.username,
        {
            "kind": what,
            "format": fmt,
            "file": exported.name,
            "rows": exported.rows,
            "filters": frame_filters(frame, filters).to_query_params(),
            "role": scope.role,
        },
        client_address=client_address,
    )
    return exported.data


def _rerun_session(session_id: str) -> None:
    """Ask a session to rerun from outside its script run. Streamlit has no public call
    for this; `get_app_session` is safe from any thread, `request_rerun` must run on the
    session's event loop, which `_call_soon_on_event_loop` schedules it on."""
    session = runtime.get_instance().get_app_session(session_id) if runtime.exists() else None
    if session is not None:
        session._call_soon_on_event_loop(lambda: session.request_rerun(None))


def _media_files() -> MediaFileManager | None:
    return runtime.get_instance().media_file_mgr if runtime.exists() else None


def _hold_for_session(
    files: MediaFileManager, session_id: str, data: bytes, mimetype: str, file_name: str
) -> None:
    """Keep a built file for the session that asked for it, until that session's next run.

    Streamlit stores the bytes a deferred download returns without any session holding
    them, and the end of every script run of *any* session sweeps unheld files (the
    first sweep marks a download, the second deletes it). With ten people at work, two
    other sessions' runs can end between the file being built and the browser fetching
    it, and the browser then reports the download cancelled (bench/load.py saw 3 in 10).
    Held like an ordinary download button's file, it lives until this session's next
    run and is swept after that as usual, so nothing accumulates. Streamlit 1.67 has no
    public call for this: it is `MediaFileManager.add` with the session named, since
    the build runs on a worker thread that has no script-run context to take it from.
    The file id is the storage's own (content, type and name), the one Streamlit then
    finds for the same bytes."""
    with files._lock:
        file_id = files._storage.load_and_get_id(
            data, mimetype, MediaFileKind.DOWNLOADABLE, file_name
        )
        files._file_metadata[file_id] = MediaFileMetadata(kind=MediaFileKind.DOWNLOADABLE)
        files._files_by_session_and_coord[session_id][f"{HOLD_PREFIX}{file_name}"] = file_id


def _deferred(session_id: str | None, file_name: str, **arguments: Any) -> Callable[[], bytes]:
    def build() -> bytes:
        try:
            data = build_download(**arguments)
        except (SQLAlchemyError, OSError) as error:
            LOG.warning("Download %s not built, database unavailable: %s", file_name, error)
            if session_id is not None:
                with _failed_lock:
                    _failed[session_id] = file_name
                _rerun_session(session_id)
            raise
        files = _media_files()
        if session_id is not None and files is not None:
            _hold_for_session(files, session_id, data, MIME[arguments["fmt"]], file_name)
        return data

    return build


def failed_download_notice(lang: str) -> None:
    """The rerun after a download could not be built: say so, once, in the viewer's
    language. Drawn before anything else needs the database."""
    ctx = get_script_run_ctx()
    if ctx is None:
        return
    with _failed_lock:
        file_name = _failed.pop(ctx.session_id, None)
    if file_name is not None:
        st.error(t("exports.button.failed", lang, file=file_name), icon=":material/cloud_off:")


def download_buttons(
    frame: pd.DataFrame,
    context: PageContext,
    *,
    what: str,
    title: str | None = None,
    key: str | None = None,
    extra_notes: Sequence[str] = (),
) -> None:
    """A CSV and an XLSX button for the rows of `frame`, side by side.

    `what` names the content for the file name (`non-compliance_by-province` →
    `non-compliance_by-province_garment_2023-2025.csv`); `title` is the same in words
    for the file's metadata (the indicator's name when omitted); `key` keeps the
    buttons apart when a page shows the same `what` twice.
    """
    try:
        check_disclosable(frame, context.scope)
    except AccessDenied:
        st.warning(t("exports.button.refused", context.lang))
        return
    lang = context.lang
    filters = frame_filters(frame, context.filters)
    ref = reference(context.engine)
    snapshot = frame.copy()
    snapshot.attrs = dict(frame.attrs)
    arguments = {
        "engine": context.engine,
        "scope": context.scope,
        "filters": context.filters,
        "frame": snapshot,
        "what": what,
        "title": title or export_title(frame, what, lang),
        "lang": lang,
        "client_address": request_address(),
        "extra_notes": tuple(extra_notes),
    }
    ctx = get_script_run_ctx()
    session_id = ctx.session_id if ctx is not None else None
    row = st.container(horizontal=True, gap="small")
    for fmt in FORMATS:
        file_name = export_filename(what, filters, ref, fmt)
        row.download_button(
            t(f"exports.button.{fmt}", lang),
            data=_deferred(session_id, file_name, **arguments, fmt=fmt),
            file_name=file_name,
            mime=MIME[fmt],
            key=f"td_download_{key or what}_{fmt}",
            help=t(f"exports.button.{fmt}_help", lang),
            on_click="ignore",
            icon=":material/download:",
            disabled=frame.empty,
        )


def show_table(frame: pd.DataFrame, lang: str, **options: Any) -> None:
    """`st.dataframe` of the rows as the file has them (`exports.columns.for_reader`:
    headers in the viewer's language, hidden cells explained), with the index hidden and
    without the frame's `attrs` (Streamlit would serialise them to the browser); its
    toolbar export is off app-wide (see the module docstring), so our buttons are the
    only way out for the rows."""
    options.setdefault("hide_index", True)
    options.setdefault("width", "stretch")
    shown = for_reader(frame, lang)
    shown.attrs = {}  # Streamlit would try to serialise them to the browser
    st.dataframe(shown, **options)
