"""Fixtures for the bots tests: the fake Bot API server, digests built by hand, chats."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, date, datetime

import pytest

from state import Store, chats, digests, documents, sources
from state.documents import DocumentRecord
from summariser.models import Change, Digest, Figure, RatingChange
from tests.fakes.telegram_api import FakeTelegram, telegram_api  # noqa: F401  (fixture)

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def make_digest(n: int = 1, **overrides) -> Digest:
    """A realistic digest: a rating change, a worse and a better comparison, a new figure."""
    fields = dict(
        document=f"https://example.org/report-{n}",
        title=f"Inspection of probation services: Region {n}",
        url=f"https://example.org/report-{n}",
        published=date(2023, 5, n % 28 + 1),
        source="hmi-probation",
        summary="The region was rated Requires improvement. Risk of harm work was weak.",
        rating="Requires improvement",
        ratings=(),
        figures=(
            Figure(35.0, "percent", "35%", "s", "assessment_risk_of_harm", "Assessment of risk of harm sufficient", measured=True),
            Figure(61.0, "percent", "61%", "s", "planning_desistance", "Planning for desistance sufficient", measured=True),
            Figure(19.0, "count", "19", "s", "cases_reviewed", "Cases reviewed", of=52.0, measured=True),
        ),
        changes=(
            Change("planning_desistance", "Planning for desistance sufficient", 61.0, "percent", 55.0,
                   date(2020, 1, 14), "https://example.org/old", 6.0, "points", "up", "better"),
            Change("assessment_risk_of_harm", "Assessment of risk of harm sufficient", 35.0, "percent",
                   50.0, date(2015, 11, 10), "https://example.org/older", -15.0, "points", "down", "worse"),
        ),
        rating_changes=(
            RatingChange("overall", None, "Requires improvement", "Good", date(2019, 3, 1),
                         "https://example.org/old", "down", "worse"),
        ),
        first_reported=("cases_reviewed",),
        message=f"Inspection of probation services: Region {n}\n(plain text)",
        tags=("inspectorate",),
        topics=("assessment_risk_of_harm", "risk of harm"),
    )  # fmt: skip
    fields.update(overrides)
    return Digest(**fields)


def store_digest(
    store: Store, digest: Digest, *, now: datetime | None = None, key: str | None = None
) -> int:
    """Write a digest (and its outbox rows) the way the pipeline does; returns its id."""
    with store.transaction() as s:
        src = sources.ensure(
            s, digest.source or "hmi-probation", "feed", "https://example.org/feed"
        )
        record = DocumentRecord(
            entry_key=key or digest.document,
            ref=digest.document,
            title=digest.title,
            body="body",
            content_hash=f"h-{key or digest.document}",
            url=digest.url,
            published=digest.published,
        )
        doc, _ = documents.save(s, src.id, record, [], [], now=now or NOW)
        row, _ = digests.create(
            s,
            doc.id,
            digest.to_json(),
            source=digest.source,
            title=digest.title,
            published=digest.published,
            message=digest.message,
            tags=digest.tags,
            topics=digest.topics,
            now=now or NOW,
        )
        return row.id


def add_chats(
    store: Store,
    addresses,
    *,
    channel: str = "telegram",
    chat_type: str = "private",
    mode: str = "instant",
) -> None:
    with store.transaction() as s:
        for a in addresses:
            chat = chats.ensure(s, channel, str(a), chat_type=chat_type, now=NOW)
            chat.mode = mode
            chats.subscribe(s, chat, now=NOW)


@pytest.fixture
def digest_factory() -> Callable[..., Digest]:
    return make_digest


def payload_of(digest: Digest) -> str:
    return json.dumps(digest.to_json())
