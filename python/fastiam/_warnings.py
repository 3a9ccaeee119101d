"""The warning fastiam gives for each HTTPS request sent with ``verify=False``.

It is urllib3's ``InsecureRequestWarning`` when urllib3 is installed (boto3's
requests go through urllib3, so filters written for boto3 apply unchanged);
otherwise fastiam's own class of the same name and meaning.
"""

from __future__ import annotations


class InsecureRequestWarning(Warning):
    """An HTTPS request was sent without checking the server's certificate
    (used when urllib3 is not installed)."""


def insecure_request_category() -> type[Warning]:
    try:
        from urllib3.exceptions import InsecureRequestWarning as from_urllib3
    except ImportError:
        return InsecureRequestWarning
    return from_urllib3
