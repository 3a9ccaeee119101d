"""Waiters (``fastiam.waiter``: the client's ``waiter_names`` and
``get_waiter``), compared with boto3's, for fastiam's sync client and its
async one (aiobotocore's interface: ``await waiter.wait(...)``).

Each of IAM's waiters succeeds on moto once its entity exists and gives up
after MaxAttempts when it does not; the scripted server plays what moto
cannot (an entity appearing after some attempts, errors no acceptor expects,
statuses) with the requests counted. Acceptors IAM's model does not use
(path, pathAll, pathAny, error True/False) are compared on configurations
given to both libraries' Waiter classes directly.
"""

from __future__ import annotations

import asyncio
import json
import pickle
import time
from typing import Any

import botocore.exceptions
import botocore.waiter
import fastiam
import fastiam.aio
import fastiam.waiter
import pytest
from conftest import KEY_ID, REGION, SECRET
from fastiam.waiter._config import SingleWaiterConfig
from support.scripted_server import error_reply, result_reply

ACCOUNT = "123456789012"
WHEN = "2024-01-02T03:04:05Z"
NAMES = fastiam.waiter.waiter_names()
MODES = ["sync", "async"]
FAST = {"Delay": 0.01, "MaxAttempts": 3}


def policy(**statement: Any) -> str:
    return json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", **statement}]})


TRUST = policy(Principal={"Service": "ec2.amazonaws.com"}, Action="sts:AssumeRole")
# Each waiter: the operation it calls, the entity that returns, and the argument naming it.
WAITERS = {
    "instance_profile_exists": ("GetInstanceProfile", "InstanceProfile", "InstanceProfileName"),
    "policy_exists": ("GetPolicy", "Policy", "PolicyArn"),
    "role_exists": ("GetRole", "Role", "RoleName"),
    "user_exists": ("GetUser", "User", "UserName"),
}
ARN_KINDS = {
    "InstanceProfile": "instance-profile",
    "Policy": "policy",
    "Role": "role",
    "User": "user",
}


def arguments(name: str, entity: str = "waited") -> dict:
    """The wait's arguments: the entity "waited" exists (on moto), "absent" does not."""
    _, _, argument = WAITERS[name]
    return {
        argument: f"arn:aws:iam::{ACCOUNT}:policy/{entity}" if argument == "PolicyArn" else entity
    }


def found(name: str):
    """The operation's result: the entity "waited"."""
    operation, element, _ = WAITERS[name]
    arn = f"arn:aws:iam::{ACCOUNT}:{ARN_KINDS[element]}/waited"
    entity = f"<Path>/</Path><{element}Name>waited</{element}Name><Arn>{arn}</Arn>"
    return result_reply(
        operation, f"<{element}>{entity}<CreateDate>{WHEN}</CreateDate></{element}>"
    )


def client_kwargs(url: str) -> dict:
    return {
        "region_name": REGION,
        "endpoint_url": url,
        "aws_access_key_id": KEY_ID,
        "aws_secret_access_key": SECRET,
    }


class Side:
    """boto3's client, or fastiam's sync or async one, and its waiters."""

    def __init__(self, mode: str, url: str, boto_session: Any) -> None:
        self.mode = mode
        if mode == "boto3":
            self.client = boto_session.client("iam", **client_kwargs(url))
        else:
            create = fastiam.client if mode == "sync" else fastiam.aio.client
            self.client = create("iam", **client_kwargs(url))

    def waiter(self, name: str) -> Any:
        if self.mode == "boto3":
            return self.client.get_waiter(name)
        return fastiam.waiter.get_waiter(self.client, name, self.mode == "async")

    def finish(self, wait: Any) -> Any:
        """What ``wait`` (a call of a waiter's wait) returns, awaited if async."""
        return asyncio.run(wait) if self.mode == "async" else wait

    def outcome(self, waiter: Any, **kwargs: Any) -> tuple:
        """("ok", result) or (class name, str, kwargs, last_response, error)."""
        try:
            return ("ok", self.finish(waiter.wait(**kwargs)))
        except Exception as error:  # noqa: BLE001 - the error is the outcome
            response = getattr(error, "last_response", None)
            return (
                type(error).__name__,
                str(error),
                getattr(error, "kwargs", None),
                response,
                error,
            )


