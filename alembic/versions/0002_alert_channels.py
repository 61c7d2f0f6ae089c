"""alert channels: a webhook answering 410 Gone stays disabled until re-enabled

Revision ID: 0002_alert_channels
Revises: 0001
Create Date: 2026-11-21 20:19:21.812423
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0002_alert_channels'
down_revision: str | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('alert_channels',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('target', sa.Text(), nullable=False),
    sa.Column('disabled_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('disabled_reason', sa.Text(), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_alert_channels')),
    sa.UniqueConstraint('kind', 'target', name='uq_alert_channels_kind_target')
    )


def downgrade() -> None:
    op.drop_table('alert_channels')
