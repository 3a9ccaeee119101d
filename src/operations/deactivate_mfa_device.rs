//! `DeactivateMFADevice`: detaches a device from its user. No output members.

use super::shapes::{EXISTING_USER_NAME, SERIAL_NUMBER};
use super::{sent, Operation, Spec};
use crate::errors::Failure;
use crate::validate::{Args, Member};

pub struct DeactivateMfaDevice;

impl Operation for DeactivateMfaDevice {
    const SPEC: Spec = Spec::new(
        "deactivate_mfa_device",
        "DeactivateMFADevice",
        &[
            Member::text("UserName", EXISTING_USER_NAME),
            Member::text("SerialNumber", SERIAL_NUMBER).required(),
        ],
    );

    async fn send(
        client: aws_sdk_iam::Client,
        mut args: Args,
        secrets: Vec<String>,
    ) -> Result<(), Failure> {
        let request = client
            .deactivate_mfa_device()
            .set_user_name(args.text(0))
            .set_serial_number(args.text(1));
        sent(request.send().await, &secrets)
    }
}
