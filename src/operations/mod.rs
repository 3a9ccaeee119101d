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
    /// For list operations: the result member a paginator collects.
    pub paginated: Option<&'static str>,
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
            paginated: None,
        }
    }

    pub const fn output(self, output: &'static [(&'static str, Shape)]) -> Self {
        Self { output, ..self }
    }

    pub const fn paginated(self, result_key: &'static str) -> Self {
        Self {
            paginated: Some(result_key),
            ..self
        }
    }
}

pub trait Operation {
    const SPEC: Spec;

    /// Sends the request; `args` are in the order of `SPEC.members`. The
    /// result is read from the raw response (see `bridge/fast_reader.rs`), so the SDK's
    /// output is not needed.
    fn send(
        client: aws_sdk_iam::Client,
        args: Args,
        secrets: Vec<String>,
    ) -> impl Future<Output = Result<(), Failure>> + Send + 'static;
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

            async fn send(
                client: aws_sdk_iam::Client,
                mut args: $crate::model::values::Args,
                mut secrets: Vec<String>,
            ) -> Result<(), $crate::transport::failure::Failure> {
                #[allow(unused_variables)]
                let ($client, $args, $secrets) = (client, &mut args, &mut secrets);
                let request = $build;
                $crate::operations::sent(request.send().await, &secrets)
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
