"""Fan-out: 3 digests to 1,000 chats through the delivery worker and python-telegram-bot,
against the fake Bot API server enforcing Telegram's 30 messages a second (and 1 a second
per chat), answering 429 to anything faster.

Measured from the fake's own records: the rate achieved as a share of the limit (counted
as messages over the time from the first to the last plus one second, the last window),
how many 429s the bot provoked, and how many (chat, digest) pairs were lost or doubled.
The outbox is a scratch SQLite database; digests are written as the pipeline writes them.
"""

from __future__ import annotations

import asyncio
import tempfile
import time
from collections import Counter
from datetime import UTC, date, datetime
from pathlib import Path

from bench import Result

LIMIT = 30  # messages a second, Telegram's documented overall limit
DIGESTS = 3


def run(quick: bool = False) -> list[Result]:
    chats = 100 if quick else 1000
    return asyncio.run(_fanout(chats, DIGESTS))


async def _fanout(n_chats: int, n_digests: int) -> list[Result]:
    from bots.channels.telegram import TelegramChannel, TelegramSettings
    from bots.delivery import DeliveryWorker
    from state import Store
    from tests.fakes.telegram_api import FakeTelegram, FloodLimits

    with (
        tempfile.TemporaryDirectory() as tmp,
        FakeTelegram(limits=FloodLimits(overall_per_second=LIMIT, per_chat_per_second=1)) as fake,
    ):
        store = Store(f"sqlite:///{Path(tmp) / 'fanout.db'}")
        store.upgrade()
        _populate(store, n_chats, n_digests)
        settings = TelegramSettings(
            api_base_url=fake.api_base_url, rate_overall=LIMIT, rate_per_chat=1
        )
        channel = TelegramChannel(settings, fake.token)
        started = time.perf_counter()
        await DeliveryWorker(store, {"telegram": channel}).drain()
        elapsed = time.perf_counter() - started
        await channel.close()
        store.dispose()
        sent = fake.messages()
        refusals = len(fake.flood_refusals())

    expected = {(str(10_000 + c), d) for c in range(n_chats) for d in range(1, n_digests + 1)}
    got = Counter((m.chat_id, _digest_no(m.plain)) for m in sent)
    lost = len(expected - set(got))
    duplicated = sum(n - 1 for n in got.values() if n > 1)
    times = sorted(m.at for m in sent)
    rate = len(times) / (times[-1] - times[0] + 1.0) if times else 0.0
    size = f"{n_digests} digests x {n_chats} chats"
    return [
        Result("fanout: achieved rate / 30 msg/s limit", round(rate / LIMIT, 3), "share", 0.9,
               note=f"{rate:.1f} msg/s, {size}"),
        Result("fanout: 429 answers", refusals, "count", 0, better="lower"),
        Result("fanout: lost deliveries", lost, "count", 0, better="lower"),
        Result("fanout: duplicated deliveries", duplicated, "count", 0, better="lower"),
        Result("fanout: wall time", round(elapsed, 1), "s", note=size),
    ]  # fmt: skip


def _digest_no(text: str) -> int:
    head = text.split("\n", 1)[0]
    return int(head.rsplit(" ", 1)[-1]) if head.rsplit(" ", 1)[-1].isdigit() else -1


def _populate(store, n_chats: int, n_digests: int) -> None:
    from state import chats, digests, documents, sources
    from state.documents import DocumentRecord
    from summariser.models import Digest, Figure

    now = datetime.now(UTC)
    with store.transaction() as s:
        for c in range(n_chats):
            chat = chats.ensure(s, "telegram", str(10_000 + c), now=now)
            chats.subscribe(s, chat, now=now)
        src = sources.ensure(s, "hmi-probation", "feed", "https://example.org/feed", now=now)
        for d in range(1, n_digests + 1):
            digest = Digest(
                document=f"https://example.org/r{d}", title=f"Inspection report {d}",
                url=f"https://example.org/r{d}", published=date(2024, 1, d), source="hmi-probation",
                summary="The service was rated Requires improvement.", rating="Requires improvement",
                ratings=(), changes=(),
                figures=(Figure(35.0, "percent", "35%", "s", "assessment_risk_of_harm", "Risk of harm assessed well"),),
            )  # fmt: skip
            record = DocumentRecord(
                entry_key=f"r{d}", ref=digest.document, title=digest.title, body="b",
                content_hash=f"h{d}", url=digest.url, published=digest.published,
            )  # fmt: skip
            doc, _ = documents.save(s, src.id, record, [], [], now=now)
            digests.create(
                s, doc.id, digest.to_json(), source=digest.source, title=digest.title,
                published=digest.published, message=digest.title, now=now,
            )  # fmt: skip
