"""Repositories on SQLite and PostgreSQL: the same tests on both."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import text

from state import Store, chats, deliveries, digests, documents, history, sources
from state.documents import DocumentRecord
from state.migrate import current_revision, head_revision

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def _record(
    key: str, body: str = "text", published: date | None = date(2020, 1, 14)
) -> DocumentRecord:
    return DocumentRecord(
        entry_key=key,
        ref=f"https://x.org/{key}",
        title=key.title(),
        body=body,
        content_hash=f"h-{key}-{hash(body)}",
        url=f"https://x.org/{key}",
        published=published,
    )


def _fig(metric: str, value: float, **kw) -> dict:
    return {
        "value": value,
        "unit": "percent",
        "qualifier": None,
        "of": None,
        "text": f"{value}%",
        "sentence": "s",
        "metric": metric,
        "label": metric,
        "scope": None,
        "in_comments": False,
    } | kw


def test_migrations_reach_head_and_are_idempotent(store: Store) -> None:
    assert current_revision(store.engine) == head_revision()
    assert store.upgrade() == []


def test_sqlite_has_wal_and_foreign_keys(sqlite_url: str) -> None:
    store = Store(sqlite_url)
    with store.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1


def test_times_come_back_aware_utc(store: Store) -> None:
    with store.transaction() as s:
        src = sources.ensure(s, "a", "feed", "http://x", now=NOW)
        sources.record_success(
            s,
            src,
            etag='"e1"',
            last_modified="Sun, 01 Mar 2026 12:00:00 GMT",
            next_due_at=NOW + timedelta(minutes=5),
            now=NOW,
        )
    with store.transaction() as s:
        src = sources.get(s, "a")
        assert src.last_success_at == NOW and src.last_success_at.tzinfo is not None
        assert src.etag == '"e1"' and src.initialised


def test_failures_count_up_and_recovery_is_reported_once(store: Store) -> None:
    with store.transaction() as s:
        src = sources.ensure(s, "a", "feed", "http://x", now=NOW)
        for i in range(1, 4):
            assert sources.record_failure(s, src, "HTTP 500", next_due_at=None, now=NOW) == i
        src.failure_alerted = True
        assert (
            sources.record_success(s, src, etag=None, last_modified=None, next_due_at=None, now=NOW)
            is True
        )
        assert (
            sources.record_success(s, src, etag=None, last_modified=None, next_due_at=None, now=NOW)
            is False
        )
        assert src.consecutive_failures == 0 and src.last_error is None


def test_document_new_unchanged_updated(store: Store) -> None:
    with store.transaction() as s:
        src = sources.ensure(s, "a", "feed", "http://x")
        doc, status = documents.save(s, src.id, _record("r1"), [_fig("risk", 35.0)], [], now=NOW)
        assert status == "new" and doc.version == 1
        _, status = documents.save(s, src.id, _record("r1"), [_fig("risk", 35.0)], [], now=NOW)
        assert status == "unchanged"
        doc, status = documents.save(
            s, src.id, _record("r1", body="revised"), [_fig("risk", 40.0)], [], now=NOW
        )
        assert status == "updated" and doc.version == 2
    with store.transaction() as s:
        rows = history.figure_history(s, ["risk"])
        assert [r.value for r in rows] == [40.0]


def test_a_failed_transaction_leaves_nothing_half_written(store: Store) -> None:
    with pytest.raises(RuntimeError), store.transaction() as s:
        src = sources.ensure(s, "a", "feed", "http://x")
        documents.save(s, src.id, _record("r1"), [_fig("risk", 35.0)], [], now=NOW)
        raise RuntimeError("crash between document and digest")
    with store.transaction() as s:
        assert documents.count(s) == 0 and sources.get(s, "a") is None


def test_history_is_earlier_report_figures_only(store: Store) -> None:
    with store.transaction() as s:
        src = sources.ensure(s, "a", "feed", "http://x")
        documents.save(
            s,
            src.id,
            _record("old", published=date(2015, 11, 10)),
            [_fig("risk", 50.0), _fig("risk", 90.0, in_comments=True)],
            [],
        )
        documents.save(
            s, src.id, _record("new", published=date(2020, 1, 14)), [_fig("risk", 35.0)], []
        )
        documents.save(s, src.id, _record("undated", published=None), [_fig("risk", 1.0)], [])
    with store.transaction() as s:
        rows = history.figure_history(s, ["risk"], before=date(2020, 1, 14))
        assert [(r.value, r.published) for r in rows] == [(50.0, date(2015, 11, 10))]
        assert [r.value for r in history.figure_history(s, ["risk"])] == [50.0, 35.0]
        assert history.figure_history(s, []) == []
        assert history.metrics_in_use(s) == [("risk", "risk", 3)]


def test_latest_only_history_keeps_what_a_comparison_can_pick(store: Store) -> None:
    """Per measure, scope, unit and kind, only the latest earlier date; the document itself
    (by ref) never; ratings likewise per subject and scope."""
    with store.transaction() as s:
        src = sources.ensure(s, "a", "feed", "http://x")
        for key, day, figs, ratings in [
            ("y15", date(2015, 1, 1), [_fig("risk", 50.0), _fig("risk", 9.0, unit="count")], ["Good"]),
            ("y17", date(2017, 1, 1), [_fig("risk", 40.0), _fig("risk", 41.0, scope="Kent PDU")], ["Inadequate"]),
            ("y19", date(2019, 1, 1), [_fig("risk", 7.0, unit="count", of=20.0)], []),
            ("self", date(2019, 6, 1), [_fig("risk", 99.0)], ["Outstanding"]),
        ]:  # fmt: skip
            rows = [
                {"subject": "overall", "scope": "Kent PDU", "value": v, "text": v} for v in ratings
            ]
            documents.save(s, src.id, _record(key, published=day), figs, rows)
    with store.transaction() as s:
        left_out = history.left_out_ids(s, None, "https://x.org/self")
        rows = history.latest_figures(
            s, ["risk"], ["", "kent pdu"], before=date(2020, 1, 1), exclude_ids=left_out
        )
        assert sorted((r.value, r.unit, r.scope, r.published.year) for r in rows) == [
            (7.0, "count", None, 2019),  # a share of a total is its own kind
            (9.0, "count", None, 2015),
            (40.0, "percent", None, 2017),
            (41.0, "percent", "Kent PDU", 2017),
        ]
        everything = history.figure_history(s, ["risk"], before=date(2020, 1, 1))
        assert len(everything) == 6
        ratings = history.rating_history(
            s, before=date(2020, 1, 1), exclude_ids=left_out, latest_only=True
        )
        assert history.latest_figures(s, ["risk"], ["leeds pdu"], before=date(2020, 1, 1)) == []
        # no list of bodies: every body's latest (a national figure may meet any unit's share)
        every_body = history.latest_figures(s, ["risk"], None, before=date(2018, 1, 1))
        assert sorted((r.value, r.scope) for r in every_body if r.unit == "percent") == [
            (40.0, None), (41.0, "Kent PDU"),
        ]
        assert [(r.value, r.published.year) for r in ratings] == [("Inadequate", 2017)]


def test_digest_fans_out_to_matching_chats_in_one_transaction(store: Store) -> None:
    with store.transaction() as s:
        src = sources.ensure(s, "hmi", "feed", "http://x")
        doc, _ = documents.save(s, src.id, _record("r1"), [], [])
        everyone = chats.ensure(s, "telegram", "100")
        chats.subscribe(s, everyone)
        blog_only = chats.ensure(s, "telegram", "200")
        chats.subscribe(s, blog_only, "tag", "Blog")
        topic = chats.ensure(s, "telegram", "300", chat_type="group")
        chats.subscribe(s, topic, "topic", "domestic abuse")
        gone = chats.ensure(s, "telegram", "400")
        chats.subscribe(s, gone)
        chats.deactivate(s, gone, "403 blocked")
        digest, outbox = digests.create(
            s,
            doc.id,
            {"title": "R1"},
            source="hmi",
            title="R1",
            published=date(2020, 1, 14),
            message="m",
            tags=["inspectorate"],
            topics=["assessment_domestic_abuse", "domestic abuse"],
            now=NOW,
        )
        assert sorted(c.address for c in outbox) == ["100", "300"]
    with store.transaction() as s:
        due = deliveries.due(s, now=NOW)
        assert [d.chat.address for d in due] == ["100", "300"]
        deliveries.mark_sent(s, due[0].id, "m-1", now=NOW)
        deliveries.mark_retry(s, due[1].id, "429", timedelta(seconds=30), now=NOW)
    with store.transaction() as s:
        assert deliveries.due(s, now=NOW) == []
        assert [d.chat.address for d in deliveries.due(s, now=NOW + timedelta(seconds=31))] == [
            "300"
        ]
        assert deliveries.counts(s) == {"pending": 1, "sent": 1, "failed": 0}
        assert deliveries.oldest_pending_age(s, now=NOW + timedelta(seconds=60)) == 60.0


def test_one_delivery_per_digest_and_chat(store: Store) -> None:
    from sqlalchemy.exc import IntegrityError

    with pytest.raises(IntegrityError), store.transaction() as s:
        src = sources.ensure(s, "hmi", "feed", "http://x")
        doc, _ = documents.save(s, src.id, _record("r1"), [], [])
        chat = chats.ensure(s, "telegram", "100")
        chats.subscribe(s, chat)
        digest, _ = digests.create(
            s, doc.id, {}, source="hmi", title="t", published=None, message="m"
        )
        digests.enqueue(s, digest, chat)
        s.flush()


def test_subscriptions_and_chat_migration(store: Store) -> None:
    with store.transaction() as s:
        chat = chats.ensure(s, "telegram", "-100")
        assert chats.subscribe(s, chat, "source", "On-Probation")[1] is True
        assert chats.subscribe(s, chat, "source", "on-probation")[1] is False
        with pytest.raises(ValueError):
            chats.subscribe(s, chat, "colour", "red")
        moved = chats.migrate(s, chat, "-100200")
        assert moved.address == "-100200" and moved.chat_type == "supergroup"
    with store.transaction() as s:
        chat = chats.get(s, "telegram", "-100200")
        assert [(x.filter_kind, x.filter_value) for x in chat.subscriptions] == [
            ("source", "on-probation")
        ]
        assert chats.unsubscribe(s, chat) == 1


def test_models_and_migrations_agree(store: Store) -> None:
    """A column added to state/models.py without a migration fails here."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from state.models import Base

    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []


