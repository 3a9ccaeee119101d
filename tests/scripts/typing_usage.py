"""fastiam as a type-checked user sees it: ``mypy --strict`` must accept this
file (tests/tools/test_typing.py runs it). It is never run, nor collected by pytest.

Every public name is used here. ``assert_type`` pins the key types; each
``# type: ignore[code]`` marks a call that must stay an error (strict mypy
reports an ignore that is no longer needed, so a stub that turned lenient fails).
"""

from __future__ import annotations

import asyncio
from datetime import datetime, timezone
from typing import Any

import fastiam
import fastiam.aio
import fastiam.exceptions
import fastiam.stub
import fastiam.totp
from fastiam.type_defs import (
    AssignmentStatusTypeType,
    AttachedPermissionsBoundaryTypeDef,
    ClientErrorResponseErrorTypeDef,
    ClientErrorResponseMetadataTypeDef,
    ClientErrorResponseTypeDef,
    CreateVirtualMFADeviceRequestTypeDef,
    CreateVirtualMFADeviceResponseTypeDef,
    DeactivateMFADeviceRequestTypeDef,
    DeleteVirtualMFADeviceRequestTypeDef,
    EmptyResponseMetadataTypeDef,
    EnableMFADeviceRequestTypeDef,
    EnableVirtualMFADeviceRequestTypeDef,
    GetMFADeviceRequestTypeDef,
    GetMFADeviceResponseTypeDef,
    ListMFADevicesRequestPaginateTypeDef,
    ListMFADevicesRequestTypeDef,
    ListMFADevicesResponseTypeDef,
    ListMFADeviceTagsRequestPaginateTypeDef,
    ListMFADeviceTagsRequestTypeDef,
    ListMFADeviceTagsResponseTypeDef,
    ListVirtualMFADevicesRequestPaginateTypeDef,
    ListVirtualMFADevicesRequestTypeDef,
    ListVirtualMFADevicesResponseTypeDef,
    MFADeviceTypeDef,
    PaginatorConfigTypeDef,
    PolicyDocumentDictTypeDef,
    PolicyDocumentStatementTypeDef,
    PolicyDocumentTypeDef,
    ResponseMetadataTypeDef,
    ResyncMFADeviceRequestTypeDef,
    ResyncVirtualMFADeviceRequestTypeDef,
    Seed,
    TagMFADeviceRequestTypeDef,
    TagTypeDef,
    UntagMFADeviceRequestTypeDef,
    UserTypeDef,
    VirtualMFADeviceTypeDef,
    WaiterConfigTypeDef,
)
from typing_extensions import assert_type

USER = "alice"
SERIAL = "arn:aws:iam::123456789012:mfa/alice"
SEED: Seed = b"GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
TAGS: list[TagTypeDef] = [{"Key": "team", "Value": "payments"}]

# The requests, as TypedDicts to pass with **.
ENABLE: EnableMFADeviceRequestTypeDef = {
    "UserName": USER,
    "SerialNumber": SERIAL,
    "AuthenticationCode1": "123456",
    "AuthenticationCode2": "654321",
}
RESYNC: ResyncMFADeviceRequestTypeDef = {**ENABLE}
CREATE: CreateVirtualMFADeviceRequestTypeDef = {"VirtualMFADeviceName": "alice", "Tags": TAGS}
DEACTIVATE: DeactivateMFADeviceRequestTypeDef = {"SerialNumber": SERIAL, "UserName": USER}
DELETE: DeleteVirtualMFADeviceRequestTypeDef = {"SerialNumber": SERIAL}
GET: GetMFADeviceRequestTypeDef = {"SerialNumber": SERIAL}
LIST_TAGS: ListMFADeviceTagsRequestTypeDef = {"SerialNumber": SERIAL, "MaxItems": 10}
LIST: ListMFADevicesRequestTypeDef = {"UserName": USER, "Marker": "m"}
ASSIGNED: AssignmentStatusTypeType = "Assigned"
LIST_VIRTUAL: ListVirtualMFADevicesRequestTypeDef = {"AssignmentStatus": ASSIGNED}
TAG: TagMFADeviceRequestTypeDef = {"SerialNumber": SERIAL, "Tags": TAGS}
UNTAG: UntagMFADeviceRequestTypeDef = {"SerialNumber": SERIAL, "TagKeys": ["team"]}
ENABLE_VIRTUAL: EnableVirtualMFADeviceRequestTypeDef = {
    "UserName": USER,
    "SerialNumber": SERIAL,
    "Base32StringSeed": SEED,
}
RESYNC_VIRTUAL: ResyncVirtualMFADeviceRequestTypeDef = {**ENABLE_VIRTUAL}
PAGING: PaginatorConfigTypeDef = {"MaxItems": 100, "PageSize": 10}
PAGINATE: ListMFADevicesRequestPaginateTypeDef = {"UserName": USER, "PaginationConfig": PAGING}
PAGINATE_TAGS: ListMFADeviceTagsRequestPaginateTypeDef = {"SerialNumber": SERIAL}
PAGINATE_VIRTUAL: ListVirtualMFADevicesRequestPaginateTypeDef = {"AssignmentStatus": "Any"}


