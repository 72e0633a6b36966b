"""A section reruns alone (`st.fragment`), but a rerun of it never draws for a sign-in
that has ended or changed: it hands the click to the whole app, whose router decides."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from data_access.filters import Filters
from data_access.scope import Scope
from ui import sections
from ui.auth import Viewer
from ui.context import PageContext


def _section_page() -> None:
    import streamlit as st

    from ui.sections import section

    st.session_state["runs"] = st.session_state.get("runs", 0) + 1

    @section
    def growth(ctx: object) -> None:
        st.markdown("drawn")

    growth(None)


def test_a_section_whose_sign_in_ended_reruns_the_app_before_drawing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """As on a fragment rerun: the first check finds the sign-in ended, so the app
    reruns (the router would show the sign-in form); drawn once, on the rerun."""
    answers = iter([True, False])
    monkeypatch.setattr(sections, "_is_fragment_rerun", lambda: True)
    monkeypatch.setattr(sections, "sign_in_ended", lambda _ctx: next(answers))
    at = AppTest.from_function(_section_page).run()
    assert not at.exception
    assert at.session_state["runs"] == 2
    assert [element.value for element in at.markdown] == ["drawn"]


def test_a_full_run_leaves_the_sign_in_to_the_router(monkeypatch: pytest.MonkeyPatch) -> None:
    """On a full rerun the router has just checked; the section does not ask again."""
    monkeypatch.setattr(
        sections, "sign_in_ended", lambda _ctx: pytest.fail("checked on a full run")
    )
    at = AppTest.from_function(_section_page).run()
    assert not at.exception and at.session_state["runs"] == 1


@pytest.mark.parametrize(
    ("viewer", "ended"),
    [
        (None, True),
        (Viewer("molisa.test", "M", "molisa", "password"), False),
        (Viewer("molisa.test", "M", "ilo", "password"), True),
        (Viewer("other.test", "O", "molisa", "password"), True),
    ],
    ids=["signed-out", "same", "role-changed", "someone-else"],
)
def test_the_sign_in_ends_when_the_viewer_is_gone_or_changed(
    monkeypatch: pytest.MonkeyPatch, viewer: Viewer | None, ended: bool
) -> None:
    monkeypatch.setattr(sections.shell, "startup_or_stop", lambda _engine, _lang: None)
    monkeypatch.setattr(sections.auth, "current_viewer", lambda _engine, _report: viewer)
    ctx = PageContext(
        engine=None,  # type: ignore[arg-type]
        scope=Scope("molisa", "molisa", "molisa.test"),
        filters=Filters(),
        lang="vi",
    )
    assert sections.sign_in_ended(ctx) is ended
