"""kill -9 in the middle of a fan-out, then a restart: every chat gets every digest,
and only the message in flight at the kill can arrive twice."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from bots.channels.telegram import TelegramChannel, TelegramSettings
from bots.delivery import DeliveryWorker
from state import Store
from tests.bots.conftest import add_chats, make_digest, store_digest
from tests.fakes.telegram_api import FakeTelegram

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
async def test_kill_9_during_fan_out_then_restart(
    sqlite_url: str, telegram_api: FakeTelegram
) -> None:
    store = Store(sqlite_url)
    store.upgrade()
    n_chats = 100
    add_chats(store, range(1000, 1000 + n_chats))
    for n in range(3):
        store_digest(store, make_digest(n + 1))
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
    script = Path(__file__).with_name("fanout_process.py")
    proc = subprocess.Popen(
        [sys.executable, str(script), sqlite_url, telegram_api.api_base_url, telegram_api.token, "300"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    try:
        await telegram_api.until(lambda f: len(f.messages()) >= 80, timeout=30)
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=10)
    killed_at = len(telegram_api.messages())
    assert killed_at < 3 * n_chats, "the worker finished before it could be killed"

    channel = TelegramChannel(
        TelegramSettings(
            api_base_url=telegram_api.api_base_url, rate_overall=300, rate_per_chat=300
        ),
        telegram_api.token,
    )
    await DeliveryWorker(store, {"telegram": channel}).drain()
    await channel.close()

    got = Counter(
        (m.chat_id, next(f"Region {n}" for n in (1, 2, 3) if f"Region {n}" in m.plain))
        for m in telegram_api.messages()
    )
    assert len(got) == 3 * n_chats  # nothing lost
    repeats = [k for k, v in got.items() if v > 1]
    assert len(repeats) <= 1 and max(got.values()) <= 2  # at most the one in flight
    store.dispose()
