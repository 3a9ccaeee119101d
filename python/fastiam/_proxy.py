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
    """The URL with its user name and password each replaced by ``***``
    (the first occurrence of each, as botocore replaces them)."""
    from urllib.parse import urlparse

    try:
        parsed = urlparse(url)
        username, password = parsed.username, parsed.password
    except ValueError:
        # urlparse rejects some netlocs (a bad port, a stray bracket); hide all
        # of the part before the host rather than show what cannot be parsed.
        return _mask_userinfo(url)
    if username:
        url = url.replace(username, _MASK, 1)
    if password:
        url = url.replace(password, _MASK, 1)
    return url


def _mask_userinfo(url: str) -> str:
    scheme, separator, rest = url.rpartition("://")
    _userinfo, at, host = rest.rpartition("@")
    if not at:
        return url
    return f"{scheme}{separator}{_MASK}:{_MASK}@{host}"


def proxy_secrets(url: str) -> list[str]:
    """The password in ``url`` as written and percent-decoded: the native core
    redacts these from any text it passes on (an SDK error chain may quote the
    proxy URL)."""
    from urllib.parse import unquote, urlparse

    try:
        password = urlparse(url).password
    except ValueError:
        password = url.rpartition("://")[2].rpartition("@")[0].partition(":")[2]
    return [value for value in {password, unquote(password or "")} if value]


def masked_proxies(proxies: object) -> object:
    """``Config(proxies=...)`` for display: each URL masked."""
    if not isinstance(proxies, dict):
        return proxies
    return {
        scheme: mask_proxy_url(url) if isinstance(url, str) else url
        for scheme, url in proxies.items()
    }
