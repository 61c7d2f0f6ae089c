"""Read one article the way the pipeline would, for ``newsmon explain``.

``load_article`` turns a saved page (``.html``, ``.html.gz``), a labelled
article (FORMAT.md JSON), a plain text file or a URL (fetched once) into the
detector's input. A page goes the crawler's way: its page reader (checks and
charset repair), its extractor, and the normalize pipeline (canonical URL,
tidy text, the date the store would record). ``state_changes`` folds the
article's claims over the claims already stored for the same productions,
with the store's fold, and reports what would change, without writing anything.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import logging
import re
import urllib.error
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsmon.detector.fold import StateTracker, state_key
from newsmon.detector.model import ArticleInput, Change, Claim

logger = logging.getLogger(__name__)

_HTML_SUFFIXES = (".html", ".htm", ".html.gz", ".htm.gz", ".xhtml")


class ExplainError(Exception):
    """The article cannot be read; one line naming the file or URL and what to fix."""


@dataclass(frozen=True, kw_only=True, slots=True)
class LoadedArticle:
    """The detector's input and where its parts came from."""

    article: ArticleInput
    kind: str
    """``html``, ``json`` or ``text``."""
    published_from: str
    """``option`` (--published), ``json``, ``today`` (a text file), or for a page what the
    store would record: ``structured-data``, ``page`` or ``first-seen`` (today)."""


@dataclass(frozen=True, kw_only=True, slots=True)
class FetchLimits:
    """How a URL is fetched: politely, once, within bounds."""

    user_agent: str
    timeout: float
    max_bytes: int


def is_url(target: str) -> bool:
    """Whether the argument is an http(s) URL rather than a file."""
    return target.lower().startswith(("http://", "https://"))


def load_article(
    target: str, *, published: dt.date | None, limits: FetchLimits, today: dt.date
) -> LoadedArticle:
    """Read ``target`` (a file or an http(s) URL) into an article; ExplainError if unusable."""
    if is_url(target):
        final_url, body, content_type = fetch(target, limits)
        return _from_html(
            final_url,
            body,
            content_type=content_type,
            target=target,
            published=published,
            today=today,
        )
    path = Path(target)
    if not path.is_file():
        raise ExplainError(f"{target}: no such file")
    name = path.name.lower()
    if name.endswith(_HTML_SUFFIXES):
        raw = _read_bytes(path)
        return _from_html(
            path.resolve().as_uri(),
            raw,
            content_type=None,
            target=target,
            published=published,
            today=today,
        )
    if name.endswith(".json"):
        return _from_json(path, published)
    return _from_text(path, published, today)


