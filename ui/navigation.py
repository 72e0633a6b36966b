"""Which pages each role may open, where each organisation lands, and the menu.

The registry lists every page of the product, existing yet or not; only pages whose
file exists are handed to `st.navigation`, so the app runs while pages are being
written. Pages the role may not open are still registered with Streamlit, hidden
from the menu, so that a link to one (say, a colleague at ILO sharing the factories
page with a union analyst) reaches the router, which shows a clear "not for your
role" message instead of Streamlit's "page not found" and never runs the page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import streamlit as st
from streamlit.navigation.page import StreamlitPage

from data_access.config import REPO_ROOT
from data_access.i18n import t
from data_access.scope import action as declared_action
from data_access.scope import role_may


@dataclass(frozen=True)
class PageSpec:
    """One page: `key` is its URL path and catalogue key (`shell.page.<key>`); `action`
    is the declared permission (`data_access.scope.ACTIONS`) opening it; `section`
    groups the menu; `query_keys` are the URL parameters the page itself owns (beyond
    the shared filters and `lang`), which the router must not report as unknown."""

    key: str
    path: str
    icon: str
    action: str
    section: str
    query_keys: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        declared_action(self.action)  # an undeclared action fails as the registry is built

    @property
    def file(self) -> Path:
        return REPO_ROOT / self.path

    def exists(self) -> bool:
        return self.file.is_file()

    def title(self, lang: str) -> str:
        return t(f"shell.page.{self.key}", lang)


PAGES: tuple[PageSpec, ...] = (
    PageSpec("overview", "pages/overview.py", ":material/dashboard:", "see_aggregates", "figures"),
    PageSpec("provinces", "pages/provinces.py", ":material/map:", "see_aggregates", "figures"),
    PageSpec(
        "sector_compliance",
        "pages/sector_compliance.py",
        ":material/factory:",
        "see_aggregates",
        "figures",
    ),
    PageSpec(
        "social_dialogue",
        "pages/social_dialogue.py",
        ":material/groups:",
        "see_aggregates",
        "figures",
    ),
    PageSpec("roadmap", "pages/roadmap.py", ":material/flag:", "see_meetings", "figures"),
    PageSpec("factories", "pages/factories.py", ":material/domain:", "see_factories", "staff"),
    PageSpec(
        "briefings", "pages/briefings.py", ":material/description:", "prepare_briefings", "staff"
    ),
    PageSpec("meetings", "pages/meetings.py", ":material/event:", "see_meetings", "more"),
    PageSpec("downloads", "pages/downloads.py", ":material/download:", "see_aggregates", "more"),
    PageSpec("about", "pages/about.py", ":material/info:", "see_aggregates", "more"),
    PageSpec("admin_data", "pages/admin_data.py", ":material/upload_file:", "import_data", "admin"),
    PageSpec(
        "admin_users", "pages/admin_users.py", ":material/manage_accounts:", "manage_users", "admin"
    ),
)
PAGES_BY_KEY: dict[str, PageSpec] = {page.key: page for page in PAGES}
SECTIONS: tuple[str, ...] = ("figures", "staff", "admin", "more")

#: Where each organisation starts: what matters most to it.
LANDING: dict[str, str] = {
    "molisa": "provinces",
    "vcci": "sector_compliance",
    "vgcl": "social_dialogue",
    "ilo": "overview",
    "admin": "overview",
}


def may_open(role: str | None, key: str) -> bool:
    """Default deny: an unknown role or page opens nothing."""
    page = PAGES_BY_KEY.get(key)
    return page is not None and role_may(role, page.action)


def pages_for(role: str | None) -> list[PageSpec]:
    """Every registered page this role may open, whether its file exists yet or not."""
    return [page for page in PAGES if may_open(role, page.key)]


def landing_for(role: str | None) -> str | None:
    """The first page a person of this role sees; the first page they may open if the
    organisation's own landing page is not there."""
    offered = [page for page in pages_for(role) if page.exists()]
    preferred = LANDING.get(role or "")
    if any(page.key == preferred for page in offered):
        return preferred
    return offered[0].key if offered else None


def query_keys() -> frozenset[str]:
    """URL parameters owned by pages, so the router passes them through untouched."""
    return frozenset(key for page in PAGES for key in page.query_keys)


HOME_PATH = "start"


@dataclass(frozen=True)
class Route:
    """The page Streamlit selected for this rerun and whether this viewer may see it.

    `home` is the bare app address: the sign-in form for someone signed out, a step
    to `landing` (the organisation's own page) for someone signed in. Every other page
    is addressed by its name, so a copied address always names the page it shows."""

    page: StreamlitPage
    spec: PageSpec | None
    allowed: bool
    offered: tuple[str, ...]
    home: StreamlitPage
    landing: StreamlitPage | None

    @property
    def at_home(self) -> bool:
        return self.page is self.home


def navigate(role: str | None, lang: str, sign_in: Callable[[], None]) -> Route:
    """Call `st.navigation` (exactly once per rerun) with the role's pages in the menu and
    every other existing page hidden.

    Without a role (not signed in) the menu is hidden and nothing is allowed: the
    router draws the sign-in form instead of the page, and the address, filters
    included, is kept so that signing in opens the linked view."""
    landing_key = landing_for(role)
    home = st.Page(
        sign_in,
        title=t("shell.login.title", lang),
        icon=":material/login:",
        url_path=HOME_PATH,
        default=True,
        visibility="hidden",
    )
    specs: list[tuple[StreamlitPage, PageSpec]] = []
    for spec in PAGES:
        if not spec.exists():
            continue
        page = st.Page(
            spec.file,
            title=spec.title(lang),
            icon=spec.icon,
            url_path=spec.key,
            visibility="visible" if may_open(role, spec.key) else "hidden",
        )
        specs.append((page, spec))
    # One flat menu in section order, without section headings: Streamlit draws headed
    # sections as a list holding other lists' items, which screen readers (and axe's
    # `list`/`listitem` rules) reject; a flat menu is a plain list of links. Kept as
    # Streamlit's own menu because it alone closes the sidebar after a tap on a phone.
    order = {name: index for index, name in enumerate(SECTIONS)}
    menu = [home] + [page for page, spec in sorted(specs, key=lambda pair: order[pair[1].section])]
    current = st.navigation(menu, position="sidebar" if role else "hidden")
    spec = next((spec for page, spec in specs if page is current), None)
    return Route(
        page=current,
        spec=spec,
        allowed=spec is not None and may_open(role, spec.key),
        offered=tuple(page.key for page in pages_for(role) if page.exists()),
        home=home,
        landing=next((page for page, spec in specs if spec.key == landing_key), None),
    )
