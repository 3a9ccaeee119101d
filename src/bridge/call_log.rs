//! The `fastiam` logger: one DEBUG record per attempt (operation, attempt,
//! status, request id) and a WARNING for each attempt that is retried, through
//! the `log` crate and pyo3-log into Python's `logging`.
//!
//! Records are emitted on the calling thread when a call ends (the sync
//! caller, or the event loop that resolves an async call), never on the
//! runtime's threads: those must not wait for the GIL, and after interpreter
//! shutdown has begun they must not take it at all.
//!
//! The bridge is installed the first time a call ends after the application
//! has imported `logging`: before that nobody can have configured a handler,
//! and `import fastiam` does not pay for importing `logging` itself. The
//! `fastiam` logger gets a `NullHandler`, so it is quiet by default (no
//! "last resort" output of WARNINGs on stderr), as libraries should be.

use std::sync::atomic::{AtomicBool, Ordering};

use log::{Level, LevelFilter};
use pyo3::prelude::*;

use crate::operations::Spec;
use crate::transport::recorder::CallRecord;

const TARGET: &str = "fastiam";

static INSTALLED: AtomicBool = AtomicBool::new(false);

/// Emits the records of one ended call. An exception raised by the
/// application's logging (a filter or handler that raises) is the call's, as
/// it would be from botocore's own log calls.
pub fn emit(py: Python<'_>, operation: &Spec, record: &CallRecord) -> PyResult<()> {
    if !record.attempt_log.is_empty() && installed(py) {
        log_attempts(operation, record);
    }
    // pyo3-log leaves such an exception set rather than lose it.
    PyErr::take(py).map_or(Ok(()), Err)
}

fn log_attempts(operation: &Spec, record: &CallRecord) {
    if !log::log_enabled!(target: TARGET, Level::Debug) {
        return;
    }
    let last = record.attempt_log.len();
    for (index, attempt) in record.attempt_log.iter().enumerate() {
        let number = index + 1;
        let status = attempt
            .status
            .map_or_else(|| "no response".to_owned(), |status| status.to_string());
        let request_id = attempt.request_id.as_deref().unwrap_or("-");
        let event = Event {
            operation: operation.wire_name,
            attempt: number,
            status: &status,
            request_id,
        };
        event.log(
            Level::Debug,
            format_args!(
                "{} attempt {number}: status {status}, request id {request_id}",
                operation.wire_name
            ),
        );
        if number < last {
            event.log(
                Level::Warn,
                format_args!(
                    "{} attempt {number} failed ({status}); retrying",
                    operation.wire_name
                ),
            );
        }
    }
}

/// One attempt's facts, carried by each of its records as attributes.
struct Event<'a> {
    operation: &'a str,
    attempt: usize,
    status: &'a str,
    request_id: &'a str,
}

impl Event<'_> {
    fn log(&self, level: Level, message: std::fmt::Arguments<'_>) {
        log::log!(
            target: TARGET,
            level,
            operation = self.operation, attempt = self.attempt, status = self.status,
            request_id = self.request_id;
            "{message}"
        );
    }
}

/// Whether the bridge is in place, installing it once `logging` is imported.
fn installed(py: Python<'_>) -> bool {
    if INSTALLED.load(Ordering::Relaxed) {
        return true;
    }
    let imported =
        super::sys_modules::imported(py, pyo3::intern!(py, "logging")).map(|m| m.is_some());
    if !matches!(imported, Ok(true)) {
        return false;
    }
    match install(py) {
        Ok(()) => {}
        // Another thread got there first (it holds the `log` crate's slot).
        Err(error) => drop(error),
    }
    INSTALLED.store(true, Ordering::Relaxed);
    true
}

fn install(py: Python<'_>) -> PyResult<()> {
    let logging = py.import("logging")?;
    logging
        .call_method1("getLogger", (TARGET,))?
        .call_method1("addHandler", (logging.call_method0("NullHandler")?,))?;
    // Loggers are cached, levels are not: a level set later counts at once.
    // Other crates' `log` records stay out (they would come from runtime threads).
    let logger = pyo3_log::Logger::new(py, pyo3_log::Caching::Loggers)?
        .filter(LevelFilter::Off)
        .filter_target(TARGET.to_owned(), LevelFilter::Debug);
    let _ = logger.install();
    Ok(())
}
