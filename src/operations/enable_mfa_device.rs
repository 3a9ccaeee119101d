//! `EnableMFADevice`: associates an MFA device with a user. No output members.

use super::{Operation, Spec};
use crate::errors::Failure;
use crate::validate::{Args, Member};

pub struct EnableMfaDevice;

impl Operation for EnableMfaDevice {
    const SPEC: Spec = Spec {
        method: "enable_mfa_device",
        wire_name: "EnableMFADevice",
        members: &[
            Member::new("UserName", true, 1),
            Member::new("SerialNumber", true, 9),
            Member::new("AuthenticationCode1", true, 6).secret(),
            Member::new("AuthenticationCode2", true, 6).secret(),
        ],
    };

    async fn send(
        client: aws_sdk_iam::Client,
        args: Args,
        secrets: Vec<String>,
    ) -> Result<(), Failure> {
        let [user_name, serial_number, code1, code2]: [Option<String>; 4] =
            args.try_into().expect("one value per member");
        client
            .enable_mfa_device()
            .set_user_name(user_name)
            .set_serial_number(serial_number)
            .set_authentication_code1(code1)
            .set_authentication_code2(code2)
            .send()
            .await
            .map(|_| ())
            .map_err(|error| Failure::from_sdk(&error, &secrets))
    }
}
