"""Messages a channel refused to deliver (a staff reply to a user who blocked the bot).

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add the flag; every message sent so far counts as delivered."""
    with op.batch_alter_table("messages") as batch:
        batch.add_column(
            sa.Column("delivery_failed", sa.Boolean(), nullable=False, server_default=sa.false())
        )


def downgrade() -> None:
    """Drop the flag."""
    with op.batch_alter_table("messages") as batch:
        batch.drop_column("delivery_failed")
