"""The throttle: free tries, growing delays per (username, address) pair and never a
lock, the slower spacing of unfamiliar addresses under a username- or address-wide
watch, an administrator's unlock, on both database backends."""

from __future__ import annotations

from datetime import datetime, timedelta

from data_access.auth import throttle
from data_access.auth.throttle import ADDRESS_RULE, PAIR_RULE, TRUSTED_FOR, USERNAME_RULE

T0 = datetime(2026, 3, 2, 9, 0, 0)
ADDRESS = "203.0.113.7"
OFFICE = "198.51.100.20"
PHONE = "100.64.0.9"


def fail(engine, username: str, at: datetime, address: str = ADDRESS) -> None:
    throttle.record(engine, username, address, success=False, at=at)


def test_first_failures_are_free_then_the_delay_doubles(engine):
    for n in range(PAIR_RULE.free_failures - 1):
        fail(engine, "molisa.user", T0 + timedelta(seconds=n))
        assert throttle.check(engine, "molisa.user", ADDRESS, at=T0 + timedelta(seconds=n)).allowed

    last = T0 + timedelta(seconds=10)
    fail(engine, "molisa.user", last)
    verdict = throttle.check(engine, "molisa.user", ADDRESS, at=last)
    assert not verdict.allowed and verdict.reason == "pair"
    assert verdict.retry_at == last + PAIR_RULE.base_delay

    fail(engine, "molisa.user", verdict.retry_at)
    doubled = throttle.check(engine, "molisa.user", ADDRESS, at=verdict.retry_at)
    assert doubled.retry_at == verdict.retry_at + 2 * PAIR_RULE.base_delay
    assert throttle.check(engine, "molisa.user", ADDRESS, at=doubled.retry_at).allowed


def test_a_hundred_failures_slow_the_pair_but_never_lock_it(engine):
    at = T0
    for _ in range(100):
        fail(engine, "vcci.user", at)
        at += timedelta(seconds=5)
    last = at - timedelta(seconds=5)
    verdict = throttle.check(engine, "vcci.user", ADDRESS, at=last + timedelta(seconds=1))
    assert not verdict.allowed and verdict.retry_at == last + PAIR_RULE.max_delay
    assert throttle.check(engine, "vcci.user", ADDRESS, at=last + PAIR_RULE.max_delay).allowed


def test_a_strangers_hundred_failures_do_not_stop_the_owner_elsewhere(engine):
    """The owner signed in from the office last week; a stranger then fails 100 times
    from another address (through the day, as fast as their own delays let them)."""
    throttle.record(engine, "molisa.head", OFFICE, success=True, at=T0 - timedelta(days=7))
    at = T0
    for _ in range(100):
        fail(engine, "molisa.head", at, address=ADDRESS)
        at += PAIR_RULE.max_delay / 2
    last = at - PAIR_RULE.max_delay / 2
    moment = last + timedelta(seconds=1)
    stranger = throttle.check(engine, "molisa.head", ADDRESS, at=moment)
    assert not stranger.allowed and stranger.reason == "pair"

    assert throttle.check(engine, "molisa.head", OFFICE, at=moment).allowed

    on_phone = throttle.check(engine, "molisa.head", PHONE, at=moment)
    assert not on_phone.allowed and on_phone.reason == "username"
    assert on_phone.retry_at == last + USERNAME_RULE.max_delay, "slowed, at most 5 minutes"
    assert throttle.check(engine, "molisa.head", PHONE, at=on_phone.retry_at).allowed


def test_an_address_trying_many_usernames_slows_only_strangers_to_it(engine):
    throttle.record(engine, "regular.user", OFFICE, success=True, at=T0 - timedelta(days=1))
    at = T0
    for n in range(ADDRESS_RULE.free_failures):
        fail(engine, f"spray{n}", at, address=OFFICE)
        at += timedelta(seconds=1)
    moment = at - timedelta(milliseconds=500)
    newcomer = throttle.check(engine, "fresh.name", OFFICE, at=moment)
    assert not newcomer.allowed and newcomer.reason == "address"
    assert newcomer.retry_at <= moment + ADDRESS_RULE.max_delay
    assert throttle.check(engine, "regular.user", OFFICE, at=moment).allowed
    assert throttle.check(engine, "fresh.name", "198.51.100.9", at=moment).allowed


def test_trust_in_an_address_runs_out(engine):
    throttle.record(engine, "old.friend", OFFICE, success=True, at=T0 - TRUSTED_FOR)
    for n in range(USERNAME_RULE.free_failures):
        fail(engine, "old.friend", T0 + timedelta(seconds=n), address=f"10.0.0.{n}")
    verdict = throttle.check(engine, "old.friend", OFFICE, at=T0 + timedelta(seconds=10))
    assert not verdict.allowed and verdict.reason == "username"


