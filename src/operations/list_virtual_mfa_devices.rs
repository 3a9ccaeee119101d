//! `ListVirtualMFADevices`: the account's virtual devices, by assignment. Pageable.

use aws_sdk_iam::types::AssignmentStatusType;

use super::shapes::{listed, MARKER, MAX_ITEMS, VIRTUAL_MFA_DEVICE};
use super::{operation, Spec};
use crate::model::members::{Member, Text};

const ASSIGNMENT_STATUS: Text = Text::new(0).one_of(&["Assigned", "Unassigned", "Any"]);

operation!(
    ListVirtualMfaDevices,
    Spec::new(
        "list_virtual_mfa_devices",
        "ListVirtualMFADevices",
        &[
            Member::text("AssignmentStatus", ASSIGNMENT_STATUS),
            Member::text("Marker", MARKER),
            Member::new("MaxItems", MAX_ITEMS),
        ],
    )
    .output(&listed("VirtualMFADevices", &VIRTUAL_MFA_DEVICE))
    .paginated("VirtualMFADevices"),
    |client, args, secrets| {
        // Any text goes to the server as given, as boto3 sends it.
        let status = args.text(0).map(|s| AssignmentStatusType::from(s.as_str()));
        client
            .list_virtual_mfa_devices()
            .set_assignment_status(status)
            .set_marker(args.text(1))
            .set_max_items(args.integer(2))
    }
);
