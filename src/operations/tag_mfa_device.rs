//! `TagMFADevice`: adds or overwrites tags on a virtual device. No output members.

use super::shapes::{self, SERIAL_NUMBER, TAGS};
use super::{sent, Operation, Spec};
use crate::errors::Failure;
use crate::validate::{Args, Member};

pub struct TagMfaDevice;

impl Operation for TagMfaDevice {
    const SPEC: Spec = Spec::new(
        "tag_mfa_device",
        "TagMFADevice",
        &[
            Member::text("SerialNumber", SERIAL_NUMBER).required(),
            Member::new("Tags", TAGS).required(),
        ],
    );

    async fn send(
        client: aws_sdk_iam::Client,
        mut args: Args,
        secrets: Vec<String>,
    ) -> Result<(), Failure> {
        let request = client
            .tag_mfa_device()
            .set_serial_number(args.text(0))
            .set_tags(shapes::tags(args.list(1)));
        sent(request.send().await, &secrets)
    }
}
