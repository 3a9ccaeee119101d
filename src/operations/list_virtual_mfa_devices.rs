//! `ListVirtualMFADevices`: the account's virtual devices, by assignment. Pageable.

use aws_sdk_iam::types::AssignmentStatusType;

use super::shapes::{MARKER, MAX_ITEMS, VIRTUAL_MFA_DEVICE};
use super::{sent, Operation, Shape, Spec};
use crate::errors::Failure;
use crate::validate::{Args, Member, Text};

const ASSIGNMENT_STATUS: Text = Text::new(0).one_of(&["Assigned", "Unassigned", "Any"]);

pub struct ListVirtualMfaDevices;

impl Operation for ListVirtualMfaDevices {
    const SPEC: Spec = Spec::new(
        "list_virtual_mfa_devices",
        "ListVirtualMFADevices",
        &[
            Member::text("AssignmentStatus", ASSIGNMENT_STATUS),
            Member::text("Marker", MARKER),
            Member::new("MaxItems", MAX_ITEMS),
        ],
    )
    .output(&[
        ("VirtualMFADevices", Shape::List(&VIRTUAL_MFA_DEVICE)),
        ("IsTruncated", Shape::Boolean),
        ("Marker", Shape::Text),
    ])
    .paginated("VirtualMFADevices");

    async fn send(
        client: aws_sdk_iam::Client,
        mut args: Args,
        secrets: Vec<String>,
    ) -> Result<(), Failure> {
        // Any text goes to the server as given, as boto3 sends it.
        let status = args.text(0).map(|s| AssignmentStatusType::from(s.as_str()));
        let request = client
            .list_virtual_mfa_devices()
            .set_assignment_status(status)
            .set_marker(args.text(1))
            .set_max_items(args.integer(2));
        sent(request.send().await, &secrets)
    }
}
