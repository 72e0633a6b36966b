"""Command line for operators: `python -m data_access.cli COMMAND --help`.

Everything the admin pages do can also be done here, so a server without a
browser (or a data clerk with a very large file) is never stuck.
"""

from __future__ import annotations

import argparse
import getpass
import sys
import time
from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from data_access import migrate
from data_access.bootstrap import DEMO_USERS, ensure_database, prepare_schema, seed_demo
from data_access.config import REPO_ROOT, database_url
from data_access.db import get_engine, session_scope
from data_access.demo.generator import DemoDataError
from data_access.imports.formats import FORMATS
from data_access.scope import ROLE_NAMES, Scope
from data_access.users import (
    UserError,
    add_user,
    deactivate_user,
    require_user,
    set_password,
)


def _read_password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass("Password: ")
    if getpass.getpass("Repeat password: ") != first:
        raise UserError("The two passwords differ.")
    return first


def _print_progress(message: str) -> None:
    print(message, flush=True)


def cmd_init_db(args: argparse.Namespace) -> int:
    engine = get_engine()
    if args.demo:
        ensure_database(engine, seed_demo_if_empty=True, progress=_print_progress)
    else:
        prepare_schema(engine)
    print(f"Database ready: {engine.url.render_as_string(hide_password=True)}")
    return 0


def cmd_seed_demo(args: argparse.Namespace) -> int:
    engine = get_engine()
    prepare_schema(engine)
    options = {"seed": args.seed}
    if args.factories is not None:
        options["factories"] = args.factories
    if args.years is not None:
        options["years"] = args.years
    started = time.perf_counter()
    summary = seed_demo(engine, progress=_print_progress, **options)
    print(
        f"{summary.dataset_name}: {summary.factories:,} factories, "
        f"{summary.assessments:,} assessments, {summary.findings:,} findings "
        f"({summary.first_year}-{summary.last_year})."
    )
    print(f"Demo data seeded in {time.perf_counter() - started:.1f} s")
    return 0


def cmd_demo_logins(_args: argparse.Namespace) -> int:
    print("Demo sign-ins (synthetic demo database only):")
    for username, role, _name, password in DEMO_USERS:
        print(f"  {role:<7} {username:<12} {password}")
    return 0


def cmd_add_user(args: argparse.Namespace) -> int:
    password = _read_password(args)
    with session_scope(get_engine()) as session:
        add_user(session, args.username, password, args.role, args.name, args.email)
    print(f"User {args.username} added with role {args.role}.")
    return 0


def cmd_set_password(args: argparse.Namespace) -> int:
    password = _read_password(args)
    with session_scope(get_engine()) as session:
        set_password(session, args.username, password)
    print(f"Password of {args.username} changed; their open sessions are ended.")
    return 0


def cmd_deactivate_user(args: argparse.Namespace) -> int:
    with session_scope(get_engine()) as session:
        deactivate_user(session, args.username)
    print(f"User {args.username} deactivated; their open sessions are ended.")
    return 0


def cmd_revoke_sessions(args: argparse.Namespace) -> int:
    """End every open session of a user (a lost laptop) without changing anything else."""
    from data_access.auth.sessions import end_sessions

    with session_scope(get_engine()) as session:
        require_user(session, args.username)
    end_sessions(get_engine(), args.username)
    print(f"Every open session of {args.username} is ended.")
    return 0


def cmd_unlock(args: argparse.Namespace) -> int:
    """Clear the failed sign-ins slowing a username or address, for a person the
    administrator vouches for."""
    from data_access import audit
    from data_access.auth.throttle import unlock

    if not args.username and not args.address:
        raise UserError("Give a username, --address, or both.")
    cleared = unlock(get_engine(), username=args.username, address=args.address)
    audit.record(
        get_engine(),
        "unlock",
        _cli_scope().username,
        {"username": args.username, "address": args.address, "failures_cleared": cleared},
    )
    print(f"Cleared {cleared} failed sign-in attempt(s); the slowdown is lifted.")
    return 0


