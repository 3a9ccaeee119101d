//! The result structures the operations share, one per model shape (generated
//! by codegen/generate.py from botocore 1.44.18's IAM model; do not edit).

use crate::model::output::Shape;

pub const ACCESS_DETAIL: Shape = Shape::Structure(&[
    ("ServiceName", Shape::Text),
    ("ServiceNamespace", Shape::Text),
    ("Region", Shape::Text),
    ("EntityPath", Shape::Text),
    ("LastAuthenticatedTime", Shape::Timestamp),
    ("TotalAuthenticatedEntities", Shape::Integer),
]);
pub const ACCESS_KEY: Shape = Shape::Structure(&[
    ("UserName", Shape::Text),
    ("AccessKeyId", Shape::Text),
    ("Status", Shape::Text),
    ("SecretAccessKey", Shape::Text),
    ("CreateDate", Shape::Timestamp),
]);
pub const ACCESS_KEY_LAST_USED: Shape = Shape::Structure(&[
    ("LastUsedDate", Shape::Timestamp),
    ("ServiceName", Shape::Text),
    ("Region", Shape::Text),
]);
pub const ACCESS_KEY_METADATA: Shape = Shape::Structure(&[
    ("UserName", Shape::Text),
    ("AccessKeyId", Shape::Text),
    ("Status", Shape::Text),
    ("CreateDate", Shape::Timestamp),
]);
pub const ATTACHED_PERMISSIONS_BOUNDARY: Shape = Shape::Structure(&[
    ("PermissionsBoundaryType", Shape::Text),
    ("PermissionsBoundaryArn", Shape::Text),
]);
pub const ATTACHED_POLICY: Shape =
    Shape::Structure(&[("PolicyName", Shape::Text), ("PolicyArn", Shape::Text)]);
pub const CONTEXT_PROVIDER: Shape = Shape::Structure(&[
    (
        "KeyDefinitionList",
        Shape::List(&CONTEXT_PROVIDER_KEY_DEFINITION),
    ),
    ("SubjectSourceKey", Shape::Text),
    ("SubjectTypeValue", Shape::Text),
    ("SubjectTypeSourceKey", Shape::Text),
]);
pub const CONTEXT_PROVIDER_KEY_DEFINITION: Shape =
    Shape::Structure(&[("SourceKey", Shape::Text), ("TargetKey", Shape::Text)]);
pub const DELEGATION_PERMISSION: Shape = Shape::Structure(&[
    ("PolicyTemplateArn", Shape::Text),
    ("Parameters", Shape::List(&POLICY_PARAMETER)),
]);
pub const DELEGATION_REQUEST: Shape = Shape::Structure(&[
    ("DelegationRequestId", Shape::Text),
    ("OwnerAccountId", Shape::Text),
    ("Description", Shape::Text),
    ("RequestMessage", Shape::Text),
    ("Permissions", DELEGATION_PERMISSION),
    ("PermissionPolicy", Shape::Text),
    ("RolePermissionRestrictionArns", Shape::List(&Shape::Text)),
    ("OwnerId", Shape::Text),
    ("ApproverId", Shape::Text),
    ("State", Shape::Text),
    ("ExpirationTime", Shape::Timestamp),
    ("RequestorId", Shape::Text),
    ("RequestorName", Shape::Text),
    ("CreateDate", Shape::Timestamp),
    ("SessionDuration", Shape::Integer),
    ("RedirectUrl", Shape::Text),
    ("Notes", Shape::Text),
    ("RejectionReason", Shape::Text),
    ("OnlySendByOwner", Shape::Boolean),
    ("UpdatedTime", Shape::Timestamp),
]);
pub const DELETION_TASK_FAILURE_REASON_TYPE: Shape = Shape::Structure(&[
    ("Reason", Shape::Text),
    ("RoleUsageList", Shape::List(&ROLE_USAGE_TYPE)),
]);
pub const ENTITY_DETAILS: Shape = Shape::Structure(&[
    ("EntityInfo", ENTITY_INFO),
    ("LastAuthenticated", Shape::Timestamp),
]);
pub const ENTITY_INFO: Shape = Shape::Structure(&[
    ("Arn", Shape::Text),
    ("Name", Shape::Text),
    ("Type", Shape::Text),
    ("Id", Shape::Text),
    ("Path", Shape::Text),
]);
pub const ERROR_DETAILS: Shape =
    Shape::Structure(&[("Message", Shape::Text), ("Code", Shape::Text)]);
