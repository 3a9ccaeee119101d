"""Shared fixtures: a clean AWS environment, moto and the scripted fake IAM
server on 127.0.0.1, and a ``parity`` helper that runs the same call through a
boto3 client and a fastiam client and compares what each one produced.

Everything talks real HTTP; nothing is mocked.
"""

from __future__ import annotations

import asyncio
import copy
import logging
import os
import signal
import socket
import time
import urllib.request
from dataclasses import dataclass, field
from typing import Any, Callable

import boto3
import botocore.config
import botocore.exceptions
import fastiam
import fastiam.aio
import pytest
from support.scripted_server import Reply, Request, ScriptedServer

# A suite started as a background job of a shell without job control (`cmd &` in
# a script) has SIGINT ignored, and an ignored signal stays ignored across exec:
# the children of the Ctrl-C tests would never get their SIGINT. A handled
# signal is reset to the default in a child, so the suite handles it as Python does.
if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)

OPERATION = "EnableMFADevice"
USER = "alice"
SERIAL = "arn:aws:iam::123456789012:mfa/alice"
CALL = {
    "UserName": USER,
    "SerialNumber": SERIAL,
    "AuthenticationCode1": "123456",
    "AuthenticationCode2": "654321",
}
KEY_ID = "AKIDTEST"
SECRET = "test-secret-key"
REGION = "us-east-1"
ABSENT = "<absent>"


# ---------------------------------------------------------------------------
# Environment


@pytest.fixture(scope="session", autouse=True)
def clean_environment(tmp_path_factory: pytest.TempPathFactory):
    """Nothing from the real machine: no AWS_* variables, no proxies, config and
    credential files that do not exist, no instance metadata; dummy credentials
    and region in the environment (clients also get explicit ones)."""
    missing = tmp_path_factory.mktemp("aws-home") / "does-not-exist"
    with pytest.MonkeyPatch.context() as mp:
        for name in list(os.environ):
            lowered = name.lower()
            if name.startswith("AWS_") or lowered.endswith("_proxy") or lowered == "boto_config":
                mp.delenv(name)
        mp.setenv("AWS_CONFIG_FILE", str(missing / "config"))
        mp.setenv("AWS_SHARED_CREDENTIALS_FILE", str(missing / "credentials"))
        mp.setenv("AWS_EC2_METADATA_DISABLED", "true")
        mp.setenv("AWS_ACCESS_KEY_ID", "AKIDENVIRONMENT")
        mp.setenv("AWS_SECRET_ACCESS_KEY", "environment-secret")
        mp.setenv("AWS_DEFAULT_REGION", REGION)
        mp.setenv("NO_PROXY", "127.0.0.1,localhost")
        yield missing


@pytest.fixture
def no_credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    """No credentials anywhere: environment keys removed, files missing, IMDS off."""
    for name in list(os.environ):
        if name.startswith("AWS_") and name not in (
            "AWS_CONFIG_FILE",
            "AWS_SHARED_CREDENTIALS_FILE",
            "AWS_EC2_METADATA_DISABLED",
            "AWS_DEFAULT_REGION",
        ):
            monkeypatch.delenv(name)
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")


# ---------------------------------------------------------------------------
# Servers


@pytest.fixture(scope="session")
def _moto_url(clean_environment) -> str:
    from moto.server import ThreadedMotoServer

    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


def reset_moto(url: str) -> str:
    request = urllib.request.Request(f"{url}/moto-api/reset", method="POST")
    with urllib.request.urlopen(request, timeout=10) as answer:
        assert answer.status == 200
    return url


@pytest.fixture
def moto_url(_moto_url: str) -> str:
    """moto's URL, with its state reset for this test."""
    return reset_moto(_moto_url)


@pytest.fixture(scope="session")
def _scripted_server() -> ScriptedServer:
    server = ScriptedServer().start()
    yield server
    server.stop()


@pytest.fixture
def server(_scripted_server: ScriptedServer) -> ScriptedServer:
    """The scripted fake IAM, with no script and no recorded requests."""
    _scripted_server.reset()
    yield _scripted_server
    _scripted_server.reset()


