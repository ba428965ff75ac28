"""Delivery ids scoped by sender and kept unlinked after erasure; bounded retries; erasures.

- ``deliveries`` replaces ``processed_messages``: the key is a digest of the
  source, the user and the channel's message id, so one sender's ids (the
  local channel's ``message_id``) can never suppress another's (a Telegram
  ``update_id``), and the link to the user can be cut at erasure while the
  key still drops a replayed webhook.
- ``pending_messages.attempts`` counts failed tries of a message while Rasa
  is up; ``dead_letters`` keeps the ones given up on.
- ``erasure_requests``: users erased from the gateway whose Rasa
  conversation could not be erased yet (retried until it is).

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30
"""

import hashlib

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def _key(source: str, user_id: str, external_id: str) -> str:
    return hashlib.sha256(f"{source}\x1f{user_id}\x1f{external_id}".encode()).hexdigest()


def upgrade() -> None:
    """Move the delivery records to their new key; add the retry count and dead letters."""
    deliveries = op.create_table(
        "deliveries",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column(
            "user_id",
            sa.String(32),
            sa.ForeignKey("users.id", ondelete="SET NULL"),
            nullable=True,
            index=True,
        ),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False, index=True),
    )
    old = sa.table(
        "processed_messages",
        sa.column("channel", sa.String),
        sa.column("external_id", sa.String),
        sa.column("user_id", sa.String),
        sa.column("received_at", sa.DateTime(timezone=True)),
    )
    rows = op.get_bind().execute(sa.select(old)).all()
    if rows:
        op.bulk_insert(
            deliveries,
            [
                {
                    "key": _key(r.channel, r.user_id, r.external_id),
                    "user_id": r.user_id,
                    "received_at": r.received_at,
                }
                for r in rows
            ],
        )
    op.drop_table("processed_messages")
    with op.batch_alter_table("pending_messages") as batch:
        batch.add_column(sa.Column("attempts", sa.Integer(), nullable=False, server_default="0"))
    op.create_table(
        "dead_letters",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column(
            "user_id",
            sa.String(32),
            sa.ForeignKey("users.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("media_kind", sa.String(16)),
        sa.Column("reason", sa.String(32), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("failed_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "erasure_requests",
        sa.Column("user_id", sa.String(32), primary_key=True),
        sa.Column("requested_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    """Back to per-channel ids (the scoped keys cannot be turned back: they are dropped)."""
    op.drop_table("erasure_requests")
    op.drop_table("dead_letters")
    with op.batch_alter_table("pending_messages") as batch:
        batch.drop_column("attempts")
    op.drop_table("deliveries")
    op.create_table(
        "processed_messages",
        sa.Column("channel", sa.String(16), primary_key=True),
        sa.Column("external_id", sa.String(64), primary_key=True),
        sa.Column(
            "user_id",
            sa.String(32),
            sa.ForeignKey("users.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
    )
