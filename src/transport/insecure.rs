//! `verify=False`: HTTPS without checking the server's certificate, for the
//! local test endpoints and proxies that boto3 users point it at. The SDK's
//! HTTP client cannot switch verification off, so this connector is fastiam's
//! own: hyper-util's pooled client over hyper-rustls with a verifier that
//! accepts any certificate (signatures are still checked, so the handshake is
//! still TLS), with the client's connect and read timeouts. HTTPS requests go
//! through the configured proxy (a CONNECT tunnel) as urllib3 sends boto3's,
//! and each one is reported for an `InsecureRequestWarning`.

use std::ffi::CString;
use std::sync::Arc;
use std::time::Duration;

use aws_smithy_runtime_api::client::http::{
    HttpConnector, HttpConnectorFuture, SharedHttpConnector,
};
use aws_smithy_runtime_api::client::orchestrator::{HttpRequest, HttpResponse};
use aws_smithy_runtime_api::client::result::ConnectorError;
use aws_smithy_types::body::SdkBody;
use http::{HeaderValue, Uri};
use hyper_rustls::HttpsConnector;
use hyper_util::client::legacy::connect::proxy::Tunnel;
use hyper_util::client::legacy::connect::HttpConnector as TcpConnector;
use hyper_util::client::legacy::Client;
use hyper_util::client::proxy::matcher::Matcher;
use hyper_util::rt::TokioExecutor;
use pyo3::prelude::*;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::{verify_tls12_signature, verify_tls13_signature, CryptoProvider};
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{DigitallySignedStruct, SignatureScheme};

#[derive(Debug)]
struct AcceptAnyCertificate(Arc<CryptoProvider>);

impl ServerCertVerifier for AcceptAnyCertificate {
    fn verify_server_cert(
        &self,
        _: &CertificateDer<'_>,
        _: &[CertificateDer<'_>],
        _: &ServerName<'_>,
        _: &[u8],
        _: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls12_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls13_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.signature_verification_algorithms.supported_schemes()
    }
}

/// The proxy an unverified HTTPS request tunnels through (CONNECT), and the
/// `NO_PROXY` rules that exempt a host from it.
pub struct TunnelProxy {
    matcher: Matcher,
    uri: Uri,
    auth: Option<HeaderValue>,
}

impl TunnelProxy {
    /// `None` for a proxy this connector cannot tunnel through itself (an
    /// `https://` proxy): the caller then keeps the verifying connector.
    pub fn new(url: &str, no_proxy: Option<&str>) -> Option<Self> {
        let alone = Matcher::builder().all(url.to_owned()).build();
        let probe = Uri::from_static("https://iam.amazonaws.com/");
        let intercept = alone.intercept(&probe)?;
        if intercept.uri().scheme_str() != Some("http") {
            return None;
        }
        Some(Self {
            uri: intercept.uri().clone(),
            auth: intercept.basic_auth().cloned(),
            matcher: Matcher::builder()
                .all(url.to_owned())
                .no(no_proxy.unwrap_or_default().to_owned())
                .build(),
        })
    }
}

type Pooled<C> = Client<HttpsConnector<C>, SdkBody>;

pub struct InsecureConnector {
    direct: Pooled<TcpConnector>,
    /// HTTPS through the configured proxy, as urllib3 tunnels it for boto3.
    tunneled: Option<(Matcher, Pooled<Tunnel<TcpConnector>>)>,
    /// Plain-HTTP requests: nothing to verify, so the verifying connector (with
    /// the proxy) serves them.
    plain: SharedHttpConnector,
    read_timeout: Option<Duration>,
}

impl std::fmt::Debug for InsecureConnector {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("InsecureConnector")
            .field("proxied", &self.tunneled.is_some())
            .finish_non_exhaustive()
    }
}

