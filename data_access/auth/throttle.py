"""Failed sign-ins slow down; nobody can be locked out by someone else's failures.

streamlit-authenticator's own counter lives in the process's memory: a restart, a
second worker or a new browser session starts it at zero. Ours is the
`login_attempts` table, so every process and every session sees the same count.

A hard lock per username lets anyone who knows a name keep an official out before a
meeting, and a lock per address lets one person shut out a whole office behind one
router. So, following OWASP's guidance on account lockout (delays, not locks; a
device the person has used before stays trusted):
- per (username, address) pair: a few free tries, then a delay that doubles after
  each failure, up to `PAIR_RULE.max_delay`. Never a lock. Only that pair is slowed:
  a guesser slows themself, not the person elsewhere. A success on the pair clears it.
- per username across addresses (a guesser with many addresses): from
  `USERNAME_RULE.free_failures` failures on, the administrators are alerted (see
  `watches`) and attempts from addresses the person has not signed in from lately
  are spaced out, by a delay that grows to at most `USERNAME_RULE.max_delay`. The
  person's own usual addresses are not slowed at all.
- per address across usernames (one machine trying many names): likewise, for the
  usernames that have not signed in from that address lately, so the regular users
  of an office's shared address are never slowed by one person's failures.
- "lately" is `TRUSTED_FOR`: a successful sign-in of that username from that address.

A refused attempt is not a password check and is not counted again: a person who is
slowed is not kept out longer for trying, and the delay simply runs out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Connection, Engine, FromClause, and_, delete, func, insert, or_, select
from sqlalchemy.orm import InstrumentedAttribute
from sqlalchemy.sql.elements import ColumnElement

from data_access.i18n import nfc
from data_access.models import LoginAttempt
from data_access.users import now as utc_now

USERNAME_MAX = 80
ADDRESS_MAX = 64
UNKNOWN_ADDRESS = "unknown"


@dataclass(frozen=True)
class ThrottleRule:
    """After `free_failures` failures inside `window`, each further attempt must wait
    `base_delay` doubled per extra failure (at most `max_delay`) after the latest one."""

    free_failures: int
    base_delay: timedelta
    max_delay: timedelta
    window: timedelta

    def wait_until(self, failures: int, last_failure: datetime | None) -> datetime | None:
        """When the next attempt may be made after `failures` failures, the latest at
        `last_failure`; None when it may be made at once."""
        if last_failure is None or failures < self.free_failures:
            return None
        extra = min(failures - self.free_failures, 30)  # 2**30 s is far beyond any cap
        return last_failure + min(self.base_delay * (2**extra), self.max_delay)


#: One person mistyping: five free tries, then 2 s doubling. A guesser on one address
#: gets about 100 checks a day (NIST SP 800-63B's ceiling per account), and only ever
#: slows their own (username, address) pair.
PAIR_RULE = ThrottleRule(
    free_failures=5,
    base_delay=timedelta(seconds=2),
    max_delay=timedelta(minutes=15),
    window=timedelta(hours=24),
)
#: A username failing from many addresses: alerted, and spaced out on unfamiliar
#: addresses only, never by more than five minutes, so the person can still sign in
#: from a new place (a phone, a hotel) during an attack.
USERNAME_RULE = ThrottleRule(
    free_failures=10,
    base_delay=timedelta(seconds=2),
    max_delay=timedelta(minutes=5),
    window=timedelta(hours=24),
)
#: An address failing for many usernames (password spraying): alerted, and spaced out
#: for usernames unfamiliar there. An hour's memory: a day of an office's typos must not
#: add up to an alarm.
ADDRESS_RULE = ThrottleRule(
    free_failures=30,
    base_delay=timedelta(seconds=1),
    max_delay=timedelta(minutes=2),
    window=timedelta(hours=1),
)
#: A username that signed in from an address within this time is at home there.
TRUSTED_FOR = timedelta(days=30)


@dataclass(frozen=True)
class Verdict:
    """Whether an attempt may be checked now; if not, until when and which rule."""

    allowed: bool
    retry_at: datetime | None = None
    reason: str | None = None  # "pair", "username" or "address"


@dataclass(frozen=True)
class Watch:
    """A username or address that has reached its alert level (`USERNAME_RULE` or
    `ADDRESS_RULE` free failures): what the administrators are shown."""

    kind: str  # "username" or "address"
    key: str
    failures: int
    addresses: int
    usernames: int
    latest: datetime


def normalise_username(username: str) -> str:
    """The form the throttle counts under: what `users.get_user` would look up, cut to
    the column's width so an absurd input cannot break the insert."""
    return nfc(username).strip().lower()[:USERNAME_MAX]


def normalise_address(address: str | None) -> str:
    return (address or UNKNOWN_ADDRESS).strip()[:ADDRESS_MAX] or UNKNOWN_ADDRESS


def _last_success(connection: Connection, *conditions: ColumnElement[bool]) -> datetime | None:
    return connection.scalar(
        select(func.max(LoginAttempt.attempted_at)).where(
            LoginAttempt.success.is_(True), *conditions
        )
    )


def _failures(
    connection: Connection, since: datetime, *conditions: ColumnElement[bool]
) -> tuple[int, datetime | None]:
    count, latest = connection.execute(
        select(func.count(), func.max(LoginAttempt.attempted_at)).where(
            LoginAttempt.success.is_(False), LoginAttempt.attempted_at > since, *conditions
        )
    ).one()
    return int(count), latest


def _since(window_start: datetime, last_success: datetime | None) -> datetime:
    return max(window_start, last_success) if last_success is not None else window_start


