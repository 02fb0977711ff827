"""Apprise and console channels, building channels from config values, syncing config chats."""

from __future__ import annotations

import io
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from bots.channels.apprise import AppriseChannel, AppriseOptions
from bots.channels.console import ConsoleChannel, ConsoleOptions
from bots.channels.errors import TemporaryFailure
from bots.channels.messages import DigestItem, NoticeItem
from bots.channels.telegram import TelegramChannel, TelegramSettings
from bots.delivery import DeliveryWorker
from bots.destinations import build_channels, sync_config_chats
from bots.redaction import redact
from state import Store, chats
from state.models import Delivery
from tests.bots.conftest import make_digest, store_digest


class _Receiver(BaseHTTPRequestHandler):
    status = 200
    received: list[dict] = []

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        type(self).received.append(json.loads(body or b"{}"))
        self.send_response(type(self).status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def receiver() -> Iterator[tuple[str, type[_Receiver]]]:
    handler = type("Receiver", (_Receiver,), {"received": [], "status": 200})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    )
    thread.start()
    yield f"127.0.0.1:{server.server_address[1]}", handler
    server.shutdown()
    server.server_close()


async def test_apprise_posts_markdown_with_title(receiver) -> None:
    host, handler = receiver
    ch = AppriseChannel(AppriseOptions(name="team", url=f"json://{host}/hook"))
    message_id = await ch.send("team", DigestItem(make_digest(1, title="Region <1> & co")))
    (posted,) = handler.received
    assert message_id == "team-1" and ch.key == "apprise:team"
    assert posted["title"] == "Region <1> & co"
    assert "**Key figures**" in posted["message"] and "\\<1\\>" in posted["message"]


async def test_apprise_failure_is_temporary_and_the_url_secret_is_masked(receiver) -> None:
    host, handler = receiver
    handler.status = 500
    url = f"json://bob:HunterTwoSecret99@{host}/hook"
    ch = AppriseChannel(AppriseOptions(name="team", url=url, format="text"))
    with pytest.raises(TemporaryFailure) as info:
        await ch.send("team", NoticeItem("hello"))
    assert (
        "HunterTwoSecret99" not in info.value.reason and "HunterTwoSecret99" not in ch.display_url
    )
    assert redact(f"failed posting to {url}") == "failed posting to [REDACTED]"


def test_apprise_refuses_a_url_it_cannot_use() -> None:
    with pytest.raises(
        ValueError, match=r"channels\[x\]\.url: Apprise cannot use this nosuch:// URL"
    ):
        AppriseChannel(AppriseOptions(name="x", url="nosuch://what"))


async def test_console_prints_the_digests_own_plain_text() -> None:
    out = io.StringIO()
    ch = ConsoleChannel(ConsoleOptions(name="console"), stream=out)
    await ch.send("console", DigestItem(make_digest(2)))
    await ch.send("console", NoticeItem("Source x failing"))
    text = out.getvalue()
    assert text.startswith("Inspection of probation services: Region 2\n(plain text)\n---")
    assert "Source x failing" in text


def test_build_channels_from_config_values() -> None:
    only_console = build_channels()
    assert list(only_console) == ["console:console"]
    settings = TelegramSettings(api_base_url="http://127.0.0.1:9")
    both = build_channels(
        [AppriseOptions(name="slack", url="json://127.0.0.1:9/x"), ConsoleOptions(name="term")],
        telegram=settings,
        token="1:abcdefghijkl",
    )
    assert sorted(both) == ["apprise:slack", "console:term", "telegram"]
    assert isinstance(both["telegram"], TelegramChannel)
    assert list(build_channels([AppriseOptions(name="slack", url="json://127.0.0.1:9/x")])) == [
        "apprise:slack"
    ]
    with pytest.raises(ValueError, match="two destinations named"):
        build_channels([ConsoleOptions(name="a"), ConsoleOptions(name="a")])


def test_sync_config_chats_creates_updates_and_retires(store: Store) -> None:
    settings = TelegramSettings(channels=("@hmi_digests", "-1001234"))
    channels = build_channels(
        [
            AppriseOptions(name="slack", url="json://127.0.0.1:9/x", tags=("Blog",)),
            ConsoleOptions(name="term"),
        ],
        telegram=settings,
        token="1:abcdefghijkl",
    )
    report = sync_config_chats(store, channels, settings)
    assert sorted(report.added) == [
        "apprise:slack:slack", "console:term:term", "telegram:-1001234", "telegram:@hmi_digests",
    ]  # fmt: skip
    with store.transaction() as s:
        slack = chats.get(s, "apprise:slack", "slack")
        assert slack.from_config and [
            (x.filter_kind, x.filter_value) for x in slack.subscriptions
        ] == [("tag", "blog")]
        assert chats.get(s, "telegram", "@hmi_digests").chat_type == "channel"
        assert chats.get(s, "telegram", "-1001234").chat_type == "supergroup"
    assert sync_config_chats(store, channels, settings).added == []  # idempotent
    # the next config drops the console and a Telegram channel, and changes the Slack filter
    settings2 = TelegramSettings(channels=("@hmi_digests",))
    channels2 = build_channels(
        [AppriseOptions(name="slack", url="json://127.0.0.1:9/x")],
        telegram=settings2,
        token="1:abcdefghijkl",
    )
    report = sync_config_chats(store, channels2, settings2)
    assert sorted(report.retired) == ["console:term:term", "telegram:-1001234"]
    assert report.changed == ["apprise:slack:slack"]
    with store.transaction() as s:
        assert not chats.get(s, "console:term", "term").active
        assert [x.filter_kind for x in chats.get(s, "apprise:slack", "slack").subscriptions] == [
            "all"
        ]


async def test_the_default_console_receives_digests_through_the_worker(store: Store) -> None:
    out = io.StringIO()
    channels = build_channels(stream=out)
    sync_config_chats(store, channels)
    store_digest(store, make_digest(3))
    assert (await DeliveryWorker(store, channels).drain()).sent == 1
    assert "Region 3" in out.getvalue()
    with store.transaction() as s:
        (row,) = s.query(Delivery).all()
        assert row.status == "sent"