def fetch(url: str, limits: FetchLimits) -> tuple[str, bytes, str | None]:
    """GET ``url`` once; return the final URL, the body and its Content-Type header."""
    request = urllib.request.Request(url, headers={"User-Agent": limits.user_agent})
    try:
        with urllib.request.urlopen(request, timeout=limits.timeout) as response:
            body = response.read(limits.max_bytes + 1)
            final_url = response.geturl()
            content_type = response.headers.get("Content-Type")
    except urllib.error.HTTPError as exc:
        raise ExplainError(f"{url}: the server answered HTTP {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        raise ExplainError(f"{url}: unreachable ({_reason(exc.reason)})") from None
    except (TimeoutError, OSError, ValueError) as exc:
        raise ExplainError(f"{url}: unreachable ({_reason(exc)})") from None
    if len(body) > limits.max_bytes:
        raise ExplainError(f"{url}: the page is larger than {limits.max_bytes} bytes")
    return final_url, body, content_type


def state_changes(history: Sequence[Claim], claims: Sequence[Claim]) -> list[Change]:
    """The changes ``claims`` would cause after ``history`` (stored claims, oldest first).

    The store's own fold and diff (:class:`detector.fold.StateTracker` over
    :func:`detector.fold.fold_in`), so what is shown is what reading the
    article would record.
    """
    touched = {state_key(c) for c in claims}
    return StateTracker(c for c in history if state_key(c) in touched).feed(claims)


def _from_html(
    url: str,
    body: bytes,
    *,
    content_type: str | None,
    target: str,
    published: dt.date | None,
    today: dt.date,
) -> LoadedArticle:
    from scrapy.exceptions import DropItem
    from scrapy.http import Response

    from newsmon.crawler.extraction import extract_article
    from newsmon.crawler.items import ArticleItem
    from newsmon.crawler.page_reader import PageProblem, read_html
    from newsmon.pipelines.normalize import NormalizePipeline

    headers = {"Content-Type": content_type} if content_type else {}
    page = read_html(Response(url=url, body=body, headers=headers))
    if isinstance(page, PageProblem):
        raise ExplainError(f"{target}: {page.message}")
    extracted = extract_article(url=url, html=page.text)
    if extracted is None:
        raise ExplainError(f"{target}: no article text found in the page")
    item = ArticleItem.from_page(extracted, source="explain", url=url)
    try:
        NormalizePipeline().process_item(item)
    except DropItem:
        raise ExplainError(f"{target}: no article text found in the page") from None
    # The pipeline always sets both.
    assert item.published is not None
    assert item.canonical_url is not None
    source = item.published_source or "page"
    when = dt.date.fromisoformat(item.published)
    if published is not None:
        when, source = published, "option"
    elif source == "first-seen":
        when = today  # the pipeline's "today" is the caller's here
    article = ArticleInput(
        url=item.canonical_url, headline=item.headline, text=item.text, published=when
    )
    return LoadedArticle(article=article, kind="html", published_from=source)


def _from_json(path: Path, published: dt.date | None) -> LoadedArticle:
    try:
        data: Any = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ExplainError(f"{path}: not a readable JSON file ({_reason(exc)})") from None
    if not isinstance(data, dict) or not isinstance(data.get("text"), str):
        raise ExplainError(f"{path}: expected an article object with 'text' (FORMAT.md)")
    when = published if published is not None else _corpus_date(data.get("published"))
    if when is None:
        raise ExplainError(f"{path}: 'published' must be an ISO date, or pass --published")
    text = data["text"]
    if not text.strip():
        raise ExplainError(f"{path}: no article text")
    article = ArticleInput(
        url=str(data.get("url") or path.resolve().as_uri()),
        headline=str(data.get("headline") or ""),
        text=text,
        published=when,
    )
    return LoadedArticle(
        article=article, kind="json", published_from="option" if published else "json"
    )


def _from_text(path: Path, published: dt.date | None, today: dt.date) -> LoadedArticle:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ExplainError(f"{path}: not UTF-8 text (save the page as .html instead)") from None
    except OSError as exc:
        raise ExplainError(f"{path}: cannot read ({_reason(exc)})") from None
    headline, body = _split_headline(text)
    if not body.strip():
        raise ExplainError(f"{path}: no article text")
    when, source = (published, "option") if published is not None else (today, "today")
    article = ArticleInput(
        url=path.resolve().as_uri(), headline=headline, text=body, published=when
    )
    return LoadedArticle(article=article, kind="text", published_from=source)


def _split_headline(text: str) -> tuple[str, str]:
    """A short first line followed by a blank line is the headline; the rest is the body."""
    parts = re.split(r"\n\s*\n", text.strip(), maxsplit=1)
    first = parts[0].strip()
    if len(parts) == 2 and "\n" not in first and len(first) <= 200 and first[-1:] not in ".!?":
        return first, parts[1]
    return "", text.strip()


def _corpus_date(value: Any) -> dt.date | None:
    # FORMAT.md writes ISO dates; the pipeline's reading of a date string takes them too.
    from newsmon.pipelines.normalize import parse_date

    return parse_date(value) if isinstance(value, str) else None


def _read_bytes(path: Path) -> bytes:
    try:
        raw = path.read_bytes()
        return gzip.decompress(raw) if path.name.lower().endswith(".gz") else raw
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        raise ExplainError(f"{path}: cannot read ({_reason(exc)})") from None


def _reason(exc: object) -> str:
    text = " ".join(str(exc).split())
    return text or type(exc).__name__


def stored_history(session: Any, claims: Sequence[Claim]) -> list[Claim]:
    """The stored claims about the productions and facets ``claims`` touch, oldest first."""
    from newsmon.storage.state import facet_history

    return facet_history(session, {state_key(c) for c in claims})
