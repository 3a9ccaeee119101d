//! `EnableMFADevice`: associates an MFA device with a user. No output members.

use super::shapes::DEVICE_CODES;
use super::{operation, Spec};

operation!(
    EnableMfaDevice,
    Spec::new("enable_mfa_device", "EnableMFADevice", DEVICE_CODES),
    |client, args, secrets| {
        client
            .enable_mfa_device()
            .set_user_name(args.text(0))
            .set_serial_number(args.text(1))
            .set_authentication_code1(args.text(2))
            .set_authentication_code2(args.text(3))
    }
);
