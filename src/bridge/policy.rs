//! IAM's policy documents (`policyDocumentType` results: a role's trust policy,
//! a policy version's document, ...) arrive URL-encoded; botocore's
//! `json_decode_policies` handler hands them to the caller as the decoded JSON,
//! and so does fastiam. A document that is not JSON stays the text IAM sent.

use percent_encoding::percent_decode_str;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyString;

/// `json.loads(urllib.parse.unquote(text))`, or `text` itself when that is no
/// JSON. Python's `json` parses it, so numbers, duplicate keys and the error
/// cases are botocore's; the unquoting (UTF-8, invalid bytes replaced) is the same.
pub fn decoded<'py>(py: Python<'py>, text: &str) -> PyResult<Bound<'py, PyAny>> {
    static LOADS: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    let loads = LOADS.import(py, "json", "loads")?;
    let unquoted = percent_decode_str(text).decode_utf8_lossy();
    match loads.call1((unquoted.as_ref(),)) {
        Ok(document) => Ok(document),
        Err(error) if error.is_instance_of::<PyValueError>(py) => {
            Ok(PyString::new(py, text).into_any())
        }
        Err(error) => Err(error),
    }
}
