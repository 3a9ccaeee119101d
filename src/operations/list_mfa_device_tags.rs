//! `ListMFADeviceTags`: a device's tags. Pageable.

use super::shapes::{MARKER, MAX_ITEMS, SERIAL_NUMBER, TAG};
use super::{sent, Operation, Shape, Spec};
use crate::errors::Failure;
use crate::validate::{Args, Member};

pub struct ListMfaDeviceTags;

impl Operation for ListMfaDeviceTags {
    const SPEC: Spec = Spec::new(
        "list_mfa_device_tags",
        "ListMFADeviceTags",
        &[
            Member::text("SerialNumber", SERIAL_NUMBER).required(),
            Member::text("Marker", MARKER),
            Member::new("MaxItems", MAX_ITEMS),
        ],
    )
    .output(&[
        ("Tags", Shape::List(&TAG)),
        ("IsTruncated", Shape::Boolean),
        ("Marker", Shape::Text),
    ])
    .paginated("Tags");

    async fn send(
        client: aws_sdk_iam::Client,
        mut args: Args,
        secrets: Vec<String>,
    ) -> Result<(), Failure> {
        let request = client
            .list_mfa_device_tags()
            .set_serial_number(args.text(0))
            .set_marker(args.text(1))
            .set_max_items(args.integer(2));
        sent(request.send().await, &secrets)
    }
}
