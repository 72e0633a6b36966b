"""How many sign-in attempts the throttle lets through, per minute and per hour.

An attacker who tries the very moment each refusal says they may is simulated against
the real throttle (`data_access.auth.throttle.check` and `.record`, on a real database,
with a simulated clock so an hour of attacking takes a second). Three attackers:
- one username, one address (guessing one person's password);
- one username, a fresh address for every attempt (a botnet): only the username-wide
  spacing holds;
- one address, a fresh username for every attempt (password spraying): only the
  address-wide spacing holds.
None of them can lock anyone out: the last line says how long the account's owner,
on an address they signed in from last week, waits while each attack runs.
The password check itself (bcrypt, ~0.25 s) is left out: it only slows the attacker
further.

    python -m bench.login_throttle            # prints, and rewrites its RESULTS.md section
"""

from __future__ import annotations

import argparse
import tempfile
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine

from bench.report import Table, git_commit, machine_line, now_text, write_section
from data_access.auth import throttle
from data_access.auth.throttle import ADDRESS_RULE, PAIR_RULE, USERNAME_RULE, ThrottleRule
from data_access.bootstrap import prepare_schema
from data_access.db import make_engine

START = datetime(2026, 1, 5, 8, 0, 0)
HORIZON = timedelta(hours=24)
OWNER_ADDRESS = "198.51.100.77"
WINDOWS = (timedelta(minutes=1), timedelta(minutes=10), timedelta(hours=1), timedelta(hours=24))

Attempt = Callable[[int], tuple[str, str]]


def attack(engine: Engine, attempt: Attempt) -> list[datetime]:
    """Every moment the attacker got a password checked, trying again as soon as allowed."""
    at, checked, n = START, [], 0
    while at < START + HORIZON:
        username, address = attempt(n)
        verdict = throttle.check(engine, username, address, at=at)
        if not verdict.allowed:
            at = verdict.retry_at or at + timedelta(seconds=1)
            continue
        throttle.record(engine, username, address, success=False, at=at)
        checked.append(at)
        n += 1
    return checked


def within(checked: list[datetime], window: timedelta) -> int:
    return sum(1 for moment in checked if moment < START + window)


def describe(rule: ThrottleRule) -> str:
    return (
        f"{rule.free_failures} free in {rule.window.total_seconds() / 3600:g} h, then "
        f"{rule.base_delay.seconds} s doubling to {rule.max_delay.seconds} s; never a lock"
    )


def owner_wait(engine: Engine, username: str) -> timedelta:
    """How long the owner of `username`, on the address they signed in from a week
    before the attack, would wait at the end of it."""
    at = START + HORIZON
    verdict = throttle.check(engine, username, OWNER_ADDRESS, at=at)
    return (verdict.retry_at - at) if verdict.retry_at is not None else timedelta(0)


def run(engine: Engine) -> Table:
    table = Table(
        "Password checks an attacker gets (trying the instant each refusal allows)",
        ["Attacker", "1st minute", "1st 10 min", "1st hour", "24 hours", "Steady rate"],
    )
    attackers: dict[str, Attempt] = {
        "one username, one address": lambda _n: ("victim.one", "203.0.113.1"),
        "one username, new address each try": lambda n: (
            "victim.two",
            f"10.{n // 256}.{n % 256}.1",
        ),
        "one address, new username each try": lambda n: (f"guess.{n}", "203.0.113.2"),
    }
    waits = []
    for name, attempt in attackers.items():
        target = attempt(0)[0]
        throttle.record(engine, target, OWNER_ADDRESS, True, at=START - timedelta(days=7))
        checked = attack(engine, attempt)
        counts = [within(checked, window) for window in WINDOWS]
        steady = (counts[3] - counts[2]) / 23
        table.add(name, *counts, f"{steady:.1f} per hour")
        waits.append(f"{name}: {owner_wait(engine, target).total_seconds():g} s")
    table.notes.append(f"Per username and address: {describe(PAIR_RULE)}.")
    table.notes.append(f"Per username, unfamiliar addresses: {describe(USERNAME_RULE)}.")
    table.notes.append(f"Per address, unfamiliar usernames: {describe(ADDRESS_RULE)}.")
    table.notes.append("The owner's wait on their usual address: " + "; ".join(waits) + ".")
    return table


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.login_throttle")
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(f"sqlite:///{Path(folder) / 'throttle.db'}")
        prepare_schema(engine)
        table = run(engine)
        engine.dispose()
    body = (
        f"### Sign-in throttle\n\n{now_text()}, commit {git_commit()}; {machine_line()}\n\n"
        + table.markdown()
    )
    print(body)
    if not args.no_write:
        write_section("login-throttle", body)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