def clients() -> fastiam.IAM:
    config = fastiam.Config(region_name="us-east-1", retries={"mode": "standard"})
    assert_type(config.retries, "dict[str, Any] | None")
    assert_type(config.merge(fastiam.Config(read_timeout=5)), fastiam.Config)
    iam = fastiam.client("iam", region_name="eu-west-1", config=config)
    assert_type(iam, fastiam.IAM)
    session = fastiam.Session(profile_name="dev", region_name="us-east-1")
    assert_type(session.client("iam", endpoint_url="http://localhost:5000"), fastiam.IAM)
    assert_type(session.region_name, "str | None")
    assert_type(session.get_available_services(), list[str])
    # boto3's resources are untyped: resource() is Any, as boto3.resource() is.
    assert_type(fastiam.resource("iam", region_name="eu-west-1", config=config), Any)
    assert_type(session.resource("iam", endpoint_url="http://localhost:5000"), Any)
    assert_type(session.get_available_resources(), list[str])
    fastiam.resource("iam", aws_account_id=None)  # type: ignore[call-arg]
    assert_type(iam.meta.region_name, "str | None")
    assert_type(iam.meta.endpoint_url, str)
    assert_type(iam.meta.config, fastiam.Config)
    fastiam.client(service_name="iam", verify=False, use_ssl=True, aws_account_id=None)
    fastiam.client("iam", region=1)  # type: ignore[call-arg]
    fastiam.no_such_name  # type: ignore[attr-defined]  # noqa: B018
    return iam


def module_function() -> None:
    assert_type(
        fastiam.enable_mfa_device(
            UserName=USER, SerialNumber=SERIAL, AuthenticationCode1="1", AuthenticationCode2="2"
        ),
        EmptyResponseMetadataTypeDef,
    )
    assert_type(fastiam.enable_mfa_device(**ENABLE), EmptyResponseMetadataTypeDef)
    fastiam.enable_mfa_device(UserName=USER)  # type: ignore[call-overload]


