"""http validators: ETag and Last-Modified of fetched URLs, for conditional re-polling

Revision ID: 0005_http_validators
Revises: 0004_article_store
Create Date: 2026-11-21 20:33:51.734513
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0005_http_validators'
down_revision: str | None = '0004_article_store'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('http_validators',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('url', sa.String(length=2000), nullable=False),
    sa.Column('etag', sa.Text(), nullable=True),
    sa.Column('last_modified', sa.String(length=100), nullable=True),
    sa.Column('children', sa.JSON(), nullable=True),
    sa.Column('checked_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_http_validators')),
    sa.UniqueConstraint('url', name=op.f('uq_http_validators_url'))
    )


def downgrade() -> None:
    op.drop_table('http_validators')
