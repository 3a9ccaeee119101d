//! Sync calls driven on the calling thread. Each thread that makes sync calls
//! gets a current-thread runtime of its own, and a call (its connection's I/O
//! included) runs right there while the thread waits, GIL released: no hand-off
//! to a worker thread and no wake-up to come back. The SDK's own floor shows what
//! that is worth (bench/sdk_floor: "sequential" against "handoff").
//!
//! Connections live on the runtime that opened them, so a thread driving its
//! own calls uses HTTP clients of its own ([`driving_here`] tells the transport
//! layer; see `transport/http_clients.rs`). asyncio calls stay on the shared
//! multi-thread runtime.

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::rc::Rc;

use pyo3::prelude::*;
use tokio::runtime::Runtime;

use super::{exit, of_this_process, SIGNAL_CHECK_INTERVAL};

thread_local! {
    /// This thread's runtime, stamped with the process that made it.
    static LOCAL: RefCell<Option<(u32, Rc<Runtime>)>> = const { RefCell::new(None) };
    /// Set while this thread drives a call on its runtime.
    static DRIVING: Cell<bool> = const { Cell::new(false) };
}

/// Whether this thread is driving a call on its own runtime: what the call
/// opens (connections) must then belong to this thread.
pub fn driving_here() -> bool {
    DRIVING.get()
}

/// This thread's runtime, made on first use and again in a forked child (the
/// parent's is leaked there: its I/O driver is the parent's too).
fn local_runtime() -> std::io::Result<Rc<Runtime>> {
    LOCAL.with(|slot| {
        let mut slot = slot.borrow_mut();
        let runtime = of_this_process(&mut slot, || {
            tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .map(Rc::new)
        })?;
        Ok(runtime.clone())
    })
}

/// Marks this thread as driving for as long as it lives, panics included.
struct Driving;

impl Driving {
    fn enter() -> Self {
        DRIVING.set(true);
        Self
    }
}

impl Drop for Driving {
    fn drop(&mut self) {
        DRIVING.set(false);
    }
}

/// Runs `future` to its end on this thread's runtime, GIL released.
///
/// Every [`SIGNAL_CHECK_INTERVAL`] the thread takes the GIL to run Python's
/// signal handlers, so Ctrl-C raises `KeyboardInterrupt` promptly; the call is
/// then dropped. A panic reaches the caller's guard (`bridge/panics.rs`).
pub fn drive<T, F>(py: Python<'_>, future: F) -> PyResult<T>
where
    F: Future<Output = T> + Send,
    T: Send,
{
    let owned = local_runtime().map_err(|e| {
        pyo3::exceptions::PyRuntimeError::new_err(format!(
            "fastiam could not start its runtime: {e}"
        ))
    })?;
    let runtime: &Runtime = &owned;
    let mut future = std::pin::pin!(future);
    loop {
        let waited = py.detach(|| {
            exit::detached_from_python(|| {
                let _driving = Driving::enter();
                // The timeout is made inside: its timer needs the runtime entered.
                runtime.block_on(async {
                    tokio::time::timeout(SIGNAL_CHECK_INTERVAL, future.as_mut()).await
                })
            })
        });
        match waited {
            Ok(value) => return Ok(value),
            Err(_still_running) => py.check_signals()?,
        }
    }
}
