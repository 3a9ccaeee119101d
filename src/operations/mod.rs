//! One file per IAM operation: its input members (with botocore's constraints)
//! and its SDK call. Everything else (validation, the runtime, results and
//! errors) is shared, so adding an operation is one file here and one method
//! line in `client.rs`.

use std::future::Future;

use crate::errors::Failure;
use crate::validate::{Args, Member};

mod enable_mfa_device;

pub use enable_mfa_device::EnableMfaDevice;

pub struct Spec {
    /// The boto3 method name, e.g. `enable_mfa_device`.
    pub method: &'static str,
    /// The wire name boto3 puts in messages, e.g. `EnableMFADevice`.
    pub wire_name: &'static str,
    /// The input shape's members in model order.
    pub members: &'static [Member],
}

pub trait Operation {
    const SPEC: Spec;

    /// Sends the request; `args` are in the order of `SPEC.members`.
    fn send(
        client: aws_sdk_iam::Client,
        args: Args,
        secrets: Vec<String>,
    ) -> impl Future<Output = Result<(), Failure>> + Send + 'static;
}

/// The values of the members marked secret, to be kept out of error texts.
pub fn secret_values(spec: &Spec, args: &Args) -> Vec<String> {
    spec.members
        .iter()
        .zip(args)
        .filter(|(member, _)| member.secret)
        .filter_map(|(_, value)| value.clone())
        .collect()
}