def sync_calls(iam: fastiam.IAM) -> None:
    """Each operation with its arguments spelled out, then with **request."""
    created = iam.create_virtual_mfa_device(VirtualMFADeviceName="alice", Path="/", Tags=TAGS)
    assert_type(created, CreateVirtualMFADeviceResponseTypeDef)
    assert_type(iam.create_virtual_mfa_device(**CREATE), CreateVirtualMFADeviceResponseTypeDef)
    device: VirtualMFADeviceTypeDef = created["VirtualMFADevice"]
    assert_type(device["SerialNumber"], str)
    assert_type(device["Base32StringSeed"], bytes)
    assert_type(device.get("QRCodePNG"), "bytes | None")
    assert_type(device.get("EnableDate"), "datetime | None")
    user: UserTypeDef = device["User"]
    assert_type(user["CreateDate"], datetime)
    boundary: AttachedPermissionsBoundaryTypeDef = user.get("PermissionsBoundary", {})
    assert_type(boundary.get("PermissionsBoundaryArn"), "str | None")

    assert_type(iam.deactivate_mfa_device(SerialNumber=SERIAL), EmptyResponseMetadataTypeDef)
    assert_type(
        iam.deactivate_mfa_device(SerialNumber=SERIAL, UserName=USER), EmptyResponseMetadataTypeDef
    )
    assert_type(iam.deactivate_mfa_device(**DEACTIVATE), EmptyResponseMetadataTypeDef)

    assert_type(iam.delete_virtual_mfa_device(SerialNumber=SERIAL), EmptyResponseMetadataTypeDef)
    assert_type(iam.delete_virtual_mfa_device(**DELETE), EmptyResponseMetadataTypeDef)

    enabled = iam.enable_mfa_device(
        UserName=USER,
        SerialNumber=SERIAL,
        AuthenticationCode1="123456",
        AuthenticationCode2="654321",
    )
    assert_type(enabled, EmptyResponseMetadataTypeDef)
    metadata: ResponseMetadataTypeDef = enabled["ResponseMetadata"]
    assert_type(metadata["HTTPStatusCode"], int)
    assert_type(metadata["RequestId"], str)
    assert_type(metadata["HTTPHeaders"], dict[str, str])
    assert_type(iam.enable_mfa_device(**ENABLE), EmptyResponseMetadataTypeDef)

    got = iam.get_mfa_device(SerialNumber=SERIAL, UserName=USER)
    assert_type(got, GetMFADeviceResponseTypeDef)
    assert_type(got["EnableDate"], datetime)
    assert_type(got["Certifications"], dict[str, str])
    assert_type(iam.get_mfa_device(**GET), GetMFADeviceResponseTypeDef)

    tags = iam.list_mfa_device_tags(SerialNumber=SERIAL, Marker="m", MaxItems=5)
    assert_type(tags, ListMFADeviceTagsResponseTypeDef)
    assert_type(tags["Tags"][0]["Value"], str)
    assert_type(iam.list_mfa_device_tags(**LIST_TAGS), ListMFADeviceTagsResponseTypeDef)

    result = iam.list_mfa_devices(UserName=USER, MaxItems=10)
    assert_type(result, ListMFADevicesResponseTypeDef)
    first: MFADeviceTypeDef = result["MFADevices"][0]
    assert_type(first, MFADeviceTypeDef)
    assert_type(result["MFADevices"][0]["EnableDate"], datetime)
    assert_type(result["IsTruncated"], bool)
    assert_type(iam.list_mfa_devices(), ListMFADevicesResponseTypeDef)
    assert_type(iam.list_mfa_devices(**LIST), ListMFADevicesResponseTypeDef)

    virtual = iam.list_virtual_mfa_devices(AssignmentStatus="Unassigned", MaxItems=1)
    assert_type(virtual, ListVirtualMFADevicesResponseTypeDef)
    assert_type(virtual["VirtualMFADevices"][0]["SerialNumber"], str)
    assert_type(iam.list_virtual_mfa_devices(**LIST_VIRTUAL), ListVirtualMFADevicesResponseTypeDef)

    assert_type(
        iam.resync_mfa_device(
            UserName=USER, SerialNumber=SERIAL, AuthenticationCode1="1", AuthenticationCode2="2"
        ),
        EmptyResponseMetadataTypeDef,
    )
    assert_type(iam.resync_mfa_device(**RESYNC), EmptyResponseMetadataTypeDef)

    assert_type(iam.tag_mfa_device(SerialNumber=SERIAL, Tags=TAGS), EmptyResponseMetadataTypeDef)
    assert_type(iam.tag_mfa_device(**TAG), EmptyResponseMetadataTypeDef)

    assert_type(
        iam.untag_mfa_device(SerialNumber=SERIAL, TagKeys=("team",)), EmptyResponseMetadataTypeDef
    )
    assert_type(iam.untag_mfa_device(**UNTAG), EmptyResponseMetadataTypeDef)

    assert_type(
        iam.enable_virtual_mfa_device(UserName=USER, SerialNumber=SERIAL, Base32StringSeed="ABC"),
        EmptyResponseMetadataTypeDef,
    )
    assert_type(iam.enable_virtual_mfa_device(**ENABLE_VIRTUAL), EmptyResponseMetadataTypeDef)
    assert_type(
        iam.resync_virtual_mfa_device(UserName=USER, SerialNumber=SERIAL, Base32StringSeed=b"AB"),
        EmptyResponseMetadataTypeDef,
    )
    assert_type(iam.resync_virtual_mfa_device(**RESYNC_VIRTUAL), EmptyResponseMetadataTypeDef)


