//! Hooks the Python test suite calls to reach states it cannot cause from
//! outside (a panic). Kept apart from the modules they exercise, which never
//! import this one.

use pyo3::prelude::*;

/// `_native._panic_on_runtime(message, on_caller=False)`: a runtime task (or,
/// with `on_caller`, the calling thread) panics with `message`, so tests can
/// check that [`crate::errors::hide_panic_messages`] keeps it from stderr and that the caller
/// gets only fastiam's fixed internal error.
#[pyfunction]
#[pyo3(signature = (message, on_caller=false))]
pub fn _panic_on_runtime(py: Python<'_>, message: String, on_caller: bool) -> PyResult<()> {
    if on_caller {
        return crate::errors::guarded(py, "_panic_on_runtime", || panic!("{message}"));
    }
    let generation = crate::runtime::current()?;
    crate::runtime::wait(py, &generation, async move { panic!("{message}") })
}
