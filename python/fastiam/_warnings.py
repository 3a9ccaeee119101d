"""The warning fastiam gives for each HTTPS request sent with ``verify=False``.

It is urllib3's ``InsecureRequestWarning`` when urllib3 is installed (boto3's
requests go through urllib3, so filters written for boto3 apply unchanged);
otherwise a class of fastiam's own with the same name and meaning.
"""

from __future__ import annotations

try:
    from urllib3.exceptions import InsecureRequestWarning
except ImportError:  # pragma: no cover - urllib3 comes with botocore

    class InsecureRequestWarning(Warning):  # type: ignore[no-redef]
        """An HTTPS request was sent without checking the server's certificate."""


__all__ = ["InsecureRequestWarning"]
