//! HTTP clients: one per distinct transport (proxy, trusted certificates) in a
//! process, shared by every fastiam client that asks for the same one, so a
//! new client reuses connections, the TLS setup and the loaded certificates.
//! A client built in a parent process is never used after `fork()`: its
//! connections belong to the parent's runtime.
//!
//! botocore honours `HTTP(S)_PROXY`/`NO_PROXY`, `Config(proxies=...)`,
//! `verify="bundle.pem"` and `AWS_CA_BUNDLE`; the SDK's default HTTP client
//! does none of these, so fastiam builds its connectors itself.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
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

use super::insecure::{InsecureConnector, TunnelProxy};
use super::read_timeout;
use crate::runtime::PerProcess;

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

/// This process's HTTP clients, by transport.
static SHARED: PerProcess<HashMap<Transport, SharedHttpClient>> = PerProcess::new();

impl Transport {
    /// The process's HTTP client for this transport, built on first use.
    pub fn shared_http_client(&self) -> Result<SharedHttpClient, String> {
        SHARED.with(
            || Ok(HashMap::new()),
            |clients| {
                if let Some(client) = clients.get(self) {
                    return Ok(client.clone());
                }
                let client = self.http_client()?;
                clients.insert(self.clone(), client.clone());
                Ok(client)
            },
        )
    }

    fn http_client(&self) -> Result<SharedHttpClient, String> {
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
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
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
/// keeps it: the SDK asks for a connector on every attempt. A thread driving its
/// own sync calls (`runtime::driving_here`) gets connectors of its own, whose
/// connections live on its runtime.
struct CachingHttpClient {
    /// Tells this client's connectors from other clients' in a thread's map.
    id: u64,
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
        if crate::runtime::driving_here() {
            return self.thread_connector(key, settings, components);
        }
        let mut connectors = self
            .connectors
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        connectors
            .entry(key)
            .or_insert_with(|| self.timed_connector(settings, components))
            .clone()
    }
}

/// This thread's connectors, by client and timeouts, stamped with the process
/// that made them (a forked child leaks the parent's: their connections are
/// the parent's).
type ThreadConnectors = Option<(u32, HashMap<(u64, Timeouts), SharedHttpConnector>)>;

thread_local! {
    static THREAD_CONNECTORS: RefCell<ThreadConnectors> = const { RefCell::new(None) };
}

static NEXT_ID: AtomicU64 = AtomicU64::new(0);

impl CachingHttpClient {
    fn timed_connector(
        &self,
        settings: &HttpConnectorSettings,
        components: &RuntimeComponents,
    ) -> SharedHttpConnector {
        SharedHttpConnector::new(TimedConnector {
            inner: self.connector(settings, components),
            read_timeout: settings.read_timeout(),
        })
    }

    /// The connector of the thread driving this call on its own runtime.
    fn thread_connector(
        &self,
        key: Timeouts,
        settings: &HttpConnectorSettings,
        components: &RuntimeComponents,
    ) -> SharedHttpConnector {
        THREAD_CONNECTORS.with(|slot| {
            let mut slot = slot.borrow_mut();
            let made = crate::runtime::of_this_process(&mut slot, || {
                Ok::<_, std::convert::Infallible>(HashMap::new())
            });
            let Ok(connectors) = made;
            connectors
                .entry((self.id, key))
                .or_insert_with(|| self.timed_connector(settings, components))
                .clone()
        })
    }

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
                Some(timeout) => response.map(|body| read_timeout::limit(body, timeout)),
                None => response,
            })
        })
    }
}
