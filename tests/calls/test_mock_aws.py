"""moto's ``mock_aws`` serves fastiam clients as it serves boto3's: the same
calls under a decorator, a context manager, a class decorator, a mock started
and stopped by hand, nested mocks; the same state, account, errors and
results as boto3 clients in the same test, sync and async."""

from __future__ import annotations

import asyncio
import threading
import time

import boto3
import botocore.config
import fastiam
import fastiam.aio
import pytest
from fastiam.stub import Stubber
from moto import mock_aws
from moto.core.exceptions import ServiceNotWhitelisted
from moto.iam.models import IAMBackend

REGION = "us-east-1"


def fast_client(**kwargs):
    return fastiam.client("iam", region_name=REGION, **kwargs)


def boto_client(**kwargs):
    return boto3.client("iam", region_name=REGION, **kwargs)


def comparable(response: dict) -> dict:
    """A result without what differs between two calls (request id, dates)."""
    result = {k: v for k, v in response.items() if k != "ResponseMetadata"}
    metadata = response["ResponseMetadata"]
    result["HTTPStatusCode"] = metadata["HTTPStatusCode"]
    result["RetryAttempts"] = metadata["RetryAttempts"]
    return strip_dates(result)


def strip_dates(value):
    if isinstance(value, dict):
        return {
            k: strip_dates(v) for k, v in value.items() if k not in ("CreateDate", "EnableDate")
        }
    if isinstance(value, list):
        return [strip_dates(v) for v in value]
    return value


def raised(call, **kwargs) -> BaseException:
    with pytest.raises(Exception) as info:
        call(**kwargs)
    return info.value


def error_view(error: BaseException) -> tuple:
    response = dict(getattr(error, "response", {}))
    response.pop("ResponseMetadata", None)
    return type(error).__name__, str(error), response


def same_on_both(boto, fast, method: str, **kwargs) -> dict:
    """Calls ``method`` on both clients (boto3 first) and checks the results
    match; returns fastiam's."""
    expected = getattr(boto, method)(**kwargs)
    got = getattr(fast, method)(**kwargs)
    assert comparable(got) == comparable(expected)
    return got


# ---------------------------------------------------------------------------
# The ways a test starts a mock


@mock_aws
def test_decorator_serves_fastiam_from_the_state_boto3_sees():
    fast, boto = fast_client(), boto_client()

    created = fast.create_user(UserName="alice", Path="/team/")

    assert created["User"]["Arn"] == "arn:aws:iam::123456789012:user/team/alice"
    assert boto.get_user(UserName="alice")["User"]["UserId"] == created["User"]["UserId"]
    boto.create_group(GroupName="admins")
    fast.add_user_to_group(GroupName="admins", UserName="alice")
    same_on_both(boto, fast, "get_group", GroupName="admins")
    same_on_both(boto, fast, "list_groups_for_user", UserName="alice")


def test_context_manager_mfa_lifecycle_matches_boto3():
    with mock_aws():
        fast, boto = fast_client(), boto_client()
        for name in ("alice", "bob"):
            boto.create_user(UserName=name)
        devices = {
            client_name: client.create_virtual_mfa_device(VirtualMFADeviceName=name)
            for client_name, client, name in (("boto", boto, "alice"), ("fast", fast, "bob"))
        }
        fast_device = devices["fast"]["VirtualMFADevice"]
        assert fast_device["SerialNumber"] == "arn:aws:iam::123456789012:mfa/bob"
        assert isinstance(fast_device["Base32StringSeed"], bytes)
        for client, user, device in (
            (boto, "alice", devices["boto"]),
            (fast, "bob", devices["fast"]),
        ):
            client.enable_mfa_device(
                UserName=user,
                SerialNumber=device["VirtualMFADevice"]["SerialNumber"],
                AuthenticationCode1="123456",
                AuthenticationCode2="654321",
            )
        listed = same_on_both(boto, fast, "list_virtual_mfa_devices", AssignmentStatus="Assigned")
        assert {d["User"]["UserName"] for d in listed["VirtualMFADevices"]} == {"alice", "bob"}
        same_on_both(boto, fast, "list_mfa_devices", UserName="alice")
        pages = list(fast.get_paginator("list_users").paginate(PaginationConfig={"PageSize": 1}))
        assert [u["UserName"] for p in pages for u in p["Users"]] == ["alice", "bob"]


