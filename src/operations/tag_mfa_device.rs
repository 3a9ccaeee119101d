//! `TagMFADevice`: adds or overwrites tags on a virtual device. No output members.

use super::shapes::{self, SERIAL_NUMBER, TAGS};
use super::{operation, Spec};
use crate::model::members::Member;

operation!(
    TagMfaDevice,
    Spec::new(
        "tag_mfa_device",
        "TagMFADevice",
        &[
            Member::text("SerialNumber", SERIAL_NUMBER).required(),
            Member::new("Tags", TAGS).required(),
        ],
    ),
    |client, args, secrets| {
        client
            .tag_mfa_device()
            .set_serial_number(args.text(0))
            .set_tags(shapes::tags(args.list(1)))
    }
);
