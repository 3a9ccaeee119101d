//! The shared call path of every operation: arguments -> validation -> request
//! on the runtime -> result dict or exception, blocking (GIL released) or as an
//! awaitable.

use std::future::Future;
use std::sync::{Arc, Mutex};

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyTuple};

use super::aio;
use super::mock;
use super::results::{self, Finished};
use crate::exceptions;
use crate::model::validate;
use crate::operations::{Operation, Sending, Spec};
use crate::runtime::{self, Generation};
use crate::transport::capped::capped;
use crate::transport::failure::Failure;
use crate::transport::iam_sdk::{self, Endpoint};
use crate::transport::in_process::{answered_by, in_process};
use crate::transport::recorder::{recorded, CallRecord};
use crate::transport::settings::Settings;
use crate::transport::verbatim;

/// An operation's `send` (see [`Operation::send`]).
type SendFn = fn(aws_sdk_iam::Client, crate::model::values::Args, Vec<String>) -> Sending;

/// What a request ends with: its outcome and what was recorded along the way.
type Ended = (Result<(), Failure>, CallRecord);

/// The SDK, and the runtime generation (process) it was built for.
#[derive(Clone)]
struct ProcessSdk {
    generation: Arc<Generation>,
    sdk: aws_sdk_iam::Client,
}

pub struct Caller {
    settings: Settings,
    asynchronous: bool,
    /// botocore cannot sign for a custom endpoint without a region: its calls
    /// raise `NoRegionError`.
    lacks_region: std::sync::atomic::AtomicBool,
    sdk: Mutex<Option<ProcessSdk>>,
    /// A `fastiam.stub.Stubber` while one is active on this client.
    stubber: Mutex<Option<Py<PyAny>>>,
}

impl Caller {
    /// Builds the SDK now, so that configuration errors surface at client
    /// creation, as in boto3; returns where requests will go.
    pub fn new(
        py: Python<'_>,
        settings: Settings,
        asynchronous: bool,
    ) -> PyResult<(Self, Endpoint)> {
        let _attached = runtime::Attached::enter();
        let caller = Self {
            settings,
            asynchronous,
            lacks_region: false.into(),
            sdk: Mutex::new(None),
            stubber: Mutex::new(None),
        };
        let (_, endpoint) = caller.build(py)?;
        let lacks_region = endpoint.custom_endpoint && caller.settings.region.is_none();
        caller
            .lacks_region
            .store(lacks_region, std::sync::atomic::Ordering::Relaxed);
        Ok((caller, endpoint))
    }

    fn build(&self, py: Python<'_>) -> PyResult<(ProcessSdk, Endpoint)> {
        let generation = runtime::current()?;
        let http_client = self
            .settings
            .transport
            .shared_http_client()
            .map_err(|e| PyValueError::new_err(self.settings.scrub(&e)))?;
        // moto's answers come before the cap: they hold no connection.
        let http_client = in_process(capped(http_client, self.settings.max_connections));
        let build = iam_sdk::build(self.settings.clone(), http_client);
        let (sdk, endpoint) = runtime::wait(py, &generation, build)?
            .map_err(|e| PyValueError::new_err(self.settings.scrub(&e)))?;
        let sdk = ProcessSdk { generation, sdk };
        *self
            .sdk
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = Some(sdk.clone());
        Ok((sdk, endpoint))
    }

    /// The SDK for the current process, built again after a fork.
    fn sdk(&self, py: Python<'_>) -> PyResult<ProcessSdk> {
        {
            let mut slot = self
                .sdk
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            if let Some(sdk) = slot.as_ref() {
                if sdk.generation.is_current() {
                    return Ok(sdk.clone());
                }
                // Built on the parent's runtime before a fork: see runtime/mod.rs.
                std::mem::forget(slot.take());
            }
        }
        Ok(self.build(py)?.0)
    }

    /// Whether calls return awaitables (a `fastiam.aio` client).
    pub fn is_asynchronous(&self) -> bool {
        self.asynchronous
    }

    pub fn set_stubber(&self, stubber: Option<Py<PyAny>>) {
        *self.stubber.lock().unwrap_or_else(|p| p.into_inner()) = stubber;
    }

    fn stubber(&self, py: Python<'_>) -> Option<Py<PyAny>> {
        let stubber = self.stubber.lock().unwrap_or_else(|p| p.into_inner());
        stubber.as_ref().map(|stubber| stubber.clone_ref(py))
    }

