//! The IAM client class: one method per operation, nothing else. The same
//! class serves `fastiam.client` (calls block, with the GIL released) and
//! `fastiam.aio.client` (calls return awaitables), so every operation added
//! here exists in both at once.

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyTuple};

use crate::call::Caller;
use crate::config::ClientArgs;
use crate::operations::EnableMfaDevice;

#[pyclass(name = "IAM", module = "fastiam.client", frozen, subclass)]
pub struct Client {
    caller: Caller,
}

#[pymethods]
impl Client {
    /// `settings`: the client's resolved settings (see `fastiam._create`).
    #[new]
    #[pyo3(signature = (settings, *, asynchronous=false))]
    fn new(py: Python<'_>, settings: ClientArgs, asynchronous: bool) -> PyResult<Self> {
        let caller = Caller::new(py, settings.try_into()?, asynchronous)?;
        Ok(Self { caller })
    }

    /// `client.exceptions`: the modeled error classes, looked up by name.
    #[getter]
    fn exceptions<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py.import("fastiam.exceptions")?.getattr("IAM_EXCEPTIONS")
    }

    #[pyo3(signature = (*args, **kwargs))]
    fn enable_mfa_device<'py>(
        &self,
        py: Python<'py>,
        args: &Bound<'py, PyTuple>,
        kwargs: Option<&Bound<'py, PyDict>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        self.caller.call::<EnableMfaDevice>(py, args, kwargs)
    }
}
