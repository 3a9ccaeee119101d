"""What goes over the wire: method, path, form, signing scope, retry headers,
success metadata. Compared with what boto3 sends to the same server."""

from __future__ import annotations

import re

import pytest
from support.scripted_server import error_reply, success_reply


def credential_scope(request) -> str:
    match = re.search(r"Credential=([^,]+)", request.headers["authorization"])
    assert match, request.headers["authorization"]
    key, _date, *scope = match.group(1).split("/")
    return "/".join([key, *scope])


def attempt_info(request) -> str:
    """``amz-sdk-request`` without the Rust SDK's extra ``ttl=...`` part."""
    parts = [p.strip() for p in request.headers["amz-sdk-request"].split(";")]
    return "; ".join(p for p in parts if not p.startswith("ttl="))


def test_request_matches_boto3(parity):
    boto, fast = parity.scripted(success_reply())

    sent, expected = fast.requests[0], boto.requests[0]
    assert (sent.method, sent.path) == (expected.method, expected.path) == ("POST", "/")
    assert sent.form == expected.form
    assert sent.form["Action"] == ["EnableMFADevice"]
    assert sent.form["Version"] == ["2010-05-08"]
    # The Rust SDK's own header (without "; charset=utf-8") is fine for IAM.
    assert sent.headers["content-type"].startswith("application/x-www-form-urlencoded")
    assert credential_scope(sent) == credential_scope(expected)
    assert sent.headers["authorization"].startswith("AWS4-HMAC-SHA256 ")
    assert "x-amz-date" in sent.headers
    assert attempt_info(sent) == attempt_info(expected) == "attempt=1; max=3"


def test_success_result_matches_boto3(parity):
    boto, fast = parity.scripted(success_reply("req-123"))

    parity.assert_same(boto, fast)
    assert list(fast.result) == ["ResponseMetadata"]
    assert fast.result["ResponseMetadata"]["RequestId"] == "req-123"
    assert list(fast.result["ResponseMetadata"]["HTTPHeaders"]) == list(
        boto.result["ResponseMetadata"]["HTTPHeaders"]
    )


@pytest.mark.parametrize("region", ["us-east-1", "eu-west-1", "cn-north-1", "us-gov-west-1"])
def test_signing_region_with_endpoint_url(parity, region):
    boto, fast = parity.scripted(success_reply(), region_name=region)

    assert credential_scope(fast.requests[0]) == credential_scope(boto.requests[0])
    assert credential_scope(fast.requests[0]).endswith(f"/{region}/iam/aws4_request")


@pytest.mark.parametrize("path", ["/", "/some/path", "/some/path/"])
def test_endpoint_path_is_kept(parity, path):
    boto, fast = parity.scripted(success_reply(), endpoint_url=parity.server.url + path)

    parity.assert_same(boto, fast)
    assert fast.requests[0].path == boto.requests[0].path


def test_retry_attempt_headers(parity):
    failure = error_reply("ServiceFailure", "boom", 500, type="Receiver")
    boto, fast = parity.scripted(failure, failure, success_reply())

    parity.assert_same(boto, fast)
    for outcome in (boto, fast):
        assert [attempt_info(r) for r in outcome.requests] == [
            "attempt=1; max=3",
            "attempt=2; max=3",
            "attempt=3; max=3",
        ]
        ids = {r.headers["amz-sdk-invocation-id"] for r in outcome.requests}
        assert len(ids) == 1


def test_session_token_is_sent(parity):
    boto, fast = parity.scripted(success_reply(), aws_session_token="the-token")

    assert fast.requests[0].headers["x-amz-security-token"] == "the-token"
    assert boto.requests[0].headers["x-amz-security-token"] == "the-token"


def test_user_agent_extra(parity):
    boto, fast = parity.scripted(success_reply(), config={"user_agent_extra": "myapp/1.2"})

    assert boto.requests[0].headers["user-agent"].endswith(" myapp/1.2")
    assert fast.requests[0].headers["user-agent"].endswith(" myapp/1.2")


def test_client_is_reusable_across_outcomes(parity):
    """One client, many calls with different outcomes: each result is right."""
    client = parity.fastiam_client(parity.server.url)
    parity.server.script(
        success_reply("one"),
        error_reply("NoSuchEntity", "m", 404),
        success_reply("three"),
    )

    first = client.enable_mfa_device(**parity.call)
    with pytest.raises(client.exceptions.NoSuchEntityException):
        client.enable_mfa_device(**parity.call)
    third = client.enable_mfa_device(**parity.call)

    assert first["ResponseMetadata"]["RequestId"] == "one"
    assert third["ResponseMetadata"]["RequestId"] == "three"
