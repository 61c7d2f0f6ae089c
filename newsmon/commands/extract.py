"""``newsmon extract``: the crawler's article extraction, run on saved HTML files."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import click

logger = logging.getLogger(__name__)


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line, per file.")
def extract(files: tuple[Path, ...], as_json: bool) -> None:
    """Extract the article of each saved HTML page (plain or .html.gz).

    With --json, each file gives one line: file, url (the page's canonical
    URL if it names one, else the file's URI), headline, text, published,
    author, site_name, language. A page without article text gives an empty
    text. Unreadable files are reported on stderr; the exit code is then 1.
    """
    from newsmon.crawler.log_noise import quiet_noisy_loggers
    from newsmon.crawler.saved_pages import SavedPageError, extract_saved_page

    quiet_noisy_loggers()
    failed = 0
    for path in files:
        try:
            article = extract_saved_page(path)
        except SavedPageError as exc:
            click.echo(f"error: {exc}", err=True)
            failed += 1
            continue
        if as_json:
            click.echo(json.dumps(article.as_json(), ensure_ascii=False))
            continue
        click.echo(f"== {article.file}")
        if not article.text:
            click.echo("(no article text found)\n")
            continue
        click.echo(f"{article.headline or '(no headline)'}")
        details = [article.url, article.published, article.author, article.site_name]
        click.echo(" | ".join(d for d in details if d))
        click.echo(f"\n{article.text}\n")
    if failed:
        raise SystemExit(1)
