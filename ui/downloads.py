"""Download buttons that hand over exactly the frame a page drew, as CSV and XLSX.

Every page calls `download_buttons(frame, context, what=...)` with the frame it drew
the table or chart from, so the file and the screen cannot drift apart. The files are
built lazily: Streamlit calls our function only
when the button is clicked, so a page with six tables does not write twelve files on
every rerun, and the audit entry is written at that moment, when a file really leaves.

Streamlit's own table toolbar has a CSV export that would bypass all of this (no
formula neutralisation, no metadata, no audit). Streamlit 1.67 has no per-table switch
for it; the one control is the `client.disableDataExport` option, set in
`.streamlit/config.toml`. It is global, which is right here because every table shown
has our buttons, and it also turns off copying cells from read-only tables.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import pandas as pd
import streamlit as st
from sqlalchemy import Engine

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


def _deferred(**arguments: Any) -> Callable[[], bytes]:
    def build() -> bytes:
        return build_download(**arguments)

    return build


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
    row = st.container(horizontal=True, gap="small")
    for fmt in FORMATS:
        row.download_button(
            t(f"exports.button.{fmt}", lang),
            data=_deferred(**arguments, fmt=fmt),
            file_name=export_filename(what, filters, ref, fmt),
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
