"""Paginators (``client.get_paginator``), compared with boto3's over the same
listings: pages, PaginationConfig, NextToken strings, resuming, build_full_result,
search, errors; for fastiam's sync client and its async client (aiobotocore's
interface: ``async for``, ``await build_full_result()``).

moto holds 2,500 virtual MFA devices, created once for this module: every
moto-backed test here reads that listing and none resets moto. moto ignores
Marker and MaxItems for ListMFADevices and has no ListMFADeviceTags, so those
are also paged from the scripted server, where the requests can be compared.
"""

from __future__ import annotations

import asyncio
import base64
import json
import pickle
import sys
from dataclasses import dataclass
from typing import Any, Callable

import botocore.exceptions
import fastiam
import fastiam.aio
import pytest
from conftest import KEY_ID, REGION, SECRET, key_order, reset_moto
from fastiam.paginate._table import PAGINATORS
from support import operations
from support.scripted_server import error_reply, list_mfa_device_tags_reply

DEVICES = 2500
ACCOUNT = "123456789012"
SERIALS = [f"arn:aws:iam::{ACCOUNT}:mfa/d{i:04}" for i in range(DEVICES)]
USER = "pager"
USER_SERIALS = [f"arn:aws:iam::{ACCOUNT}:mfa/pager-{i}" for i in range(7)]
VIRTUAL = "list_virtual_mfa_devices"
PAGEABLE = list(PAGINATORS)
TAGS_CALL = {"SerialNumber": f"arn:aws:iam::{ACCOUNT}:mfa/tagged"}


def client_kwargs(url: str) -> dict:
    return {
        "region_name": REGION,
        "endpoint_url": url,
        "aws_access_key_id": KEY_ID,
        "aws_secret_access_key": SECRET,
    }


@pytest.fixture(scope="module")
def listing_url(_moto_url: str, boto_session) -> str:
    """moto with DEVICES virtual devices (d0000 ...) and a user with 7 MFA
    devices, set up once: ~8 ms a create call, so ~20 s, all of it here."""
    url = reset_moto(_moto_url)
    admin = boto_session.client("iam", **client_kwargs(url))
    for i in range(DEVICES):
        admin.create_virtual_mfa_device(VirtualMFADeviceName=f"d{i:04}")
    admin.create_user(UserName=USER)
    # Not virtual devices: assigning those would change the virtual listing.
    for serial in USER_SERIALS:
        admin.enable_mfa_device(
            UserName=USER,
            SerialNumber=serial,
            AuthenticationCode1="111111",
            AuthenticationCode2="222222",
        )
    return url


# ---------------------------------------------------------------------------
# One interface over boto3's paginators and fastiam's sync and async ones


@dataclass
class Walk:
    """What one pass over a page iterator produced."""

    pages: list[dict]  # without ResponseMetadata (request ids differ per request)
    token: str | None  # the iterator's resume_token afterwards

    def items(self, key: str = "VirtualMFADevices") -> list:
        return [item for page in self.pages for item in page.get(key, [])]


def strip(page: dict) -> dict:
    return {key: value for key, value in page.items() if key != "ResponseMetadata"}


def outcome(thunk: Callable[[], Any]) -> tuple:
    """("ok", value) or (error class name, message)."""
    try:
        return ("ok", thunk())
    except Exception as error:  # noqa: BLE001 - the error is the outcome
        return (type(error).__name__, str(error))