@mock_aws
class TestClassDecorator:
    def setup_method(self, method):
        fast_client().create_user(UserName="carol")

    def test_state_made_in_setup_is_served(self):
        assert boto_client().get_user(UserName="carol")["User"]["UserName"] == "carol"
        assert fast_client().list_users()["Users"][0]["UserName"] == "carol"

    def test_each_test_starts_from_a_clean_mock(self):
        assert [u["UserName"] for u in fast_client().list_users()["Users"]] == ["carol"]


def test_started_by_hand_nested_and_stopped_the_same_client_goes_back(proxy):
    """A client made before any mock is served while one is active, through a
    nested one, and after the last stops sends to its endpoint again (here
    through a recording proxy that refuses the real host)."""
    config = {"proxies": {"https": proxy.url}, "retries": {"max_attempts": 1}}
    fast = fast_client(config=fastiam.Config(**config))
    boto = boto_client(config=botocore.config.Config(**config))
    outer = mock_aws()
    outer.start()
    try:
        fast.create_user(UserName="dave")
        with mock_aws():
            assert fast.get_user(UserName="dave")["User"]["UserName"] == "dave"
        assert boto.get_user(UserName="dave")["User"]["UserName"] == "dave"
        assert proxy.records == []
    finally:
        outer.stop()

    fast_error = raised(fast.list_users)
    fast_sent = [r.host for r in proxy.records]
    proxy.reset()
    boto_error = raised(boto.list_users)
    assert type(fast_error).__name__ == type(boto_error).__name__ == "ProxyConnectionError"
    assert fast_sent == [r.host for r in proxy.records]
    assert fast_sent and set(fast_sent) == {"iam.amazonaws.com"}


def test_async_client_made_before_the_mock_is_served():
    async def scenario():
        fast = fastiam.aio.client("iam", region_name=REGION)
        with mock_aws():
            boto_client().create_user(UserName="erin")
            got = await fast.get_user(UserName="erin")
            assert got["User"]["UserName"] == "erin"
            await asyncio.gather(*(fast.create_group(GroupName=f"g{i}") for i in range(20)))
            groups = boto_client().list_groups()["Groups"]
            assert sorted(g["GroupName"] for g in groups) == sorted(f"g{i}" for i in range(20))

    asyncio.run(scenario())


def test_async_calls_under_the_mock_leave_the_event_loop_running(monkeypatch):
    """moto runs on a thread of its own: while it answers, the event loop goes
    on with other work."""
    answering = threading.Event()
    original = IAMBackend.get_user

    def slow_get_user(self, *args, **kwargs):
        answering.set()
        time.sleep(0.3)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(IAMBackend, "get_user", slow_get_user)

    async def scenario():
        fast = fastiam.aio.client("iam", region_name=REGION)
        await fast.create_user(UserName="fred")
        ticks = 0

        async def tick():
            nonlocal ticks
            while True:
                await asyncio.sleep(0.01)
                ticks += 1

        ticker = asyncio.ensure_future(tick())
        await fast.get_user(UserName="fred")
        ticker.cancel()
        return ticks

    with mock_aws():
        ticks = asyncio.run(scenario())
    assert answering.is_set()
    assert ticks >= 5, f"the loop ran {ticks} times during a 0.3 s moto answer"


