//! `ListMFADeviceTags`: a device's tags. Pageable.

use super::shapes::{listed, MARKER, MAX_ITEMS, SERIAL_NUMBER, TAG};
use super::{operation, Spec};
use crate::model::members::Member;

operation!(
    ListMfaDeviceTags,
    Spec::new(
        "list_mfa_device_tags",
        "ListMFADeviceTags",
        &[
            Member::text("SerialNumber", SERIAL_NUMBER).required(),
            Member::text("Marker", MARKER),
            Member::new("MaxItems", MAX_ITEMS),
        ],
    )
    .output(&listed("Tags", &TAG))
    .paginated("Tags"),
    |client, args, secrets| {
        client
            .list_mfa_device_tags()
            .set_serial_number(args.text(0))
            .set_marker(args.text(1))
            .set_max_items(args.integer(2))
    }
);
