"""Large IAM answers for the canned nginx, as IAM writes them (the bench's
large-results figures): a page of 1,000 virtual MFA devices, a page of 1,000
users, and an account's authorization details (1,000 users, groups, roles and
managed policies, with their URL-encoded policy documents, which both
libraries decode into dicts)."""

from __future__ import annotations

from urllib.parse import quote

XMLNS = "https://iam.amazonaws.com/doc/2010-05-08/"
ACCOUNT = "123456789012"
ITEMS = 1000


def _response(operation: str, result: str, request_id: str) -> str:
    return (
        f'<{operation}Response xmlns="{XMLNS}"><{operation}Result>{result}'
        f"</{operation}Result><ResponseMetadata><RequestId>{request_id}</RequestId>"
        f"</ResponseMetadata></{operation}Response>"
    )


def _user(index: int) -> str:
    return (
        f"<Path>/team/</Path><UserName>user{index:04d}</UserName>"
        f"<UserId>AIDA{index:016d}</UserId>"
        f"<Arn>arn:aws:iam::{ACCOUNT}:user/team/user{index:04d}</Arn>"
        "<CreateDate>2024-05-06T07:08:09Z</CreateDate>"
        "<PasswordLastUsed>2024-06-07T08:09:10Z</PasswordLastUsed>"
    )


def virtual_mfa_devices(request_id: str, count: int = ITEMS) -> str:
    devices = "".join(
        f"<member><SerialNumber>arn:aws:iam::{ACCOUNT}:mfa/user{i:04d}</SerialNumber>"
        f"<User>{_user(i)}</User><EnableDate>2024-05-06T07:08:09Z</EnableDate></member>"
        for i in range(count)
    )
    result = f"<IsTruncated>false</IsTruncated><VirtualMFADevices>{devices}</VirtualMFADevices>"
    return _response("ListVirtualMFADevices", result, request_id)


def users(request_id: str, count: int = ITEMS) -> str:
    members = "".join(f"<member>{_user(i)}</member>" for i in range(count))
    result = f"<IsTruncated>false</IsTruncated><Users>{members}</Users>"
    return _response("ListUsers", result, request_id)


def _document(resource: str) -> str:
    """A policy document as IAM sends it: JSON, URL-encoded."""
    statement = (
        '{"Effect":"Allow","Action":["iam:GetUser","iam:ListMFADevices","s3:GetObject"],'
        f'"Resource":"arn:aws:s3:::{resource}/*","Condition":{{"Bool":{{"aws:MultiFactorAuthPresent":"true"}}}}}}'
    )
    return quote(f'{{"Version":"2012-10-17","Statement":[{statement}]}}', safe="")


def _inline(kind: str, index: int) -> str:
    """A member of a UserPolicyList, GroupPolicyList or RolePolicyList."""
    return (
        f"<member><PolicyName>{kind}-inline-{index:04d}</PolicyName>"
        f"<PolicyDocument>{_document(f'{kind}-{index:04d}')}</PolicyDocument></member>"
    )


def _attached(index: int) -> str:
    return (
        f"<AttachedManagedPolicies><member><PolicyName>policy{index % 150:04d}</PolicyName>"
        f"<PolicyArn>arn:aws:iam::{ACCOUNT}:policy/policy{index % 150:04d}</PolicyArn>"
        "</member></AttachedManagedPolicies>"
    )


def _tags(index: int) -> str:
    return f"<Tags><member><Key>team</Key><Value>team{index % 7}</Value></member></Tags>"


def authorization_details(
    request_id: str, users: int = 400, groups: int = 50, roles: int = 400, policies: int = 150
) -> str:
    """GetAccountAuthorizationDetails for an account of `users` users, ... (1,000 in all)."""
    user_list = "".join(
        f"<member>{_user(i)}<UserPolicyList>{_inline('user', i)}</UserPolicyList>"
        f"<GroupList><member>group{i % groups:04d}</member></GroupList>{_attached(i)}"
        f"{_tags(i)}</member>"
        for i in range(users)
    )
    group_list = "".join(
        f"<member><Path>/</Path><GroupName>group{i:04d}</GroupName>"
        f"<GroupId>AGPA{i:016d}</GroupId><Arn>arn:aws:iam::{ACCOUNT}:group/group{i:04d}</Arn>"
        "<CreateDate>2024-05-06T07:08:09Z</CreateDate>"
        f"<GroupPolicyList>{_inline('group', i)}</GroupPolicyList>{_attached(i)}</member>"
        for i in range(groups)
    )
    role_list = "".join(
        f"<member><Path>/service/</Path><RoleName>role{i:04d}</RoleName>"
        f"<RoleId>AROA{i:016d}</RoleId><Arn>arn:aws:iam::{ACCOUNT}:role/service/role{i:04d}</Arn>"
        "<CreateDate>2024-05-06T07:08:09Z</CreateDate>"
        f"<AssumeRolePolicyDocument>{_document(f'trust-{i:04d}')}</AssumeRolePolicyDocument>"
        "<InstanceProfileList/>"
        f"<RolePolicyList>{_inline('role', i)}</RolePolicyList>{_attached(i)}{_tags(i)}"
        "<RoleLastUsed><LastUsedDate>2024-06-07T08:09:10Z</LastUsedDate>"
        "<Region>us-east-1</Region></RoleLastUsed></member>"
        for i in range(roles)
    )
    policy_list = "".join(
        f"<member><PolicyName>policy{i:04d}</PolicyName><PolicyId>ANPA{i:016d}</PolicyId>"
        f"<Arn>arn:aws:iam::{ACCOUNT}:policy/policy{i:04d}</Arn><Path>/</Path>"
        "<DefaultVersionId>v1</DefaultVersionId><AttachmentCount>3</AttachmentCount>"
        "<PermissionsBoundaryUsageCount>0</PermissionsBoundaryUsageCount>"
        "<IsAttachable>true</IsAttachable><CreateDate>2024-05-06T07:08:09Z</CreateDate>"
        "<UpdateDate>2024-05-06T07:08:09Z</UpdateDate><PolicyVersionList><member>"
        f"<Document>{_document(f'policy-{i:04d}')}</Document><VersionId>v1</VersionId>"
        "<IsDefaultVersion>true</IsDefaultVersion><CreateDate>2024-05-06T07:08:09Z</CreateDate>"
        "</member></PolicyVersionList></member>"
        for i in range(policies)
    )
    result = (
        f"<IsTruncated>false</IsTruncated><UserDetailList>{user_list}</UserDetailList>"
        f"<GroupDetailList>{group_list}</GroupDetailList>"
        f"<RoleDetailList>{role_list}</RoleDetailList><Policies>{policy_list}</Policies>"
    )
    return _response("GetAccountAuthorizationDetails", result, request_id)


# endpoint path under /large/ -> (operation's method, its result key, body maker)
LARGE = {
    "list-virtual-mfa-devices": (
        "list_virtual_mfa_devices",
        "VirtualMFADevices",
        virtual_mfa_devices,
    ),
    "list-users": ("list_users", "Users", users),
    "get-account-authorization-details": (
        "get_account_authorization_details",
        "UserDetailList",
        authorization_details,
    ),
}