class Side:
    """A client and the way to drive its paginators: plainly, or (for a
    fastiam.aio client) each pass in its own asyncio.run."""

    def __init__(self, name: str, client: Any) -> None:
        self.name = name
        self.client = client
        self.asynchronous = name == "async"

    def run(self, value: Any) -> Any:
        return asyncio.run(value) if self.asynchronous else value

    def drain(self, iterable: Any) -> list:
        if not self.asynchronous:
            return list(iterable)

        async def collect() -> list:
            return [item async for item in iterable]

        return asyncio.run(collect())

    def paginate(self, operation: str = VIRTUAL, **kwargs: Any):
        return self.client.get_paginator(operation).paginate(**kwargs)

    def walk(self, operation: str = VIRTUAL, **kwargs: Any) -> Walk:
        iterator = self.paginate(operation, **kwargs)
        pages = self.drain(iterator)
        return Walk([strip(page) for page in pages], iterator.resume_token)

    def chain(self, config: dict, limit: int, operation: str = VIRTUAL, **kwargs: Any) -> list:
        """Passes resumed from each NextToken, until none (at most ``limit``)."""
        walks = [self.walk(operation, PaginationConfig=dict(config), **kwargs)]
        while walks[-1].token is not None and len(walks) < limit:
            resumed = {**config, "StartingToken": walks[-1].token}
            walks.append(self.walk(operation, PaginationConfig=resumed, **kwargs))
        return walks

    def full(self, operation: str = VIRTUAL, **kwargs: Any) -> dict:
        return self.run(self.paginate(operation, **kwargs).build_full_result())

    def search(self, expression: str, operation: str = VIRTUAL, **kwargs: Any) -> list:
        return self.drain(self.paginate(operation, **kwargs).search(expression))


class Memo(Side):
    """boto3's side, each answer computed once for both fastiam clients."""

    def __init__(self, client: Any) -> None:
        super().__init__("boto3", client)
        self._answers: dict[str, Any] = {}

    def once(self, method: str, *args: Any, **kwargs: Any) -> Any:
        key = repr((method, args, kwargs))
        if key not in self._answers:
            self._answers[key] = getattr(self, method)(*args, **kwargs)
        return self._answers[key]


@pytest.fixture(scope="module")
def boto(listing_url: str, boto_session) -> Memo:
    return Memo(boto_session.client("iam", **client_kwargs(listing_url)))


def make_fast(mode: str, url: str) -> Side:
    create = fastiam.client if mode == "sync" else fastiam.aio.client
    return Side(mode, create("iam", **client_kwargs(url)))


@pytest.fixture(params=["sync", "async"])
def fast(request: pytest.FixtureRequest, listing_url: str) -> Side:
    return make_fast(request.param, listing_url)


@pytest.fixture(params=["sync", "async"])
def scripted_pair(request: pytest.FixtureRequest, server, boto_session) -> tuple[Side, Side]:
    """(boto3, fastiam) on the scripted server."""
    boto_client = boto_session.client("iam", **client_kwargs(server.url))
    return Side("boto3", boto_client), make_fast(request.param, server.url)


def decode(token: str) -> dict:
    """botocore's NextToken format: base64 of a JSON object."""
    return json.loads(base64.b64decode(token))


def assert_same_walks(fast_walks: list[Walk], boto_walks: list[Walk]) -> None:
    assert [walk.token for walk in fast_walks] == [walk.token for walk in boto_walks]
    assert [walk.pages for walk in fast_walks] == [walk.pages for walk in boto_walks]
    # Key order too: users print and compare these dicts.
    assert [key_order(p) for w in fast_walks for p in w.pages] == [
        key_order(p) for w in boto_walks for p in w.pages
    ]


# ---------------------------------------------------------------------------
# Pages


def test_default_page_size_pages(boto, fast):
    expected = boto.once("walk")
    got = fast.walk()

    # IAM's default page is 100 items; moto sends a last, empty page when
    # the listing ends exactly at a page's end.
    assert [len(page["VirtualMFADevices"]) for page in expected.pages] == [100] * 25 + [0]
    assert expected.token is None
    assert_same_walks([got], [expected])


@pytest.mark.parametrize(
    ("page_size", "sizes"), [(1000, [1000, 1000, 500]), (333, [333] * 7 + [169])]
)
def test_page_size(boto, fast, page_size, sizes):
    config = {"PageSize": page_size}
    expected = boto.once("walk", PaginationConfig=config)
    got = fast.walk(PaginationConfig=config)

    assert [len(page["VirtualMFADevices"]) for page in expected.pages] == sizes
    assert_same_walks([got], [expected])
    assert [item["SerialNumber"] for item in got.items()] == SERIALS


def test_page_size_as_string_is_converted(boto, fast):
    # botocore converts PageSize to the limit key's type (an integer for IAM).
    expected = boto.once("walk", PaginationConfig={"PageSize": "1000"})

    assert len(expected.pages) == 3
    assert_same_walks([fast.walk(PaginationConfig={"PageSize": "1000"})], [expected])