def same_outcome(got: tuple, expected: tuple, exact: bool = True) -> None:
    """The same result or error (name, str, kwargs, last_response); on moto
    (``exact`` False) request ids and dated headers differ per request."""
    assert got[:3] == expected[:3]
    if got[0] != "ok" and expected[3] is not None:
        if exact:
            assert got[3] == expected[3]
        else:
            for response in (got[3], expected[3]):
                metadata = response.pop("ResponseMetadata")
                response["status"] = metadata["HTTPStatusCode"]
            assert got[3] == expected[3]
        assert isinstance(got[4], type(expected[4]))


# ---------------------------------------------------------------------------
# Names, classes, configuration


def test_waiter_names_are_boto3s(boto_session):
    expected = boto_session.client("iam", region_name=REGION).waiter_names

    assert expected == ["instance_profile_exists", "policy_exists", "role_exists", "user_exists"]
    assert NAMES == expected
    assert fastiam.waiter.waiter_names(fastiam.client("iam", region_name=REGION)) == expected


def test_the_clients_waiter_names_and_get_waiter(boto_session):
    client = fastiam.client("iam", region_name=REGION)
    waiter = client.get_waiter("user_exists")

    assert client.waiter_names == boto_session.client("iam", region_name=REGION).waiter_names
    assert type(waiter).__name__ == "IAM.Waiter.UserExists"
    assert isinstance(fastiam.aio.client("iam").get_waiter("user_exists"), fastiam.waiter.AioWaiter)


def acceptors(waiter: Any) -> list[tuple]:
    fields = ("state", "matcher", "expected", "argument", "explanation")
    return [tuple(getattr(a, f) for f in fields) for a in waiter.config.acceptors]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("name", NAMES)
def test_waiter_class_and_config_are_boto3s(boto_session, server, name, mode):
    expected = Side("boto3", server.url, boto_session).waiter(name)
    got = Side(mode, server.url, boto_session).waiter(name)

    assert type(got).__name__ == type(expected).__name__  # IAM.Waiter.UserExists
    assert isinstance(got, fastiam.waiter.AioWaiter if mode == "async" else fastiam.waiter.Waiter)
    assert got.name == expected.name
    config_fields = ("operation", "delay", "max_attempts", "description")
    assert [getattr(got.config, f) for f in config_fields] == [
        getattr(expected.config, f) for f in config_fields
    ]
    assert acceptors(got) == acceptors(expected)
    assert server.requests == []  # nothing is sent until wait()


@pytest.mark.parametrize("name", ["no_such_waiter", "UserExists", "", "user_exists "])
@pytest.mark.parametrize("mode", MODES)
def test_unknown_waiter_name_is_boto3s_value_error(boto_session, server, name, mode):
    with pytest.raises(ValueError) as expected:
        Side("boto3", server.url, boto_session).waiter(name)
    with pytest.raises(ValueError) as got:
        Side(mode, server.url, boto_session).waiter(name)

    assert str(got.value) == str(expected.value) == f"Waiter does not exist: {name}"


# ---------------------------------------------------------------------------
# On moto


