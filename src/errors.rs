//! SDK failures -> fastiam exceptions.
//!
//! A failed call is first sorted, off the GIL, into a [`Failure`]: either "the
//! server answered" (its raw response is in the call record and Python's
//! `fastiam._wire` turns it into the exact botocore error) or one of the
//! transport/credential failures botocore names. Nothing the SDK prints is
//! passed on as it is: its texts can quote the request, authentication codes
//! included.

use std::error::Error as StdError;

use aws_credential_types::provider::error::CredentialsError;
use aws_smithy_runtime_api::client::result::SdkError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList};

use crate::read_timeout::BodyReadTimeout;
use crate::recorder::CallRecord;

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
    let mut current = Some(error);
    while let Some(e) = current {
        if e.is::<T>() {
            return true;
        }
        current = e.source();
    }
    false
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

fn exceptions(py: Python<'_>) -> PyResult<Bound<'_, PyModule>> {
    py.import("fastiam.exceptions")
}

/// Instantiates `fastiam.exceptions.<class>(**kwargs)` as a Python error.
fn botocore_style(py: Python<'_>, class: &str, kwargs: &[(&str, &str)]) -> PyErr {
    let build = || -> PyResult<PyErr> {
        let kw = PyDict::new(py);
        for (k, v) in kwargs {
            kw.set_item(k, v)?;
        }
        let instance = exceptions(py)?.getattr(class)?.call((), Some(&kw))?;
        Ok(PyErr::from_value(instance))
    };
    build().unwrap_or_else(|e| e)
}

pub fn param_validation_error(py: Python<'_>, report: &str) -> PyErr {
    botocore_style(py, "ParamValidationError", &[("report", report)])
}

/// `ParamValidationError(report=...)` with a report that is already a Python string.
pub fn param_validation_error_from(py: Python<'_>, report: Bound<'_, PyAny>) -> PyErr {
    let build = || -> PyResult<PyErr> {
        let kwargs = PyDict::new(py);
        kwargs.set_item("report", report)?;
        let class = exceptions(py)?.getattr("ParamValidationError")?;
        Ok(PyErr::from_value(class.call((), Some(&kwargs))?))
    };
    build().unwrap_or_else(|e| e)
}

pub fn no_region_error(py: Python<'_>) -> PyErr {
    botocore_style(py, "NoRegionError", &[])
}

/// Makes panics in this library print where they happened but not their
/// message: a panic inside the SDK can format request data (authentication
/// codes, a session token) into it, and stderr ends up in CI logs. The
/// location identifies the bug; the caller gets a Python exception either way.
pub fn hide_panic_messages() {
    std::panic::set_hook(Box::new(|info| {
        let location = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()))
            .unwrap_or_else(|| "an unknown place".to_owned());
        eprintln!("fastiam: internal error (a Rust panic) at {location}; its message is withheld");
    }));
}

/// Runs `body` on the calling thread; a panic in it becomes fastiam's internal
/// error (an `Exception`, without the panic's message) instead of pyo3's
/// `PanicException`, a `BaseException` that `except Exception` would miss.
pub fn guarded<T>(py: Python<'_>, what: &str, body: impl FnOnce() -> PyResult<T>) -> PyResult<T> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(body)).unwrap_or_else(|_| {
        Err(botocore_style(
            py,
            "HTTPClientError",
            &[("error", &format!("fastiam's {what} panicked"))],
        ))
    })
}

/// A panic or cancellation inside a runtime task.
pub fn internal_error(py: Python<'_>, error: &tokio::task::JoinError) -> PyErr {
    let what = if error.is_panic() {
        "panicked"
    } else {
        "was cancelled"
    };
    botocore_style(
        py,
        "HTTPClientError",
        &[("error", &format!("fastiam's request task {what}"))],
    )
}

/// The Python exception for a call that failed without a usable response.
pub fn to_pyerr(py: Python<'_>, failure: Failure, record: &CallRecord) -> PyErr {
    let url = record.url.as_deref().unwrap_or("");
    match failure {
        Failure::ConnectTimeout => {
            botocore_style(py, "ConnectTimeoutError", &[("endpoint_url", url)])
        }
        Failure::ReadTimeout => botocore_style(py, "ReadTimeoutError", &[("endpoint_url", url)]),
        Failure::Connection => {
            botocore_style(py, "EndpointConnectionError", &[("endpoint_url", url)])
        }
        Failure::ConnectionClosed => {
            botocore_style(py, "ConnectionClosedError", &[("endpoint_url", url)])
        }
        Failure::Tls(reason) => {
            botocore_style(py, "SSLError", &[("endpoint_url", url), ("error", &reason)])
        }
        Failure::Proxy(proxy_url) => {
            botocore_style(py, "ProxyConnectionError", &[("proxy_url", &proxy_url)])
        }
        Failure::NoCredentials => botocore_style(py, "NoCredentialsError", &[]),
        Failure::Parameter(report) => param_validation_error(py, &report),
        Failure::Answered => botocore_style(py, "HTTPClientError", &[("error", "no response")]),
        Failure::Other(text) => botocore_style(py, "HTTPClientError", &[("error", &text)]),
    }
}

/// The last response as Python values: status, `[(name, value), ...]`, body.
pub fn raw_response_parts<'py>(
    py: Python<'py>,
    record: &CallRecord,
) -> PyResult<(u16, Bound<'py, PyList>, Bound<'py, PyBytes>)> {
    let response = record.last_response.as_ref();
    let headers = PyList::empty(py);
    for (name, value) in response.iter().flat_map(|r| &r.headers) {
        headers.append((name, value))?;
    }
    let body: &[u8] = response.map_or(&[], |r| &r.body);
    Ok((
        response.map_or(0, |r| r.status),
        headers,
        PyBytes::new(py, body),
    ))
}
