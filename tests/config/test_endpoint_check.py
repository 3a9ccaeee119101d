"""The endpoint check's shortcut for plain http(s) URLs gives urlsplit's answer
(botocore's check is ``urlsplit(url).hostname is not None``), or defers to it."""

from __future__ import annotations

from urllib.parse import urlsplit

from fastiam.session import _plain_url_has_host
from hypothesis import given
from hypothesis import strategies as st

PARTS = st.text(alphabet="ab1:/@?#.-_[] %\té", max_size=16)
SCHEMES = st.sampled_from(["http://", "https://", "HTTPS://", "ftp://", "http:/", "", "http:"])


def botocore_answer(url: str) -> bool:
    try:
        return urlsplit(url).hostname is not None
    except ValueError:
        return False


@given(SCHEMES, PARTS)
def test_shortcut_agrees_with_urlsplit_or_defers(scheme, rest):
    url = scheme + rest
    answer = _plain_url_has_host(url)
    assert answer is None or answer == botocore_answer(url), url


@given(
    st.sampled_from(["http://", "https://"]),
    st.from_regex(r"[a-z0-9.-]{1,20}(:[0-9]{1,5})?(/[a-z]*)?", fullmatch=True),
)
def test_plain_urls_take_the_shortcut(scheme, rest):
    assert _plain_url_has_host(scheme + rest) is True