@pytest.fixture(scope="module")
def entities_url(_moto_url: str, boto_session) -> str:
    """moto with each waiter's entity ("waited"), made once for this module."""
    from conftest import reset_moto

    url = reset_moto(_moto_url)
    admin = boto_session.client("iam", **client_kwargs(url))
    admin.create_user(UserName="waited")
    admin.create_role(RoleName="waited", AssumeRolePolicyDocument=TRUST)
    admin.create_policy(PolicyName="waited", PolicyDocument=policy(Action="iam:*", Resource="*"))
    admin.create_instance_profile(InstanceProfileName="waited")
    return url


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("name", NAMES)
def test_wait_for_an_entity_that_exists_returns_at_once(boto_session, entities_url, name, mode):
    call = arguments(name)
    expected = Side("boto3", entities_url, boto_session)
    side = Side(mode, entities_url, boto_session)
    start = time.monotonic()
    got = side.outcome(side.waiter(name), **call)

    assert time.monotonic() - start < 0.9  # no sleep (the waiters' Delay is 1 s)
    assert got == expected.outcome(expected.waiter(name), **call) == ("ok", None)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("name", NAMES)
def test_wait_for_an_absent_entity_exceeds_max_attempts(boto_session, entities_url, name, mode):
    absent = arguments(name, "absent")
    expected = Side("boto3", entities_url, boto_session)
    side = Side(mode, entities_url, boto_session)
    want = expected.outcome(expected.waiter(name), **absent, WaiterConfig=FAST)
    got = side.outcome(side.waiter(name), **absent, WaiterConfig=FAST)

    assert want[1].startswith(f"Waiter {want[2]['name']} failed: Max attempts exceeded.")
    assert isinstance(got[4], botocore.exceptions.WaiterError)
    same_outcome(got, want, exact=False)


# ---------------------------------------------------------------------------
# On the scripted server: exact responses, counted requests


NO_SUCH_ENTITY = error_reply("NoSuchEntity", "The entity cannot be found.", 404)
# (waiter, replies, WaiterConfig): what each attempt gets, the last one repeated.
CASES = {
    "appears-after-two-attempts": ("user_exists", [NO_SUCH_ENTITY] * 2 + ["found"], FAST),
    "status-404-retried": ("instance_profile_exists", [NO_SUCH_ENTITY, "found"], FAST),
    "max-attempts": ("role_exists", [NO_SUCH_ENTITY], {"Delay": 0.01, "MaxAttempts": 2}),
    "max-attempts-status": (
        "instance_profile_exists",
        [NO_SUCH_ENTITY],
        {"Delay": 0, "MaxAttempts": 2},
    ),
    "unexpected-error": ("policy_exists", [error_reply("AccessDenied", "Not for you.", 403)], FAST),
    "other-404-code-ends-an-error-waiter": (
        "user_exists",
        [error_reply("NotFound", "Gone.", 404)],
        FAST,
    ),
    "other-404-code-retried-by-a-status-waiter": (
        "instance_profile_exists",
        [error_reply("NotFound", "Gone.", 404), "found"],
        FAST,
    ),
    "no-such-entity-with-400": (
        "policy_exists",
        [error_reply("NoSuchEntity", "Odd status.", 400), "found"],
        FAST,
    ),
    "one-attempt": ("user_exists", [NO_SUCH_ENTITY], {"MaxAttempts": 1}),
}


def scripted(side: Side, server: Any, name: str, replies: list, config: dict) -> tuple:
    """(outcome, requests sent, seconds) of one wait on the scripted replies."""
    server.reset()
    server.script(*(found(name) if reply == "found" else reply for reply in replies))
    start = time.monotonic()
    outcome = side.outcome(side.waiter(name), **arguments(name), WaiterConfig=config)
    return outcome, [request.form for request in server.requests], time.monotonic() - start


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(("name", "replies", "config"), CASES.values(), ids=CASES.keys())
def test_scripted_waits(boto_session, server, name, replies, config, mode):
    want, boto_sent, _ = scripted(
        Side("boto3", server.url, boto_session), server, name, replies, config
    )
    got, fast_sent, _ = scripted(
        Side(mode, server.url, boto_session), server, name, replies, config
    )

    same_outcome(got, want)
    assert fast_sent == boto_sent  # the same attempts, without WaiterConfig
    assert all("WaiterConfig" not in form for form in fast_sent)


