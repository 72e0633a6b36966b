"""Optional sign-in through a ministry's own identity provider (Streamlit's `st.login`).

Off unless configured. The provider itself is configured where Streamlit expects it
(`[auth]` and `[auth.<provider>]` in secrets.toml: redirect_uri, cookie_secret,
client_id, client_secret, server_metadata_url); this module only decides who may
come in and with which role:

    [oidc]
    provider = "ministry"          # the [auth.ministry] section
    role_claim = "groups"          # the claim holding group or role names
    username_claims = ["preferred_username", "email", "sub"]
    [oidc.roles]                   # claim value -> dashboard role
    "dashboard-molisa" = "molisa"
    "bwv-staff" = "ilo"

A person whose claims map to no role, or to two different roles, is refused: the
identity provider's administrators must say unambiguously what each person may see.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from data_access.config import secret_section
from data_access.i18n import nfc
from data_access.models import ROLES

DEFAULT_USERNAME_CLAIMS: tuple[str, ...] = ("preferred_username", "email", "sub")


@dataclass(frozen=True)
class OidcConfig:
    provider: str
    role_claim: str
    roles: Mapping[str, str]
    username_claims: tuple[str, ...] = DEFAULT_USERNAME_CLAIMS


def _parse_roles(text: str) -> dict[str, str]:
    """`TD_OIDC_ROLES="dashboard-molisa=molisa,bwv-staff=ilo"`."""
    pairs = (item.split("=", 1) for item in text.split(",") if "=" in item)
    return {nfc(claim.strip()): role.strip() for claim, role in pairs}


def oidc_config(section: Mapping[str, Any] | None = None) -> OidcConfig | None:
    """The configuration, or None when OIDC sign-in is off. Environment first."""
    section = section if section is not None else secret_section("oidc")
    provider = os.environ.get("TD_OIDC_PROVIDER") or section.get("provider")
    if not provider:
        return None
    if "TD_OIDC_ROLES" in os.environ:
        roles = _parse_roles(os.environ["TD_OIDC_ROLES"])
    else:
        mapping = dict(section.get("roles", {}))
        roles = {nfc(str(claim)): str(role) for claim, role in mapping.items()}
    unknown = sorted({role for role in roles.values() if role not in ROLES})
    if unknown:
        raise ValueError(f"[oidc.roles] maps to unknown roles: {', '.join(unknown)}")
    claims = section.get("username_claims") or DEFAULT_USERNAME_CLAIMS
    return OidcConfig(
        provider=str(provider),
        role_claim=os.environ.get("TD_OIDC_ROLE_CLAIM") or str(section.get("role_claim", "roles")),
        roles=roles,
        username_claims=tuple(str(claim) for claim in claims),
    )


def role_from_claims(claims: Mapping[str, Any], config: OidcConfig) -> str | None:
    """The one role the claims map to; None for none or for a conflict."""
    value = claims.get(config.role_claim)
    values = [value] if isinstance(value, str) else list(value or [])
    roles = {config.roles[nfc(str(item))] for item in values if nfc(str(item)) in config.roles}
    return roles.pop() if len(roles) == 1 else None


def username_from_claims(claims: Mapping[str, Any], config: OidcConfig) -> str | None:
    for claim in config.username_claims:
        value = claims.get(claim)
        if isinstance(value, str) and value.strip():
            return nfc(value).strip().lower()[:80]
    return None
