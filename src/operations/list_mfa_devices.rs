//! `ListMFADevices`: the devices of a user (or of the caller). Pageable.

use super::shapes::{listed, EXISTING_USER_NAME, MARKER, MAX_ITEMS, MFA_DEVICE};
use super::{operation, Spec};
use crate::model::members::Member;

operation!(
    ListMfaDevices,
    Spec::new(
        "list_mfa_devices",
        "ListMFADevices",
        &[
            Member::text("UserName", EXISTING_USER_NAME),
            Member::text("Marker", MARKER),
            Member::new("MaxItems", MAX_ITEMS),
        ],
    )
    .output(&listed("MFADevices", &MFA_DEVICE))
    .paginated("MFADevices"),
    |client, args, secrets| {
        client
            .list_mfa_devices()
            .set_user_name(args.text(0))
            .set_marker(args.text(1))
            .set_max_items(args.integer(2))
    }
);
