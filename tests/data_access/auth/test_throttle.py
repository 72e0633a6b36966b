"""The throttle: free tries, growing delays, the lock, its end, an administrator's unlock,
and the per-address rule, on both database backends."""

from __future__ import annotations

from datetime import datetime, timedelta

from data_access.auth import throttle
from data_access.auth.throttle import ADDRESS_RULE, USERNAME_RULE

T0 = datetime(2026, 3, 2, 9, 0, 0)
ADDRESS = "203.0.113.7"


def fail(engine, username: str, at: datetime, address: str = ADDRESS) -> None:
    throttle.record(engine, username, address, success=False, at=at)


def test_first_failures_are_free_then_the_delay_doubles(engine):
    for n in range(USERNAME_RULE.free_failures - 1):
        fail(engine, "molisa.user", T0 + timedelta(seconds=n))
        assert throttle.check(engine, "molisa.user", ADDRESS, at=T0 + timedelta(seconds=n)).allowed

    last = T0 + timedelta(seconds=10)
    fail(engine, "molisa.user", last)
    verdict = throttle.check(engine, "molisa.user", ADDRESS, at=last)
    assert not verdict.allowed and not verdict.locked
    assert verdict.reason == "username"
    assert verdict.retry_at == last + USERNAME_RULE.base_delay

    fail(engine, "molisa.user", verdict.retry_at)
    doubled = throttle.check(engine, "molisa.user", ADDRESS, at=verdict.retry_at)
    assert doubled.retry_at == verdict.retry_at + 2 * USERNAME_RULE.base_delay
    assert throttle.check(engine, "molisa.user", ADDRESS, at=doubled.retry_at).allowed


def test_lock_after_many_failures_then_it_runs_out(engine):
    at = T0
    for _ in range(USERNAME_RULE.lock_after):
        fail(engine, "vcci.user", at)
        at += timedelta(seconds=61)
    last = at - timedelta(seconds=61)
    verdict = throttle.check(engine, "vcci.user", ADDRESS, at=last + timedelta(minutes=1))
    assert verdict.locked and not verdict.allowed
    assert verdict.retry_at == last + USERNAME_RULE.lock_for
    just_before = last + USERNAME_RULE.lock_for - timedelta(seconds=1)
    assert not throttle.check(engine, "vcci.user", ADDRESS, at=just_before).allowed
    assert throttle.check(engine, "vcci.user", ADDRESS, at=last + USERNAME_RULE.lock_for).allowed


def test_username_is_counted_in_its_normal_form(engine):
    """`VCCI.User ` and `vcci.user` are the same account to users.get_user, so they must
    share one count; decomposed Vietnamese likewise (NFC)."""
    for n in range(USERNAME_RULE.free_failures):
        fail(engine, " VCCI.User" if n % 2 else "vcci.user", T0 + timedelta(seconds=n))
    assert not throttle.check(engine, "vcci.USER", ADDRESS, at=T0 + timedelta(seconds=3)).allowed
    decomposed, composed = "nguye\u0302\u0303n", "nguy\u1ec5n"
    for n in range(USERNAME_RULE.free_failures):
        fail(engine, decomposed, T0 + timedelta(seconds=n))
    assert not throttle.check(engine, composed, ADDRESS, at=T0 + timedelta(seconds=3)).allowed


def test_success_clears_the_username_count_but_not_the_address_count(engine):
    for n in range(USERNAME_RULE.free_failures):
        fail(engine, "vgcl.user", T0 + timedelta(seconds=n))
    throttle.record(engine, "vgcl.user", ADDRESS, success=True, at=T0 + timedelta(minutes=5))
    later = T0 + timedelta(minutes=5, seconds=1)
    assert throttle.check(engine, "vgcl.user", "198.51.100.1", at=later).allowed

    for n in range(ADDRESS_RULE.free_failures):
        fail(engine, f"guess{n}", T0 + timedelta(minutes=10, seconds=n))
    right_after = T0 + timedelta(minutes=10, seconds=ADDRESS_RULE.free_failures)
    throttle.record(engine, "own.account", ADDRESS, success=True, at=right_after)
    verdict = throttle.check(engine, "someone.else", ADDRESS, at=right_after)
    assert not verdict.allowed and verdict.reason == "address"


def test_failures_older_than_the_window_are_forgotten(engine):
    for n in range(USERNAME_RULE.lock_after):
        fail(engine, "old.user", T0 + timedelta(seconds=n))
    after_window = T0 + USERNAME_RULE.window + timedelta(seconds=USERNAME_RULE.lock_after + 1)
    assert throttle.check(engine, "old.user", ADDRESS, at=after_window).allowed


def test_many_usernames_from_one_address_lock_the_address(engine):
    at = T0
    for n in range(ADDRESS_RULE.lock_after):
        fail(engine, f"spray{n}", at)
        at += timedelta(seconds=31)
    verdict = throttle.check(engine, "fresh.name", ADDRESS, at=at)
    assert verdict.locked and verdict.reason == "address"
    assert throttle.check(engine, "fresh.name", "198.51.100.9", at=at).allowed


def test_unlock_lifts_a_lock_before_it_runs_out(engine):
    for n in range(USERNAME_RULE.lock_after):
        fail(engine, "ilo.user", T0 + timedelta(seconds=n))
    at = T0 + timedelta(seconds=USERNAME_RULE.lock_after)
    assert throttle.check(engine, "ilo.user", "198.51.100.2", at=at).locked
    assert throttle.unlock(engine, username="ILO.user") == USERNAME_RULE.lock_after
    assert throttle.check(engine, "ilo.user", "198.51.100.2", at=at).allowed


def test_prune_keeps_what_the_rules_still_look_at(engine):
    longest = max(USERNAME_RULE.window, ADDRESS_RULE.window)
    fail(engine, "a.user", T0)
    fail(engine, "a.user", T0 + 2 * longest)
    assert throttle.prune(engine, at=T0 + 2 * longest + timedelta(minutes=1)) == 1
    assert throttle.unlock(engine, username="a.user") == 1


def test_absurd_input_is_cut_to_fit_the_columns(engine):
    fail(engine, "x" * 500, T0, address="y" * 300)
    assert throttle.check(engine, "x" * 500, "y" * 300, at=T0).allowed
    assert throttle.normalise_address(None) == throttle.UNKNOWN_ADDRESS
