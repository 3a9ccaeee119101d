//! HTTP clients: one per distinct transport (proxy, trusted certificates) in a
//! process, shared by every fastiam client that asks for the same one, so a
//! new client reuses connections, the TLS setup and the loaded certificates.
//!
//! botocore honours `HTTP(S)_PROXY`/`NO_PROXY`, `Config(proxies=...)`,
//! `verify="bundle.pem"` and `AWS_CA_BUNDLE`; the SDK's default HTTP client
//! does none of these, so fastiam builds its connectors itself.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use aws_smithy_http_client::proxy::ProxyConfig;
use aws_smithy_http_client::tls::{self, rustls_provider::CryptoMode, TlsContext, TrustStore};
use aws_smithy_http_client::Connector;
use aws_smithy_runtime_api::client::http::{
    HttpClient, HttpConnector, HttpConnectorFuture, HttpConnectorSettings, SharedHttpClient,
    SharedHttpConnector,
};
use aws_smithy_runtime_api::client::orchestrator::HttpRequest;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;

use tokio::sync::Semaphore;

use crate::insecure::{InsecureConnector, TunnelProxy};

/// How requests leave the process.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Transport {
    /// The proxy for the endpoint's scheme (`Config(proxies=...)` or the
    /// environment, resolved by `fastiam.session` when the client is created).
    pub proxy: Option<String>,
    /// `NO_PROXY`'s rules.
    pub no_proxy: Option<String>,
    /// PEM certificates to trust instead of the system's (`verify="..."`, `AWS_CA_BUNDLE`).
    pub ca_bundle: Option<Vec<u8>>,
    /// `verify=False`: no certificate checks.
    pub insecure: bool,
}

impl Transport {
    pub fn http_client(&self) -> Result<SharedHttpClient, String> {
        let tls = match &self.ca_bundle {
            None => TlsContext::default(),
            Some(pem) => TlsContext::builder()
                .with_trust_store(
                    TrustStore::empty()
                        .with_native_roots(false)
                        .with_pem_certificate(pem.clone()),
                )
                .build()
                .map_err(|e| format!("invalid CA bundle: {e}"))?,
        };
        let proxy = match &self.proxy {
            None => ProxyConfig::disabled(),
            Some(url) => {
                let proxy = ProxyConfig::all(url.as_str())
                    .map_err(|e| format!("invalid proxy {url}: {e}"))?;
                match &self.no_proxy {
                    Some(rules) => proxy.no_proxy(rules),
                    None => proxy,
                }
            }
        };
        Ok(SharedHttpClient::new(CachingHttpClient {
            tls,
            proxy,
            proxy_url: self.proxy.clone(),
            no_proxy: self.no_proxy.clone(),
            insecure: self.insecure,
            connectors: Mutex::new(HashMap::new()),
        }))
    }
}

/// (connect, read) timeouts: what tells one connector from another.
type Timeouts = (Option<Duration>, Option<Duration>);

/// Builds one connector (with its connection pool) per timeout setting and
/// keeps it: the SDK asks for a connector on every attempt.
struct CachingHttpClient {
    tls: TlsContext,
    proxy: ProxyConfig,
    /// The proxy as configured, for the unverified connector's CONNECT tunnel.
    proxy_url: Option<String>,
    no_proxy: Option<String>,
    insecure: bool,
    connectors: Mutex<HashMap<Timeouts, SharedHttpConnector>>,
}

// By hand: the proxy's configuration holds its password.
impl std::fmt::Debug for CachingHttpClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CachingHttpClient")
            .field("proxied", &self.proxy_url.is_some())
            .field("insecure", &self.insecure)
            .finish_non_exhaustive()
    }
}

impl HttpClient for CachingHttpClient {
    fn http_connector(
        &self,
        settings: &HttpConnectorSettings,
        components: &RuntimeComponents,
    ) -> SharedHttpConnector {
        let key = (settings.connect_timeout(), settings.read_timeout());
        let mut connectors = self
            .connectors
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        connectors
            .entry(key)
            .or_insert_with(|| {
                SharedHttpConnector::new(TimedConnector {
                    inner: self.connector(settings, components),
                    read_timeout: settings.read_timeout(),
                })
            })
            .clone()
    }
}

