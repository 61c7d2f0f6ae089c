"""Keeping secrets out of what newsmon prints: errors, logs, access logs.

A database or Redis URL may carry a password, a logged request URL may carry
the API token (``?token=...``). These helpers mask them, so a message can
still name the server, the user and the path to fix.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import unquote

MASK = "***"

# scheme://user:password@host: the password is everything up to the last "@"
# before the host, as SQLAlchemy and urllib read it.
_USERINFO = re.compile(
    r"(?P<head>\b[A-Za-z][A-Za-z0-9+.\-]*://[^\s:/@'\"<>]*:)(?P<password>[^\s/'\"<>]*)@"
)
SECRET_QUERY_NAMES = frozenset({"token", "access_token", "api_key", "apikey", "key", "secret"})
_QUERY_SECRET = re.compile(
    r"(?P<head>[?&;](?:" + "|".join(sorted(SECRET_QUERY_NAMES)) + r")=)(?P<value>[^&#;\s\"']*)",
    re.IGNORECASE,
)


def mask_credentials(text: str) -> str:
    """Return ``text`` with the password of every ``scheme://user:password@`` URL masked."""
    return _USERINFO.sub(lambda m: f"{m['head']}{MASK}@", text)


def redact_query(url: str) -> str:
    """Return ``url`` (or a request line) with token-like query values masked."""
    return _QUERY_SECRET.sub(lambda m: f"{m['head']}{MASK}" if m["value"] else m[0], url)


def scrub(text: str, secrets: Iterable[str | None]) -> str:
    """Return ``text`` with each of ``secrets`` (and its URL-decoded form) masked.

    Credentials in URLs are masked too, so an error quoting a URL that could
    not even be parsed gives nothing away.
    """
    for secret in secrets:
        if not secret:
            continue
        for form in {secret, unquote(secret)}:
            if len(form) >= 3:
                text = text.replace(form, MASK)
    return mask_credentials(redact_query(text))


_URL_PART_SEPARATORS = re.compile(r"[/?&#@:=;,]+")
_HOST_NAME = re.compile(
    r"localhost|\d{1,3}(?:\.\d{1,3}){3}|(?:[A-Za-z0-9-]+\.)+[A-Za-z][A-Za-z0-9-]*", re.IGNORECASE
)
_SECRET_PART_LENGTH = 6
"""Shorter parts (ports, ``POST``, ``yes``) are options, not secrets."""


def url_secrets(url: str) -> list[str]:
    """Return the parts of ``url`` that may be secrets, longest first, for :func:`scrub`.

    For URLs such as Apprise's, which carry tokens anywhere (``tgram://TOKEN/CHAT``,
    ``json://host/TOKEN``): every user, password, path segment and option
    value, only host names and short parts left out.
    """
    _scheme, found, rest = url.partition("://")
    location, _, options = (rest if found else url).partition("?")
    parts = _URL_PART_SEPARATORS.split(location)
    for option in re.split(r"[&;]", options):
        # An option's name says what it is; its value may be the secret.
        parts += _URL_PART_SEPARATORS.split(option.partition("=")[2])
    secrets = {
        part
        for part in parts
        if len(part) >= _SECRET_PART_LENGTH and not _HOST_NAME.fullmatch(part)
    }
    return sorted(secrets, key=len, reverse=True)
