"""Secrets (secret key, session token, MFA codes) never show up in what an
error or a client exposes: str, repr, args, response, kwargs, tracebacks."""

from __future__ import annotations

import pickle
import traceback

import fastiam
import pytest
from scripted_server import Reply, error_reply

SECRET_KEY = "SECRETKEY-xyz"
TOKEN = "SESSIONTOKEN-abc-123"
CODE1 = "135791"
CODE2 = "246802"
SHORT_CODE = "97531"
SECRETS = [SECRET_KEY, TOKEN, CODE1, CODE2, SHORT_CODE]
CALL = {
    "UserName": "alice",
    "SerialNumber": "arn:aws:iam::123456789012:mfa/alice",
    "AuthenticationCode1": CODE1,
    "AuthenticationCode2": CODE2,
}


def exposed_text(error: BaseException) -> str:
    """Everything a log line, a traceback or a debugger would show of an error."""
    parts = [
        str(error),
        repr(error),
        repr(error.args),
        repr(getattr(error, "response", None)),
        repr(getattr(error, "kwargs", None)),
        repr(vars(error)),
        "".join(traceback.format_exception(type(error), error, error.__traceback__)),
    ]
    try:
        parts.append(repr(pickle.dumps(error)))
    except Exception as failure:  # noqa: BLE001 - unpicklable is not a leak
        parts.append(repr(failure))
    return "\n".join(parts)


def secret_client(parity, endpoint_url, **config):
    return fastiam.client(
        "iam",
        region_name="us-east-1",
        endpoint_url=endpoint_url,
        aws_access_key_id="AKIDSECRETTEST",
        aws_secret_access_key=SECRET_KEY,
        aws_session_token=TOKEN,
        config=fastiam.Config(**config),
    )


SCENARIOS = {
    "service-error": ([error_reply("NoSuchEntity", "no such user", 404)], {}, CALL, False),
    "retries-exhausted": (
        [error_reply("ServiceFailure", "boom", 500, type="Receiver")], {}, CALL, False
    ),
    "read-timeout": (
        [Reply(delay=3.0)], {"read_timeout": 0.2, "retries": {"total_max_attempts": 1}}, CALL,
        False,
    ),
    "connection-refused": ([], {"retries": {"total_max_attempts": 1}}, CALL, True),
    "connection-closed": ([Reply(close=True)], {"retries": {"total_max_attempts": 1}}, CALL, False),
    "validation-short-code": ([], {}, {**CALL, "AuthenticationCode2": SHORT_CODE}, False),
    "validation-missing-and-short": (
        [], {}, {"AuthenticationCode1": CODE1, "AuthenticationCode2": SHORT_CODE}, False
    ),
    "parse-error": ([Reply(200, b"this is not xml {", [])], {}, CALL, False),
    "html-5xx": ([Reply(503, b"<html>down</html>", [])], {"retries": {"total_max_attempts": 1}},
                 CALL, False),
}


@pytest.mark.parametrize(
    ("replies", "config", "call", "refused"), list(SCENARIOS.values()), ids=list(SCENARIOS)
)
def test_errors_do_not_expose_secrets(parity, refused_url, replies, config, call, refused):
    parity.server.script(*replies)
    client = secret_client(parity, refused_url if refused else parity.server.url, **config)

    with pytest.raises(Exception) as info:
        client.enable_mfa_device(**call)

    assert isinstance(info.value, (fastiam.exceptions.BotoCoreError,
                                   fastiam.exceptions.ClientError))
    text = exposed_text(info.value)
    for secret in SECRETS:
        assert secret not in text


def test_client_repr_does_not_expose_secrets(parity):
    client = secret_client(parity, parity.server.url)

    for text in (repr(client), str(client), repr(client.exceptions), repr(dir(client))):
        for secret in SECRETS:
            assert secret not in text


def test_partial_credentials_error_does_not_expose_secrets():
    with pytest.raises(fastiam.exceptions.PartialCredentialsError) as info:
        fastiam.client("iam", region_name="us-east-1", aws_secret_access_key=SECRET_KEY,
                       aws_session_token=TOKEN)

    text = exposed_text(info.value)
    assert SECRET_KEY not in text and TOKEN not in text


def test_secrets_are_still_sent(parity):
    """The checks above are meaningful: the same values do reach the server."""
    client = secret_client(parity, parity.server.url)

    client.enable_mfa_device(**CALL)

    request = parity.server.requests[0]
    assert request.form["AuthenticationCode1"] == [CODE1]
    assert request.form["AuthenticationCode2"] == [CODE2]
    assert request.headers["x-amz-security-token"] == TOKEN
