//! `UntagMFADevice`: removes tags (by key) from a virtual device. No output members.

use super::shapes::{SERIAL_NUMBER, TAG_KEY};
use super::{sent, Operation, Spec};
use crate::errors::Failure;
use crate::validate::{Args, Kind, Member, Value};

const TAG_KEYS: Kind = Kind::List {
    item: &Kind::Text(TAG_KEY),
    max: 50,
};

pub struct UntagMfaDevice;

impl Operation for UntagMfaDevice {
    const SPEC: Spec = Spec::new(
        "untag_mfa_device",
        "UntagMFADevice",
        &[
            Member::text("SerialNumber", SERIAL_NUMBER).required(),
            Member::new("TagKeys", TAG_KEYS).required(),
        ],
    );

    async fn send(
        client: aws_sdk_iam::Client,
        mut args: Args,
        secrets: Vec<String>,
    ) -> Result<(), Failure> {
        let keys = args
            .list(1)
            .map(|keys| keys.into_iter().filter_map(Value::into_text).collect());
        let request = client
            .untag_mfa_device()
            .set_serial_number(args.text(0))
            .set_tag_keys(keys);
        sent(request.send().await, &secrets)
    }
}
