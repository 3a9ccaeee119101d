//! The result structures the operations share, one per model shape (generated
//! by codegen/generate.py from botocore 1.44.18's IAM model; do not edit).

use crate::model::output::Shape;

pub const ATTACHED_PERMISSIONS_BOUNDARY: Shape = Shape::Structure(&[
    ("PermissionsBoundaryType", Shape::Text),
    ("PermissionsBoundaryArn", Shape::Text),
]);
pub const MFA_DEVICE: Shape = Shape::Structure(&[
    ("UserName", Shape::Text),
    ("SerialNumber", Shape::Text),
    ("EnableDate", Shape::Timestamp),
]);
pub const TAG: Shape = Shape::Structure(&[("Key", Shape::Text), ("Value", Shape::Text)]);
pub const USER: Shape = Shape::Structure(&[
    ("Path", Shape::Text),
    ("UserName", Shape::Text),
    ("UserId", Shape::Text),
    ("Arn", Shape::Text),
    ("CreateDate", Shape::Timestamp),
    ("PasswordLastUsed", Shape::Timestamp),
    ("PermissionsBoundary", ATTACHED_PERMISSIONS_BOUNDARY),
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