def test_copy_state_from_sqlite_to_another_database(sqlite_url: str, db_url: str, tmp_path) -> None:
    from state.copy import copy_state

    if db_url == sqlite_url:
        db_url = f"sqlite:///{tmp_path / 'copy.db'}"
    source = Store(sqlite_url)
    source.upgrade()
    with source.transaction() as s:
        src = sources.ensure(s, "hmi", "feed", "http://x")
        doc, _ = documents.save(
            s, src.id, _record("r1"), [_fig("risk", 35.0), _fig("risk", 20.0)], []
        )
        chat = chats.ensure(s, "telegram", "100")
        chats.subscribe(s, chat)
        digests.create(
            s, doc.id, {"t": 1}, source="hmi", title="t", published=None, message="m", now=NOW
        )
    target = Store(db_url)
    counts = copy_state(source, target)
    assert counts["figures"] == 2 and counts["deliveries"] == 1
    with target.transaction() as s:
        assert [r.value for r in history.figure_history(s, ["risk"])] == [35.0, 20.0]
        # New rows get fresh ids after the copy (sequences moved on PostgreSQL).
        documents.save(s, sources.get(s, "hmi").id, _record("r2"), [_fig("risk", 1.0)], [])
    from state.db import StateError

    with pytest.raises(StateError, match="not empty"):
        copy_state(source, target)
