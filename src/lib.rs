//! fastiam's native core: boto3's IAM client on the Rust AWS SDK.

use pyo3::prelude::*;

mod aio;
mod call;
mod call_log;
mod client;
mod config;
mod errors;
mod insecure;
mod meta;
mod modeled;
mod operations;
mod output;
mod profile;
mod read_timeout;
mod recorder;
mod request;
mod response;
mod retry;
mod runtime;
mod sdk_client;
mod test_hooks;
mod totp;
mod transport;
mod validate;
mod verbatim;
mod xml_check;

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    errors::hide_panic_messages();
    m.add_class::<client::Client>()?;
    m.add_class::<aio::Completions>()?;
    m.add_function(wrap_pyfunction!(profile::load_profile, m)?)?;
    let exiting = wrap_pyfunction!(runtime::interpreter_exiting, m)?;
    m.py()
        .import("atexit")?
        .call_method1("register", (&exiting,))?;
    m.add_function(wrap_pyfunction!(totp::totp_code, m)?)?;
    m.add_function(wrap_pyfunction!(totp::totp_plan, m)?)?;
    m.add_function(wrap_pyfunction!(test_hooks::_panic_on_runtime, m)?)?;
    m.add("MODELED_ERRORS", modeled::MODELED_ERRORS.to_vec())?;
    m.add(
        "OPERATIONS",
        operations::ALL
            .iter()
            .map(|spec| spec.method)
            .collect::<Vec<_>>(),
    )?;
    m.add("OUTPUT_SHAPES", operations::output_shapes(m.py())?)?;
    m.add("PAGINATORS", operations::paginators(m.py())?)?;
    m.add("WIRE_NAMES", operations::wire_names(m.py())?)?;
    m.add("INPUT_MEMBERS", operations::input_members(m.py())?)?;
    Ok(())
}
