//! A failed request sorted into a [`Failure`], off the GIL: either "the server
//! answered" (its raw response is in the call record, for the Python side to
//! read as botocore does) or one of the transport/credential failures botocore
//! names. Nothing the SDK prints is passed on as it is: its texts can quote the
//! request, authentication codes included, so they go through [`redact`].

use std::error::Error as StdError;

use aws_credential_types::provider::error::CredentialsError;
use aws_smithy_runtime_api::client::result::SdkError;

use super::in_process::Raised;
use super::read_timeout::BodyReadTimeout;

#[derive(Debug)]
pub enum Failure {
    /// The server sent a response that is an error or could not be read.
    Answered,
    ConnectTimeout,
    ReadTimeout,
    Connection,
    /// The server closed the connection before a complete response.
    ConnectionClosed,
    /// The server's TLS certificate was not trusted; the text says why.
    Tls(String),
    /// The proxy (this URL) could not be reached.
    Proxy(String),
    NoCredentials,
    /// An argument found invalid only on its way out (a virtual device's seed):
    /// the `ParamValidationError` report line. Nothing was sent.
    Parameter(String),
    /// The in-process responder (moto's `mock_aws`) raised this exception.
    Raised(pyo3::PyErr),
    /// Anything else; the text has been through [`redact`].
    Other(String),
}

impl Failure {
    /// A connection failure is the proxy's when requests go through one.
    pub fn through_proxy(self, proxy: Option<&str>) -> Self {
        match (self, proxy) {
            (Failure::Connection, Some(url)) => Failure::Proxy(url.to_owned()),
            (failure, _) => failure,
        }
    }

    pub fn from_sdk<E, R>(error: &SdkError<E, R>, secrets: &[String]) -> Self
    where
        E: StdError + Send + Sync + 'static,
        R: std::fmt::Debug + 'static,
    {
        if let Some(raised) = find_source::<Raised>(error).and_then(Raised::take) {
            return Failure::Raised(raised);
        }
        match error {
            // The body could not be read to its end: botocore's read errors.
            SdkError::ResponseError(_) if has_source::<BodyReadTimeout>(error) => {
                Failure::ReadTimeout
            }
            SdkError::ResponseError(_) if connection_failed(error) => Failure::ConnectionClosed,
            SdkError::ServiceError(_) | SdkError::ResponseError(_) => Failure::Answered,
            SdkError::TimeoutError(_) => Failure::ReadTimeout,
            SdkError::DispatchFailure(dispatch) if dispatch.is_timeout() => {
                if chain_text(error).contains("connect timeout") {
                    Failure::ConnectTimeout
                } else {
                    Failure::ReadTimeout
                }
            }
            _ if has_source::<CredentialsError>(error) => Failure::NoCredentials,
            SdkError::DispatchFailure(_) if closed_early(error) => Failure::ConnectionClosed,
            SdkError::DispatchFailure(_) if chain_text(error).contains("certificate") => {
                Failure::Tls(redact(&tls_reason(error), secrets))
            }
            SdkError::DispatchFailure(dispatch) if dispatch.is_io() => Failure::Connection,
            _ => Failure::Other(redact(&chain_text(error), secrets)),
        }
    }
}

/// `Display` of the error and all its sources, one after the other.
fn chain_text(error: &(dyn StdError + 'static)) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

fn has_source<T: StdError + 'static>(error: &(dyn StdError + 'static)) -> bool {
    find_source::<T>(error).is_some()
}

fn find_source<'a, T: StdError + 'static>(error: &'a (dyn StdError + 'static)) -> Option<&'a T> {
    let mut current = Some(error);
    while let Some(e) = current {
        if let Some(found) = e.downcast_ref::<T>() {
            return Some(found);
        }
        current = e.source();
    }
    None
}

/// The innermost message of the chain (rustls' reason, e.g. "invalid peer
/// certificate: UnknownIssuer").
fn tls_reason(error: &(dyn StdError + 'static)) -> String {
    let mut innermost = error;
    while let Some(cause) = innermost.source() {
        innermost = cause;
    }
    innermost.to_string()
}

/// The connection ended (closed, reset, or sent something that is not HTTP)
/// after the request went out: botocore's ConnectionClosedError.
pub fn closed_early(error: &(dyn StdError + 'static)) -> bool {
    let mut current = Some(error);
    while let Some(e) = current {
        if let Some(hyper_error) = e.downcast_ref::<hyper::Error>() {
            if hyper_error.is_incomplete_message()
                || hyper_error.is_closed()
                || hyper_error.is_parse()
            {
                return true;
            }
        }
        if let Some(io_error) = e.downcast_ref::<std::io::Error>() {
            use std::io::ErrorKind::{
                BrokenPipe, ConnectionAborted, ConnectionReset, UnexpectedEof,
            };
            if matches!(
                io_error.kind(),
                ConnectionReset | ConnectionAborted | BrokenPipe | UnexpectedEof
            ) {
                return true;
            }
        }
        current = e.source();
    }
    false
}

/// A body read that failed in the transport (not in the parser).
fn connection_failed(error: &(dyn StdError + 'static)) -> bool {
    has_source::<hyper::Error>(error) || has_source::<std::io::Error>(error)
}

/// Replaces every secret value in `text` with `***`.
pub fn redact(text: &str, secrets: &[String]) -> String {
    secrets
        .iter()
        .filter(|s| !s.is_empty())
        .fold(text.to_owned(), |acc, secret| acc.replace(secret, "***"))
}