impl CachingHttpClient {
    fn connector(
        &self,
        settings: &HttpConnectorSettings,
        components: &RuntimeComponents,
    ) -> SharedHttpConnector {
        let verifying = self.verifying_connector(settings, components);
        if !self.insecure {
            return verifying;
        }
        let proxy = match &self.proxy_url {
            None => None,
            Some(url) => match TunnelProxy::new(url, self.no_proxy.as_deref()) {
                Some(proxy) => Some(proxy),
                // A proxy this connector cannot tunnel through: keep verifying
                // rather than bypass the proxy. Failing closed, never open.
                None => return verifying,
            },
        };
        let timeouts = (settings.connect_timeout(), settings.read_timeout());
        // Should rustls refuse the configuration, also keep verifying.
        match InsecureConnector::new(timeouts.0, timeouts.1, proxy, verifying.clone()) {
            Ok(connector) => SharedHttpConnector::new(connector),
            Err(_) => verifying,
        }
    }

    fn verifying_connector(
        &self,
        settings: &HttpConnectorSettings,
        components: &RuntimeComponents,
    ) -> SharedHttpConnector {
        let mut builder = Connector::builder()
            .connector_settings(settings.clone())
            .enable_tcp_nodelay(true)
            .proxy_config(self.proxy.clone())
            .tls_provider(tls::Provider::Rustls(CryptoMode::Ring))
            .tls_context(self.tls.clone());
        builder.set_sleep_impl(components.sleep_impl());
        SharedHttpConnector::new(builder.build())
    }
}

/// Bounds each wait for the response body by the read timeout.
#[derive(Debug)]
struct TimedConnector {
    inner: SharedHttpConnector,
    read_timeout: Option<Duration>,
}

impl HttpConnector for TimedConnector {
    fn call(&self, request: HttpRequest) -> HttpConnectorFuture {
        let inner = self.inner.clone();
        let read_timeout = self.read_timeout;
        HttpConnectorFuture::new(async move {
            let response = inner.call(request).await?;
            Ok(match read_timeout {
                Some(timeout) => response.map(|body| crate::read_timeout::limit(body, timeout)),
                None => response,
            })
        })
    }
}

/// One fastiam client's view of a shared HTTP client: at most `max` of its
/// requests on connections at once (`Config(max_pool_connections)`); more wait
/// for a connection, as in aiobotocore. Fewer, busier connections are also
/// faster than one per request (measured: 256 calls in flight went from
/// ~5,900 to ~7,300-8,000 calls/s with 8-32 connections).
///
/// `max` 0 means no cap, as a pool size of 0 means in urllib3 and aiohttp; any
/// larger value than a semaphore can hold is clamped to that (botocore accepts
/// any int).
pub fn capped(shared: SharedHttpClient, max: usize) -> SharedHttpClient {
    let permits = match max {
        0 => Semaphore::MAX_PERMITS,
        n => n.min(Semaphore::MAX_PERMITS),
    };
    SharedHttpClient::new(CappedHttpClient {
        inner: shared,
        permits: Arc::new(Semaphore::new(permits)),
    })
}

#[derive(Debug)]
struct CappedHttpClient {
    inner: SharedHttpClient,
    permits: Arc<Semaphore>,
}

impl HttpClient for CappedHttpClient {
    fn http_connector(
        &self,
        settings: &HttpConnectorSettings,
        components: &RuntimeComponents,
    ) -> SharedHttpConnector {
        SharedHttpConnector::new(CappedConnector {
            inner: self.inner.http_connector(settings, components),
            permits: self.permits.clone(),
        })
    }
}

/// Holds one of the client's permits while a request is on a connection.
#[derive(Debug)]
struct CappedConnector {
    inner: SharedHttpConnector,
    permits: Arc<Semaphore>,
}

impl HttpConnector for CappedConnector {
    fn call(&self, request: HttpRequest) -> HttpConnectorFuture {
        let inner = self.inner.clone();
        let permits = self.permits.clone();
        HttpConnectorFuture::new(async move {
            // The semaphore is never closed, so acquiring only waits.
            let _permit = permits.acquire_owned().await;
            inner.call(request).await
        })
    }
}
