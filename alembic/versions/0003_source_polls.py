"""source polls: each crawl of a source (when, what it stored, its errors), for the sources' health

Revision ID: 0003_source_polls
Revises: 0002_alert_channels
Create Date: 2026-11-21 20:24:30.264951
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0003_source_polls'
down_revision: str | None = '0002_alert_channels'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('source_polls',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('source_id', sa.Integer(), nullable=False),
    sa.Column('started_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('finished_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('finish_reason', sa.String(length=64), nullable=True),
    sa.Column('pages', sa.Integer(), nullable=False),
    sa.Column('stored', sa.Integer(), nullable=False),
    sa.Column('dropped', sa.Integer(), nullable=False),
    sa.Column('error_count', sa.Integer(), nullable=False),
    sa.Column('errors', sa.JSON(), nullable=False),
    sa.Column('message', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['source_id'], ['sources.id'], name=op.f('fk_source_polls_source_id_sources')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_source_polls'))
    )
    with op.batch_alter_table('source_polls', schema=None) as batch_op:
        batch_op.create_index('ix_source_polls_source_started', ['source_id', 'started_at'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('source_polls', schema=None) as batch_op:
        batch_op.drop_index('ix_source_polls_source_started')

    op.drop_table('source_polls')
