"""The router under AppTest: who is offered which page, what a refused page shows, the
frame every page gets (banner, "data as of"), language, links and sign-out."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import select

from data_access.auth.sessions import end_sessions
from data_access.filters import Filters
from data_access.i18n import t
from data_access.models import AuditEntry, User
from tests.pages.harness import all_text
from tests.ui.conftest import (
    DEMO_PASSWORDS,
    LAST_ASSESSMENT,
    new_app,
    page_file,
    submit_sign_in,
)
from ui.context import CONTEXT_KEY, PageContext
from ui.navigation import LANDING, PAGES, pages_for

#: The period every session opens on: the test database's latest year with data.
OPENING = Filters(year_from=LAST_ASSESSMENT.year, year_to=LAST_ASSESSMENT.year)

#: The role × page matrix the issue asks for, written out rather than derived from the
#: registry, so that a change to the registry has to change this table too.
EXPECTED_PAGES: dict[str, set[str]] = {
    "molisa": {
        "overview", "provinces", "sector_compliance", "social_dialogue", "meetings", "roadmap",
        "downloads",
        "about",
    },
    "vcci": {
        "overview", "provinces", "sector_compliance", "social_dialogue", "meetings", "roadmap",
        "downloads",
        "about",
    },
    "vgcl": {
        "overview", "provinces", "sector_compliance", "social_dialogue", "meetings", "roadmap",
        "downloads",
        "about",
    },
    "ilo": {
        "overview", "provinces", "sector_compliance", "social_dialogue", "meetings", "roadmap",
        "downloads",
        "about",
        "factories", "briefings",
    },
    "admin": {
        "overview", "provinces", "sector_compliance", "social_dialogue", "meetings", "roadmap",
        "downloads",
        "about",
        "factories", "briefings", "admin_data", "admin_users",
    },
}  # fmt: skip
EXPECTED_LANDING = {
    "molisa": "provinces",
    "vcci": "sector_compliance",
    "vgcl": "social_dialogue",
    "ilo": "overview",
    "admin": "overview",
}
EXISTING = [page.key for page in PAGES if page.file.is_file()]


def param(at, key: str) -> list[str]:
    """A URL parameter as a list (AppTest gives a lone value as a string)."""
    value = at.query_params.get(key, [])
    return [value] if isinstance(value, str) else list(value)


def refused_text(at) -> str:
    return "\n".join(str(error.value) for error in at.error)


@pytest.mark.parametrize("role", sorted(EXPECTED_PAGES))
def test_registry_matches_the_matrix(role):
    assert {page.key for page in pages_for(role)} == EXPECTED_PAGES[role]
    assert LANDING[role] == EXPECTED_LANDING[role]


@pytest.mark.parametrize("role", sorted(EXPECTED_PAGES))
def test_each_role_is_offered_and_refused_exactly_its_pages(signed_in, role):
    at = signed_in(role)
    assert not at.exception
    assert set(at.session_state["td_offered_pages"]) == EXPECTED_PAGES[role] & set(EXISTING)
    if EXPECTED_LANDING[role] in EXISTING:
        assert at.session_state["td_route"] == EXPECTED_LANDING[role]

    for key in EXISTING:
        at.switch_page(str(page_file(key))).run()
        assert at.session_state["td_route"] == key
        if key in EXPECTED_PAGES[role]:
            context = at.session_state[CONTEXT_KEY]
            assert isinstance(context, PageContext) and context.scope.role == role
            assert "không dành cho vai trò" not in refused_text(at)
        else:
            assert CONTEXT_KEY not in at.session_state, f"{role} was handed {key}"
            assert "không dành cho vai trò của bạn" in refused_text(at)


def test_a_page_opened_without_the_role_shows_nothing_of_its_data(signed_in, app_env):
    if "factories" not in EXISTING:
        pytest.skip("pages/factories.py is not written yet")
    at = signed_in("vgcl")
    at.switch_page(str(page_file("factories"))).run()
    assert not at.exception
    assert [error.value for error in at.error] == [
        t("shell.not_for_role.title", "vi", page=t("shell.page.factories", "vi"))
    ]
    assert not at.dataframe and not at.table and not at.metric
    assert "Invented Garment Co." not in all_text(at)
    with app_env.connect() as connection:
        refused = connection.scalar(
            select(AuditEntry.detail).where(AuditEntry.action == "page_refused")
        )
    assert '"factories"' in refused


def test_banner_and_data_as_of_on_every_page(signed_in):
    at = signed_in("admin")
    for key in EXISTING:
        at.switch_page(str(page_file(key))).run()
        warnings = [str(w.value) for w in at.warning]
        assert t("common.synthetic_banner", "vi") in warnings, key
        captions = " ".join(str(c.value) for c in at.caption)
        assert "Số liệu tính đến: lần đánh giá gần nhất 30/06/2025" in captions, key
        assert captions.count("Số liệu tính đến") == 1, f"{key} shows the line twice"


def test_banner_on_the_sign_in_page(app_env):
    at = new_app().run()
    assert t("common.synthetic_banner", "vi") in [str(w.value) for w in at.warning]
    assert at.text_input(key="td_login_username").label == "Tên đăng nhập"


def test_language_switch_changes_labels_and_the_link(signed_in):
    at = signed_in("molisa")
    assert at.button(key="td_sign_out").label == "Đăng xuất"
    at.radio(key="_td_w_lang").set_value("en").run()
    assert at.button(key="td_sign_out").label == "Sign out"
    assert at.multiselect(key="_td_w_sectors").label == "Sectors"
    assert "Data as of:" in " ".join(str(c.value) for c in at.caption)
    assert param(at, "lang") == ["en"]
    assert at.session_state[CONTEXT_KEY].lang == "en"


def test_sign_in_page_in_the_language_of_the_link(app_env):
    at = new_app({"lang": "en"}).run()
    assert at.text_input(key="td_login_username").label == "Username"
    assert at.button(key="td_sign_in_submit").label == "Sign in"


def test_query_parameters_restore_the_filters(signed_in):
    query = {"sector": ["garment", "footwear"], "year_from": "2023", "year_to": "2025",
             "province": "79", "lang": "en"}  # fmt: skip
    at = signed_in("vcci", query=query)
    filters = at.session_state[CONTEXT_KEY].filters
    assert filters == Filters(
        year_from=2023, year_to=2025, sectors=("footwear", "garment"), provinces=("79",)
    )
    assert at.multiselect(key="_td_w_sectors").value == ["footwear", "garment"]
    assert at.selectbox(key="_td_w_year_from").value == 2023
    assert param(at, "sector") == ["footwear", "garment"]
    assert param(at, "lang") == ["en"]
    notices = " ".join(str(info.value) for info in at.info)
    assert t("shell.url.dropped", "en") not in notices, "a clean link raises no notice"


def test_changing_a_filter_rewrites_the_link(signed_in):
    at = signed_in("vgcl")
    at.multiselect(key="_td_w_provinces").set_value(["01"]).run()
    assert at.session_state[CONTEXT_KEY].filters.provinces == ("01",)
    assert param(at, "province") == ["01"]
    at.button(key="td_clear_filters").click().run()
    assert at.session_state[CONTEXT_KEY].filters == OPENING
    assert "province" not in at.query_params
    assert param(at, "year_from") == param(at, "year_to") == [str(LAST_ASSESSMENT.year)]


def test_bad_parameters_are_dropped_with_a_notice(signed_in):
    query = {"sector": ["garment", "<script>"], "year_from": "1999", "foo": "1", "lang": "fr"}
    at = signed_in("molisa", query=query)
    assert not at.exception
    assert at.session_state[CONTEXT_KEY].filters == replace(OPENING, sectors=("garment",))
    notice = "\n".join(str(info.value) for info in at.info)
    assert t("shell.url.dropped", "vi") in notice
    assert "“foo”" in notice and "1999" in notice and "“fr”" in notice
    assert "<script>" not in notice
    assert set(at.query_params) == {"sector", "lang", "year_from", "year_to"}
    assert param(at, "sector") == ["garment"]


def test_constituents_are_offered_whole_years_and_told_why(signed_in):
    query = {"date_from": "2024-03-01", "date_to": "2024-03-02", "year_from": "2024"}
    at = signed_in("molisa", query=query)
    assert not at.exception
    # A link's dates are dropped: constituent figures are for whole calendar years.
    assert at.session_state[CONTEXT_KEY].filters == Filters(year_from=2024)
    assert not at.date_input
    captions = [str(caption.value) for caption in at.sidebar.caption]
    assert t("shell.filters.whole_years", "vi") in captions
    staff = signed_in("ilo", query=query)
    assert staff.session_state[CONTEXT_KEY].filters.date_from is not None
    assert len(staff.date_input) == 2


def test_a_link_to_a_refused_page_keeps_the_filters(signed_in):
    """The ILO colleague's link to the factories page, opened by a union analyst: the
    page is refused, the filters still apply to every page the analyst may open."""
    if "factories" not in EXISTING:
        pytest.skip("pages/factories.py is not written yet")
    at = new_app({"sector": "garment", "lang": "en"})
    at.switch_page(str(page_file("factories")))
    at.run()
    username, password = DEMO_PASSWORDS["vgcl"]
    at = submit_sign_in(at, username, password)
    assert at.session_state["td_route"] == "factories"
    assert "is not available for your role" in refused_text(at)
    at.switch_page(str(page_file("social_dialogue"))).run()
    assert at.session_state[CONTEXT_KEY].filters == replace(OPENING, sectors=("garment",))


def test_wrong_password_gives_the_generic_message(app_env):
    at = new_app().run()
    at = submit_sign_in(at, "vcci.demo", "not-the-password")
    assert [str(e.value) for e in at.error] == [t("shell.login.failed", "vi")]
    at = submit_sign_in(at, "nobody.here", "not-the-password")
    assert [str(e.value) for e in at.error] == [t("shell.login.failed", "vi")]
    assert "td_login_password" not in at.session_state or not at.session_state["td_login_password"]


def test_sign_out_ends_the_session_everywhere(signed_in, app_env):
    at = signed_in("ilo")
    with app_env.connect() as connection:
        before = connection.scalar(select(User.session_version).where(User.username == "ilo.demo"))
    at.button(key="td_sign_out").click().run()
    assert at.text_input(key="td_login_username")
    assert t("shell.login.signed_out", "vi") in [str(i.value) for i in at.info]
    assert CONTEXT_KEY not in at.session_state
    with app_env.connect() as connection:
        after = connection.scalar(select(User.session_version).where(User.username == "ilo.demo"))
        actions = list(connection.scalars(select(AuditEntry.action).order_by(AuditEntry.id)))
    assert after == before + 1
    assert actions[-2:] == ["login", "logout"]


def test_a_session_revoked_elsewhere_ends_on_the_next_rerun(signed_in, app_env):
    at = signed_in("vcci")
    end_sessions(app_env, "vcci.demo")
    at.run()
    assert at.text_input(key="td_login_username")
    assert t("shell.login.ended", "vi") in [str(i.value) for i in at.info]


def test_a_deactivated_user_is_out_on_the_next_rerun(signed_in, app_env):
    from data_access.db import session_scope
    from data_access.users import deactivate_user

    at = signed_in("molisa")
    with session_scope(app_env) as session:
        deactivate_user(session, "molisa.demo")
    at.run()
    assert CONTEXT_KEY not in at.session_state
    assert at.text_input(key="td_login_username")


def test_an_active_session_is_renewed_and_an_idle_one_expires(signed_in):
    at = signed_in("vgcl")
    auth = dict(at.session_state["td_auth"])
    lifetime = 60 * 60
    auth["expires_at"] = auth["expires_at"] - lifetime * 0.6  # past half its life
    at.session_state["td_auth"] = auth
    at.run()
    renewed = at.session_state["td_auth"]["expires_at"]
    assert renewed > auth["expires_at"] + lifetime * 0.5
    assert CONTEXT_KEY in at.session_state

    at.session_state["td_auth"] = {**at.session_state["td_auth"], "expires_at": 1.0}
    at.run()
    assert CONTEXT_KEY not in at.session_state
    assert t("shell.login.expired", "vi") in [str(i.value) for i in at.info]


def test_sign_in_and_out_make_no_network_calls(app_env, monkeypatch):
    """streamlit-authenticator can call its author's cloud service (password reset
    e-mails, remote variables); none of that may happen here."""
    import socket

    def refuse(self, address, *args, **kwargs):
        host = address[0] if isinstance(address, tuple) else str(address)
        if host not in {"127.0.0.1", "::1", "localhost"}:
            raise AssertionError(f"network call to {address!r}")
        return real_connect(self, address, *args, **kwargs)

    real_connect = socket.socket.connect
    monkeypatch.setattr(socket.socket, "connect", refuse)
    at = new_app().run()
    username, password = DEMO_PASSWORDS["vcci"]
    at = submit_sign_in(at, username, password)
    assert at.session_state[CONTEXT_KEY].scope.role == "vcci"
    at.button(key="td_sign_out").click().run()
    assert not at.exception


def test_a_link_without_a_period_opens_on_the_latest_year_and_all_years_is_kept(signed_in):
    """Every page and the map open on one default period (the latest year with data); a
    viewer who asks for every year gets a link that says so and reopens that way."""
    at = signed_in("vcci")
    assert at.session_state[CONTEXT_KEY].filters == OPENING
    assert at.selectbox(key="_td_w_year_from").value == LAST_ASSESSMENT.year
    at.selectbox(key="_td_w_year_from").set_value(0).run()
    at.selectbox(key="_td_w_year_to").set_value(0).run()
    assert at.session_state[CONTEXT_KEY].filters == Filters()
    assert param(at, "period") == ["all"]
    reopened = signed_in("vcci", query={"period": "all", "lang": "vi"})
    assert reopened.session_state[CONTEXT_KEY].filters == Filters()