def cmd_check_startup(_args: argparse.Namespace) -> int:
    """What the app would say at start-up, for deployment scripts: exit 1 if it refuses."""
    from data_access.auth.startup import StartupRefused, check_startup
    from data_access.config import settings
    from data_access.i18n import t

    try:
        report = check_startup(get_engine(), settings())
    except StartupRefused as refusal:
        print(t(f"shell.startup.{refusal.reason}", "en", **refusal.detail), file=sys.stderr)
        return 1
    mode = "demo" if report.demo_mode else "production" if settings().production else "live"
    generated = " (random per-process cookie key)" if report.key_generated else ""
    print(f"The app would start in {mode} mode{generated}.")
    return 0


def _cli_scope() -> Scope:
    """Whoever runs the CLI already holds the database credentials: an administrator,
    recorded in the import history and audit log under their operating-system login."""
    return Scope(role="admin", organisation="ilo", username=f"cli:{getpass.getuser()}")


def cmd_import(args: argparse.Namespace) -> int:
    from data_access.imports import ImportSource, run_import
    from data_access.imports.console import ProgressBar, report_text

    path = Path(args.file)
    if not path.is_file():
        raise UserError(f"No file {args.file!r}.")
    bar = ProgressBar(sys.stderr)
    report = run_import(
        get_engine(),
        _cli_scope(),
        ImportSource.from_path(path),
        format_name=args.format,
        dry_run=args.dry_run,
        progress=bar,
    )
    bar.close()
    print(report_text(report, args.lang))
    return 0 if report.accepted else 1


def cmd_import_template(args: argparse.Namespace) -> int:
    from data_access.imports import template_file

    name, data = template_file(
        args.format,
        "xlsx" if args.xlsx else "csv",
        get_engine(),
        example=args.example,
        lang=args.lang,
    )
    target = Path(args.output or name)
    target.write_bytes(data)
    print(f"Wrote {target}")
    return 0


def cmd_import_history(args: argparse.Namespace) -> int:
    from data_access.imports import import_history

    for entry in import_history(get_engine(), _cli_scope(), limit=args.limit):
        counts = ", ".join(f"{key} {value}" for key, value in entry.counts.items())
        print(
            f"#{entry.batch_id:<5} {entry.imported_at:%Y-%m-%d %H:%M}  {entry.status:<9} "
            f"{entry.kind:<15} {entry.rows:>9,} rows  {entry.imported_by:<16} "
            f"{entry.file_name}  {counts}"
        )
    return 0


def cmd_import_formats_doc(args: argparse.Namespace) -> int:
    from data_access.imports import formats_markdown

    target = REPO_ROOT / "docs" / "IMPORT_FORMATS.md"
    text = formats_markdown()
    if args.check:
        current = target.read_text(encoding="utf-8") if target.is_file() else ""
        if current != text:
            print(f"{target} is out of date: run import-formats-doc", file=sys.stderr)
            return 1
        return 0
    target.write_text(text, encoding="utf-8")
    print(f"Wrote {target}")
    return 0


