"""Feed parsing: RSS 2.0, RSS 1.0, Atom, sloppy feeds, and things that are not feeds."""

from __future__ import annotations

import pytest

from newsmon.crawler.feeds import FeedEntry, FeedError, parse_feed

RSS2 = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0">
<channel>
  <title>Screen Ledger: TV</title>
  <link>https://www.screenledger.example/tv</link>
  <item>
    <title>Harbour Lights wraps   season two</title>
    <link>/tv/harbour-lights-season-2-wraps</link>
    <guid isPermaLink="false">ledger-8812</guid>
    <pubDate>Tue, 05 Mar 2024 14:30:00 -0500</pubDate>
  </item>
  <item>
    <title>Quiet Orchard renewed</title>
    <guid>https://www.screenledger.example/tv/quiet-orchard-renewed</guid>
  </item>
  <item>
    <title>An entry with nothing to follow</title>
    <guid isPermaLink="false">ledger-8810</guid>
  </item>
  <item>
    <title>Harbour Lights wraps (again)</title>
    <link>https://www.screenledger.example/tv/harbour-lights-season-2-wraps</link>
  </item>
</channel>
</rss>"""

RSS1 = b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
         xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://old.example/">
    <title>Old Site</title><link>https://old.example/</link><description>d</description>
  </channel>
  <item rdf:about="https://old.example/saltmarsh">
    <title>Saltmarsh delayed</title>
    <link>https://old.example/saltmarsh</link>
    <dc:date>2024-01-20T08:15:00+01:00</dc:date>
  </item>
</rdf:RDF>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://reeldispatch.example/2024/">
  <title>Reel Dispatch</title>
  <id>urn:reeldispatch</id>
  <updated>2024-02-11T12:45:30Z</updated>
  <entry>
    <title type="html">Filming begins on &lt;i&gt;The Quiet Orchard&lt;/i&gt; season three</title>
    <link rel="alternate" href="02/quiet-orchard-season-three-filming/"/>
    <link rel="enclosure" href="https://cdn.example/podcast.mp3"/>
    <id>urn:reeldispatch:5512</id>
    <published>2024-02-11T09:00:00Z</published>
    <updated>2024-02-11T12:45:30Z</updated>
  </entry>
  <entry>
    <title>Only an update time</title>
    <link href="https://reeldispatch.example/2024/02/update-only/"/>
    <id>urn:reeldispatch:5513</id>
    <updated>2024-02-12T10:00:00+02:00</updated>
  </entry>
</feed>"""


def test_rss2_links_are_absolute_dates_iso_utc_and_duplicates_dropped():
    entries = parse_feed(RSS2, "https://www.screenledger.example/feeds/tv.xml")
    assert entries == [
        FeedEntry(
            link="https://www.screenledger.example/tv/harbour-lights-season-2-wraps",
            title="Harbour Lights wraps season two",
            published="2024-03-05T19:30:00+00:00",
        ),
        FeedEntry(
            link="https://www.screenledger.example/tv/quiet-orchard-renewed",
            title="Quiet Orchard renewed",
            published=None,
        ),
    ]


def test_rss1_rdf_feed():
    entries = parse_feed(RSS1, "https://old.example/index.rdf")
    assert entries == [
        FeedEntry(
            link="https://old.example/saltmarsh",
            title="Saltmarsh delayed",
            published="2024-01-20T07:15:00+00:00",
        )
    ]


def test_atom_uses_alternate_link_xml_base_and_published_before_updated():
    entries = parse_feed(ATOM, "https://reeldispatch.example/feed/atom")
    assert entries == [
        FeedEntry(
            link="https://reeldispatch.example/2024/02/quiet-orchard-season-three-filming/",
            title="Filming begins on The Quiet Orchard season three",
            published="2024-02-11T09:00:00+00:00",
        ),
        FeedEntry(
            link="https://reeldispatch.example/2024/02/update-only/",
            title="Only an update time",
            published="2024-02-12T08:00:00+00:00",
        ),
    ]


def test_sloppy_feed_that_is_not_well_formed_is_still_read():
    body = b"""<rss version="2.0"><channel><title>Tom & Jerry news</title>
    <item><title>Tom & Jerry reboot wraps</title>
    <link>https://cartoons.example/news?id=4&ref=rss</link></item></channel></rss>"""
    entries = parse_feed(body, "https://cartoons.example/rss")
    assert [e.link for e in entries] == ["https://cartoons.example/news?id=4&ref=rss"]


def test_feed_with_no_items_is_an_empty_list():
    body = b'<?xml version="1.0"?><rss version="2.0"><channel><title>Quiet</title></channel></rss>'
    assert parse_feed(body, "https://quiet.example/rss") == []


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b"<!DOCTYPE html><html><body><h1>Page not found</h1></body></html>", "HTML page"),
        (b'{"items": [{"url": "https://a.example/"}]}', "not well-formed XML"),
        (b"\x89PNG\r\n\x1a\n\x00\x00binary", "not well-formed XML"),
        (b"", "empty"),
        (
            b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            b"<url><loc>https://a.example/</loc></url></urlset>",
            "no <rss>",
        ),
    ],
    ids=["html", "json", "binary", "empty", "sitemap"],
)
def test_not_a_feed_raises_one_line_feed_error_naming_the_url(body, reason):
    with pytest.raises(FeedError) as raised:
        parse_feed(body, "https://broken.example/feed")
    message = str(raised.value)
    assert message.startswith("https://broken.example/feed: not an RSS or Atom feed")
    assert reason in message
    assert "\n" not in message


def test_a_broken_feed_that_names_its_version_but_yields_no_entry_is_a_feed_error():
    body = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Broken</title>
    <item><title>Half an item</titl"""
    with pytest.raises(FeedError) as raised:
        parse_feed(body, "https://broken.example/rss")
    message = str(raised.value)
    assert message.startswith("https://broken.example/rss: broken feed")
    assert "\n" not in message
