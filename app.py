"""The router: sign-in, role, navigation, the shared sidebar and the page frame.

Nothing here computes or shows figures. Each rerun: open the database (or say it is
down), apply the start-up refusals, read the link once per session, find out who is
asking (re-checked against the database every time), pick the page, and either run
it with its context or say why not.

Run with `streamlit run app.py`.
"""

from __future__ import annotations

import streamlit as st

from data_access import audit
from data_access.config import REPO_ROOT
from data_access.i18n import t
from data_access.refdata import reference
from ui import auth, downloads, shell, sidebar
from ui.context import PageContext, clear_page_context, set_page_context
from ui.navigation import navigate

#: What the router decided this rerun (the menu it offered, the page it selected), kept
#: for anyone diagnosing a session: tests, and whoever reads a session-state dump.
OFFERED_KEY = "td_offered_pages"
ROUTE_KEY = "td_route"
#: Served by the app itself: a Material icon name would make the browser fetch the
#: favicon from Google's font CDN, and the app must work with no internet.
FAVICON = REPO_ROOT / "assets" / "favicon.png"

clear_page_context()
lang = sidebar.start_language()
st.set_page_config(
    page_title=t("app.title", lang),
    page_icon=str(FAVICON),
    layout="wide",
    # Open on a laptop, closed on a phone (at or below Streamlit's 768 px breakpoint),
    # where an open sidebar would cover the page and the sign-in form.
    initial_sidebar_state="auto",
)
shell.reading_styles()
downloads.failed_download_notice(lang)
engine = shell.database_or_stop(lang)
report = shell.startup_or_stop(engine, lang)
ref = reference(engine)
sidebar.start_filters(ref)

viewer = auth.current_viewer(engine, report)


def sign_in() -> None:
    auth.sign_in_page(engine, report, lang)


route = navigate(viewer.role if viewer else None, lang, sign_in)
sidebar.sync_url(sidebar.current_filters(), lang)
st.session_state[OFFERED_KEY] = route.offered if viewer else ()
st.session_state[ROUTE_KEY] = route.spec.key if route.spec else route.page.url_path

if viewer is None:
    if st.session_state.pop(auth.SIGNED_OUT_KEY, False) and not route.at_home:
        # The next person to sign in on this browser starts on their own landing page.
        st.switch_page(route.home)
    with st.sidebar:
        sidebar.language_switch()
    auth.update_cookie(engine, report, None)
    shell.synthetic_banner(engine, lang)
    if route.at_home:
        route.page.run()
    else:
        # A link to a page: sign in here, and the same address then opens that page.
        sign_in()
    st.stop()

auth.session_box(engine, viewer, lang)
if route.at_home:
    if route.landing is None:
        shell.no_pages(lang)
        st.stop()
    st.switch_page(route.landing)
auth.update_cookie(engine, report, viewer)
filters = sidebar.filter_sidebar(ref, lang, whole_years=viewer.scope.suppresses)
shell.synthetic_banner(engine, lang)
shell.url_notice(sidebar.link_problems(route.page.url_path), lang)

if not route.allowed:
    audit.record(
        engine,
        "page_refused",
        viewer.username,
        {"page": route.spec.key if route.spec else route.page.url_path, "role": viewer.role},
        client_address=auth.request_address(),
    )
    shell.not_for_role(route.spec, viewer.role, lang)
    st.stop()

set_page_context(PageContext(engine=engine, scope=viewer.scope, filters=filters, lang=lang))
as_of_slot = shell.expect_data_as_of()
route.page.run()
shell.data_as_of_fallback(as_of_slot, engine, viewer.scope, filters, lang)