    /// A call answered by a Stubber, in botocore's order: the stub checks the
    /// call against its queue (`_expect`), validation runs, then the stub
    /// gives the queued response or raises its error (`_respond`).
    fn stubbed<'py>(
        &self,
        py: Python<'py>,
        spec: &'static Spec,
        stubber: Bound<'py, PyAny>,
        kwargs: Option<&Bound<'py, PyDict>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let params = match kwargs {
            Some(kwargs) => kwargs.copy()?,
            None => PyDict::new(py),
        };
        stubber.call_method1("_expect", (spec.wire_name, &params))?;
        validate::check(
            py,
            spec.members,
            input(spec, kwargs),
            self.settings.parameter_validation,
        )?;
        stubber.call_method1("_respond", (spec.wire_name,))
    }

    /// Runs operation `O`: the result dict (sync) or an awaitable of it (async).
    /// An async call raises its validation error when awaited, with nothing sent.
    #[inline]
    pub fn call<'py, O: Operation>(
        &self,
        py: Python<'py>,
        args: &Bound<'py, PyTuple>,
        kwargs: Option<&Bound<'py, PyDict>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        self.call_spec(py, &O::SPEC, O::send, args, kwargs)
    }

    /// [`Caller::call`] for the operation `spec` sent by `send`: one copy of the
    /// call path for all operations.
    fn call_spec<'py>(
        &self,
        py: Python<'py>,
        spec: &'static Spec,
        send: SendFn,
        args: &Bound<'py, PyTuple>,
        kwargs: Option<&Bound<'py, PyDict>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let _attached = runtime::Attached::enter();
        if let Some(stubber) = self.stubber(py) {
            if !args.is_empty() {
                return Err(keyword_only(spec));
            }
            let answered = self.stubbed(py, spec, stubber.into_bound(py), kwargs);
            return match (self.asynchronous, answered) {
                (false, answered) => answered,
                (true, Ok(result)) => aio::ready(py, result),
                (true, Err(error)) => aio::failed(py, error),
            };
        }
        let budget = self.settings.retry_budget();
        let prepared = self.prepare(py, spec, send, args, kwargs);
        if !self.asynchronous {
            // Driven on this thread (runtime/local.rs); the generation is for asyncio.
            let (_, request) = prepared?;
            let (outcome, record) = runtime::drive(py, request)?;
            let result = results::to_python(py, spec, outcome, &record, budget)?;
            return Ok(result.into_any());
        }
        match prepared {
            Ok((generation, request)) => aio::awaitable(py, &generation, async move {
                let (outcome, record) = request.await;
                Finished {
                    operation: spec,
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
    fn prepare<'py>(
        &self,
        py: Python<'py>,
        spec: &'static Spec,
        send: SendFn,
        args: &Bound<'py, PyTuple>,
        kwargs: Option<&Bound<'py, PyDict>>,
    ) -> PyResult<(
        Arc<Generation>,
        impl Future<Output = Ended> + Send + 'static,
    )> {
        if !args.is_empty() {
            return Err(keyword_only(spec));
        }
        if self.lacks_region.load(std::sync::atomic::Ordering::Relaxed) {
            return Err(exceptions::no_region(py));
        }
        let validation = self.settings.parameter_validation;
        let checked = validate::check(py, spec.members, input(spec, kwargs), validation)?;
        let mut secrets = checked.args.secrets(spec.members);
        secrets.extend(self.settings.secrets());
        let sdk = self.sdk(py)?;
        let responder = mock::responder(py)?;
        let proxy = self.settings.proxy_shown.clone();
        // Boxed once here: the SDK's request future is tens of kilobytes, and every
        // layer around it (recording, the runtime's task) would otherwise copy it.
        let request = Box::pin(recorded(answered_by(
            responder,
            verbatim::sent_with(checked.verbatim, send(sdk.sdk, checked.args, secrets)),
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
fn keyword_only(spec: &Spec) -> PyErr {
    PyTypeError::new_err(format!("{}() only accepts keyword arguments.", spec.method))
}

/// The keyword arguments validation sees: none for an operation without an
/// input shape, which botocore calls with whatever it was given.
fn input<'a, 'py>(
    spec: &Spec,
    kwargs: Option<&'a Bound<'py, PyDict>>,
) -> Option<&'a Bound<'py, PyDict>> {
    kwargs.filter(|_| spec.takes_input)
}
