"""Sliding windows on an injected clock: no sleeping, exact arithmetic."""

from __future__ import annotations

import pytest

from bots.ratelimit import Limit, RateLimiter


class Clock:
    def __init__(self) -> None:
        self.t = 100.0

    def __call__(self) -> float:
        return self.t


@pytest.fixture
def clock() -> Clock:
    return Clock()


def test_a_window_admits_count_then_says_how_long(clock: Clock) -> None:
    rl = RateLimiter(clock, slack=0.0)
    lim = [Limit("all", 3, 1.0, shared=True)]
    for _ in range(3):
        assert rl.try_acquire(lim).wait == 0
        clock.t += 0.25
    grant = rl.try_acquire(lim)
    assert grant.wait == 0.25 and grant.shared and grant.at is None
    clock.t += 0.25
    assert rl.try_acquire(lim).wait == 0


def test_all_limits_or_none(clock: Clock) -> None:
    rl = RateLimiter(clock, slack=0.0)
    overall, chat = Limit("all", 10, 1.0, shared=True), Limit("chat:1", 1, 1.0)
    assert rl.try_acquire([overall, chat]).wait == 0
    grant = rl.try_acquire([overall, chat])
    assert grant.wait == pytest.approx(1.0) and not grant.shared  # the chat is in the way
    assert rl.try_acquire([overall, Limit("chat:2", 1, 1.0)]).wait == 0  # another chat is not
    assert len(rl._windows["all"]) == 2  # the refused attempt took no overall slot


def test_slack_lengthens_windows(clock: Clock) -> None:
    rl = RateLimiter(clock, slack=0.05)
    lim = [Limit("k", 1, 1.0)]
    rl.try_acquire(lim)
    clock.t += 1.0
    assert rl.try_acquire(lim).wait == pytest.approx(0.05)


def test_settle_counts_a_send_from_when_it_ended(clock: Clock) -> None:
    rl = RateLimiter(clock, slack=0.0)
    lim = [Limit("k", 1, 1.0)]
    grant = rl.try_acquire(lim)
    clock.t += 0.3  # the request took 0.3 s: the server may have seen it at the end
    rl.settle(lim, grant.at)
    clock.t += 0.8
    assert rl.try_acquire(lim).wait == pytest.approx(0.2)


def test_pause_blocks_a_key_for_retry_after(clock: Clock) -> None:
    rl = RateLimiter(clock)
    lim = [Limit("chat:1", 100, 1.0)]
    rl.pause("chat:1", 5)
    assert rl.try_acquire(lim).wait == pytest.approx(5)
    clock.t += 5
    assert rl.try_acquire(lim).wait == 0
    rl.forget_idle()
    assert rl._paused == {}


def test_rates_become_windows() -> None:
    assert Limit.rate("a", 30) == Limit("a", 30, 1.0)
    assert Limit.rate("a", 0.5) == Limit("a", 1, 2.0)
    assert Limit.rate("a", 2.5).per == pytest.approx(0.8)
