"""Tell the chats that follow a source when it has been failing for a day, once, and again
once when it recovers (issue 14, item 4). Notices go through the outbox like digests.

A source whose listing reads but one of whose reports has failed for a day is told about
too (the report's address without query or credentials), once, and once when it reads.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from state import Store, chat_settings, deliveries, entry_failures, sources
from state.clock import utcnow
from state.models import Source

FAILING_FOR = timedelta(days=1)


def _key(source: Source) -> str:
    return f"source-failing:{source.name.lower()}"


def _failing_since(source: Source) -> datetime | None:
    if not source.consecutive_failures:
        return None
    return source.last_success_at or source.created_at


def _entries_key(source: Source) -> str:
    return f"entries-failing:{source.name.lower()}"


def _entry_notice(session, chat, source: Source, now: datetime, after: timedelta) -> int:
    """One notice when a report of the source has been unreadable for `after`, one on recovery."""
    from bots.telegram_bot.words import page_address, plural

    old = [e for e in entry_failures.failing_entries(session, source.name) if now - e.first_failed_at >= after]
    if old and chat_settings.tell_once(session, chat, _entries_key(source), now=now):
        first = page_address(old[0].url) or "one report"
        text = (
            f"{plural(len(old), 'report')} of “{source.name}”, which this chat follows, "
            f"could not be read for over a day ({first}). It is tried again; /sources shows why."
        )
        deliveries.enqueue_notice(session, chat, text, now=now)
        return 1
    if not old and not entry_failures.failing_entries(session, source.name) and chat_settings.forget(
        session, chat, _entries_key(source)
    ):
        text = f"The reports of “{source.name}” that could not be read are read again."
        deliveries.enqueue_notice(session, chat, text, now=now)
        return 1
    return 0


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
                if since is None:
                    queued += _entry_notice(session, chat, source, now, after)
    return queued
