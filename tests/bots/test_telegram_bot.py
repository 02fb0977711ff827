"""The bot end to end: updates from the fake's getUpdates, answers recorded by the fake."""

from __future__ import annotations

import logging
from datetime import date

import pytest

from bots.channels.telegram import TelegramChannel, TelegramSettings
from bots.delivery import DeliveryWorker
from bots.telegram_bot import build_application, start_bot, stop_bot
from state import Store, chats, documents, sources
from state.documents import DocumentRecord
from state.models import Chat, Delivery, Subscription
from tests.bots.conftest import make_digest, store_digest
from tests.fakes.telegram_api import FakeTelegram, Sent

ADMIN = 900


@pytest.fixture
async def bot(store: Store, telegram_api: FakeTelegram):
    settings = TelegramSettings(
        api_base_url=telegram_api.api_base_url, admins=(ADMIN,), poll_timeout=1, request_timeout=5
    )
    app = build_application(
        telegram_api.token, settings, store, known_tags=("inspectorate", "blog")
    )
    await start_bot(app)
    yield app
    await stop_bot(app)


async def ask(fake: FakeTelegram, chat: int, text: str, **kw) -> Sent:
    """A user sends `text`; returns the bot's (first) answer in that chat."""
    before = len(fake.messages(chat))
    fake.user_sends(chat, text, **kw)
    await fake.until(lambda f: len(f.messages(chat)) > before)
    return fake.messages(chat)[before]


def subscriptions(store: Store, address: str) -> list[tuple[str, str]]:
    with store.transaction() as s:
        chat = chats.get(s, "telegram", address)
        return sorted((x.filter_kind, x.filter_value) for x in chat.subscriptions) if chat else []


def add_figures(store: Store) -> None:
    with store.transaction() as s:
        src = sources.ensure(s, "hmi-probation", "feed", "https://example.org/feed")
        for year, value in ((2015, 41.0), (2020, 48.0), (2023, 55.0)):
            record = DocumentRecord(
                entry_key=f"r{year}", ref=f"https://example.org/{year}", title=f"Report {year} <annual>",
                body="b", content_hash=f"h{year}", url=f"https://example.org/{year}", published=date(year, 6, 1),
            )  # fmt: skip
            figure = {
                "value": value, "unit": "count", "qualifier": None, "of": None, "text": str(value),
                "sentence": "s", "metric": "caseload_average", "label": "Average caseload",
                "scope": None, "in_comments": False,
            }  # fmt: skip
            documents.save(s, src.id, record, [figure], [])


async def test_start_welcomes_and_the_command_menu_is_set(
    bot, telegram_api: FakeTelegram, store: Store
) -> None:
    answer = await ask(telegram_api, 11, "/start")
    assert "inspectwatch reads the reports of HM Inspectorate of Probation" in answer.plain
    assert "/subscribe" in answer.plain and answer.parse_mode == "HTML"
    with store.transaction() as s:
        assert chats.get(s, "telegram", "11") is not None
    menus = {
        (m["scope"] or "default"): [c["command"] for c in m["commands"]]
        for m in telegram_api.commands
    }
    assert "stats" not in menus["default"] and "subscribe" in menus["default"]
    assert any("stats" in cmds for scope, cmds in menus.items() if str(ADMIN) in scope)


async def test_subscribe_to_everything_then_list_and_unsubscribe(
    bot, telegram_api: FakeTelegram, store: Store
) -> None:
    assert (await ask(telegram_api, 11, "/subscribe")).plain == "Subscribed to every digest."
    assert (
        await ask(telegram_api, 11, "/subscribe")
    ).plain == "Already subscribed to every digest."
    assert subscriptions(store, "11") == [("all", "")]
    listing = (await ask(telegram_api, 11, "/list")).plain
    assert "This chat receives (1 subscription)\n• every digest" in listing
    assert (await ask(telegram_api, 11, "/unsubscribe")).plain.startswith(
        "Unsubscribed from everything"
    )
    assert subscriptions(store, "11") == []


