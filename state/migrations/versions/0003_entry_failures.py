"""per-entry failure records: an entry that keeps failing is retried with backoff on its
own, and its source keeps its ETag/Last-Modified (issue 10)

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "entry_failures",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "source_id",
            sa.Integer(),
            sa.ForeignKey("sources.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("entry_key", sa.Text(), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("first_failed_at", sa.DateTime(), nullable=False),
        sa.Column("last_failed_at", sa.DateTime(), nullable=False),
        sa.Column("next_try_at", sa.DateTime(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=False),
        sa.Column("alerted", sa.Boolean(), nullable=False),
        sa.Column("first_poll", sa.Boolean(), nullable=False),
        sa.UniqueConstraint("source_id", "entry_key", name="uq_entry_failures_source_entry"),
    )
    op.create_index("ix_entry_failures_source_id", "entry_failures", ["source_id"])


def downgrade() -> None:
    op.drop_index("ix_entry_failures_source_id", table_name="entry_failures")
    op.drop_table("entry_failures")