def test_moto_is_given_the_request_iam_would_get(monkeypatch):
    """What moto's stubber receives from fastiam: the request as it would leave
    (method, URL, form, SigV4 headers), the same form as boto3's."""
    from urllib.parse import parse_qs

    from moto.core.botocore_stubber import BotocoreStubber

    seen = []
    original = BotocoreStubber.process_request

    def recording(self, request):
        seen.append((request.method, request.url, dict(request.headers), request.body))
        return original(self, request)

    monkeypatch.setattr(BotocoreStubber, "process_request", recording)
    with mock_aws():
        for client in (boto_client(), fast_client()):
            client.create_user(UserName="alice", Path="/a/", Tags=[{"Key": "k", "Value": "v"}])
            client.delete_user(UserName="alice")
    (boto_method, boto_url, _, boto_body) = seen[0]
    (method, url, headers, body) = seen[2]
    assert (method, url) == (boto_method, boto_url) == ("POST", "https://iam.amazonaws.com/")
    text = [b.decode() if isinstance(b, bytes) else b for b in (body, boto_body)]
    assert parse_qs(text[0]) == parse_qs(text[1])
    lowered = {name.lower(): value for name, value in headers.items()}
    # Signed with the keys mock_aws puts in the environment.
    assert lowered["authorization"].startswith("AWS4-HMAC-SHA256 Credential=FOOBARKEY/")
    assert "/us-east-1/iam/aws4_request" in lowered["authorization"]
    assert "x-amz-date" in lowered and lowered["content-type"].startswith(
        "application/x-www-form-urlencoded"
    )


# ---------------------------------------------------------------------------
# Accounts and credentials


def test_account_from_moto_account_id_as_boto3(monkeypatch):
    monkeypatch.setenv("MOTO_ACCOUNT_ID", "111122223333")
    with mock_aws():
        fast, boto = fast_client(), boto_client()
        assert fast.create_user(UserName="a")["User"]["Arn"] == "arn:aws:iam::111122223333:user/a"
        assert boto.create_user(UserName="b")["User"]["Arn"] == "arn:aws:iam::111122223333:user/b"


def test_access_key_made_by_moto_selects_its_account(monkeypatch):
    """moto maps an access key it issued to the account that issued it; a
    fastiam client signing with it sees that account, as boto3 does."""
    with mock_aws():
        admin = boto_client()
        admin.create_user(UserName="alice")
        key = admin.create_access_key(UserName="alice")["AccessKey"]
        credentials = {
            "aws_access_key_id": key["AccessKeyId"],
            "aws_secret_access_key": key["SecretAccessKey"],
        }
        fast, boto = fast_client(**credentials), boto_client(**credentials)
        same_on_both(boto, fast, "get_user")
        assert fast.get_user()["User"]["UserName"] == "alice"


def test_client_without_credentials_of_its_own_uses_the_mocks(no_credentials):
    with mock_aws():
        fast = fast_client()
        assert fast.list_users()["Users"] == []


# ---------------------------------------------------------------------------
# Errors


def test_moto_errors_equal_boto3s():
    with mock_aws():
        fast, boto = fast_client(), boto_client()
        boto.create_user(UserName="alice")
        cases = [
            ("get_user", {"UserName": "nobody"}),
            ("create_user", {"UserName": "alice"}),
            ("delete_virtual_mfa_device", {"SerialNumber": "arn:aws:iam::123456789012:mfa/x"}),
            (
                "enable_mfa_device",
                {
                    "UserName": "nobody",
                    "SerialNumber": "arn:aws:iam::123456789012:mfa/nobody",
                    "AuthenticationCode1": "123456",
                    "AuthenticationCode2": "654321",
                },
            ),
        ]
        for method, kwargs in cases:
            boto_error = raised(getattr(boto, method), **kwargs)
            fast_error = raised(getattr(fast, method), **kwargs)
            assert error_view(fast_error) == error_view(boto_error), method
            assert isinstance(fast_error, getattr(fast.exceptions, type(boto_error).__name__))