def test_username_is_counted_in_its_normal_form(engine):
    """`VCCI.User ` and `vcci.user` are the same account to users.get_user, so they must
    share one count; decomposed Vietnamese likewise (NFC)."""
    for n in range(PAIR_RULE.free_failures):
        fail(engine, " VCCI.User" if n % 2 else "vcci.user", T0 + timedelta(seconds=n))
    assert not throttle.check(engine, "vcci.USER", ADDRESS, at=T0 + timedelta(seconds=5)).allowed
    decomposed, composed = "nguye\u0302\u0303n", "nguy\u1ec5n"
    for n in range(PAIR_RULE.free_failures):
        fail(engine, decomposed, T0 + timedelta(seconds=n))
    assert not throttle.check(engine, composed, ADDRESS, at=T0 + timedelta(seconds=5)).allowed


def test_success_clears_the_pair_count(engine):
    for n in range(PAIR_RULE.free_failures):
        fail(engine, "vgcl.user", T0 + timedelta(seconds=n))
    throttle.record(engine, "vgcl.user", ADDRESS, success=True, at=T0 + timedelta(minutes=5))
    later = T0 + timedelta(minutes=5, seconds=1)
    fail(engine, "vgcl.user", later)
    assert throttle.check(engine, "vgcl.user", ADDRESS, at=later).allowed


def test_failures_older_than_the_window_are_forgotten(engine):
    for n in range(100):
        fail(engine, "old.user", T0 + timedelta(seconds=n))
    after_window = T0 + PAIR_RULE.window + timedelta(seconds=101)
    assert throttle.check(engine, "old.user", ADDRESS, at=after_window).allowed


def test_watches_list_what_reached_its_alert_level(engine):
    for n in range(USERNAME_RULE.free_failures):
        fail(engine, "ilo.user", T0 + timedelta(seconds=n), address=f"10.0.1.{n % 4}")
    for n in range(ADDRESS_RULE.free_failures):
        fail(engine, f"spray{n}", T0 + timedelta(seconds=n), address=OFFICE)
    fail(engine, "calm.user", T0)
    at = T0 + timedelta(minutes=1)
    found = {(watch.kind, watch.key): watch for watch in throttle.watches(engine, at)}
    assert set(found) == {("username", "ilo.user"), ("address", OFFICE)}
    assert found["username", "ilo.user"].failures == USERNAME_RULE.free_failures
    assert found["username", "ilo.user"].addresses == 4
    assert found["address", OFFICE].usernames == ADDRESS_RULE.free_failures
    assert [w.kind for w in throttle.watched(engine, "ILO.user", "192.0.2.1", at)] == ["username"]
    later = T0 + ADDRESS_RULE.window + timedelta(minutes=1)
    assert {w.kind for w in throttle.watches(engine, later)} == {"username"}


def test_unlock_clears_the_failures(engine):
    for n in range(USERNAME_RULE.free_failures):
        fail(engine, "ilo.user", T0 + timedelta(seconds=n), address=f"10.0.2.{n}")
    at = T0 + timedelta(seconds=USERNAME_RULE.free_failures)
    assert not throttle.check(engine, "ilo.user", "198.51.100.2", at=at).allowed
    assert throttle.unlock(engine, username="ILO.user") == USERNAME_RULE.free_failures
    assert throttle.check(engine, "ilo.user", "198.51.100.2", at=at).allowed
    assert throttle.watches(engine, at) == []


def test_prune_keeps_what_the_rules_still_look_at(engine):
    longest = max(PAIR_RULE.window, USERNAME_RULE.window, ADDRESS_RULE.window)
    fail(engine, "a.user", T0)
    throttle.record(engine, "a.user", OFFICE, success=True, at=T0)
    fail(engine, "a.user", T0 + 2 * longest)
    assert throttle.prune(engine, at=T0 + 2 * longest + timedelta(minutes=1)) == 1
    assert throttle.unlock(engine, username="a.user") == 1
    assert throttle.prune(engine, at=T0 + TRUSTED_FOR + timedelta(minutes=1)) == 1


def test_absurd_input_is_cut_to_fit_the_columns(engine):
    fail(engine, "x" * 500, T0, address="y" * 300)
    assert throttle.check(engine, "x" * 500, "y" * 300, at=T0).allowed
    assert throttle.normalise_address(None) == throttle.UNKNOWN_ADDRESS
