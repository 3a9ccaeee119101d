//! `fastiam.client(...)` settings -> the typed, final [`Settings`] of a client.
//!
//! The Python layer (`fastiam.session`) has already applied botocore's
//! precedence rules (argument, Config, Session, environment, profile) and
//! validated the values, so what arrives here is plain and final.

use std::time::Duration;

use aws_smithy_types::retry::{RetryConfig, RetrySpec};
use aws_smithy_types::timeout::TimeoutConfig;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

use super::http_clients::Transport;
use crate::model::validate::Validation;

/// Retry backoff as botocore's standard mode: random(0, 1) x base x 2^retry,
/// base 1 s for throttling and 50 ms otherwise (the SDK's v2.1 spec), capped at 20 s.
const RETRY_INITIAL_BACKOFF: Duration = Duration::from_secs(1);
const RETRY_MAX_BACKOFF: Duration = Duration::from_secs(20);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RetryMode {
    /// botocore's legacy mode: its attempt count, on the SDK's standard strategy.
    Legacy,
    Standard,
    Adaptive,
}

/// When botocore marks a result `MaxAttemptsReached`: standard and adaptive
/// modes once the last allowed attempt ran, whatever its outcome; legacy mode
/// only when that attempt failed in a way it would have retried.
#[derive(Clone, Copy, Debug)]
pub struct RetryBudget {
    pub mode: RetryMode,
    pub max_attempts: u32,
}

impl RetryBudget {
    pub fn exhausted(&self, attempts: u32, last_status: Option<u16>) -> bool {
        let wanted_retry = match self.mode {
            RetryMode::Legacy => last_status.is_none_or(|s| s >= 500 || s == 429),
            RetryMode::Standard | RetryMode::Adaptive => true,
        };
        attempts >= self.max_attempts && wanted_retry
    }
}

#[derive(Clone)]
pub struct StaticCredentials {
    pub access_key_id: String,
    pub secret_access_key: String,
    pub session_token: Option<String>,
}

// Written by hand so that a stray `{:?}` can never print the secret parts.
impl std::fmt::Debug for StaticCredentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StaticCredentials")
            .field("access_key_id", &self.access_key_id)
            .finish_non_exhaustive()
    }
}

/// The settings dict `fastiam.session` hands to the native client.
#[derive(FromPyObject)]
#[pyo3(from_item_all)]
pub struct ClientArgs {
    region_name: Option<String>,
    endpoint_url: Option<String>,
    ignore_configured_endpoint_urls: bool,
    use_ssl: bool,
    use_fips: bool,
    use_dualstack: bool,
    profile_name: Option<String>,
    skip_environment_credentials: bool,
    aws_access_key_id: Option<String>,
    aws_secret_access_key: Option<String>,
    aws_session_token: Option<String>,
    connect_timeout: f64,
    read_timeout: f64,
    retry_mode: String,
    max_attempts: u32,
    /// "off", "botocore" or "strict".
    parameter_validation: String,
    user_agent_extra: Option<String>,
    user_agent_appid: Option<String>,
    proxy: Option<String>,
    /// The proxy URL with its user name and password masked, as botocore shows it.
    proxy_shown: Option<String>,
    /// The proxy's password (as written and decoded), redacted from any text.
    proxy_secrets: Vec<String>,
    no_proxy: Option<String>,
    ca_bundle: Option<Vec<u8>>,
    verify: bool,
    /// 0: no cap (`fastiam.session` maps botocore's non-positive sizes to it).
    max_pool_connections: u64,
}

#[derive(Clone, Debug)]
pub struct Settings {
    /// `None`: no region anywhere (IAM's global endpoint, signed for us-east-1).
    pub region: Option<String>,
    pub endpoint_url: Option<String>,
    pub ignore_configured_endpoint_urls: bool,
    pub use_ssl: bool,
    pub use_fips: bool,
    pub use_dualstack: bool,
    /// The profile to read (explicit or from AWS_PROFILE); `None`: the default one.
    pub profile_name: Option<String>,
    /// `Session(profile_name=...)`: the credential chain skips environment keys.
    pub skip_environment_credentials: bool,
    pub credentials: Option<StaticCredentials>,
    pub connect_timeout: Duration,
    pub read_timeout: Duration,
    pub retry_mode: RetryMode,
    pub max_attempts: u32,
    pub parameter_validation: Validation,
    pub user_agent_extra: Option<String>,
    pub user_agent_appid: Option<String>,
    pub transport: Transport,
    /// The proxy URL as texts show it: credentials masked.
    pub proxy_shown: Option<String>,
    pub proxy_secrets: Vec<String>,
    /// `Config(max_pool_connections)`: this client's requests in flight at once.
    pub max_connections: usize,
}