def wrong_calls(iam: fastiam.IAM) -> None:
    """Calls that must stay type errors."""
    iam.enable_mfa_device(USER, SERIAL, "1", "2")  # type: ignore[call-overload]
    iam.enable_mfa_device(UserName=USER, SerialNumber=SERIAL)  # type: ignore[call-overload]
    iam.enable_mfa_device(**ENABLE, MaxItems=1)  # type: ignore[call-overload]
    iam.list_virtual_mfa_devices(AssignmentStatus="Some")  # type: ignore[call-overload]
    iam.tag_mfa_device(SerialNumber=SERIAL, Tags=[{"Key": "k"}])  # type: ignore[typeddict-item]
    iam.get_paginator("enable_mfa_device")  # type: ignore[call-overload]
    iam.list_mfa_devices()["NoSuchKey"]  # type: ignore[typeddict-item]
    iam.exceptions.NoSuchThingException  # type: ignore[attr-defined]  # noqa: B018


def paginators(iam: fastiam.IAM) -> None:
    assert_type(iam.can_paginate("list_mfa_devices"), bool)
    paginator = iam.get_paginator("list_mfa_devices")
    for page in paginator.paginate(UserName=USER, PaginationConfig={"PageSize": 10}):
        assert_type(page, ListMFADevicesResponseTypeDef)
        assert_type(page["MFADevices"][0]["EnableDate"], datetime)
    pages = paginator.paginate(**PAGINATE)
    assert_type(pages.build_full_result(), dict[str, Any])
    assert_type(pages.resume_token, "str | None")
    for tags_page in iam.get_paginator("list_mfa_device_tags").paginate(**PAGINATE_TAGS):
        assert_type(tags_page["Tags"], list[TagTypeDef])
    virtual = iam.get_paginator("list_virtual_mfa_devices").paginate(**PAGINATE_VIRTUAL)
    for virtual_page in virtual:
        assert_type(virtual_page, ListVirtualMFADevicesResponseTypeDef)
    paginator.paginate(UserName=1)  # type: ignore[arg-type]


def waiters(iam: fastiam.IAM) -> None:
    assert_type(iam.waiter_names, list[str])
    waiter = iam.get_waiter("user_exists")
    assert_type(waiter.name, str)
    config: WaiterConfigTypeDef = {"Delay": 1, "MaxAttempts": 5}
    try:
        assert_type(waiter.wait(UserName=USER, WaiterConfig=config), None)
    except fastiam.exceptions.WaiterError as error:
        print(error.last_response)
    iam.get_waiter("role_exists").wait(RoleName="deployer")
    iam.get_waiter("user_exists").wait(RoleName="deployer")  # type: ignore[call-arg]
    iam.get_waiter("user_exist")  # type: ignore[call-overload]


def policy_documents(iam: fastiam.IAM) -> None:
    """botocore decodes a result's policy document: the JSON, or the text if it is none."""
    document: PolicyDocumentTypeDef = iam.get_role_policy(RoleName="r", PolicyName="p")[
        "PolicyDocument"
    ]
    if isinstance(document, str):
        assert_type(document, str)
    else:
        assert_type(document, PolicyDocumentDictTypeDef)
        statement: PolicyDocumentStatementTypeDef = document["Statement"][0]
        assert_type(statement["Action"], "str | list[str]")
    role = iam.get_role(RoleName="r")["Role"]
    assert_type(role.get("AssumeRolePolicyDocument"), "PolicyDocumentTypeDef | None")


