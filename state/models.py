"""The schema: sources and their poll state, documents, figures, ratings, digests,
chats with their subscriptions, and the delivery outbox.

Changes to this file need a migration in `state/migrations/versions/`.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator


class UTCDateTime(TypeDecorator[datetime]):
    """Stored as naive UTC everywhere, returned as aware UTC (SQLite keeps no zone)."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the database; use an aware UTC datetime")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        return value.replace(tzinfo=UTC) if value is not None else None


class Base(DeclarativeBase):
    pass


class Source(Base):
    """A watched source and its poll state. Local pseudo-sources ("seed", "replay") hold
    documents that did not come from a poll."""

    __tablename__ = "sources"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(40))
    url: Mapped[str] = mapped_column(Text, default="")
    etag: Mapped[str | None] = mapped_column(Text)
    last_modified: Mapped[str | None] = mapped_column(Text)
    initialised: Mapped[bool] = mapped_column(Boolean, default=False)
    last_polled_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_success_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_error: Mapped[str | None] = mapped_column(Text)
    consecutive_failures: Mapped[int] = mapped_column(Integer, default=0)
    failure_alerted: Mapped[bool] = mapped_column(Boolean, default=False)
    next_due_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class EntryFailure(Base):
    """One entry of a source that could not be read: retried with backoff on its own, so
    its source keeps its conditional GET and its own failure count. `attempts` 0 means
    "not tried yet" (left for the next poll when its host kept failing)."""

    __tablename__ = "entry_failures"
    __table_args__ = (
        UniqueConstraint("source_id", "entry_key", name="uq_entry_failures_source_entry"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id", ondelete="CASCADE"), index=True)
    entry_key: Mapped[str] = mapped_column(Text)
    url: Mapped[str] = mapped_column(Text, default="")  # the entry's link, else its key
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    first_failed_at: Mapped[datetime] = mapped_column(UTCDateTime())
    last_failed_at: Mapped[datetime] = mapped_column(UTCDateTime())
    next_try_at: Mapped[datetime] = mapped_column(UTCDateTime())
    last_error: Mapped[str] = mapped_column(Text, default="")
    alerted: Mapped[bool] = mapped_column(Boolean, default=False)
    # First seen on the source's first poll: delivered, once read, only if recent enough.
    first_poll: Mapped[bool] = mapped_column(Boolean, default=False)

    source: Mapped[Source] = relationship()


class Document(Base):
    __tablename__ = "documents"
    __table_args__ = (UniqueConstraint("source_id", "entry_key", name="uq_documents_source_entry"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id", ondelete="CASCADE"), index=True)
    entry_key: Mapped[str] = mapped_column(Text)  # GUID/id, else normalised link, else path
    ref: Mapped[str] = mapped_column(Text, index=True)  # what output calls it: URL or path
    url: Mapped[str | None] = mapped_column(Text)
    title: Mapped[str] = mapped_column(Text, default="")
    published: Mapped[date | None] = mapped_column(Date, index=True)
    fetched_at: Mapped[datetime] = mapped_column(UTCDateTime())
    kind: Mapped[str] = mapped_column(String(20), default="page")
    body: Mapped[str] = mapped_column(Text, default="")
    comments: Mapped[str] = mapped_column(Text, default="")
    content_hash: Mapped[str] = mapped_column(
        String(64), index=True
    )  # title + body, comments excluded
    entry_hash: Mapped[str | None] = mapped_column(String(64))  # what the feed said of the entry
    version: Mapped[int] = mapped_column(Integer, default=1)
    rating: Mapped[str | None] = mapped_column(String(40))
    scope: Mapped[str | None] = mapped_column(Text)

    source: Mapped[Source] = relationship()
    figures: Mapped[list[Figure]] = relationship(
        back_populates="document", cascade="all, delete-orphan", order_by="Figure.position"
    )
    ratings: Mapped[list[Rating]] = relationship(
        back_populates="document", cascade="all, delete-orphan"
    )


class Figure(Base):
    __tablename__ = "figures"
    __table_args__ = (
        # Covers a comparison's history query (state.history.figure_history): the candidate
        # bodies of each measure are searched directly and ranked in the index.
        Index(
            "ix_figures_history",
            "metric",
            "scope_key",
            "unit",
            "published",
            "in_comments",
            "of",
            "document_id",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    value: Mapped[float] = mapped_column(Float)
    unit: Mapped[str] = mapped_column(String(20))
    qualifier: Mapped[str | None] = mapped_column(String(40))
    of: Mapped[float | None] = mapped_column(Float)
    text: Mapped[str] = mapped_column(Text, default="")
    sentence: Mapped[str] = mapped_column(Text, default="")
    metric: Mapped[str] = mapped_column(String(120))
    label: Mapped[str] = mapped_column(Text, default="")
    scope: Mapped[str | None] = mapped_column(Text)
    scope_key: Mapped[str] = mapped_column(
        Text, default=""
    )  # scope lower-cased and trimmed; "" for none
    in_comments: Mapped[bool] = mapped_column(Boolean, default=False)
    published: Mapped[date | None] = mapped_column(
        Date
    )  # the document's, kept here for history queries

    document: Mapped[Document] = relationship(back_populates="figures")


class Rating(Base):
    __tablename__ = "ratings"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    subject: Mapped[str] = mapped_column(Text, default="overall")
    scope: Mapped[str | None] = mapped_column(Text)
    value: Mapped[str] = mapped_column(String(40))
    text: Mapped[str] = mapped_column(Text, default="")
    published: Mapped[date | None] = mapped_column(Date)

    document: Mapped[Document] = relationship(back_populates="ratings")


class Digest(Base):
    __tablename__ = "digests"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    source: Mapped[str] = mapped_column(String(200), default="")
    title: Mapped[str] = mapped_column(Text, default="")
    published: Mapped[date | None] = mapped_column(Date)
    updated: Mapped[bool] = mapped_column(Boolean, default=False)
    payload: Mapped[str] = mapped_column(Text)  # summariser Digest.to_json(), as JSON text
    message: Mapped[str] = mapped_column(Text, default="")

    document: Mapped[Document] = relationship()


class Chat(Base):
    """A destination: a Telegram chat/group/channel, or a configured Apprise or console channel."""

    __tablename__ = "chats"
    __table_args__ = (UniqueConstraint("channel", "address", name="uq_chats_channel_address"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    channel: Mapped[str] = mapped_column(String(80))  # "telegram", "apprise:<name>", "console"
    address: Mapped[str] = mapped_column(Text)  # chat id, @channelname, or channel name
    chat_type: Mapped[str] = mapped_column(String(20), default="private")
    title: Mapped[str] = mapped_column(Text, default="")
    mode: Mapped[str] = mapped_column(String(10), default="instant")  # instant | daily | weekly
    from_config: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    deactivated_reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    # How this chat receives (issue 14); None means the service's default.
    paused: Mapped[bool] = mapped_column(Boolean, default=False)  # nothing queued while paused
    muted: Mapped[bool] = mapped_column(Boolean, default=False)  # sent with disable_notification
    previews: Mapped[bool] = mapped_column(Boolean, default=False)  # link previews shown
    timezone: Mapped[str | None] = mapped_column(String(64))  # IANA name
    deliver_at: Mapped[str | None] = mapped_column(String(5))  # "HH:MM" for daily/weekly
    weekday: Mapped[int | None] = mapped_column(Integer)  # 0 = Monday, weekly mode

    subscriptions: Mapped[list[Subscription]] = relationship(
        back_populates="chat", cascade="all, delete-orphan"
    )


class Subscription(Base):
    __tablename__ = "subscriptions"
    __table_args__ = (
        UniqueConstraint("chat_id", "filter_kind", "filter_value", name="uq_subscriptions_filter"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    chat_id: Mapped[int] = mapped_column(ForeignKey("chats.id", ondelete="CASCADE"), index=True)
    filter_kind: Mapped[str] = mapped_column(
        String(20), default="all"
    )  # all | source | tag | topic | body
    filter_value: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    include: Mapped[str] = mapped_column(Text, default="")  # JSON list: any must be mentioned
    exclude: Mapped[str] = mapped_column(Text, default="")  # JSON list: none may be mentioned
    worse_only: Mapped[bool] = mapped_column(Boolean, default=False)
    thread_id: Mapped[int | None] = mapped_column(Integer)  # a forum topic of the group

    chat: Mapped[Chat] = relationship(back_populates="subscriptions")


class Delivery(Base):
    """The outbox: one row per digest (or notice) and chat, written with the digest."""

    __tablename__ = "deliveries"
    __table_args__ = (
        UniqueConstraint("digest_id", "chat_id", name="uq_deliveries_digest_chat"),
        Index("ix_deliveries_due", "status", "next_try_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    digest_id: Mapped[int | None] = mapped_column(
        ForeignKey("digests.id", ondelete="CASCADE"), index=True
    )
    chat_id: Mapped[int] = mapped_column(ForeignKey("chats.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20), default="digest")  # digest | notice | daily
    payload: Mapped[str | None] = mapped_column(Text)  # text of a notice; None for digests
    status: Mapped[str] = mapped_column(String(20), default="pending")  # pending | sent | failed
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_try_at: Mapped[datetime] = mapped_column(UTCDateTime())
    last_error: Mapped[str | None] = mapped_column(Text)
    message_id: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    digest: Mapped[Digest | None] = relationship()
    chat: Mapped[Chat] = relationship()


class ChatNotice(Base):
    """A notice a chat has been given once (a followed source failing), so it is not repeated."""

    __tablename__ = "chat_notices"
    __table_args__ = (UniqueConstraint("chat_id", "key", name="uq_chat_notices_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    chat_id: Mapped[int] = mapped_column(ForeignKey("chats.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Meta(Base):
    """Small key/value facts about this database (baseline version, instance lease)."""

    __tablename__ = "meta"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")