async def test_subscribe_to_a_source_by_name(bot, telegram_api: FakeTelegram, store: Store) -> None:
    with store.transaction() as s:
        sources.ensure(s, "On-Probation", "feed", "https://x.org/feed")
    answer = await ask(telegram_api, 11, "/subscribe on-probation")
    assert answer.plain == "Subscribed to the source “on-probation”."
    assert subscriptions(store, "11") == [("source", "on-probation")]
    assert (await ask(telegram_api, 11, "/unsubscribe on-probation")).plain.startswith(
        "Unsubscribed from the source"
    )


async def test_an_unclear_subscription_offers_buttons_and_a_press_subscribes(
    bot, telegram_api: FakeTelegram, store: Store
) -> None:
    answer = await ask(telegram_api, 11, "/subscribe insp")
    assert answer.plain.startswith("No source, topic, place or measure is called “insp”.")
    data = {b["text"]: b["callback_data"] for b in answer.buttons()}
    assert data["Tag: inspectorate"].startswith("sub|g|inspectorate|")  # signed
    assert subscriptions(store, "11") == []  # a near match is offered, not taken
    telegram_api.user_clicks(11, data["Tag: inspectorate"])
    await telegram_api.until(lambda f: f.edits)
    assert telegram_api.edits[-1]["plain"] == "Subscribed to the tag “inspectorate”."
    assert telegram_api.callback_answers
    assert subscriptions(store, "11") == [("tag", "inspectorate")]


async def test_topics_come_from_the_measure_taxonomy(
    bot, telegram_api: FakeTelegram, store: Store
) -> None:
    answer = await ask(telegram_api, 11, "/subscribe domestic abuse")
    assert answer.plain == "Subscribed to the topic “domestic abuse”."  # it names a topic
    assert subscriptions(store, "11") == [("topic", "domestic abuse")]


async def test_forged_or_expired_button_data_changes_nothing(
    bot, telegram_api: FakeTelegram, store: Store
) -> None:
    await ask(telegram_api, 11, "/start")
    forged = ("sub|a|", "sub|t|anything|AAAAAAAA", "drop table", "~sub|abc|xxxxxxxx", "sub|z|x")
    for data in forged:
        telegram_api.user_clicks(11, data)
    await telegram_api.until(lambda f: len(f.callback_answers) >= len(forged))
    assert subscriptions(store, "11") == []
    assert all("no longer valid" in a.get("text", "") for a in telegram_api.callback_answers)


async def test_in_a_group_only_its_admins_subscribe(
    bot, telegram_api: FakeTelegram, store: Store
) -> None:
    telegram_api.admins["-200"] = {7}
    refused = await ask(telegram_api, -200, "/subscribe", user_id=8, chat_type="group")
    assert refused.plain == "Only an administrator of this group can change what it receives."
    assert subscriptions(store, "-200") == []
    ok = await ask(telegram_api, -200, "/subscribe", user_id=7, chat_type="group")
    assert ok.plain == "Subscribed to every digest."
    anonymous = {"id": -200, "type": "group", "title": "A group"}
    ok = await ask(
        telegram_api,
        -200,
        "/mode daily",
        user_id=1087968824,
        chat_type="group",
        sender_chat=anonymous,
    )
    assert ok.plain.startswith("Daily mode")
    assert ("getChatMember", {"chat_id": "-200", "user_id": "8"}) in [
        (m, {k: p.get(k) for k in ("chat_id", "user_id")}) for m, p in telegram_api.calls
    ]


async def test_a_non_admin_pressing_a_group_button_is_refused(
    bot, telegram_api: FakeTelegram, store: Store
) -> None:
    telegram_api.admins["-200"] = {7}
    offer = await ask(telegram_api, -200, "/subscribe insp", user_id=7, chat_type="group")
    data = {b["text"]: b["callback_data"] for b in offer.buttons()}["Tag: inspectorate"]
    telegram_api.user_clicks(-200, data, user_id=8, chat_type="group")
    await telegram_api.until(lambda f: f.callback_answers)
    assert telegram_api.callback_answers[-1]["show_alert"] == "true"
    assert subscriptions(store, "-200") == []


async def test_stats_is_for_the_bots_admins_only(bot, telegram_api: FakeTelegram) -> None:
    assert (
        await ask(telegram_api, 11, "/stats")
    ).plain == "This command is for the bot's administrators."
    stats = (await ask(telegram_api, ADMIN, "/stats")).plain
    assert stats.startswith("inspectwatch stats") and "Outbox:" in stats


