//! fastiam extra: `enable_virtual_mfa_device(UserName, SerialNumber,
//! Base32StringSeed)` computes a fresh pair of codes from the device's seed and
//! sends `EnableMFADevice` at once, so the pair cannot go stale in between.

use super::shapes::{EXISTING_USER_NAME, SERIAL_NUMBER};
use super::{sent, Operation, Spec};
use crate::errors::Failure;
use crate::validate::{Args, Kind, Member};

pub struct EnableVirtualMfaDevice;

impl Operation for EnableVirtualMfaDevice {
    const SPEC: Spec = Spec::new(
        "enable_virtual_mfa_device",
        "EnableMFADevice",
        &[
            Member::text("UserName", EXISTING_USER_NAME).required(),
            Member::text("SerialNumber", SERIAL_NUMBER).required(),
            Member::new("Base32StringSeed", Kind::Blob).required().secret(),
        ],
    );

    async fn send(
        client: aws_sdk_iam::Client,
        mut args: Args,
        mut secrets: Vec<String>,
    ) -> Result<(), Failure> {
        let (code1, code2) = super::fresh_pair(args.bytes(2), &mut secrets).await?;
        let request = client
            .enable_mfa_device()
            .set_user_name(args.text(0))
            .set_serial_number(args.text(1))
            .authentication_code1(code1)
            .authentication_code2(code2);
        sent(request.send().await, &secrets)
    }
}