@pytest.fixture
def refused_url() -> str:
    """A 127.0.0.1 URL where nothing listens (connection refused)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


# ---------------------------------------------------------------------------
# Running one call through both clients


@dataclass
class Outcome:
    """What one client did for one call."""

    lib: str
    result: dict | None = None
    error: BaseException | None = None
    requests: list[Request] = field(default_factory=list)
    elapsed: float = 0.0
    after: Any = None  # what a post-call check against the server saw

    @property
    def attempts(self) -> int:
        return len(self.requests)

    def __repr__(self) -> str:
        shown = f"{type(self.error).__name__}: {self.error}" if self.error else self.result
        return f"Outcome({self.lib}, {shown!r}, attempts={self.attempts})"


def _metadata_view(metadata: dict, exact: bool) -> dict:
    if exact:
        return dict(metadata)
    view = dict(metadata)
    if "RequestId" in view:  # moto makes a new id per request
        view["RequestId"] = f"<{type(view['RequestId']).__name__}>"
    view["HTTPHeaders"] = sorted(view.get("HTTPHeaders", {}))
    return view


def _response_view(response: Any, exact: bool) -> Any:
    if not isinstance(response, dict):
        return response
    view = dict(response)
    if isinstance(view.get("ResponseMetadata"), dict):
        view["ResponseMetadata"] = _metadata_view(view["ResponseMetadata"], exact)
    return view


def view(outcome: Outcome, exact: bool = True, attempts: bool = True) -> dict:
    """The parts of an outcome that must be identical for boto3 and fastiam."""
    shown: dict[str, Any] = {}
    if attempts:
        shown["attempts"] = outcome.attempts
    if outcome.error is None:
        shown["result"] = _response_view(outcome.result, exact)
        return shown
    error = outcome.error
    shown["class"] = type(error).__name__
    shown["str"] = str(error)
    shown["response"] = _response_view(getattr(error, "response", ABSENT), exact)
    shown["operation_name"] = getattr(error, "operation_name", ABSENT)
    kwargs = getattr(error, "kwargs", None)
    # botocore's ResponseParserError has no kwargs (it is a plain Exception);
    # fastiam's is a BotoCoreError on purpose. `error` holds a library object.
    if kwargs is not None and type(error).__name__ != "ResponseParserError":
        shown["kwargs"] = {k: v for k, v in kwargs.items() if k != "error"}
    return shown


def key_order(value: Any) -> Any:
    """Nested key order of a dict (boto3's dicts are printed and compared by users)."""
    if isinstance(value, dict):
        return [(key, key_order(item)) for key, item in value.items()]
    return None


class Parity:
    """Builds boto3/fastiam client pairs and runs the same call through both."""

    call = CALL
    operation = OPERATION

    def __init__(
        self, server: ScriptedServer, moto_url: Callable[[], str], boto_session, mode: str
    ):
        self.server = server
        self._moto_url = moto_url
        self.boto_session = boto_session
        self.mode = mode
        # Whether the test made (or tried to make) the fastiam client of its
        # mode; the fixture fails the test at teardown if it did not.
        self.used = False

    # -- clients ----------------------------------------------------------
    def client_kwargs(self, endpoint_url: str | None, **overrides: Any) -> dict:
        kwargs = {
            "region_name": REGION,
            "endpoint_url": endpoint_url,
            "aws_access_key_id": KEY_ID,
            "aws_secret_access_key": SECRET,
        }
        kwargs.update(overrides)
        return kwargs

    def boto3_client(self, endpoint_url=None, config=None, session=None, **overrides):
        session = session or self.boto_session
        return session.client(
            "iam",
            config=botocore.config.Config(**copy.deepcopy(config or {})),
            **self.client_kwargs(endpoint_url, **overrides),
        )

    def fastiam_client(self, endpoint_url=None, config=None, **overrides):
        """A fastiam client; in "async" mode a ``fastiam.aio`` client whose calls
        are awaited one event loop per call (see ``AwaitEachCall``)."""
        return self.create_fastiam(
            "iam",
            config=fastiam.Config(**copy.deepcopy(config or {})),
            **self.client_kwargs(endpoint_url, **overrides),
        )

    def create_fastiam(self, *args: Any, **kwargs: Any):
        """``fastiam.client(*args, **kwargs)``, or in "async" mode
        ``fastiam.aio.client(*args, **kwargs)`` in an ``AwaitEachCall``: exactly
        the arguments given (no endpoint, region or keys added), for tests of
        client creation. An error from creating it is raised as it is."""
        self.used = True
        if self.mode == "sync":
            return fastiam.client(*args, **kwargs)
        return AwaitEachCall(fastiam.aio.client(*args, **kwargs))

    def use_mode(self) -> str:
        """The mode, "sync" or "async", for a test that cannot use the clients
        above (one that runs in a child process): it must build and call that
        fastiam client itself."""
        self.used = True
        return self.mode

    def clients(self, endpoint_url=None, config=None, **overrides) -> tuple:
        """(boto3 client, fastiam client) for the same endpoint and Config kwargs."""
        return (
            self.boto3_client(endpoint_url, config, **overrides),
            self.fastiam_client(endpoint_url, config, **overrides),
        )

    # -- calls --------------------------------------------------------------
    @staticmethod
    def invoke(
        lib: str,
        client,
        call: dict | None = None,
        args: tuple = (),
        *,
        operation: str = "enable_mfa_device",
    ) -> Outcome:
        """``client.<operation>(*args, **call)``; ``call`` defaults to ``CALL``
        (enable_mfa_device's arguments), so give it for any other operation."""
        outcome = Outcome(lib)
        start = time.monotonic()
        try:
            method = getattr(client, operation)
            outcome.result = method(*args, **(CALL if call is None else call))
        except Exception as error:  # noqa: BLE001 - the error is the outcome
            outcome.error = error
        outcome.elapsed = time.monotonic() - start
        return outcome

    def scripted(
        self,
        *replies: Reply,
        call: dict | None = None,
        config: dict | None = None,
        endpoint_url: str | None = None,
        session=None,
        operation: str = "enable_mfa_device",
        **overrides: Any,
    ) -> tuple[Outcome, Outcome]:
        """The call (``operation``, a client method name) through boto3, then
        fastiam, each against a fresh copy of the script; each outcome records
        the requests the server received.
        ``session``: the boto3 session to use (default: the shared one)."""
        outcomes = []
        url = endpoint_url or self.server.url
        makers = (
            ("boto3", lambda *a, **k: self.boto3_client(*a, session=session, **k)),
            ("fastiam", self.fastiam_client),
        )
        for lib, make in makers:
            client = make(url, config, **overrides)
            self.server.reset()
            self.server.script(*replies)
            outcome = self.invoke(lib, client, call, operation=operation)
            outcome.requests = self.server.requests
            outcomes.append(outcome)
        self.server.reset()
        return outcomes[0], outcomes[1]

    def moto(
        self,
        setup: Callable[[Any], None] | None = None,
        check: Callable[[Any], Any] | None = None,
        call: dict | None = None,
        config: dict | None = None,
        *,
        operation: str = "enable_mfa_device",
    ) -> tuple[Outcome, Outcome]:
        """The call (``operation``, a client method name) through boto3, then
        fastiam, each on moto after a reset and the same ``setup(admin_client)``;
        ``check(admin_client)`` runs after each call."""
        outcomes = []
        for lib, make in (("boto3", self.boto3_client), ("fastiam", self.fastiam_client)):
            url = self._moto_url()  # resets moto
            admin = self.boto3_client(url)
            if setup is not None:
                setup(admin)
            outcome = self.invoke(lib, make(url, config), call, operation=operation)
            if check is not None:
                outcome.after = check(admin)
            outcomes.append(outcome)
        return outcomes[0], outcomes[1]

    # -- comparison -----------------------------------------------------------
    @staticmethod
    def assert_same(boto: Outcome, fast: Outcome, exact: bool = True, attempts: bool = True):
        """fastiam's outcome equals boto3's: class name, str, response/result
        (key order included), operation name, kwargs, attempts; and fastiam's
        error is caught by every botocore/builtin class that catches boto3's."""
        assert view(fast, exact, attempts) == view(boto, exact, attempts)
        if boto.error is None:
            assert key_order(fast.result) == key_order(boto.result)
            return
        boto_response = getattr(boto.error, "response", None)
        if isinstance(boto_response, dict):
            assert key_order(fast.error.response) == key_order(boto_response)
        for cls in type(boto.error).__mro__:
            if cls.__module__ in ("botocore.errorfactory", "botocore.parsers"):
                continue  # per-client generated classes / parser internals: see own tests
            assert isinstance(fast.error, cls), f"fastiam's error is not a {cls!r}"
        if isinstance(boto.error, botocore.exceptions.ClientError):
            assert type(fast.error) is fast_exceptions_from_code(boto.error)


def fast_exceptions_from_code(boto_error) -> type:
    code = boto_error.response.get("Error", {}).get("Code")
    return fastiam.exceptions.IAM_EXCEPTIONS.from_code(code)


@pytest.fixture(scope="session")
def boto_session(clean_environment):
    """One boto3 session for the whole run: its loaded service model makes new
    clients cheap. Tests that change the environment use their own session."""
    return boto3.session.Session()


class AwaitEachCall:
    """A ``fastiam.aio`` client driven like a sync one: each call is awaited in
    its own ``asyncio.run``, so every parity case also runs through the async
    client (and through many event loops over the session)."""

    def __init__(self, client: fastiam.aio.AsyncIAM):
        self._client = client
        self.__wrapped__ = client  # the client itself, for tests that inspect it

    def __getattr__(self, name: str) -> Any:
        attribute = getattr(self._client, name)
        if not name.startswith("_") and callable(attribute) and not isinstance(attribute, type):

            async def awaited(*args: Any, **kwargs: Any) -> Any:
                return await attribute(*args, **kwargs)

            return lambda *args, **kwargs: asyncio.run(awaited(*args, **kwargs))
        return attribute


@pytest.fixture(params=["sync", "async"])
def parity(server: ScriptedServer, request: pytest.FixtureRequest, boto_session) -> Parity:
    """Every parity case runs against fastiam's sync client and its async client.

    A test that takes the fixture must make the client of its mode, through
    ``fastiam_client``, ``create_fastiam``, ``clients``, ``scripted``, ``moto``
    (or build it as ``use_mode()`` says): one that never did fails at
    teardown, so that its [async] case cannot pass on the sync client alone.
    A test of the sync client only does not take the fixture."""
    # moto starts only when a test first needs it, and is reset for each use.
    parity = Parity(
        server,
        lambda: reset_moto(request.getfixturevalue("_moto_url")),
        boto_session,
        request.param,
    )
    yield parity
    if not parity.used:
        pytest.fail(
            f"{request.node.nodeid} takes the parity fixture but never made its "
            f"{request.param} fastiam client (Parity.fastiam_client, create_fastiam, "
            "clients, scripted, moto or use_mode); a sync-only test does not take it",
            pytrace=False,
        )


@pytest.fixture
def client_pair(parity: Parity) -> Callable[..., tuple]:
    """``client_pair(endpoint_url=None, config=None, **client_kwargs)`` ->
    (boto3 client, fastiam client); the endpoint defaults to the scripted server."""

    def make(endpoint_url: str | None = None, config: dict | None = None, **overrides: Any):
        return parity.clients(endpoint_url or parity.server.url, config, **overrides)

    return make


# ---------------------------------------------------------------------------
# Configuration parity (tests/config/test_config_*.py): files, TLS, proxy, credential
# sources. Helpers live in tests/support/: config_helpers.py, tls_server.py, proxy_server.py
# and fake_metadata.py.


@pytest.fixture
def aws_files(tmp_path, monkeypatch: pytest.MonkeyPatch):
    """A temporary HOME whose ~/.aws/config and ~/.aws/credentials (not yet
    written) AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE point at."""
    from support.config_helpers import AwsFiles

    files = AwsFiles(tmp_path / "home")
    (files.home / ".aws").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(files.home))
    monkeypatch.setenv("AWS_CONFIG_FILE", str(files.config))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(files.credentials))
    return files


