//! The IAM client class: one method per operation, nothing else. The same
//! class serves `fastiam.client` (calls block, with the GIL released) and
//! `fastiam.aio.client` (calls return awaitables), so every operation added
//! here exists in both at once.

use pyo3::exceptions::PyAttributeError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyTuple};

use super::call::Caller;
use super::meta::ClientMeta;
use super::panics::guarded;
use crate::operations;
use crate::transport::settings::ClientArgs;

/// An IAM client with boto3's MFA device methods: the same keyword arguments,
/// result dicts and exceptions. Create it with `fastiam.client("iam", ...)`
/// (calls block, GIL released) or `fastiam.aio.client("iam", ...)` (calls
/// return awaitables); share it freely between threads.
#[pyclass(name = "IAM", module = "fastiam.client", frozen, subclass)]
pub struct Client {
    caller: Caller,
    meta: Py<ClientMeta>,
}

#[pymethods]
impl Client {
    /// `settings`: the client's resolved settings (see `fastiam.session`);
    /// `config`: the `fastiam.Config` it came from, for `client.meta.config`.
    #[new]
    #[pyo3(signature = (settings, *, config=None, asynchronous=false))]
    fn new(
        py: Python<'_>,
        settings: ClientArgs,
        config: Option<Py<PyAny>>,
        asynchronous: bool,
    ) -> PyResult<Self> {
        guarded(py, "client creation", || {
            let (caller, meta) = Caller::new(py, settings.try_into()?, asynchronous)?;
            let meta = Py::new(py, ClientMeta::new(py, meta, config))?;
            Ok(Self { caller, meta })
        })
    }

    /// `client.exceptions`: the modeled error classes, looked up by name.
    #[getter]
    fn exceptions<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py.import("fastiam.exceptions")?.getattr("IAM_EXCEPTIONS")
    }

    /// `client.meta`: region, endpoint and config the client uses.
    #[getter]
    fn meta(&self, py: Python<'_>) -> Py<ClientMeta> {
        self.meta.clone_ref(py)
    }

    /// `client.can_paginate(name)`: whether `get_paginator(name)` works.
    fn can_paginate(&self, py: Python<'_>, operation_name: &str) -> PyResult<bool> {
        py.import("fastiam.paginate")?
            .call_method1("can_paginate", (operation_name,))?
            .extract()
    }

    /// `fastiam.stub.Stubber`'s hook: while set, calls are answered by the
    /// stub (see `Caller::stubbed`) and nothing is sent.
    #[pyo3(signature = (stub))]
    fn _set_stub(&self, stub: Option<Py<PyAny>>) {
        self.caller.set_stubber(stub);
    }

    /// An attribute the client lacks. For an IAM operation that boto3 has and
    /// the Rust SDK under fastiam does not, the AttributeError says so.
    fn __getattr__(slf: &Bound<'_, Self>, name: &str) -> PyResult<Py<PyAny>> {
        let py = slf.py();
        let class = slf.get_type().name()?;
        let mut message = format!("'{class}' object has no attribute '{name}'");
        let unsupported = py.import("fastiam._unsupported")?;
        if let Some(wire) = unsupported
            .getattr("OPERATIONS")?
            .cast::<PyDict>()?
            .get_item(name)?
        {
            let version = unsupported.getattr("SDK_VERSION")?;
            message.push_str(&format!(
                ": IAM's {wire} operation is not in fastiam, because the Rust SDK it runs on \
                 (aws-sdk-iam {version}) does not have it yet"
            ));
        }
        Err(PyAttributeError::new_err(message))
    }

    /// `client.waiter_names`: the names `get_waiter` takes, as boto3 lists them.
    #[getter]
    fn waiter_names<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py.import("fastiam.waiter")?.call_method0("waiter_names")
    }

    /// `client.get_waiter(name)`: boto3's waiter (an asyncio one for a
    /// `fastiam.aio` client).
    fn get_waiter<'py>(slf: &Bound<'py, Self>, waiter_name: &str) -> PyResult<Bound<'py, PyAny>> {
        let asynchronous = slf.get().caller.is_asynchronous();
        slf.py()
            .import("fastiam.waiter")?
            .call_method1("get_waiter", (slf, waiter_name, asynchronous))
    }

    /// `client.get_paginator(name)`: boto3's paginator for a list operation.
    fn get_paginator<'py>(
        slf: &Bound<'py, Self>,
        operation_name: &str,
    ) -> PyResult<Bound<'py, PyAny>> {
        let asynchronous = slf.get().caller.is_asynchronous();
        slf.py()
            .import("fastiam.paginate")?
            .call_method1("get_paginator", (slf, operation_name, asynchronous))
    }
}

/// One method per operation, each `method(**kwargs)` as in boto3.
macro_rules! client_methods {
    ($($method:ident :: $operation:ident),* $(,)?) => {
        #[pymethods]
        impl Client {
            $(
                #[doc = concat!(
                    "`", stringify!($method), "(**kwargs)`: boto3's IAM client method of the ",
                    "same name, with its keyword arguments, validation, result dict and ",
                    "exceptions (see fastiam/_native.pyi for the parameters)."
                )]
                #[pyo3(signature = (*args, **kwargs))]
                fn $method<'py>(
                    &self,
                    py: Python<'py>,
                    args: &Bound<'py, PyTuple>,
                    kwargs: Option<&Bound<'py, PyDict>>,
                ) -> PyResult<Bound<'py, PyAny>> {
                    guarded(py, stringify!($method), || {
                        self.caller.call::<operations::$operation>(py, args, kwargs)
                    })
                }
            )*
        }
    };
}
operations::for_each_operation!(client_methods);