def test_bad_input_is_refused_before_moto_sees_it(monkeypatch):
    seen = []
    original = IAMBackend.create_user
    monkeypatch.setattr(
        IAMBackend, "create_user", lambda self, *a, **k: seen.append(a) or original(self, *a, **k)
    )
    with mock_aws():
        for client in (boto_client(), fast_client()):
            error = raised(client.create_user, UserName="")
            assert type(error).__name__ == "ParamValidationError"
    assert seen == []


def test_service_not_whitelisted_reaches_the_caller_as_with_boto3():
    with mock_aws(config={"core": {"service_whitelist": ["s3"]}}):
        boto_error = raised(boto_client().list_users)
        fast_error = raised(fast_client().list_users)
    assert isinstance(fast_error, ServiceNotWhitelisted)
    assert type(fast_error) is type(boto_error)
    assert str(fast_error) == str(boto_error)


def test_moto_without_the_stubber_refuses_the_call(monkeypatch, proxy):
    """A moto without the hook fastiam uses: an error naming the moto needed,
    and nothing sent to the real endpoint."""
    import moto.core.models

    fast = fast_client(config=fastiam.Config(proxies={"https": proxy.url}))
    monkeypatch.delattr(moto.core.models, "botocore_stubber")
    with pytest.raises(
        RuntimeError, match=r"installed moto \d[^ ]* does not have: install moto>=5"
    ):
        fast.list_users()
    assert proxy.records == []


def test_a_custom_endpoint_is_passed_through_as_with_boto3(server):
    """moto serves the AWS host names; a client given another endpoint (here
    the scripted server, which knows no moto state) reaches it over HTTP."""
    from support.scripted_server import success_reply

    server.script(success_reply())
    call = {
        "UserName": "nobody-in-moto",
        "SerialNumber": "arn:aws:iam::123456789012:mfa/x",
        "AuthenticationCode1": "123456",
        "AuthenticationCode2": "654321",
    }
    with mock_aws():
        for client in (boto_client(endpoint_url=server.url), fast_client(endpoint_url=server.url)):
            assert client.enable_mfa_device(**call)["ResponseMetadata"]["HTTPStatusCode"] == 200
    boto_request, fast_request = server.requests
    assert fast_request.form == boto_request.form


# ---------------------------------------------------------------------------
# Retries, timeouts, logging, the Stubber and the plugin under the mock


# moto warns that IAM's model has no Throttling error; botocore retries the code anyway.
throttling_warning = pytest.mark.filterwarnings(r"ignore:Exception\(Throttling\):UserWarning")


def throttle_first(monkeypatch, times: int) -> list:
    """moto answers Throttling to the first ``times`` get_user calls."""
    from moto.iam.exceptions import IAMException

    class Throttling(IAMException):
        def __init__(self):
            super().__init__("Throttling", "Rate exceeded")

    calls: list = []
    original = IAMBackend.get_user

    def get_user(self, *args, **kwargs):
        calls.append(args)
        if len(calls) <= times:
            raise Throttling()
        return original(self, *args, **kwargs)

    monkeypatch.setattr(IAMBackend, "get_user", get_user)
    return calls


@throttling_warning
def test_retries_and_retry_attempts_under_the_mock(monkeypatch, caplog):
    calls = throttle_first(monkeypatch, times=2)
    config = {"retries": {"mode": "standard", "max_attempts": 3}}
    with mock_aws():
        boto = boto_client(config=botocore.config.Config(**config))
        fast = fast_client(config=fastiam.Config(**config))
        boto.create_user(UserName="alice")
        boto_result = boto.get_user(UserName="alice")
        del calls[:]
        with caplog.at_level("DEBUG", logger="fastiam"):
            fast_result = fast.get_user(UserName="alice")
    assert len(calls) == 3
    assert fast_result["ResponseMetadata"]["RetryAttempts"] == 2
    assert comparable(fast_result) == comparable(boto_result)
    retried = [r for r in caplog.records if r.name == "fastiam" and r.levelname == "WARNING"]
    assert len(retried) == 2
    assert "GetUser" in caplog.records[-1].getMessage()