def test_scripted_outcomes_are_botocores_rules(boto_session, server):
    # What boto3 itself does in a few of the cases above, spelled out.
    side = Side("boto3", server.url, boto_session)
    texts = {}
    for case in (
        "appears-after-two-attempts",
        "max-attempts",
        "max-attempts-status",
        "unexpected-error",
    ):
        outcome, sent, _ = scripted(side, server, *CASES[case])
        texts[case] = (outcome[1] if outcome[0] != "ok" else "ok", len(sent))

    assert texts == {
        "appears-after-two-attempts": ("ok", 3),
        "max-attempts": (
            (
                "Waiter RoleExists failed: Max attempts exceeded. Previously accepted state: "
                "Matched expected service error code: NoSuchEntity"
            ),
            2,
        ),
        "max-attempts-status": (
            (
                "Waiter InstanceProfileExists failed: Max attempts exceeded. Previously "
                "accepted state: Matched expected HTTP status code: 404"
            ),
            2,
        ),
        "unexpected-error": (
            "Waiter PolicyExists failed: An error occurred (AccessDenied): Not for you.",
            1,
        ),
    }


@pytest.mark.parametrize("mode", MODES)
def test_delay_between_attempts(boto_session, server, mode):
    config = {"Delay": 0.15, "MaxAttempts": 3}
    outcome, sent, seconds = scripted(
        Side(mode, server.url, boto_session), server, "user_exists", [NO_SUCH_ENTITY], config
    )

    assert outcome[0] == "WaiterError"
    assert len(sent) == 3
    assert seconds >= 0.3  # two sleeps: none after the last attempt


@pytest.mark.parametrize("mode", MODES)
def test_errors_other_than_service_errors_are_raised_as_they_are(boto_session, server, mode):
    # botocore's waiter turns only ClientError into a response to judge.
    def missing_argument(side: Side) -> tuple:
        return side.outcome(side.waiter("role_exists"), WaiterConfig=FAST)

    want = missing_argument(Side("boto3", server.url, boto_session))
    got = missing_argument(Side(mode, server.url, boto_session))

    assert want[0] == "ParamValidationError"
    assert got[:2] == want[:2]
    assert server.requests == []


def test_async_wait_sleeps_without_blocking_the_loop(server):
    server.script(NO_SUCH_ENTITY)
    client = fastiam.aio.client("iam", **client_kwargs(server.url))
    waiter = fastiam.waiter.get_waiter(client, "user_exists", True)
    ticks = 0

    async def tick() -> None:
        nonlocal ticks
        while True:
            await asyncio.sleep(0.01)
            ticks += 1

    async def main() -> list:
        ticker = asyncio.ensure_future(tick())
        config = {"Delay": 0.3, "MaxAttempts": 3}
        waits = [waiter.wait(UserName="absent", WaiterConfig=config) for _ in range(2)]
        start = time.monotonic()
        outcomes = await asyncio.gather(*waits, return_exceptions=True)
        elapsed = time.monotonic() - start
        ticker.cancel()
        return [outcomes, elapsed]

    outcomes, elapsed = asyncio.run(main())
    assert [type(o).__name__ for o in outcomes] == ["WaiterError", "WaiterError"]
    assert len(server.requests) == 6
    assert ticks >= 20  # the loop ran the ticker during the 0.6 s of sleeps
    assert elapsed < 1.0  # the two waits slept at the same time (one after the other: 1.2 s)


# ---------------------------------------------------------------------------
# WaiterError


def test_waiter_error_is_botocores():
    response = {"Error": {"Code": "NoSuchEntity", "Message": "m"}}
    error = fastiam.exceptions.WaiterError(name="UserExists", reason="r", last_response=response)
    theirs = botocore.exceptions.WaiterError(name="UserExists", reason="r", last_response=response)

    assert str(error) == str(theirs) == "Waiter UserExists failed: r"
    assert (error.kwargs, error.last_response) == (theirs.kwargs, theirs.last_response)
    assert isinstance(error, botocore.exceptions.WaiterError)
    assert isinstance(error, fastiam.exceptions.BotoCoreError)
    copy = pickle.loads(pickle.dumps(error))
    assert (type(copy), str(copy), copy.kwargs, copy.last_response) == (
        type(error),
        str(error),
        error.kwargs,
        response,
    )


