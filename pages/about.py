"""About: what every figure means, where the data come from, what is hidden and why, how
the 2025 province reform is handled, and what is invented.

The indicator definitions are the method texts of `data_access.indicators.METHODS`
(catalogue keys `indicators.method.<key>`), the same texts exports and briefings cite,
so the page can never describe a figure differently from the file that carries it.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from data_access.config import settings
from data_access.i18n import fmt_percent, t
from data_access.indicators import MEASURES, METHODS
from data_access.meta import has_synthetic_data
from data_access.refdata import reference
from ui.context import page_context
from ui.downloads import download_buttons
from ui.widgets import data_table, page_caption

#: Shown in "Indicators"; the disclosure method has its own section.
INDICATOR_METHODS = tuple(key for key in METHODS if key != "disclosure")


def main() -> None:
    ctx = page_context()
    lang = ctx.lang
    ref = reference(ctx.engine)
    st.title(t("pages.about.title", lang))
    page_caption(ctx, ref, with_filters=False)
    st.markdown(t("pages.about.intro", lang))

    st.header(t("pages.about.indicators", lang))
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

    st.header(t("pages.about.sources", lang))
    st.markdown(t("pages.about.sources_text", lang))

    st.header(t("pages.about.suppression", lang))
    st.markdown(t("indicators.method.disclosure", lang, n=config.min_factories))
    share = fmt_percent(config.dominance_share, lang)
    st.markdown(t("pages.about.threat_model", lang, n=config.min_factories, share=share))
    st.markdown(t("pages.about.suppression_display", lang, n=config.min_factories))

    st.header(t("pages.about.reform", lang))
    st.markdown(t("pages.about.reform_text", lang))
    reform = _reform_table(ref, lang)
    data_table(reform, all_rows=True)
    download_buttons(reform, ctx, what="province-reform", title=t("pages.about.reform", lang))

    st.header(t("pages.about.synthetic", lang))
    if has_synthetic_data(ctx.engine):
        st.warning(t("pages.about.synthetic_present", lang))
    else:
        st.success(t("pages.about.synthetic_absent", lang))
    st.markdown(t("pages.about.synthetic_text", lang))


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