def test_max_items_at_a_page_end_gives_a_next_token_to_resume_from(boto, fast):
    config = {"MaxItems": 600, "PageSize": 200}
    expected = boto.once("chain", config, 10)
    got = fast.chain(config, 10)

    # MaxItems ends each pass where a page ends: the token is the service's marker.
    assert [decode(walk.token) for walk in expected[:-1]] == [
        {"Marker": str(n)} for n in (600, 1200, 1800, 2400)
    ]
    assert [len(walk.items()) for walk in expected] == [600, 600, 600, 600, 100]
    assert expected[-1].token is None
    assert_same_walks(got, expected)
    assert [item["SerialNumber"] for walk in got for item in walk.items()] == SERIALS


def test_max_items_inside_a_page_gives_a_truncating_token(boto, fast):
    config = {"MaxItems": 550, "PageSize": 250}
    expected = boto.once("chain", config, 10)
    got = fast.chain(config, 10)

    # The token names the request that fetched the cut page and how many of
    # its items were handed out (boto_truncate_amount).
    assert decode(expected[0].token) == {"Marker": "500", "boto_truncate_amount": 50}
    assert decode(expected[1].token) == {"Marker": "1000", "boto_truncate_amount": 100}
    assert [len(walk.items()) for walk in expected] == [550, 550, 550, 550, 300]
    assert_same_walks(got, expected)
    assert [item["SerialNumber"] for walk in got for item in walk.items()] == SERIALS


def test_resuming_inside_the_page_a_token_starts_in(boto, fast):
    # Each pass starts inside the first page (its first items were handed out)
    # and ends inside that same page.
    config = {"MaxItems": 100, "PageSize": 400}
    expected = boto.once("chain", config, 4)
    got = fast.chain(config, 4)

    assert [decode(walk.token) for walk in expected] == [
        {"Marker": None, "boto_truncate_amount": 100},
        {"Marker": None, "boto_truncate_amount": 200},
        {"Marker": None, "boto_truncate_amount": 300},
        {"Marker": "400"},  # the last pass ends where its page does
    ]
    assert_same_walks(got, expected)
    assert [item["SerialNumber"] for walk in got for item in walk.items()] == SERIALS[:400]


def test_boto3_token_resumes_fastiam_and_back(boto, fast):
    config = {"MaxItems": 150, "PageSize": 400}
    boto_first = boto.once("walk", PaginationConfig=config)
    fast_next = fast.walk(PaginationConfig={**config, "StartingToken": boto_first.token})
    boto_next = boto.once("walk", PaginationConfig={**config, "StartingToken": fast_next.token})

    assert [item["SerialNumber"] for item in fast_next.items()] == SERIALS[150:300]
    assert [item["SerialNumber"] for item in boto_next.items()] == SERIALS[300:450]


def test_max_items_beyond_the_listing(boto, fast):
    config = {"MaxItems": 5000, "PageSize": 1000}
    expected = boto.once("walk", PaginationConfig=config)

    assert expected.token is None
    assert_same_walks([fast.walk(PaginationConfig=config)], [expected])


@pytest.mark.parametrize(
    "token",
    [
        "1200",  # a raw service marker: botocore's old-token parser takes it
        "1200___5",  # botocore's old format: markers and an index, by "___"
        "None___7",
        "eyJNYXJrZXIiOiAiMjQwMCJ9",  # {"Marker": "2400"}
    ],
)
def test_starting_token_forms(boto, fast, token):
    config = {"StartingToken": token, "MaxItems": 120, "PageSize": 100}
    expected = boto.once("walk", PaginationConfig=config)

    assert expected.pages
    assert_same_walks([fast.walk(PaginationConfig=config)], [expected])


def test_iterating_one_page_iterator_twice(boto, fast):
    # botocore keeps the last request's Marker in the iterator's arguments, so
    # a second pass starts from there: fastiam's must fetch the same pages.
    def twice(side: Side) -> list[list[dict]]:
        iterator = side.paginate(PaginationConfig={"PageSize": 1000})
        return [[strip(page) for page in side.drain(iterator)] for _ in range(2)]

    expected = twice(boto)
    got = twice(fast)

    assert [len(pages) for pages in expected] == [3, 1]
    assert got == expected


