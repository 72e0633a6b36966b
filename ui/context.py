"""What every page needs to know, set by `app.py` once per rerun.

Pages take who is signed in, the language and the filters from `page_context()` only,
never from session state, so the router is the single place that decides them. Session
state in a page holds that page's own work between reruns (a picked factory or
province, a prepared file, an import preview, a password shown once). A page reached
without a context (no sign-in, or a role that may not open it) stops before touching
any data.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st
from sqlalchemy import Engine
from streamlit.runtime.pages_manager import PagesManager

from data_access.filters import Filters
from data_access.i18n import t
from data_access.scope import Scope

CONTEXT_KEY = "td_page_context"


@dataclass(frozen=True)
class PageContext:
    engine: Engine
    scope: Scope
    filters: Filters
    lang: str


def set_page_context(context: PageContext) -> None:
    st.session_state[CONTEXT_KEY] = context


def clear_page_context() -> None:
    """Called by the router at the start of every rerun: a context survives only the
    rerun that set it, so a signed-out or refused viewer never inherits an old one."""
    st.session_state.pop(CONTEXT_KEY, None)


def page_context() -> PageContext:
    context = st.session_state.get(CONTEXT_KEY)
    if not isinstance(context, PageContext) and PagesManager.uses_pages_directory:
        # Streamlit starts in its legacy mode when the app has a folder named `pages/`
        # and only leaves it once `st.navigation` has run. Until the router has run in
        # this process, a link straight to a page would run the page alone, without
        # sign-in; hand the request to the router instead (the page URL is kept, since
        # the router registers each page under its file name).
        PagesManager.uses_pages_directory = False
        st.rerun()
    if not isinstance(context, PageContext) or not context.scope.is_known:
        st.error(f"{t('shell.sign_in_first', 'vi')} / {t('shell.sign_in_first', 'en')}")
        st.stop()
    return context
