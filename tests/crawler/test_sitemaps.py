"""Sitemaps, sitemap indexes and Google News sitemaps, and the `since` horizon."""

from __future__ import annotations

import datetime as dt

import pytest

from newsmon.crawler.sitemaps import SitemapError, parse_sitemap, read_sitemap, recent_entries

NEWS = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"
        xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">
  <url>
    <loc>https://dispatch.example/tv/orchard-renewed</loc>
    <image:image><image:loc>https://cdn.example/orchard.jpg</image:loc></image:image>
    <news:news>
      <news:publication><news:name>Dispatch</news:name><news:language>en</news:language>
      </news:publication>
      <news:publication_date>2024-03-05T09:30:00+01:00</news:publication_date>
      <news:title>Orchard renewed</news:title>
    </news:news>
  </url>
  <url><loc> https://dispatch.example/tv/plain </loc><lastmod>2024-03-01</lastmod></url>
  <url><loc>/relative/is/ignored</loc></url>
</urlset>"""


def test_google_news_entries_keep_their_publication_date_and_title():
    sitemap = parse_sitemap(NEWS)
    assert sitemap.kind == "urlset"
    first, second = sitemap.entries
    assert first.loc == "https://dispatch.example/tv/orchard-renewed"  # not the image's <loc>
    assert first.news_published == "2024-03-05T09:30:00+01:00"
    assert first.news_title == "Orchard renewed"
    assert first.date == "2024-03-05T09:30:00+01:00"
    assert (second.loc, second.date) == ("https://dispatch.example/tv/plain", "2024-03-01")


def test_an_index_lists_sitemaps():
    body = b"""<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
    <sitemap><loc>https://a.example/s1.xml</loc><lastmod>2024-01-01T00:00:00Z</lastmod></sitemap>
    </sitemapindex>"""
    sitemap = parse_sitemap(body)
    assert sitemap.kind == "index"
    assert [(e.loc, e.date) for e in sitemap.entries] == [
        ("https://a.example/s1.xml", "2024-01-01T00:00:00+00:00")
    ]


def test_the_horizon_keeps_recent_and_undated_entries():
    entries = parse_sitemap(NEWS).entries
    kept, too_old = recent_entries(entries, dt.date(2024, 3, 5))
    assert [e.loc for e in kept] == ["https://dispatch.example/tv/orchard-renewed"]
    assert too_old == 1
    undated = parse_sitemap(
        b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        b"<url><loc>https://a.example/x</loc></url></urlset>"
    ).entries
    assert recent_entries(undated, dt.date(2030, 1, 1)) == (undated, 0)


def test_a_sitemap_of_50000_old_urls_is_one_parse_and_no_requests():
    rows = "".join(
        f"<url><loc>https://big.example/a/{n}</loc><lastmod>2019-01-01</lastmod></url>"
        for n in range(50_000)
    )
    body = f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{rows}</urlset>'.encode()
    kept, too_old = recent_entries(parse_sitemap(body).entries, dt.date(2024, 1, 1))
    assert (kept, too_old) == ([], 50_000)


@pytest.mark.parametrize(
    "body",
    [b"", b"   ", b"<html><body>no</body></html>", b"not xml at all", b'{"a": 1}'],
)
def test_other_bodies_are_not_sitemaps(body):
    with pytest.raises(SitemapError):
        parse_sitemap(body)


def test_entities_are_not_expanded():
    body = b"""<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>
    <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
    <url><loc>https://a.example/&e;</loc></url></urlset>"""
    entries = parse_sitemap(body).entries
    assert all("root:" not in e.loc for e in entries)


def _urlset(count: int) -> bytes:
    urls = "".join(f"<url><loc>https://big.example/{n}</loc></url>" for n in range(count))
    return (
        '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"{urls}</urlset>"
    ).encode()


def test_a_sitemap_cut_off_halfway_gives_the_entries_before_the_cut():
    body = _urlset(1000)[:-5000] + b"<url><loc>https://big.example/broken</lo"
    stream = read_sitemap(body)
    assert stream.kind == "urlset"
    assert next(stream.entries).loc == "https://big.example/0"
    rest = [entry.loc for entry in stream.entries]
    assert rest[:10] == [f"https://big.example/{n}" for n in range(1, 11)]
    assert 800 < len(rest) < 1000


def test_a_read_entry_is_dropped_from_the_tree():
    stream = read_sitemap(_urlset(5000))
    entries = iter(stream.entries)
    for _ in range(4000):
        next(entries)
    frame = entries.gi_frame  # type: ignore[attr-defined]
    assert frame is not None
    root = frame.f_locals["root"]
    # What the parser has read ahead of the entry being read, not the 4000 before it.
    assert len(root) < 500