def test_pages_changed_by_the_caller_steer_the_next_request(boto, fast):
    # botocore reads the next Marker after handing a page out: a caller that
    # removes it from the page ends the pass there.
    def first_pass(side: Side) -> list[int]:
        iterator = side.paginate(PaginationConfig={"PageSize": 400})

        def handle(page: dict) -> int:
            page.pop("Marker")
            return len(page["VirtualMFADevices"])

        if not side.asynchronous:
            return [handle(page) for page in iterator]

        async def collect() -> list[int]:
            return [handle(page) async for page in iterator]

        return asyncio.run(collect())

    assert first_pass(fast) == first_pass(boto) == [400]


# ---------------------------------------------------------------------------
# build_full_result, search, result_key_iters


def test_build_full_result(boto, fast):
    expected = boto.once("full", PaginationConfig={"PageSize": 1000})
    got = fast.full(PaginationConfig={"PageSize": 1000})

    assert list(expected) == ["VirtualMFADevices"]
    assert [item["SerialNumber"] for item in expected["VirtualMFADevices"]] == SERIALS
    assert got == expected
    assert key_order(got) == key_order(expected)


def test_build_full_result_with_max_items_has_next_token(boto, fast):
    config = {"MaxItems": 1234, "PageSize": 500}
    expected = boto.once("full", PaginationConfig=config)
    got = fast.full(PaginationConfig=config)

    assert list(expected) == ["VirtualMFADevices", "NextToken"]
    assert decode(expected["NextToken"]) == {"Marker": "1000", "boto_truncate_amount": 234}
    assert got == expected

    resumed = {**config, "StartingToken": got["NextToken"]}
    assert fast.full(PaginationConfig=resumed) == boto.once("full", PaginationConfig=resumed)


def test_search(boto, fast):
    expression = "VirtualMFADevices[].SerialNumber"
    expected = boto.once("search", expression, PaginationConfig={"PageSize": 1000})

    assert expected == SERIALS
    assert fast.search(expression, PaginationConfig={"PageSize": 1000}) == expected


def test_search_of_a_non_list_yields_one_value_per_page(boto, fast):
    expected = boto.once("search", "IsTruncated", PaginationConfig={"PageSize": 1000})

    assert expected == [True, True, False]
    assert fast.search("IsTruncated", PaginationConfig={"PageSize": 1000}) == expected


def test_result_key_iters(boto, fast):
    def items(side: Side) -> list[list]:
        iterators = side.paginate(PaginationConfig={"PageSize": 1000}).result_key_iters()
        return [side.drain(iterator) for iterator in iterators]

    expected = items(boto)
    assert len(expected) == 1 and len(expected[0]) == DEVICES
    assert items(fast) == expected


# ---------------------------------------------------------------------------
# list_mfa_devices (moto pages it in one answer, whatever MaxItems says)


def test_list_mfa_devices_pages_and_tokens(boto, fast):
    call = {"UserName": USER}
    expected = boto.once("chain", {"MaxItems": 3}, 10, "list_mfa_devices", **call)
    got = fast.chain({"MaxItems": 3}, 10, "list_mfa_devices", **call)

    # All cut from the one page moto sends: no Marker, a growing truncation.
    assert [decode(walk.token) for walk in expected[:-1]] == [
        {"Marker": None, "boto_truncate_amount": 3},
        {"Marker": None, "boto_truncate_amount": 6},
    ]
    serials = [item["SerialNumber"] for walk in expected for item in walk.items("MFADevices")]
    assert serials == USER_SERIALS
    assert_same_walks(got, expected)


def test_list_mfa_devices_plain_and_full(boto, fast):
    plain = boto.once("walk", "list_mfa_devices", UserName=USER)

    assert_same_walks([fast.walk("list_mfa_devices", UserName=USER)], [plain])
    full = fast.full("list_mfa_devices", UserName=USER)
    assert full == boto.once("full", "list_mfa_devices", UserName=USER)
    assert [device["SerialNumber"] for device in full["MFADevices"]] == USER_SERIALS


