//! The one tokio runtime fastiam owns, and the blocking wait used by sync calls.
//!
//! A runtime (and the HTTP client whose connections live on it) belongs to the
//! process that created it: after `fork()` its worker threads do not exist in the
//! child, so anything tied to it would hang there. Each runtime is therefore
//! stamped with the pid that built it, and a child that finds a stale stamp builds
//! a fresh one.

use std::cell::Cell;
use std::future::Future;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use std::collections::HashMap;

use aws_smithy_runtime_api::client::http::SharedHttpClient;
use pyo3::prelude::*;
use tokio::runtime::Runtime;

use crate::transport::Transport;

/// How often a blocked sync call wakes up to let Python handle signals (Ctrl-C).
const SIGNAL_CHECK_INTERVAL: Duration = Duration::from_millis(50);

/// Everything that is only valid inside the process that created it.
pub struct Generation {
    pid: u32,
    pub runtime: Runtime,
    /// Shared by every client of this process with the same transport.
    http_clients: Mutex<HashMap<Transport, SharedHttpClient>>,
}

impl Generation {
    fn new(pid: u32) -> std::io::Result<Self> {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(worker_threads())
            .thread_name("fastiam-runtime")
            .enable_all()
            .build()?;
        Ok(Self {
            pid,
            runtime,
            http_clients: Mutex::new(HashMap::new()),
        })
    }

    /// The HTTP client for `transport`, built on first use.
    pub fn http_client(&self, transport: &Transport) -> Result<SharedHttpClient, String> {
        let mut clients = self
            .http_clients
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(client) = clients.get(transport) {
            return Ok(client.clone());
        }
        let client = transport.http_client()?;
        clients.insert(transport.clone(), client.clone());
        Ok(client)
    }

    pub fn is_current(&self) -> bool {
        self.pid == std::process::id()
    }
}

fn worker_threads() -> usize {
    std::thread::available_parallelism()
        .map(|n| n.get().clamp(2, 8))
        .unwrap_or(2)
}

static CURRENT: Mutex<Option<Arc<Generation>>> = Mutex::new(None);

/// The runtime of this process, created on first use (and again after a fork).
pub fn current() -> PyResult<Arc<Generation>> {
    let mut slot = CURRENT
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some(generation) = slot.as_ref() {
        if generation.is_current() {
            return Ok(generation.clone());
        }
        // Inherited from the parent across fork(): dropping it would join worker
        // threads that only exist in the parent, so it is deliberately leaked.
        std::mem::forget(slot.take());
    }
    let generation = Arc::new(Generation::new(std::process::id()).map_err(|e| {
        pyo3::exceptions::PyRuntimeError::new_err(format!(
            "fastiam could not start its runtime: {e}"
        ))
    })?);
    *slot = Some(generation.clone());
    Ok(generation)
}

/// Set by an `atexit` hook: the interpreter is shutting down. On Python
/// 3.9-3.13 a daemon thread that takes the GIL back after that point is ended
/// with `pthread_exit`, which cannot unwind through Rust frames and aborts the
/// process. A sync call that finishes then parks its thread instead (as
/// Python 3.14 does); the process is exiting anyway.
static EXITING: AtomicBool = AtomicBool::new(false);
static EXITING_THREAD: std::sync::OnceLock<std::thread::ThreadId> = std::sync::OnceLock::new();

/// Threads running Python code under fastiam's Rust frames (an import, a
/// loop's `add_reader`, the caller's `__str__`): any of it can let the GIL go
/// and take it back, so the exit hook waits for them to leave.
static ATTACHED: AtomicUsize = AtomicUsize::new(0);

/// How long the exit hook waits for [`ATTACHED`] threads.
const EXIT_GRACE: Duration = Duration::from_secs(2);

thread_local! {
    /// Nesting of [`Attached`] guards on this thread.
    static DEPTH: Cell<u32> = const { Cell::new(0) };
}

/// Held while a call runs Python code under fastiam's frames (see [`ATTACHED`]).
pub struct Attached(());

impl Attached {
    pub fn enter() -> Self {
        if DEPTH.replace(DEPTH.get() + 1) == 0 {
            ATTACHED.fetch_add(1, Ordering::SeqCst);
        }
        Self(())
    }
}

impl Drop for Attached {
    fn drop(&mut self) {
        if DEPTH.replace(DEPTH.get() - 1) == 1 {
            ATTACHED.fetch_sub(1, Ordering::SeqCst);
        }
    }
}

/// Runs `wait` (which must not touch Python) counted as away from Python.
fn detached_from_python<T>(wait: impl FnOnce() -> T) -> T {
    let counted = DEPTH.get() > 0;
    if counted {
        ATTACHED.fetch_sub(1, Ordering::SeqCst);
    }
    let value = wait();
    if counted {
        ATTACHED.fetch_add(1, Ordering::SeqCst);
    }
    park_if_exiting();
    value
}

/// The `atexit` hook (registered in lib.rs); atexit hooks run on the thread
/// that finalizes the interpreter, which must never park. It waits (GIL
/// released, at most [`EXIT_GRACE`]) for daemon threads to leave Python code
/// run under fastiam's frames; from then on they park rather than re-enter it.
#[pyfunction]
pub fn interpreter_exiting(py: Python<'_>) {
    let _ = EXITING_THREAD.set(std::thread::current().id());
    EXITING.store(true, Ordering::SeqCst);
    let mine = DEPTH.get().min(1) as usize;
    py.detach(|| {
        let deadline = std::time::Instant::now() + EXIT_GRACE;
        while ATTACHED.load(Ordering::SeqCst) > mine && std::time::Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(1));
        }
    });
}

/// Parks a daemon thread forever once the interpreter is exiting.
fn park_if_exiting() {
    let exiting = EXITING.load(Ordering::SeqCst);
    if exiting && EXITING_THREAD.get() != Some(&std::thread::current().id()) {
        if DEPTH.get() > 0 {
            ATTACHED.fetch_sub(1, Ordering::SeqCst);
        }
        loop {
            std::thread::park();
        }
    }
}

/// Runs `future` on the runtime and waits for it with the GIL released.
///
/// The wait wakes up every [`SIGNAL_CHECK_INTERVAL`] to run Python's signal
/// handlers, so Ctrl-C raises `KeyboardInterrupt` promptly; the in-flight request
/// is then dropped. A panic inside the future becomes a Python exception.
pub fn wait<T, F>(py: Python<'_>, generation: &Generation, future: F) -> PyResult<T>
where
    F: Future<Output = T> + Send + 'static,
    T: Send + 'static,
{
    let mut task = generation.runtime.spawn(future);
    loop {
        let waited = py.detach(|| {
            detached_from_python(|| {
                generation.runtime.block_on(async {
                    tokio::time::timeout(SIGNAL_CHECK_INTERVAL, &mut task).await
                })
            })
        });
        match waited {
            Ok(Ok(value)) => return Ok(value),
            Ok(Err(join_error)) => return Err(crate::errors::internal_error(py, &join_error)),
            Err(_still_running) => {
                if let Err(interrupt) = py.check_signals() {
                    task.abort();
                    return Err(interrupt);
                }
            }
        }
    }
}