impl InsecureConnector {
    pub fn new(
        connect_timeout: Option<Duration>,
        read_timeout: Option<Duration>,
        proxy: Option<TunnelProxy>,
        plain: SharedHttpConnector,
    ) -> Result<Self, rustls::Error> {
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let tls = rustls::ClientConfig::builder_with_provider(provider.clone())
            .with_safe_default_protocol_versions()?
            .dangerous()
            .with_custom_certificate_verifier(Arc::new(AcceptAnyCertificate(provider)))
            .with_no_client_auth();
        let mut tcp = TcpConnector::new();
        tcp.enforce_http(false);
        tcp.set_nodelay(true);
        tcp.set_connect_timeout(connect_timeout);
        let tunneled = proxy.map(|proxy| {
            let mut tunnel = Tunnel::new(proxy.uri, tcp.clone());
            if let Some(auth) = proxy.auth {
                tunnel = tunnel.with_auth(auth);
            }
            (proxy.matcher, pooled(tls.clone(), tunnel))
        });
        Ok(Self {
            direct: pooled(tls, tcp),
            tunneled,
            plain,
            read_timeout,
        })
    }
}

fn pooled<C>(tls: rustls::ClientConfig, connector: C) -> Pooled<C>
where
    HttpsConnector<C>: hyper_util::client::legacy::connect::Connect + Clone + Send + Sync,
{
    let https = hyper_rustls::HttpsConnectorBuilder::new()
        .with_tls_config(tls)
        .https_or_http()
        .enable_http1()
        .wrap_connector(connector);
    Client::builder(TokioExecutor::new()).build(https)
}

impl HttpConnector for InsecureConnector {
    fn call(&self, request: HttpRequest) -> HttpConnectorFuture {
        let request = match request.try_into_http1x() {
            Ok(request) => request,
            Err(error) => {
                return HttpConnectorFuture::ready(Err(ConnectorError::user(error.into())))
            }
        };
        if request.uri().scheme_str() != Some("https") {
            return match request.try_into() {
                Ok(request) => self.plain.call(request),
                Err(error) => HttpConnectorFuture::ready(Err(ConnectorError::user(error.into()))),
            };
        }
        // urllib3 warns of every unverified HTTPS request boto3 makes; the
        // warning is raised on the caller's thread when the call ends.
        super::recorder::note_unverified(request.uri().host().unwrap_or_default());
        let response = match &self.tunneled {
            Some((matcher, client)) if matcher.intercept(request.uri()).is_some() => {
                client.request(request)
            }
            _ => self.direct.request(request),
        };
        let read_timeout = self.read_timeout;
        HttpConnectorFuture::new(async move {
            let response = match read_timeout {
                Some(limit) => tokio::time::timeout(limit, response)
                    .await
                    .map_err(|_| ConnectorError::timeout("HTTP read timeout".into()))?,
                None => response.await,
            };
            let response = response.map_err(|error| {
                if error.is_connect() {
                    ConnectorError::io(error.into())
                } else {
                    ConnectorError::other(error.into(), None)
                }
            })?;
            HttpResponse::try_from(response.map(SdkBody::from_body_1_x))
                .map_err(|error| ConnectorError::other(error.into(), None))
        })
    }
}

/// urllib3's `InsecureRequestWarning`, once per unverified HTTPS attempt, on the
/// thread that receives the call's result; Python's warning filters decide what
/// shows (urllib3's own make it "always", as under boto3).
pub fn warn_unverified(py: Python<'_>, hosts: &[String]) -> PyResult<()> {
    if hosts.is_empty() {
        return Ok(());
    }
    let category = py
        .import("fastiam._warnings")?
        .call_method0("insecure_request_category")?;
    for host in hosts {
        let message = CString::new(format!(
            "Unverified HTTPS request is being made to host '{host}'. Adding certificate \
             verification is strongly advised. See: \
             https://urllib3.readthedocs.io/en/latest/advanced-usage.html#tls-warnings"
        ))
        .unwrap_or_default();
        PyErr::warn(py, &category, &message, 1)?;
    }
    Ok(())
}
