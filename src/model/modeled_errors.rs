//! IAM's modeled error shapes: (botocore class name, wire code), from
//! botocore's service model: botocore 1.44.18, the version pyproject's `test`
//! extra pins. Python builds its exception classes from this list.

pub const MODELED_ERRORS: &[(&str, &str)] = &[
    (
        "AccountNotManagementOrDelegatedAdministratorException",
        "AccountNotManagementOrDelegatedAdministratorException",
    ),
    (
        "CallerIsNotManagementAccountException",
        "CallerIsNotManagementAccountException",
    ),
    ("ConcurrentModificationException", "ConcurrentModification"),
    ("CredentialReportExpiredException", "ReportExpired"),
    ("CredentialReportNotPresentException", "ReportNotPresent"),
    ("CredentialReportNotReadyException", "ReportInProgress"),
    ("DeleteConflictException", "DeleteConflict"),
    ("DuplicateCertificateException", "DuplicateCertificate"),
    ("DuplicateSSHPublicKeyException", "DuplicateSSHPublicKey"),
    ("EntityAlreadyExistsException", "EntityAlreadyExists"),
    (
        "EntityTemporarilyUnmodifiableException",
        "EntityTemporarilyUnmodifiable",
    ),
    ("FeatureDisabledException", "FeatureDisabled"),
    ("FeatureEnabledException", "FeatureEnabled"),
    (
        "InvalidAuthenticationCodeException",
        "InvalidAuthenticationCode",
    ),
    ("InvalidCertificateException", "InvalidCertificate"),
    ("InvalidInputException", "InvalidInput"),
    ("InvalidPublicKeyException", "InvalidPublicKey"),
    ("InvalidUserTypeException", "InvalidUserType"),
    ("KeyPairMismatchException", "KeyPairMismatch"),
    ("LimitExceededException", "LimitExceeded"),
    ("MalformedCertificateException", "MalformedCertificate"),
    (
        "MalformedPolicyDocumentException",
        "MalformedPolicyDocument",
    ),
    ("NameConflictException", "NameConflict"),
    ("NoSuchEntityException", "NoSuchEntity"),
    (
        "OpenIdIdpCommunicationErrorException",
        "OpenIdIdpCommunicationError",
    ),
    (
        "OrganizationLevelResourcesExistException",
        "OrganizationLevelResourcesExistException",
    ),
    (
        "OrganizationNotFoundException",
        "OrganizationNotFoundException",
    ),
    (
        "OrganizationNotInAllFeaturesModeException",
        "OrganizationNotInAllFeaturesModeException",
    ),
    (
        "PasswordPolicyViolationException",
        "PasswordPolicyViolation",
    ),
    ("PolicyEvaluationException", "PolicyEvaluation"),
    ("PolicyNotAttachableException", "PolicyNotAttachable"),
    (
        "ReportGenerationLimitExceededException",
        "ReportGenerationLimitExceeded",
    ),
    ("RoleModifiedException", "RoleModified"),
    ("RoleTemplateDisabledException", "RoleTemplateDisabled"),
    (
        "ServiceAccessNotEnabledException",
        "ServiceAccessNotEnabledException",
    ),
    ("ServiceFailureException", "ServiceFailure"),
    ("ServiceNotSupportedException", "NotSupportedService"),
    ("UnmodifiableEntityException", "UnmodifiableEntity"),
    (
        "UnrecognizedPublicKeyEncodingException",
        "UnrecognizedPublicKeyEncoding",
    ),
];

pub fn is_modeled(code: &str) -> bool {
    MODELED_ERRORS.iter().any(|(_, modeled)| *modeled == code)
}
