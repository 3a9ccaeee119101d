//! The finished call -> the dict boto3 returns, or the exception it raises.
//!
//! The common case, a well-formed XML success, is read here. Everything else
//! (error bodies, HTML pages, bodies that do not parse) goes to
//! `fastiam._wire.parse_response`, which follows botocore's parser step by step
//! so that odd responses give botocore's exact results.

use std::borrow::Cow;

use aws_smithy_xml::decode::{try_data, Document};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList};

use super::{call_log, errors, fast_reader};
use crate::model::keys;
use crate::operations::Spec;
use crate::transport::failure::Failure;
use crate::transport::recorder::CallRecord;
use crate::transport::settings::RetryBudget;
use crate::transport::xml_check::{self, Xml};

/// A request that has ended, on its way to an asyncio future.
pub struct Finished {
    pub operation: &'static Spec,
    pub outcome: Result<(), Failure>,
    pub record: CallRecord,
    pub budget: RetryBudget,
}

impl Finished {
    pub fn into_python(self, py: Python<'_>) -> PyResult<Bound<'_, PyDict>> {
        to_python(py, self.operation, self.outcome, &self.record, self.budget)
    }
}

/// Turns the outcome of one call into its Python result.
pub fn to_python<'py>(
    py: Python<'py>,
    operation: &Spec,
    outcome: Result<(), Failure>,
    record: &CallRecord,
    budget: RetryBudget,
) -> PyResult<Bound<'py, PyDict>> {
    call_log::emit(py, operation, record)?;
    crate::transport::insecure::warn_unverified(py, &record.unverified)?;
    match outcome {
        Ok(()) => match fast_success(py, operation, record, budget)? {
            Some(result) => Ok(result),
            None => from_python(py, operation, record, budget),
        },
        Err(Failure::Answered) if record.last_response.is_some() => {
            from_python(py, operation, record, budget)
        }
        Err(failure) => Err(errors::to_pyerr(py, failure, record)),
    }
}

fn max_attempts_reached(record: &CallRecord, budget: RetryBudget) -> bool {
    budget.exhausted(
        record.attempts,
        record.last_response.as_ref().map(|r| r.status),
    )
}

/// A success body read in one pass: its result members (if the operation has
/// any) and the `ResponseMetadata` children.
struct Success<'py> {
    result: Bound<'py, PyDict>,
    metadata: Vec<(String, Option<String>)>,
}

/// `<XResponse><XResult>..</XResult><ResponseMetadata>..</ResponseMetadata></XResponse>`;
/// `None` when the body is not what the fast path reads (see `fast_reader.rs`).
fn read_success<'py>(
    py: Python<'py>,
    operation: &Spec,
    body: &[u8],
) -> PyResult<Option<Success<'py>>> {
    let Ok(text) = std::str::from_utf8(body) else {
        return Ok(None);
    };
    if xml_check::check(text) != Xml::Simple {
        return Ok(None);
    }
    let mut document = Document::new(text);
    let Ok(mut root) = document.root_element() else {
        return Ok(None);
    };
    let mut result = None;
    let mut metadata = Vec::new();
    while let Some(mut element) = root.next_tag() {
        let name = element.start_el().local();
        if name == "ResponseMetadata" {
            while let Some(mut child) = element.next_tag() {
                let name = child.start_el().local().to_owned();
                let Ok(value) = try_data(&mut child) else {
                    return Ok(None);
                };
                metadata.push((name, (!value.is_empty()).then(|| value.into_owned())));
            }
        } else if result.is_none()
            && !operation.output.is_empty()
            && name.strip_suffix("Result") == Some(operation.wire_name)
        {
            match fast_reader::structure(py, operation.output, &mut element)? {
                Some(dict) => result = Some(dict),
                None => return Ok(None),
            }
        }
    }
    let result = match result {
        Some(result) => result,
        // botocore fails on a success without its result element: leave it to _wire.
        None if !operation.output.is_empty() => return Ok(None),
        None => PyDict::new(py),
    };
    Ok(Some(Success { result, metadata }))
}

fn fast_success<'py>(
    py: Python<'py>,
    operation: &Spec,
    record: &CallRecord,
    budget: RetryBudget,
) -> PyResult<Option<Bound<'py, PyDict>>> {
    let Some(response) = &record.last_response else {
        return Ok(None);
    };
    let Some(Success {
        result,
        metadata: children,
    }) = read_success(py, operation, &response.body)?
    else {
        return Ok(None);
    };
    let metadata = PyDict::new(py);
    for (name, value) in children {
        metadata.set_item(keys::metadata_key(py, &name), value)?;
    }
    metadata.set_item(keys::key(py, "HTTPStatusCode"), response.status)?;
    let headers = PyDict::new(py);
    for (name, value) in folded(&response.headers) {
        headers.set_item(keys::header_key(py, name), value)?;
    }
    metadata.set_item(keys::key(py, "HTTPHeaders"), headers)?;
    if max_attempts_reached(record, budget) {
        metadata.set_item(keys::key(py, "MaxAttemptsReached"), true)?;
    }
    metadata.set_item(keys::key(py, "RetryAttempts"), record.retry_attempts())?;
    result.set_item(keys::key(py, "ResponseMetadata"), metadata)?;
    Ok(Some(result))
}

/// The headers with a repeated one folded into one comma-separated value at
/// its first place, as http.client does.
fn folded(headers: &[(String, String)]) -> Vec<(&str, Cow<'_, str>)> {
    let mut folded: Vec<(&str, Cow<'_, str>)> = Vec::with_capacity(headers.len());
    for (name, value) in headers {
        match folded.iter_mut().find(|(seen, _)| *seen == name.as_str()) {
            Some((_, first)) => *first = Cow::Owned(format!("{first}, {value}")),
            None => folded.push((name, Cow::Borrowed(value))),
        }
    }
    folded
}

/// Hands the raw response to `fastiam._wire.parse_response`, which returns the
/// result dict or raises the botocore-equivalent exception.
pub fn from_python<'py>(
    py: Python<'py>,
    operation: &Spec,
    record: &CallRecord,
    budget: RetryBudget,
) -> PyResult<Bound<'py, PyDict>> {
    let (status, headers, body) = raw_response_parts(py, record)?;
    py.import("fastiam._wire")?
        .getattr("parse_response")?
        .call1((
            operation.wire_name,
            status,
            headers,
            body,
            record.retry_attempts(),
            max_attempts_reached(record, budget),
        ))?
        .cast_into::<PyDict>()
        .map_err(Into::into)
}

/// The last response as Python values: status, `[(name, value), ...]`, body.
fn raw_response_parts<'py>(
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
