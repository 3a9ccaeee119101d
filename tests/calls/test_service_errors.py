"""Service answers played by the scripted fake IAM: every modeled error of
EnableMFADevice with its real status, retried and unretried codes, and odd
bodies. Each case runs through boto3 and fastiam and must come out the same."""

from __future__ import annotations

import fastiam
import pytest
from support.operations import BOTOCORE_IAM
from support.scripted_server import Reply, error_reply, success_reply

IAM_XMLNS = "https://iam.amazonaws.com/doc/2010-05-08/"

# (wire code, HTTP status IAM sends it with): the errors botocore's model lists for
# EnableMFADevice.
MODELED = [
    (shape.metadata["error"]["code"], shape.metadata["error"]["httpStatusCode"])
    for shape in BOTOCORE_IAM.operation_model("EnableMFADevice").error_shapes
]


def xml(status: int, body: str, headers: list[tuple[str, str]] | None = None) -> Reply:
    if headers is None:
        headers = [("Content-Type", "text/xml")]
    return Reply(status, body.encode(), headers)


def error_xml(inner: str, tail: str = "<RequestId>rid-body</RequestId>") -> str:
    return f'<ErrorResponse xmlns="{IAM_XMLNS}"><Error>{inner}</Error>{tail}</ErrorResponse>'


def success_xml(metadata: str) -> str:
    return f'<EnableMFADeviceResponse xmlns="{IAM_XMLNS}">{metadata}</EnableMFADeviceResponse>'


@pytest.mark.parametrize(("code", "status"), MODELED, ids=[code for code, _ in MODELED])
def test_modeled_error(parity, code, status):
    kind = "Receiver" if status >= 500 else "Sender"
    boto, fast = parity.scripted(
        error_reply(code, f"msg for {code}", status, type=kind, request_id="err-rid")
    )

    parity.assert_same(boto, fast)
    client = parity.fastiam_client(parity.server.url)
    assert isinstance(fast.error, getattr(client.exceptions, type(boto.error).__name__))
    assert isinstance(fast.error, fastiam.exceptions.ClientError)
    assert fast.error.response["ResponseMetadata"]["HTTPStatusCode"] == status
    assert fast.error.response["ResponseMetadata"]["RequestId"] == "err-rid"


def test_service_failure_is_retried_to_exhaustion(parity):
    boto, fast = parity.scripted(error_reply("ServiceFailure", "boom", 500, type="Receiver"))

    parity.assert_same(boto, fast)
    assert fast.attempts == 3
    assert "(reached max retries: 2)" in str(fast.error)
    metadata = fast.error.response["ResponseMetadata"]
    assert metadata["RetryAttempts"] == 2
    assert metadata["MaxAttemptsReached"] is True
    # The retries were quick: botocore's 50 ms base backoff for non-throttling
    # errors, random up to 50 and 100 ms for the two backoffs, so the two
    # clients' times differ by 0.15 s at most, plus what the load adds to one
    # of them (tens of milliseconds for three local round trips). 0.5 s over
    # boto3's time, measured just before under the same load, is exceeded by
    # backoffs of the throttling kind (1 s base: 1.5 s expected for two).
    assert fast.elapsed < boto.elapsed + 0.5, (boto, fast)


def test_throttling_is_retried(parity):
    boto, fast = parity.scripted(error_reply("Throttling", "slow down", 400))

    parity.assert_same(boto, fast)
    assert fast.attempts == 3
    assert type(fast.error) is fastiam.exceptions.ClientError


def test_unmodeled_code_is_plain_client_error(parity):
    boto, fast = parity.scripted(error_reply("SomethingWeird", "odd", 400))

    parity.assert_same(boto, fast)
    assert type(fast.error) is fastiam.exceptions.ClientError
    assert fast.attempts == 1


def test_html_503_is_retried_generic_error(parity):
    page = b"<html><body>Service Unavailable</body></html>"
    boto, fast = parity.scripted(Reply(503, page, [("Content-Type", "text/html")]))

    parity.assert_same(boto, fast)
    assert fast.error.response["Error"] == {"Code": "503", "Message": "Service Unavailable"}
    assert fast.attempts == 3