def cmd_remove_demo_data(args: argparse.Namespace) -> int:
    from data_access.imports import demo_data, remove_demo_data

    engine = get_engine()
    found = demo_data(engine, _cli_scope())
    if not found.present:
        print("No demonstration data or active demo sign-ins: nothing to remove.")
        return 0
    print(
        f"Demonstration data: {found.factories:,} factories, {found.assessments:,} assessments, "
        f"{found.findings:,} findings, {found.social_dialogue:,} social-dialogue records; "
        f"{found.active_demo_users} active demo sign-ins."
    )
    if not args.yes and input("Remove all of it and disable the demo sign-ins? [y/N] ") != "y":
        print("Nothing removed.")
        return 1
    remove_demo_data(engine, _cli_scope())
    print("Demonstration data removed; demo sign-ins disabled.")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m data_access.cli")
    commands = parser.add_subparsers(dest="command", required=True)

    init = commands.add_parser("init-db", help="create or upgrade the schema")
    init.add_argument("--demo", action="store_true", help="seed demo data if the db is empty")
    init.set_defaults(handler=cmd_init_db)

    seed = commands.add_parser("seed-demo", help="add synthetic demonstration data")
    seed.add_argument("--factories", type=int, help="scale mode: number of factories")
    seed.add_argument("--years", type=int, help="scale mode: years of assessments")
    seed.add_argument("--seed", type=int, default=2009, help="random seed (same seed, same data)")
    seed.set_defaults(handler=cmd_seed_demo)

    logins = commands.add_parser("demo-logins", help="print the demo sign-ins")
    logins.set_defaults(handler=cmd_demo_logins)

    add = commands.add_parser("add-user", help="create a user")
    add.add_argument("username")
    add.add_argument("--role", required=True, choices=ROLE_NAMES)
    add.add_argument("--name", help="display name")
    add.add_argument("--email")
    add.add_argument("--password-stdin", action="store_true")
    add.set_defaults(handler=cmd_add_user)

    pwd = commands.add_parser("set-password", help="set a user's password")
    pwd.add_argument("username")
    pwd.add_argument("--password-stdin", action="store_true")
    pwd.set_defaults(handler=cmd_set_password)

    deact = commands.add_parser("deactivate-user", help="deactivate a user")
    deact.add_argument("username")
    deact.set_defaults(handler=cmd_deactivate_user)

    revoke = commands.add_parser("revoke-sessions", help="end every open session of a user")
    revoke.add_argument("username")
    revoke.set_defaults(handler=cmd_revoke_sessions)

    unlock = commands.add_parser("unlock", help="clear failed sign-ins (username and/or address)")
    unlock.add_argument("username", nargs="?")
    unlock.add_argument("--address", help="client address, as in the audit log")
    unlock.set_defaults(handler=cmd_unlock)

    startup = commands.add_parser("check-startup", help="would the app refuse to start?")
    startup.set_defaults(handler=cmd_check_startup)

    imp = commands.add_parser("import", help="validate and load a CSV/XLSX file, all or nothing")
    imp.add_argument("file")
    imp.add_argument("--format", choices=sorted(FORMATS), help="default: from the header row")
    imp.add_argument("--dry-run", action="store_true", help="validate and preview, write nothing")
    imp.add_argument("--lang", choices=["en", "vi"], default="en")
    imp.set_defaults(handler=cmd_import)

    tpl = commands.add_parser("import-template", help="write an empty template or an example")
    tpl.add_argument("format", choices=sorted(FORMATS))
    tpl.add_argument("--example", action="store_true", help="filled example instead of empty")
    tpl.add_argument("--xlsx", action="store_true", help="XLSX instead of CSV")
    tpl.add_argument("--lang", choices=["en", "vi"], default="en")
    tpl.add_argument("-o", "--output", help="file to write (default: the template's name)")
    tpl.set_defaults(handler=cmd_import_template)

    hist = commands.add_parser("import-history", help="list recent imports")
    hist.add_argument("--limit", type=int, default=50)
    hist.set_defaults(handler=cmd_import_history)

    doc = commands.add_parser("import-formats-doc", help="regenerate docs/IMPORT_FORMATS.md")
    doc.add_argument("--check", action="store_true", help="fail if the file is out of date")
    doc.set_defaults(handler=cmd_import_formats_doc)

    demo = commands.add_parser(
        "remove-demo-data", help="delete the synthetic dataset and disable demo sign-ins"
    )
    demo.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    demo.set_defaults(handler=cmd_remove_demo_data)
    return parser


INIT_DB = "python -m data_access.cli init-db"
#: Commands that build the schema themselves, or never open the database.
WITHOUT_SCHEMA = frozenset({"init-db", "seed-demo", "demo-logins", "import-formats-doc"})


def schema_refusal(command: str) -> str | None:
    """Why `command` cannot run on the configured database, said before anything opens it:
    on a database `init-db` has not prepared, every other command would fail half-way
    with a raw SQL error (and, on SQLite, leave an empty file behind)."""
    if command in WITHOUT_SCHEMA:
        return None
    url = database_url()
    shown = make_url(url).render_as_string(hide_password=True)
    try:
        state = migrate.schema_state(url)
    except SQLAlchemyError as error:
        reason = str(getattr(error, "orig", None) or error).strip().splitlines()[0]
        return f"Cannot open the database {shown}: {reason}"
    if state == migrate.UNINITIALISED:
        return f"The database {shown} is not initialised: run `{INIT_DB}` first."
    if state == migrate.OUTDATED:
        return f"The database {shown} has an older schema: run `{INIT_DB}` to upgrade it."
    if state == migrate.NEWER:
        return f"The database {shown} was upgraded by a newer version of the app: update this one."
    return None


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    refusal = schema_refusal(args.command)
    if refusal:
        print(f"error: {refusal}", file=sys.stderr)
        return 2
    try:
        return args.handler(args)
    except (UserError, DemoDataError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
