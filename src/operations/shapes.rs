//! What the generated and hand-written operations share: validated values ->
//! the SDK's types, and the input of the virtual-device extras (not in IAM's
//! model, so not generated), with the constraints of the model's shapes.

use aws_sdk_iam::types::Tag;

use crate::model::members::{Kind, Member, Text};
use crate::model::values::Value;

/// `existingUserNameType`: the user a device is (or will be) attached to.
const EXISTING_USER_NAME: Text = Text::new(1).max(128).pattern(r"[\w+=,.@-]+");
/// `serialNumberType`.
const SERIAL_NUMBER: Text = Text::new(9).max(256).pattern(r"[\w+=/:,.@-]+");

/// The fastiam extras' input: a device and its seed (`str` or `bytes`).
pub const VIRTUAL_DEVICE_SEED: &[Member] = &[
    Member::text("UserName", EXISTING_USER_NAME).required(),
    Member::text("SerialNumber", SERIAL_NUMBER).required(),
    Member::new("Base32StringSeed", Kind::Blob)
        .required()
        .secret(),
];

/// A validated list of strings -> the SDK's.
pub fn texts(values: Option<Vec<Value>>) -> Option<Vec<String>> {
    Some(values?.into_iter().filter_map(Value::into_text).collect())
}

/// Validated `Tags` -> the SDK's tags (both members are required, so every
/// validated tag builds; with validation off an incomplete one is dropped).
pub fn tags(values: Option<Vec<Value>>) -> Option<Vec<Tag>> {
    let tags = values?
        .into_iter()
        .filter_map(Value::into_structure)
        .filter_map(|mut tag| {
            Tag::builder()
                .set_key(tag.text(0))
                .set_value(tag.text(1))
                .build()
                .ok()
        })
        .collect();
    Some(tags)
}
