//! Shapes several operations share, with the constraints of IAM's service
//! model (botocore's `iam/2010-05-08/service-2.json`).

use aws_sdk_iam::types::Tag;

use super::Shape;
use crate::model::members::{Kind, Member, Text};
use crate::model::values::Value;

// -- inputs -------------------------------------------------------------------

/// `existingUserNameType`: the user a device is (or will be) attached to.
pub const EXISTING_USER_NAME: Text = Text::new(1).max(128).pattern(r"[\w+=,.@-]+");
/// `userNameType`.
pub const USER_NAME: Text = Text::new(1).max(64).pattern(r"[\w+=,.@-]+");
pub const SERIAL_NUMBER: Text = Text::new(9).max(256).pattern(r"[\w+=/:,.@-]+");
pub const AUTHENTICATION_CODE: Text = Text::new(6).max(6).pattern(r"[\d]+");
pub const MARKER: Text = Text::new(1).max(320).pattern(r"[\u0020-\u00FF]+");
pub const MAX_ITEMS: Kind = Kind::Integer { min: 1, max: 1000 };
pub const TAG_KEY: Text = Text::new(1)
    .max(128)
    .pattern(r"[\p{L}\p{Z}\p{N}_.:/=+\-@]+");
const TAG_VALUE: Text = Text::new(0)
    .max(256)
    .pattern(r"[\p{L}\p{Z}\p{N}_.:/=+\-@]*");

const TAG_MEMBERS: &[Member] = &[
    Member::text("Key", TAG_KEY).required(),
    Member::text("Value", TAG_VALUE).required(),
];
/// `tagListType`: at most 50 `{"Key": ..., "Value": ...}`.
pub const TAGS: Kind = Kind::List {
    item: &Kind::Structure(TAG_MEMBERS),
    max: 50,
};

/// `EnableMFADevice` and `ResyncMFADevice`: a user's device and two consecutive codes.
pub const DEVICE_CODES: &[Member] = &[
    Member::text("UserName", EXISTING_USER_NAME).required(),
    Member::text("SerialNumber", SERIAL_NUMBER).required(),
    Member::text("AuthenticationCode1", AUTHENTICATION_CODE)
        .required()
        .secret(),
    Member::text("AuthenticationCode2", AUTHENTICATION_CODE)
        .required()
        .secret(),
];

/// The fastiam extras' input: a device and its seed (`str` or `bytes`).
pub const VIRTUAL_DEVICE_SEED: &[Member] = &[
    Member::text("UserName", EXISTING_USER_NAME).required(),
    Member::text("SerialNumber", SERIAL_NUMBER).required(),
    Member::new("Base32StringSeed", Kind::Blob)
        .required()
        .secret(),
];

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

// -- results ------------------------------------------------------------------

/// A list operation's result: the items, then IAM's paging members.
pub const fn listed(items: &'static str, item: &'static Shape) -> [(&'static str, Shape); 3] {
    [
        (items, Shape::List(item)),
        ("IsTruncated", Shape::Boolean),
        ("Marker", Shape::Text),
    ]
}

pub const TAG: Shape = Shape::Structure(&[("Key", Shape::Text), ("Value", Shape::Text)]);

const PERMISSIONS_BOUNDARY: Shape = Shape::Structure(&[
    ("PermissionsBoundaryType", Shape::Text),
    ("PermissionsBoundaryArn", Shape::Text),
]);

const USER: Shape = Shape::Structure(&[
    ("Path", Shape::Text),
    ("UserName", Shape::Text),
    ("UserId", Shape::Text),
    ("Arn", Shape::Text),
    ("CreateDate", Shape::Timestamp),
    ("PasswordLastUsed", Shape::Timestamp),
    ("PermissionsBoundary", PERMISSIONS_BOUNDARY),
    ("Tags", Shape::List(&TAG)),
]);

pub const VIRTUAL_MFA_DEVICE: Shape = Shape::Structure(&[
    ("SerialNumber", Shape::Text),
    ("Base32StringSeed", Shape::Blob),
    ("QRCodePNG", Shape::Blob),
    ("User", USER),
    ("EnableDate", Shape::Timestamp),
    ("Tags", Shape::List(&TAG)),
]);

pub const MFA_DEVICE: Shape = Shape::Structure(&[
    ("UserName", Shape::Text),
    ("SerialNumber", Shape::Text),
    ("EnableDate", Shape::Timestamp),
]);
