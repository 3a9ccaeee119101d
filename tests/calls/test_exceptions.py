"""The exception classes, their botocore ancestry and pickling, and the errors
raised while creating a client or finding credentials, compared with boto3."""

from __future__ import annotations

import pickle
import re

import boto3
import botocore.config
import botocore.exceptions
import fastiam
import pytest
from support.scripted_server import Reply, error_reply, success_reply

CALL = {
    "UserName": "alice",
    "SerialNumber": "arn:aws:iam::123456789012:mfa/alice",
    "AuthenticationCode1": "123456",
    "AuthenticationCode2": "654321",
}
NON_SERVICE = [
    "BotoCoreError",
    "ClientError",
    "ParamValidationError",
    "EndpointConnectionError",
    "ConnectTimeoutError",
    "ReadTimeoutError",
    "NoCredentialsError",
    "PartialCredentialsError",
    "UnknownServiceError",
    "InvalidRegionError",
    "InvalidMaxRetryAttemptsError",
    "InvalidRetryModeError",
]


@pytest.fixture
def boto_codes(parity) -> dict[str, str]:
    """boto3's IAM error classes: wire code -> class name."""
    client = parity.boto3_client(parity.server.url)
    return {code: cls.__name__ for code, cls in client.exceptions._code_to_exception.items()}


def test_all_modeled_classes_match_boto3(parity, boto_codes):
    client = parity.fastiam_client(parity.server.url)

    assert len(boto_codes) == 39  # botocore 1.44.18's IAM model, pinned in pyproject
    for code, name in boto_codes.items():
        cls = getattr(client.exceptions, name)
        assert cls is getattr(fastiam.exceptions, name)
        assert cls.__name__ == name
        assert client.exceptions.from_code(code) is cls
        assert issubclass(cls, fastiam.exceptions.ClientError)
        assert issubclass(cls, botocore.exceptions.ClientError)


def test_client_exceptions_base_and_unknown_code(parity):
    client = parity.fastiam_client(parity.server.url)

    assert client.exceptions.ClientError is fastiam.exceptions.ClientError
    assert client.exceptions.from_code("NoSuchThing") is fastiam.exceptions.ClientError
    # Lookup is by wire code, not by class name.
    assert client.exceptions.from_code("NoSuchEntityException") is fastiam.exceptions.ClientError


@pytest.mark.parametrize("name", NON_SERVICE)
def test_non_service_classes_subclass_botocore(name):
    cls = getattr(fastiam.exceptions, name)

    assert issubclass(cls, getattr(botocore.exceptions, name))


def test_unknown_exception_name_attribute_error(parity):
    boto_client, fast_client = parity.clients(parity.server.url)
    pattern = re.compile(
        r"^<(?P<cls>[\w.]+) object at 0x[0-9a-f]+> object has no attribute Nope\. "
        r"Valid exceptions are: (?P<names>.*)$"
    )
    with pytest.raises(AttributeError) as boto_info:
        getattr(boto_client.exceptions, "Nope")  # noqa: B009 - the lookup is the test
    with pytest.raises(AttributeError) as fast_info:
        getattr(fast_client.exceptions, "Nope")  # noqa: B009

    boto_match = pattern.match(str(boto_info.value))
    fast_match = pattern.match(str(fast_info.value))
    assert boto_match, str(boto_info.value)
    assert fast_match, str(fast_info.value)
    assert fast_match["names"] == boto_match["names"]


def roundtrip(error: BaseException) -> BaseException:
    return pickle.loads(pickle.dumps(error))


