//! `DeleteVirtualMFADevice`: deletes a (deactivated) virtual device. No output members.

use super::shapes::SERIAL_NUMBER;
use super::{operation, Spec};
use crate::model::members::Member;

operation!(
    DeleteVirtualMfaDevice,
    Spec::new(
        "delete_virtual_mfa_device",
        "DeleteVirtualMFADevice",
        &[Member::text("SerialNumber", SERIAL_NUMBER).required()],
    ),
    |client, args, secrets| {
        client
            .delete_virtual_mfa_device()
            .set_serial_number(args.text(0))
    }
);
