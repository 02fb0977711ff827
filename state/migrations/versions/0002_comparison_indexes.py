"""indexes for comparisons: documents.ref (a document left out by its ref), and
figures.scope_key with a covering index for the latest value per measure and body

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_documents_ref", "documents", ["ref"])
    with op.batch_alter_table("figures") as batch:
        batch.add_column(sa.Column("scope_key", sa.Text(), nullable=False, server_default=""))
    op.execute("UPDATE figures SET scope_key = lower(trim(coalesce(scope, '')))")
    # The covering index leads with metric, so it replaces the narrower index of 0001.
    op.drop_index("ix_figures_metric_published", table_name="figures")
    op.create_index(
        "ix_figures_history",
        "figures",
        ["metric", "scope_key", "unit", "published", "in_comments", "of", "document_id"],
    )


def downgrade() -> None:
    op.drop_index("ix_figures_history", table_name="figures")
    op.create_index("ix_figures_metric_published", "figures", ["metric", "published"])
    with op.batch_alter_table("figures") as batch:
        batch.drop_column("scope_key")
    op.drop_index("ix_documents_ref", table_name="documents")