impl TryFrom<ClientArgs> for Settings {
    type Error = PyErr;

    fn try_from(args: ClientArgs) -> PyResult<Self> {
        let retry_mode = match args.retry_mode.as_str() {
            "legacy" => RetryMode::Legacy,
            "standard" => RetryMode::Standard,
            "adaptive" => RetryMode::Adaptive,
            other => {
                return Err(PyValueError::new_err(format!(
                    "unknown retry mode {other:?}"
                )))
            }
        };
        let credentials = match (args.aws_access_key_id, args.aws_secret_access_key) {
            (Some(access_key_id), Some(secret_access_key)) => Some(StaticCredentials {
                access_key_id,
                secret_access_key,
                session_token: args.aws_session_token,
            }),
            _ => None,
        };
        Ok(Settings {
            region: args.region_name,
            endpoint_url: args.endpoint_url,
            ignore_configured_endpoint_urls: args.ignore_configured_endpoint_urls,
            use_ssl: args.use_ssl,
            use_fips: args.use_fips,
            use_dualstack: args.use_dualstack,
            profile_name: args.profile_name,
            skip_environment_credentials: args.skip_environment_credentials,
            credentials,
            connect_timeout: seconds(args.connect_timeout)?,
            read_timeout: seconds(args.read_timeout)?,
            retry_mode,
            max_attempts: args.max_attempts.max(1),
            parameter_validation: match args.parameter_validation.as_str() {
                "off" => Validation::Off,
                "strict" => Validation::Strict,
                _ => Validation::Botocore,
            },
            user_agent_extra: args.user_agent_extra,
            user_agent_appid: args.user_agent_appid,
            transport: Transport {
                proxy: args.proxy,
                no_proxy: args.no_proxy,
                ca_bundle: args.ca_bundle,
                insecure: !args.verify,
            },
            proxy_shown: args.proxy_shown,
            proxy_secrets: args.proxy_secrets,
            max_connections: usize::try_from(args.max_pool_connections).unwrap_or(usize::MAX),
        })
    }
}

fn seconds(value: f64) -> PyResult<Duration> {
    Duration::try_from_secs_f64(value)
        .map_err(|_| PyValueError::new_err(format!("invalid timeout: {value}")))
}

impl Settings {
    pub fn retry_budget(&self) -> RetryBudget {
        RetryBudget {
            mode: self.retry_mode,
            max_attempts: self.max_attempts,
        }
    }

    pub fn retry_config(&self) -> RetryConfig {
        let base = match self.retry_mode {
            RetryMode::Legacy | RetryMode::Standard => RetryConfig::standard(),
            RetryMode::Adaptive => RetryConfig::adaptive(),
        };
        base.with_max_attempts(self.max_attempts)
            .with_initial_backoff(RETRY_INITIAL_BACKOFF)
            .with_max_backoff(RETRY_MAX_BACKOFF)
            .with_retry_spec(RetrySpec::v2_1())
    }

    pub fn timeout_config(&self) -> TimeoutConfig {
        TimeoutConfig::builder()
            .connect_timeout(self.connect_timeout)
            .read_timeout(self.read_timeout)
            .build()
    }

    /// Secret values that must never be shown in an error message.
    pub fn secrets(&self) -> Vec<String> {
        self.credentials
            .iter()
            .flat_map(|c| [Some(c.secret_access_key.clone()), c.session_token.clone()])
            .flatten()
            .chain(self.proxy_secrets.iter().cloned())
            .filter(|s| !s.is_empty())
            .collect()
    }

    /// `text` fit to show: the proxy URL masked, secrets redacted.
    pub fn scrub(&self, text: &str) -> String {
        let text = match (&self.transport.proxy, &self.proxy_shown) {
            (Some(url), Some(shown)) => text.replace(url.as_str(), shown),
            _ => text.to_owned(),
        };
        super::failure::redact(&text, &self.secrets())
    }
}
