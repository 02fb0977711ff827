"""A database that cannot be written (read-only, full, or its SQLite file deleted): the
delivery worker sends nothing twice, /healthz turns unhealthy, the admins are told once,
and sending resumes when the disk does."""

from __future__ import annotations

import asyncio
import os
import signal
import sqlite3
import subprocess
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import event

from bots.channels.messages import Part
from bots.delivery import DeliveryPolicy, DeliveryWorker
from state import Store
from state import deliveries as deliveries_repo
from state.probe import write_problem
from tests.bots.conftest import add_chats, make_digest, store_digest
from tests.bots.memory_channel import MemoryChannel
from tests.fakes.telegram_api import FakeTelegram
from tests.running import EXE, clean_env, free_port, http_get, wait_until
from watcher.web import Health, health_report

POLICY = DeliveryPolicy(backoff_base=0.01, storage_backoff_max=0.02, idle_interval=0.01)
ADMIN = "4242"


def read_only(store: Store) -> Callable[[], None]:
    """Every new connection refuses writes ("attempt to write a readonly database")."""

    def _ro(dbapi_conn, _record) -> None:
        dbapi_conn.execute("PRAGMA query_only=1")

    event.listen(store.engine, "connect", _ro)
    store.engine.dispose()

    def undo() -> None:
        event.remove(store.engine, "connect", _ro)
        store.engine.dispose()

    return undo


def disk_full(store: Store) -> Callable[[], None]:
    """Any transaction that wrote fails at COMMIT with SQLITE_FULL; reads still work."""
    wrote: set[int] = set()

    def _write(conn, cursor, statement, *args) -> None:
        if statement.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE")):
            wrote.add(id(conn))

    def _commit(conn) -> None:
        if id(conn) in wrote:
            wrote.discard(id(conn))
            raise sqlite3.OperationalError("database or disk is full")

    event.listen(store.engine, "before_cursor_execute", _write)
    event.listen(store.engine, "commit", _commit)

    def undo() -> None:
        event.remove(store.engine, "before_cursor_execute", _write)
        event.remove(store.engine, "commit", _commit)

    return undo


class DiskFailsAfterFirstSend(MemoryChannel):
    """The disk goes bad just after the first message is handed to the service."""

    def __init__(self, store: Store, breaks: Callable[[Store], Callable[[], None]]) -> None:
        super().__init__("telegram")
        self.store, self.breaks = store, breaks
        self.undo: Callable[[], None] | None = None

    async def send_part(self, address: str, part: Part, chat_type: str = "private") -> str:
        message_id = await super().send_part(address, part, chat_type)
        if self.undo is None:
            self.undo = self.breaks(self.store)
        return message_id


async def until(predicate: Callable[[], object], timeout: float = 10.0) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not predicate():
        assert loop.time() < deadline, "timed out waiting"
        await asyncio.sleep(0.005)


@pytest.fixture
def sqlite_store(sqlite_url: str):
    s = Store(sqlite_url)
    s.upgrade()
    yield s
    s.dispose()


@pytest.mark.parametrize("breaks", [read_only, disk_full], ids=["read_only", "disk_full"])
async def test_an_unwritable_outbox_sends_nothing_twice_and_says_so(
    sqlite_store: Store, breaks
) -> None:
    store = sqlite_store
    channel = DiskFailsAfterFirstSend(store, breaks)
    add_chats(store, ["a", "b", "c"], channel="telegram")
    store_digest(store, make_digest(1))
    worker = DeliveryWorker(store, {"telegram": channel}, policy=POLICY, admins=(int(ADMIN),))
    stop = asyncio.Event()
    task = asyncio.create_task(worker.run(stop))
    try:
        await until(lambda: channel.undo is not None and worker.outage.failures >= 20)
        to_chats = [a for a, _t, _ in channel.sent if a != ADMIN]
        assert to_chats == ["a"]  # the one in flight, once; nothing after it
        assert [a for a, _t, _ in channel.sent].count(ADMIN) == 1  # the admin, once
        assert "cannot write its database" in channel.sent[-1][1]
        status, body = health_report(store, Health(role="active"), [], datetime.now(UTC))
        assert status == 503 and body["status"] == "unhealthy", body
        assert "readonly" in body["database"] or "disk is full" in body["database"], body

        channel.undo()  # space again
        await until(lambda: len(channel.sent) >= 5)  # a, b, c, the admin twice
    finally:
        stop.set()
        await task
    sends = Counter(a for a, _t, _ in channel.sent)
    assert sends == {"a": 1, "b": 1, "c": 1, ADMIN: 2}, sends  # outage notice + recovery
    with store.transaction() as s:
        assert deliveries_repo.counts(s)["sent"] == 4
    assert health_report(store, Health(role="active"), [], datetime.now(UTC))[0] == 200


