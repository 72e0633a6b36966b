"""The page harness other engineers use: it must give a page exactly the context the
router would, and nothing when no role is given."""

from __future__ import annotations

from data_access.filters import Filters
from tests.pages.harness import all_text, run_page

PAGE = """
import streamlit as st
from ui.context import page_context

ctx = page_context()
st.write(f"role={ctx.scope.role} org={ctx.scope.organisation} user={ctx.scope.username}")
st.write(f"lang={ctx.lang} sectors={','.join(ctx.filters.sectors)}")
st.write(f"engine={ctx.engine.dialect.name}")
"""


def test_run_page_sets_the_routers_context(tmp_path, sqlite_engine):
    page = tmp_path / "probe.py"
    page.write_text(PAGE, encoding="utf-8")
    at = run_page(page, "vgcl", lang="en", filters=Filters(sectors=("garment",)),
                  engine=sqlite_engine)  # fmt: skip
    text = all_text(at)
    assert "role=vgcl org=vgcl user=vgcl.test" in text
    assert "lang=en sectors=garment" in text
    assert "engine=sqlite" in text


def test_run_page_without_a_role_stops_the_page(tmp_path):
    page = tmp_path / "probe.py"
    page.write_text(PAGE, encoding="utf-8")
    at = run_page(page, None)
    assert "role=" not in all_text(at)
    assert at.error