@pytest.mark.parametrize(
    "reply",
    [
        error_reply("NoSuchEntity", "The user with name alice cannot be found.", 404),
        error_reply("SomethingWeird", "w", 400),
        error_reply("ServiceFailure", "boom", 500, type="Receiver"),
    ],
    ids=["modeled", "unmodeled", "retries-exhausted"],
)
def test_pickle_round_trip_of_client_error(parity, reply):
    boto, fast = parity.scripted(reply)

    boto_copy, fast_copy = roundtrip(boto.error), roundtrip(fast.error)

    assert str(fast_copy) == str(fast.error) == str(boto_copy)
    assert fast_copy.response == fast.error.response
    assert fast_copy.response == boto_copy.response
    assert fast_copy.operation_name == boto_copy.operation_name == "EnableMFADevice"
    assert fast_copy.args == boto_copy.args
    # A deliberate improvement over boto3: the modeled class survives.
    assert type(fast_copy) is type(fast.error)


def test_pickle_round_trip_of_botocore_errors(parity, refused_url):
    config = {"retries": {"total_max_attempts": 1}}
    connection = parity.scripted(endpoint_url=refused_url, config=config)
    validation = parity.scripted(call={"UserName": 1})

    for boto, fast in (connection, validation):
        boto_copy, fast_copy = roundtrip(boto.error), roundtrip(fast.error)
        assert type(fast_copy) is type(fast.error)
        assert str(fast_copy) == str(boto_copy) == str(fast.error)


@pytest.mark.parametrize(
    ("handler", "reply", "config", "call", "refused"),
    [
        ("ClientError", error_reply("NoSuchEntity", "m", 404), None, None, False),
        ("ClientError", error_reply("Weird", "m", 400), None, None, False),
        ("BotoCoreError", None, None, {"UserName": 1}, False),
        ("ParamValidationError", None, None, {}, False),
        ("EndpointConnectionError", None, {"retries": {"total_max_attempts": 1}}, None, True),
        ("ConnectionError", None, {"retries": {"total_max_attempts": 1}}, None, True),
        (
            "ReadTimeoutError",
            Reply(delay=3.0),
            {"read_timeout": 0.2, "retries": {"total_max_attempts": 1}},
            None,
            False,
        ),
    ],
    ids=[
        "modeled",
        "unmodeled",
        "botocore-base",
        "validation",
        "refused",
        "connection",
        "read-timeout",
    ],
)
def test_botocore_handlers_catch_fastiam_errors(
    parity, refused_url, handler, reply, config, call, refused
):
    client = parity.fastiam_client(refused_url if refused else parity.server.url, config)
    if reply is not None:
        parity.server.script(reply)
    caught = False
    try:
        client.enable_mfa_device(**(parity.call if call is None else call))
    except getattr(botocore.exceptions, handler):
        caught = True

    assert caught


@pytest.mark.parametrize("handler", [OSError, TimeoutError, ConnectionError, ValueError])
def test_read_timeout_caught_by_the_same_builtin_handlers(parity, handler):
    config = {"read_timeout": 0.2, "retries": {"total_max_attempts": 1}}
    boto, fast = parity.scripted(Reply(delay=3.0), config=config)

    assert type(boto.error).__name__ == type(fast.error).__name__ == "ReadTimeoutError"
    assert isinstance(fast.error, handler) == isinstance(boto.error, handler)


# ---------------------------------------------------------------------------
# Client creation and credentials


def outcome(make) -> tuple:
    """(stage, class name, message) of creating a client and making one call."""
    try:
        client = make()
    except Exception as error:  # noqa: BLE001
        return ("create", type(error).__name__, str(error))
    try:
        result = client.enable_mfa_device(**CALL)
    except Exception as error:  # noqa: BLE001
        return ("call", type(error).__name__, str(error))
    return ("call", "OK", result["ResponseMetadata"]["HTTPStatusCode"])


def both(parity, config=None, **kwargs) -> tuple[tuple, tuple]:
    """Creates and calls a boto3 client (fresh session: it reads the environment
    now) and the parity fixture's fastiam client (sync or async) with the same
    arguments."""
    boto = outcome(
        lambda: boto3.session.Session().client(
            "iam", config=botocore.config.Config(**(config or {})), **kwargs
        )
    )
    fast = outcome(
        lambda: parity.create_fastiam("iam", config=fastiam.Config(**(config or {})), **kwargs)
    )
    return boto, fast


