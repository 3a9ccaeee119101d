//! The IAM client class: one method per operation, each a single line over
//! the shared call path in [`Client::call`]. The same class serves
//! `fastiam.client` (calls block, with the GIL released) and `fastiam.aio.client`
//! (calls return awaitables), so every operation exists in both at once.

use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyTuple};

use crate::config::{self, RetryMode, Settings, StaticCredentials};
use crate::errors::Failure;
use crate::operations::{self, EnableMfaDevice, Operation};
use crate::recorder::{recorded, CallRecord};
use crate::runtime::{self, Generation};
use crate::{aio, response, validate};

/// The SDK client together with the runtime generation it was built on.
type Bound_ = (Arc<Generation>, aws_sdk_iam::Client);

#[pyclass(name = "IAM", module = "fastiam.client", frozen, subclass)]
pub struct Client {
    settings: Settings,
    parameter_validation: bool,
    asynchronous: bool,
    sdk: Mutex<Option<Bound_>>,
}

#[pymethods]
impl Client {
    #[new]
    #[pyo3(signature = (
        *,
        region_name=None,
        endpoint_url=None,
        aws_access_key_id=None,
        aws_secret_access_key=None,
        aws_session_token=None,
        connect_timeout=60.0,
        read_timeout=60.0,
        retry_mode="standard",
        max_attempts=3,
        parameter_validation=true,
        user_agent_extra=None,
        asynchronous=false,
    ))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        region_name: Option<String>,
        endpoint_url: Option<String>,
        aws_access_key_id: Option<String>,
        aws_secret_access_key: Option<String>,
        aws_session_token: Option<String>,
        connect_timeout: f64,
        read_timeout: f64,
        retry_mode: &str,
        max_attempts: u32,
        parameter_validation: bool,
        user_agent_extra: Option<String>,
        asynchronous: bool,
    ) -> PyResult<Self> {
        let retry_mode = match retry_mode {
            "legacy" => RetryMode::Legacy,
            "standard" => RetryMode::Standard,
            "adaptive" => RetryMode::Adaptive,
            other => {
                return Err(PyValueError::new_err(format!(
                    "unknown retry mode {other:?}"
                )))
            }
        };
        let credentials = match (aws_access_key_id, aws_secret_access_key) {
            (Some(access_key_id), Some(secret_access_key)) => Some(StaticCredentials {
                access_key_id,
                secret_access_key,
                session_token: aws_session_token,
            }),
            _ => None,
        };
        let settings = Settings {
            region: region_name,
            endpoint_url,
            credentials,
            connect_timeout: seconds(connect_timeout)?,
            read_timeout: seconds(read_timeout)?,
            retry_mode,
            max_attempts: max_attempts.max(1),
            user_agent_extra,
        };
        let client = Self {
            settings,
            parameter_validation,
            asynchronous,
            sdk: Mutex::new(None),
        };
        client.sdk(py)?;
        Ok(client)
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
        self.call::<EnableMfaDevice>(py, args, kwargs)
    }
}

impl Client {
    /// The SDK client for the current process, built (again, after a fork) as needed.
    fn sdk(&self, py: Python<'_>) -> PyResult<Bound_> {
        let mut slot = self
            .sdk
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some((generation, client)) = slot.as_ref() {
            if generation.is_current() {
                return Ok((generation.clone(), client.clone()));
            }
            // Built on the parent's runtime before a fork: see runtime.rs.
            std::mem::forget(slot.take());
        }
        let generation = runtime::current()?;
        let build = config::build_client(self.settings.clone(), generation.http_client.clone());
        let client = runtime::wait(py, &generation, build)?;
        *slot = Some((generation.clone(), client.clone()));
        Ok((generation, client))
    }

    /// Runs operation `O`: the result dict (sync) or an awaitable of it (async).
    /// An async call raises its validation error when awaited, with nothing sent.
    fn call<'py, O: Operation>(
        &self,
        py: Python<'py>,
        args: &Bound<'py, PyTuple>,
        kwargs: Option<&Bound<'py, PyDict>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let budget = self.settings.retry_budget();
        let prepared = self.prepare::<O>(py, args, kwargs);
        if !self.asynchronous {
            let (generation, request) = prepared?;
            let (outcome, record) = runtime::wait(py, &generation, request)?;
            return Ok(
                response::to_python(py, O::SPEC.wire_name, outcome, &record, budget)?.into_any(),
            );
        }
        let request = prepared.map(|(_, request)| request);
        aio::awaitable(py, async move {
            let (outcome, record) = request?.await;
            Python::attach(|py| {
                response::to_python(py, O::SPEC.wire_name, outcome, &record, budget)
                    .map(Bound::unbind)
            })
        })
    }

    /// Everything before the network: argument checks and the request future.
    fn prepare<'py, O: Operation>(
        &self,
        py: Python<'py>,
        args: &Bound<'py, PyTuple>,
        kwargs: Option<&Bound<'py, PyDict>>,
    ) -> PyResult<(
        Arc<Generation>,
        impl Future<Output = (Result<(), Failure>, CallRecord)> + Send + 'static,
    )> {
        if !args.is_empty() {
            return Err(PyTypeError::new_err(format!(
                "{}() only accepts keyword arguments.",
                O::SPEC.method
            )));
        }
        let values = validate::check(py, O::SPEC.members, kwargs, self.parameter_validation)?;
        let mut secrets = operations::secret_values(&O::SPEC, &values);
        secrets.extend(self.settings.secrets());
        let (generation, sdk) = self.sdk(py)?;
        Ok((generation, recorded(O::send(sdk, values, secrets))))
    }
}

fn seconds(value: f64) -> PyResult<Duration> {
    Duration::try_from_secs_f64(value)
        .map_err(|_| PyValueError::new_err(format!("invalid timeout: {value}")))
}
