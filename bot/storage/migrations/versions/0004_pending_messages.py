"""Durable queue of accepted messages (survives Rasa and gateway restarts).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create the queue."""
    op.create_table(
        "pending_messages",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column(
            "user_id",
            sa.String(32),
            sa.ForeignKey("users.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("realm", sa.String(16)),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("media_kind", sa.String(16)),
        sa.Column("media_ref", sa.Text()),
        sa.Column("new_user", sa.Boolean(), nullable=False),
        sa.Column("apologized", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    """Drop the queue."""
    op.drop_table("pending_messages")
