//! Values botocore sends that the SDK's typed input cannot carry (the members
//! it lacks, written by `model::form`, and odd values of those it has): an integer
//! beyond 32 bits (`MaxItems=2**31`, which IAM itself rejects), `True` or the
//! `str()` of any object as `MaxItems` with validation off, `bytes` that are not
//! UTF-8. Validation gives the SDK a stand-in for each and lists the form key
//! and the caller's bytes; this interceptor writes them into the form body
//! before it is signed, percent-encoded as urlencode does.
//!
//! The SDK client is shared by every call, so the list rides along as a
//! task-local of the one call that has it.

use std::future::Future;

use aws_smithy_runtime_api::box_error::BoxError;
use aws_smithy_runtime_api::client::interceptors::context::BeforeTransmitInterceptorContextMut;
use aws_smithy_runtime_api::client::interceptors::Intercept;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_types::body::SdkBody;
use aws_smithy_types::config_bag::ConfigBag;

/// Form key -> the value's bytes, before percent-encoding.
pub type Values = Vec<(String, Vec<u8>)>;

tokio::task_local! {
    static VALUES: Values;
}

/// Runs one SDK call with `values` put into its form.
pub async fn sent_with<T>(values: Values, call: impl Future<Output = T>) -> T {
    if values.is_empty() {
        call.await
    } else {
        VALUES.scope(values, call).await
    }
}

#[derive(Debug)]
pub struct Verbatim;

impl Intercept for Verbatim {
    fn name(&self) -> &'static str {
        "fastiam::Verbatim"
    }

    // Each attempt starts again from the request as serialized, so a retry
    // writes the values again.
    fn modify_before_signing(
        &self,
        context: &mut BeforeTransmitInterceptorContextMut<'_>,
        _: &RuntimeComponents,
        _: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        let _ = VALUES.try_with(|values| {
            let request = context.request_mut();
            let Some(body) = request.body().bytes() else {
                return;
            };
            let body = rewrite(body, values);
            request
                .headers_mut()
                .insert("content-length", body.len().to_string());
            *request.body_mut() = SdkBody::from(body);
        });
        Ok(())
    }
}

/// `body` (`key=value&...`) with the value of each key in `values` replaced,
/// and the keys it does not have (members the SDK does not send) appended.
fn rewrite(body: &[u8], values: &Values) -> Vec<u8> {
    let mut out = Vec::with_capacity(body.len() + 64);
    let mut written = vec![false; values.len()];
    for (index, pair) in body.split(|&byte| byte == b'&').enumerate() {
        if index > 0 {
            out.push(b'&');
        }
        let key = pair.split(|&byte| byte == b'=').next().unwrap_or_default();
        match values.iter().position(|(name, _)| name.as_bytes() == key) {
            Some(found) => {
                written[found] = true;
                field(&mut out, &values[found]);
            }
            None => out.extend_from_slice(pair),
        }
    }
    for (value, _) in values.iter().zip(written).filter(|(_, written)| !written) {
        if !out.is_empty() {
            out.push(b'&');
        }
        field(&mut out, value);
    }
    out
}

fn field(out: &mut Vec<u8>, (name, value): &(String, Vec<u8>)) {
    out.extend(form_urlencoded::byte_serialize(name.as_bytes()).flat_map(str::bytes));
    out.push(b'=');
    out.extend(form_urlencoded::byte_serialize(value).flat_map(str::bytes));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_only_the_named_keys() {
        let values = vec![
            ("MaxItems".to_owned(), b"2147483648".to_vec()),
            ("TagKeys.member.2".to_owned(), b"\xff a&b".to_vec()),
        ];
        let body = b"Action=X&MaxItems=0&TagKeys.member.1=k&TagKeys.member.2=&MaxItemsX=1";
        assert_eq!(
            rewrite(body, &values),
            b"Action=X&MaxItems=2147483648&TagKeys.member.1=k&TagKeys.member.2=%FF+a%26b&MaxItemsX=1"
        );
    }

    #[test]
    fn appends_the_keys_the_body_lacks() {
        let values = vec![("Limits.entry.1.key".to_owned(), b"a b".to_vec())];
        assert_eq!(
            rewrite(b"Action=X", &values),
            b"Action=X&Limits.entry.1.key=a+b"
        );
    }
}
