"""Failed sign-ins slow down, then lock, per username and per client address.

streamlit-authenticator's own counter lives in the process's memory: a restart, a
second worker or a new browser session starts it at zero. Ours is the
`login_attempts` table, so every process and every session sees the same count.

Two rules apply to every attempt and the stricter one wins:
- per username (whether or not the user exists, so the throttle itself tells an
  attacker nothing): a few free tries, then a delay that doubles after each
  failure, then a temporary lock. A successful sign-in clears the count.
- per client address: looser, because an office shares one address behind its
  router, but it stops one machine from trying many usernames. A success does not
  clear it, or an attacker with one valid account could reset their own counter.

A refused attempt is not a password check and is not counted again: a person
locked out is not kept out longer for trying, and the lock simply runs out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Engine, delete, func, insert, select

from data_access.i18n import nfc
from data_access.models import LoginAttempt
from data_access.users import now as utc_now

USERNAME_MAX = 80
ADDRESS_MAX = 64
UNKNOWN_ADDRESS = "unknown"


@dataclass(frozen=True)
class ThrottleRule:
    """After `free_failures` failures inside `window`, each further attempt must wait
    `base_delay` doubled per extra failure (at most `max_delay`); from `lock_after`
    failures on, the key is locked for `lock_for` after its latest failure."""

    free_failures: int
    base_delay: timedelta
    max_delay: timedelta
    lock_after: int
    lock_for: timedelta
    window: timedelta

    def wait_until(self, failures: int, last_failure: datetime | None) -> datetime | None:
        """When the next attempt may be made after `failures` failures, the latest at
        `last_failure`; None when it may be made at once."""
        if last_failure is None or failures < self.free_failures:
            return None
        if failures >= self.lock_after:
            return last_failure + self.lock_for
        delay = min(self.base_delay * (2 ** (failures - self.free_failures)), self.max_delay)
        return last_failure + delay

    def is_lock(self, failures: int) -> bool:
        return failures >= self.lock_after


#: A day's memory per username: once locked, a guesser gets one try per lock period for
#: the rest of the day (about 100 tries a day in all, NIST SP 800-63B's ceiling), while
#: the person themself is never locked for longer than one period after an attack.
USERNAME_RULE = ThrottleRule(
    free_failures=3,
    base_delay=timedelta(seconds=2),
    max_delay=timedelta(seconds=60),
    lock_after=10,
    lock_for=timedelta(minutes=15),
    window=timedelta(hours=24),
)
#: An hour's memory per address: a ministry office shares one address, and a day of
#: everyone's typos must not lock the whole office out.
ADDRESS_RULE = ThrottleRule(
    free_failures=10,
    base_delay=timedelta(seconds=1),
    max_delay=timedelta(seconds=30),
    lock_after=30,
    lock_for=timedelta(minutes=15),
    window=timedelta(hours=1),
)


@dataclass(frozen=True)
class Verdict:
    """Whether an attempt may be checked now; if not, until when and why."""

    allowed: bool
    retry_at: datetime | None = None
    locked: bool = False
    reason: str | None = None  # "username" or "address"


def normalise_username(username: str) -> str:
    """The form the throttle counts under: what `users.get_user` would look up, cut to
    the column's width so an absurd input cannot break the insert."""
    return nfc(username).strip().lower()[:USERNAME_MAX]


def normalise_address(address: str | None) -> str:
    return (address or UNKNOWN_ADDRESS).strip()[:ADDRESS_MAX] or UNKNOWN_ADDRESS


def _failures_for_username(
    engine: Engine, username: str, since: datetime
) -> tuple[int, datetime | None]:
    with engine.connect() as connection:
        last_success = connection.scalar(
            select(func.max(LoginAttempt.attempted_at)).where(
                LoginAttempt.username == username, LoginAttempt.success.is_(True)
            )
        )
        start = max(since, last_success) if last_success is not None else since
        count, latest = connection.execute(
            select(func.count(), func.max(LoginAttempt.attempted_at)).where(
                LoginAttempt.username == username,
                LoginAttempt.success.is_(False),
                LoginAttempt.attempted_at > start,
            )
        ).one()
    return int(count), latest


def _failures_for_address(
    engine: Engine, address: str, since: datetime
) -> tuple[int, datetime | None]:
    with engine.connect() as connection:
        count, latest = connection.execute(
            select(func.count(), func.max(LoginAttempt.attempted_at)).where(
                LoginAttempt.client_address == address,
                LoginAttempt.success.is_(False),
                LoginAttempt.attempted_at > since,
            )
        ).one()
    return int(count), latest


def check(
    engine: Engine,
    username: str,
    address: str | None,
    at: datetime | None = None,
    username_rule: ThrottleRule = USERNAME_RULE,
    address_rule: ThrottleRule = ADDRESS_RULE,
) -> Verdict:
    """May this username try a password now, from this address?"""
    at = at or utc_now()
    username = normalise_username(username)
    address = normalise_address(address)
    verdicts: list[Verdict] = []
    by_username = _failures_for_username(engine, username, at - username_rule.window)
    by_address = _failures_for_address(engine, address, at - address_rule.window)
    counts = (("username", username_rule, by_username), ("address", address_rule, by_address))
    for reason, rule, (failures, latest) in counts:
        retry_at = rule.wait_until(failures, latest)
        if retry_at is not None and retry_at > at:
            verdicts.append(
                Verdict(False, retry_at=retry_at, locked=rule.is_lock(failures), reason=reason)
            )
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


def unlock(engine: Engine, username: str | None = None, address: str | None = None) -> int:
    """Lift a lock before it runs out (an administrator vouching for the person).

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
    """Forget attempts older than any rule looks back, so the table stays small."""
    horizon = (at or utc_now()) - max(USERNAME_RULE.window, ADDRESS_RULE.window) * 2
    with engine.begin() as connection:
        result = connection.execute(delete(LoginAttempt).where(LoginAttempt.attempted_at < horizon))
    return int(result.rowcount or 0)
