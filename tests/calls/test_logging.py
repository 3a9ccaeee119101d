"""The ``fastiam`` logger: one DEBUG record per attempt (operation, attempt,
status, request id), a WARNING for each attempt that is retried, nothing on
stderr unless the application configures logging, and levels set at any time
counted at once."""

from __future__ import annotations

import asyncio
import logging
import subprocess
import sys
import textwrap

import fastiam
import fastiam.aio
import pytest
from support.scripted_server import Reply, error_reply, success_reply

CALL = {
    "UserName": "alice",
    "SerialNumber": "arn:aws:iam::123456789012:mfa/alice",
    "AuthenticationCode1": "123456",
    "AuthenticationCode2": "654321",
}
RETRIED_THEN_OK = (
    error_reply("ServiceFailure", "boom", 500, type="Receiver"),
    success_reply("req-ok"),
)


def client_for(server, module=fastiam):
    return module.client(
        "iam",
        region_name="us-east-1",
        endpoint_url=server.url,
        aws_access_key_id="AKID",
        aws_secret_access_key="secret",
    )


def fastiam_records(caplog) -> list[logging.LogRecord]:
    return [record for record in caplog.records if record.name == "fastiam"]


def test_one_debug_record_per_attempt_and_a_warning_per_retry(server, caplog):
    server.script(*RETRIED_THEN_OK)
    client = client_for(server)

    with caplog.at_level(logging.DEBUG, logger="fastiam"):
        result = client.enable_mfa_device(**CALL)

    records = fastiam_records(caplog)
    assert result["ResponseMetadata"]["RetryAttempts"] == 1
    assert [(r.levelname, r.attempt, r.status) for r in records] == [
        ("DEBUG", "1", "500"),
        ("WARNING", "1", "500"),
        ("DEBUG", "2", "200"),
    ]
    assert {r.operation for r in records} == {"EnableMFADevice"}
    assert records[-1].request_id == "req-ok"
    assert records[-1].getMessage() == "EnableMFADevice attempt 2: status 200, request id req-ok"
    assert records[1].getMessage() == "EnableMFADevice attempt 1 failed (500); retrying"


def test_an_attempt_without_a_response_is_logged(server, caplog):
    server.script(Reply(close=True), success_reply("req-after-close"))
    client = client_for(server)

    with caplog.at_level(logging.DEBUG, logger="fastiam"):
        client.enable_mfa_device(**CALL)

    assert [(r.levelname, r.status) for r in fastiam_records(caplog)] == [
        ("DEBUG", "no response"),
        ("WARNING", "no response"),
        ("DEBUG", "200"),
    ]


def test_async_calls_log_the_same(server, caplog):
    server.script(*RETRIED_THEN_OK)

    async def main():
        async with client_for(server, fastiam.aio) as client:
            return await client.enable_mfa_device(**CALL)

    with caplog.at_level(logging.DEBUG, logger="fastiam"):
        asyncio.run(main())

    assert [(r.levelname, r.attempt) for r in fastiam_records(caplog)] == [
        ("DEBUG", "1"),
        ("WARNING", "1"),
        ("DEBUG", "2"),
    ]


def test_a_level_set_later_counts_at_once(server, caplog):
    client = client_for(server)
    logger = logging.getLogger("fastiam")
    caplog.set_level(logging.DEBUG, logger="fastiam")  # restored after the test
    logger.setLevel(logging.WARNING)
    client.enable_mfa_device(**CALL)
    assert fastiam_records(caplog) == []

    logger.setLevel(logging.DEBUG)
    client.enable_mfa_device(**CALL)
    assert [r.levelname for r in fastiam_records(caplog)] == ["DEBUG"]

    logger.setLevel(logging.INFO)
    server.script(*RETRIED_THEN_OK)
    client.enable_mfa_device(**CALL)
    assert [r.levelname for r in fastiam_records(caplog)] == ["DEBUG", "WARNING"]


QUIET = """
import logging, sys
import fastiam
iam = fastiam.client("iam", region_name="us-east-1", endpoint_url=sys.argv[1],
                     aws_access_key_id="AKID", aws_secret_access_key="secret")
{configure}
try:
    iam.enable_mfa_device(UserName="alice", SerialNumber="arn:aws:iam::123456789012:mfa/alice",
                          AuthenticationCode1="123456", AuthenticationCode2="654321")
except fastiam.exceptions.ClientError as error:
    print(error.response["ResponseMetadata"]["RetryAttempts"])
"""


@pytest.mark.parametrize(
    ("configure", "expected"),
    [
        ("", ""),
        (
            "logging.basicConfig(format='%(levelname)s %(name)s %(attempt)s')",
            "WARNING fastiam 1\nWARNING fastiam 2\n",
        ),
    ],
    ids=["unconfigured", "basic-config"],
)
def test_quiet_unless_logging_is_configured(server, tmp_path, configure, expected):
    """Retries are WARNINGs, yet an application that has not configured
    logging sees nothing on stderr (the fastiam logger has a NullHandler)."""
    failure = error_reply("ServiceFailure", "boom", 500, type="Receiver")
    server.script(failure, failure, failure)
    script = tmp_path / "quiet.py"
    script.write_text(textwrap.dedent(QUIET.format(configure=configure)))

    result = subprocess.run(
        [sys.executable, str(script), server.url],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout == "2\n"
    assert result.stderr == expected


class BrokenFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        raise RuntimeError("the application's filter broke")


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_an_exception_from_the_applications_logging_is_the_calls(server, mode):
    """A filter that raises makes the call raise it (as a raising filter on
    botocore's loggers would), never a SystemError; the next call works."""
    logger = logging.getLogger("fastiam")
    broken = BrokenFilter()
    old_level = logger.level
    logger.setLevel(logging.DEBUG)
    logger.addFilter(broken)
    try:
        if mode == "sync":
            client = client_for(server)
            with pytest.raises(RuntimeError, match="the application's filter broke"):
                client.enable_mfa_device(**CALL)
        else:

            async def main():
                async with client_for(server, fastiam.aio) as client:
                    await client.enable_mfa_device(**CALL)

            with pytest.raises(RuntimeError, match="the application's filter broke"):
                asyncio.run(main())
    finally:
        logger.removeFilter(broken)
        logger.setLevel(old_level)

    assert client_for(server).enable_mfa_device(**CALL)["ResponseMetadata"]["HTTPStatusCode"] == 200
