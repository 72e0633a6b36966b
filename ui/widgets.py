"""Small Streamlit pieces every dashboard page uses the same way: metric cards with a
change, a chart with its table one click away, and the "no data" state.

Pages pass in figures the data layer computed; these helpers only format and draw.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import pandas as pd
import streamlit as st

from data_access.cache import cached_wider_selection
from data_access.config import settings
from data_access.disclosure import constituent_period
from data_access.filters import Filters
from data_access.i18n import fmt_number, fmt_points, fmt_signed, normalise_language, t
from data_access.reasons import reason_text, shared_reason
from data_access.refdata import Reference, reference
from data_access.viewer_cell import is_missing, viewer_cell
from data_access.widening import mostly_hidden
from ui.charts import BuiltChart, format_value, prepare_rows
from ui.context import PageContext
from ui.downloads import download_buttons
from ui.shell import data_as_of_line
from ui.sidebar import set_filters

DeltaColour = Literal["normal", "inverse", "off"]
#: Height of one `st.dataframe` row in pixels (Streamlit's default row height).
ROW_PIXELS = 35


@dataclass(frozen=True)
class Card:
    """One headline figure: its label, the formatted value, the formatted change and
    whether an increase is good ("normal"), bad ("inverse") or neither ("off")."""

    label: str
    value: str
    delta: str | None = None
    delta_colour: DeltaColour = "normal"
    help: str | None = None
    #: What the change is measured against ("so với 2025"), in the card's tooltip: the
    #: caption above the cards says it once for all, and beside a card's change at
    #: 1366 px it was cut off mid-date.
    delta_description: str | None = None
    #: No arrow for a change of zero: an up arrow beside "±0" reads as a rise.
    flat: bool = False


def metric_cards(cards: Sequence[Card], per_row: int = 3) -> None:
    for start in range(0, len(cards), per_row):
        columns = st.columns(per_row)
        for column, card in zip(columns, cards[start : start + per_row], strict=False):
            column.metric(
                card.label,
                card.value,
                delta=card.delta,
                delta_color=card.delta_colour,
                delta_arrow="off" if card.flat else "auto",
                help=_joined(card.help, card.delta_description if card.delta else None),
                border=True,
            )


def _joined(*notes: str | None) -> str | None:
    return " ".join(note for note in notes if note) or None


def chart_with_table(
    built: BuiltChart,
    ctx: PageContext,
    key: str,
    *,
    source: pd.DataFrame | None = None,
    what: str | None = None,
) -> None:
    """The chart, then its figures in an expander: the same rows as text (for readers
    who cannot see the chart, want exact numbers, or print the page) and the download
    of the indicator frame the chart was drawn from."""
    st.altair_chart(built.chart, alt=built.alt, key=key, width="stretch")
    with st.expander(t("pages.widgets.show_table", ctx.lang)):
        data_table(built.table)
        if source is not None:
            download_buttons(source, ctx, what=what or key, key=key)


def data_table(table: pd.DataFrame, *, all_rows: bool = False) -> None:
    """A read-only table; `all_rows` sizes it to show every row without scrolling (for
    reference lists a reader scans or prints, like the 34 provinces)."""
    height = ROW_PIXELS * (len(table) + 1) + 3 if all_rows else "auto"
    st.dataframe(table, hide_index=True, width="stretch", height=height)


def mostly_hidden_notice(ctx: PageContext, frame: pd.DataFrame) -> None:
    """One notice when most of the page's figures are hidden from this viewer: why, in
    the neutral words of every hidden cell, and one click to the nearest wider
    selection that has figures (`data_access.widening`). Staff see every value, so they
    get no notice."""
    if not ctx.scope.suppresses or not mostly_hidden(frame):
        return
    lang = ctx.lang
    flags = frame["suppressed"].fillna(False).astype(bool)
    text = t(
        "pages.widgets.mostly_hidden",
        lang,
        hidden=fmt_number(int(flags.sum()), lang),
        rows=fmt_number(len(frame), lang),
        reason=reason_text(shared_reason(frame.loc[flags, "suppression_reason"]), lang),
    )
    wider = cached_wider_selection(ctx.engine, ctx.scope, ctx.filters)
    with st.container(border=True):
        st.warning(text, icon=":material/visibility_off:")
        if wider is None:
            st.caption(t("pages.widgets.no_wider", lang))
            return
        st.button(
            t("pages.widgets.widen", lang, what=wider.describe(lang, reference(ctx.engine))),
            on_click=set_filters,
            args=(wider,),
            type="primary",
            icon=":material/zoom_out_map:",
            key="td_widen",
        )


def section_tabs(sections: Sequence[tuple[str, Callable[[], None]]]) -> None:
    """A page's sections as tabs under its headline: the first one shows in the first
    screen, the others one click away instead of a long scroll down the page."""
    tabs = st.tabs([label for label, _draw in sections])
    for tab, (_label, draw) in zip(tabs, sections, strict=True):
        with tab:
            draw()


def no_data(lang: str) -> None:
    """The empty state: a plain sentence, never an error box."""
    st.info(t("common.no_data", lang) + " " + t("pages.widgets.no_data_hint", lang))


def page_caption(ctx: PageContext, ref: Reference, *, with_filters: bool = True) -> None:
    """Under every title: what the figures cover, in words, and how recent they are (one
    line), then for a constituent the year a longer period's totals are for."""
    lead = None
    if with_filters:
        lead = t("pages.caption.filters", ctx.lang, filters=ctx.filters.describe(ctx.lang, ref))
    data_as_of_line(ctx.engine, ctx.scope, ctx.filters, ctx.lang, lead=lead)
    if with_filters and ctx.scope.suppresses:
        year = constituent_period(ctx.filters, (), ctx.engine).year_to
        if year is not None and (ctx.filters.year_from, ctx.filters.year_to) != (year, year):
            st.caption(t("pages.caption.constituent_year", ctx.lang, year=year))


