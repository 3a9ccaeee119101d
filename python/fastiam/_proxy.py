"""Proxy URLs as botocore reads and shows them.

A proxy URL may carry credentials (``http://user:password@host:port``). They go
to the proxy and nowhere else: every text fastiam produces (exceptions, log
records, ``Config``'s repr, the CLI's messages) shows the URL masked exactly as
botocore's ``mask_proxy_url`` does, ``http://***:***@host:port``.
"""

from __future__ import annotations

_MASK = "***"


def fix_proxy_url(url: str) -> str:
    """botocore's reading of a proxy URL without a scheme: plain HTTP."""
    if url.startswith(("http:", "https:")):
        return url
    if url.startswith("//"):
        return "http:" + url
    return "http://" + url


def mask_proxy_url(url: str) -> str:
    """The URL with its user name and password each replaced by ``***``.

    botocore replaces the first occurrence of each anywhere in the URL, which
    for a password such as ``p`` hits the scheme and leaves the password shown;
    here the replacement is made within the URL's user info, which gives
    botocore's text for every URL where the two differ only in that leak."""
    prefix, userinfo, rest = _split_userinfo(url)
    if userinfo is None:
        return url
    credentials = _credentials(url)
    if credentials is None:
        # urlparse rejects some netlocs (a bad port, a stray bracket): hide all
        # of the user info rather than guess at it.
        return f"{prefix}{_MASK}:{_MASK}@{rest}"
    for value in credentials:
        if value:
            userinfo = userinfo.replace(value, _MASK, 1)
    return f"{prefix}{userinfo}@{rest}"


def proxy_secrets(url: str) -> list[str]:
    """The password in ``url`` as written and percent-decoded: the native core
    redacts these from any text it passes on (an SDK error chain may quote the
    proxy URL)."""
    from urllib.parse import unquote

    credentials = _credentials(url)
    if credentials is None:
        password: str | None = (_split_userinfo(url)[1] or "").partition(":")[2]
    else:
        password = credentials[1]
    return [value for value in {password, unquote(password or "")} if value]


def _credentials(url: str) -> tuple[str | None, str | None] | None:
    """urlparse's (user name, password), as botocore reads them; ``None`` when
    urlparse rejects the URL."""
    from urllib.parse import urlparse

    try:
        parsed = urlparse(url)
        return parsed.username, parsed.password
    except ValueError:
        return None


def _split_userinfo(url: str) -> tuple[str, str | None, str]:
    """(``scheme://``, the user info of the network location or ``None``, the
    host and everything after it)."""
    scheme, separator, rest = url.partition("://")
    if not separator:
        return "", None, url
    end = min((i for i in map(rest.find, "/?#") if i >= 0), default=len(rest))
    userinfo, at, host = rest[:end].rpartition("@")
    if not at:
        return scheme + separator, None, rest
    return scheme + separator, userinfo, host + rest[end:]


def masked_proxies(proxies: object) -> object:
    """``Config(proxies=...)`` for display: each URL masked."""
    if not isinstance(proxies, dict):
        return proxies
    return {
        scheme: mask_proxy_url(url) if isinstance(url, str) else url
        for scheme, url in proxies.items()
    }