@throttling_warning
def test_retries_run_out_as_with_boto3(monkeypatch):
    throttle_first(monkeypatch, times=10)
    config = {"retries": {"mode": "standard", "max_attempts": 2}}
    with mock_aws():
        boto_error = raised(
            boto_client(config=botocore.config.Config(**config)).get_user, UserName="x"
        )
        fast_error = raised(fast_client(config=fastiam.Config(**config)).get_user, UserName="x")
    assert error_view(fast_error) == error_view(boto_error)
    retried = [e.response["ResponseMetadata"]["RetryAttempts"] for e in (fast_error, boto_error)]
    assert retried == [2, 2]


def test_read_timeout_does_not_apply_to_an_answer_made_in_the_process(monkeypatch):
    """moto answers without a socket, so neither client's read timeout runs."""
    original = IAMBackend.list_users

    def slow(self, *args, **kwargs):
        time.sleep(0.3)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(IAMBackend, "list_users", slow)
    config = {"read_timeout": 0.05, "connect_timeout": 0.05}
    with mock_aws():
        boto = boto_client(config=botocore.config.Config(**config))
        fast = fast_client(config=fastiam.Config(**config))
        assert comparable(fast.list_users()) == comparable(boto.list_users())


def test_stubber_answers_before_the_mock_as_with_boto3():
    from botocore.stub import Stubber as BotoStubber

    with mock_aws():
        boto_client().create_user(UserName="real")
        fast, boto = fast_client(), boto_client()
        canned = {"Users": [], "IsTruncated": False}
        with Stubber(fast) as fast_stub, BotoStubber(boto) as boto_stub:
            fast_stub.add_response("list_users", canned)
            boto_stub.add_response("list_users", canned)
            assert fast.list_users()["Users"] == boto.list_users()["Users"] == []
        assert [u["UserName"] for u in fast.list_users()["Users"]] == ["real"]


@mock_aws
def test_plugin_fixture_and_mock_share_moto_state(fastiam_iam):
    boto_client().create_user(UserName="alice")
    assert [u["UserName"] for u in fastiam_iam.list_users()["Users"]] == ["alice"]
    fast_client().create_user(UserName="bob")
    assert sorted(u["UserName"] for u in fastiam_iam.list_users()["Users"]) == ["alice", "bob"]


# ---------------------------------------------------------------------------
# Nothing of this without a mock


def test_without_moto_nothing_of_moto_or_botocore_is_imported(server):
    """``import fastiam`` and its calls never load moto, botocore or the
    module that talks to moto."""
    import subprocess
    import sys
    from pathlib import Path

    script = f"""
import sys
sys.path.insert(0, {str(Path(__file__).resolve().parents[1])!r})
import fastiam
iam = fastiam.client("iam", endpoint_url={server.url!r}, region_name="us-east-1",
                     aws_access_key_id="AKID", aws_secret_access_key="secret")
iam.list_users()
print(sorted(m for m in ("moto", "botocore", "fastiam._moto") if m in sys.modules))
"""
    from support.scripted_server import result_reply

    server.script(result_reply("ListUsers", "<Users/><IsTruncated>false</IsTruncated>"))
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"
    assert len(server.requests) == 1


def test_with_moto_imported_and_no_mock_active_calls_go_out(proxy):
    """moto imported, its mock stopped: the call goes to IAM (here the
    recording proxy, which refuses the real host), not to moto."""
    import sys

    config = fastiam.Config(proxies={"https": proxy.url}, retries={"total_max_attempts": 1})
    fast = fast_client(config=config)
    with mock_aws():
        fast.list_users()
    assert "moto.core.models" in sys.modules and proxy.records == []

    assert type(raised(fast.list_users)).__name__ == "ProxyConnectionError"
    assert [r.host for r in proxy.records] == ["iam.amazonaws.com"]