# ---------------------------------------------------------------------------
# list_mfa_device_tags on the scripted server: what each library sends


TAG_PAGES = [
    list_mfa_device_tags_reply([("a", "1"), ("b", "2"), ("c", "3")], True, "m1"),
    list_mfa_device_tags_reply([("d", "4"), ("e", "5")], True, "m2"),
    list_mfa_device_tags_reply([("f", "6")], False),
]


def scripted_walk(server, side: Side, *replies, config: dict | None = None) -> tuple:
    """(outcome of one pass, the Marker and MaxItems each request carried)."""
    server.reset()
    # The server repeats its last reply: this one ends a pass that asks for
    # more pages than scripted (one that would otherwise never end).
    server.script(*replies, error_reply("NoSuchEntity", "more requests than replies", 404))
    kwargs = {} if config is None else {"PaginationConfig": config}
    result = outcome(lambda: side.walk("list_mfa_device_tags", **TAGS_CALL, **kwargs))
    sent = [
        {name: request.form[name] for name in ("Marker", "MaxItems") if name in request.form}
        for request in server.requests
    ]
    return result, sent


@pytest.mark.parametrize(
    "config",
    [None, {"PageSize": 3}, {"MaxItems": 4, "PageSize": 3}, {"MaxItems": 5}],
    ids=["plain", "page-size", "cut-mid-page", "cut-at-page-end"],
)
def test_list_mfa_device_tags_pages_and_requests(server, scripted_pair, config):
    boto_side, fast_side = scripted_pair
    expected, boto_sent = scripted_walk(server, boto_side, *TAG_PAGES, config=config)
    got, fast_sent = scripted_walk(server, fast_side, *TAG_PAGES, config=config)

    assert expected[0] == "ok"
    assert fast_sent == boto_sent
    assert got[1].pages == expected[1].pages
    assert got[1].token == expected[1].token


def test_list_mfa_device_tags_resume_sends_the_tokens_marker(server, scripted_pair):
    boto_side, fast_side = scripted_pair
    config = {
        "MaxItems": 4,
        "StartingToken": base64.b64encode(
            json.dumps({"Marker": "m1", "boto_truncate_amount": 1}).encode()
        ).decode(),
    }
    expected, boto_sent = scripted_walk(server, boto_side, *TAG_PAGES[1:], config=config)
    got, fast_sent = scripted_walk(server, fast_side, *TAG_PAGES[1:], config=config)

    assert boto_sent[0] == {"Marker": ["m1"]}
    assert fast_sent == boto_sent
    assert got == expected


@pytest.mark.parametrize(
    ("token", "marker"),
    [("m1", "m1"), ("m1___2", "m1"), ("m1___x", "m1___x"), ("None___1", None)],
    ids=["raw-marker", "old-format", "not-old-format", "old-format-no-marker"],
)
def test_starting_tokens_that_are_not_botocore_tokens(server, scripted_pair, token, marker):
    # botocore's fallback for tokens that are no base64 JSON: "marker___index"
    # (its old format) or else the service's own marker.
    boto_side, fast_side = scripted_pair
    config = {"StartingToken": token}
    expected, boto_sent = scripted_walk(server, boto_side, *TAG_PAGES, config=config)
    got, fast_sent = scripted_walk(server, fast_side, *TAG_PAGES, config=config)

    assert boto_sent[0] == ({} if marker is None else {"Marker": [marker]})
    assert fast_sent == boto_sent
    assert got[1].pages == expected[1].pages


def test_the_same_marker_twice_is_a_pagination_error(server, scripted_pair):
    boto_side, fast_side = scripted_pair
    same = list_mfa_device_tags_reply([("k", "v")], True, "again")
    expected, boto_sent = scripted_walk(server, boto_side, TAG_PAGES[0], same, same)
    got, fast_sent = scripted_walk(server, fast_side, TAG_PAGES[0], same, same)

    assert expected == (
        "PaginationError",
        "Error during pagination: The same next token was received twice: {'Marker': 'again'}",
    )
    assert len(boto_sent) == 3
    assert got == expected
    assert fast_sent == boto_sent


