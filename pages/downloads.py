"""Question: Can I take the figures behind the dashboard into my own spreadsheet?

Downloads: every table behind the dashboard, for the shared filters, as CSV or XLSX;
for ILO staff also the factory list and the question-level findings.

Each dataset is the same cached `data_access` call a page draws, under the viewer's
scope, so a file here equals the figures on the pages. The question-level findings
(hundreds of thousands of rows) are not a table to preview: they are written to a
private temporary file in chunks, with a progress bar, and then handed over.
"""

from __future__ import annotations

import os
import tempfile
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import streamlit as st

from data_access import audit
from data_access.cache import (
    cached_change,
    cached_fa_cb_non_compliance,
    cached_factory_listing,
    cached_non_compliance,
    cached_programme_size,
    cached_social_dialogue,
)
from data_access.exports.files import MIME
from data_access.exports.streaming import (
    WHAT as FINDINGS_WHAT,
)
from data_access.exports.streaming import (
    count_findings,
    findings_filename,
    write_findings,
)
from data_access.exports.writers import XLSX_MAX_ROWS, ExportTooLarge
from data_access.i18n import fmt_number, t
from data_access.periods import comparison
from data_access.refdata import reference
from ui.auth import request_address
from ui.context import PageContext, page_context
from ui.downloads import download_buttons, show_table
from ui.widgets import mostly_hidden_notice, no_data, page_header

EXPORT_DIR = Path(tempfile.gettempdir()) / "tripartite-exports"
#: Prepared files older than this are removed when anyone prepares a new one.
KEEP_SECONDS = 2 * 3600
PREPARED_KEY = "downloads_prepared"
FINDINGS = "findings"


@dataclass(frozen=True)
class Dataset:
    key: str
    what: str
    load: Callable[[PageContext], pd.DataFrame | None]
    staff_only: bool = False


def _change(ctx: PageContext) -> pd.DataFrame | None:
    compared = comparison(ctx.filters, reference(ctx.engine))
    if compared is None:
        return None
    return cached_change(ctx.engine, ctx.scope, compared, "non_compliance")


DATASETS: tuple[Dataset, ...] = (
    Dataset(
        "non_compliance_points",
        "non-compliance_by-point",
        lambda ctx: cached_non_compliance(ctx.engine, ctx.scope, ctx.filters),
    ),
    Dataset(
        "non_compliance_provinces",
        "non-compliance_by-province-and-point",
        lambda ctx: cached_non_compliance(
            ctx.engine, ctx.scope, ctx.filters, ("province", "compliance_point")
        ),
    ),
    Dataset(
        "non_compliance_sectors",
        "non-compliance_by-sector-and-point",
        lambda ctx: cached_non_compliance(
            ctx.engine, ctx.scope, ctx.filters, ("sector", "compliance_point")
        ),
    ),
    Dataset(
        "non_compliance_years",
        "non-compliance_by-year-and-cluster",
        lambda ctx: cached_non_compliance(ctx.engine, ctx.scope, ctx.filters, ("year", "cluster")),
    ),
    Dataset("non_compliance_change", "non-compliance-change_by-point", _change),
    Dataset(
        "programme_provinces",
        "programme-size_by-province",
        lambda ctx: cached_programme_size(ctx.engine, ctx.scope, ctx.filters, "province"),
    ),
    Dataset(
        "programme_years",
        "programme-size_by-year-and-sector",
        lambda ctx: cached_programme_size(ctx.engine, ctx.scope, ctx.filters, ("year", "sector")),
    ),
    Dataset(
        "social_dialogue_provinces",
        "social-dialogue_by-province",
        lambda ctx: cached_social_dialogue(ctx.engine, ctx.scope, ctx.filters, "province"),
    ),
    Dataset(
        "social_dialogue_years",
        "social-dialogue_by-year",
        lambda ctx: cached_social_dialogue(ctx.engine, ctx.scope, ctx.filters, "year"),
    ),
    Dataset(
        "fa_cb",
        "fa-cb-non-compliance_by-year",
        lambda ctx: cached_fa_cb_non_compliance(ctx.engine, ctx.scope, ctx.filters),
    ),
    Dataset(
        "factories",
        "factories",
        lambda ctx: cached_factory_listing(ctx.engine, ctx.scope, ctx.filters),
        staff_only=True,
    ),
)