def check(
    engine: Engine, username: str, address: str | None, at: datetime | None = None
) -> Verdict:
    """May this username try a password now, from this address?"""
    at = at or utc_now()
    username, address = normalise_username(username), normalise_address(address)
    is_user = LoginAttempt.username == username
    is_address = LoginAttempt.client_address == address
    with engine.connect() as connection:
        pair_success = _last_success(connection, is_user, is_address)
        since = _since(at - PAIR_RULE.window, pair_success)
        counts = [("pair", PAIR_RULE, _failures(connection, since, is_user, is_address))]
        trusted = pair_success is not None and pair_success > at - TRUSTED_FOR
        if not trusted:
            user_success = _last_success(connection, is_user)
            since = _since(at - USERNAME_RULE.window, user_success)
            counts.append(("username", USERNAME_RULE, _failures(connection, since, is_user)))
            since = at - ADDRESS_RULE.window
            counts.append(("address", ADDRESS_RULE, _failures(connection, since, is_address)))
    verdicts = [
        Verdict(False, retry_at=retry_at, reason=reason)
        for reason, rule, (failures, latest) in counts
        if (retry_at := rule.wait_until(failures, latest)) is not None and retry_at > at
    ]
    if not verdicts:
        return Verdict(True)
    return max(verdicts, key=lambda verdict: verdict.retry_at or at)


def record(
    engine: Engine, username: str, address: str | None, success: bool, at: datetime | None = None
) -> None:
    with engine.begin() as connection:
        connection.execute(
            insert(LoginAttempt).values(
                attempted_at=at or utc_now(),
                username=normalise_username(username),
                client_address=normalise_address(address),
                success=success,
            )
        )


def _over_alert_level(
    connection: Connection,
    key: InstrumentedAttribute[str],
    other: InstrumentedAttribute[str],
    rule: ThrottleRule,
    at: datetime,
    source: FromClause,
    *conditions: ColumnElement[bool],
) -> list[tuple[str, int, int, datetime]]:
    """(key, failures, distinct `other` values, latest failure) for every key with at
    least `rule.free_failures` failures in the rule's window."""
    columns = (key, func.count(), func.count(other.distinct()), func.max(LoginAttempt.attempted_at))
    rows = connection.execute(
        select(*columns)
        .select_from(source)
        .where(
            LoginAttempt.success.is_(False),
            LoginAttempt.attempted_at > at - rule.window,
            *conditions,
        )
        .group_by(key)
        .having(func.count() >= rule.free_failures)
    )
    return [(str(k), int(n), int(others), latest) for k, n, others, latest in rows]


def watches(engine: Engine, at: datetime | None = None) -> list[Watch]:
    """Usernames and addresses at or over their alert level now, most failures first."""
    at = at or utc_now()
    last_success = (
        select(LoginAttempt.username, func.max(LoginAttempt.attempted_at).label("at"))
        .where(LoginAttempt.success.is_(True))
        .group_by(LoginAttempt.username)
        .subquery()
    )
    attempts = LoginAttempt.__table__
    since_success = attempts.outerjoin(
        last_success, last_success.c.username == LoginAttempt.username
    )
    after_success = or_(last_success.c.at.is_(None), LoginAttempt.attempted_at > last_success.c.at)
    user, address = LoginAttempt.username, LoginAttempt.client_address
    with engine.connect() as connection:
        by_user = _over_alert_level(
            connection, user, address, USERNAME_RULE, at, since_success, after_success
        )
        by_address = _over_alert_level(connection, address, user, ADDRESS_RULE, at, attempts)
    found = [Watch("username", key, n, others, 1, latest) for key, n, others, latest in by_user]
    found += [Watch("address", key, n, 1, others, latest) for key, n, others, latest in by_address]
    return sorted(found, key=lambda watch: (-watch.failures, watch.kind, watch.key))


def watched(
    engine: Engine, username: str, address: str | None, at: datetime | None = None
) -> list[Watch]:
    """The watches this username and address are under (after a failure: to alert)."""
    username, address = normalise_username(username), normalise_address(address)
    return [
        watch
        for watch in watches(engine, at)
        if (watch.kind, watch.key) in {("username", username), ("address", address)}
    ]


def unlock(engine: Engine, username: str | None = None, address: str | None = None) -> int:
    """Clear the failures of a username and/or address (an administrator vouching for the
    person, or done with an attack), so no delay or alert rests on them any more.

    The failures are deleted from the throttle's working table; the audit log keeps
    its own permanent record of them. Returns how many failures were cleared."""
    if username is None and address is None:
        raise ValueError("Say which username or address to unlock.")
    conditions = [LoginAttempt.success.is_(False)]
    if username is not None:
        conditions.append(LoginAttempt.username == normalise_username(username))
    if address is not None:
        conditions.append(LoginAttempt.client_address == normalise_address(address))
    with engine.begin() as connection:
        result = connection.execute(delete(LoginAttempt).where(*conditions))
    return int(result.rowcount or 0)


def prune(engine: Engine, at: datetime | None = None) -> int:
    """Forget failures older than any rule looks back, and successes older than the
    trust they give, so the table stays small."""
    at = at or utc_now()
    horizon = at - max(PAIR_RULE.window, USERNAME_RULE.window, ADDRESS_RULE.window) * 2
    stale = or_(
        and_(LoginAttempt.success.is_(False), LoginAttempt.attempted_at < horizon),
        LoginAttempt.attempted_at < at - TRUSTED_FOR,
    )
    with engine.begin() as connection:
        result = connection.execute(delete(LoginAttempt).where(stale))
    return int(result.rowcount or 0)