pub const EVALUATION_RESULT: Shape = Shape::Structure(&[
    ("EvalActionName", Shape::Text),
    ("EvalResourceName", Shape::Text),
    ("EvalDecision", Shape::Text),
    ("MatchedStatements", Shape::List(&STATEMENT)),
    ("MissingContextValues", Shape::List(&Shape::Text)),
    ("OrganizationsDecisionDetail", ORGANIZATIONS_DECISION_DETAIL),
    (
        "PermissionsBoundaryDecisionDetail",
        PERMISSIONS_BOUNDARY_DECISION_DETAIL,
    ),
    (
        "EvalDecisionDetails",
        Shape::Map(&Shape::Text, &Shape::Text),
    ),
    (
        "ResourceSpecificResults",
        Shape::List(&RESOURCE_SPECIFIC_RESULT),
    ),
]);
pub const GROUP: Shape = Shape::Structure(&[
    ("Path", Shape::Text),
    ("GroupName", Shape::Text),
    ("GroupId", Shape::Text),
    ("Arn", Shape::Text),
    ("CreateDate", Shape::Timestamp),
]);
pub const GROUP_DETAIL: Shape = Shape::Structure(&[
    ("Path", Shape::Text),
    ("GroupName", Shape::Text),
    ("GroupId", Shape::Text),
    ("Arn", Shape::Text),
    ("CreateDate", Shape::Timestamp),
    ("GroupPolicyList", Shape::List(&POLICY_DETAIL)),
    ("AttachedManagedPolicies", Shape::List(&ATTACHED_POLICY)),
]);
pub const INLINE_POLICY: Shape = Shape::Structure(&[
    ("PolicyName", Shape::Text),
    ("PolicyDocument", Shape::PolicyDocument),
]);
pub const INSTANCE_PROFILE: Shape = Shape::Structure(&[
    ("Path", Shape::Text),
    ("InstanceProfileName", Shape::Text),
    ("InstanceProfileId", Shape::Text),
    ("Arn", Shape::Text),
    ("CreateDate", Shape::Timestamp),
    ("Roles", Shape::List(&ROLE)),
    ("Tags", Shape::List(&TAG)),
]);
pub const LIST_POLICIES_GRANTING_SERVICE_ACCESS_ENTRY: Shape = Shape::Structure(&[
    ("ServiceNamespace", Shape::Text),
    ("Policies", Shape::List(&POLICY_GRANTING_SERVICE_ACCESS)),
]);
pub const LOGIN_PROFILE: Shape = Shape::Structure(&[
    ("UserName", Shape::Text),
    ("CreateDate", Shape::Timestamp),
    ("PasswordResetRequired", Shape::Boolean),
    ("MaxSigninSessionDuration", Shape::Integer),
]);
pub const MANAGED_POLICY_DETAIL: Shape = Shape::Structure(&[
    ("PolicyName", Shape::Text),
    ("PolicyId", Shape::Text),
    ("Arn", Shape::Text),
    ("Path", Shape::Text),
    ("DefaultVersionId", Shape::Text),
    ("AttachmentCount", Shape::Integer),
    ("PermissionsBoundaryUsageCount", Shape::Integer),
    ("IsAttachable", Shape::Boolean),
    ("Description", Shape::Text),
    ("CreateDate", Shape::Timestamp),
    ("UpdateDate", Shape::Timestamp),
    ("PolicyVersionList", Shape::List(&POLICY_VERSION)),
]);
pub const MFA_DEVICE: Shape = Shape::Structure(&[
    ("UserName", Shape::Text),
    ("SerialNumber", Shape::Text),
    ("EnableDate", Shape::Timestamp),
]);
pub const OPEN_ID_CONNECT_PROVIDER_LIST_ENTRY: Shape = Shape::Structure(&[
    ("Arn", Shape::Text),
    ("IsTrustedIdentityPropagationEnabled", Shape::Boolean),
]);
pub const ORGANIZATIONS_DECISION_DETAIL: Shape =
    Shape::Structure(&[("AllowedByOrganizations", Shape::Boolean)]);