async def async_calls() -> None:
    async with fastiam.aio.client("iam", region_name="us-east-1") as iam:
        assert_type(iam, fastiam.aio.AsyncIAM)
        enabled = await iam.enable_mfa_device(
            UserName=USER, SerialNumber=SERIAL, AuthenticationCode1="1", AuthenticationCode2="2"
        )
        assert_type(enabled, EmptyResponseMetadataTypeDef)
        assert_type(await iam.enable_mfa_device(**ENABLE), EmptyResponseMetadataTypeDef)
        # A coroutine, as aiobotocore's: tasks take it as it is.
        task = asyncio.create_task(iam.list_mfa_devices(UserName=USER))
        assert_type(await task, ListMFADevicesResponseTypeDef)
        listed = await iam.list_mfa_devices(**LIST)
        assert_type(listed["MFADevices"][0]["EnableDate"], datetime)

        assert_type(
            await iam.create_virtual_mfa_device(VirtualMFADeviceName="alice"),
            CreateVirtualMFADeviceResponseTypeDef,
        )
        assert_type(
            await iam.create_virtual_mfa_device(**CREATE), CreateVirtualMFADeviceResponseTypeDef
        )
        await iam.deactivate_mfa_device(SerialNumber=SERIAL, UserName=USER)
        await iam.deactivate_mfa_device(**DEACTIVATE)
        await iam.delete_virtual_mfa_device(SerialNumber=SERIAL)
        await iam.delete_virtual_mfa_device(**DELETE)
        assert_type(await iam.get_mfa_device(SerialNumber=SERIAL), GetMFADeviceResponseTypeDef)
        assert_type(await iam.get_mfa_device(**GET), GetMFADeviceResponseTypeDef)
        assert_type(
            await iam.list_mfa_device_tags(SerialNumber=SERIAL), ListMFADeviceTagsResponseTypeDef
        )
        assert_type(await iam.list_mfa_device_tags(**LIST_TAGS), ListMFADeviceTagsResponseTypeDef)
        assert_type(
            await iam.list_virtual_mfa_devices(AssignmentStatus="Any"),
            ListVirtualMFADevicesResponseTypeDef,
        )
        assert_type(
            await iam.list_virtual_mfa_devices(**LIST_VIRTUAL), ListVirtualMFADevicesResponseTypeDef
        )
        await iam.resync_mfa_device(
            UserName=USER, SerialNumber=SERIAL, AuthenticationCode1="1", AuthenticationCode2="2"
        )
        await iam.resync_mfa_device(**RESYNC)
        await iam.tag_mfa_device(SerialNumber=SERIAL, Tags=TAGS)
        await iam.tag_mfa_device(**TAG)
        await iam.untag_mfa_device(SerialNumber=SERIAL, TagKeys=["team"])
        await iam.untag_mfa_device(**UNTAG)
        await iam.enable_virtual_mfa_device(
            UserName=USER, SerialNumber=SERIAL, Base32StringSeed=SEED
        )
        await iam.enable_virtual_mfa_device(**ENABLE_VIRTUAL)
        await iam.resync_virtual_mfa_device(
            UserName=USER, SerialNumber=SERIAL, Base32StringSeed=SEED
        )
        assert_type(
            await iam.resync_virtual_mfa_device(**RESYNC_VIRTUAL), EmptyResponseMetadataTypeDef
        )

        assert_type(iam.can_paginate("list_virtual_mfa_devices"), bool)
        pages = iam.get_paginator("list_mfa_devices").paginate(UserName=USER)
        async for page in pages:
            assert_type(page, ListMFADevicesResponseTypeDef)
        assert_type(await pages.build_full_result(), dict[str, Any])
        async for item in pages.search("MFADevices[].SerialNumber"):
            print(item)
        async for tags_page in iam.get_paginator("list_mfa_device_tags").paginate(
            SerialNumber=SERIAL
        ):
            assert_type(tags_page, ListMFADeviceTagsResponseTypeDef)
        async for virtual_page in iam.get_paginator("list_virtual_mfa_devices").paginate():
            assert_type(virtual_page, ListVirtualMFADevicesResponseTypeDef)

        await iam.get_waiter("user_exists").wait(UserName=USER, WaiterConfig={"Delay": 2})

        enabled = iam.enable_mfa_device(**ENABLE)  # type: ignore[assignment]