def test_empty_200_is_response_parser_error(parity):
    boto, fast = parity.scripted(Reply(200, b"", [("x-amzn-RequestId", "rid")]))

    parity.assert_same(boto, fast)
    assert fast.attempts == 1
    assert isinstance(fast.error, fastiam.exceptions.ResponseParserError)
    # A deliberate difference: fastiam's parser error is also a BotoCoreError.
    assert isinstance(fast.error, fastiam.exceptions.BotoCoreError)


def test_garbage_5xx_is_not_retried(parity):
    """botocore fails to parse a non-XML, non-HTML 5xx body and gives up at once."""
    boto, fast = parity.scripted(Reply(500, b"this is not xml {", [("Content-Type", "text/plain")]))

    assert boto.attempts == 1
    parity.assert_same(boto, fast)


def test_response_parser_error_is_caught_by_botocore_handler(parity):
    """Code written for boto3 catches ``botocore.parsers.ResponseParserError``."""
    import botocore.parsers

    boto, fast = parity.scripted(Reply(200, b"not xml", []))

    assert isinstance(boto.error, botocore.parsers.ResponseParserError)
    assert isinstance(fast.error, botocore.parsers.ResponseParserError)


# Every other answer boto3 was probed with: same outcome expected from fastiam.
ODD_REPLIES = {
    # -- successes and where RequestId comes from
    "success": [success_reply("req-123")],
    "success-header-and-body-ids-differ": [
        xml(
            200,
            success_xml("<ResponseMetadata><RequestId>body-id</RequestId></ResponseMetadata>"),
            [("x-amzn-RequestId", "hdr-id"), ("Content-Type", "text/xml")],
        )
    ],
    "success-body-id-only": [
        xml(200, success_xml("<ResponseMetadata><RequestId>body-id</RequestId></ResponseMetadata>"))
    ],
    "success-header-id-only": [
        xml(200, success_xml(""), [("x-amzn-RequestId", "hdr-id"), ("Content-Type", "text/xml")])
    ],
    "success-no-id": [xml(200, success_xml(""))],
    "success-s3-style-header": [
        xml(
            200,
            success_xml("<ResponseMetadata><RequestId>body-id</RequestId></ResponseMetadata>"),
            [("x-amz-request-id", "amz-id"), ("Content-Type", "text/xml")],
        )
    ],
    "success-extra-and-duplicate-headers": [
        xml(
            200,
            success_xml("<ResponseMetadata><RequestId>b</RequestId></ResponseMetadata>"),
            [
                ("x-amzn-RequestId", "h"),
                ("Content-Type", "text/xml"),
                ("Date", "Thu, 01 Jan 2026 00:00:00 GMT"),
                ("Server", "X"),
                ("X-Dup", "1"),
                ("X-Dup", "2"),
            ],
        )
    ],
    "200-foo-element": [xml(200, "<Foo/>")],
    "200-error-response-body": [xml(200, error_xml("<Code>NoSuchEntity</Code>"))],
    "200-html": [xml(200, "<html><body>hi</body></html>", [("Content-Type", "text/html")])],
    "200-garbage": [Reply(200, b"this is not xml {", [])],
    # -- error XML variations
    "error-header-and-body-ids-differ": [
        xml(
            404,
            error_xml(
                "<Type>Sender</Type><Code>NoSuchEntity</Code><Message>m</Message>",
                "<RequestId>body-id</RequestId>",
            ),
            [("x-amzn-RequestId", "hdr-id"), ("Content-Type", "text/xml")],
        )
    ],
    "error-extra-children": [
        xml(
            404,
            error_xml(
                "<Type>Sender</Type><Code>NoSuchEntity</Code><Message>m</Message>"
                "<Detail/><Foo>x</Foo>"
            ),
        )
    ],
    "error-moto-lowercase-message": [
        xml(
            404,
            error_xml(
                "<Type>Sender</Type><Code>NoSuchEntity</Code><Message>m</Message>"
                "<message>m</message>"
            ),
        )
    ],
    "error-lowercase-message-unmodeled": [
        xml(
            400,
            error_xml(
                "<Type>Sender</Type><Code>SomethingWeird</Code><Message>m</Message>"
                "<message>m</message>"
            ),
        )
    ],
    "error-only-lowercase-message": [
        xml(404, error_xml("<Type>Sender</Type><Code>NoSuchEntity</Code><message>low</message>"))
    ],
    "error-empty-message": [
        xml(404, error_xml("<Type>Sender</Type><Code>NoSuchEntity</Code><Message/>"))
    ],
    "error-empty-type": [
        xml(404, error_xml("<Type/><Code>NoSuchEntity</Code><Message>m</Message>"))
    ],
    "error-missing-message": [xml(404, error_xml("<Type>Sender</Type><Code>NoSuchEntity</Code>"))],
    "error-missing-code": [xml(404, error_xml("<Type>Sender</Type><Message>m</Message>"))],
    "error-missing-code-500": [xml(500, error_xml("<Type>Receiver</Type><Message>m</Message>"))],
    "error-missing-type": [xml(404, error_xml("<Code>NoSuchEntity</Code><Message>m</Message>"))],
    "error-no-request-id": [
        xml(404, error_xml("<Type>Sender</Type><Code>NoSuchEntity</Code><Message>m</Message>", ""))
    ],
    "error-response-errors-shape": [
        xml(
            404,
            "<Response><Errors><Error><Type>Sender</Type><Code>NoSuchEntity</Code>"
            "<Message>m</Message></Error></Errors><RequestID>resp-rid</RequestID></Response>",
        )
    ],
    "error-utf8-message": [error_reply("NoSuchEntity", "Benutzer \u00e4\u00f6\u00fc \u2603", 404)],
    "error-entity-escaped-message": [error_reply("NoSuchEntity", 'a < b & c > "d"', 404)],
    # -- non-XML and empty error bodies
    "empty-500": [Reply(500, b"", [])],
    "empty-502": [Reply(502, b"", [])],
    "empty-503": [Reply(503, b"", [])],
    "empty-504": [Reply(504, b"", [])],
    "doctype-html-500": [
        xml(500, "<!DOCTYPE html><html><body>x</body></html>", [("Content-Type", "text/html")])
    ],
    "html-400": [
        xml(400, "<html><body>Bad Request</body></html>", [("Content-Type", "text/html")])
    ],
    "empty-400": [Reply(400, b"", [])],
    "empty-404": [Reply(404, b"", [])],
    "empty-429": [Reply(429, b"", [])],
    "garbage-400": [Reply(400, b"this is not xml {", [])],
    # -- which codes and statuses are retried
    "429-modeled-code": [error_reply("LimitExceeded", "l", 429)],
    "request-timeout-code": [error_reply("RequestTimeout", "rt", 400)],
    "500-then-success": [
        error_reply("ServiceFailure", "boom", 500, type="Receiver"),
        success_reply("ok"),
    ],
    "500-503-then-success": [
        error_reply("ServiceFailure", "boom", 500, type="Receiver"),
        Reply(503, b"", []),
        success_reply("ok"),
    ],
    "500-500-then-no-such-entity": [
        error_reply("ServiceFailure", "boom", 500, type="Receiver"),
        error_reply("ServiceFailure", "boom", 500, type="Receiver"),
        error_reply("NoSuchEntity", "m", 404),
    ],
    "503-then-no-such-entity": [Reply(503, b"", []), error_reply("NoSuchEntity", "m", 404)],
}


@pytest.mark.parametrize("replies", list(ODD_REPLIES.values()), ids=list(ODD_REPLIES))
def test_same_outcome_as_boto3(parity, replies):
    boto, fast = parity.scripted(*replies)

    parity.assert_same(boto, fast)


def test_unmodeled_429_is_retried_as_throttle(parity):
    boto, fast = parity.scripted(error_reply("TooManyRequests", "t", 429))

    parity.assert_same(boto, fast)
    assert fast.attempts == 3
