//! Where botocore's retry decision differs from the SDK's, botocore's wins.
//!
//! botocore retries a 5xx only once it has read the body: an empty body or an
//! HTML page is a retryable server error, but a body that is neither and does
//! not parse as XML fails in its parser and is never retried. The SDK retries
//! on the status alone, and does not retry a response that is not HTTP. botocore also treats a 429 whose code is not one of
//! IAM's modeled errors as throttling; the SDK does not retry it.

use aws_smithy_runtime_api::client::interceptors::context::InterceptorContext;
use aws_smithy_runtime_api::client::retries::classifiers::{
    ClassifyRetry, RetryAction, RetryClassifierPriority,
};
use aws_smithy_xml::decode::{try_data, Document};

#[derive(Debug)]
pub struct UnreadableServerError;

impl ClassifyRetry for UnreadableServerError {
    fn classify_retry(&self, ctx: &InterceptorContext) -> RetryAction {
        let Some(response) = ctx.response() else {
            return connection_ended(ctx);
        };
        let body = response.body().bytes().unwrap_or_default();
        match response.status().as_u16() {
            status if status >= 500 && is_unreadable(body) => RetryAction::RetryForbidden,
            429 if error_code(body)
                .is_some_and(|code| !crate::model::modeled_errors::is_modeled(&code)) =>
            {
                RetryAction::throttling_error()
            }
            _ => RetryAction::NoActionIndicated,
        }
    }

    fn name(&self) -> &'static str {
        "fastiam::UnreadableServerError"
    }
}

/// botocore retries a connection that ended without a usable response
/// (ConnectionClosedError), including one that answered with something that
/// is not HTTP; the SDK gives up on the latter.
fn connection_ended(ctx: &InterceptorContext) -> RetryAction {
    let Some(Err(error)) = ctx.output_or_error() else {
        return RetryAction::NoActionIndicated;
    };
    match error.as_connector_error() {
        Some(connector) if super::failure::closed_early(connector) => {
            RetryAction::transient_error()
        }
        _ => RetryAction::NoActionIndicated,
    }
}

/// `<ErrorResponse><Error><Code>` of a Query-protocol error body.
fn error_code(body: &[u8]) -> Option<String> {
    let text = std::str::from_utf8(body).ok()?;
    let mut document = Document::new(text);
    let mut root = document.root_element().ok()?;
    while let Some(mut error) = root.next_tag() {
        if error.start_el().local() != "Error" {
            continue;
        }
        while let Some(mut child) = error.next_tag() {
            if child.start_el().local() == "Code" {
                return try_data(&mut child).ok().map(|c| c.into_owned());
            }
        }
    }
    None
}

fn is_unreadable(body: &[u8]) -> bool {
    let trimmed = body.trim_ascii();
    if trimmed.is_empty() || trimmed.starts_with(b"<html>") {
        return false;
    }
    match std::str::from_utf8(trimmed) {
        Ok(text) => super::xml_check::check(text) == super::xml_check::Xml::Malformed,
        Err(_) => true,
    }
}

/// botocore's legacy retry mode (`_retry.json`'s general policies) retries an
/// answer only for these statuses, or a 400 with one of these throttling
/// codes; the SDK's standard classifiers also retry transient codes such as
/// `RequestTimeout`. Connection failures are left to the SDK: both retry them.
#[derive(Debug)]
pub struct LegacyRetries;

const LEGACY_STATUSES: [u16; 6] = [429, 500, 502, 503, 504, 509];
const LEGACY_THROTTLING_CODES: [&str; 5] = [
    "Throttling",
    "ThrottlingException",
    "ThrottledException",
    "RequestThrottledException",
    "ProvisionedThroughputExceededException",
];

impl ClassifyRetry for LegacyRetries {
    fn classify_retry(&self, ctx: &InterceptorContext) -> RetryAction {
        let Some(response) = ctx.response() else {
            return RetryAction::NoActionIndicated;
        };
        let status = response.status().as_u16();
        if status == 509 {
            return RetryAction::server_error();
        }
        if LEGACY_STATUSES.contains(&status) {
            return RetryAction::NoActionIndicated;
        }
        let body = response.body().bytes().unwrap_or_default();
        let throttled = status == 400
            && error_code(body)
                .is_some_and(|code| LEGACY_THROTTLING_CODES.contains(&code.as_str()));
        if throttled {
            RetryAction::throttling_error()
        } else {
            RetryAction::RetryForbidden
        }
    }

    fn name(&self) -> &'static str {
        "fastiam::LegacyRetries"
    }

    // First, so that its refusal ends the classification.
    fn priority(&self) -> RetryClassifierPriority {
        RetryClassifierPriority::run_before(RetryClassifierPriority::http_status_code_classifier())
    }
}
