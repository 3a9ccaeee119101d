//! fastiam's native core: boto3's IAM client on the Rust AWS SDK.
//!
//! Layers, lowest first; a module imports only from layers below its own:
//! `exceptions` and `totp` (leaves), `runtime`, `model`, `transport`,
//! `operations`, `bridge`, and this file, which wires the Python module.
//! `tests/tools/test_layout.py` checks the rule.

use pyo3::prelude::*;

mod bridge;
mod exceptions;
mod model;
mod operations;
mod runtime;
#[cfg(feature = "test-hooks")]
mod test_hooks;
mod totp;
mod transport;

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    bridge::panics::hide_panic_messages();
    m.add_class::<bridge::client::Client>()?;
    m.add_class::<bridge::aio::Completions>()?;
    m.add_function(wrap_pyfunction!(bridge::profile::load_profile, m)?)?;
    let exiting = wrap_pyfunction!(runtime::interpreter_exiting, m)?;
    m.py()
        .import("atexit")?
        .call_method1("register", (&exiting,))?;
    m.add_function(wrap_pyfunction!(bridge::totp::totp_code, m)?)?;
    m.add_function(wrap_pyfunction!(bridge::totp::totp_plan, m)?)?;
    // Set, not added: `add_function` would list it in `__all__`, the public surface.
    #[cfg(feature = "test-hooks")]
    m.setattr(
        "_panic_on_runtime",
        wrap_pyfunction!(test_hooks::_panic_on_runtime, m)?,
    )?;
    m.add(
        "MODELED_ERRORS",
        model::modeled_errors::MODELED_ERRORS.to_vec(),
    )?;
    bridge::tables::add_to(m)
}
