//! The tokio runtime fastiam owns (shared, multi-thread: asyncio calls and
//! client set-up), the blocking wait on it, and each thread's own runtime that
//! drives its sync calls (local.rs).
//!
//! May import: `crate::exceptions`. Never the model, transport, operations or
//! bridge: they run on it.
//!
//! A runtime (and the HTTP clients whose connections live on it: see
//! `transport/http_clients.rs`) belongs to the process that created it: after `fork()` its worker threads do not exist in the
//! child, so anything tied to it would hang there. Each runtime is therefore
//! stamped with the pid that built it, and a child that finds a stale stamp builds
//! a fresh one.

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use pyo3::prelude::*;
use tokio::runtime::Runtime;

use crate::exceptions;

mod exit;
mod local;
mod per_process;

pub use exit::{interpreter_exiting, Attached};
pub use local::{drive, driving_here};
pub use per_process::{of_this_process, PerProcess};

/// How often a blocked sync call wakes up to let Python handle signals (Ctrl-C).
const SIGNAL_CHECK_INTERVAL: Duration = Duration::from_millis(50);

/// Everything that is only valid inside the process that created it.
pub struct Generation {
    pid: u32,
    pub runtime: Runtime,
}

impl Generation {
    fn new(pid: u32) -> std::io::Result<Self> {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(worker_threads())
            .thread_name("fastiam-runtime")
            .enable_all()
            .build()?;
        Ok(Self { pid, runtime })
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

static CURRENT: PerProcess<Arc<Generation>> = PerProcess::new();

/// The runtime of this process, created on first use (and again after a fork).
pub fn current() -> PyResult<Arc<Generation>> {
    CURRENT.with(
        || {
            Generation::new(std::process::id())
                .map(Arc::new)
                .map_err(|e| {
                    pyo3::exceptions::PyRuntimeError::new_err(format!(
                        "fastiam could not start its runtime: {e}"
                    ))
                })
        },
        |generation| Ok(generation.clone()),
    )
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
            exit::detached_from_python(|| {
                generation.runtime.block_on(async {
                    tokio::time::timeout(SIGNAL_CHECK_INTERVAL, &mut task).await
                })
            })
        });
        match waited {
            Ok(Ok(value)) => return Ok(value),
            Ok(Err(join_error)) => return Err(exceptions::internal_error(py, &join_error)),
            Err(_still_running) => {
                if let Err(interrupt) = py.check_signals() {
                    task.abort();
                    return Err(interrupt);
                }
            }
        }
    }
}