async def test_latest_figure_and_trend(bot, telegram_api: FakeTelegram, store: Store) -> None:
    assert (await ask(telegram_api, 11, "/latest")).plain.startswith("No digests yet")
    for n in (1, 2):
        store_digest(store, make_digest(n))
    latest = (await ask(telegram_api, 11, "/latest 5")).plain
    assert (
        latest.startswith("The latest 2 digests") and "Region 2" in latest and "Region 1" in latest
    )
    assert "(1 to 10)" in (await ask(telegram_api, 11, "/latest 99")).plain
    add_figures(store)
    history = await ask(telegram_api, 11, "/figure average caseload")
    assert "Average caseload" in history.plain
    assert "1 June 2015: 41 – Report 2015 <annual> [hmi-probation]" in history.plain
    assert "caseload_average" not in history.plain  # no internal keys
    assert "Latest 55 (1 June 2023), up from 48 (1 June 2020)." in history.plain
    assert history.plain.index("2015") < history.plain.index("2023")
    chart = await ask(telegram_api, 11, "/trend caseload_average")
    assert chart.method == "sendPhoto" and chart.photo.startswith(b"\x89PNG")
    assert "3 values, 1 June 2015 to 1 June 2023" in chart.plain and len(chart.plain) <= 1024
    assert (
        "No measure or place is called “qqqzzz”"
        in (await ask(telegram_api, 11, "/figure qqqzzz")).plain
    )


async def test_sources_shows_health_escaped(bot, telegram_api: FakeTelegram, store: Store) -> None:
    with store.transaction() as s:
        ok = sources.ensure(s, "hmi-probation", "feed", "https://example.org/feed")
        sources.record_success(s, ok, etag=None, last_modified=None, next_due_at=None)
        bad = sources.ensure(s, "blog", "feed", "https://blog.example.org/feed")
        sources.record_failure(s, bad, "HTTP 503 <html>&", next_due_at=None)
    answer = (await ask(telegram_api, 11, "/sources")).plain
    assert "✅ working: hmi-probation (example.org)" in answer
    assert "⚠️ failing: blog (blog.example.org)" in answer
    assert "1 failure in a row: HTTP 503 <html>&" in answer


async def test_sources_counts_failing_entries(bot, telegram_api: FakeTelegram, store: Store) -> None:
    from datetime import UTC, datetime

    from state import entry_failures

    now = datetime.now(UTC)
    with store.transaction() as s:
        src = sources.ensure(s, "hmi-probation", "feed", "https://example.org/feed")
        sources.record_success(s, src, etag='"v1"', last_modified=None, next_due_at=None)
        entry_failures.record(
            s, src, "urn:1", "https://example.org/dead-report", "HTTP 404 Not Found",
            next_try_at=now, now=now,
        )  # fmt: skip
    answer = (await ask(telegram_api, 11, "/sources")).plain
    assert "⚠️ failing: hmi-probation (example.org)" in answer and "✅" not in answer
    assert "1 entry failing" in answer and "https://example.org/dead-report: HTTP 404" in answer


async def test_mode_switches_and_explains(bot, telegram_api: FakeTelegram, store: Store) -> None:
    assert "instant mode" in (await ask(telegram_api, 11, "/mode")).plain
    assert (await ask(telegram_api, 11, "/mode daily")).plain.startswith(
        "Daily mode. Once a day at 08:00 (Europe/London), in one message. Next: "
    )
    with store.transaction() as s:
        assert chats.get(s, "telegram", "11").mode == "daily"
    weekly = (await ask(telegram_api, 11, "/mode weekly")).plain
    assert weekly.startswith("Weekly mode. Once a week, on Mondays at 08:00 (Europe/London).")
    wrong = (await ask(telegram_api, 11, "/mode monthly")).plain
    assert wrong.startswith("“monthly” is not a delivery mode. The choices: /mode instant")


