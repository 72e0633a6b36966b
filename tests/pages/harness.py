"""Run ONE page file under AppTest as a given role, with given filters and language.

The router (`app.py`) normally signs the person in and sets the page context before
running a page; here the context is set directly, so a page test exercises exactly
the page and the data layer beneath it, never the sign-in. `role=None` runs the page
with no context at all, as if it were reached without signing in.

    at = run_page("pages/provinces.py", "molisa", lang="en", db_url=db_url)
    assert not at.exception
    assert "Hà Nội" in all_text(at)
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest

from data_access.auth.organisations import scope_for
from data_access.db import engine_for
from data_access.filters import Filters
from data_access.scope import Scope
from ui.context import CONTEXT_KEY, PageContext

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_TIMEOUT = 60.0


def page_scope(role: str, username: str | None = None) -> Scope:
    """The scope the router gives a person of this role (unknown roles get a scope
    that the data layer refuses, which is what a forged role should see)."""
    try:
        return scope_for(role, username or f"{role}.test")
    except KeyError:
        return Scope(role=role, organisation=None, username=username)


def make_context(
    role: str,
    lang: str = "vi",
    filters: Filters | None = None,
    db_url: str | None = None,
    engine: Engine | None = None,
    username: str | None = None,
) -> PageContext:
    if engine is None:
        if db_url is None:
            raise ValueError("run_page needs db_url or engine.")
        engine = engine_for(db_url)
    return PageContext(
        engine=engine,
        scope=page_scope(role, username),
        filters=filters or Filters(),
        lang=lang,
    )


def run_page(
    page_path: str | Path,
    role: str | None,
    lang: str = "vi",
    filters: Filters | None = None,
    db_url: str | None = None,
    engine: Engine | None = None,
    username: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
) -> AppTest:
    """An AppTest of the page after its first run. Interact with it as usual
    (`at.selectbox[0].select(...).run()`); the context stays set across reruns."""
    path = Path(page_path)
    if not path.is_absolute():
        path = REPO_ROOT / path
    at = AppTest.from_file(str(path), default_timeout=timeout)
    if role is not None:
        at.session_state[CONTEXT_KEY] = make_context(
            role, lang, filters, db_url=db_url, engine=engine, username=username
        )
    return at.run()


def all_text(at: AppTest) -> str:
    """Every piece of text the page drew (markdown, headings, captions, alerts, metric
    labels and values, table cells), joined, for "shows nothing of its data" checks."""
    parts: list[str] = []
    for kind in (
        "title",
        "header",
        "subheader",
        "markdown",
        "caption",
        "text",
        "code",
        "error",
        "warning",
        "info",
        "success",
        "exception",
    ):
        parts.extend(str(element.value) for element in getattr(at, kind))
    for metric in at.metric:
        parts.extend((str(metric.label), str(metric.value)))
    for frame in list(at.dataframe) + list(at.table):
        parts.append(frame.value.to_string())
    return "\n".join(parts)