def test_unknown_service(parity):
    with pytest.raises(botocore.exceptions.UnknownServiceError) as boto_info:
        boto3.session.Session().client("notaservice", region_name="us-east-1")
    with pytest.raises(fastiam.exceptions.UnknownServiceError) as fast_info:
        parity.create_fastiam("s3")

    assert isinstance(fast_info.value, botocore.exceptions.UnknownServiceError)
    boto_prefix = str(boto_info.value).split("Valid service names are: ")[0]
    assert str(fast_info.value) == (
        boto_prefix.replace("notaservice", "s3") + "Valid service names are: iam"
    )
    assert fast_info.value.kwargs["service_name"] == "s3"


@pytest.mark.parametrize(
    "kwargs",
    [
        {"aws_access_key_id": "AKID"},
        {"aws_secret_access_key": "secret"},
        {"aws_access_key_id": "AKID", "aws_session_token": "token"},
    ],
    ids=["key-only", "secret-only", "key-and-token"],
)
def test_partial_credentials(parity, kwargs):
    boto, fast = both(parity, endpoint_url=parity.server.url, region_name="us-east-1", **kwargs)

    assert boto[:2] == ("create", "PartialCredentialsError")
    assert fast == boto


@pytest.mark.parametrize(
    ("environment", "kwargs"),
    [
        ({"AWS_ACCESS_KEY_ID": "AKID"}, {}),
        ({"AWS_ACCESS_KEY_ID": "AKID", "AWS_SESSION_TOKEN": "token"}, {}),
        ({"AWS_ACCESS_KEY_ID": "AKID", "AWS_SECRET_ACCESS_KEY": ""}, {}),
        ({"AWS_SECRET_ACCESS_KEY": "secret"}, {}),
        ({"AWS_ACCESS_KEY_ID": "AKID"}, {"aws_access_key_id": "A", "aws_secret_access_key": "S"}),
    ],
    ids=["key-only", "key-and-token", "empty-secret", "secret-only", "explicit-pair-first"],
)
def test_partial_credentials_in_the_environment(parity, monkeypatch, environment, kwargs):
    """botocore's environment provider rejects an access key without its secret
    key when the client is created; a secret key alone is no credential at all."""
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    boto, fast = both(parity, endpoint_url=parity.server.url, region_name="us-east-1", **kwargs)

    assert fast == boto


@pytest.mark.parametrize(
    ("kwargs", "config"),
    [
        ({"region_name": "bad region!"}, None),
        ({"region_name": "us-east-1/evil"}, None),
        ({}, {"region_name": "bad region!"}),
        ({"region_name": "-leading-dash"}, None),
    ],
    ids=["space", "slash", "from-config", "leading-dash"],
)
def test_invalid_region(parity, kwargs, config):
    boto, fast = both(
        parity,
        config=config,
        endpoint_url=parity.server.url,
        aws_access_key_id="AKID",
        aws_secret_access_key="secret",
        **kwargs,
    )

    assert boto[:2] == ("create", "InvalidRegionError")
    assert fast == boto


@pytest.mark.parametrize("endpoint", ["localhost:5055", "127.0.0.1", "no-scheme.example"])
def test_invalid_endpoint(parity, endpoint):
    boto, fast = both(
        parity,
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id="AKID",
        aws_secret_access_key="secret",
    )

    assert boto == ("create", "ValueError", f"Invalid endpoint: {endpoint}")
    assert fast == boto