# ---------------------------------------------------------------------------
# Acceptors IAM's waiters do not use, on both libraries' Waiter classes


def acceptor(state: str, matcher: str, expected: Any, argument: str | None = None) -> dict:
    found = {"state": state, "matcher": matcher, "expected": expected}
    return found if argument is None else {**found, "argument": argument}


ACCEPTORS = {
    "path-jmespath": [acceptor("success", "path", True, "length(Users) > `1`")],
    "path-dotted-no-match": [acceptor("success", "path", True, "IsTruncated")],
    "path-all": [acceptor("success", "pathAll", "/", "Users[].Path")],
    "path-all-empty": [acceptor("success", "pathAll", "/", "Users[?Path=='/x'].Path")],
    "path-any-failure": [
        acceptor("failure", "pathAny", "u1", "Users[].UserName"),
        acceptor("success", "path", True, "`true`"),
    ],
    "path-retry": [acceptor("retry", "path", False, "IsTruncated")],
    "error-false": [acceptor("success", "error", False)],
    "error-true-on-success": [acceptor("failure", "error", True)],
}


@pytest.fixture(scope="module")
def users_url(_moto_url: str, boto_session) -> str:
    from conftest import reset_moto

    url = reset_moto(_moto_url)
    admin = boto_session.client("iam", **client_kwargs(url))
    for user in ("u0", "u1", "u2"):
        admin.create_user(UserName=user)
    return url


def custom(side: Side, acceptors: list) -> Any:
    """A waiter named "Custom" over list_users, with ``acceptors``."""
    config = {"operation": "ListUsers", "delay": 0, "maxAttempts": 2, "acceptors": acceptors}
    if side.mode == "boto3":
        method = botocore.waiter.NormalizedOperationMethod(side.client.list_users)
        return botocore.waiter.Waiter("Custom", botocore.waiter.SingleWaiterConfig(config), method)
    cls = fastiam.waiter.AioWaiter if side.mode == "async" else fastiam.waiter.Waiter
    return cls("Custom", SingleWaiterConfig(config), side.client.list_users)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("acceptors", ACCEPTORS.values(), ids=ACCEPTORS.keys())
def test_other_acceptors(boto_session, users_url, acceptors, mode):
    expected = Side("boto3", users_url, boto_session)
    side = Side(mode, users_url, boto_session)
    want = expected.outcome(custom(expected, acceptors))
    got = side.outcome(custom(side, acceptors))

    same_outcome(got, want, exact=False)
    assert [a.explanation for a in custom(side, acceptors).config.acceptors] == [
        a.explanation for a in custom(expected, acceptors).config.acceptors
    ]


@pytest.mark.parametrize("mode", MODES)
def test_path_acceptors_do_not_match_error_responses(boto_session, users_url, mode):
    acceptors = [acceptor("success", "path", None, "User.Tags")]

    def waiter(side: Side) -> Any:
        config = {"operation": "GetUser", "delay": 0, "maxAttempts": 2, "acceptors": acceptors}
        if side.mode == "boto3":
            method = botocore.waiter.NormalizedOperationMethod(side.client.get_user)
            return botocore.waiter.Waiter(
                "Custom", botocore.waiter.SingleWaiterConfig(config), method
            )
        cls = fastiam.waiter.AioWaiter if side.mode == "async" else fastiam.waiter.Waiter
        return cls("Custom", SingleWaiterConfig(config), side.client.get_user)

    expected = Side("boto3", users_url, boto_session)
    side = Side(mode, users_url, boto_session)
    want = expected.outcome(waiter(expected), UserName="absent")
    got = side.outcome(waiter(side), UserName="absent")

    assert want[1].startswith("Waiter Custom failed: An error occurred (NoSuchEntity)")
    same_outcome(got, want, exact=False)
