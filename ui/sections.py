"""A page section that reruns alone when its own widget changes, and never outlives the
sign-in it was drawn for.

`section` is `st.fragment`: a click on the section's own chooser (a heat map's level, a
chart's measure, two years to compare) reruns that function only, not the page's other
charts, cards and tabs. A fragment rerun skips the router, though, and with it the
router's check that the person is still signed in, with the same role (`app.py`
re-checks on every full rerun). So on a fragment rerun the section asks `ui.auth` first,
and when the sign-in has ended, expired or changed, the whole app reruns: the router
then shows what it shows after any other click (the sign-in form and its notice, or the
pages of the new role), and the section draws nothing for the old one.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Concatenate, ParamSpec

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from ui import auth, shell
from ui.context import PageContext

P = ParamSpec("P")


def _is_fragment_rerun() -> bool:
    """True when this script run reruns fragments only (Streamlit lists them)."""
    run = get_script_run_ctx()
    return bool(run is not None and run.fragment_ids_this_run)


def sign_in_ended(ctx: PageContext) -> bool:
    """True when the person this section was drawn for is no longer signed in as the
    same user with the same role (the router's own check, `auth.current_viewer`)."""
    report = shell.startup_or_stop(ctx.engine, ctx.lang)
    viewer = auth.current_viewer(ctx.engine, report)
    return viewer is None or viewer.username != ctx.scope.username or viewer.role != ctx.scope.role


def section(
    draw: Callable[Concatenate[PageContext, P], None],
) -> Callable[Concatenate[PageContext, P], None]:
    """`draw(ctx, ...)` as a fragment that re-checks the sign-in on its own reruns."""

    @st.fragment
    @functools.wraps(draw)
    def rerunnable(ctx: PageContext, *args: P.args, **kwargs: P.kwargs) -> None:
        if _is_fragment_rerun() and sign_in_ended(ctx):
            st.rerun(scope="app")
        draw(ctx, *args, **kwargs)

    return rerunnable