async def test_a_worker_started_on_a_read_only_database_sends_nothing(
    sqlite_store: Store,
) -> None:
    """After a restart on a disk still read-only, nothing is sent (it could not be recorded)."""
    store = sqlite_store
    channel = MemoryChannel("telegram")
    add_chats(store, ["a", "b"], channel="telegram")
    store_digest(store, make_digest(1))
    undo = read_only(store)
    worker = DeliveryWorker(store, {"telegram": channel}, policy=POLICY, admins=(int(ADMIN),))
    stop = asyncio.Event()
    task = asyncio.create_task(worker.run(stop))
    try:
        await until(lambda: worker.outage.failures >= 10)
        assert [a for a, _t, _ in channel.sent] == [ADMIN]  # only the admin, once
        undo()
        await until(lambda: len(channel.sent) >= 4)  # a, b, and the admin's "again"
    finally:
        stop.set()
        await task
    assert Counter(a for a, _t, _ in channel.sent) == {"a": 1, "b": 1, ADMIN: 2}


def test_a_vanished_sqlite_file_is_noticed(sqlite_store: Store, sqlite_url: str) -> None:
    assert write_problem(sqlite_store) is None
    path = Path(sqlite_url.removeprefix("sqlite:///"))
    os.remove(path)
    problem = write_problem(sqlite_store)
    assert problem is not None and "is gone" in problem
    status, body = health_report(sqlite_store, Health(role="active"), [], datetime.now(UTC))
    assert status == 503 and "is gone" in body["database"]


def test_the_service_reports_a_deleted_database_and_tells_the_admin_once(tmp_path: Path) -> None:
    db = tmp_path / "iw.db"
    listen = f"127.0.0.1:{free_port()}"
    with FakeTelegram() as tg:
        (tmp_path / "inspectwatch.toml").write_text(
            f'[state]\nurl = "sqlite:///{db}"\n'
            f'[service]\nlisten = "{listen}"\nshutdown_grace = "3s"\n'
            f'[telegram]\napi_base_url = "{tg.api_base_url}"\nadmins = [{ADMIN}]\n',
            encoding="utf-8",
        )
        log = open(tmp_path / "service.log", "w")  # noqa: SIM115 - the child writes it
        proc = subprocess.Popen(
            [str(EXE), "-v", "run"],
            cwd=tmp_path,
            env=clean_env(TELEGRAM_BOT_TOKEN=tg.token),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        log.close()
        health = f"http://{listen}/healthz"
        try:
            wait_until(lambda: http_get(health)[0] == 200, timeout=30, what="a healthy service")
            os.remove(db)
            status, body = wait_until(
                lambda: (r := http_get(health))[0] == 503 and r, timeout=20, what="503"
            )
            assert b"is gone" in body
            tg.wait_for(lambda t: len(t.messages(ADMIN)) >= 1, timeout=20)
            proc.send_signal(signal.SIGTERM)
            assert proc.wait(timeout=15) == 0
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait(10)
        (alert,) = tg.messages(ADMIN)
        assert "cannot write its database" in alert.plain, alert.plain
