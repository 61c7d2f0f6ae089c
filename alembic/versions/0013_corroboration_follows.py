"""Corroboration and follows: event_reports (which outlets reported a change), followed_shows

Revision ID: 0013_corroboration_follows
Revises: 0012_baseline_quiet_events
Create Date: 2026-12-05 12:00:00.000000
"""

from collections.abc import Sequence
from urllib.parse import urlsplit

import sqlalchemy as sa
import tldextract
from alembic import op


revision: str = '0013_corroboration_follows'
down_revision: str | None = '0012_baseline_quiet_events'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_EXTRACT = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


def _outlet(url: str) -> str:
    # The rule of storage.outlets as it stands at this revision (migrations import no project code).
    parts = urlsplit(url)
    host = (parts.hostname or "").rstrip(".").lower()
    if not host:
        return url
    found = _EXTRACT(host)
    if found.domain and found.suffix:
        return f"{found.domain}.{found.suffix}"
    try:
        port = parts.port
    except ValueError:
        port = None
    if ":" in host:
        host = f"[{host}]"
    return host if port is None else f"{host}:{port}"


def upgrade() -> None:
    op.create_table(
        'event_reports',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('event_id', sa.Integer(), nullable=False),
        sa.Column('outlet', sa.String(length=255), nullable=False),
        sa.Column('article_id', sa.Integer(), nullable=False),
        sa.Column('claim_id', sa.Integer(), nullable=False),
        sa.Column('certainty', sa.String(length=16), nullable=False),
        sa.Column('as_of', sa.String(length=32), nullable=False),
        sa.Column('reported_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['article_id'], ['articles.id'], name=op.f('fk_event_reports_article_id_articles')),
        sa.ForeignKeyConstraint(['claim_id'], ['claims.id'], name=op.f('fk_event_reports_claim_id_claims')),
        sa.ForeignKeyConstraint(['event_id'], ['change_events.id'], name=op.f('fk_event_reports_event_id_change_events')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_event_reports')),
        sa.UniqueConstraint('event_id', 'outlet', name=op.f('uq_event_reports_event_id')),
    )
    op.create_index(op.f('ix_event_reports_event_id'), 'event_reports', ['event_id'], unique=False)
    op.create_table(
        'followed_shows',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('show', sa.String(length=300), nullable=False),
        sa.Column('followed_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_followed_shows')),
        sa.UniqueConstraint('show', name=op.f('uq_followed_shows_show')),
    )
    # Every stored change was reported by the article that caused it (its story's original
    # counting for a copy); later reports of the same value were not kept before this revision.
    rows = op.get_bind().execute(sa.text(
        "SELECT e.id, e.claim_id, e.certainty, e.as_of, e.detected_at, a.id AS article_id,"
        " coalesce(o.canonical_url, a.canonical_url) AS url"
        " FROM change_events e JOIN claims c ON c.id = e.claim_id"
        " JOIN articles a ON a.id = c.article_id"
        " LEFT JOIN articles o ON o.id = a.duplicate_of_id"
    )).all()
    if rows:
        # Plain text both ways: detected_at is copied as the backend stored it.
        op.get_bind().execute(
            sa.text(
                "INSERT INTO event_reports"
                " (event_id, outlet, article_id, claim_id, certainty, as_of, reported_at)"
                " VALUES (:event_id, :outlet, :article_id, :claim_id, :certainty, :as_of,"
                " :reported_at)"
            ),
            [
                {"event_id": row.id, "outlet": _outlet(row.url), "article_id": row.article_id,
                 "claim_id": row.claim_id, "certainty": row.certainty, "as_of": row.as_of,
                 "reported_at": row.detected_at}
                for row in rows
            ],
        )


def downgrade() -> None:
    op.drop_table('followed_shows')
    op.drop_index(op.f('ix_event_reports_event_id'), table_name='event_reports')
    op.drop_table('event_reports')
