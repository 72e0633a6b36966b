"""Who is asking. Every query takes a `Scope`; access is decided here, by default deny.

Constituent viewers (MOLISA, VCCI, VGCL) see aggregates with small cells
suppressed; ILO programme staff and admins also see factory-level data and are
told which cells a constituent would not see. A missing or unknown role sees nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

CONSTITUENT_ROLES: frozenset[str] = frozenset({"molisa", "vcci", "vgcl"})
STAFF_ROLES: frozenset[str] = frozenset({"ilo", "admin"})
KNOWN_ROLES: frozenset[str] = CONSTITUENT_ROLES | STAFF_ROLES


class AccessDenied(PermissionError):
    """Raised by the data layer when a scope may not see what it asked for."""


@dataclass(frozen=True)
class Scope:
    role: str | None
    organisation: str | None = None
    username: str | None = None

    @property
    def is_known(self) -> bool:
        return self.role in KNOWN_ROLES

    @property
    def is_constituent(self) -> bool:
        return self.role in CONSTITUENT_ROLES

    @property
    def sees_factories(self) -> bool:
        return self.role in STAFF_ROLES

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    @property
    def suppresses(self) -> bool:
        """Whether small cells are removed from what this scope receives."""
        return not self.sees_factories

    def cache_key(self) -> tuple[str | None, str | None]:
        """What distinguishes one scope's cached results from another's."""
        return (self.role, self.organisation)


def require_known(scope: Scope) -> None:
    if not scope.is_known:
        raise AccessDenied("No recognised role: nothing can be shown.")


def require_factory_access(scope: Scope) -> None:
    if not scope.sees_factories:
        raise AccessDenied("Factory-level data is for ILO programme staff and administrators.")


def require_admin(scope: Scope) -> None:
    if not scope.is_admin:
        raise AccessDenied("This needs the administrator role.")


def audience_scope(audience: str) -> Scope:
    """The scope a document made *for* an audience is computed under: suppression follows
    the audience, not the author."""
    if audience in CONSTITUENT_ROLES or audience in {"constituents", "donors"}:
        return Scope(
            role="molisa" if audience in {"constituents", "donors"} else audience,
            organisation=audience,
        )
    if audience in STAFF_ROLES:
        return Scope(role=audience, organisation=audience)
    raise AccessDenied(f"Unknown audience {audience!r}.")
