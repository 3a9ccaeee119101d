//! `CreateVirtualMFADevice`: a new virtual device with its seed and QR code
//! (`bytes` in the result, as in boto3).

use super::shapes::{self, TAGS, VIRTUAL_MFA_DEVICE};
use super::{sent, Operation, Spec};
use crate::errors::Failure;
use crate::validate::{Args, Member, Text};

const PATH: Text = Text::new(1)
    .max(512)
    .pattern(r"(\u002F)|(\u002F[\u0021-\u007E]+\u002F)");
const DEVICE_NAME: Text = Text::new(1).max(226).pattern(r"[\w+=,.@-]+");

pub struct CreateVirtualMfaDevice;

impl Operation for CreateVirtualMfaDevice {
    const SPEC: Spec = Spec::new(
        "create_virtual_mfa_device",
        "CreateVirtualMFADevice",
        &[
            Member::text("Path", PATH),
            Member::text("VirtualMFADeviceName", DEVICE_NAME).required(),
            Member::new("Tags", TAGS),
        ],
    )
    .output(&[("VirtualMFADevice", VIRTUAL_MFA_DEVICE)]);

    async fn send(
        client: aws_sdk_iam::Client,
        mut args: Args,
        secrets: Vec<String>,
    ) -> Result<(), Failure> {
        let request = client
            .create_virtual_mfa_device()
            .set_path(args.text(0))
            .set_virtual_mfa_device_name(args.text(1))
            .set_tags(shapes::tags(args.list(2)));
        sent(request.send().await, &secrets)
    }
}

