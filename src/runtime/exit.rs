//! Interpreter exit: threads that would take the GIL back after Python's
//! `atexit` hooks have run park instead, since Python 3.9-3.13 would end them
//! with `pthread_exit`, which cannot unwind through Rust frames.

use std::cell::Cell;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

use pyo3::prelude::*;

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
pub(super) fn detached_from_python<T>(wait: impl FnOnce() -> T) -> T {
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
