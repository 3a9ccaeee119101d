//! What boto3 reports about a call that the SDK's output does not carry: the
//! raw status, headers and body of the last attempt, the number of attempts,
//! and the URL that was called.
//!
//! The SDK client is shared by every call, so a client-level interceptor writes
//! into a record that each call installs as a task-local around its request.

use std::cell::RefCell;
use std::future::Future;

use aws_smithy_runtime_api::box_error::BoxError;
use aws_smithy_runtime_api::client::interceptors::context::{
    BeforeDeserializationInterceptorContextMut, BeforeTransmitInterceptorContextRef,
    FinalizerInterceptorContextRef,
};
use aws_smithy_runtime_api::client::interceptors::Intercept;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_types::config_bag::ConfigBag;
use bytes::Bytes;

use super::success_body;

/// The HTTP response of one attempt, as botocore would see it.
#[derive(Debug, Default)]
pub struct RawResponse {
    pub status: u16,
    /// Lower-case names in wire order; values decoded as latin-1 like http.client.
    pub headers: Vec<(String, String)>,
    pub body: Bytes,
}

/// What one attempt got, for the `fastiam` logger (see `bridge/call_log.rs`).
#[derive(Debug)]
pub struct Attempt {
    /// `None`: no response (the connection failed or timed out).
    pub status: Option<u16>,
    pub request_id: Option<String>,
}

#[derive(Debug, Default)]
pub struct CallRecord {
    pub attempts: u32,
    /// The host of each HTTPS attempt sent without certificate checks.
    pub unverified: Vec<String>,
    pub attempt_log: Vec<Attempt>,
    pub url: Option<String>,
    pub last_response: Option<RawResponse>,
}

impl CallRecord {
    pub fn retry_attempts(&self) -> u32 {
        self.attempts.saturating_sub(1)
    }
}

tokio::task_local! {
    static RECORD: RefCell<CallRecord>;
}

/// Notes an HTTPS attempt sent without certificate checks (`verify=False`).
pub fn note_unverified(host: &str) {
    let _ = RECORD.try_with(|record| record.borrow_mut().unverified.push(host.to_owned()));
}

/// Runs one SDK call with a fresh record and returns both.
pub async fn recorded<T>(call: impl Future<Output = T>) -> (T, CallRecord) {
    RECORD
        .scope(RefCell::new(CallRecord::default()), async move {
            let result = call.await;
            (result, RECORD.with(|r| r.take()))
        })
        .await
}

fn with_record(update: impl FnOnce(&mut CallRecord)) {
    // Outside `recorded` (e.g. a credential provider's own STS call) there is no
    // record, and nothing to do.
    let _ = RECORD.try_with(|r| update(&mut r.borrow_mut()));
}

fn latin1(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        // ASCII (every header IAM sends) reads the same either way, and at once.
        Ok(ascii) if ascii.is_ascii() => ascii.to_owned(),
        _ => bytes.iter().map(|&b| b as char).collect(),
    }
}

#[derive(Debug)]
pub struct CallRecorder;

impl Intercept for CallRecorder {
    fn name(&self) -> &'static str {
        "fastiam::CallRecorder"
    }

    fn read_before_transmit(
        &self,
        context: &BeforeTransmitInterceptorContextRef<'_>,
        _: &RuntimeComponents,
        _: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        with_record(|record| {
            if record.url.is_none() {
                record.url = Some(context.request().uri().to_owned());
            }
        });
        Ok(())
    }

    /// A large success's body is kept aside for the record; the SDK parses none
    /// of it (see `success_body.rs`).
    fn modify_before_deserialization(
        &self,
        context: &mut BeforeDeserializationInterceptorContextMut<'_>,
        _: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        success_body::keep_aside(context.response_mut(), cfg);
        Ok(())
    }

    fn read_after_attempt(
        &self,
        context: &FinalizerInterceptorContextRef<'_>,
        _: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        let kept = success_body::kept(cfg);
        with_record(|record| {
            record.attempts += 1;
            let response = context.response();
            record.attempt_log.push(Attempt {
                status: response.map(|response| response.status().as_u16()),
                request_id: response
                    .and_then(|response| response.headers().get("x-amzn-requestid"))
                    .map(str::to_owned),
            });
            record.last_response = response.map(|response| RawResponse {
                status: response.status().as_u16(),
                headers: response
                    .headers()
                    .iter_bytes()
                    .map(|(name, value)| (name.to_owned(), latin1(value)))
                    .collect(),
                body: kept.unwrap_or_else(|| {
                    response
                        .body()
                        .bytes()
                        .map(Bytes::copy_from_slice)
                        .unwrap_or_default()
                }),
            });
        });
        Ok(())
    }
}
