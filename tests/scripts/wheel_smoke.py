"""Smoke check for an installed fastiam wheel (run by .ci/wheel-smoke and the wheels workflow).

Not a pytest module: run it as ``python tests/scripts/wheel_smoke.py`` in a venv where the wheel,
boto3 and moto[server] are installed, from a directory where the checkout's ``python/``
is not importable. It starts moto's IAM in this process, then drives the virtual MFA
device lifecycle with the sync client and with ``fastiam.aio``, and checks that
``fastiam`` was imported from site-packages. One line per check; exit status 1 if any
check failed.
"""

from __future__ import annotations

import asyncio
import logging
import site
import sys
import sysconfig
import traceback
from importlib import metadata
from pathlib import Path

CREDENTIALS = {
    "region_name": "us-east-1",
    "aws_access_key_id": "AKIDEXAMPLE",
    "aws_secret_access_key": "example-secret",
}
SOURCE_TREE = Path(__file__).resolve().parents[2]

failures = 0


def check(name: str, fn, *args):
    """Runs ``fn(*args)``; prints ``ok``/``FAIL`` and what it returned or raised."""
    global failures
    try:
        detail = fn(*args)
    except Exception as error:  # noqa: BLE001 - a smoke check reports every failure
        failures += 1
        print(f"FAIL  {name}: {type(error).__name__}: {error}", flush=True)
        traceback.print_exc(limit=3)
        return None
    print(f"ok    {name}" + (f": {detail}" if isinstance(detail, str) else ""), flush=True)
    return detail


def site_packages_dirs() -> list[Path]:
    dirs = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    dirs.update(site.getsitepackages())
    return [Path(d).resolve() for d in dirs]


def check_installed_copy() -> str:
    import fastiam
    import fastiam._native

    module = Path(fastiam.__file__).resolve()
    native = Path(fastiam._native.__file__).resolve()
    assert not module.is_relative_to(SOURCE_TREE), f"{module} is the source tree's copy"
    assert any(module.is_relative_to(d) for d in site_packages_dirs()), (
        f"{module} is not in site-packages {site_packages_dirs()}"
    )
    assert native.parent == module.parent, f"native module {native} is not beside {module}"
    for name in ("py.typed", "aio.pyi", "paginate/__init__.pyi"):
        assert (module.parent / name).exists(), f"{module.parent / name} missing"
    # Test hooks are built only with the test-hooks cargo feature, never into a wheel.
    assert not hasattr(fastiam._native, "_panic_on_runtime"), "the wheel ships a test hook"
    installed = metadata.version("fastiam")
    assert installed == fastiam.__version__, f"{installed} != {fastiam.__version__}"
    return f"fastiam {installed} from {module} (native {native.name})"


def serials(devices: list[dict]) -> list[str]:
    return [d["SerialNumber"] for d in devices]


def sync_lifecycle(endpoint: str) -> None:
    import botocore.exceptions
    import fastiam
    import fastiam.exceptions

    iam = fastiam.client("iam", endpoint_url=endpoint, **CREDENTIALS)
    device = check(
        "sync create_virtual_mfa_device",
        lambda: iam.create_virtual_mfa_device(VirtualMFADeviceName="alice-phone")[
            "VirtualMFADevice"
        ],
    )
    if device is None:
        return
    serial, seed = device["SerialNumber"], device["Base32StringSeed"]
    print(f"      serial {serial}, seed {type(seed).__name__} of {len(seed)}")

    def enable():
        result = iam.enable_virtual_mfa_device(
            UserName="alice", SerialNumber=serial, Base32StringSeed=seed
        )
        assert result["ResponseMetadata"]["HTTPStatusCode"] == 200, result
        return f"HTTP {result['ResponseMetadata']['HTTPStatusCode']}"

    check("sync enable_virtual_mfa_device", enable)

    def listed():
        found = iam.list_mfa_devices(UserName="alice")["MFADevices"]
        assert serials(found) == [serial], found
        assert found[0]["EnableDate"].tzinfo is not None, found
        return f"{serials(found)}"

    check("sync list_mfa_devices", listed)

    def paginated():
        pages = list(iam.get_paginator("list_mfa_devices").paginate(UserName="alice"))
        assert [serials(p["MFADevices"]) for p in pages] == [[serial]], pages
        return f"{len(pages)} page"

    check("sync list_mfa_devices paginator", paginated)

    def missing_user():
        iam.list_mfa_devices(UserName="nobody")

    def caught_as(cls):
        def run():
            try:
                missing_user()
            except cls as error:
                code = error.response["Error"]["Code"]
                assert code == "NoSuchEntity", error.response
                return f"{type(error).__module__}.{type(error).__name__} ({code})"
            raise AssertionError("no error raised")

        return run

    check(
        "sync NoSuchEntity as fastiam.exceptions.NoSuchEntityException",
        caught_as(fastiam.exceptions.NoSuchEntityException),
    )
    check(
        "sync NoSuchEntity as botocore.exceptions.ClientError",
        caught_as(botocore.exceptions.ClientError),
    )
    check(
        "sync NoSuchEntity as iam.exceptions.NoSuchEntityException",
        caught_as(iam.exceptions.NoSuchEntityException),
    )

    def cleanup():
        iam.deactivate_mfa_device(UserName="alice", SerialNumber=serial)
        iam.delete_virtual_mfa_device(SerialNumber=serial)
        assert serial not in serials(iam.list_virtual_mfa_devices()["VirtualMFADevices"])

    check("sync deactivate_mfa_device + delete_virtual_mfa_device", cleanup)


