"""Canonical article URLs: tracking parameters stripped, AMP pages mapped, w3lib's form.

Pure functions over URL strings; the normalize pipeline decides with them
which URL an article is stored under.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from w3lib.url import canonicalize_url

TRACKING_PARAMETERS = frozenset({
    "fbclid", "gclid", "gclsrc", "dclid", "gbraid", "wbraid", "msclkid", "mc_cid", "mc_eid",
    "igshid", "yclid", "twclid", "_ga", "_gl", "_hsenc", "_hsmi", "mkt_tok", "ref_src",
    "ref_url", "ocid", "cmpid", "smid", "s_cid",
})  # fmt: skip
"""Query parameters that only say how a reader arrived; ``utm_*`` is dropped too."""
AMP_PARAMETERS = frozenset({"amp", "outputtype", "amp_js_v", "usqp"})
"""Query parameters that ask for the AMP rendering of the same article."""

_AMP_CACHE_HOST = ".cdn.ampproject.org"
_HOST_PREFIXES = ("www.", "amp.", "m.", "mobile.")
_DEFAULT_PORTS = {"http": 80, "https": 443}
_AMP_SUFFIX = re.compile(r"/amp(/?)$|\.amp()$")
_AMP_HTML = re.compile(r"\.amp\.html?$")


def _is_tracking(name: str) -> bool:
    lowered = name.lower()
    return lowered.startswith("utm_") or lowered in TRACKING_PARAMETERS


def _from_amp_cache(url: str) -> str:
    # https://www-site-com.cdn.ampproject.org/c/s/www.site.com/path -> https://www.site.com/path
    parts = urlsplit(url)
    if not parts.hostname or not parts.hostname.endswith(_AMP_CACHE_HOST):
        return url
    match = re.match(r"^/[a-z]+/(s/)?(.+)$", parts.path)
    if match is None:
        return url
    scheme = "https" if match.group(1) else "http"
    query = f"?{parts.query}" if parts.query else ""
    return f"{scheme}://{match.group(2)}{query}"


def amp_to_canonical(url: str) -> str:
    """Return the regular page of an AMP URL (cache, ``amp.`` host, ``/amp``, ``?amp=1``)."""
    url = _from_amp_cache(url)
    parts = urlsplit(url)
    host = parts.netloc
    if host.lower().startswith("amp."):
        host = host[4:]
    path = parts.path
    if path.lower().startswith("/amp/"):
        path = path[4:]
    path = _AMP_HTML.sub(".html", path)
    path = _AMP_SUFFIX.sub(lambda m: m.group(1) or "", path) or "/"
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not (k.lower() in AMP_PARAMETERS and (k.lower() != "outputtype" or v == "amp"))
    ]
    return urlunsplit((parts.scheme, host, path, urlencode(query), parts.fragment))


def canonical_form(url: str) -> str:
    """Return the URL without tracking parameters, fragment, default port or AMP form."""
    parts = urlsplit(amp_to_canonical(url.strip()))
    query = [
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracking(k)
    ]
    netloc = parts.netloc
    if parts.port is not None and _DEFAULT_PORTS.get(parts.scheme.lower()) == parts.port:
        netloc = netloc.rsplit(":", 1)[0]
    cleaned = urlunsplit((parts.scheme, netloc, parts.path or "/", urlencode(query), ""))
    return canonicalize_url(cleaned, keep_fragments=False)


def site_of(url: str) -> str:
    """Return the host without ``www.``, ``amp.``, ``m.`` or ``mobile.`` (one site)."""
    host = (urlsplit(url).hostname or "").lower()
    for prefix in _HOST_PREFIXES:
        if host.startswith(prefix):
            return host[len(prefix) :]
    return host


def storage_url(url: str, declared: str | None) -> tuple[str, str | None]:
    """Return the URL to store an article under, and its canonical URL on another site.

    ``url`` is where the page was fetched, ``declared`` its rel=canonical or
    og:url. A canonical on the same site names the same article (AMP, print
    or tracking variants collapse into it). A canonical on another site means
    a syndicated copy: the copy is stored under its own URL, linked to the
    other site's article. A canonical pointing at the site's home page, or
    not an http(s) URL, is a template mistake and is ignored.
    """
    own = canonical_form(url)
    if not declared or not declared.lower().startswith(("http://", "https://")):
        return own, None
    claimed = canonical_form(declared)
    if urlsplit(claimed).path in ("", "/") and urlsplit(own).path not in ("", "/"):
        return own, None
    if site_of(claimed) != site_of(own):
        return own, claimed
    return claimed, None
