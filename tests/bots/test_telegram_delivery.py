"""The worker through python-telegram-bot's real HTTP stack to the fake Bot API server.

Every Telegram error path, and the rates actually achieved, read from the fake's records.
"""

from __future__ import annotations

import logging
from collections import Counter

import pytest

from bots.channels.errors import TemporaryFailure
from bots.channels.telegram import TelegramChannel, TelegramSettings
from bots.delivery import DeliveryPolicy, DeliveryWorker
from bots.ratelimit import Limit
from state import Store, chats
from state.models import Delivery
from tests.bots.conftest import add_chats, make_digest, store_digest
from tests.fakes.telegram_api import FakeTelegram, FloodLimits

FAST = DeliveryPolicy(backoff_base=0.01, backoff_max=0.05, max_attempts=4)


def channel(fake: FakeTelegram, **settings) -> TelegramChannel:
    """A channel on the fake; its own per-chat pacing fast unless a test is about rates."""
    settings.setdefault("rate_per_chat", 50)
    s = TelegramSettings(api_base_url=fake.api_base_url, request_timeout=5, **settings)
    return TelegramChannel(s, fake.token)


async def drain(store: Store, ch: TelegramChannel, **kw):
    kw.setdefault("policy", FAST)
    try:
        return await DeliveryWorker(store, {"telegram": ch}, **kw).drain(max_wait=5)
    finally:
        await ch.close()


def statuses(store: Store) -> dict[str, list[str]]:
    with store.transaction() as s:
        out: dict[str, list[str]] = {}
        for d in s.query(Delivery).order_by(Delivery.id):
            out.setdefault(d.chat.address, []).append(d.status)
        return out


async def test_a_digest_arrives_as_telegram_html_without_link_preview(
    store: Store, telegram_api: FakeTelegram
) -> None:
    add_chats(store, [101])
    store_digest(store, make_digest(1, title="Probation <North> & South"))
    report = await drain(store, channel(telegram_api))
    (msg,) = telegram_api.messages(101)
    assert report.sent == 1 and msg.parse_mode == "HTML" and msg.preview_disabled
    assert msg.plain.startswith("Probation <North> & South\nhmi-probation")
    with store.transaction() as s:
        (row,) = s.query(Delivery).all()
        assert row.message_id == str(msg.message_id)


async def test_flood_control_waits_retry_after_then_sends_once(
    store: Store, telegram_api: FakeTelegram
) -> None:
    telegram_api.limits = FloodLimits(per_chat_per_second=1, retry_after=0.3)
    add_chats(store, [101])
    store_digest(store, make_digest(1))
    store_digest(store, make_digest(2))
    # our own per-chat limit off, so Telegram's 429 is what paces this chat
    report = await drain(store, channel(telegram_api, rate_per_chat=100))
    sent = telegram_api.messages(101)
    (refusal, *_more) = telegram_api.flood_refusals()
    assert report.sent == 2 and report.rate_limited >= 1 and len(sent) == 2
    assert refusal.retry_after == 0.3
    assert sent[1].at - refusal.at >= 0.3  # waited what Telegram asked
    assert statuses(store) == {"101": ["sent", "sent"]}


async def test_server_errors_and_dropped_connections_retry_with_backoff(
    store: Store, telegram_api: FakeTelegram
) -> None:
    add_chats(store, [101, 102])
    store_digest(store, make_digest(1))
    telegram_api.fail_next("sendMessage", 502, times=2)
    telegram_api.drop_next("sendMessage")
    report = await drain(store, channel(telegram_api))
    assert report.retried == 3 and report.sent == 2
    assert Counter(m.chat_id for m in telegram_api.messages()) == {"101": 1, "102": 1}


async def test_a_drop_after_telegram_accepted_repeats_that_one_message(
    store: Store, telegram_api: FakeTelegram
) -> None:
    """At least once: an answer lost on the way back cannot be told from a lost request."""
    add_chats(store, [101])
    store_digest(store, make_digest(1))
    telegram_api.drop_next("sendMessage", after_accept=True)
    report = await drain(store, channel(telegram_api))
    assert report.sent == 1 and len(telegram_api.messages(101)) == 2


async def test_persistent_5xx_fails_the_delivery_with_the_reason(
    store: Store, telegram_api: FakeTelegram
) -> None:
    add_chats(store, [101])
    store_digest(store, make_digest(1))
    telegram_api.fail_next("sendMessage", 502, times=10)
    report = await drain(store, channel(telegram_api))
    assert report.failed == 1 and telegram_api.messages() == []
    with store.transaction() as s:
        (row,) = s.query(Delivery).all()
        assert row.status == "failed" and row.last_error.startswith(
            "gave up after 4 attempts: network: Bad Gateway"
        )


@pytest.mark.parametrize(
    ("setup", "reason"),
    [
        (lambda f: f.blocked.add("102"), "403 Forbidden: bot was blocked by the user"),
        (lambda f: f.kicked.add("102"), "403 Forbidden: bot was kicked from the group chat"),
        (lambda f: f.missing.add("102"), "400 Chat not found"),
    ],
)
async def test_blocked_kicked_or_missing_chats_are_deactivated(
    store: Store, telegram_api: FakeTelegram, setup, reason: str
) -> None:
    setup(telegram_api)
    add_chats(store, [101, 102])
    store_digest(store, make_digest(1))
    store_digest(store, make_digest(2))
    report = await drain(store, channel(telegram_api))
    assert report.deactivated == 1 and report.sent == 2
    assert statuses(store)["102"] == ["failed", "failed"]
    with store.transaction() as s:
        chat = chats.get(s, "telegram", "102")
        assert not chat.active and chat.deactivated_reason == reason


