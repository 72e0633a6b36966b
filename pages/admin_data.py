"""Question: Is the new data file right, and what did earlier imports load?

Admin › Data: load real data (upload → validation report → preview → confirm), the
import history, the formats with their templates and examples, and the switch from
demonstration to real data.

The page only draws. Validation, the preview, the import and the removal of the demo
data are `data_access.imports` calls that take the viewer's scope and refuse anyone
but an administrator, so reaching this file without the role shows nothing.
A preview is kept per uploaded file (checksum and format) so reruns do not validate
a large file again; confirming re-validates inside the import's own transaction.
"""

from __future__ import annotations

import hashlib

import pandas as pd
import streamlit as st

from data_access import cache
from data_access.i18n import fmt_datetime, fmt_number, t
from data_access.imports import (
    FORMATS,
    ImportReport,
    ImportSource,
    demo_data,
    import_history,
    remove_demo_data,
    run_import,
    template_file,
)
from data_access.imports.problems import problems_csv
from data_access.imports.templates import TYPE_NAMES, allowed_text
from data_access.users import UserError
from ui.context import page_context

PREVIEW_KEY = "admin_data_preview"
RESULT_KEY = "admin_data_result"
UPLOAD_KEY = "admin_data_upload"
MAX_UPLOAD_MB = 200
UPLOAD_TYPES: tuple[str, ...] = ("csv", "xlsx", "txt", "tsv")
AUTO = "auto"

ctx = page_context()
lang = ctx.lang
if not ctx.scope.may("import_data"):
    st.error(t("admin.page.admin_only", lang))
    st.stop()

st.title(t("admin.data.title", lang))
st.caption(t("admin.data.caption", lang))


def format_title(name: str) -> str:
    if name == AUTO:
        return t("admin.import.detect_format", lang)
    return t(f"admin.format.{name}.title", lang)


def counts_line(report: ImportReport) -> None:
    if report.counts is None:
        return
    unit = t(f"admin.unit.{report.unit}", lang)
    first, second, third, fourth = st.columns(4)
    first.metric(t("admin.import.rows", lang), fmt_number(report.rows, lang))
    second.metric(f"{unit}: {t('admin.count.new', lang)}", fmt_number(report.counts.new, lang))
    third.metric(
        f"{unit}: {t('admin.count.updated', lang)}", fmt_number(report.counts.updated, lang)
    )
    fourth.metric(
        f"{unit}: {t('admin.count.unchanged', lang)}", fmt_number(report.counts.unchanged, lang)
    )


def problems_table(report: ImportReport) -> None:
    if not report.problems:
        return
    st.subheader(t("admin.report.title", lang))
    st.caption(
        t(
            "admin.import.problem_counts",
            lang,
            errors=fmt_number(report.errors, lang),
            warnings=fmt_number(report.warnings, lang),
        )
    )
    rows = [problem.as_row(lang) for problem in report.problems]
    frame = pd.DataFrame(rows).rename(
        columns={name: t(f"admin.report.header.{name}", lang) for name in rows[0]}
    )
    st.dataframe(frame, hide_index=True, width="stretch")
    st.download_button(
        t("admin.report.download", lang),
        data=problems_csv(report.problems, lang),
        file_name=f"{report.file_name}.problems.csv",
        mime="text/csv",
        key="admin_data_problems_csv",
    )


def show_report(report: ImportReport) -> None:
    message = report.status_text(lang)
    if report.status in {"invalid", "failed"}:
        st.error(message, icon=":material/error:")
    elif report.status == "busy":
        st.warning(message, icon=":material/hourglass_top:")
    elif report.status == "committed":
        st.success(message, icon=":material/check_circle:")
    else:
        st.info(message, icon=":material/info:")
    if report.format_name:
        st.caption(f"{t('admin.import.format', lang)}: {format_title(report.format_name)}")
    if report.earlier is not None:
        st.caption(
            t(
                "admin.import.seen_before",
                lang,
                batch=report.earlier.batch_id,
                when=fmt_datetime(report.earlier.imported_at, lang),
                user=report.earlier.imported_by,
            )
        )
    if report.failure:
        st.caption(report.failure)
    counts_line(report)
    problems_table(report)


def validate_upload(data: bytes, name: str, format_name: str | None) -> ImportReport:
    bar = st.progress(0.0, text=t("admin.import.validating", lang))

    def progress(rows: int, share: float) -> None:
        bar.progress(
            min(share, 1.0),
            text=t("admin.import.validating_rows", lang, rows=fmt_number(rows, lang)),
        )

    report = run_import(
        ctx.engine,
        ctx.scope,
        ImportSource.from_bytes(name, data),
        format_name=format_name,
        dry_run=True,
        progress=progress,
    )
    bar.empty()
    return report