@pytest.fixture
def no_env_keys(monkeypatch: pytest.MonkeyPatch) -> None:
    """No credentials in the environment (the files and IMDS stay as they are)."""
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(scope="session")
def tls_certificates(tmp_path_factory: pytest.TempPathFactory):
    """A throw-away CA (``.ca``) and a server certificate it signed, for
    127.0.0.1, localhost and the IAM host names."""
    from support.tls_server import make_certificates

    return make_certificates(tmp_path_factory.mktemp("tls"))


@pytest.fixture(scope="session")
def _tls_server(tls_certificates):
    from support.tls_server import TLSScriptedServer

    server = TLSScriptedServer(tls_certificates).start()
    yield server
    server.stop()


@pytest.fixture
def tls_server(_tls_server):
    """The scripted fake IAM behind TLS (``https://127.0.0.1:PORT``)."""
    _tls_server.reset()
    _tls_server.reset_handshake_failures()
    yield _tls_server
    _tls_server.reset()


@pytest.fixture
def proxy():
    """A recording forward proxy on 127.0.0.1 (only local targets, or ``routes``)."""
    from support.proxy_server import ProxyServer

    with ProxyServer() as running:
        yield running


@pytest.fixture
def credential_server():
    """Fake IMDSv2 + container credentials + STS AssumeRole on 127.0.0.1."""
    from support.fake_metadata import FakeCredentialServer

    with FakeCredentialServer() as running:
        yield running


# Plain asserts in the config-test helper module show their diffs too.
pytest.register_assert_rewrite("config_helpers")


@pytest.fixture(scope="module")
def _counting_server():
    """tests/support/counting_server.py in its own process, one per test module."""
    from support.counting_server import CountingServer

    with CountingServer() as server:
        yield server


@pytest.fixture
def counting(_counting_server):
    _counting_server.reset()
    return _counting_server
