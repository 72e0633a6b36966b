"""Named permissions: declared once in `data_access.scope`, used by name, documented.

Like datasette's `check_actions_are_documented`: the suite fails on an action the code
asks for that `ACTIONS` does not declare, and on a declared action README.md's "Who sees
what" table leaves out or shows with other roles than the declaration.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy import CheckConstraint

from data_access import cli, models
from data_access.auth.organisations import ORGANISATION_OF_ROLE
from data_access.config import REPO_ROOT
from data_access.scope import (
    ACTIONS,
    ACTIONS_BY_NAME,
    AUDIENCES,
    ROLE_NAMES,
    ROLES_BY_NAME,
    AccessDenied,
    Scope,
    audience_scope,
    require,
    role_check_sql,
    role_may,
)
from ui.navigation import PAGES

CODE_DIRS = ("app.py", "data_access", "ui", "pages", "bench")
#: `scope.may("x")`, `require(scope, "x")`, `role_may(role, "x")`, `PageSpec(..., "x", ...)`
#: is read from `PAGES` itself.
USES = (
    re.compile(r"\.may\(\s*\"(\w+)\"\s*\)"),
    re.compile(r"\brequire\(\s*[\w.]+\s*,\s*\"(\w+)\"\s*\)"),
    re.compile(r"\brole_may\(\s*[\w.]+\s*,\s*\"(\w+)\"\s*\)"),
)


def _code_files() -> list[Path]:
    files: list[Path] = []
    for name in CODE_DIRS:
        path = REPO_ROOT / name
        files.extend([path] if path.is_file() else sorted(path.rglob("*.py")))
    return files


def actions_used() -> dict[str, set[str]]:
    """Every action name the code asks for, with the files asking."""
    used: dict[str, set[str]] = {}
    for path in _code_files():
        text = path.read_text(encoding="utf-8")
        for pattern in USES:
            for name in pattern.findall(text):
                used.setdefault(name, set()).add(str(path.relative_to(REPO_ROOT)))
    for page in PAGES:
        used.setdefault(page.action, set()).add("ui/navigation.py")
    return used


def readme_actions() -> dict[str, tuple[str, frozenset[str]]]:
    """README's action table under "Who sees what": action -> (description, roles ticked)."""
    text = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Who sees what", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| `")]
    header = next(line for line in section.splitlines() if line.startswith("| action"))
    columns = [cell.strip().strip("`") for cell in header.strip("|").split("|")]
    table: dict[str, tuple[str, frozenset[str]]] = {}
    for row in rows:
        cells = [cell.strip() for cell in row.strip("|").split("|")]
        if len(cells) != len(columns):
            continue  # the roles table above it
        ticked = frozenset(role for role, cell in zip(columns[2:], cells[2:]) if cell == "✓")
        table[cells[0].strip("`")] = (cells[1], ticked)
    return table


def test_the_scan_finds_the_known_uses():
    """Guards the guard: a scanner that found nothing would let every typo through."""
    used = actions_used()
    assert {"see_factories", "prepare_briefings", "import_data", "manage_users"} <= set(used)
    assert "data_access/user_admin.py" in used["manage_users"]
    assert "pages/briefings.py" in used["prepare_briefings"]


def test_every_action_used_is_declared():
    undeclared = {
        name: files for name, files in actions_used().items() if name not in ACTIONS_BY_NAME
    }
    assert not undeclared, f"declare these in data_access/scope.py ACTIONS: {undeclared}"


def test_readme_lists_every_action_with_its_roles():
    documented = readme_actions()
    assert set(documented) == set(ACTIONS_BY_NAME)
    for action in ACTIONS:
        description, roles = documented[action.name]
        assert roles == action.roles, action.name
        assert description == action.description, action.name