def import_tab() -> None:
    st.markdown(t("admin.import.steps", lang))
    choice = st.selectbox(
        t("admin.import.format", lang),
        [AUTO, *FORMATS],
        format_func=format_title,
        key="admin_data_format",
    )
    upload = st.file_uploader(
        t("admin.import.upload", lang),
        type=list(UPLOAD_TYPES),
        key=UPLOAD_KEY,
        max_upload_size=MAX_UPLOAD_MB,
    )
    # Streamlit's own line under the button is English only (and hidden by the theme).
    st.caption(
        t(
            "admin.import.upload_limit",
            lang,
            mb=MAX_UPLOAD_MB,
            types=", ".join(kind.upper() for kind in UPLOAD_TYPES),
        )
    )
    result: ImportReport | None = st.session_state.get(RESULT_KEY)
    if upload is None:
        st.session_state.pop(PREVIEW_KEY, None)
        if result is not None:
            show_report(result)
        return
    data = upload.getvalue()
    format_name = None if choice == AUTO else choice
    identity = (hashlib.sha256(data).hexdigest(), format_name, upload.name)
    stored = st.session_state.get(PREVIEW_KEY)
    if stored is None or stored[0] != identity:
        st.session_state.pop(RESULT_KEY, None)
        stored = (identity, validate_upload(data, upload.name, format_name))
        st.session_state[PREVIEW_KEY] = stored
    preview: ImportReport = stored[1]
    if result is not None and result.checksum == identity[0]:
        show_report(result)
        return
    show_report(preview)
    if preview.status == "preview" and preview.counts and preview.counts.changed:
        st.warning(t("admin.import.confirm_note", lang), icon=":material/warning:")
        if st.button(t("admin.import.confirm", lang), type="primary", key="admin_data_confirm"):
            with st.spinner(t("admin.import.loading", lang)):
                report = run_import(
                    ctx.engine,
                    ctx.scope,
                    ImportSource.from_bytes(upload.name, data),
                    format_name=format_name,
                )
            if report.status == "busy":  # keep the preview: the same button tries again
                st.warning(report.status_text(lang), icon=":material/hourglass_top:")
                return
            if report.status == "committed":
                cache.clear()
            st.session_state[RESULT_KEY] = report
            st.session_state.pop(PREVIEW_KEY, None)
            st.rerun()
    elif preview.status == "preview":
        st.info(t("admin.import.nothing_to_change", lang), icon=":material/info:")


def history_tab() -> None:
    entries = import_history(ctx.engine, ctx.scope)
    if not entries:
        st.info(t("admin.history.empty", lang))
        return
    frame = pd.DataFrame(
        [
            {
                t("admin.history.when", lang): fmt_datetime(entry.imported_at, lang),
                t("admin.history.file", lang): entry.file_name,
                t("admin.import.format", lang): format_title(entry.format_name)
                if entry.format_name in FORMATS
                else entry.kind,
                t("admin.import.rows", lang): entry.rows,
                t("admin.history.status", lang): t(f"admin.history.status.{entry.status}", lang),
                t("admin.history.changes", lang): ", ".join(
                    f"{t(f'admin.count.{name}', lang)} {fmt_number(entry.counts[name], lang)}"
                    for name in ("new", "updated", "unchanged")
                    if name in entry.counts
                ),
                t("admin.history.by", lang): entry.imported_by,
                t("admin.history.detail", lang): entry.failure
                or (entry.first_problems[0] if entry.first_problems else ""),
                t("admin.history.checksum", lang): entry.checksum[:12],
            }
            for entry in entries
        ]
    )
    st.dataframe(frame, hide_index=True, width="stretch")


def formats_tab() -> None:
    st.markdown(t("admin.formats.intro", lang))
    for name, fmt in FORMATS.items():
        with st.expander(format_title(name)):
            st.markdown(t(f"admin.format.{name}.description", lang))
            columns = [
                {
                    t("admin.formats.column", lang): column.name,
                    t("admin.formats.type", lang): TYPE_NAMES[column.type],
                    t("admin.formats.required", lang): t(
                        "admin.formats.yes" if column.required else "admin.formats.no", lang
                    ),
                    t("admin.formats.allowed", lang): allowed_text(column),
                    t("admin.formats.description", lang): t(f"admin.column.{column.name}", lang),
                }
                for column in fmt.columns
            ]
            st.dataframe(pd.DataFrame(columns), hide_index=True, width="stretch")
            if fmt.question_columns:
                st.caption(t("admin.column.question_columns", lang))
            buttons = st.columns(4)
            for slot, (example, file_type) in zip(
                buttons,
                ((False, "csv"), (False, "xlsx"), (True, "csv"), (True, "xlsx")),
                strict=True,
            ):
                label = t(
                    "admin.formats.example" if example else "admin.formats.template",
                    lang,
                    type=file_type.upper(),
                )
                slot.download_button(
                    label,
                    data=lambda n=name, e=example, f=file_type: template_file(
                        n, f, ctx.engine, example=e, lang=lang
                    )[1],
                    file_name=f"{name}_{'example' if example else 'template'}.{file_type}",
                    key=f"admin_data_tpl_{name}_{example}_{file_type}",
                    icon=":material/download:",
                )


def demo_tab() -> None:
    found = demo_data(ctx.engine, ctx.scope)
    if not found.present:
        st.success(t("admin.demo.none", lang), icon=":material/check_circle:")
        return
    st.markdown(
        t(
            "admin.demo.present",
            lang,
            factories=fmt_number(found.factories, lang),
            assessments=fmt_number(found.assessments, lang),
            findings=fmt_number(found.findings, lang),
            social=fmt_number(found.social_dialogue, lang),
            users=fmt_number(found.active_demo_users, lang),
        )
    )
    st.warning(t("admin.demo.warning", lang), icon=":material/warning:")
    sure = st.checkbox(t("admin.demo.confirm_box", lang), key="admin_demo_sure")
    if st.button(
        t("admin.demo.remove", lang), type="primary", disabled=not sure, key="admin_demo_remove"
    ):
        try:
            remove_demo_data(ctx.engine, ctx.scope)
        except UserError:
            st.error(t("admin.demo.needs_admin", lang), icon=":material/error:")
            return
        cache.clear()
        st.success(t("admin.demo.removed", lang), icon=":material/check_circle:")


tabs = st.tabs(
    [
        t("admin.data.tab.import", lang),
        t("admin.data.tab.history", lang),
        t("admin.data.tab.formats", lang),
        t("admin.data.tab.demo", lang),
    ]
)
with tabs[0]:
    import_tab()
with tabs[1]:
    history_tab()
with tabs[2]:
    formats_tab()
with tabs[3]:
    demo_tab()