def totp_codes() -> None:
    assert_type(fastiam.totp.code("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"), str)
    assert_type(fastiam.totp.code(SEED, at=59), str)
    assert_type(fastiam.totp.code(SEED, at=datetime.now(timezone.utc)), str)
    first, second = fastiam.totp.pair(SEED)
    assert_type((first, second), tuple[str, str])
    assert_type(fastiam.totp.pair("SEED", clock=lambda: 0.0, sleep=lambda s: None), tuple[str, str])
    assert_type(fastiam.totp.STEP, int)
    fastiam.totp.code(12345)  # type: ignore[arg-type]


# Every exception class, as `except` clauses would name them.
ALL_ERRORS: tuple[type[Exception], ...] = (
    fastiam.exceptions.BotoCoreError,
    fastiam.exceptions.DataNotFoundError,
    fastiam.exceptions.UnknownServiceError,
    fastiam.exceptions.ApiVersionNotFoundError,
    fastiam.exceptions.NoRegionError,
    fastiam.exceptions.HTTPClientError,
    fastiam.exceptions.ConnectionError,
    fastiam.exceptions.EndpointConnectionError,
    fastiam.exceptions.SSLError,
    fastiam.exceptions.ProxyConnectionError,
    fastiam.exceptions.ConnectTimeoutError,
    fastiam.exceptions.ConnectionClosedError,
    fastiam.exceptions.ReadTimeoutError,
    fastiam.exceptions.NoCredentialsError,
    fastiam.exceptions.PartialCredentialsError,
    fastiam.exceptions.ProfileNotFound,
    fastiam.exceptions.ValidationError,
    fastiam.exceptions.ParamValidationError,
    fastiam.exceptions.PaginationError,
    fastiam.exceptions.WaiterError,
    fastiam.exceptions.OperationNotPageableError,
    fastiam.exceptions.InvalidRegionError,
    fastiam.exceptions.InvalidRetryConfigurationError,
    fastiam.exceptions.InvalidMaxRetryAttemptsError,
    fastiam.exceptions.InvalidRetryModeError,
    fastiam.exceptions.StubResponseError,
    fastiam.exceptions.StubAssertionError,
    fastiam.exceptions.UnStubbedResponseError,
    fastiam.exceptions.ResponseParserError,
    fastiam.exceptions.ClientError,
    fastiam.exceptions.AccountNotManagementOrDelegatedAdministratorException,
    fastiam.exceptions.CallerIsNotManagementAccountException,
    fastiam.exceptions.ConcurrentModificationException,
    fastiam.exceptions.CredentialReportExpiredException,
    fastiam.exceptions.CredentialReportNotPresentException,
    fastiam.exceptions.CredentialReportNotReadyException,
    fastiam.exceptions.DeleteConflictException,
    fastiam.exceptions.DuplicateCertificateException,
    fastiam.exceptions.DuplicateSSHPublicKeyException,
    fastiam.exceptions.EntityAlreadyExistsException,
    fastiam.exceptions.EntityTemporarilyUnmodifiableException,
    fastiam.exceptions.FeatureDisabledException,
    fastiam.exceptions.FeatureEnabledException,
    fastiam.exceptions.InvalidAuthenticationCodeException,
    fastiam.exceptions.InvalidCertificateException,
    fastiam.exceptions.InvalidInputException,
    fastiam.exceptions.InvalidPublicKeyException,
    fastiam.exceptions.InvalidUserTypeException,
    fastiam.exceptions.KeyPairMismatchException,
    fastiam.exceptions.LimitExceededException,
    fastiam.exceptions.MalformedCertificateException,
    fastiam.exceptions.MalformedPolicyDocumentException,
    fastiam.exceptions.NameConflictException,
    fastiam.exceptions.NoSuchEntityException,
    fastiam.exceptions.OpenIdIdpCommunicationErrorException,
    fastiam.exceptions.OrganizationLevelResourcesExistException,
    fastiam.exceptions.OrganizationNotFoundException,
    fastiam.exceptions.OrganizationNotInAllFeaturesModeException,
    fastiam.exceptions.PasswordPolicyViolationException,
    fastiam.exceptions.PolicyEvaluationException,
    fastiam.exceptions.PolicyNotAttachableException,
    fastiam.exceptions.ReportGenerationLimitExceededException,
    fastiam.exceptions.RoleModifiedException,
    fastiam.exceptions.RoleTemplateDisabledException,
    fastiam.exceptions.ServiceAccessNotEnabledException,
    fastiam.exceptions.ServiceFailureException,
    fastiam.exceptions.ServiceNotSupportedException,
    fastiam.exceptions.UnmodifiableEntityException,
    fastiam.exceptions.UnrecognizedPublicKeyEncodingException,
)