async def async_lifecycle(endpoint: str) -> None:
    import botocore.exceptions
    import fastiam.aio
    import fastiam.exceptions
    from fastiam import totp

    async def acheck(name: str, fn):
        """``check`` for a coroutine function: awaits it here, reports through ``check``."""
        try:
            result, error = await fn(), None
        except Exception as raised:  # noqa: BLE001
            result, error = None, raised

        def report():
            if error is not None:
                raise error
            return result

        return check(name, report)

    async with fastiam.aio.client("iam", endpoint_url=endpoint, **CREDENTIALS) as iam:

        async def create():
            response = await iam.create_virtual_mfa_device(VirtualMFADeviceName="bob-phone")
            return response["VirtualMFADevice"]

        device = await acheck("aio create_virtual_mfa_device", create)
        if device is None:
            return
        serial, seed = device["SerialNumber"], device["Base32StringSeed"]

        def pair():
            code1, code2 = totp.pair(seed)
            assert all(c.isdigit() and len(c) == 6 for c in (code1, code2)), (code1, code2)
            return code1, code2

        codes = check("totp.pair", pair)
        if codes is None:
            return

        async def enable():
            result = await iam.enable_mfa_device(
                UserName="bob",
                SerialNumber=serial,
                AuthenticationCode1=codes[0],
                AuthenticationCode2=codes[1],
            )
            assert result["ResponseMetadata"]["HTTPStatusCode"] == 200, result
            return "HTTP 200"

        await acheck("aio enable_mfa_device (totp.pair)", enable)

        async def listed():
            found = (await iam.list_mfa_devices(UserName="bob"))["MFADevices"]
            assert serials(found) == [serial], found
            return f"{serials(found)}"

        await acheck("aio list_mfa_devices", listed)

        def caught_as(cls):
            async def run():
                try:
                    await iam.list_mfa_devices(UserName="nobody")
                except cls as error:
                    code = error.response["Error"]["Code"]
                    assert code == "NoSuchEntity", error.response
                    return f"{type(error).__module__}.{type(error).__name__} ({code})"
                raise AssertionError("no error raised")

            return run

        await acheck(
            "aio NoSuchEntity as fastiam.exceptions.NoSuchEntityException",
            caught_as(fastiam.exceptions.NoSuchEntityException),
        )
        await acheck(
            "aio NoSuchEntity as botocore.exceptions.ClientError",
            caught_as(botocore.exceptions.ClientError),
        )

        async def cleanup():
            await iam.deactivate_mfa_device(UserName="bob", SerialNumber=serial)
            await iam.delete_virtual_mfa_device(SerialNumber=serial)
            left = (await iam.list_virtual_mfa_devices())["VirtualMFADevices"]
            assert serial not in serials(left), left

        await acheck("aio deactivate_mfa_device + delete_virtual_mfa_device", cleanup)


def main() -> int:
    print(f"python {sys.version.split()[0]} at {sys.executable}")
    installed = check("fastiam imported from site-packages", check_installed_copy)

    import boto3
    from moto.server import ThreadedMotoServer

    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # moto's per-request access log
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0)
    server.start()
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    try:
        users = boto3.client("iam", endpoint_url=endpoint, **CREDENTIALS)
        for user in ("alice", "bob"):
            users.create_user(UserName=user)
        sync_lifecycle(endpoint)
        asyncio.run(async_lifecycle(endpoint))
    finally:
        server.stop()

    if installed is None:
        print("(fastiam was not imported from an installed wheel)")
    print("wheel smoke: " + ("all checks passed" if not failures else f"{failures} FAILED"))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
