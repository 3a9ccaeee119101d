//! The shared call path of every operation: arguments -> validation -> request
//! on the runtime -> result dict or exception, blocking (GIL released) or as an
//! awaitable.

use std::future::Future;
use std::sync::{Arc, Mutex};

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyTuple};

use crate::config::Settings;
use crate::errors::{self, Failure};
use crate::operations::Operation;
use crate::recorder::{recorded, CallRecord};
use crate::response::Finished;
use crate::runtime::{self, Generation};
use crate::sdk_client::{self, Meta};
use crate::{aio, response, validate, verbatim};

/// What a request ends with: its outcome and what was recorded along the way.
type Ended = (Result<(), Failure>, CallRecord);

/// The SDK client, and the runtime generation (process) it was built for.
#[derive(Clone)]
struct SdkClient {
    generation: Arc<Generation>,
    client: aws_sdk_iam::Client,
}

pub struct Caller {
    settings: Settings,
    asynchronous: bool,
    /// botocore cannot sign for a custom endpoint without a region: its calls
    /// raise `NoRegionError`.
    lacks_region: std::sync::atomic::AtomicBool,
    sdk: Mutex<Option<SdkClient>>,
    /// A `fastiam.stub.Stubber` while one is active on this client.
    stub: Mutex<Option<Py<PyAny>>>,
}

impl Caller {
    /// Builds the SDK client now, so that configuration errors surface at
    /// client creation, as in boto3; returns where requests will go.
    pub fn new(py: Python<'_>, settings: Settings, asynchronous: bool) -> PyResult<(Self, Meta)> {
        let _attached = runtime::Attached::enter();
        let caller = Self {
            settings,
            asynchronous,
            lacks_region: false.into(),
            sdk: Mutex::new(None),
            stub: Mutex::new(None),
        };
        let (_, meta) = caller.build(py)?;
        let lacks_region = meta.custom_endpoint && caller.settings.region.is_none();
        caller
            .lacks_region
            .store(lacks_region, std::sync::atomic::Ordering::Relaxed);
        Ok((caller, meta))
    }

    fn build(&self, py: Python<'_>) -> PyResult<(SdkClient, Meta)> {
        let generation = runtime::current()?;
        let http_client = generation
            .http_client(&self.settings.transport)
            .map_err(|e| PyValueError::new_err(self.settings.scrub(&e)))?;
        let http_client = crate::transport::capped(http_client, self.settings.max_connections);
        let build = sdk_client::build(self.settings.clone(), http_client);
        let (client, meta) = runtime::wait(py, &generation, build)?
            .map_err(|e| PyValueError::new_err(self.settings.scrub(&e)))?;
        let sdk = SdkClient { generation, client };
        *self
            .sdk
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = Some(sdk.clone());
        Ok((sdk, meta))
    }

    /// The SDK client for the current process, built again after a fork.
    fn sdk(&self, py: Python<'_>) -> PyResult<SdkClient> {
        {
            let mut slot = self
                .sdk
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            if let Some(sdk) = slot.as_ref() {
                if sdk.generation.is_current() {
                    return Ok(sdk.clone());
                }
                // Built on the parent's runtime before a fork: see runtime.rs.
                std::mem::forget(slot.take());
            }
        }
        Ok(self.build(py)?.0)
    }

    /// Whether calls return awaitables (a `fastiam.aio` client).
    pub fn is_asynchronous(&self) -> bool {
        self.asynchronous
    }

    pub fn set_stub(&self, stub: Option<Py<PyAny>>) {
        *self.stub.lock().unwrap_or_else(|p| p.into_inner()) = stub;
    }

    fn stub(&self, py: Python<'_>) -> Option<Py<PyAny>> {
        let stub = self.stub.lock().unwrap_or_else(|p| p.into_inner());
        stub.as_ref().map(|stub| stub.clone_ref(py))
    }

