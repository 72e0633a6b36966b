"""Question: What do I hand out at the next meeting with this constituent?

Briefings (ILO programme staff and administrators): a Word document and a PDF for a
meeting, prepared in one step from the choices below.

The figures are computed for the audience, not for the person preparing the note
(`audience_scope`), so a briefing for a constituent holds only what that constituent
may see. The page only collects the choices and hands over the files; everything
else happens in `data_access.briefings`.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from data_access import audit
from data_access.briefings.generate import DOCX_MIME, PDF_MIME, BriefingFiles, generate
from data_access.briefings.request import AUDIENCES, BriefingRequest, audience_label
from data_access.i18n import LANGUAGES, fmt_number, t
from data_access.periods import comparison
from data_access.refdata import Reference, reference
from ui.auth import request_address
from ui.context import PageContext, page_context

RESULT_KEY = "briefings_result"
FORM_KEY = "briefings_form"


def main() -> None:
    ctx = page_context()
    lang = ctx.lang
    if not ctx.scope.may("prepare_briefings"):
        st.error(t("briefings.page.staff_only", lang))
        st.stop()
    ref = reference(ctx.engine)
    st.title(t("briefings.page.title", lang))
    st.caption(t("briefings.page.intro", lang))
    if not ref.years:
        st.info(t("common.no_data", lang))
        return
    request = _form(ctx, ref)
    if request is not None:
        with st.spinner(t("briefings.page.working", lang)):
            files = generate(ctx.engine, ctx.scope, request, client_address=request_address())
        st.session_state[RESULT_KEY] = files
    files = st.session_state.get(RESULT_KEY)
    if isinstance(files, BriefingFiles):
        _result(ctx, files)


def _default_periods(ctx: PageContext, ref: Reference) -> tuple[tuple[int, int], tuple[int, int]]:
    """The shared filters' period and the one before it; else the latest year with data
    and the year before."""
    compared = comparison(ctx.filters, ref)
    latest = ref.years[-1]
    if compared is None:
        return (latest, latest), (latest - 1, latest - 1)
    before, after = compared.before, compared.after
    start, end = after.period_start, after.period_end
    first, last = before.period_start, before.period_end
    if None in (start, end, first, last):
        return (latest, latest), (latest - 1, latest - 1)
    return (start.year, end.year), (first.year, last.year)  # type: ignore[union-attr]


def _form(ctx: PageContext, ref: Reference) -> BriefingRequest | None:
    lang = ctx.lang
    years = list(range(ref.years[0], ref.years[-1] + 1))
    period, earlier = _default_periods(ctx, ref)
    with st.form(FORM_KEY, border=True):
        audience = st.radio(
            t("briefings.page.audience", lang),
            AUDIENCES,
            format_func=lambda key: _capitalised(audience_label(key, lang)),
            horizontal=True,
            key="briefings_audience",
        )
        left, right = st.columns(2)
        provinces = left.multiselect(
            t("briefings.page.provinces", lang),
            list(ref.provinces),
            default=list(ctx.filters.provinces),
            format_func=_namer(ref, "provinces", lang),
            placeholder=t("briefings.page.national", lang),
            key="briefings_provinces",
            select_all=False,
        )
        sectors = right.multiselect(
            t("briefings.page.sectors", lang),
            list(ref.sectors),
            default=list(ctx.filters.sectors),
            format_func=_namer(ref, "sectors", lang),
            placeholder=t("briefings.page.all_sectors", lang),
            key="briefings_sectors",
            select_all=False,
        )
        left, right = st.columns(2)
        period_years = left.select_slider(
            t("briefings.page.period", lang),
            years,
            value=_clamp(period, years),
            key="briefings_period",
        )
        comparison_years = right.select_slider(
            t("briefings.page.comparison", lang),
            years,
            value=_clamp(earlier, years),
            key="briefings_comparison",
        )
        output_lang = st.radio(
            t("briefings.page.language", lang),
            LANGUAGES,
            index=LANGUAGES.index(lang),
            format_func=lambda code: t(f"briefings.page.language.{code}", lang),
            horizontal=True,
            key="briefings_language",
        )
        submitted = st.form_submit_button(
            t("briefings.page.prepare", lang), type="primary", icon=":material/description:"
        )
    if not submitted:
        return None
    (year_from, year_to), (compare_from, compare_to) = period_years, comparison_years
    if (compare_from, compare_to) == (year_from, year_to):
        st.warning(t("briefings.page.same_periods", lang))
        return None
    return BriefingRequest(
        audience=audience,
        year_from=year_from,
        year_to=year_to,
        compare_from=compare_from,
        compare_to=compare_to,
        lang=output_lang,
        provinces=tuple(provinces),
        sectors=tuple(sectors),
    )


def _capitalised(text: str) -> str:
    """ "các đối tác ba bên (…)" reads as a sentence part; as an option it starts upper case."""
    return text[:1].upper() + text[1:]


def _namer(ref: Reference, kind: str, lang: str) -> Callable[[str], str]:
    return lambda code: ref.name(kind, code, lang)


def _clamp(span: tuple[int, int], years: list[int]) -> tuple[int, int]:
    low, high = years[0], years[-1]
    first, last = (min(max(value, low), high) for value in span)
    return (first, last)


def _result(ctx: PageContext, files: BriefingFiles) -> None:
    lang = ctx.lang
    document = files.briefing.document
    st.success(
        t(
            "briefings.page.ready",
            lang,
            title=document.title,
            seconds=fmt_number(files.seconds, lang, decimals=1),
        )
    )
    if files.briefing.says_little:
        st.warning(t("briefings.page.says_little", lang))
    row = st.container(horizontal=True)
    for fmt, data, name, mime, icon in (
        ("docx", files.docx, files.docx_name, DOCX_MIME, ":material/description:"),
        ("pdf", files.pdf, files.pdf_name, PDF_MIME, ":material/picture_as_pdf:"),
    ):
        row.download_button(
            t(f"briefings.page.download_{fmt}", lang),
            data=_audited(ctx, files, fmt, data, request_address()),
            file_name=name,
            mime=mime,
            on_click="ignore",
            icon=icon,
            type="primary" if fmt == "docx" else "secondary",
            key=f"briefings_download_{fmt}",
        )
    with st.expander(t("briefings.page.preview", lang), expanded=True):
        st.markdown(f"**{_plain(document.subtitle)}**")
        figures = document.key_figures
        for start in range(0, len(figures), 3):
            columns = st.columns(3)
            for column, figure in zip(columns, figures[start : start + 3], strict=False):
                column.metric(_plain(figure.label), figure.value, border=True)
                column.caption(_plain(figure.change))
        points = next((section.bullets for section in document.sections if section.bullets), ())
        st.markdown(
            "\n".join(f"- **{_plain(point.lead)}**: {_plain(point.text)}" for point in points)
        )
        if document.warning:
            st.warning(document.warning)


def _audited(
    ctx: PageContext, files: BriefingFiles, fmt: str, data: bytes, address: str
) -> Callable[[], bytes]:
    """The file, with an audit entry when it is actually downloaded."""
    engine, username, stem = ctx.engine, ctx.scope.username, files.stem

    def deliver() -> bytes:
        audit.record(
            engine,
            "download",
            username,
            {"kind": "briefing", "format": fmt, "file": f"{stem}.{fmt}"},
            client_address=address,
        )
        return data

    return deliver


def _plain(text: str) -> str:
    """Names come from the database: shown as text, never as Markdown."""
    escaped = text
    for char in "\\`*_{}[]()#+-.!|>~<":
        escaped = escaped.replace(char, "\\" + char)
    return escaped


main()
