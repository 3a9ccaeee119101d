//! `DeleteVirtualMFADevice`: deletes a (deactivated) virtual device. No output members.

use super::shapes::SERIAL_NUMBER;
use super::{sent, Operation, Spec};
use crate::errors::Failure;
use crate::validate::{Args, Member};

pub struct DeleteVirtualMfaDevice;

impl Operation for DeleteVirtualMfaDevice {
    const SPEC: Spec = Spec::new(
        "delete_virtual_mfa_device",
        "DeleteVirtualMFADevice",
        &[Member::text("SerialNumber", SERIAL_NUMBER).required()],
    );

    async fn send(
        client: aws_sdk_iam::Client,
        mut args: Args,
        secrets: Vec<String>,
    ) -> Result<(), Failure> {
        let request = client
            .delete_virtual_mfa_device()
            .set_serial_number(args.text(0));
        sent(request.send().await, &secrets)
    }
}
