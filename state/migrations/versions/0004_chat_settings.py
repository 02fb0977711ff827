"""chat delivery settings (pause, mute, previews, time zone, own time, weekday), subscription
filters (include/exclude words, worse only, forum topic), and notices told once per chat

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

_FALSE = sa.false()


def upgrade() -> None:
    with op.batch_alter_table("chats") as batch:
        batch.add_column(sa.Column("paused", sa.Boolean(), nullable=False, server_default=_FALSE))
        batch.add_column(sa.Column("muted", sa.Boolean(), nullable=False, server_default=_FALSE))
        batch.add_column(sa.Column("previews", sa.Boolean(), nullable=False, server_default=_FALSE))
        batch.add_column(sa.Column("timezone", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("deliver_at", sa.String(length=5), nullable=True))
        batch.add_column(sa.Column("weekday", sa.Integer(), nullable=True))
    with op.batch_alter_table("subscriptions") as batch:
        batch.add_column(sa.Column("include", sa.Text(), nullable=False, server_default=""))
        batch.add_column(sa.Column("exclude", sa.Text(), nullable=False, server_default=""))
        batch.add_column(
            sa.Column("worse_only", sa.Boolean(), nullable=False, server_default=_FALSE)
        )
        batch.add_column(sa.Column("thread_id", sa.Integer(), nullable=True))
    op.create_table(
        "chat_notices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("chat_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=300), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["chat_id"], ["chats.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("chat_id", "key", name="uq_chat_notices_key"),
    )
    op.create_index("ix_chat_notices_chat_id", "chat_notices", ["chat_id"])


def downgrade() -> None:
    op.drop_index("ix_chat_notices_chat_id", table_name="chat_notices")
    op.drop_table("chat_notices")
    with op.batch_alter_table("subscriptions") as batch:
        for name in ("thread_id", "worse_only", "exclude", "include"):
            batch.drop_column(name)
    with op.batch_alter_table("chats") as batch:
        for name in ("weekday", "deliver_at", "timezone", "previews", "muted", "paused"):
            batch.drop_column(name)
