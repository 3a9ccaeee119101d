//! `fastiam.totp`'s native half: `_native.totp_code` and `_native.totp_plan`.

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString};

use super::panics::guarded;
use crate::totp::{code, decode_seed, plan_pair, SeedError};

impl From<SeedError> for PyErr {
    fn from(error: SeedError) -> PyErr {
        PyValueError::new_err(error.to_string())
    }
}

/// The latest time taken, 2**53 s (285 million years): below it a float holds
/// whole seconds exactly, so the window and the time left in it are exact.
const LATEST: f64 = 9_007_199_254_740_992.0;

fn seconds(name: &str, value: f64) -> PyResult<f64> {
    if !(value.is_finite() && value >= 0.0) {
        return Err(PyValueError::new_err(format!(
            "{name} must be a finite, non-negative number of unix seconds"
        )));
    }
    if value >= LATEST {
        return Err(PyValueError::new_err(format!(
            "{name} must be under 2**53 unix seconds"
        )));
    }
    Ok(value)
}

/// `totp_code(seed, at)`: the code of the window containing `at` (unix seconds).
#[pyfunction]
#[pyo3(signature = (seed, at))]
pub fn totp_code(py: Python<'_>, seed: &Bound<'_, PyAny>, at: f64) -> PyResult<String> {
    guarded(py, "totp_code", || {
        let at = seconds("at", at)?;
        let secret = if let Ok(text) = seed.cast::<PyString>() {
            // A str that is not UTF-8 (lone surrogates) is not base32 either; Python's
            // UnicodeEncodeError would quote a character of the seed.
            let text = text.to_cow().map_err(|_| SeedError::NotBase32)?;
            decode_seed(text.as_bytes())?
        } else if let Ok(bytes) = seed.cast::<PyBytes>() {
            decode_seed(bytes.as_bytes())?
        } else {
            return Err(PyTypeError::new_err(format!(
                "seed must be str or bytes, not {}",
                seed.get_type().name()?
            )));
        };
        Ok(code(&secret, at as u64))
    })
}

/// `totp_plan(now)`: `(seconds to wait, window)` for a pair of codes.
#[pyfunction]
#[pyo3(signature = (now))]
pub fn totp_plan(py: Python<'_>, now: f64) -> PyResult<(f64, u64)> {
    guarded(py, "totp_plan", || {
        let plan = plan_pair(seconds("now", now)?);
        Ok((plan.wait.as_secs_f64(), plan.window))
    })
}
