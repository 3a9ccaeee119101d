"""fastiam's pytest plugin: fixtures that run fastiam against moto.

Installing fastiam registers this plugin with pytest (the ``pytest11`` entry
point ``fastiam``). Its fixtures need ``moto[server]``
(``pip install 'moto[server]'``); pytest runs that do not use them need
neither moto nor anything else, and the plugin imports nothing at startup.

``fastiam_moto_server``
    Session-scoped: moto's server (``moto.server.ThreadedMotoServer``) on
    127.0.0.1 and a free port, in this process, started on first use and
    stopped at the end of the session. Yields its URL.
``fastiam_moto_endpoint``
    The server's URL for one test. moto's state is wiped after each test
    (``POST {url}/moto-api/reset``), so every test starts from an empty IAM.
``fastiam_iam``
    A ``fastiam.client("iam", ...)`` on that endpoint (region us-east-1,
    credentials ``testing``/``testing``).

``moto.mock_aws`` itself serves fastiam clients (see ``fastiam._moto``), so a
test written for boto3 needs none of these fixtures; they are for code that takes
an endpoint, and for tests that want real HTTP. The server answers from moto's
in-process backends, which ``mock_aws`` serves from too, so the two mix. Mind that
``mock_aws`` wipes those backends when it starts and when it stops, so make
fastiam's calls inside the ``mock_aws`` block (or decorated test)::

    import boto3
    import fastiam.totp
    from moto import mock_aws

    @mock_aws
    def test_enable(fastiam_iam):
        boto3.client("iam", region_name="us-east-1").create_user(UserName="alice")
        device = fastiam_iam.create_virtual_mfa_device(VirtualMFADeviceName="alice")
        ...

The reset is done when a test ends, not when it starts, so state that an
earlier fixture created (with boto3 under a ``mock_aws`` fixture, say) is
still there when the test runs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from collections.abc import Iterator

    from ._native import IAM

__all__ = ["fastiam_iam", "fastiam_moto_endpoint", "fastiam_moto_server"]

_NEEDS_MOTO = (
    "fastiam's moto fixtures need moto's server, which could not be imported ({error}): "
    "pip install 'moto[server]'"
)


def _reset(url: str) -> None:
    """Wipes the state of every moto backend in this process."""
    import urllib.request

    # urllib, not requests (mock_aws intercepts requests' calls), and no
    # proxy from the environment for a server on 127.0.0.1.
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    request = urllib.request.Request(f"{url}/moto-api/reset", method="POST")
    with opener.open(request, timeout=30) as answer:
        answer.read()


@pytest.fixture(scope="session")
def fastiam_moto_server() -> Iterator[str]:
    """moto's server in this process for the whole session; yields its URL.

    Tests share its state: use ``fastiam_moto_endpoint`` or ``fastiam_iam``
    for a clean IAM per test."""
    try:
        from moto.server import ThreadedMotoServer
    except ImportError as error:
        pytest.fail(_NEEDS_MOTO.format(error=error), pytrace=False)
    import logging

    werkzeug = logging.getLogger("werkzeug")
    if werkzeug.level == logging.NOTSET:
        # Not a line per request on stderr (werkzeug's default).
        werkzeug.setLevel(logging.WARNING)
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    try:
        host, port = server.get_host_and_port()
        url = f"http://{host}:{port}"
        _reset(url)  # moto's backends may hold state from earlier tests
        yield url
    finally:
        server.stop()


@pytest.fixture
def fastiam_moto_endpoint(fastiam_moto_server: str) -> Iterator[str]:
    """The URL of moto's server for one test; moto's state is wiped when the test ends."""
    yield fastiam_moto_server
    _reset(fastiam_moto_server)


@pytest.fixture
def fastiam_iam(fastiam_moto_endpoint: str) -> IAM:
    """A fastiam IAM client on moto's server (see ``fastiam_moto_endpoint``)."""
    import fastiam

    return fastiam.client(
        "iam",
        endpoint_url=fastiam_moto_endpoint,
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )
