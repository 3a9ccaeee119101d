//! One file per IAM operation: its input members (with the model's
//! constraints), its SDK call and its result shape. Everything else
//! (validation, the runtime, results, errors, paginators) is shared. The files
//! of the model's operations are generated (`python codegen/generate.py` writes
//! one for each model operation in [`for_each_operation`]); the extras, which
//! IAM's model does not have, are written by hand.
//!
//! May import: `crate::model`, `crate::transport` (the failure an SDK error
//! becomes), `crate::totp`, `crate::exceptions`. Never the bridge.

use std::future::Future;
use std::pin::Pin;

use crate::model::members::Member;
use crate::model::output::Shape;
use crate::model::values::Args;
use crate::transport::failure::Failure;

mod model_shapes;
mod shapes;
mod virtual_codes;

/// Calls `$callback! { module::Type, ... }` with every operation: the one list
/// that declares the modules here and the client's methods in `bridge/client.rs`.
/// The module name is the boto3 method name.
macro_rules! for_each_operation {
    ($callback:ident) => {
        $callback! {
            create_virtual_mfa_device::CreateVirtualMfaDevice,
            deactivate_mfa_device::DeactivateMfaDevice,
            delete_virtual_mfa_device::DeleteVirtualMfaDevice,
            enable_mfa_device::EnableMfaDevice,
            get_mfa_device::GetMfaDevice,
            list_mfa_device_tags::ListMfaDeviceTags,
            list_mfa_devices::ListMfaDevices,
            list_virtual_mfa_devices::ListVirtualMfaDevices,
            resync_mfa_device::ResyncMfaDevice,
            tag_mfa_device::TagMfaDevice,
            untag_mfa_device::UntagMfaDevice,
            enable_virtual_mfa_device::EnableVirtualMfaDevice,
            resync_virtual_mfa_device::ResyncVirtualMfaDevice,
            accept_delegation_request::AcceptDelegationRequest,
            add_client_id_to_open_id_connect_provider::AddClientIdToOpenIdConnectProvider,
            add_role_to_instance_profile::AddRoleToInstanceProfile,
            add_user_to_group::AddUserToGroup,
            associate_delegation_request::AssociateDelegationRequest,
            attach_group_policy::AttachGroupPolicy,
            attach_role_policy::AttachRolePolicy,
            attach_user_policy::AttachUserPolicy,
            change_password::ChangePassword,
            create_access_key::CreateAccessKey,
            create_account_alias::CreateAccountAlias,
            create_group::CreateGroup,
            create_service_specific_credential::CreateServiceSpecificCredential,
            create_user::CreateUser,
            delete_access_key::DeleteAccessKey,
            delete_account_alias::DeleteAccountAlias,
            delete_account_password_policy::DeleteAccountPasswordPolicy,
            delete_group::DeleteGroup,
            delete_group_policy::DeleteGroupPolicy,
            delete_instance_profile::DeleteInstanceProfile,
            delete_login_profile::DeleteLoginProfile,
            delete_open_id_connect_provider::DeleteOpenIdConnectProvider,
            delete_policy::DeletePolicy,
            delete_policy_version::DeletePolicyVersion,
            delete_role::DeleteRole,
            delete_role_permissions_boundary::DeleteRolePermissionsBoundary,
            delete_role_policy::DeleteRolePolicy,
            delete_saml_provider::DeleteSamlProvider,
            delete_server_certificate::DeleteServerCertificate,
            delete_service_linked_role::DeleteServiceLinkedRole,
            delete_service_specific_credential::DeleteServiceSpecificCredential,
            delete_signing_certificate::DeleteSigningCertificate,
            delete_ssh_public_key::DeleteSshPublicKey,
            delete_user::DeleteUser,
            delete_user_permissions_boundary::DeleteUserPermissionsBoundary,
            delete_user_policy::DeleteUserPolicy,
            detach_group_policy::DetachGroupPolicy,
            detach_role_policy::DetachRolePolicy,
            detach_user_policy::DetachUserPolicy,
            disable_organizations_root_credentials_management::DisableOrganizationsRootCredentialsManagement,
            disable_organizations_root_sessions::DisableOrganizationsRootSessions,
            disable_outbound_web_identity_federation::DisableOutboundWebIdentityFederation,
            enable_organizations_root_credentials_management::EnableOrganizationsRootCredentialsManagement,
            enable_organizations_root_sessions::EnableOrganizationsRootSessions,
            enable_outbound_web_identity_federation::EnableOutboundWebIdentityFederation,
            generate_credential_report::GenerateCredentialReport,
            generate_organizations_access_report::GenerateOrganizationsAccessReport,
            generate_service_last_accessed_details::GenerateServiceLastAccessedDetails,
            get_access_key_last_used::GetAccessKeyLastUsed,
            get_account_properties::GetAccountProperties,
            get_context_keys_for_custom_policy::GetContextKeysForCustomPolicy,
            get_context_keys_for_principal_policy::GetContextKeysForPrincipalPolicy,
            get_credential_report::GetCredentialReport,
            get_group::GetGroup,
            get_group_policy::GetGroupPolicy,
            get_human_readable_summary::GetHumanReadableSummary,
            get_open_id_connect_provider::GetOpenIdConnectProvider,
            get_outbound_web_identity_federation_info::GetOutboundWebIdentityFederationInfo,
            get_policy_version::GetPolicyVersion,
            get_role_policy::GetRolePolicy,
            get_saml_provider::GetSamlProvider,
            get_server_certificate::GetServerCertificate,
            get_service_last_accessed_details_with_entities::GetServiceLastAccessedDetailsWithEntities,
            get_service_linked_role_deletion_status::GetServiceLinkedRoleDeletionStatus,
            get_ssh_public_key::GetSshPublicKey,
            get_user::GetUser,
            get_user_policy::GetUserPolicy,
            list_access_keys::ListAccessKeys,
            list_account_aliases::ListAccountAliases,
            list_attached_group_policies::ListAttachedGroupPolicies,
            list_attached_role_policies::ListAttachedRolePolicies,
            list_attached_user_policies::ListAttachedUserPolicies,
            list_group_policies::ListGroupPolicies,
            list_groups_for_user::ListGroupsForUser,
            list_groups::ListGroups,
            list_instance_profile_tags::ListInstanceProfileTags,
            list_open_id_connect_provider_tags::ListOpenIdConnectProviderTags,
            list_open_id_connect_providers::ListOpenIdConnectProviders,
            list_organizations_features::ListOrganizationsFeatures,
            list_policies_granting_service_access::ListPoliciesGrantingServiceAccess,
            list_policy_tags::ListPolicyTags,
            list_policy_versions::ListPolicyVersions,
            list_role_policies::ListRolePolicies,
            list_role_tags::ListRoleTags,
            list_saml_provider_tags::ListSamlProviderTags,
            list_saml_providers::ListSamlProviders,
            list_server_certificate_tags::ListServerCertificateTags,
            list_server_certificates::ListServerCertificates,
            list_signing_certificates::ListSigningCertificates,
            list_ssh_public_keys::ListSshPublicKeys,
            list_user_policies::ListUserPolicies,
            list_user_tags::ListUserTags,
            list_users::ListUsers,
            put_group_policy::PutGroupPolicy,
            put_role_permissions_boundary::PutRolePermissionsBoundary,
            put_role_policy::PutRolePolicy,
            put_user_permissions_boundary::PutUserPermissionsBoundary,
            put_user_policy::PutUserPolicy,
            reject_delegation_request::RejectDelegationRequest,
            remove_client_id_from_open_id_connect_provider::RemoveClientIdFromOpenIdConnectProvider,
            remove_role_from_instance_profile::RemoveRoleFromInstanceProfile,
            remove_user_from_group::RemoveUserFromGroup,
            reset_service_specific_credential::ResetServiceSpecificCredential,
            send_delegation_token::SendDelegationToken,
            set_default_policy_version::SetDefaultPolicyVersion,
            set_security_token_service_preferences::SetSecurityTokenServicePreferences,
            tag_instance_profile::TagInstanceProfile,
            tag_open_id_connect_provider::TagOpenIdConnectProvider,
            tag_policy::TagPolicy,
            tag_role::TagRole,
            tag_saml_provider::TagSamlProvider,
            tag_server_certificate::TagServerCertificate,
            tag_user::TagUser,
            untag_instance_profile::UntagInstanceProfile,
            untag_open_id_connect_provider::UntagOpenIdConnectProvider,
            untag_policy::UntagPolicy,
            untag_role::UntagRole,
            untag_saml_provider::UntagSamlProvider,
            untag_server_certificate::UntagServerCertificate,
            untag_user::UntagUser,
            update_access_key::UpdateAccessKey,
            update_assume_role_policy::UpdateAssumeRolePolicy,
            update_delegation_request::UpdateDelegationRequest,
            update_group::UpdateGroup,
            update_open_id_connect_provider_thumbprint::UpdateOpenIdConnectProviderThumbprint,
            update_server_certificate::UpdateServerCertificate,
            update_service_specific_credential::UpdateServiceSpecificCredential,
            update_signing_certificate::UpdateSigningCertificate,
            update_ssh_public_key::UpdateSshPublicKey,
            update_user::UpdateUser,
            upload_server_certificate::UploadServerCertificate,
            upload_signing_certificate::UploadSigningCertificate,
            upload_ssh_public_key::UploadSshPublicKey,
            create_instance_profile::CreateInstanceProfile,
            create_policy::CreatePolicy,
            create_service_linked_role::CreateServiceLinkedRole,
            get_account_password_policy::GetAccountPasswordPolicy,
            get_account_summary::GetAccountSummary,
            get_instance_profile::GetInstanceProfile,
            get_login_profile::GetLoginProfile,
            get_organizations_access_report::GetOrganizationsAccessReport,
            get_policy::GetPolicy,
            get_role::GetRole,
            get_service_last_accessed_details::GetServiceLastAccessedDetails,
            list_delegation_requests::ListDelegationRequests,
            list_instance_profiles_for_role::ListInstanceProfilesForRole,
            list_instance_profiles::ListInstanceProfiles,
            list_roles::ListRoles,
            update_role_description::UpdateRoleDescription,
            create_policy_version::CreatePolicyVersion,
            get_delegation_request::GetDelegationRequest,
            list_policies::ListPolicies,
            list_service_specific_credentials::ListServiceSpecificCredentials,
            update_account_password_policy::UpdateAccountPasswordPolicy,
            acquire_role::AcquireRole,
            create_delegation_request::CreateDelegationRequest,
            create_login_profile::CreateLoginProfile,
            create_open_id_connect_provider::CreateOpenIdConnectProvider,
            create_role::CreateRole,
            create_saml_provider::CreateSamlProvider,
            get_account_authorization_details::GetAccountAuthorizationDetails,
            get_role_template_version::GetRoleTemplateVersion,
            list_entities_for_policy::ListEntitiesForPolicy,
            put_account_properties::PutAccountProperties,
            simulate_custom_policy::SimulateCustomPolicy,
            simulate_principal_policy::SimulatePrincipalPolicy,
            update_login_profile::UpdateLoginProfile,
            update_role::UpdateRole,
            update_saml_provider::UpdateSamlProvider,
        }
    };
}
pub(crate) use for_each_operation;

macro_rules! declare {
    ($($module:ident :: $operation:ident),* $(,)?) => {
        $(mod $module; pub use $module::$operation;)*

        /// Every operation's description, in the order above.
        pub const ALL: &[&Spec] = &[$(&<$operation as Operation>::SPEC),*];
    };
}
for_each_operation!(declare);

pub struct Spec {
    /// The boto3 method name, e.g. `enable_mfa_device`.
    pub method: &'static str,
    /// The wire name boto3 puts in messages, e.g. `EnableMFADevice`.
    pub wire_name: &'static str,
    /// The input shape's members in model order.
    pub members: &'static [Member],
    /// The members of the result (inside `<{wire_name}Result>`), in model order.
    pub output: &'static [(&'static str, Shape)],
    /// False when the model has no input shape: botocore then neither
    /// validates nor sends the keyword arguments, whatever they are.
    pub takes_input: bool,
}

impl Spec {
    pub const fn new(
        method: &'static str,
        wire_name: &'static str,
        members: &'static [Member],
    ) -> Self {
        Self {
            method,
            wire_name,
            members,
            output: &[],
            takes_input: true,
        }
    }

    pub const fn output(self, output: &'static [(&'static str, Shape)]) -> Self {
        Self { output, ..self }
    }

    pub const fn without_input(self) -> Self {
        Self {
            takes_input: false,
            ..self
        }
    }
}

/// An operation's request on its way: boxed, so that the call path around it
/// (recording, the runtime, asyncio) is compiled once, not once per operation.
pub type Sending = Pin<Box<dyn Future<Output = Result<(), Failure>> + Send + 'static>>;

pub trait Operation {
    const SPEC: Spec;

    /// Sends the request; `args` are in the order of `SPEC.members`. The
    /// result is read from the raw response (see `bridge/fast_reader.rs`), so the SDK's
    /// output is not needed.
    fn send(client: aws_sdk_iam::Client, args: Args, secrets: Vec<String>) -> Sending;
}

/// Declares operation `$name` from its [`Spec`] and a block that builds the
/// SDK request from `$client` and `$args` (`&mut Args`); the block may
/// `.await` and add to `$secrets` (`&mut Vec<String>`, values kept out of
/// error texts).
macro_rules! operation {
    ($name:ident, $spec:expr, |$client:ident, $args:ident, $secrets:ident| $build:block) => {
        pub struct $name;

        impl $crate::operations::Operation for $name {
            const SPEC: $crate::operations::Spec = $spec;

            fn send(
                client: aws_sdk_iam::Client,
                mut args: $crate::model::values::Args,
                mut secrets: Vec<String>,
            ) -> $crate::operations::Sending {
                Box::pin(async move {
                    #[allow(unused_variables)]
                    let ($client, $args, $secrets) = (client, &mut args, &mut secrets);
                    let request = $build;
                    $crate::operations::sent(request.send().await, &secrets)
                })
            }
        }
    };
}
use operation;

/// Maps an SDK call's result to what [`Operation::send`] returns.
pub fn sent<T, E, R>(
    result: Result<T, aws_smithy_runtime_api::client::result::SdkError<E, R>>,
    secrets: &[String],
) -> Result<(), Failure>
where
    E: std::error::Error + Send + Sync + 'static,
    R: std::fmt::Debug + 'static,
{
    result
        .map(|_| ())
        .map_err(|error| Failure::from_sdk(&error, secrets))
}