@pytest.mark.parametrize("marker", [None, ""], ids=["no-marker", "empty-marker"])
def test_truncated_without_a_marker_ends_the_pass(server, scripted_pair, marker):
    # IsTruncated true but no Marker (or an empty one, which botocore takes
    # for none): there is no token to send, so the pass ends.
    boto_side, fast_side = scripted_pair
    reply = list_mfa_device_tags_reply([("k", "v")], True, marker)
    expected, boto_sent = scripted_walk(server, boto_side, reply)
    got, fast_sent = scripted_walk(server, fast_side, reply)

    assert len(boto_sent) == 1
    assert fast_sent == boto_sent
    assert got[1].pages == expected[1].pages


def test_service_error_while_paging_is_the_same_error(server, scripted_pair):
    boto_side, fast_side = scripted_pair
    replies = (TAG_PAGES[0], error_reply("NoSuchEntity", "gone", 404))
    expected, boto_sent = scripted_walk(server, boto_side, *replies)
    got, fast_sent = scripted_walk(server, fast_side, *replies)

    assert expected[0] == "NoSuchEntityException"
    assert got == expected
    assert fast_sent == boto_sent


# ---------------------------------------------------------------------------
# PaginationConfig and argument errors


@pytest.mark.parametrize(
    "kwargs",
    [
        {"PaginationConfig": {"MaxItems": "many"}},
        {"PaginationConfig": {"PageSize": "big"}},
        {"PaginationConfig": {"PageSize": None, "MaxItems": None}},
        {"PaginationConfig": None},
        {"PaginationConfig": {"MaxItems": "7"}},
    ],
    ids=["max-items-not-int", "page-size-not-int", "nones", "config-none", "max-items-str"],
)
def test_pagination_config_checked_by_paginate(boto, fast, kwargs):
    # Raised by paginate() itself, before anything is sent.
    def created(side: Side) -> tuple:
        return outcome(lambda: type(side.paginate(**kwargs)).__name__)

    boto_result = created(boto)
    fast_result = created(fast)
    assert fast_result[0] == boto_result[0]
    if boto_result[0] != "ok":  # the page iterators' class names differ
        assert fast_result == boto_result


@pytest.mark.parametrize(
    "kwargs",
    [
        {"PaginationConfig": {"StartingToken": "a___b___c"}},
        {"PaginationConfig": {"StartingToken": 12}},
        {"Bogus": 1},
    ],
    ids=["bad-old-token", "token-not-str", "unknown-parameter"],
)
def test_errors_raised_when_iterating(boto, fast, kwargs):
    expected = outcome(lambda: boto.walk(**kwargs))
    got = outcome(lambda: fast.walk(**kwargs))

    assert expected[0] != "ok"
    assert got == expected


@pytest.mark.parametrize(
    "value",
    [
        {"Marker": "300"},
        {"Marker": "300", "boto_truncate_amount": 4},
        {"Marker": None},
        {"Other": "x"},
        {"Marker": "1", "Other": "x"},
        "eyJNYXJrZXIiOiAiMzAwIn0=",
    ],
)
def test_resume_token_setter(boto, fast, value):
    def set_token(side: Side) -> tuple:
        iterator = side.paginate()

        def assign() -> str | None:
            iterator.resume_token = value
            return iterator.resume_token

        return outcome(assign)

    assert set_token(fast) == set_token(boto)


# ---------------------------------------------------------------------------
# can_paginate, get_paginator


@pytest.mark.parametrize("name", operations.BOTO3_OPERATIONS)
def test_can_paginate(boto, fast, name):
    assert fast.client.can_paginate(name) is boto.client.can_paginate(name)


def test_can_paginate_unknown_name_is_false(fast):
    # boto3 raises KeyError for a name that is no IAM operation; fastiam knows
    # only its own operations and answers False.
    assert fast.client.can_paginate("no_such_operation") is False


