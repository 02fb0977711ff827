"""Due times on the monotonic clock: wall-clock steps either way change nothing, and a
stored due time read after the clock went back cannot make a source wait for ever."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from watcher.schedule import Schedule

WALL = datetime(2026, 10, 20, 9, 0, tzinfo=UTC)


class Clocks:
    def __init__(self) -> None:
        self.mono, self.wall = 1000.0, WALL

    def advance(self, seconds: float) -> None:
        self.mono += seconds
        self.wall += timedelta(seconds=seconds)


def schedule(clocks: Clocks) -> Schedule:
    return Schedule(lambda: clocks.mono, lambda: clocks.wall)


def test_a_wall_clock_stepped_back_a_day_still_polls_on_time() -> None:
    c = Clocks()
    s = schedule(c)
    s.learn("a", None, interval=timedelta(minutes=5), failing=False)
    assert s.due(["a"]) == ["a"]
    s.polled("a", c.mono, timedelta(minutes=5))
    c.wall -= timedelta(days=1)  # the step
    c.advance(299)
    assert s.due(["a"]) == []
    c.advance(1)
    assert s.due(["a"]) == ["a"]


def test_a_wall_clock_stepped_forward_sets_nothing_off_early() -> None:
    c = Clocks()
    s = schedule(c)
    s.polled("a", c.mono, timedelta(minutes=5))
    c.wall += timedelta(days=1)
    c.advance(10)
    assert s.due(["a"]) == []


def test_a_stored_due_time_far_ahead_is_capped_at_the_interval() -> None:
    c = Clocks()
    s = schedule(c)
    ahead = WALL + timedelta(days=1, minutes=5)  # stored before the clock went back a day
    s.learn("ok", ahead, interval=timedelta(minutes=5), failing=False)
    s.learn("failing", ahead, interval=timedelta(minutes=5), failing=True)
    s.learn("soon", WALL + timedelta(minutes=2), interval=timedelta(minutes=5), failing=False)
    c.advance(120)
    assert s.due(["ok", "failing", "soon"]) == ["soon"]
    c.advance(180)
    assert s.due(["ok", "failing", "soon"]) == ["ok", "soon"]
    c.advance(86400)
    assert s.due(["ok", "failing", "soon"]) == ["ok", "failing", "soon"]
