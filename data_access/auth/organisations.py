"""Which organisation each role speaks for, and what the organisations are called.

Names are configuration, not code: ministries are renamed and merged (on 1 March 2025
the labour functions of MOLISA moved to the Ministry of Home Affairs), and a deployment
may want the new name, the old acronym people still use, or both. Defaults come from
the catalogue; `[organisations.<key>]` in secrets.toml (`name_en`, `name_vi`,
`note_en`, `note_vi`) overrides them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from data_access.config import secret_section
from data_access.i18n import nfc, normalise_language, t
from data_access.scope import ROLES, Scope

ORGANISATION_OF_ROLE: dict[str, str] = {role.name: role.organisation for role in ROLES}
ORGANISATIONS: tuple[str, ...] = ("molisa", "vcci", "vgcl", "ilo")


@dataclass(frozen=True)
class Organisation:
    key: str
    name_en: str
    name_vi: str
    note_en: str = ""
    note_vi: str = ""

    def name(self, lang: str) -> str:
        return self.name_vi if normalise_language(lang) == "vi" else self.name_en

    def note(self, lang: str) -> str:
        return self.note_vi if normalise_language(lang) == "vi" else self.note_en


def _default(key: str) -> Organisation:
    note_key = f"shell.org.{key}.note"
    return Organisation(
        key=key,
        name_en=t(f"shell.org.{key}.name", "en"),
        name_vi=t(f"shell.org.{key}.name", "vi"),
        note_en=t(note_key, "en") if _has_message(note_key) else "",
        note_vi=t(note_key, "vi") if _has_message(note_key) else "",
    )


def _has_message(key: str) -> bool:
    try:
        t(key, "en")
    except KeyError:
        return False
    return True


def organisation(key: str, overrides: dict[str, Any] | None = None) -> Organisation:
    """The organisation with configured names; unknown keys fall back to the key itself
    so a label never fails a page."""
    if key not in ORGANISATIONS:
        return Organisation(key=key, name_en=key, name_vi=key)
    base = _default(key)
    configured = (overrides if overrides is not None else secret_section("organisations")).get(
        key, {}
    )
    if not isinstance(configured, dict):
        return base
    values = {
        field: nfc(str(configured[field]))
        for field in ("name_en", "name_vi", "note_en", "note_vi")
        if field in configured
    }
    return Organisation(**{**base.__dict__, **values})


def organisation_for_role(role: str) -> str:
    return ORGANISATION_OF_ROLE[role]


def scope_for(role: str, username: str | None = None) -> Scope:
    """The scope a signed-in person of this role browses under."""
    return Scope(role=role, organisation=organisation_for_role(role), username=username)
