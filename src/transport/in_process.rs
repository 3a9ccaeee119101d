//! Requests answered inside the process instead of on the network: moto's
//! `mock_aws` serves fastiam clients this way, as it serves boto3's through
//! botocore's `before-send` event.
//!
//! The request is offered to the responder after signing, exactly as it would
//! leave: method, URL, signed headers, form body. The responder's answer goes
//! through the rest of the call as a server's would (parsing, retries, the
//! recorder, logging); no answer (`None`) sends the request on.
//!
//! The SDK client is shared by every call, so the responder rides along as a
//! task-local of the one call that has it; a call without one costs a failed
//! task-local lookup.

use std::future::Future;
use std::sync::{Arc, Mutex};

use aws_smithy_runtime_api::client::http::{
    HttpClient, HttpConnector, HttpConnectorFuture, HttpConnectorSettings, SharedHttpClient,
    SharedHttpConnector,
};
use aws_smithy_runtime_api::client::orchestrator::{HttpRequest, HttpResponse};
use aws_smithy_runtime_api::client::result::ConnectorError;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_runtime_api::http::StatusCode;
use aws_smithy_types::body::SdkBody;
use pyo3::PyErr;

/// A request as it would go on the wire.
pub struct Exchange {
    pub method: String,
    pub url: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

/// A response made in the process.
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

/// Answers requests in the process. Called on a blocking thread, never on a
/// runtime worker: a responder may take the GIL and run for as long as it needs.
pub trait Responder: Send + Sync {
    /// The answer to `request`, `None` to send it on, or the error the
    /// responder raised, which ends the call as it is, without a retry.
    fn answer(&self, request: Exchange) -> Result<Option<Reply>, PyErr>;
}

tokio::task_local! {
    static RESPONDER: Arc<dyn Responder>;
}

/// Runs one SDK call with its requests offered to `responder` first.
pub async fn answered_by<T>(
    responder: Option<Arc<dyn Responder>>,
    call: impl Future<Output = T>,
) -> T {
    match responder {
        None => call.await,
        Some(responder) => RESPONDER.scope(responder, call).await,
    }
}

/// The error a responder raised, kept for the caller: the SDK sees a connector
/// error that no classifier retries, and the bridge raises the error itself.
#[derive(Debug)]
pub struct Raised(Mutex<Option<PyErr>>);

impl Raised {
    /// The error, the first time it is asked for.
    pub fn take(&self) -> Option<PyErr> {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).take()
    }
}

impl std::fmt::Display for Raised {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the in-process responder raised an exception")
    }
}

impl std::error::Error for Raised {}

/// `shared` with each request offered to the call's responder, if it has one.
pub fn in_process(shared: SharedHttpClient) -> SharedHttpClient {
    SharedHttpClient::new(InProcessHttpClient { inner: shared })
}

#[derive(Debug)]
struct InProcessHttpClient {
    inner: SharedHttpClient,
}

impl HttpClient for InProcessHttpClient {
    fn http_connector(
        &self,
        settings: &HttpConnectorSettings,
        components: &RuntimeComponents,
    ) -> SharedHttpConnector {
        SharedHttpConnector::new(InProcessConnector {
            inner: self.inner.http_connector(settings, components),
        })
    }
}

#[derive(Debug)]
struct InProcessConnector {
    inner: SharedHttpConnector,
}

impl HttpConnector for InProcessConnector {
    fn call(&self, request: HttpRequest) -> HttpConnectorFuture {
        let Ok(responder) = RESPONDER.try_with(Arc::clone) else {
            return self.inner.call(request);
        };
        let inner = self.inner.clone();
        HttpConnectorFuture::new(async move {
            let exchange = exchange(&request);
            let answered = tokio::task::spawn_blocking(move || responder.answer(exchange))
                .await
                .map_err(|joined| ConnectorError::other(joined.into(), None))?;
            match answered {
                Ok(Some(reply)) => response(reply),
                Ok(None) => inner.call(request).await,
                Err(error) => Err(ConnectorError::other(
                    Box::new(Raised(Mutex::new(Some(error)))),
                    None,
                )),
            }
        })
    }
}

fn exchange(request: &HttpRequest) -> Exchange {
    Exchange {
        method: request.method().to_owned(),
        url: request.uri().to_owned(),
        headers: request
            .headers()
            .iter_bytes()
            .map(|(name, value)| (name.to_owned(), String::from_utf8_lossy(value).into_owned()))
            .collect(),
        body: request.body().bytes().unwrap_or_default().to_vec(),
    }
}

fn response(reply: Reply) -> Result<HttpResponse, ConnectorError> {
    let unusable =
        |error: Box<dyn std::error::Error + Send + Sync>| ConnectorError::other(error, None);
    let status = StatusCode::try_from(reply.status).map_err(|e| unusable(e.into()))?;
    let mut response = HttpResponse::new(status, SdkBody::from(reply.body));
    for (name, value) in reply.headers {
        response
            .headers_mut()
            .try_append(name, value)
            .map_err(|e| unusable(e.into()))?;
    }
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reply_becomes_the_response() {
        let reply = Reply {
            status: 404,
            headers: vec![("x-amzn-requestid".into(), "abc".into())],
            body: b"<ErrorResponse/>".to_vec(),
        };
        let response = response(reply).unwrap();
        assert_eq!(response.status().as_u16(), 404);
        assert_eq!(response.headers().get("x-amzn-requestid"), Some("abc"));
        assert_eq!(response.body().bytes(), Some(&b"<ErrorResponse/>"[..]));
    }

    #[test]
    fn a_status_http_cannot_carry_is_a_connector_error() {
        let reply = Reply {
            status: 1000,
            headers: vec![],
            body: vec![],
        };
        assert!(response(reply).unwrap_err().is_other());
    }

    #[test]
    fn a_header_http_cannot_carry_is_a_connector_error() {
        let reply = Reply {
            status: 200,
            headers: vec![("bad name".into(), "v".into())],
            body: vec![],
        };
        assert!(response(reply).is_err());
    }
}