pub const PARAMETER_DEFINITION: Shape = Shape::Structure(&[
    ("Name", Shape::Text),
    ("Type", Shape::Text),
    ("SubType", Shape::Text),
    ("Description", Shape::Text),
    ("IsRequired", Shape::Boolean),
    ("DefaultValue", Shape::Text),
    ("Immutable", Shape::Boolean),
]);
pub const PASSWORD_POLICY: Shape = Shape::Structure(&[
    ("MinimumPasswordLength", Shape::Integer),
    ("RequireSymbols", Shape::Boolean),
    ("RequireNumbers", Shape::Boolean),
    ("RequireUppercaseCharacters", Shape::Boolean),
    ("RequireLowercaseCharacters", Shape::Boolean),
    ("AllowUsersToChangePassword", Shape::Boolean),
    ("ExpirePasswords", Shape::Boolean),
    ("MaxPasswordAge", Shape::Integer),
    ("PasswordReusePrevention", Shape::Integer),
    ("HardExpiry", Shape::Boolean),
]);
pub const PERMISSIONS_BOUNDARY_DECISION_DETAIL: Shape =
    Shape::Structure(&[("AllowedByPermissionsBoundary", Shape::Boolean)]);
pub const POLICY: Shape = Shape::Structure(&[
    ("PolicyName", Shape::Text),
    ("PolicyId", Shape::Text),
    ("Arn", Shape::Text),
    ("Path", Shape::Text),
    ("DefaultVersionId", Shape::Text),
    ("AttachmentCount", Shape::Integer),
    ("PermissionsBoundaryUsageCount", Shape::Integer),
    ("IsAttachable", Shape::Boolean),
    ("Description", Shape::Text),
    ("CreateDate", Shape::Timestamp),
    ("UpdateDate", Shape::Timestamp),
    ("Tags", Shape::List(&TAG)),
]);
pub const POLICY_DETAIL: Shape = Shape::Structure(&[
    ("PolicyName", Shape::Text),
    ("PolicyDocument", Shape::PolicyDocument),
]);
pub const POLICY_GRANTING_SERVICE_ACCESS: Shape = Shape::Structure(&[
    ("PolicyName", Shape::Text),
    ("PolicyType", Shape::Text),
    ("PolicyArn", Shape::Text),
    ("EntityType", Shape::Text),
    ("EntityName", Shape::Text),
]);
pub const POLICY_GROUP: Shape =
    Shape::Structure(&[("GroupName", Shape::Text), ("GroupId", Shape::Text)]);
pub const POLICY_PARAMETER: Shape = Shape::Structure(&[
    ("Name", Shape::Text),
    ("Values", Shape::List(&Shape::Text)),
    ("Type", Shape::Text),
]);
pub const POLICY_ROLE: Shape =
    Shape::Structure(&[("RoleName", Shape::Text), ("RoleId", Shape::Text)]);
pub const POLICY_USER: Shape =
    Shape::Structure(&[("UserName", Shape::Text), ("UserId", Shape::Text)]);
pub const POLICY_VERSION: Shape = Shape::Structure(&[
    ("Document", Shape::PolicyDocument),
    ("VersionId", Shape::Text),
    ("IsDefaultVersion", Shape::Boolean),
    ("CreateDate", Shape::Timestamp),
]);
pub const POSITION: Shape =
    Shape::Structure(&[("Line", Shape::Integer), ("Column", Shape::Integer)]);
pub const RESOURCE_SPECIFIC_RESULT: Shape = Shape::Structure(&[
    ("EvalResourceName", Shape::Text),
    ("EvalResourceDecision", Shape::Text),
    ("MatchedStatements", Shape::List(&STATEMENT)),
    ("MissingContextValues", Shape::List(&Shape::Text)),
    (
        "EvalDecisionDetails",
        Shape::Map(&Shape::Text, &Shape::Text),
    ),
    (
        "PermissionsBoundaryDecisionDetail",
        PERMISSIONS_BOUNDARY_DECISION_DETAIL,
    ),
]);
pub const ROLE: Shape = Shape::Structure(&[
    ("Path", Shape::Text),
    ("RoleName", Shape::Text),
    ("RoleId", Shape::Text),
    ("Arn", Shape::Text),
    ("CreateDate", Shape::Timestamp),
    ("AssumeRolePolicyDocument", Shape::PolicyDocument),
    ("Description", Shape::Text),
    ("MaxSessionDuration", Shape::Integer),
    ("MaxSigninSessionDuration", Shape::Integer),
    ("PermissionsBoundary", ATTACHED_PERMISSIONS_BOUNDARY),
    ("Tags", Shape::List(&TAG)),
    ("RoleLastUsed", ROLE_LAST_USED),
    ("SourceRoleTemplate", SOURCE_ROLE_TEMPLATE),
]);
pub const ROLE_DETAIL: Shape = Shape::Structure(&[
    ("Path", Shape::Text),
    ("RoleName", Shape::Text),
    ("RoleId", Shape::Text),
    ("Arn", Shape::Text),
    ("CreateDate", Shape::Timestamp),
    ("AssumeRolePolicyDocument", Shape::PolicyDocument),
    ("InstanceProfileList", Shape::List(&INSTANCE_PROFILE)),
    ("RolePolicyList", Shape::List(&POLICY_DETAIL)),
    ("AttachedManagedPolicies", Shape::List(&ATTACHED_POLICY)),
    ("PermissionsBoundary", ATTACHED_PERMISSIONS_BOUNDARY),
    ("Tags", Shape::List(&TAG)),
    ("RoleLastUsed", ROLE_LAST_USED),
]);
pub const ROLE_LAST_USED: Shape =
    Shape::Structure(&[("LastUsedDate", Shape::Timestamp), ("Region", Shape::Text)]);
