"""Client-side parameter validation: botocore's exact report, nothing sent;
and what is (and is not) left to the server."""

from __future__ import annotations

from urllib.parse import parse_qs

import fastiam
import pytest

GOOD = {
    "UserName": "alice",
    "SerialNumber": "arn:aws:iam::123456789012:mfa/alice",
    "AuthenticationCode1": "123456",
    "AuthenticationCode2": "654321",
}
MEMBERS = list(GOOD)


def without(*names: str, **changes) -> dict:
    call = {k: v for k, v in GOOD.items() if k not in names}
    call.update(changes)
    return call


INVALID = {
    "all-missing": {},
    **{f"missing-{name}": without(name) for name in MEMBERS},
    "two-missing": without("SerialNumber", "AuthenticationCode2"),
    "unknown": {**GOOD, "Foo": "bar"},
    "unknown-lowercase-member": {**without("UserName"), "userName": "alice"},
    "two-unknown-kwargs-order": {"Zed": 1, **GOOD, "Abc": 2},
    **{f"int-{name}": without(name, **{name: 123}) for name in MEMBERS},
    **{f"none-{name}": without(name, **{name: None}) for name in MEMBERS},
    **{f"bytes-{name}": without(name, **{name: b"abcdefghij"}) for name in MEMBERS},
    "float": without("UserName", UserName=1.5),
    "bool": without("UserName", UserName=True),
    "list": without("UserName", UserName=["alice"]),
    "dict": without("UserName", UserName={"a": 1}),
    "empty-user-name": without("UserName", UserName=""),
    "short-serial": without("SerialNumber", SerialNumber="arn:x"),
    "serial-one-below-min": without("SerialNumber", SerialNumber="12345678"),
    "short-code1": without("AuthenticationCode1", AuthenticationCode1="12345"),
    "short-code2": without("AuthenticationCode2", AuthenticationCode2="1"),
    "empty-code": without("AuthenticationCode1", AuthenticationCode1=""),
    "short-unicode": without("SerialNumber", SerialNumber="\u00e9\u00e9\u00e9"),
    "combined": {"Foo": 1, "UserName": 5, "AuthenticationCode1": "1", "Bar": 2},
    "combined-reversed": {"AuthenticationCode2": None, "Bar": 2, "SerialNumber": "x", "Foo": 1},
    "everything-wrong": {
        "AuthenticationCode1": b"1",
        "Extra": None,
        "UserName": "",
        "SerialNumber": 9,
    },
}


@pytest.mark.parametrize("call", list(INVALID.values()), ids=list(INVALID))
def test_invalid_parameters(parity, call):
    boto, fast = parity.scripted(call=call)

    assert type(boto.error).__name__ == "ParamValidationError"
    parity.assert_same(boto, fast)
    assert isinstance(fast.error, fastiam.exceptions.ParamValidationError)
    assert fast.error.kwargs == {"report": boto.error.kwargs["report"]}
    assert fast.attempts == boto.attempts == 0, "nothing may be sent"


def test_report_lists_problems_in_botocore_order(parity):
    call = {"Foo": 1, "UserName": 5, "AuthenticationCode1": "1", "Bar": 2}
    boto, fast = parity.scripted(call=call)

    lines = str(fast.error).splitlines()
    assert lines == str(boto.error).splitlines()
    assert lines[0] == "Parameter validation failed:"
    assert [line.split()[0] for line in lines[1:]] == [
        "Missing",
        "Missing",
        "Unknown",
        "Unknown",
        "Invalid",
        "Invalid",
    ]


# botocore checks neither max length nor pattern: the server decides.
SERVER_SIDE = {
    "long-user-name": without("UserName", UserName="a" * 129),
    "long-serial": without("SerialNumber", SerialNumber="s" * 257),
    "long-code": without("AuthenticationCode1", AuthenticationCode1="1234567"),
    "pattern-user-name": without("UserName", UserName="bad name!"),
    "pattern-code": without("AuthenticationCode2", AuthenticationCode2="abcdef"),
    "unicode-user-name": without("UserName", UserName="\u00e9l\u00e8ve"),
    "odd-characters-serial": without("SerialNumber", SerialNumber="a b&c=d/\u00e9~*'()!x"),
}


