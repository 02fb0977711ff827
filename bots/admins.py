"""Operator notices: queued in the outbox for each admin's private chat with the bot."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from state import Store
from state import chats as chats_repo
from state import deliveries as deliveries_repo

NOTICE_MAX = 3000


def notify_admins(
    store: Store,
    text: str,
    admins: Iterable[int],
    *,
    channel: str = "telegram",
    now: datetime | None = None,
) -> int:
    """Queue `text` for every admin user id (failing or recovered sources, bot errors).

    Admins who blocked the bot (inactive chats) are skipped. Returns how many were queued.
    Delivery goes through the worker, so limits, retries and redaction apply as for digests.
    """
    admins = [int(a) for a in admins]
    if not admins or not text.strip():
        return 0
    queued = 0
    with store.transaction() as session:
        for admin in admins:
            chat = chats_repo.ensure(session, channel, str(admin), chat_type="private", now=now)
            if not chat.active:
                continue
            deliveries_repo.enqueue_notice(session, chat, text[:NOTICE_MAX], now=now)
            queued += 1
    return queued
