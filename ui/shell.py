"""What frames every page: the database and start-up gates, the synthetic-data banner,
the "data as of" line, URL notices, the "not for your role" page, organisation names.

The gates run before anything else is drawn, so a database that is down or a
configuration the app must refuse ends in one clear page, never a traceback (the
detail goes to the server log, where an operator looks, not to the browser).
"""

from __future__ import annotations

import logging

import streamlit as st
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError
from streamlit.delta_generator import DeltaGenerator

from data_access.auth.organisations import organisation, organisation_for_role
from data_access.auth.startup import StartupRefused, StartupReport, check_startup
from data_access.bootstrap import ensure_database
from data_access.cache import cached_data_as_of
from data_access.config import settings
from data_access.db import get_engine
from data_access.filters import Filters
from data_access.i18n import fmt_date, fmt_datetime, t
from data_access.meta import data_version, has_synthetic_data
from data_access.scope import Scope
from ui.navigation import PageSpec

LOG = logging.getLogger(__name__)
AS_OF_DRAWN_KEY = "td_as_of_drawn"


@st.cache_resource(show_spinner=False)
def _ready_engine() -> Engine:
    """Migrate (and, for the embedded demo file only, seed) once per process. A failure
    raises and is not cached, so the next rerun tries again once the database is back."""
    engine = get_engine()
    ensure_database(engine)
    return engine


@st.cache_resource(show_spinner=False)
def _startup_report(_engine: Engine, engine_key: str) -> StartupReport:
    """Decided once per process, like a server's start-up checks; a refusal raises and is
    therefore re-checked on every rerun until the operator fixes it and restarts."""
    return check_startup(_engine, settings())


#: What Streamlit's theme cannot set. The first screen of a 1366×768 laptop must hold a
#: page's heading, headline figures and main chart, so the space above the heading and
#: the heading itself are smaller than Streamlit's; a chart wider than a phone (a pair of
#: linked views with their axes) scrolls inside its own box, never the page. Streamlit's
#: chart menu ("Show data", "Download as PNG") and the uploader's "200MB per file" line
#: are English only and cannot be translated: the menu is hidden (each chart's table and
#: downloads are in the expander under it) and the uploader's own caption says the limit
#: in the page's language.
READING_CSS = """<style>
@media (min-width: 769px) {
  [data-testid="stMainBlockContainer"] { padding-top: 4rem; }
}
[data-testid="stMain"] h1 { font-size: 2.25rem; padding: 0.25rem 0 0; }
[data-testid="stMain"] [data-testid="stElementContainer"]:has([data-testid="stCaptionContainer"])
  + [data-testid="stElementContainer"]:has([data-testid="stCaptionContainer"]) {
  margin-top: -0.6rem;
}
[data-testid="stVegaLiteChart"] { overflow-x: auto; }
[data-testid="stElementContainer"]:has([data-testid="stVegaLiteChart"])
  [data-testid="stElementToolbar"] { display: none; }
[data-testid="stFileUploaderDropzoneInstructions"] { display: none; }
</style>"""


def reading_styles() -> None:
    st.html(READING_CSS)


def database_or_stop(lang: str) -> Engine:
    try:
        engine = _ready_engine()
        with engine.connect() as connection:
            connection.exec_driver_sql("SELECT 1")
    except (SQLAlchemyError, OSError) as error:
        LOG.error("Database unavailable: %s", error)
        st.title(t("app.title", lang))
        st.error(t("shell.db_down.title", lang), icon=":material/database_off:")
        st.markdown(t("shell.db_down.body", lang))
        st.stop()
    return engine


def startup_or_stop(engine: Engine, lang: str) -> StartupReport:
    try:
        return _startup_report(engine, engine.url.render_as_string(hide_password=True))
    except StartupRefused as refusal:
        LOG.error("Refusing to serve: %s", refusal)
        st.title(t("app.title", lang))
        st.error(t("shell.startup.refused", lang), icon=":material/block:")
        st.markdown(t(f"shell.startup.{refusal.reason}", lang, **refusal.detail))
        st.stop()


@st.cache_data(ttl=300, show_spinner=False)
def _synthetic(_engine: Engine, engine_key: str, version: int) -> bool:
    return has_synthetic_data(_engine)


def synthetic_banner(engine: Engine, lang: str) -> None:
    """On every page, the sign-in page included, for as long as any synthetic data
    remains: no screenshot of invented figures can pass for real ones."""
    key = engine.url.render_as_string(hide_password=True)
    if _synthetic(engine, key, data_version(engine)):
        st.warning(t("common.synthetic_banner", lang), icon=":material/science:")


def expect_data_as_of() -> DeltaGenerator:
    """The router's promise that every page shows the line: pages draw it under their
    heading (`ui.widgets.page_caption`); for a page that did not, `data_as_of_fallback`
    fills the slot reserved here, above the page."""
    st.session_state[AS_OF_DRAWN_KEY] = False
    return st.empty()


def data_as_of_fallback(
    slot: DeltaGenerator, engine: Engine, scope: Scope, filters: Filters, lang: str
) -> None:
    if st.session_state.get(AS_OF_DRAWN_KEY) is False:
        with slot.container():
            data_as_of_line(engine, scope, filters, lang)


def data_as_of_line(
    engine: Engine, scope: Scope, filters: Filters, lang: str, *, lead: str | None = None
) -> None:
    """How recent the figures under the current filters are, under every page heading;
    after `lead` (what the figures cover) on the same line, so the page's answer starts
    one line higher on a laptop's first screen."""
    st.session_state[AS_OF_DRAWN_KEY] = True
    as_of = cached_data_as_of(engine, scope, filters)
    before = f"{lead} · " if lead else ""
    if as_of.latest_assessment is None and as_of.latest_import is None:
        st.caption(before + t("shell.as_of.none", lang))
        return
    parts = []
    if as_of.latest_assessment is not None:
        parts.append(
            t("shell.as_of.assessment", lang, date=fmt_date(as_of.latest_assessment, lang))
        )
    if as_of.latest_import is not None:
        parts.append(t("shell.as_of.import", lang, when=fmt_datetime(as_of.latest_import, lang)))
    st.caption(before + t("shell.as_of.prefix", lang) + " " + " · ".join(parts))


def url_notice(problems: list[str], lang: str) -> None:
    """Dropped link parameters: one short notice, the rest of the link still applies."""
    if not problems:
        return
    listed = "\n".join(f"- {problem}" for problem in problems)
    st.info(t("shell.url.dropped", lang) + "\n\n" + listed, icon=":material/link_off:")


def not_for_role(spec: PageSpec, role: str, lang: str) -> None:
    st.error(t("shell.not_for_role.title", lang, page=spec.title(lang)), icon=":material/lock:")
    st.markdown(
        t(
            "shell.not_for_role.body",
            lang,
            role=t(f"shell.role.{role}", lang),
            organisation=organisation_name(role, lang),
        )
    )


def no_pages(lang: str) -> None:
    st.title(t("app.title", lang))
    st.warning(t("shell.no_pages", lang))


def organisation_name(role: str, lang: str) -> str:
    return organisation(organisation_for_role(role)).name(lang)


def organisation_note(role: str, lang: str) -> str:
    return organisation(organisation_for_role(role)).note(lang)
