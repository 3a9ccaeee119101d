//! Where botocore's retry decision differs from the SDK's, botocore's wins.
//!
//! botocore retries a 5xx only once it has read the body: an empty body or an
//! HTML page is a retryable server error, but a body that is neither and does
//! not parse as XML fails in its parser and is never retried. The SDK retries
//! on the status alone.

use aws_smithy_runtime_api::client::interceptors::context::InterceptorContext;
use aws_smithy_runtime_api::client::retries::classifiers::{ClassifyRetry, RetryAction};
use aws_smithy_xml::decode::Document;

#[derive(Debug)]
pub struct UnreadableServerError;

impl ClassifyRetry for UnreadableServerError {
    fn classify_retry(&self, ctx: &InterceptorContext) -> RetryAction {
        let Some(response) = ctx.response() else {
            return RetryAction::NoActionIndicated;
        };
        let body = response.body().bytes().unwrap_or_default();
        if response.status().as_u16() >= 500 && is_unreadable(body) {
            RetryAction::RetryForbidden
        } else {
            RetryAction::NoActionIndicated
        }
    }

    fn name(&self) -> &'static str {
        "fastiam::UnreadableServerError"
    }
}

fn is_unreadable(body: &[u8]) -> bool {
    let trimmed = body.trim_ascii();
    if trimmed.is_empty() || trimmed.starts_with(b"<html>") {
        return false;
    }
    match std::str::from_utf8(trimmed) {
        Ok(text) => Document::new(text).root_element().is_err(),
        Err(_) => true,
    }
}
