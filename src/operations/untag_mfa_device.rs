//! `UntagMFADevice`: removes tags (by key) from a virtual device. No output members.

use super::shapes::{SERIAL_NUMBER, TAG_KEY};
use super::{operation, Spec};
use crate::model::members::{Kind, Member};
use crate::model::values::Value;

const TAG_KEYS: Kind = Kind::List {
    item: &Kind::Text(TAG_KEY),
    max: 50,
};

operation!(
    UntagMfaDevice,
    Spec::new(
        "untag_mfa_device",
        "UntagMFADevice",
        &[
            Member::text("SerialNumber", SERIAL_NUMBER).required(),
            Member::new("TagKeys", TAG_KEYS).required(),
        ],
    ),
    |client, args, secrets| {
        let keys = args
            .list(1)
            .map(|keys| keys.into_iter().filter_map(Value::into_text).collect());
        client
            .untag_mfa_device()
            .set_serial_number(args.text(0))
            .set_tag_keys(keys)
    }
);
