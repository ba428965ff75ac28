"""Hand-off to staff: hand-offs, staff accounts and sessions, notes, audit log.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    """Create the hand-off tables; messages learn their staff author and media."""
    _staff_tables()
    _handoff_tables()
    with op.batch_alter_table("messages") as batch:
        batch.add_column(sa.Column("staff_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("media_ref", sa.Text(), nullable=True))
        batch.create_foreign_key(
            "fk_messages_staff", "staff", ["staff_id"], ["id"], ondelete="SET NULL"
        )


def _staff_tables() -> None:
    op.create_table(
        "staff",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("username", sa.String(64), nullable=False, unique=True),
        sa.Column("display_name", sa.String(128), nullable=False),
        sa.Column("password_hash", sa.Text(), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", TZ, nullable=False),
    )
    op.create_table(
        "staff_sessions",
        sa.Column("token_hash", sa.String(64), primary_key=True),
        sa.Column(
            "staff_id",
            sa.Integer(),
            sa.ForeignKey("staff.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column("csrf_token", sa.String(64), nullable=False),
        sa.Column("expires_at", TZ, nullable=False),
    )
    op.create_table(
        "login_attempts",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("key", sa.String(64), nullable=False, index=True),
        sa.Column("at", TZ, nullable=False),
    )


def _handoff_tables() -> None:
    op.create_table(
        "handoffs",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column(
            "user_id",
            sa.String(32),
            sa.ForeignKey("users.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column("state", sa.String(16), nullable=False, index=True),
        sa.Column("reason", sa.String(16), nullable=False),
        sa.Column("topic", sa.String(64)),
        sa.Column("language", sa.String(8)),
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("assigned_to", sa.Integer(), sa.ForeignKey("staff.id", ondelete="SET NULL")),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("claimed_at", TZ),
        sa.Column("closed_at", TZ),
        sa.Column("last_user_message_at", TZ),
    )
    op.create_table(
        "notes",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column(
            "handoff_id",
            sa.Integer(),
            sa.ForeignKey("handoffs.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column("staff_id", sa.Integer(), sa.ForeignKey("staff.id", ondelete="SET NULL")),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", TZ, nullable=False),
    )
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("staff_id", sa.Integer(), sa.ForeignKey("staff.id", ondelete="SET NULL")),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("user_id", sa.String(32), index=True),
        sa.Column("handoff_id", sa.Integer()),
        sa.Column("at", TZ, nullable=False),
    )


def downgrade() -> None:
    """Drop the hand-off tables."""
    with op.batch_alter_table("messages") as batch:
        batch.drop_constraint("fk_messages_staff", type_="foreignkey")
        batch.drop_column("media_ref")
        batch.drop_column("staff_id")
    for table in ("audit_log", "notes", "login_attempts", "staff_sessions", "handoffs", "staff"):
        op.drop_table(table)
