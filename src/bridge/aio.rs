//! The asyncio bridge: requests run on fastiam's runtime and come back to the
//! event loop in batches, without a tokio thread ever taking the GIL.
//!
//! pyo3-async-runtimes finds the running loop. Its `future_into_py` is not
//! used for completions: it resolves each future from a thread of its own that
//! must take the GIL, and with a thousand calls in flight those threads queue
//! for the GIL and starve the event loop (stalls of 100-230 ms were measured,
//! and about 2,000 calls/s). Here a finished request is pushed onto its loop's
//! queue and, if the queue was empty, one byte is written to a socket the loop
//! watches; the loop then resolves every queued future in one callback.

use std::cell::RefCell;
use std::future::Future;
use std::io::{Read, Write};
use std::os::fd::AsRawFd;
use std::os::unix::net::UnixStream;
use std::panic::AssertUnwindSafe;
use std::sync::{Arc, Mutex, OnceLock};

use futures_util::FutureExt;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyWeakrefReference;
use tokio::task::AbortHandle;

use super::results::Finished;
use crate::exceptions;
use crate::runtime::Generation;

struct Delivery {
    future: Py<PyAny>,
    /// The future's done-callback, taken off before the result is set: left on,
    /// asyncio would schedule and run it for every call that was not cancelled.
    on_cancel: Py<AbortOnCancel>,
    /// `None`: the request's task panicked.
    finished: Option<Finished>,
}

/// The queue of one event loop, shared with the tasks that fill it.
struct Queue {
    items: Mutex<Vec<Delivery>>,
    wake: UnixStream,
}

impl Queue {
    fn push(&self, delivery: Delivery) {
        let was_empty = {
            let mut items = self.items.lock().unwrap_or_else(|p| p.into_inner());
            items.push(delivery);
            items.len() == 1
        };
        if was_empty {
            // Non-blocking: a full socket already means "wake up".
            let _ = (&self.wake).write(&[1]);
        }
    }
}

/// One per event loop (see `fastiam.aio._completions_for`).
#[pyclass(module = "fastiam._native", frozen)]
pub struct Completions {
    queue: Arc<Queue>,
    wakeup: UnixStream,
}

#[pymethods]
impl Completions {
    #[new]
    fn new() -> PyResult<Self> {
        let (wakeup, wake) = UnixStream::pair()?;
        wakeup.set_nonblocking(true)?;
        wake.set_nonblocking(true)?;
        Ok(Self {
            queue: Arc::new(Queue {
                items: Mutex::new(Vec::new()),
                wake,
            }),
            wakeup,
        })
    }

    /// The descriptor the event loop watches (`loop.add_reader`).
    fn fileno(&self) -> i32 {
        self.wakeup.as_raw_fd()
    }

    /// Resolves every finished request's future; the loop calls this when the
    /// descriptor is readable.
    fn drain(&self, py: Python<'_>) -> PyResult<()> {
        super::panics::guarded(py, "asyncio completion", || self.deliver(py))
    }
}

impl Completions {
    fn deliver(&self, py: Python<'_>) -> PyResult<()> {
        let _attached = crate::runtime::Attached::enter();
        let mut sink = [0u8; 64];
        while matches!((&self.wakeup).read(&mut sink), Ok(n) if n > 0) {}
        let items =
            std::mem::take(&mut *self.queue.items.lock().unwrap_or_else(|p| p.into_inner()));
        for Delivery {
            future,
            on_cancel,
            finished,
        } in items
        {
            let future = future.bind(py);
            // A cancelled caller no longer wants the result.
            if future
                .call_method0(pyo3::intern!(py, "done"))?
                .is_truthy()?
            {
                continue;
            }
            future.call_method1(pyo3::intern!(py, "remove_done_callback"), (on_cancel,))?;
            let result = match finished {
                Some(finished) => finished.into_python(py),
                None => Err(exceptions::http_client_error(
                    py,
                    "fastiam's request task panicked",
                )),
            };
            match result {
                Ok(result) => future.call_method1(pyo3::intern!(py, "set_result"), (result,))?,
                Err(error) => future
                    .call_method1(pyo3::intern!(py, "set_exception"), (error.into_value(py),))?,
            };
        }
        Ok(())
    }
}

