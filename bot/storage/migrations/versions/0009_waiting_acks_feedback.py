"""Acknowledgements while waiting for a person, the deferred privacy notice, feedback votes.

- ``handoffs.acked_at``: when the user was last told their message is kept
  for the team (at most every few minutes, across restarts).
- ``users.privacy_due``: the privacy notice owed after an emergency answer
  (never in the same turn); ``users.feedback_topic``: the answer whose
  "Useful?" buttons were shown last. Both go with the user row at erasure.
- ``feedback``: one row per vote, without any user id or message text.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add the columns and the feedback table."""
    with op.batch_alter_table("handoffs") as batch:
        batch.add_column(sa.Column("acked_at", sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table("users") as batch:
        batch.add_column(
            sa.Column("privacy_due", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch.add_column(sa.Column("feedback_topic", sa.String(64), nullable=True))
    op.create_table(
        "feedback",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("topic", sa.String(64), nullable=False, index=True),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("useful", sa.Boolean(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False, index=True),
    )


def downgrade() -> None:
    """Drop the feedback table and the columns."""
    op.drop_table("feedback")
    with op.batch_alter_table("users") as batch:
        batch.drop_column("feedback_topic")
        batch.drop_column("privacy_due")
    with op.batch_alter_table("handoffs") as batch:
        batch.drop_column("acked_at")
