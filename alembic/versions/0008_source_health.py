"""source health: what newsmon run last reported per source

One row per source the service has assessed: its status (healthy, failing,
silent), since when, and which alert channels still have to be told, so a
restarted service neither repeats nor forgets a report.

Revision ID: 0008_source_health
Revises: 0007_catalog_suggestions
Create Date: 2026-11-21 20:47:17.185884
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0008_source_health'
down_revision: str | None = '0007_catalog_suggestions'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'source_health',
        sa.Column('source_id', sa.Integer(), autoincrement=False, nullable=False),
        sa.Column('status', sa.String(length=16), nullable=False),
        sa.Column('reason', sa.Text(), nullable=True),
        sa.Column('since', sa.DateTime(timezone=True), nullable=False),
        sa.Column('announced', sa.Boolean(), nullable=False),
        sa.Column('reported_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('pending_channels', sa.JSON(), nullable=False),
        sa.Column('message_id', sa.String(length=64), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ['source_id'], ['sources.id'], name=op.f('fk_source_health_source_id_sources')
        ),
        sa.PrimaryKeyConstraint('source_id', name=op.f('pk_source_health')),
    )


def downgrade() -> None:
    op.drop_table('source_health')
