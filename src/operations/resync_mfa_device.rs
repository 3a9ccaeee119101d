//! `ResyncMFADevice`: brings a device that drifted back in sync with two fresh
//! consecutive codes. No output members.

use super::shapes::{AUTHENTICATION_CODE, EXISTING_USER_NAME, SERIAL_NUMBER};
use super::{sent, Operation, Spec};
use crate::errors::Failure;
use crate::validate::{Args, Member};

pub struct ResyncMfaDevice;

impl Operation for ResyncMfaDevice {
    const SPEC: Spec = Spec::new(
        "resync_mfa_device",
        "ResyncMFADevice",
        &[
            Member::text("UserName", EXISTING_USER_NAME).required(),
            Member::text("SerialNumber", SERIAL_NUMBER).required(),
            Member::text("AuthenticationCode1", AUTHENTICATION_CODE).required().secret(),
            Member::text("AuthenticationCode2", AUTHENTICATION_CODE).required().secret(),
        ],
    );

    async fn send(
        client: aws_sdk_iam::Client,
        mut args: Args,
        secrets: Vec<String>,
    ) -> Result<(), Failure> {
        let request = client
            .resync_mfa_device()
            .set_user_name(args.text(0))
            .set_serial_number(args.text(1))
            .set_authentication_code1(args.text(2))
            .set_authentication_code2(args.text(3));
        sent(request.send().await, &secrets)
    }
}