pub const ROLE_TEMPLATE_VERSION: Shape = Shape::Structure(&[
    ("TemplateArn", Shape::Text),
    ("TemplateName", Shape::Text),
    ("TemplateVersionId", Shape::Text),
    ("Description", Shape::Text),
    ("MajorVersion", Shape::Integer),
    ("DefaultMinorVersion", Shape::Integer),
    ("ManagedByType", Shape::Text),
    ("ManagedByValue", Shape::Text),
    ("Enabled", Shape::Boolean),
    ("MinorVersion", Shape::Integer),
    ("RoleNamePattern", Shape::Text),
    ("RolePathPattern", Shape::Text),
    ("RoleDescriptionPattern", Shape::Text),
    ("AssumeRolePolicyDocumentTemplate", Shape::PolicyDocument),
    ("InlinePolicyTemplates", Shape::List(&INLINE_POLICY)),
    ("ManagedPolicyArns", Shape::List(&Shape::Text)),
    ("PermissionBoundaryArn", Shape::Text),
    ("ParametersDefinition", Shape::List(&PARAMETER_DEFINITION)),
    ("RoleTagsTemplate", Shape::List(&TAG_TEMPLATE)),
    ("MaxSessionDuration", Shape::Integer),
    ("VersionEnabled", Shape::Boolean),
    ("CreateTimestamp", Shape::Timestamp),
    ("UpdateTimestamp", Shape::Timestamp),
]);
pub const ROLE_USAGE_TYPE: Shape = Shape::Structure(&[
    ("Region", Shape::Text),
    ("Resources", Shape::List(&Shape::Text)),
]);
pub const SAML_KEY_HASH_ENTRY: Shape = Shape::Structure(&[
    ("IssuerURL", Shape::Text),
    ("KeyHashes", Shape::List(&Shape::Text)),
]);
pub const SAML_PRIVATE_KEY: Shape =
    Shape::Structure(&[("KeyId", Shape::Text), ("Timestamp", Shape::Timestamp)]);
