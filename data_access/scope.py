"""Who is asking, and what they may do. Every query takes a `Scope`; access is decided
here, by default deny.

Three tables say everything, once: `ROLES` (who signs in, which organisation each speaks
for, whether its figures are suppressed), `ACTIONS` (what may be done, by which roles)
and `AUDIENCES` (whom a briefing is written for, and how its figures are computed).
Code asks one verb, `scope.may(action)` or `require(scope, action)`, by the action's
name; an action not declared here is a programming error and raises instead of quietly
answering no, and `tests/data_access/test_permissions.py` fails on an action used in the
code but not declared, or declared but missing from README.md's "Who sees what".

Constituent viewers (MOLISA, VCCI, VGCL) see aggregates with small cells suppressed;
ILO programme staff and admins also see factory-level data and are told which cells a
constituent would not see. A missing or unknown role sees nothing.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Role:
    """A role a user account holds. `suppressed`: its figures go through small-cell
    suppression (a constituent's), else they come whole, flagged (staff)."""

    name: str
    organisation: str
    suppressed: bool


ROLES: tuple[Role, ...] = (
    Role("molisa", organisation="molisa", suppressed=True),
    Role("vcci", organisation="vcci", suppressed=True),
    Role("vgcl", organisation="vgcl", suppressed=True),
    Role("ilo", organisation="ilo", suppressed=False),
    Role("admin", organisation="ilo", suppressed=False),
)
ROLES_BY_NAME: dict[str, Role] = {role.name: role for role in ROLES}
ROLE_NAMES: tuple[str, ...] = tuple(ROLES_BY_NAME)
CONSTITUENT_ROLES: frozenset[str] = frozenset(role.name for role in ROLES if role.suppressed)
STAFF_ROLES: frozenset[str] = frozenset(ROLE_NAMES) - CONSTITUENT_ROLES


def role_check_sql(column: str = "role") -> str:
    """The CHECK constraint text keeping a column to the declared roles (models.py and
    its migration hold exactly this text)."""
    return f"{column} IN ({', '.join(repr(name) for name in ROLE_NAMES)})"


@dataclass(frozen=True)
class Action:
    """Something a person may do: the roles allowed it and, in a line, what it is."""

    name: str
    roles: frozenset[str]
    description: str


def _action(name: str, roles: set[str] | frozenset[str], description: str) -> Action:
    unknown = set(roles) - set(ROLE_NAMES)
    if unknown:
        raise ValueError(f"Action {name!r} names undeclared roles {sorted(unknown)}.")
    return Action(name, frozenset(roles), description)


EVERY_ROLE = frozenset(ROLE_NAMES)
ACTIONS: tuple[Action, ...] = (
    _action(
        "see_aggregates",
        EVERY_ROLE,
        "see aggregate figures (suppressed for constituents)",
    ),
    _action("see_factories", STAFF_ROLES, "see factory-level data"),
    _action("prepare_briefings", STAFF_ROLES, "prepare meeting briefings for an audience"),
    _action(
        "see_meetings",
        EVERY_ROLE,
        "see meetings (constituents: their own organisation's only)",
    ),
    _action(
        "manage_meetings",
        STAFF_ROLES,
        "record meetings, attach briefings, set targets, edit every action point",
    ),
    _action(
        "update_own_actions",
        CONSTITUENT_ROLES,
        "update the status of their own organisation's action points",
    ),
    _action("import_data", {"admin"}, "import and remove data"),
    _action("manage_users", {"admin"}, "manage user accounts"),
)
ACTIONS_BY_NAME: dict[str, Action] = {action.name: action for action in ACTIONS}


def action(name: str) -> Action:
    """The declared action called `name`; a name not declared raises `KeyError`, so a typo
    fails loudly rather than denying (or granting) in silence."""
    try:
        return ACTIONS_BY_NAME[name]
    except KeyError:
        raise KeyError(f"Undeclared action {name!r}: declare it in data_access/scope.py.") from None


def role_may(role: str | None, name: str) -> bool:
    """Whether `role` may do the action `name`; an unknown or missing role may nothing."""
    return role in action(name).roles


@dataclass(frozen=True)
class Audience:
    """Whom a briefing is written for. Its figures are computed under `audience_scope`:
    suppressed or not, for `organisation`. A constituent audience is its own role."""

    name: str
    organisation: str
    suppressed: bool


AUDIENCES: tuple[Audience, ...] = (
    Audience("molisa", organisation="molisa", suppressed=True),
    Audience("vcci", organisation="vcci", suppressed=True),
    Audience("vgcl", organisation="vgcl", suppressed=True),
    Audience("donors", organisation="donors", suppressed=True),
    Audience("constituents", organisation="constituents", suppressed=True),
)
AUDIENCES_BY_NAME: dict[str, Audience] = {audience.name: audience for audience in AUDIENCES}
AUDIENCE_NAMES: tuple[str, ...] = tuple(AUDIENCES_BY_NAME)

#: What a document's reader may, whoever prepared it: the figures, nothing else.
READER_ACTIONS: frozenset[str] = frozenset({"see_aggregates"})


class AccessDenied(PermissionError):
    """Raised by the data layer when a scope may not see what it asked for."""


@dataclass(frozen=True)
class Scope:
    """A signed-in person (`role`), or the reader of a briefing (`audience`, no role)."""

    role: str | None
    organisation: str | None = None
    username: str | None = None
    audience: str | None = None

    @property
    def is_known(self) -> bool:
        if self.audience is not None:
            return self.role is None and self.audience in AUDIENCES_BY_NAME
        return self.role in ROLES_BY_NAME

    def may(self, name: str) -> bool:
        """Whether this scope may do the declared action `name` (undeclared: `KeyError`)."""
        declared = action(name)
        if not self.is_known:
            return False
        if self.audience is not None:
            return declared.name in READER_ACTIONS
        return self.role in declared.roles

    @property
    def suppresses(self) -> bool:
        """Whether small cells are removed from what this scope receives (default: yes)."""
        if self.audience is not None and self.audience in AUDIENCES_BY_NAME:
            return AUDIENCES_BY_NAME[self.audience].suppressed
        role = ROLES_BY_NAME.get(self.role or "")
        return role is None or role.suppressed

    def cache_key(self) -> tuple[str | None, str | None]:
        """What distinguishes one scope's cached results from another's: a reader's
        audience stands where a person's role does (the names never coincide but for a
        constituent audience, which is computed as that very role)."""
        return (self.role if self.audience is None else self.audience, self.organisation)


def require(scope: Scope, name: str) -> None:
    """Raise `AccessDenied` unless `scope` may do the declared action `name`."""
    if not scope.may(name):
        who = scope.role or scope.audience or "no recognised role"
        raise AccessDenied(f"Not allowed for {who}: {action(name).description}.")


def require_known(scope: Scope) -> None:
    """The default deny every query starts with: a scope with no recognised role or
    audience gets nothing at all."""
    if not scope.is_known:
        raise AccessDenied("No recognised role: nothing can be shown.")


def audience_scope(audience: str) -> Scope:
    """The scope a document made *for* an audience is computed under: suppression follows
    the audience, not the author. A constituent audience reads as its own role."""
    declared = AUDIENCES_BY_NAME.get(audience)
    if declared is None:
        raise AccessDenied(f"Unknown audience {audience!r}.")
    if declared.name in ROLES_BY_NAME:
        return Scope(role=declared.name, organisation=declared.organisation)
    return Scope(role=None, organisation=declared.organisation, audience=declared.name)
