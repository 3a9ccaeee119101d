//! moto's `mock_aws` for fastiam clients. moto answers boto3 through
//! botocore's `before-send` event, which its `BotocoreStubber` handles while a
//! mock is active; fastiam hands each signed request to that same stubber
//! (`fastiam._moto`), so boto3 and fastiam clients share moto's state.
//!
//! The check runs on every call, so a client made before the mock is served by
//! it, and goes back to its endpoint when the mock stops. With moto not
//! imported it costs one `sys.modules` lookup; with moto imported and no mock
//! active, a flag read.

use std::sync::Arc;

use pyo3::exceptions::PyRuntimeError;
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBytes, PyList};

use super::sys_modules;
use crate::transport::in_process::{Exchange, Reply, Responder};

/// The responder for a call made now: moto's, while a `mock_aws` is active.
pub fn responder(py: Python<'_>) -> PyResult<Option<Arc<dyn Responder>>> {
    // Where moto keeps its stubber (moto 4 and 5).
    let Some(models) = sys_modules::imported(py, intern!(py, "moto.core.models"))? else {
        return Ok(None);
    };
    let Ok(stubber) = models.getattr(intern!(py, "botocore_stubber")) else {
        return Err(lacks_hook(py));
    };
    let Ok(enabled) = stubber.getattr(intern!(py, "enabled")) else {
        return Err(lacks_hook(py));
    };
    if !enabled.is_truthy()? {
        return Ok(None);
    }
    Ok(Some(Arc::new(Moto)))
}

/// A moto without the stubber fastiam hands requests to: refusing the call is
/// better than letting it reach the real endpoint in the middle of a test.
fn lacks_hook(py: Python<'_>) -> PyErr {
    let version = py
        .import("importlib.metadata")
        .and_then(|metadata| metadata.call_method1("version", ("moto",)))
        .and_then(|version| version.extract::<String>())
        .unwrap_or_else(|_| "unknown".to_owned());
    PyRuntimeError::new_err(format!(
        "fastiam serves mock_aws through moto's botocore stubber \
         (moto.core.models.botocore_stubber), which the installed moto {version} \
         does not have: install moto>=5"
    ))
}

/// Hands requests to `fastiam._moto.answer`.
struct Moto;

impl Responder for Moto {
    fn answer(&self, request: Exchange) -> Result<Option<Reply>, PyErr> {
        // Never during interpreter shutdown: the call fails instead.
        Python::try_attach(|py| answer(py, request)).unwrap_or_else(|| {
            Err(PyRuntimeError::new_err(
                "the interpreter is shutting down: moto cannot answer",
            ))
        })
    }
}

fn answer(py: Python<'_>, request: Exchange) -> PyResult<Option<Reply>> {
    static ANSWER: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    let answer = ANSWER
        .get_or_try_init(py, || {
            Ok::<_, PyErr>(py.import("fastiam._moto")?.getattr("answer")?.unbind())
        })?
        .bind(py);
    let headers = PyList::new(py, request.headers)?;
    let body = PyBytes::new(py, &request.body);
    let answered = answer.call1((request.method, request.url, headers, body))?;
    if answered.is_none() {
        return Ok(None);
    }
    let (status, headers, body): (u16, Vec<(String, String)>, Vec<u8>) = answered.extract()?;
    Ok(Some(Reply {
        status,
        headers,
        body,
    }))
}
