//! `GetMFADevice`: one device's user, enable date and certifications.

use super::shapes::{SERIAL_NUMBER, USER_NAME};
use super::{sent, Operation, Shape, Spec};
use crate::errors::Failure;
use crate::validate::{Args, Member};

pub struct GetMfaDevice;

impl Operation for GetMfaDevice {
    const SPEC: Spec = Spec::new(
        "get_mfa_device",
        "GetMFADevice",
        &[
            Member::text("SerialNumber", SERIAL_NUMBER).required(),
            Member::text("UserName", USER_NAME),
        ],
    )
    .output(&[
        ("UserName", Shape::Text),
        ("SerialNumber", Shape::Text),
        ("EnableDate", Shape::Timestamp),
        ("Certifications", Shape::Map(&Shape::Text, &Shape::Text)),
    ]);

    async fn send(
        client: aws_sdk_iam::Client,
        mut args: Args,
        secrets: Vec<String>,
    ) -> Result<(), Failure> {
        let request = client
            .get_mfa_device()
            .set_serial_number(args.text(0))
            .set_user_name(args.text(1));
        sent(request.send().await, &secrets)
    }
}
