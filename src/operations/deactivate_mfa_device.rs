//! `DeactivateMFADevice`: detaches a device from its user. No output members.

use super::shapes::{EXISTING_USER_NAME, SERIAL_NUMBER};
use super::{operation, Spec};
use crate::model::members::Member;

operation!(
    DeactivateMfaDevice,
    Spec::new(
        "deactivate_mfa_device",
        "DeactivateMFADevice",
        &[
            Member::text("UserName", EXISTING_USER_NAME),
            Member::text("SerialNumber", SERIAL_NUMBER).required(),
        ],
    ),
    |client, args, secrets| {
        client
            .deactivate_mfa_device()
            .set_user_name(args.text(0))
            .set_serial_number(args.text(1))
    }
);
