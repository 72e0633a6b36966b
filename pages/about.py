"""Question: What does each figure mean, where do the data come from, and what is hidden?
First screen: the indicators; sources, suppression, the reform, the glossary and the
Streamlit texts left in English in tabs.

About: what every figure means, where the data come from, what is hidden and why, how
the 2025 province reform is handled, and what is invented.

The indicator definitions are the method texts of `data_access.indicators.METHODS`
(catalogue keys `indicators.method.<key>`), the same texts exports and briefings cite,
so the page can never describe a figure differently from the file that carries it.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from data_access.config import settings
from data_access.i18n import fmt_percent, glossary, t
from data_access.indicators import MEASURES, METHODS
from data_access.meta import has_synthetic_data
from data_access.refdata import reference
from ui.context import page_context
from ui.downloads import download_buttons
from ui.widgets import data_table, page_caption, section_tabs

#: Shown in "Indicators"; the disclosure method has its own section.
INDICATOR_METHODS = tuple(key for key in METHODS if key != "disclosure")


def main() -> None:
    ctx = page_context()
    lang = ctx.lang
    ref = reference(ctx.engine)
    st.title(t("pages.about.title", lang))
    page_caption(ctx, ref, with_filters=False)
    st.markdown(t("pages.about.intro", lang))
    section_tabs(
        [
            (t("pages.about.indicators", lang), lambda: _indicators(lang)),
            (t("pages.about.sources", lang), lambda: _sources(lang)),
            (t("pages.about.suppression", lang), lambda: _suppression(lang)),
            (t("pages.about.reform", lang), lambda: _reform(ctx, ref)),
            (t("pages.about.synthetic", lang), lambda: _synthetic(ctx)),
            (t("pages.about.glossary", lang), lambda: _glossary(lang)),
            (t("pages.about.fixed_english", lang), lambda: _fixed_english(lang)),
        ]
    )


def _indicators(lang: str) -> None:
    config = settings()
    for key in INDICATOR_METHODS:
        st.subheader(t(f"pages.about.method.{key}", lang))
        st.markdown(
            t(
                f"indicators.method.{key}",
                lang,
                n=config.min_factories,
                meetings=config.picc_min_meetings,
            )
        )
    st.markdown("**" + t("pages.about.measures", lang) + "**")
    st.markdown("\n".join(f"- {t(f'indicators.measure.{m}', lang)}" for m in MEASURES))


def _glossary(lang: str) -> None:
    """The one name each concept has in both languages: the pages, downloads and
    briefings use these (tests/data_access/test_catalogue_terms.py holds them to it)."""
    st.markdown(t("pages.about.glossary_text", lang))
    rows = [
        {
            t("pages.about.col.vi", lang): texts["vi"],
            t("pages.about.col.en", lang): texts["en"],
        }
        for texts in glossary().values()
    ]
    data_table(pd.DataFrame(rows), all_rows=True)


def _sources(lang: str) -> None:
    st.markdown(t("pages.about.sources_text", lang))


def _suppression(lang: str) -> None:
    config = settings()
    n = config.min_factories
    st.markdown(t("indicators.method.disclosure", lang, n=n))
    share = fmt_percent(config.dominance_share, lang)
    st.markdown(t("pages.about.threat_model", lang, n=n, share=share))
    st.markdown(t("pages.about.suppression_display", lang, n=n))


def _reform(ctx, ref) -> None:
    lang = ctx.lang
    st.markdown(t("pages.about.reform_text", lang))
    reform = _reform_table(ref, lang)
    data_table(reform, all_rows=True)
    download_buttons(reform, ctx, what="province-reform", title=t("pages.about.reform", lang))


def _synthetic(ctx) -> None:
    lang = ctx.lang
    if has_synthetic_data(ctx.engine):
        st.warning(t("pages.about.synthetic_present", lang))
    else:
        st.success(t("pages.about.synthetic_absent", lang))
    st.markdown(t("pages.about.synthetic_text", lang))


def _fixed_english(lang: str) -> None:
    """What Streamlit itself writes in English and the app cannot translate, so that a
    reader who meets it knows it is not an omission."""
    st.markdown(t("pages.about.fixed_english_text", lang))


def _reform_table(ref, lang: str) -> pd.DataFrame:
    """The 34 current provinces and the former units each was made of, from the
    reference tables the data layer rolls legacy data up with."""
    rows = []
    for code, label in ref.provinces.items():
        parts = [
            legacy.name(lang) for legacy in ref.legacy_provinces.values() if legacy.parent == code
        ]
        rows.append(
            {
                t("pages.about.col.code", lang): code,
                t("pages.about.col.province", lang): label.name(lang),
                t("pages.about.col.former", lang): ", ".join(parts),
                t("pages.about.col.count", lang): len(parts),
            }
        )
    return pd.DataFrame(rows)


main()
