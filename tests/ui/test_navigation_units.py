"""Registry facts that need no running app: default deny, landing pages, the catalogue
holding every label the shell draws, and the language a browser gets by default."""

from __future__ import annotations

import pytest

from data_access.i18n import LANGUAGES, t
from data_access.models import ROLES
from ui.navigation import LANDING, PAGES, landing_for, may_open
from ui.sidebar import language_from_locale


def test_default_deny():
    assert not may_open(None, "overview")
    assert not may_open("guest", "overview")
    assert not may_open("admin", "no-such-page")
    assert not may_open("vcci", "factories")
    assert may_open("ilo", "factories")


def test_every_landing_page_is_open_to_its_role():
    for role, key in LANDING.items():
        assert may_open(role, key)
    assert landing_for(None) is None


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_shell_label_is_in_the_catalogue(lang):
    for page in PAGES:
        assert page.title(lang)
    for role in ROLES:
        assert t(f"shell.role.{role}", lang)
    for reason in ("demo_users", "key_missing", "key_default", "key_short", "key_weak",
                   "oidc_authlib"):  # fmt: skip
        assert t(f"shell.startup.{reason}", lang, min_bytes=32, users="x")


@pytest.mark.parametrize(
    ("locale", "lang"),
    [("vi-VN", "vi"), ("vi", "vi"), ("en-US", "en"), ("en_GB", "en"), ("fr-FR", "en"),
     (None, "vi"), ("", "vi")],
)  # fmt: skip
def test_language_from_the_browser_locale(locale, lang):
    assert language_from_locale(locale) == lang