def test_readme_table_columns_are_the_roles():
    text = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    header = next(line for line in text.splitlines() if line.startswith("| action"))
    assert [cell.strip().strip("`") for cell in header.strip("|").split("|")][2:] == list(
        ROLE_NAMES
    )


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("molisa", {"see_aggregates", "see_meetings", "update_own_actions"}),
        ("vcci", {"see_aggregates", "see_meetings", "update_own_actions"}),
        ("vgcl", {"see_aggregates", "see_meetings", "update_own_actions"}),
        (
            "ilo",
            {
                "see_aggregates",
                "see_factories",
                "prepare_briefings",
                "see_meetings",
                "manage_meetings",
            },
        ),
        (
            "admin",
            {
                "see_aggregates",
                "see_factories",
                "prepare_briefings",
                "see_meetings",
                "manage_meetings",
                "import_data",
                "manage_users",
            },
        ),
        (None, set()),
        ("guest", set()),
    ],
)
def test_what_each_role_may(role, allowed):
    scope = Scope(role, role)
    assert {action.name for action in ACTIONS if scope.may(action.name)} == allowed
    assert {action.name for action in ACTIONS if role_may(role, action.name)} == allowed


def test_an_undeclared_action_raises_rather_than_denying():
    with pytest.raises(KeyError, match="export_microdata"):
        Scope("admin").may("export_microdata")
    with pytest.raises(KeyError):
        role_may("admin", "export_microdata")
    with pytest.raises(KeyError):
        require(Scope("admin"), "export_microdata")


def test_require_says_who_and_what():
    require(Scope("ilo"), "see_factories")
    with pytest.raises(AccessDenied, match="vgcl: see factory-level data"):
        require(Scope("vgcl"), "see_factories")
    with pytest.raises(AccessDenied, match="no recognised role"):
        require(Scope(None), "see_aggregates")


def test_briefings_are_not_expressed_as_factory_access():
    """Two permissions that happen to share roles today, declared apart."""
    assert ACTIONS_BY_NAME["prepare_briefings"] is not ACTIONS_BY_NAME["see_factories"]


def test_a_role_seeing_factories_is_never_suppressed():
    """Factory rows would give away every cell suppression hides."""
    for name in ACTIONS_BY_NAME["see_factories"].roles:
        assert not ROLES_BY_NAME[name].suppressed and not Scope(name).suppresses


def test_audiences_have_their_own_table():
    for audience in AUDIENCES:
        scope = audience_scope(audience.name)
        assert scope.suppresses is audience.suppressed
        assert scope.organisation == audience.organisation
        if audience.name in ROLES_BY_NAME:
            assert scope == Scope(audience.name, audience.organisation)
            assert audience.suppressed is ROLES_BY_NAME[audience.name].suppressed
        else:
            assert scope.role is None and scope.audience == audience.name
            assert scope.may("see_aggregates") and not scope.may("see_factories")
            assert not scope.may("see_meetings")
    assert audience_scope("donors").cache_key() != audience_scope("constituents").cache_key()
    with pytest.raises(AccessDenied):
        audience_scope("ilo")


def test_an_unknown_audience_scope_sees_nothing():
    scope = Scope(None, "x", audience="press")
    assert not scope.is_known and scope.suppresses and not scope.may("see_aggregates")


def test_roles_come_from_scope_everywhere():
    assert models.ROLES == ROLE_NAMES
    assert set(ORGANISATION_OF_ROLE) == set(ROLE_NAMES)
    add_user = cli.build_parser()._subparsers._group_actions[0].choices["add-user"]
    role_option = next(option for option in add_user._actions if option.dest == "role")
    assert tuple(role_option.choices) == ROLE_NAMES


def test_the_migration_holds_the_constraint_derived_from_scope():
    """No new migration: the initial schema's CHECK text is exactly the derived one."""
    migration = REPO_ROOT / "data_access/migrations/versions/0001_initial_schema.py"
    assert f'"{role_check_sql("role")}"' in migration.read_text(encoding="utf-8")
    (check,) = [c for c in models.User.__table__.constraints if isinstance(c, CheckConstraint)]
    assert str(check.sqltext) == role_check_sql("role")
