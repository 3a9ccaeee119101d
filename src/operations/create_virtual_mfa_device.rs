//! `CreateVirtualMFADevice`: a new virtual device with its seed and QR code
//! (`bytes` in the result, as in boto3).

use super::shapes::{self, TAGS, VIRTUAL_MFA_DEVICE};
use super::{operation, Spec};
use crate::model::members::{Member, Text};

const PATH: Text = Text::new(1)
    .max(512)
    .pattern(r"(\u002F)|(\u002F[\u0021-\u007E]+\u002F)");
const DEVICE_NAME: Text = Text::new(1).max(226).pattern(r"[\w+=,.@-]+");

operation!(
    CreateVirtualMfaDevice,
    Spec::new(
        "create_virtual_mfa_device",
        "CreateVirtualMFADevice",
        &[
            Member::text("Path", PATH),
            Member::text("VirtualMFADeviceName", DEVICE_NAME).required(),
            Member::new("Tags", TAGS),
        ],
    )
    .output(&[("VirtualMFADevice", VIRTUAL_MFA_DEVICE)]),
    |client, args, secrets| {
        client
            .create_virtual_mfa_device()
            .set_path(args.text(0))
            .set_virtual_mfa_device_name(args.text(1))
            .set_tags(shapes::tags(args.list(2)))
    }
);
