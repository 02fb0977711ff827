"""The outbox worker's decisions, on SQLite and PostgreSQL, with an in-memory channel."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest

from bots.admins import notify_admins
from bots.channels.errors import ChatGone, ChatMoved, MessageRejected, RateLimited, TemporaryFailure
from bots.daily import DailySchedule
from bots.delivery import DeliveryPolicy, DeliveryWorker
from bots.ratelimit import Limit
from state import Store, chats, deliveries
from state.models import Delivery
from tests.bots.conftest import NOW, add_chats, make_digest, store_digest
from tests.bots.memory_channel import Crash, MemoryChannel

FAST = DeliveryPolicy(backoff_base=0.01, backoff_max=0.05, max_attempts=4)


def rows(store: Store) -> list[Delivery]:
    with store.transaction() as s:
        out = list(s.query(Delivery).order_by(Delivery.id))
        for r in out:
            _ = r.chat.address
        return out


def worker(store: Store, channel: MemoryChannel, **kw) -> DeliveryWorker:
    kw.setdefault("policy", FAST)
    return DeliveryWorker(store, {channel.key: channel}, **kw)


async def test_each_digest_reaches_each_chat_once_and_is_recorded(store: Store) -> None:
    ch = MemoryChannel()
    add_chats(store, ["a", "b"], channel=ch.key)
    store_digest(store, make_digest(1))
    store_digest(store, make_digest(2))
    report = await worker(store, ch).drain()
    assert report.sent == 4 and report.pending == 0
    assert [len(ch.texts(a)) for a in "ab"] == [2, 2]
    assert ch.texts("a")[0].startswith("Inspection of probation services: Region 1")  # in order
    assert all(r.status == "sent" and r.message_id and r.sent_at for r in rows(store))
    assert (await worker(store, ch).drain()).sent == 0
    assert len(ch.sent) == 4


async def test_temporary_failures_back_off_then_succeed(store: Store) -> None:
    ch = MemoryChannel()
    add_chats(store, ["a"], channel=ch.key)
    store_digest(store, make_digest(1))
    ch.fail("a", TemporaryFailure("502 Bad Gateway"), TemporaryFailure("network: dropped"))
    w = worker(store, ch)
    report = await w.drain(max_wait=1)
    assert (report.retried, report.sent) == (2, 1)
    (row,) = rows(store)
    assert row.status == "sent" and row.attempts == 3 and row.last_error is None


async def test_temporary_failures_give_up_after_max_attempts_with_the_reason(store: Store) -> None:
    ch = MemoryChannel()
    add_chats(store, ["a"], channel=ch.key)
    store_digest(store, make_digest(1))
    ch.fail("a", *[TemporaryFailure("502 Bad Gateway")] * 10)
    report = await worker(store, ch).drain(max_wait=1)
    (row,) = rows(store)
    assert report.failed == 1 and report.retried == 3
    assert row.status == "failed" and row.attempts == 4
    assert row.last_error == "gave up after 4 attempts: 502 Bad Gateway"
    assert ch.sent == []


async def test_backoff_waits_grow_and_are_stored(store: Store) -> None:
    ch = MemoryChannel()
    add_chats(store, ["a"], channel=ch.key)
    store_digest(store, make_digest(1))
    ch.fail("a", TemporaryFailure("timed out"))
    clock = [NOW]
    w = worker(store, ch, policy=DeliveryPolicy(backoff_base=30), clock=lambda: clock[0])
    await w.drain(max_wait=0)
    (row,) = rows(store)
    assert row.status == "pending" and row.next_try_at == NOW + timedelta(seconds=30)
    assert DeliveryPolicy(backoff_base=2, backoff_max=60).backoff(1) == 2
    assert [DeliveryPolicy(backoff_base=2, backoff_max=60).backoff(n) for n in (2, 3, 6, 9)] == [
        4,
        8,
        60,
        60,
    ]
    clock[0] = NOW + timedelta(seconds=31)
    assert (await w.drain(max_wait=0)).sent == 1


async def test_flood_control_waits_retry_after_for_that_chat_without_using_an_attempt(
    store: Store,
) -> None:
    ch = MemoryChannel(limits=[Limit("{address}", 100, 1.0)])
    add_chats(store, ["a", "b"], channel=ch.key)
    store_digest(store, make_digest(1))
    ch.fail("a", RateLimited("429 flood control: retry after 0.2s", 0.2, scope="chat"))
    report = await worker(store, ch).drain(max_wait=2)
    assert report.rate_limited == 1 and report.sent == 2
    sent = {addr: t for addr, _text, t in ch.sent}
    [(_, refused_at)] = ch.refused
    assert sent["a"] - refused_at >= 0.2  # "a" went at least retry_after after its refusal
    assert sent["b"] < sent["a"]  # "b" did not wait for "a"'s flood control
    row = next(r for r in rows(store) if r.chat.address == "a")
    assert row.attempts == 1 and row.status == "sent"


async def test_a_blocked_chat_is_deactivated_and_its_queue_failed(store: Store) -> None:
    ch = MemoryChannel()
    add_chats(store, ["a", "gone"], channel=ch.key)
    store_digest(store, make_digest(1))
    store_digest(store, make_digest(2))
    ch.fail("gone", ChatGone("403 Forbidden: bot was blocked by the user"))
    report = await worker(store, ch).drain()
    assert report.deactivated == 1 and report.sent == 2
    gone = [r for r in rows(store) if r.chat.address == "gone"]
    assert [r.status for r in gone] == ["failed", "failed"]
    assert gone[0].last_error == "403 Forbidden: bot was blocked by the user"
    assert gone[1].last_error.startswith("chat deactivated: 403")
    with store.transaction() as s:
        chat = chats.get(s, ch.key, "gone")
        assert not chat.active and "blocked" in chat.deactivated_reason
    store_digest(store, make_digest(3))  # a new digest is not queued for it at all
    assert {r.chat.address for r in rows(store) if r.digest_id == 3} == {"a"}


async def test_a_migrated_group_is_moved_and_the_digest_resent_there(store: Store) -> None:
    ch = MemoryChannel()
    add_chats(store, ["-100"], channel=ch.key, chat_type="group")
    store_digest(store, make_digest(1))
    ch.fail("-100", ChatMoved("group moved", "-1009"))
    report = await worker(store, ch).drain()
    assert report.migrated == 1 and report.sent == 1
    assert [a for a, _t, _ in ch.sent] == ["-1009"]
    with store.transaction() as s:
        assert chats.get(s, ch.key, "-100") is None
        moved = chats.get(s, ch.key, "-1009")
        assert moved.active and moved.chat_type == "supergroup" and moved.subscriptions


async def test_migration_into_a_chat_already_known_moves_the_queue(store: Store) -> None:
    ch = MemoryChannel()
    add_chats(store, ["-100"], channel=ch.key, chat_type="group")
    with store.transaction() as s:
        chats.ensure(s, ch.key, "-1009", chat_type="supergroup")  # known, not subscribed
    store_digest(store, make_digest(1))
    store_digest(store, make_digest(2))
    ch.fail("-100", ChatMoved("group moved", "-1009"))
    await worker(store, ch).drain()
    assert len(ch.texts("-1009")) == 2 and ch.texts("-100") == []


async def test_a_refused_message_fails_at_once(store: Store) -> None:
    ch = MemoryChannel()
    add_chats(store, ["a"], channel=ch.key)
    store_digest(store, make_digest(1))
    ch.fail("a", MessageRejected("400 Bad Request: can't parse entities"))
    report = await worker(store, ch).drain()
    (row,) = rows(store)
    assert report.failed == 1 and row.status == "failed" and "parse entities" in row.last_error


async def test_restart_after_a_crash_repeats_at_most_the_message_in_flight(store: Store) -> None:
    ch = MemoryChannel()
    add_chats(store, [f"c{i}" for i in range(20)], channel=ch.key)
    for n in range(3):
        store_digest(store, make_digest(n + 1))
    ch.crash_after_ack = 25  # acknowledged by the service, killed before it was recorded
    with pytest.raises(Crash):
        await worker(store, ch).drain()
    ch.crash_after_ack = None
    await worker(store, ch).drain()  # a new process
    counts = Counter((a, t) for a, t, _ in ch.sent)
    assert len(counts) == 60  # every chat got every digest
    assert (
        sorted(counts.values()).count(2) == 1 and max(counts.values()) == 2
    )  # one repeat: the one in flight
    assert all(r.status == "sent" for r in rows(store))


async def test_a_long_message_resumes_after_the_last_part_acknowledged(store: Store) -> None:
    ch = MemoryChannel(parts_of=3)
    add_chats(store, ["a"], channel=ch.key)
    store_digest(store, make_digest(1))
    ch.fail("a", None, TemporaryFailure("network: dropped"))
    await worker(store, ch).drain(max_wait=1)
    assert [t[:5] for t in ch.texts("a")] == ["[1/3]", "[2/3]", "[3/3]"]
    (row,) = rows(store)
    assert row.status == "sent" and len(row.message_id.split(",")) == 3


async def test_chats_receive_in_order_even_when_the_first_waits(store: Store) -> None:
    ch = MemoryChannel()
    add_chats(store, ["a"], channel=ch.key)
    for n in (1, 2, 3):
        store_digest(store, make_digest(n))
    ch.fail("a", TemporaryFailure("x"), None, TemporaryFailure("y"))
    await worker(store, ch).drain(max_wait=1)
    assert [t[t.index("Region") :][:8] for t in ch.texts("a")] == [
        "Region 1",
        "Region 2",
        "Region 3",
    ]


async def test_per_chat_and_shared_limits_are_respected(store: Store) -> None:
    ch = MemoryChannel(limits=[Limit("all", 10, 0.5, shared=True), Limit("{address}", 1, 0.2)])
    add_chats(store, [f"c{i}" for i in range(8)], channel=ch.key)
    for n in range(3):
        store_digest(store, make_digest(n + 1))
    await worker(store, ch).drain()
    times = sorted(t for _a, _t, t in ch.sent)
    assert len(times) == 24
    for i in range(len(times) - 10):
        assert times[i + 10] - times[i] >= 0.5  # never 11 in any 0.5 s
    by_chat: dict[str, list[float]] = {}
    for a, _t, t in ch.sent:
        by_chat.setdefault(a, []).append(t)
    for ts in by_chat.values():
        assert all(b - a >= 0.2 for a, b in zip(ts, ts[1:], strict=False))


async def test_daily_mode_holds_digests_and_sends_one_message_at_the_daily_time(
    store: Store,
) -> None:
    ch = MemoryChannel()
    add_chats(store, ["now"], channel=ch.key)
    add_chats(store, ["daily"], channel=ch.key, mode="daily")
    schedule = DailySchedule.parse("08:00", "Europe/London")
    t0 = datetime(2026, 7, 1, 6, 0, tzinfo=UTC)  # 07:00 in London (BST)
    store_digest(store, make_digest(1), now=t0 - timedelta(hours=10))
    store_digest(store, make_digest(2), now=t0 - timedelta(hours=1))
    clock = [t0]
    w = worker(store, ch, daily=schedule, clock=lambda: clock[0])
    await w.drain()
    assert len(ch.texts("now")) == 2 and ch.texts("daily") == []
    with store.transaction() as s:
        assert deliveries.oldest_pending_age(s, t0) == 0  # held digests are not late
    clock[0] = datetime(2026, 7, 1, 7, 0, 1, tzinfo=UTC)  # 08:00:01 London
    store_digest(store, make_digest(3), now=clock[0])  # after the boundary: tomorrow's
    await w.drain()
    (daily,) = ch.texts("daily")
    assert daily.startswith("Daily digest, 1 July 2026: 2 new documents")
    assert "Region 1" in daily and "Region 2" in daily and "Region 3" not in daily
    assert len(ch.texts("now")) == 3
    statuses = Counter(r.status for r in rows(store) if r.chat.address == "daily")
    assert statuses == Counter({"batched": 2, "sent": 1, "pending": 1})
    clock[0] += timedelta(days=1)
    await w.drain()
    assert len(ch.texts("daily")) == 2 and "Region 3" in ch.texts("daily")[1]


async def test_switching_back_to_instant_releases_held_digests(store: Store) -> None:
    ch = MemoryChannel()
    add_chats(store, ["d"], channel=ch.key, mode="daily")
    store_digest(store, make_digest(1))
    w = worker(
        store, ch, daily=DailySchedule.parse("08:00", "UTC"), clock=lambda: NOW + timedelta(hours=1)
    )
    await w.drain()
    assert ch.sent == []
    with store.transaction() as s:
        chats.set_mode(s, chats.get(s, ch.key, "d"), "instant")
    await w.drain()
    assert len(ch.texts("d")) == 1


async def test_admin_notices_are_queued_and_delivered_like_digests(store: Store) -> None:
    ch = MemoryChannel()
    assert (
        notify_admins(store, "Source hmi-probation failing: HTTP 503", [11, 12], channel=ch.key)
        == 2
    )
    assert notify_admins(store, "ignored", [], channel=ch.key) == 0
    report = await worker(store, ch).drain()
    assert report.sent == 2
    assert ch.texts("11") == ["Source hmi-probation failing: HTTP 503"]
    with store.transaction() as s:
        assert not chats.get(s, ch.key, "11").subscriptions  # a notice does not subscribe


async def test_metrics_hook_counts_every_outcome(store: Store) -> None:
    ch = MemoryChannel()
    add_chats(store, ["a", "b"], channel=ch.key)
    store_digest(store, make_digest(1))
    ch.fail("b", TemporaryFailure("x"))
    events: list[tuple[str, str]] = []
    w = worker(store, ch, on_event=lambda e, c: events.append((e, c)))
    await w.drain()
    assert Counter(e for e, _ in events) == Counter({"sent": 2, "retried": 1})
    assert {c for _, c in events} == {ch.key} and w.counters["sent"] == 2


async def test_deliveries_for_channels_not_configured_wait(store: Store) -> None:
    ch = MemoryChannel()
    add_chats(store, ["a"], channel="telegram")
    store_digest(store, make_digest(1))
    report = await worker(store, ch).drain()
    assert report.sent == 0 and report.pending == 1


async def test_run_sends_what_arrives_and_stops(store: Store) -> None:
    import asyncio

    ch = MemoryChannel()
    add_chats(store, ["a"], channel=ch.key)
    w = worker(store, ch, policy=DeliveryPolicy(idle_interval=30))
    stop = asyncio.Event()
    task = asyncio.create_task(w.run(stop))
    store_digest(store, make_digest(1))
    await asyncio.sleep(0)  # let run() start waiting
    w.wake()
    deadline = asyncio.get_running_loop().time() + 5
    while not ch.sent and asyncio.get_running_loop().time() < deadline:
        await asyncio.sleep(0.01)
    stop.set()
    await asyncio.wait_for(task, 2)
    assert len(ch.texts("a")) == 1
