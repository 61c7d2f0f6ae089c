"""The template files every channel renders from, and what they are rendered with."""

from __future__ import annotations

from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from newsmon.alerts.event import Digest
from newsmon.alerts.format import (
    detected_label,
    digest_line,
    digest_title,
    period_label,
    readable_date,
    readable_release,
    reported_by,
)
from newsmon.storage.views import EventView, production_label

_templates = Environment(
    loader=PackageLoader("newsmon.alerts", "templates"),
    # evidence and headline are text copied from web pages: escape them in HTML.
    autoescape=select_autoescape(enabled_extensions=("html",), default=False),
    undefined=StrictUndefined,
    keep_trailing_newline=True,
)


def render(name: str, context: dict[str, Any]) -> str:
    """Render the template file ``alerts/templates/<name>``."""
    return _templates.get_template(name).render(context)


def template_context(event: EventView) -> dict[str, Any]:
    """Return what the single-alert templates are rendered with."""
    url = event.article.url
    return {
        "summary": event.summary,
        "production": production_label(event.show, event.season),
        "evidence": " ".join(event.evidence.split()),
        "release_words": readable_release(event.new) if event.facet == "release" else "",
        "certainty": event.certainty,
        "as_of": event.as_of,
        "as_of_words": readable_date(event.as_of),
        "detected": detected_label(event.detected_at),
        "reported_by": reported_by(event.outlet_count),
        "outlets": [
            {
                "outlet": " ".join(o.outlet.split()),
                "url": o.url,
                "link_url": o.url if o.url.startswith(("http://", "https://")) else None,
                "headline": " ".join(o.headline.split()),
            }
            for o in event.outlets
        ],
        "headline": " ".join(event.article.headline.split()),
        "article_url": url,
        # Only web links become clickable; anything else (javascript:) stays text.
        "link_url": url if url.startswith(("http://", "https://")) else None,
    }


def digest_context(digest: Digest) -> dict[str, Any]:
    """Return what the digest templates are rendered with: events grouped by show."""
    return {
        "title": digest_title(digest),
        "period": period_label(digest.start, digest.end),
        "shows": [
            {
                "show": " ".join(show.split()),
                "changes": [
                    dict(template_context(event), line=digest_line(event)) for event in events
                ],
            }
            for show, events in digest.by_show()
        ],
    }
