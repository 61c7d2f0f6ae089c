"""Which outlet published an article: the site, counted once however many hosts it uses.

``www.variety.com``, ``variety.com`` and ``m.variety.com`` are one outlet, as
are ``bbc.co.uk`` and ``news.bbc.co.uk``: the registered domain, read with the
Public Suffix List (tldextract, with the list it ships: nothing is fetched).
A site addressed by IP or by a single-label name has no registered domain;
there the host and port are the site (two servers on one machine are two
outlets).
"""

from __future__ import annotations

from functools import cache
from urllib.parse import urlsplit

import tldextract

# The suffix list that ships with the package: no download at run time.
_EXTRACT = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


@cache
def outlet_of(url: str) -> str:
    """Return the outlet of an article's URL: its registered domain, else ``host[:port]``."""
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
    if ":" in host:  # an IPv6 address keeps its brackets before a port
        host = f"[{host}]"
    return host if port is None else f"{host}:{port}"
