//! `fastiam.exceptions` instances built by botocore's class name: the one place
//! Rust makes fastiam's Python exceptions. It imports nothing from the crate, so
//! every layer may use it.

use pyo3::prelude::*;
use pyo3::types::PyDict;

/// `fastiam.exceptions.<class>(**kwargs)` as a Python error (or the error that
/// building it raised).
pub fn new(py: Python<'_>, class: &str, kwargs: &[(&str, &str)]) -> PyErr {
    build(py, class, |kw| {
        kwargs
            .iter()
            .try_for_each(|(key, value)| kw.set_item(key, value))
    })
}

/// `ParamValidationError(report=...)`. The report may be a Python string: a name or
/// value the caller gave can hold what Rust strings cannot (lone surrogates).
pub fn param_validation<'py>(py: Python<'py>, report: impl IntoPyObject<'py>) -> PyErr {
    build(py, "ParamValidationError", |kw| {
        kw.set_item("report", report)
    })
}

fn build<'py>(
    py: Python<'py>,
    class: &str,
    fill: impl FnOnce(&Bound<'py, PyDict>) -> PyResult<()>,
) -> PyErr {
    let instance = || -> PyResult<PyErr> {
        let kwargs = PyDict::new(py);
        fill(&kwargs)?;
        let class = py.import("fastiam.exceptions")?.getattr(class)?;
        Ok(PyErr::from_value(class.call((), Some(&kwargs))?))
    };
    instance().unwrap_or_else(|e| e)
}

pub fn no_region(py: Python<'_>) -> PyErr {
    new(py, "NoRegionError", &[])
}

/// botocore's catch-all for a failure below HTTP: `HTTPClientError(error=text)`.
pub fn http_client_error(py: Python<'_>, text: &str) -> PyErr {
    new(py, "HTTPClientError", &[("error", text)])
}

/// A panic or cancellation inside a runtime task.
pub fn internal_error(py: Python<'_>, error: &tokio::task::JoinError) -> PyErr {
    let what = if error.is_panic() {
        "panicked"
    } else {
        "was cancelled"
    };
    http_client_error(py, &format!("fastiam's request task {what}"))
}