def errors(iam: fastiam.IAM) -> None:
    try:
        iam.enable_mfa_device(**ENABLE)
    except iam.exceptions.NoSuchEntityException as error:
        assert_type(error, fastiam.exceptions.NoSuchEntityException)
        assert_type(error.response["Error"]["Code"], str)
        assert_type(error.operation_name, str)
    except iam.exceptions.ClientError as error:
        assert_type(error, fastiam.exceptions.ClientError)
        response = error.response
        assert_type(response, ClientErrorResponseTypeDef)
        detail: ClientErrorResponseErrorTypeDef = response["Error"]
        assert_type(detail.get("Message"), "str | None")
        meta: ClientErrorResponseMetadataTypeDef = response["ResponseMetadata"]
        assert_type(meta.get("MaxAttemptsReached"), "bool | None")
        assert_type(response.get("message"), "str | None")
        if error.response["Error"]["Code"] == "LimitExceeded":
            raise
    except fastiam.exceptions.ParamValidationError as error:
        assert_type(error.kwargs, dict[str, Any])
        assert_type(error.fmt, str)
    except fastiam.exceptions.HTTPClientError as error:
        print(error.request, error.response)
    except fastiam.exceptions.BotoCoreError:
        pass
    except ALL_ERRORS:
        pass

    assert_type(
        iam.exceptions.NoSuchEntityException, type[fastiam.exceptions.NoSuchEntityException]
    )
    assert_type(iam.exceptions.ClientError, type[fastiam.exceptions.ClientError])
    assert_type(iam.exceptions.from_code("NoSuchEntity"), type[fastiam.exceptions.ClientError])
    assert_type(fastiam.exceptions.IAM_EXCEPTIONS, fastiam.exceptions.IAMExceptions)
    assert_type(fastiam.exceptions.MODELED_CODES, frozenset[str])
    raise fastiam.exceptions.ClientError(
        {"Error": {"Code": "NoSuchEntity", "Message": "gone"}}, "EnableMFADevice"
    )


def parse_error() -> fastiam.exceptions.ResponseParserError:
    return fastiam.exceptions.ResponseParserError.create("bad XML")


def not_found() -> fastiam.exceptions.NoRegionError:
    return fastiam.exceptions.NoRegionError()


def stubbing(iam: fastiam.IAM, aio: fastiam.aio.AsyncIAM) -> None:
    with fastiam.stub.Stubber(iam) as stubber:
        assert_type(stubber, fastiam.stub.Stubber)
        stubber.add_response(
            "list_mfa_devices", {"MFADevices": []}, expected_params={"UserName": fastiam.stub.ANY}
        )
        stubber.add_client_error(
            "get_mfa_device",
            "NoSuchEntity",
            "gone",
            404,
            service_error_meta={"Type": "Sender"},
            expected_params={"SerialNumber": "arn:aws:iam::123456789012:mfa/alice"},
            response_meta={"RequestId": "r"},
            modeled_fields={"message": "gone"},
        )
        stubber.assert_no_pending_responses()
    stubber.activate()
    stubber.deactivate()
    fastiam.stub.Stubber(aio).add_response("enable_mfa_device", {})
    fastiam.stub.Stubber(iam).add_response("list_mfa_devices", [])  # type: ignore[arg-type]
    try:
        iam.list_mfa_devices()
    except fastiam.stub.UnStubbedResponseError as error:
        assert_type(error, fastiam.exceptions.UnStubbedResponseError)
    except fastiam.exceptions.StubAssertionError:
        pass
    except fastiam.exceptions.StubResponseError:
        pass