async def test_unknown_commands_long_input_and_hostile_text(
    bot, telegram_api: FakeTelegram, store: Store
) -> None:
    assert "/help" in (await ask(telegram_api, 11, "/frobnicate")).plain
    assert "under 100 characters" in (await ask(telegram_api, 11, "/subscribe " + "x" * 300)).plain
    hostile = "<b>x</b>'; DROP TABLE chats;--"
    answer = await ask(telegram_api, 11, f"/subscribe {hostile}")
    assert hostile in answer.plain  # shown as typed: escaped, not parsed
    with store.transaction() as s:
        assert s.query(Chat).count() >= 0 and s.query(Subscription).count() == 0
    assert "commands only" in (await ask(telegram_api, 11, "hello")).plain


async def test_a_failing_handler_is_logged_redacted_and_admins_told(
    bot, telegram_api: FakeTelegram, store: Store, caplog: pytest.LogCaptureFixture, monkeypatch
) -> None:
    from bots.telegram_bot import reading

    def boom(session, n):
        raise RuntimeError(f"database exploded near {telegram_api.token}")

    monkeypatch.setattr(reading, "_latest", boom)
    caplog.set_level(logging.DEBUG)
    answer = await ask(telegram_api, 11, "/latest")
    assert answer.plain == "Sorry, something went wrong. The admins have been told."
    assert "handler failed in chat 11" in caplog.text and "RuntimeError" in caplog.text
    secret = telegram_api.token.split(":", 1)[1]
    assert secret not in caplog.text
    with store.transaction() as s:
        (notice,) = s.query(Delivery).filter(Delivery.kind == "notice").all()
        assert notice.chat.address == str(ADMIN) and "RuntimeError" in notice.payload
        assert secret not in notice.payload


async def test_end_to_end_start_subscribe_then_one_digest(
    bot, telegram_api: FakeTelegram, store: Store
) -> None:
    await ask(telegram_api, 4242, "/start")
    await ask(telegram_api, 4242, "/subscribe")
    store_digest(store, make_digest(7))
    ch = TelegramChannel(bot.bot_data["inspectwatch"].settings, telegram_api.token)
    worker = DeliveryWorker(store, {"telegram": ch})
    assert (await worker.drain()).sent == 1
    assert (await worker.drain()).sent == 0  # and not again
    await ch.close()
    digests_received = [m for m in telegram_api.messages(4242) if "Region 7" in m.plain]
    assert len(digests_received) == 1 and digests_received[0].preview_disabled


async def test_webhook_mode_serves_updates_posted_with_the_secret(
    store: Store, telegram_api: FakeTelegram
) -> None:
    import json
    import socket
    import urllib.error
    import urllib.request

    from bots.telegram_bot.application import webhook_secret

    pytest.importorskip("tornado", reason="webhook mode needs python-telegram-bot[webhooks]")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    settings = TelegramSettings(
        api_base_url=telegram_api.api_base_url,
        updates="webhook",
        webhook_url="https://bot.example.org/telegram",
        webhook_listen=f"127.0.0.1:{port}",
    )
    app = build_application(telegram_api.token, settings, store)
    await start_bot(app)
    try:
        assert telegram_api.webhook == {
            "url": "https://bot.example.org/telegram",
            "secret_token": webhook_secret(telegram_api.token),
        }
        assert telegram_api.token.split(":")[1] not in telegram_api.webhook["secret_token"]

        def post(update: dict, secret: str) -> int:
            request = urllib.request.Request(
                f"http://127.0.0.1:{port}/telegram",
                data=json.dumps(update).encode(),
                headers={
                    "Content-Type": "application/json",
                    "X-Telegram-Bot-Api-Secret-Token": secret,
                },
            )
            try:
                with urllib.request.urlopen(request, timeout=5) as response:
                    return response.status
            except urllib.error.HTTPError as exc:
                return exc.code

        import asyncio

        forged = await asyncio.to_thread(post, telegram_api.update_json(31, "/start"), "wrong")
        assert forged == 403
        ok = await asyncio.to_thread(
            post, telegram_api.update_json(32, "/start"), webhook_secret(telegram_api.token)
        )
        assert ok == 200
        await telegram_api.until(lambda f: f.messages(32))
        assert telegram_api.messages(31) == []
    finally:
        await stop_bot(app)