/// Cancels the request when its asyncio future is cancelled.
#[pyclass(module = "fastiam._native", frozen)]
struct AbortOnCancel(OnceLock<AbortHandle>);

#[pymethods]
impl AbortOnCancel {
    fn __call__(&self, future: &Bound<'_, PyAny>) -> PyResult<()> {
        if future.call_method0("cancelled")?.is_truthy()? {
            if let Some(task) = self.0.get() {
                task.abort();
            }
        }
        Ok(())
    }
}

/// Runs `request` on the runtime and returns an asyncio future of the running
/// loop that gets its delivered result.
pub fn awaitable<'py, F>(
    py: Python<'py>,
    generation: &Generation,
    request: F,
) -> PyResult<Bound<'py, PyAny>>
where
    F: Future<Output = Finished> + Send + 'static,
{
    let event_loop = pyo3_async_runtimes::get_running_loop(py)?;
    let queue = completions(py, &event_loop)?.get().queue.clone();
    let future = event_loop.call_method0(pyo3::intern!(py, "create_future"))?;
    let target = future.clone().unbind();
    let on_cancel = Py::new(py, AbortOnCancel(OnceLock::new()))?;
    let delivered_on_cancel = on_cancel.clone_ref(py);
    let task = generation.runtime.spawn(async move {
        let finished = AssertUnwindSafe(request).catch_unwind().await.ok();
        queue.push(Delivery {
            future: target,
            on_cancel: delivered_on_cancel,
            finished,
        });
    });
    let _ = on_cancel.get().0.set(task.abort_handle());
    future.call_method1(pyo3::intern!(py, "add_done_callback"), (on_cancel,))?;
    Ok(future)
}

thread_local! {
    /// The event loop this thread last made a call on, and its queue. A loop runs
    /// on one thread, so `_completions_for`'s WeakKeyDictionary lookup (a
    /// weakref and Python frames: ~15k instructions a call) is needed only when
    /// the loop changes.
    static LAST_LOOP: RefCell<Option<(Py<PyWeakrefReference>, Py<Completions>)>> =
        const { RefCell::new(None) };
}

/// The completion queue of `event_loop`.
fn completions<'py>(
    py: Python<'py>,
    event_loop: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, Completions>> {
    let cached = LAST_LOOP.with(|last| {
        let last = last.borrow();
        let (weak, completions) = last.as_ref()?;
        let known = weak.bind(py).upgrade()?;
        known.is(event_loop).then(|| completions.bind(py).clone())
    });
    if let Some(completions) = cached {
        return Ok(completions);
    }
    let completions = completions_for(py)?
        .bind(py)
        .call1((event_loop,))?
        .cast_into::<Completions>()?;
    let weak = PyWeakrefReference::new(event_loop)?.unbind();
    LAST_LOOP.with(|last| *last.borrow_mut() = Some((weak, completions.clone().unbind())));
    Ok(completions)
}

/// `fastiam.aio._completions_for`, looked up once rather than on every call.
fn completions_for(py: Python<'_>) -> PyResult<&Py<PyAny>> {
    static FUNCTION: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    FUNCTION.get_or_try_init(py, || {
        Ok(py
            .import("fastiam.aio")?
            .getattr("_completions_for")?
            .unbind())
    })
}

/// An asyncio future of the running event loop that already holds `result`.
pub fn ready<'py>(py: Python<'py>, result: Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let future = pyo3_async_runtimes::get_running_loop(py)?.call_method0("create_future")?;
    future.call_method1("set_result", (result,))?;
    Ok(future)
}

/// An asyncio future of the running event loop that already holds `error`.
pub fn failed<'py>(py: Python<'py>, error: PyErr) -> PyResult<Bound<'py, PyAny>> {
    let future = pyo3_async_runtimes::get_running_loop(py)?.call_method0("create_future")?;
    future.call_method1("set_exception", (error.into_value(py),))?;
    Ok(future)
}