pub const SAML_PROVIDER_LIST_ENTRY: Shape = Shape::Structure(&[
    ("Arn", Shape::Text),
    ("ValidUntil", Shape::Timestamp),
    ("CreateDate", Shape::Timestamp),
    ("IsTrustedIdentityPropagationEnabled", Shape::Boolean),
]);
pub const SERVER_CERTIFICATE: Shape = Shape::Structure(&[
    ("ServerCertificateMetadata", SERVER_CERTIFICATE_METADATA),
    ("CertificateBody", Shape::Text),
    ("CertificateChain", Shape::Text),
    ("Tags", Shape::List(&TAG)),
]);
pub const SERVER_CERTIFICATE_METADATA: Shape = Shape::Structure(&[
    ("Path", Shape::Text),
    ("ServerCertificateName", Shape::Text),
    ("ServerCertificateId", Shape::Text),
    ("Arn", Shape::Text),
    ("UploadDate", Shape::Timestamp),
    ("Expiration", Shape::Timestamp),
]);
pub const SERVICE_LAST_ACCESSED: Shape = Shape::Structure(&[
    ("ServiceName", Shape::Text),
    ("LastAuthenticated", Shape::Timestamp),
    ("ServiceNamespace", Shape::Text),
    ("LastAuthenticatedEntity", Shape::Text),
    ("LastAuthenticatedRegion", Shape::Text),
    ("TotalAuthenticatedEntities", Shape::Integer),
    (
        "TrackedActionsLastAccessed",
        Shape::List(&TRACKED_ACTION_LAST_ACCESSED),
    ),
]);
pub const SERVICE_SPECIFIC_CREDENTIAL: Shape = Shape::Structure(&[
    ("CreateDate", Shape::Timestamp),
    ("ExpirationDate", Shape::Timestamp),
    ("ServiceName", Shape::Text),
    ("ServiceUserName", Shape::Text),
    ("ServicePassword", Shape::Text),
    ("ServiceCredentialAlias", Shape::Text),
    ("ServiceCredentialSecret", Shape::Text),
    ("ServiceSpecificCredentialId", Shape::Text),
    ("UserName", Shape::Text),
    ("Status", Shape::Text),
]);
pub const SERVICE_SPECIFIC_CREDENTIAL_METADATA: Shape = Shape::Structure(&[
    ("UserName", Shape::Text),
    ("Status", Shape::Text),
    ("ServiceUserName", Shape::Text),
    ("ServiceCredentialAlias", Shape::Text),
    ("CreateDate", Shape::Timestamp),
    ("ExpirationDate", Shape::Timestamp),
    ("ServiceSpecificCredentialId", Shape::Text),
    ("ServiceName", Shape::Text),
]);
pub const SIGNING_CERTIFICATE: Shape = Shape::Structure(&[
    ("UserName", Shape::Text),
    ("CertificateId", Shape::Text),
    ("CertificateBody", Shape::Text),
    ("Status", Shape::Text),
    ("UploadDate", Shape::Timestamp),
]);
pub const SOURCE_ROLE_TEMPLATE: Shape = Shape::Structure(&[
    ("TemplateArn", Shape::Text),
    ("TemplateMinorVersion", Shape::Integer),
]);
pub const SSH_PUBLIC_KEY: Shape = Shape::Structure(&[
    ("UserName", Shape::Text),
    ("SSHPublicKeyId", Shape::Text),
    ("Fingerprint", Shape::Text),
    ("SSHPublicKeyBody", Shape::Text),
    ("Status", Shape::Text),
    ("UploadDate", Shape::Timestamp),
]);
pub const SSH_PUBLIC_KEY_METADATA: Shape = Shape::Structure(&[
    ("UserName", Shape::Text),
    ("SSHPublicKeyId", Shape::Text),
    ("Status", Shape::Text),
    ("UploadDate", Shape::Timestamp),
]);
pub const STATEMENT: Shape = Shape::Structure(&[
    ("SourcePolicyId", Shape::Text),
    ("SourcePolicyType", Shape::Text),
    ("StartPosition", POSITION),
    ("EndPosition", POSITION),
]);
pub const TAG: Shape = Shape::Structure(&[("Key", Shape::Text), ("Value", Shape::Text)]);
pub const TAG_TEMPLATE: Shape = Shape::Structure(&[("Key", Shape::Text), ("Value", Shape::Text)]);
pub const TRACKED_ACTION_LAST_ACCESSED: Shape = Shape::Structure(&[
    ("ActionName", Shape::Text),
    ("LastAccessedEntity", Shape::Text),
    ("LastAccessedTime", Shape::Timestamp),
    ("LastAccessedRegion", Shape::Text),
]);
pub const USER: Shape = Shape::Structure(&[
    ("Path", Shape::Text),
    ("UserName", Shape::Text),
    ("UserId", Shape::Text),
    ("Arn", Shape::Text),
    ("CreateDate", Shape::Timestamp),
    ("PasswordLastUsed", Shape::Timestamp),
    ("PermissionsBoundary", ATTACHED_PERMISSIONS_BOUNDARY),
    ("Tags", Shape::List(&TAG)),
]);
pub const USER_DETAIL: Shape = Shape::Structure(&[
    ("Path", Shape::Text),
    ("UserName", Shape::Text),
    ("UserId", Shape::Text),
    ("Arn", Shape::Text),
    ("CreateDate", Shape::Timestamp),
    ("UserPolicyList", Shape::List(&POLICY_DETAIL)),
    ("GroupList", Shape::List(&Shape::Text)),
    ("AttachedManagedPolicies", Shape::List(&ATTACHED_POLICY)),
    ("PermissionsBoundary", ATTACHED_PERMISSIONS_BOUNDARY),
    ("Tags", Shape::List(&TAG)),
]);
pub const VIRTUAL_MFA_DEVICE: Shape = Shape::Structure(&[
    ("SerialNumber", Shape::Text),
    ("Base32StringSeed", Shape::Blob),
    ("QRCodePNG", Shape::Blob),
    ("User", USER),
    ("EnableDate", Shape::Timestamp),
    ("Tags", Shape::List(&TAG)),
]);
