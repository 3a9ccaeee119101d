//! A request that failed without a usable response -> the botocore exception
//! boto3 raises for it.

use pyo3::prelude::*;

use crate::exceptions;
use crate::transport::failure::Failure;
use crate::transport::recorder::CallRecord;

/// The Python exception for a call that failed without a usable response.
pub fn to_pyerr(py: Python<'_>, failure: Failure, record: &CallRecord) -> PyErr {
    let url = record.url.as_deref().unwrap_or("");
    let at_endpoint = |class| exceptions::new(py, class, &[("endpoint_url", url)]);
    match failure {
        Failure::ConnectTimeout => at_endpoint("ConnectTimeoutError"),
        Failure::ReadTimeout => at_endpoint("ReadTimeoutError"),
        Failure::Connection => at_endpoint("EndpointConnectionError"),
        Failure::ConnectionClosed => at_endpoint("ConnectionClosedError"),
        Failure::Tls(reason) => {
            exceptions::new(py, "SSLError", &[("endpoint_url", url), ("error", &reason)])
        }
        Failure::Proxy(proxy_url) => {
            exceptions::new(py, "ProxyConnectionError", &[("proxy_url", &proxy_url)])
        }
        Failure::NoCredentials => exceptions::new(py, "NoCredentialsError", &[]),
        Failure::Parameter(report) => exceptions::param_validation(py, report),
        Failure::Answered => exceptions::http_client_error(py, "no response"),
        Failure::Other(text) => exceptions::http_client_error(py, &text),
        Failure::Raised(error) => error,
    }
}
