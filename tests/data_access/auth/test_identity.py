"""Who a request comes from and what it may be called: client addresses behind proxies,
identity-provider claims mapped to roles, configurable organisation names."""

from __future__ import annotations

import pytest

from data_access.auth.addresses import LOCAL, client_address
from data_access.auth.oidc import OidcConfig, oidc_config, role_from_claims, username_from_claims
from data_access.auth.organisations import organisation, scope_for

CONFIG = OidcConfig(
    provider="ministry",
    role_claim="groups",
    roles={"dashboard-molisa": "molisa", "bwv-staff": "ilo", "dashboard-admins": "admin"},
)


@pytest.mark.parametrize(
    ("remote", "forwarded", "proxies", "expected"),
    [
        ("198.51.100.4", None, 0, "198.51.100.4"),
        ("198.51.100.4", "6.6.6.6", 0, "198.51.100.4"),  # no proxy: header is a forgery
        ("10.0.0.2", "6.6.6.6, 203.0.113.9", 1, "203.0.113.9"),
        ("10.0.0.2", "203.0.113.9, 10.0.0.1", 2, "203.0.113.9"),
        ("10.0.0.2", "not-an-address", 1, "10.0.0.2"),
        ("10.0.0.2", "203.0.113.9", 2, "10.0.0.2"),  # fewer hops than proxies
        (None, None, 0, LOCAL),
    ],
)
def test_client_address(remote, forwarded, proxies, expected):
    assert client_address(remote, forwarded, proxies) == expected


def test_claims_map_to_exactly_one_role():
    assert role_from_claims({"groups": ["staff", "dashboard-molisa"]}, CONFIG) == "molisa"
    assert role_from_claims({"groups": "bwv-staff"}, CONFIG) == "ilo"
    assert role_from_claims({"groups": ["unrelated"]}, CONFIG) is None
    assert role_from_claims({}, CONFIG) is None
    assert role_from_claims({"groups": ["dashboard-molisa", "bwv-staff"]}, CONFIG) is None


def test_username_claims_in_order_and_normalised():
    claims = {"sub": "abc-123", "email": "Nguyễn.An@Molisa.gov.vn"}
    assert username_from_claims(claims, CONFIG) == "nguyễn.an@molisa.gov.vn"
    assert username_from_claims({"sub": "abc-123"}, CONFIG) == "abc-123"
    assert username_from_claims({}, CONFIG) is None


def test_oidc_is_off_unless_configured(monkeypatch):
    monkeypatch.delenv("TD_OIDC_PROVIDER", raising=False)
    assert oidc_config({}) is None
    config = oidc_config({"provider": "ministry", "roles": {"g": "vgcl"}, "role_claim": "grp"})
    assert config.roles == {"g": "vgcl"} and config.role_claim == "grp"
    with pytest.raises(ValueError, match="unknown roles"):
        oidc_config({"provider": "ministry", "roles": {"g": "root"}})


def test_labour_ministry_default_name_and_note():
    molisa = organisation("molisa", overrides={})
    assert molisa.name("en") == "MOLISA"
    assert "Ministry of Home Affairs" in molisa.note("en")
    assert "1 March 2025" in molisa.note("en")
    assert "Bộ Nội vụ" in molisa.note("vi")


def test_organisation_names_are_configurable():
    renamed = organisation(
        "molisa", overrides={"molisa": {"name_en": "MOHA", "name_vi": "Bộ Nội vụ"}}
    )
    assert renamed.name("en") == "MOHA" and renamed.name("vi") == "Bộ Nội vụ"
    assert renamed.note("en"), "the note stays unless it is configured too"


def test_roles_browse_as_their_organisation():
    assert scope_for("vgcl", "a").organisation == "vgcl"
    assert scope_for("admin", "b").organisation == "ilo"
    assert scope_for("molisa").suppresses and not scope_for("molisa").may("see_factories")
