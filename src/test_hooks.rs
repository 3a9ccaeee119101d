//! Hooks the Python test suite calls to reach states it cannot cause from
//! outside (a panic). Compiled only with the `test-hooks` cargo feature, which
//! the test build enables and released wheels never have; no other module
//! imports this one.

use pyo3::prelude::*;

use crate::bridge::panics::guarded;

/// A runtime task (or, with `on_caller`, the calling thread) panics with
/// `message`, so tests can check that the panic hook keeps it from stderr and
/// that the caller gets only fastiam's fixed internal error.
#[cfg(feature = "test-hooks")]
#[pyfunction]
#[pyo3(signature = (message, on_caller=false))]
pub fn _panic_on_runtime(py: Python<'_>, message: String, on_caller: bool) -> PyResult<()> {
    if on_caller {
        return guarded(py, "_panic_on_runtime", || panic!("{message}"));
    }
    let generation = crate::runtime::current()?;
    crate::runtime::wait(py, &generation, async move { panic!("{message}") })
}
