//! Panics kept from reaching Python as they are: their messages withheld from
//! stderr, and a panic on the calling thread turned into fastiam's internal error.

use pyo3::prelude::*;

use crate::exceptions;

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
        Err(exceptions::http_client_error(
            py,
            &format!("fastiam's {what} panicked"),
        ))
    })
}