    /// A call answered by a Stubber, in botocore's order: the stub checks the
    /// call against its queue (`_expect`), validation runs, then the stub
    /// gives the queued response or raises its error (`_respond`).
    fn stubbed<'py, O: Operation>(
        &self,
        py: Python<'py>,
        stub: Bound<'py, PyAny>,
        kwargs: Option<&Bound<'py, PyDict>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let params = match kwargs {
            Some(kwargs) => kwargs.copy()?,
            None => PyDict::new(py),
        };
        stub.call_method1("_expect", (O::SPEC.wire_name, &params))?;
        validate::check(
            py,
            O::SPEC.members,
            kwargs,
            self.settings.parameter_validation,
        )?;
        stub.call_method1("_respond", (O::SPEC.wire_name,))
    }

    /// Runs operation `O`: the result dict (sync) or an awaitable of it (async).
    /// An async call raises its validation error when awaited, with nothing sent.
    pub fn call<'py, O: Operation>(
        &self,
        py: Python<'py>,
        args: &Bound<'py, PyTuple>,
        kwargs: Option<&Bound<'py, PyDict>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let _attached = runtime::Attached::enter();
        if let Some(stub) = self.stub(py) {
            if !args.is_empty() {
                return Err(keyword_only::<O>());
            }
            let answered = self.stubbed::<O>(py, stub.into_bound(py), kwargs);
            return match (self.asynchronous, answered) {
                (false, answered) => answered,
                (true, Ok(result)) => aio::ready(py, result),
                (true, Err(error)) => aio::failed(py, error),
            };
        }
        let budget = self.settings.retry_budget();
        let prepared = self.prepare::<O>(py, args, kwargs);
        if !self.asynchronous {
            let (generation, request) = prepared?;
            let (outcome, record) = runtime::wait(py, &generation, request)?;
            let result = response::to_python(py, &O::SPEC, outcome, &record, budget)?;
            return Ok(result.into_any());
        }
        match prepared {
            Ok((generation, request)) => aio::awaitable(py, &generation, async move {
                let (outcome, record) = request.await;
                Finished {
                    operation: &O::SPEC,
                    outcome,
                    record,
                    budget,
                }
            }),
            // Nothing to run: an already failed future, without a trip through the runtime.
            Err(error) => aio::failed(py, error),
        }
    }

    /// Everything before the network: argument checks and the request future.
    fn prepare<'py, O: Operation>(
        &self,
        py: Python<'py>,
        args: &Bound<'py, PyTuple>,
        kwargs: Option<&Bound<'py, PyDict>>,
    ) -> PyResult<(
        Arc<Generation>,
        impl Future<Output = Ended> + Send + 'static,
    )> {
        if !args.is_empty() {
            return Err(keyword_only::<O>());
        }
        if self.lacks_region.load(std::sync::atomic::Ordering::Relaxed) {
            return Err(errors::no_region_error(py));
        }
        let validation = self.settings.parameter_validation;
        let checked = validate::check(py, O::SPEC.members, kwargs, validation)?;
        let mut secrets = checked.args.secrets(O::SPEC.members);
        secrets.extend(self.settings.secrets());
        let sdk = self.sdk(py)?;
        let proxy = self.settings.proxy_shown.clone();
        // Boxed once here: the SDK's request future is tens of kilobytes, and every
        // layer around it (recording, the runtime's task) would otherwise copy it.
        let request = Box::pin(recorded(verbatim::sent_with(
            checked.verbatim,
            O::send(sdk.client, checked.args, secrets),
        )));
        Ok((sdk.generation, async move {
            let (outcome, record) = request.await;
            (
                outcome.map_err(|f| f.through_proxy(proxy.as_deref())),
                record,
            )
        }))
    }
}

/// boto3's error for a positional argument.
fn keyword_only<O: Operation>() -> PyErr {
    PyTypeError::new_err(format!(
        "{}() only accepts keyword arguments.",
        O::SPEC.method
    ))
}