@pytest.mark.parametrize("call", list(SERVER_SIDE.values()), ids=list(SERVER_SIDE))
def test_max_length_and_pattern_left_to_server(parity, call):
    boto, fast = parity.scripted(call=call)

    parity.assert_same(boto, fast)
    assert fast.error is None
    assert fast.requests[0].form == boto.requests[0].form


NOT_VALIDATED = {
    "int": {"UserName": 5},
    "nothing": {},
    "empty-and-odd": {
        "UserName": "",
        "SerialNumber": "a b&c=d/\u00e9",
        "AuthenticationCode1": "1",
        "AuthenticationCode2": "2",
    },
    "short-codes": without("AuthenticationCode1", AuthenticationCode1="1"),
}


@pytest.mark.parametrize("call", list(NOT_VALIDATED.values()), ids=list(NOT_VALIDATED))
def test_parameter_validation_off_sends(parity, call):
    boto, fast = parity.scripted(call=call, config={"parameter_validation": False})

    parity.assert_same(boto, fast)
    assert fast.attempts == 1
    assert parse_qs(fast.requests[0].body.decode(), keep_blank_values=True) == parse_qs(
        boto.requests[0].body.decode(), keep_blank_values=True
    )


@pytest.mark.parametrize(
    ("args", "kwargs"),
    [(("alice",), {}), ((GOOD,), {}), (("alice",), without("UserName")), ((None, None), {})],
    ids=["one", "dict", "with-kwargs", "two"],
)
def test_positional_arguments_are_rejected(parity, client_pair, args, kwargs):
    boto_client, fast_client = client_pair()
    boto = parity.invoke("boto3", boto_client, kwargs, args)
    fast = parity.invoke("fastiam", fast_client, kwargs, args)

    assert type(boto.error) is TypeError
    assert type(fast.error) is TypeError
    assert str(fast.error) == str(boto.error)
    assert parity.server.requests == []


def test_valid_call_after_validation_error_works(parity):
    client = parity.fastiam_client(parity.server.url)
    with pytest.raises(fastiam.exceptions.ParamValidationError):
        client.enable_mfa_device(UserName="alice")

    result = client.enable_mfa_device(**GOOD)

    assert result["ResponseMetadata"]["HTTPStatusCode"] == 200
    assert len(parity.server.requests) == 1


class _RaisingStr:
    """``str()`` raises (a user object with a broken ``__str__``)."""

    def __str__(self) -> str:
        raise LookupError("broken __str__")


class _NonStrStr:
    """``str()`` returns an int: a TypeError from Python itself."""

    def __str__(self):
        return 5  # noqa: PLE0307 (the point: str() of it raises TypeError)


def test_report_lines_are_written_after_the_walk_as_botocore_writes_them(client_pair):
    """A wrong-type value whose __str__ raises is only shown once the whole input
    is walked; a map key's name is made during the walk. So the key's TypeError
    comes out first in both (botocore's ErrorReport formats at the end)."""
    boto_client, fast_client = client_pair()
    call = {
        "TemplateArn": "arn:aws:iam::123456789012:role-template/x",
        "TemplateMinorVersion": 0,
        "ReplacementValues": {
            "": {"AWSServiceName": "s", "Values": _RaisingStr()},
            _NonStrStr(): {"Values": []},
        },
    }
    raised = []
    for client in (boto_client, fast_client):
        with pytest.raises(Exception) as info:
            client.acquire_role(**call)
        raised.append((type(info.value).__name__, str(info.value)))
    assert raised[1] == raised[0]
    assert raised[0][0] == "TypeError"
