//! fastiam extra: `resync_virtual_mfa_device(UserName, SerialNumber,
//! Base32StringSeed)` computes a fresh pair of codes from the device's seed and
//! sends `ResyncMFADevice` at once.

use super::shapes::VIRTUAL_DEVICE_SEED;
use super::virtual_codes::fresh_pair;
use super::{operation, Spec};

operation!(
    ResyncVirtualMfaDevice,
    Spec::new("resync_virtual_mfa_device", "ResyncMFADevice", VIRTUAL_DEVICE_SEED),
    |client, args, secrets| {
        let (code1, code2) = fresh_pair(args.bytes(2), secrets).await?;
        client
            .resync_mfa_device()
            .set_user_name(args.text(0))
            .set_serial_number(args.text(1))
            .authentication_code1(code1)
            .authentication_code2(code2)
    }
);