@pytest.mark.parametrize(
    "env",
    [
        {"AWS_MAX_ATTEMPTS": "0"},
        {"AWS_MAX_ATTEMPTS": "-3"},
        {"AWS_RETRY_MODE": "bogus"},
        {"AWS_RETRY_MODE": "bogus", "AWS_MAX_ATTEMPTS": "0"},
    ],
    ids=["max-attempts-0", "max-attempts-negative", "mode-bogus", "both"],
)
def test_bad_retry_environment(parity, monkeypatch, env):
    for name, value in env.items():
        monkeypatch.setenv(name, value)

    boto, fast = both(
        parity,
        endpoint_url=parity.server.url,
        region_name="us-east-1",
        aws_access_key_id="AKID",
        aws_secret_access_key="secret",
    )

    assert boto[1] in ("InvalidMaxRetryAttemptsError", "InvalidRetryModeError")
    assert fast == boto


@pytest.mark.parametrize(
    "retries",
    [{"max_attempts": -1}, {"total_max_attempts": 0}, {"mode": "bogus"}, {"bogus": 1}],
    ids=["max-attempts-negative", "total-zero", "mode-bogus", "unknown-key"],
)
def test_bad_retry_config(retries):
    with pytest.raises(botocore.exceptions.BotoCoreError) as boto_info:
        botocore.config.Config(retries=dict(retries))
    with pytest.raises(fastiam.exceptions.BotoCoreError) as fast_info:
        fastiam.Config(retries=dict(retries))

    assert type(fast_info.value).__name__ == type(boto_info.value).__name__
    assert str(fast_info.value) == str(boto_info.value)
    assert isinstance(fast_info.value, type(boto_info.value))


def test_config_defaults_match_botocore():
    boto, fast = botocore.config.Config(), fastiam.Config()

    for name in (
        "connect_timeout",
        "read_timeout",
        "parameter_validation",
        "retries",
        "region_name",
        "user_agent_extra",
        "max_pool_connections",
        "proxies",
        "use_fips_endpoint",
        "user_agent_appid",
    ):
        assert getattr(fast, name) == getattr(boto, name), name


def test_unknown_profile(parity, monkeypatch):
    monkeypatch.setenv("AWS_PROFILE", "nope")

    boto, fast = both(parity, endpoint_url=parity.server.url, region_name="us-east-1")

    assert boto == ("create", "ProfileNotFound", "The config profile (nope) could not be found")
    assert fast == boto


def test_no_credentials_raises_at_call_time(parity, no_credentials):
    parity.server.script(success_reply())

    boto, fast = both(parity, endpoint_url=parity.server.url, region_name="us-east-1")

    assert boto == ("call", "NoCredentialsError", "Unable to locate credentials")
    assert fast == boto
    assert parity.server.requests == []


def test_no_credentials_error_is_botocore_class(parity, no_credentials):
    client = parity.create_fastiam("iam", endpoint_url=parity.server.url, region_name="us-east-1")

    with pytest.raises(botocore.exceptions.NoCredentialsError):
        client.enable_mfa_device(**parity.call)


def test_credentials_from_environment(parity, monkeypatch):
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIDFROMENV")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "env-secret")

    boto, fast = both(parity, endpoint_url=parity.server.url, region_name="us-east-1")

    assert fast == boto == ("call", "OK", 200)
    scopes = [
        r.headers["authorization"].split("Credential=")[1].split("/")[0]
        for r in parity.server.requests
    ]
    assert scopes == ["AKIDFROMENV", "AKIDFROMENV"]


def test_credentials_from_shared_file(parity, no_credentials, monkeypatch, tmp_path):
    credentials = tmp_path / "credentials"
    credentials.write_text(
        "[default]\naws_access_key_id = AKIDFROMFILE\naws_secret_access_key = s\n"
    )
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(credentials))

    boto, fast = both(parity, endpoint_url=parity.server.url, region_name="us-east-1")

    assert fast == boto == ("call", "OK", 200)
    scopes = [
        r.headers["authorization"].split("Credential=")[1].split("/")[0]
        for r in parity.server.requests
    ]
    assert scopes == ["AKIDFROMFILE", "AKIDFROMFILE"]
