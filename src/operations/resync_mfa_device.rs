//! `ResyncMFADevice`: brings a device that drifted back in sync with two fresh
//! consecutive codes. No output members.

use super::shapes::DEVICE_CODES;
use super::{operation, Spec};

operation!(
    ResyncMfaDevice,
    Spec::new("resync_mfa_device", "ResyncMFADevice", DEVICE_CODES),
    |client, args, secrets| {
        client
            .resync_mfa_device()
            .set_user_name(args.text(0))
            .set_serial_number(args.text(1))
            .set_authentication_code1(args.text(2))
            .set_authentication_code2(args.text(3))
    }
);
