//! `ListMFADevices`: the devices of a user (or of the caller). Pageable.

use super::shapes::{EXISTING_USER_NAME, MARKER, MAX_ITEMS, MFA_DEVICE};
use super::{sent, Operation, Shape, Spec};
use crate::errors::Failure;
use crate::validate::{Args, Member};

pub struct ListMfaDevices;

impl Operation for ListMfaDevices {
    const SPEC: Spec = Spec::new(
        "list_mfa_devices",
        "ListMFADevices",
        &[
            Member::text("UserName", EXISTING_USER_NAME),
            Member::text("Marker", MARKER),
            Member::new("MaxItems", MAX_ITEMS),
        ],
    )
    .output(&[
        ("MFADevices", Shape::List(&MFA_DEVICE)),
        ("IsTruncated", Shape::Boolean),
        ("Marker", Shape::Text),
    ])
    .paginated("MFADevices");

    async fn send(
        client: aws_sdk_iam::Client,
        mut args: Args,
        secrets: Vec<String>,
    ) -> Result<(), Failure> {
        let request = client
            .list_mfa_devices()
            .set_user_name(args.text(0))
            .set_marker(args.text(1))
            .set_max_items(args.integer(2));
        sent(request.send().await, &secrets)
    }
}
