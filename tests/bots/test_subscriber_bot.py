"""Issue 14 (and 15, items 8 and 9) as a subscriber meets them: every test goes through
python-telegram-bot's real HTTP stack to the fake Bot API, which records what was sent."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

import pytest

from bots import measures as measures_module
from bots.channels.telegram import TelegramChannel, TelegramSettings
from bots.daily import DailySchedule, fold_due
from bots.delivery import DeliveryWorker
from bots.source_alerts import tell_followers
from bots.telegram_bot import build_application, start_bot, stop_bot
from state import Store, chats, documents, sources
from state.documents import DocumentRecord
from state.models import Delivery
from tests.bots.conftest import make_digest, store_digest
from tests.fakes.telegram_api import BOT_USERNAME, FakeTelegram, FloodLimits, Sent

ADMIN = 900
SECRET_URL = "https://reader:hunter2@feeds.example.org/private.xml?api_key=s3cr3t"


async def started(store: Store, fake: FakeTelegram, **settings):
    polled: list[str] = []

    async def poll_now(name: str) -> str:
        polled.append(name)
        return f"{name}: 2 new entries (fetched {SECRET_URL})"

    config = TelegramSettings(
        api_base_url=fake.api_base_url, admins=(ADMIN,), poll_timeout=1, request_timeout=5,
        **settings,
    )  # fmt: skip
    app = build_application(
        fake.token, config, store, known_tags=("inspectorate",), poll_now=poll_now
    )
    app.bot_data["polled"] = polled
    await start_bot(app)
    return app


@pytest.fixture
async def bot(store: Store, telegram_api: FakeTelegram):
    app = await started(store, telegram_api)
    yield app
    await stop_bot(app)


async def ask(fake: FakeTelegram, chat: int, text: str, **kw) -> Sent:
    before = len(fake.messages(chat))
    fake.user_sends(chat, text, **kw)
    await fake.until(lambda f: len(f.messages(chat)) > before)
    return fake.messages(chat)[before]


async def press(fake: FakeTelegram, chat: int, data: str, **kw) -> dict:
    """Press a button; returns the answerCallbackQuery the bot made for it."""
    before = len(fake.callback_answers)
    fake.user_clicks(chat, data, **kw)
    await fake.until(lambda f: len(f.callback_answers) > before)
    return fake.callback_answers[before]


def button(sent: Sent, text: str) -> str:
    return next(b["callback_data"] for b in sent.buttons() if b["text"].startswith(text))


def subs(store: Store, address: str) -> list[tuple[str, str]]:
    with store.transaction() as s:
        chat = chats.get(s, "telegram", address)
        return sorted((x.filter_kind, x.filter_value) for x in chat.subscriptions) if chat else []


def _chat(store: Store, address: str):
    with store.transaction() as s:
        chat = chats.get(s, "telegram", address)
        s.expunge(chat)
        return chat


def add_place_figures(store: Store) -> None:
    with store.transaction() as s:
        src = sources.ensure(s, "hmi-probation", "feed", "https://example.org/feed")
        for year, value in ((2021, 52.0), (2024, 47.0)):
            record = DocumentRecord(
                entry_key=f"en{year}", ref=f"https://example.org/en{year}", title=f"Essex North {year}",
                body="b", content_hash=f"en{year}", url=f"https://example.org/en{year}", published=date(year, 3, 1),
            )  # fmt: skip
            figure = {
                "value": value, "unit": "percent", "qualifier": None, "of": None, "text": f"{value}%",
                "sentence": "s", "metric": "assessment_risk_of_harm", "scope": "Essex North PDU",
                "label": "Assessment of risk of harm sufficient", "in_comments": False,
            }  # fmt: skip
            documents.save(s, src.id, record, [figure], [])


async def deliver(app, store: Store, fake: FakeTelegram) -> None:
    channel = TelegramChannel(app.bot_data["inspectwatch"].settings, fake.token)
    try:
        await DeliveryWorker(store, {"telegram": channel}).drain()
    finally:
        await channel.close()


# ---------------------------------------------------------------- 1 discovery, near matches


async def test_measures_are_grouped_and_every_entry_is_a_button(bot, telegram_api, store) -> None:
    listing = await ask(telegram_api, 11, "/measures")
    total = len(measures_module.all_measures())
    assert listing.plain.startswith(f"{total} measures in ") and "groups" in listing.plain
    staffing = button(listing, "Staffing (")
    assert staffing.startswith("group|staffing|")  # signed data, not a bare value
    assert (await press(telegram_api, 11, staffing)).get("text") is None  # answered, no error
    await telegram_api.until(lambda f: f.edits)
    edit = telegram_api.edits[-1]
    staffing_count = len(measures_module.groups(measures_module.all_measures())["staffing"])
    assert staffing_count >= 8 and edit["plain"].startswith(f"Staffing: {staffing_count} measures.")
    labels = [b["text"] for row in json.loads(edit["reply_markup"])["inline_keyboard"] for b in row]
    assert "Staff vacancies" in labels and "« All groups" in labels
    data = next(
        b["callback_data"]
        for row in json.loads(edit["reply_markup"])["inline_keyboard"]
        for b in row
        if b["text"] == "Staff vacancies"
    )
    before = len(telegram_api.messages(11))
    await press(telegram_api, 11, data)
    await telegram_api.until(lambda f: len(f.messages(11)) > before)
    history = telegram_api.messages(11)[-1]
    assert history.plain == "Staff vacancies\n\nNo figures recorded for this measure yet."
    assert [b["text"] for b in history.buttons()] == ["Follow"]  # no dated values: no chart
    topics = await ask(telegram_api, 11, "/topics")
    n_topics = len(measures_module.groups(measures_module.all_measures()))
    assert topics.plain.startswith(f"{n_topics} topics to follow.")
    assert any(b["text"] == "Unpaid work (3 measures)" for b in topics.buttons())


async def test_help_gives_real_examples_and_tappable_commands(bot, telegram_api) -> None:
    answer = await ask(telegram_api, 11, "/help")
    assert "<code>" not in answer.text  # a /command in <code> is not tappable
    assert (
        "/figure average caseload" in answer.plain and "/mode weekly friday 17:00" in answer.plain
    )
    assert "/subscribe Essex North only:" in answer.plain


async def test_a_near_match_is_said_to_be_one_and_never_answered(bot, telegram_api, store) -> None:
    answer = await ask(telegram_api, 11, "/figure unpaid work hrs")
    assert answer.plain.startswith("No measure is called “unpaid work hrs”. Nearest: “Unpaid work")
    assert answer.method == "sendMessage" and answer.buttons()  # offered, not shown
    exact = await ask(telegram_api, 11, "/figure unpaid work hours")
    assert exact.plain.startswith("Unpaid work hours")
    sub = await ask(telegram_api, 11, "/subscribe vacancys")
    assert sub.plain.startswith("No source, topic, place or measure is called “vacancys”.")
    assert subs(store, "11") == []
    assert "Follow “vacancys” as a place" in [b["text"] for b in sub.buttons()]


async def test_no_internal_keys_or_source_names_in_replies(bot, telegram_api, store) -> None:
    from state.baseline import ensure_baseline  # the seed corpus, as a service starts with it

    with store.transaction() as s:
        ensure_baseline(s)
    for command in ("/figure staff workloads above expected capacity", "/sources", "/latest"):
        answer = await ask(telegram_api, 11, command)
        assert "seed-corpus" not in answer.plain and "workload_over_capacity" not in answer.plain
    history = await ask(telegram_api, 11, "/figure staff workloads above expected capacity")
    assert "[earlier reports]" in history.plain


# ---------------------------------------------------------------- 2 places and filters


async def test_follow_a_place_and_see_its_figures(bot, telegram_api, store) -> None:
    add_place_figures(store)
    figures = await ask(telegram_api, 11, "/figure Essex North")
    assert figures.plain.startswith("Essex North PDU (the latest value of 1 measure)")
    assert "Assessment of risk of harm sufficient: 47%" in figures.plain
    followed = await ask(telegram_api, 11, "/subscribe Essex North")
    assert followed.plain == "Subscribed to the place “Essex North”."
    assert subs(store, "11") == [("body", "essex north")]
    store_digest(store, make_digest(1, title="Inspection of Essex North PDU"), key="a")
    store_digest(store, make_digest(2, title="Inspection of Kent PDU"), key="b")
    await deliver(bot, store, telegram_api)
    titles = [m.plain.splitlines()[0] for m in telegram_api.messages(11)[2:]]
    assert any("Essex North" in t for t in titles) and not any("Kent" in t for t in titles)


async def test_keyword_and_worse_only_filters(bot, telegram_api, store) -> None:
    answer = await ask(telegram_api, 11, '/subscribe only:"domestic abuse" not:youth when:worse')
    assert answer.plain == (
        "Subscribed to every digest, only when mentioning “domestic abuse”, never when "
        "mentioning “youth”, only when something got worse."
    )
    cases = {
        "a": dict(summary="Domestic abuse work was weak."),  # worse (the default digest)
        "b": dict(summary="Domestic abuse work in youth services."),  # excluded word
        "c": dict(summary="Nothing on that theme."),  # include word missing
        "d": dict(summary="Domestic abuse work improved.", changes=(), rating_changes=()),
    }
    for key, fields in cases.items():
        store_digest(store, make_digest(ord(key), title=f"Report {key}", **fields), key=key)
    with store.transaction() as s:
        queued = [d.digest.title for d in s.query(Delivery).filter(Delivery.kind == "digest")]
    assert queued == ["Report a"]


# ---------------------------------------------------------------- 3 ways to receive


async def test_muted_chats_get_digests_silently_with_a_report_button(
    bot, telegram_api, store
) -> None:
    await ask(telegram_api, 11, "/subscribe")
    assert (await ask(telegram_api, 11, "/mute")).plain.startswith("Muted: digests arrive silently")
    store_digest(store, make_digest(3, document="https://example.org/r3.pdf"))
    await deliver(bot, store, telegram_api)
    digest = telegram_api.messages(11)[-1]
    assert digest.silent and "Region 3" in digest.plain
    assert digest.buttons() == [
        {"text": "Read the report", "url": "https://example.org/report-3"},
        {"text": "PDF", "url": "https://example.org/r3.pdf"},
    ]
    assert digest.preview_disabled  # previews are off unless the chat turns them on
    await ask(telegram_api, 11, "/unmute")
    assert (await ask(telegram_api, 11, "/previews on")).plain.startswith("Link previews on")
    store_digest(store, make_digest(4))
    await deliver(bot, store, telegram_api)
    assert not telegram_api.messages(11)[-1].silent
    assert not telegram_api.messages(11)[-1].preview_disabled


async def test_pause_keeps_subscriptions_and_queues_nothing(bot, telegram_api, store) -> None:
    await ask(telegram_api, 11, "/subscribe domestic abuse")
    assert "Subscriptions are kept" in (await ask(telegram_api, 11, "/pause")).plain
    store_digest(store, make_digest(5), key="p1")
    assert subs(store, "11") == [("topic", "domestic abuse")]
    with store.transaction() as s:
        assert s.query(Delivery).count() == 0
    await ask(telegram_api, 11, "/resume")
    store_digest(store, make_digest(6, topics=("domestic abuse",)), key="p2")
    with store.transaction() as s:
        assert s.query(Delivery).count() == 1


async def test_a_subscription_made_in_a_forum_topic_posts_there(bot, telegram_api, store) -> None:
    telegram_api.roles["-1009"] = {7: "creator"}
    answer = await ask(
        telegram_api, -1009, "/subscribe", user_id=7, chat_type="supergroup", thread_id=42
    )
    assert answer.plain == "Subscribed to every digest (in forum topic 42)."
    assert answer.thread_id == 42  # the reply went to the topic too
    store_digest(store, make_digest(8))
    await deliver(bot, store, telegram_api)
    assert telegram_api.messages(-1009)[-1].thread_id == 42


async def test_weekly_at_the_chats_own_time_and_zone(bot, telegram_api, store) -> None:
    await ask(telegram_api, 11, "/subscribe")
    zone = (await ask(telegram_api, 11, "/timezone Asia/Tokyo")).plain
    assert zone.startswith("Time zone set to Asia/Tokyo: it is ") and zone.endswith(" JST.")
    weekly = (await ask(telegram_api, 11, "/mode weekly friday 17:00")).plain
    assert weekly.startswith("Weekly mode. Once a week, on Fridays at 17:00 (Asia/Tokyo).")
    store_digest(store, make_digest(9), now=datetime(2026, 3, 5, 0, 0, tzinfo=UTC))
    default = DailySchedule.parse("08:00", "Europe/London")
    # Friday 6 March 2026 17:00 in Tokyo is 08:00 UTC: not before, at it.
    for now, expected in (
        (datetime(2026, 3, 6, 7, 59, tzinfo=UTC), 0),
        (datetime(2026, 3, 6, 8, 0, tzinfo=UTC), 1),
    ):
        with store.transaction() as s:
            assert len(fold_due(s, default, now)) == expected
    schedule = default.for_chat(_chat(store, "11"))
    after = schedule.next_boundary(datetime(2026, 3, 6, 8, 0, tzinfo=UTC))
    assert after == datetime(2026, 3, 13, 8, 0, tzinfo=UTC)  # a week on, same local time


# ---------------------------------------------------------------- 4 told when wrong


async def test_followers_are_told_once_when_a_source_fails_for_a_day(
    bot, telegram_api, store
) -> None:
    with store.transaction() as s:
        sources.ensure(s, "blog", "feed", "https://blog.example.org/feed")
    await ask(telegram_api, 11, "/subscribe blog")
    t0 = datetime.now(UTC) - timedelta(days=3)  # notices are due when queued: in the past
    with store.transaction() as s:
        src = sources.get(s, "blog")
        sources.record_success(s, src, etag=None, last_modified=None, next_due_at=None, now=t0)
        sources.record_failure(s, src, "HTTP 500", next_due_at=None, now=t0 + timedelta(hours=2))
    assert tell_followers(store, now=t0 + timedelta(hours=20)) == 0  # not a day yet
    assert tell_followers(store, now=t0 + timedelta(hours=25)) == 1
    assert tell_followers(store, now=t0 + timedelta(hours=26)) == 0  # once
    with store.transaction() as s:
        src = sources.get(s, "blog")
        sources.record_success(
            s, src, etag=None, last_modified=None, next_due_at=None, now=t0 + timedelta(hours=26)
        )
    assert tell_followers(store, now=t0 + timedelta(hours=27)) == 1  # and once on recovery
    assert tell_followers(store, now=t0 + timedelta(hours=28)) == 0
    await deliver(bot, store, telegram_api)
    said = [m.plain for m in telegram_api.messages(11)]
    assert any("“blog”, which this chat follows, has not been read" in t for t in said)
    assert any("“blog” is working again" in t for t in said)


async def test_followers_are_told_once_when_a_report_cannot_be_read_for_a_day(
    bot, telegram_api, store
) -> None:
    from state import entry_failures

    with store.transaction() as s:
        sources.ensure(s, "blog", "feed", "https://blog.example.org/feed")
    await ask(telegram_api, 11, "/subscribe blog")
    t0 = datetime.now(UTC) - timedelta(days=3)
    with store.transaction() as s:
        src = sources.get(s, "blog")
        sources.record_success(s, src, etag=None, last_modified=None, next_due_at=None, now=t0)
        entry_failures.record(s, src, "urn:r1", "https://blog.example.org/r1?token=abc", "HTTP 404",
                              next_try_at=t0 + timedelta(hours=1), now=t0)
    assert tell_followers(store, now=t0 + timedelta(hours=20)) == 0  # not a day yet
    assert tell_followers(store, now=t0 + timedelta(hours=25)) == 1
    assert tell_followers(store, now=t0 + timedelta(hours=26)) == 0  # once
    with store.transaction() as s:
        entry_failures.clear(s, sources.get(s, "blog"), "urn:r1")
    assert tell_followers(store, now=t0 + timedelta(hours=27)) == 1  # and once when it reads
    await deliver(bot, store, telegram_api)
    said = [m.plain for m in telegram_api.messages(11)]
    told = next(t for t in said if "could not be read for over a day" in t)
    assert "1 report of “blog”" in told and "https://blog.example.org/r1" in told and "token" not in told
    assert any("are read again" in t for t in said)


# ---------------------------------------------------------------- 5 export and import


async def test_export_then_import_restores_subscriptions(bot, telegram_api, store) -> None:
    with store.transaction() as s:
        sources.ensure(s, "blog", "feed", SECRET_URL)
    add_place_figures(store)
    await ask(telegram_api, 11, "/subscribe blog")
    await ask(telegram_api, 11, "/subscribe Essex North not:youth")
    await ask(telegram_api, 11, "/mode daily 07:30")
    before = len(telegram_api.messages(11))
    telegram_api.user_sends(11, "/export")
    await telegram_api.until(lambda f: len(f.messages(11)) >= before + 2)
    exported, outline = telegram_api.messages(11)[before : before + 2]
    assert (
        exported.method == "sendDocument" and exported.filename == "inspectwatch-subscriptions.json"
    )
    data = json.loads(exported.document)
    assert {s["value"] for s in data["subscriptions"]} == {"blog", "essex north"}
    assert data["settings"]["deliver_at"] == "07:30"
    assert b"feeds.example.org" in outline.document and b"hunter2" not in outline.document
    assert b"api_key" not in outline.document
    await ask(telegram_api, 11, "/unsubscribe")
    answer = await ask(telegram_api, 11, "/import", document=("mine.json", exported.document))
    assert answer.plain.startswith("Imported: 2 new subscriptions")
    assert subs(store, "11") == [("body", "essex north"), ("source", "blog")]
    bad = await ask(
        telegram_api,
        11,
        "/import",
        document=("x.json", b'{"inspectwatch": 1, "subscriptions": [{"kind": "nope"}]}'),
    )
    assert bad.plain.startswith("That file cannot be imported (subscriptions[0].kind: one of")
    assert subs(store, "11") == [("body", "essex north"), ("source", "blog")]


# ---------------------------------------------------------------- 6 no reply lost


async def test_five_quick_commands_all_answered_within_the_chats_limit(store, telegram_api) -> None:
    telegram_api.limits = FloodLimits(per_chat_per_second=1)
    app = await started(store, telegram_api, rate_per_chat=1.0)
    try:
        for _ in range(5):
            telegram_api.user_sends(11, "/help")
        await telegram_api.until(lambda f: len(f.messages(11)) >= 5, timeout=20)
    finally:
        await stop_bot(app)
    assert telegram_api.flood_refusals() == []
    with store.transaction() as s:
        assert s.query(Delivery).count() == 0  # no "Bot error" notice for the admins


async def test_a_429_on_a_reply_is_waited_out_and_the_reply_sent(store, telegram_api) -> None:
    telegram_api.limits = FloodLimits(per_chat_per_second=1, retry_after=1)
    app = await started(store, telegram_api, rate_per_chat=20.0)  # faster than the server
    try:
        for command in ("/list", "/mode", "/timezone"):
            telegram_api.user_sends(11, command)
        await telegram_api.until(lambda f: len(f.messages(11)) >= 3, timeout=20)
    finally:
        await stop_bot(app)
    assert telegram_api.flood_refusals()  # Telegram did refuse some...
    answers = [m.plain.split()[:3] for m in telegram_api.messages(11)]  # ...all arrived, in order
    assert answers == [
        ["This", "chat", "receives"],
        ["This", "chat", "is"],
        ["This", "chat's", "time"],
    ]
    with store.transaction() as s:
        assert s.query(Delivery).count() == 0


# ---------------------------------------------------------------- 7 manners


async def test_commands_for_another_bot_are_ignored(bot, telegram_api) -> None:
    telegram_api.user_sends(-300, "/help@someotherbot", chat_type="group")
    telegram_api.user_sends(-300, "/frobnicate@someotherbot", chat_type="group")
    answer = await ask(telegram_api, -300, f"/help@{BOT_USERNAME}", chat_type="group")
    assert answer.plain.startswith("Find")
    assert len(telegram_api.messages(-300)) == 1  # only ours was answered


async def test_every_button_press_is_answered(bot, telegram_api, store) -> None:
    menu = await ask(telegram_api, 11, "/mode")
    assert [b["text"] for b in menu.buttons()] == ["Instant", "Daily", "Weekly"]
    forged = menu.buttons()[1]["callback_data"].replace("daily", "weekly")  # signature kept
    assert "no longer valid" in (await press(telegram_api, 11, forged))["text"]
    assert "no longer valid" in (await press(telegram_api, 11, "x" * 64))["text"]
    ok = await press(telegram_api, 11, menu.buttons()[1]["callback_data"])
    assert "text" not in ok
    with store.transaction() as s:
        assert chats.get(s, "telegram", "11").mode == "daily"


async def test_plurals_dates_and_directions_in_words(bot, telegram_api, store) -> None:
    add_place_figures(store)
    await ask(telegram_api, 11, "/subscribe")
    listing = (await ask(telegram_api, 11, "/list")).plain
    assert "(1 subscription)" in listing
    history = (await ask(telegram_api, 11, "/figure assessment of risk of harm")).plain
    assert "Latest 47% (1 March 2024), down from 52% (1 March 2021)." in history
    assert "▼" not in history and "▲" not in history


# ---------------------------------------------------------------- 8 administrators, secrets


async def test_admin_stats_lists_failures_outbox_and_polls_now(bot, telegram_api, store) -> None:
    with store.transaction() as s:
        src = sources.ensure(s, "private-feed", "feed", SECRET_URL)
        sources.record_failure(s, src, f"HTTP 401 for {SECRET_URL}", next_due_at=None)
    store_digest(store, make_digest(1))
    await ask(telegram_api, 11, "/subscribe")
    store_digest(store, make_digest(2), key="k2")
    stats = await ask(telegram_api, ADMIN, "/stats")
    assert "Failing sources: 1" in stats.plain
    assert (
        "• private-feed (feeds.example.org): 1 failure in a row, last: HTTP 401 for feeds.example.org"
        in stats.plain
    )
    assert (
        "Outbox: 1 pending" in stats.plain
        and "Oldest pending message: waiting since" in stats.plain
    )
    for secret in ("hunter2", "s3cr3t", "reader"):
        assert secret not in stats.text
    poll = button(stats, "Poll private-feed now")
    await press(telegram_api, ADMIN, poll)
    await telegram_api.until(
        lambda f: bot.bot_data["polled"] and "2 new entries" in f.messages(ADMIN)[-1].plain
    )
    assert "hunter2" not in telegram_api.messages(ADMIN)[-1].plain
    refused = await press(telegram_api, 11, poll)  # a button copied to a non-admin
    assert refused["show_alert"] == "true" and bot.bot_data["polled"] == ["private-feed"]


async def test_sources_shows_name_and_host_only(bot, telegram_api, store) -> None:
    with store.transaction() as s:
        src = sources.ensure(s, "private-feed", "feed", SECRET_URL)
        sources.record_failure(s, src, f"timeout reading {SECRET_URL}", next_due_at=None)
    answer = await ask(telegram_api, 11, "/sources")
    assert "⚠️ failing: private-feed (feeds.example.org)" in answer.plain
    assert "timeout reading feeds.example.org" in answer.plain
    for secret in ("hunter2", "s3cr3t", "api_key", "reader:"):
        assert secret not in answer.text
    assert "<a " not in answer.text  # no link carrying the full URL
