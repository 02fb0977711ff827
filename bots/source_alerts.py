"""Tell the chats that follow a source when it has been failing for a day, once, and again
once when it recovers (issue 14, item 4). Notices go through the outbox like digests.

Source level only: per-entry failure records are another part of state (not read here yet).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from state import Store, chat_settings, deliveries, sources
from state.clock import utcnow
from state.models import Source

FAILING_FOR = timedelta(days=1)


def _key(source: Source) -> str:
    return f"source-failing:{source.name.lower()}"


def _failing_since(source: Source) -> datetime | None:
    if not source.consecutive_failures:
        return None
    return source.last_success_at or source.created_at


def tell_followers(
    store: Store, now: datetime | None = None, after: timedelta = FAILING_FOR
) -> int:
    """Queue the notices due now; returns how many were queued."""
    now = now or utcnow()
    queued = 0
    with store.transaction() as session:
        for source in sources.all_sources(session):
            since = _failing_since(source)
            for chat in chat_settings.followers(session, source.name):
                if since is not None and now - since >= after:
                    if chat_settings.tell_once(session, chat, _key(source), now=now):
                        text = (
                            f"“{source.name}”, which this chat follows, has not been read "
                            f"successfully for over a day. Its reports will arrive once it "
                            f"works again; /sources shows its state."
                        )
                        deliveries.enqueue_notice(session, chat, text, now=now)
                        queued += 1
                elif since is None and chat_settings.forget(session, chat, _key(source)):
                    text = f"“{source.name}” is working again; its new reports will arrive here."
                    deliveries.enqueue_notice(session, chat, text, now=now)
                    queued += 1
    return queued
