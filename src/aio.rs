//! The asyncio bridge: pyo3-async-runtimes' generic API driven by fastiam's own
//! runtime (see runtime.rs), so async calls share the sync calls' runtime and
//! HTTP connections, and keep working after a fork.
//!
//! pyo3-async-runtimes' tokio integration keeps its runtime in a `OnceLock` that
//! a forked child could never rebuild; its generic API lets fastiam supply one.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use pyo3::prelude::*;
use pyo3_async_runtimes::generic::{ContextExt, JoinError, Runtime};
use pyo3_async_runtimes::TaskLocals;

use crate::runtime;

tokio::task_local! {
    static TASK_LOCALS: TaskLocals;
}

pub struct FastiamRuntime;

pub struct TaskJoinError(Option<tokio::task::JoinError>);

impl JoinError for TaskJoinError {
    fn is_panic(&self) -> bool {
        self.0.as_ref().is_some_and(|e| e.is_panic())
    }

    fn into_panic(self) -> Box<dyn std::any::Any + Send + 'static> {
        match self.0 {
            Some(e) if e.is_panic() => e.into_panic(),
            _ => Box::new("fastiam's runtime could not run the task"),
        }
    }
}

/// A spawned task, or (if the runtime could not be started) an immediate error.
pub enum TaskHandle {
    Spawned(tokio::task::JoinHandle<()>),
    NotStarted,
}

impl Future for TaskHandle {
    type Output = Result<(), TaskJoinError>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        match self.get_mut() {
            TaskHandle::Spawned(handle) => Pin::new(handle)
                .poll(cx)
                .map_err(|e| TaskJoinError(Some(e))),
            TaskHandle::NotStarted => Poll::Ready(Err(TaskJoinError(None))),
        }
    }
}

impl Runtime for FastiamRuntime {
    type JoinError = TaskJoinError;
    type JoinHandle = TaskHandle;

    fn spawn<F>(fut: F) -> Self::JoinHandle
    where
        F: Future<Output = ()> + Send + 'static,
    {
        match runtime::current() {
            Ok(generation) => TaskHandle::Spawned(generation.runtime.spawn(fut)),
            Err(_) => TaskHandle::NotStarted,
        }
    }

    fn spawn_blocking<F>(f: F) -> Self::JoinHandle
    where
        F: FnOnce() + Send + 'static,
    {
        match runtime::current() {
            Ok(generation) => TaskHandle::Spawned(generation.runtime.spawn_blocking(f)),
            Err(_) => TaskHandle::NotStarted,
        }
    }
}

impl ContextExt for FastiamRuntime {
    fn scope<F, R>(locals: TaskLocals, fut: F) -> Pin<Box<dyn Future<Output = R> + Send>>
    where
        F: Future<Output = R> + Send + 'static,
    {
        Box::pin(TASK_LOCALS.scope(locals, fut))
    }

    fn get_task_locals() -> Option<TaskLocals> {
        TASK_LOCALS.try_with(TaskLocals::clone).ok()
    }
}

/// Wraps `future` in an asyncio future of the running event loop.
pub fn awaitable<'py, F, T>(py: Python<'py>, future: F) -> PyResult<Bound<'py, PyAny>>
where
    F: Future<Output = PyResult<T>> + Send + 'static,
    T: for<'a> IntoPyObject<'a> + Send + 'static,
{
    pyo3_async_runtimes::generic::future_into_py::<FastiamRuntime, F, T>(py, future)
}
