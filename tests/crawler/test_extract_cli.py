"""`newsmon extract`: saved pages (plain or gzip) to JSON lines."""

from __future__ import annotations

import gzip
import json

from click.testing import CliRunner

from newsmon.cli import main
from tests.crawler.golden import FIXTURES


def run(*args: str):
    return CliRunner().invoke(main, ["extract", *args], catch_exceptions=False)


def test_saved_pages_give_one_json_line_each(tmp_path):
    plain = tmp_path / "story.html"
    plain.write_bytes((FIXTURES / "jsonld-newsarticle" / "input.html").read_bytes())
    packed = tmp_path / "german.html.gz"
    packed.write_bytes(gzip.compress((FIXTURES / "german-language" / "input.html").read_bytes()))
    gallery = tmp_path / "gallery.html"
    gallery.write_bytes((FIXTURES / "no-article-gallery" / "input.html").read_bytes())

    result = run("--json", str(plain), str(packed), str(gallery))
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.output.splitlines()]
    assert [list(line) for line in lines] == [
        ["file", "url", "headline", "text", "published", "author", "site_name", "language"]
    ] * 3
    story, german, empty = lines
    assert story["file"] == str(plain)
    # A relative rel=canonical names no site when read from a file: the file's URI stands.
    assert story["url"] == plain.resolve().as_uri()
    assert story["headline"] == "Harbour Lights Wraps Filming on Season Two"
    assert story["published"] == "2024-03-05T14:30:00-05:00"
    assert story["author"] == "Maren Holt; Tobias Wren"
    assert german["language"] == "de-DE"
    assert "„Nebelhorn“" in german["text"]
    assert german["url"].startswith("https://serienblick.example/")
    assert empty["text"] == ""
    assert empty["url"] == gallery.resolve().as_uri()


def test_unreadable_files_are_reported_and_the_rest_still_extracted(tmp_path):
    good = tmp_path / "story.html"
    good.write_bytes((FIXTURES / "opengraph-only" / "input.html").read_bytes())
    broken = tmp_path / "broken.html.gz"
    broken.write_bytes(b"\x1f\x8b\x08 not really gzip")
    result = CliRunner().invoke(
        main, ["extract", "--json", str(tmp_path / "missing.html"), str(broken), str(good)]
    )
    assert result.exit_code == 1
    assert "missing.html: cannot be read" in result.output
    assert "broken.html.gz: not a valid gzip file" in result.output
    assert json.loads(result.output.strip().splitlines()[-1])["headline"]


def test_without_json_the_article_is_printed_for_reading(tmp_path):
    page = tmp_path / "story.html"
    page.write_bytes((FIXTURES / "microdata-article" / "input.html").read_bytes())
    result = run(str(page))
    assert result.exit_code == 0
    assert result.output.startswith(f"== {page}\nFirst look: Ember Street season two")