def main() -> None:
    ctx = page_context()
    lang = ctx.lang
    page_header(ctx, reference(ctx.engine), "exports.page.title")
    st.caption(t("exports.page.intro", lang))
    offered = [data for data in DATASETS if ctx.scope.may("see_factories") or not data.staff_only]
    keys = [data.key for data in offered] + ([FINDINGS] if ctx.scope.may("see_factories") else [])
    choice = st.selectbox(
        t("exports.page.dataset", lang),
        keys,
        format_func=lambda key: t(f"exports.dataset.{key}", lang),
        key="downloads_dataset",
    )
    st.caption(t(f"exports.dataset.{choice}.help", lang))
    if choice == FINDINGS:
        _findings(ctx)
        return
    dataset = next(data for data in offered if data.key == choice)
    frame = dataset.load(ctx)
    if frame is None:
        st.info(t("exports.page.no_comparison", lang))
        return
    if frame.empty:
        no_data(lang)
        return
    mostly_hidden_notice(ctx, frame)
    st.caption(t("exports.page.rows", lang, rows=fmt_number(len(frame), lang)))
    show_table(frame, ctx.lang, height=420)
    download_buttons(frame, ctx, what=dataset.what, title=t(f"exports.dataset.{choice}", lang))


# --- question-level findings ---------------------------------------------------------------


def _findings(ctx: PageContext) -> None:
    lang = ctx.lang
    total = count_findings(ctx.engine, ctx.scope, ctx.filters)
    st.metric(t("exports.page.findings_rows", lang), fmt_number(total, lang))
    if total == 0:
        no_data(lang)
        return
    formats = ["csv", "xlsx"] if total < XLSX_MAX_ROWS else ["csv"]
    fmt = st.radio(
        t("exports.page.format", lang),
        formats,
        format_func=lambda code: t(f"exports.button.{code}", lang),
        horizontal=True,
        key="downloads_findings_format",
    )
    if st.button(t("exports.page.prepare", lang), icon=":material/build:", key="downloads_prepare"):
        _prepare(ctx, fmt, total)
    prepared = st.session_state.get(PREPARED_KEY)
    if isinstance(prepared, dict) and Path(prepared["path"]).is_file():
        st.success(
            t(
                "exports.page.prepared",
                lang,
                rows=fmt_number(prepared["rows"], lang),
                size=fmt_number(prepared["bytes"] / 1_000_000, lang, decimals=1),
                seconds=fmt_number(prepared["seconds"], lang, decimals=1),
            )
        )
        st.download_button(
            t(f"exports.button.{prepared['fmt']}", lang),
            data=_deliver(ctx, prepared, request_address()),
            file_name=prepared["name"],
            mime=MIME[prepared["fmt"]],
            on_click="ignore",
            icon=":material/download:",
            type="primary",
            key="downloads_findings_file",
        )


def _private_dir() -> Path:
    EXPORT_DIR.mkdir(mode=0o700, exist_ok=True)
    cutoff = time.time() - KEEP_SECONDS
    for old in EXPORT_DIR.iterdir():
        if old.is_file() and old.stat().st_mtime < cutoff:
            old.unlink(missing_ok=True)
    return EXPORT_DIR


def _prepare(ctx: PageContext, fmt: str, total: int) -> None:
    """Stream the rows into a private temporary file (mode 0600), chunk by chunk."""
    lang = ctx.lang
    previous = st.session_state.pop(PREPARED_KEY, None)
    if isinstance(previous, dict):
        Path(previous["path"]).unlink(missing_ok=True)
    bar = st.progress(
        0.0, text=t("exports.page.progress", lang, done=0, total=fmt_number(total, lang))
    )

    def progress(done: int, of: int) -> None:
        bar.progress(
            done / of if of else 1.0,
            text=t(
                "exports.page.progress",
                lang,
                done=fmt_number(done, lang),
                total=fmt_number(of, lang),
            ),
        )

    handle, name = tempfile.mkstemp(suffix=f".{fmt}", prefix=uuid.uuid4().hex, dir=_private_dir())
    started = time.perf_counter()
    try:
        with os.fdopen(handle, "wb") as target:
            rows = write_findings(
                ctx.engine, ctx.scope, ctx.filters, target, fmt=fmt, lang=lang, progress=progress
            )
    except ExportTooLarge as error:
        Path(name).unlink(missing_ok=True)
        st.error(str(error))
        return
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
    bar.empty()
    st.session_state[PREPARED_KEY] = {
        "path": name,
        "fmt": fmt,
        "rows": rows,
        "bytes": Path(name).stat().st_size,
        "seconds": time.perf_counter() - started,
        "name": findings_filename(ctx.engine, ctx.filters, fmt),
        "filters": ctx.filters.to_query_params(),
    }


def _deliver(ctx: PageContext, prepared: dict, address: str) -> Callable[[], bytes]:
    """Read the prepared file when the button is clicked, and audit the download."""
    engine, username, role = ctx.engine, ctx.scope.username, ctx.scope.role

    def deliver() -> bytes:
        data = Path(prepared["path"]).read_bytes()
        audit.record(
            engine,
            "download",
            username,
            {
                "kind": FINDINGS_WHAT,
                "format": prepared["fmt"],
                "file": prepared["name"],
                "rows": prepared["rows"],
                "filters": prepared["filters"],
                "role": role,
            },
            client_address=address,
        )
        return data

    return deliver


main()
