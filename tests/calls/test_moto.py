"""enable_mfa_device against moto: the outcomes moto can produce, each one
compared with boto3's on the same server state."""

from __future__ import annotations

SERIAL = "arn:aws:iam::123456789012:mfa/alice"


def create_user(admin) -> None:
    admin.create_user(UserName="alice")


def create_user_with_device(admin) -> None:
    create_user(admin)
    admin.enable_mfa_device(
        UserName="alice",
        SerialNumber=SERIAL,
        AuthenticationCode1="111111",
        AuthenticationCode2="222222",
    )


def listed_serials(admin) -> list[str]:
    return [d["SerialNumber"] for d in admin.list_mfa_devices(UserName="alice")["MFADevices"]]


def test_success_associates_the_device(parity):
    boto, fast = parity.moto(setup=create_user, check=listed_serials)

    assert boto.error is None and fast.error is None, (boto, fast)
    parity.assert_same(boto, fast, exact=False, attempts=False)
    assert fast.result["ResponseMetadata"]["HTTPStatusCode"] == 200
    assert fast.after == boto.after == [SERIAL]


def test_success_request_id_is_moto_header_id(parity):
    boto, fast = parity.moto(setup=create_user)

    for outcome in (boto, fast):
        metadata = outcome.result["ResponseMetadata"]
        assert metadata["RequestId"] == metadata["HTTPHeaders"]["x-amzn-requestid"]


def test_missing_user_is_no_such_entity(parity):
    boto, fast = parity.moto(check=lambda admin: admin.list_users()["Users"])

    parity.assert_same(boto, fast, exact=False, attempts=False)
    assert type(fast.error).__name__ == "NoSuchEntityException"
    # moto's error XML carries an extra lower-case <message>; for a modeled code
    # botocore also puts it at the top level of e.response, and so must fastiam.
    assert fast.error.response["message"] == boto.error.response["message"]
    assert fast.error.response["Error"] == boto.error.response["Error"]
    assert fast.after == boto.after == []


def test_same_serial_twice_is_entity_already_exists(parity):
    boto, fast = parity.moto(setup=create_user_with_device, check=listed_serials)

    parity.assert_same(boto, fast, exact=False, attempts=False)
    assert type(fast.error).__name__ == "EntityAlreadyExistsException"
    assert fast.error.response["ResponseMetadata"]["HTTPStatusCode"] == 409
    assert fast.after == boto.after == [SERIAL]


def test_modeled_error_caught_by_client_exceptions(parity, moto_url):
    client = parity.fastiam_client(moto_url)
    try:
        client.enable_mfa_device(**parity.call)
    except client.exceptions.NoSuchEntityException as error:
        assert error.operation_name == "EnableMFADevice"
    else:
        raise AssertionError("NoSuchEntityException not raised")