async def test_a_group_upgraded_to_a_supergroup_gets_the_digest_at_its_new_id(
    store: Store, telegram_api: FakeTelegram
) -> None:
    telegram_api.migrated["-500"] = "-1005000"
    add_chats(store, [-500], chat_type="group")
    store_digest(store, make_digest(1))
    report = await drain(store, channel(telegram_api))
    assert report.migrated == 1 and report.sent == 1
    assert len(telegram_api.messages(-1005000)) == 1 and telegram_api.messages(-500) == []
    with store.transaction() as s:
        assert chats.get(s, "telegram", "-1005000").subscriptions


async def test_overall_and_per_chat_rates_hold_at_telegram(
    store: Store, telegram_api: FakeTelegram
) -> None:
    telegram_api.limits = FloodLimits(overall_per_second=30, per_chat_per_second=1)
    add_chats(store, range(1, 26))
    for n in range(2):
        store_digest(store, make_digest(n + 1))
    report = await drain(store, channel(telegram_api, rate_overall=30, rate_per_chat=1))
    sent = telegram_api.messages()
    assert report.sent == 50 and len(sent) == 50 and telegram_api.flood_refusals() == []
    times = sorted(m.at for m in sent)
    windows = [times[i + 30] - times[i] for i in range(len(times) - 30)]
    assert min(windows) >= 1.0, windows  # never 31 in one second
    for chat in {m.chat_id for m in sent}:
        ts = [m.at for m in sent if m.chat_id == chat]
        gaps = [b - a for a, b in zip(ts, ts[1:], strict=False)]
        assert min(gaps) >= 1.0, gaps  # never 2 in one second to one chat
    # and not slower than it must be: 50 messages need two one-second windows, no more
    assert times[-1] - times[0] <= 1.6


def test_telegram_limits_by_chat_type() -> None:
    ch = TelegramChannel(TelegramSettings(), "1:dummy-token-for-a-unit-test")
    assert ch.rate_limits("5", "private") == [
        Limit("telegram", 30, 1.0, shared=True),
        Limit("telegram:5", 1, 1.0),
    ]
    assert ch.rate_limits("-5", "group")[-1] == Limit("telegram:-5:minute", 20, 60.0)
    assert ch.rate_limits("@news", "channel")[-1] == Limit("telegram:@news:minute", 20, 60.0)


async def test_a_rejected_token_never_appears_in_errors_or_logs(
    telegram_api: FakeTelegram, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    token = "987654:SECRET-token-that-must-not-leak"
    ch = TelegramChannel(TelegramSettings(api_base_url=telegram_api.api_base_url), token)
    with pytest.raises(TemporaryFailure) as info:
        await ch.start()
    assert "rejected" in info.value.reason
    assert "SECRET-token" not in info.value.reason and "SECRET-token" not in repr(info.value)
    assert info.value.__cause__ is None and info.value.__context__ is None
    logging.getLogger("test").exception("with a token in it: %s", token)
    assert "SECRET-token" not in caplog.text


async def test_a_429_in_one_private_chat_delays_that_chat_only(
    store: Store, telegram_api: FakeTelegram
) -> None:
    telegram_api.limits = FloodLimits(overall_per_second=30)  # Telegram's own overall limit
    telegram_api.flood_once["101"] = 3.0
    add_chats(store, [101, *range(200, 240)])
    store_digest(store, make_digest(1))
    report = await drain(store, channel(telegram_api))
    (refusal,) = telegram_api.flood_refusals()  # the injected one; the 30/s budget was kept
    assert refusal.chat_id == "101" and report.sent == 41
    others = [m for m in telegram_api.messages() if m.chat_id != "101"]
    assert len(others) == 40
    assert max(m.at for m in others) - refusal.at < 3.0  # nobody else waited for 101
    (late,) = telegram_api.messages(101)
    assert late.at - refusal.at >= 3.0


async def test_unparsable_html_is_sent_once_more_as_plain_text_and_logged(
    store: Store, telegram_api: FakeTelegram, caplog: pytest.LogCaptureFixture
) -> None:
    add_chats(store, [101])
    store_digest(store, make_digest(1, title="North & South"))
    telegram_api.fail_next(
        "sendMessage", 400, description="Bad Request: can't parse entities: unexpected end tag"
    )
    with caplog.at_level(logging.WARNING, logger="bots.delivery"):
        report = await drain(store, channel(telegram_api))
    (msg,) = telegram_api.messages(101)
    assert report.sent == 1 and report.failed == 0
    assert msg.parse_mode is None and msg.text.startswith(
        "North & South (https://example.org/report-1)\n"
    )
    assert "<" not in msg.text
    assert any("once more as plain text" in r.getMessage() for r in caplog.records)
    assert statuses(store) == {"101": ["sent"]}