def viewer_rows(
    ctx: PageContext, frame: pd.DataFrame, keep: Mapping[str, str], **options: Any
) -> pd.DataFrame:
    """`prepare_rows` for the viewer of this page: their language, whether they see the
    values a constituent may not (staff), and the configured suppression threshold."""
    return prepare_rows(
        frame,
        keep,
        lang=ctx.lang,
        staff=not ctx.scope.suppresses,
        min_factories=settings().min_factories,
        **options,
    )


def name_column(dim: str, lang: str) -> str:
    """The label column of a dimension in an indicator frame, in the page language."""
    return f"{dim}_name_{'vi' if normalise_language(lang) == 'vi' else 'en'}"


def page_header(ctx: PageContext, ref: Reference, title_key: str) -> None:
    st.title(t(title_key, ctx.lang))
    page_caption(ctx, ref)


def comparison_caption(ctx: PageContext, change: pd.DataFrame) -> None:
    """The comparison rule behind a change frame (`indicators.change`), in the sentence
    its downloads and briefings also use."""
    st.caption(
        t(
            "pages.caption.comparison",
            ctx.lang,
            comparison=change.attrs[f"comparison_{normalise_language(ctx.lang)}"],
        )
    )


def format_change(change: object, kind: str, lang: str) -> str | None:
    """A change for a metric card: "+12" for counts, "+3,5 điểm %" for shares."""
    if is_missing(change):
        return None
    value = float(change)  # type: ignore[arg-type]
    if kind == "share":
        return fmt_points(value, lang, decimals=1)
    return fmt_signed(value, lang)


def _streamlit_sign(delta: str | None) -> str | None:
    """`st.metric` reads the direction from an ASCII "-"; our formatting uses "−"."""
    return delta.replace("−", "-", 1) if delta else delta


def headline_cards(
    frame: pd.DataFrame,
    ctx: PageContext,
    *,
    kind_of: Callable[[str], str],
    label_key: str,
    colour_of: Callable[[str], DeltaColour] = lambda _measure: "off",
    help_key: str | None = None,
    compared_with: str | None = None,
    per_row: int = 3,
) -> None:
    """Cards from a headline-change frame (`data_access.indicators.headline`): the later
    period's value, its change, and why either is missing when it is."""
    lang = ctx.lang
    limit = settings().min_factories
    cards = []
    for row in frame.to_dict("records"):
        measure = str(row["measure"])
        kind = kind_of(measure)
        cell = viewer_cell(row, staff=not ctx.scope.suppresses)
        notes = [t(help_key.format(measure), lang)] if help_key else []
        if cell.suppressed:
            notes.append(cell.note(lang, limit))
        if row["change_suppressed"]:
            notes.append(t("pages.widgets.change_hidden", lang, n=limit))
        cards.append(
            Card(
                label=t(label_key.format(measure), lang),
                value=cell.value_text(format_value(row["value_after"], kind, lang), lang),  # type: ignore[arg-type]
                delta=_streamlit_sign(format_change(row["change"], kind, lang)),
                delta_colour=colour_of(measure),
                help=" ".join(notes) or None,
                delta_description=compared_with,
                flat=not is_missing(row["change"]) and float(row["change"]) == 0,
            )
        )
    metric_cards(cards, per_row=per_row)


def period_rows(
    frame: pd.DataFrame, label: str, before: Filters, after: Filters, ctx: PageContext
) -> pd.DataFrame:
    """A `non_compliance_change` frame as two prepared rows per label, one per period,
    for a before/after dot chart."""
    parts = []
    for period, filters in (("before", before), ("after", after)):
        parts.append(
            prepare_rows(
                frame,
                {"label": label},
                lang=ctx.lang,
                staff=not ctx.scope.suppresses,
                min_factories=settings().min_factories,
                value=f"rate_{period}",
                numerator=f"non_compliant_{period}",
                denominator=f"assessed_{period}",
                constants={"series": filters.describe_period(ctx.lang)},
            )
        )
    return pd.concat(parts, ignore_index=True)
