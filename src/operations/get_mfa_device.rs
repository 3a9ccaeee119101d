//! `GetMFADevice`: one device's user, enable date and certifications.

use super::shapes::{SERIAL_NUMBER, USER_NAME};
use super::{operation, Shape, Spec};
use crate::model::members::Member;

operation!(
    GetMfaDevice,
    Spec::new(
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
    ]),
    |client, args, secrets| {
        client
            .get_mfa_device()
            .set_serial_number(args.text(0))
            .set_user_name(args.text(1))
    }
);