def test_get_paginator_of_an_operation_that_does_not_page(boto, fast):
    def error(side: Side) -> BaseException:
        with pytest.raises(Exception) as caught:
            side.client.get_paginator("enable_mfa_device")
        return caught.value

    expected, got = error(boto), error(fast)
    assert type(got).__name__ == type(expected).__name__ == "OperationNotPageableError"
    assert str(got) == str(expected) == "Operation cannot be paginated: enable_mfa_device"
    assert got.kwargs == expected.kwargs
    assert isinstance(got, botocore.exceptions.OperationNotPageableError)
    assert isinstance(got, fastiam.exceptions.BotoCoreError)


def test_get_paginator_of_an_unknown_name(fast):
    with pytest.raises(fastiam.exceptions.OperationNotPageableError) as caught:
        fast.client.get_paginator("no_such_operation")

    assert str(caught.value) == "Operation cannot be paginated: no_such_operation"
    assert isinstance(caught.value, botocore.exceptions.OperationNotPageableError)


@pytest.mark.parametrize("name", PAGEABLE)
def test_paginator_class_name_and_result_keys(boto, fast, name):
    expected = boto.client.get_paginator(name)
    got = fast.client.get_paginator(name)

    assert type(got).__name__ == type(expected).__name__
    assert [key.expression for key in got.result_keys] == [
        key.expression for key in expected.result_keys
    ]
    assert repr(got.result_keys) == repr(expected.result_keys)
    page_iterator = got.paginate()  # nothing is sent until it is iterated
    assert [key.expression for key in page_iterator.result_keys] == [
        key.expression for key in expected.result_keys
    ]
    assert page_iterator.resume_token is None
    assert page_iterator.non_aggregate_part == {}


@pytest.mark.parametrize(
    ("cls", "kwargs", "message"),
    [
        ("PaginationError", {"message": "m"}, "Error during pagination: m"),
        ("OperationNotPageableError", {"operation_name": "x"}, "Operation cannot be paginated: x"),
    ],
)
def test_paging_exceptions_are_botocores(cls, kwargs, message):
    error = getattr(fastiam.exceptions, cls)(**kwargs)

    assert str(error) == str(getattr(botocore.exceptions, cls)(**kwargs)) == message
    assert isinstance(error, getattr(botocore.exceptions, cls))
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is type(error) and copy.kwargs == kwargs and str(copy) == message


# ---------------------------------------------------------------------------
# What only the async paginator has


def test_async_page_iterator_refuses_plain_iteration(server):
    iterator = make_fast("async", server.url).paginate("list_mfa_device_tags", **TAGS_CALL)

    with pytest.raises(TypeError, match="async for"):
        iter(iterator)
    assert server.requests == []


def test_async_pages_are_fetched_as_iterated(server):
    server.script(*TAG_PAGES)
    iterator = make_fast("async", server.url).paginate("list_mfa_device_tags", **TAGS_CALL)

    async def first_page() -> dict:
        async for page in iterator:
            return page
        raise AssertionError("no page")

    page = asyncio.run(first_page())
    assert [tag["Key"] for tag in page["Tags"]] == ["a", "b", "c"]
    assert len(server.requests) == 1


def test_async_result_key_iters_share_one_pass(server):
    server.script(*TAG_PAGES)
    iterator = make_fast("async", server.url).paginate("list_mfa_device_tags", **TAGS_CALL)

    async def main() -> list:
        (tags,) = iterator.result_key_iters()
        return [tag["Key"] async for tag in tags]

    assert asyncio.run(main()) == ["a", "b", "c", "d", "e", "f"]
    assert len(server.requests) == 3


# ---------------------------------------------------------------------------
# Without jmespath (a boto3 dependency, not one of fastiam's)


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_without_jmespath_pages_work_and_search_says_what_is_missing(server, monkeypatch, mode):
    monkeypatch.setitem(sys.modules, "jmespath", None)  # `import jmespath` now fails
    side = make_fast(mode, server.url)

    server.script(*TAG_PAGES)
    walk = side.walk("list_mfa_device_tags", **TAGS_CALL)
    assert [tag["Key"] for tag in walk.items("Tags")] == ["a", "b", "c", "d", "e", "f"]

    server.reset()
    with pytest.raises(ImportError, match="pip install jmespath"):
        side.search("Tags[].Key", "list_mfa_device_tags", **TAGS_CALL)
    assert server.requests == []
