"""What the browser brings: its locale picks the first language; an identity-provider
sign-in (st.login, when configured) maps a claim to a role, and no role means no entry."""

from __future__ import annotations

import pytest

from data_access.i18n import t
from tests.ui.conftest import new_app, reset_caches
from ui.context import CONTEXT_KEY


@pytest.mark.parametrize(("locale", "label"), [("en-US", "Username"), ("vi-VN", "Tên đăng nhập")])
def test_the_browser_locale_sets_the_first_language(app_env, locale, label):
    at = new_app()
    at.context = {"locale": locale}
    at.run()
    assert at.text_input(key="td_login_username").label == label


def test_a_lang_in_the_link_beats_the_browser_locale(app_env):
    at = new_app({"lang": "vi"})
    at.context = {"locale": "en-GB"}
    at.run()
    assert at.text_input(key="td_login_username").label == "Tên đăng nhập"


@pytest.fixture
def oidc(app_env, monkeypatch):
    monkeypatch.setenv("TD_OIDC_PROVIDER", "ministry")
    monkeypatch.setenv("TD_OIDC_ROLES", "dashboard-vgcl=vgcl,bwv-staff=ilo")
    monkeypatch.setenv("TD_OIDC_ROLE_CLAIM", "groups")
    reset_caches()
    return app_env


def test_identity_provider_claim_maps_to_a_role(oidc):
    at = new_app()
    at.user = {"is_logged_in": True, "email": "Analyst@VGCL.org.vn", "groups": ["dashboard-vgcl"],
               "name": "Union analyst"}  # fmt: skip
    at.run()
    assert not at.exception
    context = at.session_state[CONTEXT_KEY]
    assert (context.scope.role, context.scope.username) == ("vgcl", "analyst@vgcl.org.vn")
    assert at.session_state["td_route"] == "social_dialogue"


def test_identity_provider_account_without_a_role_stays_out(oidc):
    at = new_app()
    at.user = {"is_logged_in": True, "email": "someone@example.org", "groups": ["other"]}
    at.run()
    assert CONTEXT_KEY not in at.session_state
    assert t("shell.login.oidc_no_role", "vi") in [str(i.value) for i in at.info]


def test_sign_in_page_offers_the_identity_provider(oidc):
    at = new_app().run()
    assert t("shell.login.oidc", "vi") in [b.label for b in at.button]


def test_identity_provider_sign_out_logs_out_of_streamlit_too(oidc):
    at = new_app()
    at.user = {"is_logged_in": True, "email": "staff@ilo.org", "groups": ["bwv-staff"]}
    at.run()
    assert at.session_state[CONTEXT_KEY].scope.role == "ilo"
    at.button(key="td_sign_out").click().run()
    assert CONTEXT_KEY not in at.session_state
    assert at.user.get("is_logged_in") is False
