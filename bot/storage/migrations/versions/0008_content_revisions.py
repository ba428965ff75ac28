"""The editor's history with the file before and after each change; drafts not yet live.

- ``content_history.action`` (save, review, restore, publish, new-topic, audio),
  ``before`` and ``after``: the whole answer file around the change, for the
  diff shown in the history and the one-click restore.
- ``content_drafts``: an answer file saved as a draft (checked, not live)
  until someone publishes it.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add the file texts to the history and create the drafts table."""
    with op.batch_alter_table("content_history") as batch:
        batch.add_column(sa.Column("action", sa.String(16), nullable=False, server_default="save"))
        batch.add_column(sa.Column("before", sa.Text(), nullable=True))
        batch.add_column(sa.Column("after", sa.Text(), nullable=True))
    op.create_table(
        "content_drafts",
        sa.Column("topic", sa.String(64), primary_key=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("staff_id", sa.Integer(), sa.ForeignKey("staff.id", ondelete="SET NULL")),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    """Drop the drafts table and the file texts."""
    op.drop_table("content_drafts")
    with op.batch_alter_table("content_history") as batch:
        batch.drop_column("after")
        batch.drop_column("before")
        batch.drop_column("action")
