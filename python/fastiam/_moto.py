"""moto's ``mock_aws`` for fastiam clients.

While a mock is active, the native call path hands each signed request here
(on a thread of its own, never a runtime worker) instead of sending it; this
module gives it to moto's botocore stubber, the ``before-send`` handler moto
serves boto3 with, so boto3 and fastiam clients see the same moto state.

Only imported once moto is, so ``import fastiam`` never loads botocore or moto.
"""

from __future__ import annotations

Headers = list[tuple[str, str]]


def answer(
    method: str, url: str, headers: Headers, body: bytes
) -> tuple[int, Headers, bytes] | None:
    """moto's response to the request, or None to send it on (moto serves no
    such URL: a custom endpoint, a passthrough)."""
    from botocore.awsrequest import AWSPreparedRequest  # type: ignore[import-untyped]
    from botocore.compat import HTTPHeaders  # type: ignore[import-untyped]
    from moto.core.models import botocore_stubber

    prepared_headers = HTTPHeaders()
    for name, value in headers:
        prepared_headers[name] = value
    request = AWSPreparedRequest(
        method=method,
        url=url,
        headers=prepared_headers,
        body=body,
        stream_output=False,
    )
    response = botocore_stubber(event_name="before-send.iam", request=request)
    if response is None:
        return None
    response_headers = [(str(name), str(value)) for name, value in response.headers.items()]
    return response.status_code, response_headers, response.content
